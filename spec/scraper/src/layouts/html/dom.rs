//! An HTML page flattened into what the parser reads: its title, its outline links, and its body
//! as a sequence of blocks in document order (headings, paragraphs with their links, tables as
//! grids of cells, preformatted examples), each with the line it starts on.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

use crate::layouts::vocabulary::normalize_bullet;
use crate::raw::Outline;

/// A link: its target as written (`other.html#anchor`, `#anchor`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// A table cell: its text (paragraphs and list items on their own lines) and its links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub links: Vec<Link>,
}

/// A table as a grid (spanned cells repeated into every row and column they cover).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// What links to the table: its id, the anchors just before it.
    pub anchors: Vec<String>,
    pub caption: Option<String>,
    pub header: Vec<String>,
    /// Body rows, each with its line.
    pub rows: Vec<(Vec<Cell>, usize)>,
    pub line: usize,
}

/// One piece of the page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `<h2>`…`<h6>` (the `<h1>` is the title): level, text, the anchors of its section, line.
    Heading {
        level: u8,
        text: String,
        anchors: Vec<String>,
        line: usize,
    },
    Para {
        text: String,
        links: Vec<Link>,
        line: usize,
    },
    Table(Grid),
    Pre {
        text: String,
        line: usize,
    },
}

/// The page as blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: Option<(String, usize)>,
    pub outline: Outline,
    pub blocks: Vec<Block>,
    /// All the page's text, for telling its language.
    pub text: String,
}

fn sel(s: &str) -> Selector {
    // Constant selectors: a failure is a bug in this file, not bad input.
    Selector::parse(s).unwrap_or_else(|e| panic!("selector `{s}`: {e}"))
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line numbers for elements: the n-th occurrence of a tag, or an `id` attribute. Built in one
/// pass over the text, so that looking up is cheap however many elements a page has.
struct Locator {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Byte offsets of the `<tag` occurrences, by tag name (lower case).
    tags: HashMap<String, Vec<usize>>,
    /// How many of each tag were taken.
    seen: HashMap<&'static str, usize>,
    /// Byte offset of each `id="…"`, the first for a repeated id.
    ids: HashMap<String, usize>,
}

impl Locator {
    fn new(text: &str) -> Locator {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let bytes = text.as_bytes();
        let mut tags: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, _) in text.match_indices('<') {
            let name: String = bytes[at + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_lowercase() as char)
                .collect();
            if !name.is_empty() {
                tags.entry(name).or_default().push(at);
            }
        }
        let mut ids = HashMap::new();
        for (at, _) in text.match_indices("id=\"") {
            let rest = &text[at + 4..];
            if let Some(end) = rest.find('"') {
                ids.entry(rest[..end].to_string()).or_insert(at);
            }
        }
        Locator {
            line_starts,
            tags,
            seen: HashMap::new(),
            ids,
        }
    }

    fn line_at(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte)
    }

    /// The line of the next unseen occurrence of `<tag`.
    fn next_tag(&mut self, tag: &'static str) -> usize {
        let n = self.seen.entry(tag).or_insert(0);
        let at = self.tags.get(tag).and_then(|v| v.get(*n)).copied();
        *n += 1;
        at.map_or(1, |b| self.line_at(b))
    }

    fn attr_line(&self, id: &str) -> Option<usize> {
        self.ids.get(id).map(|&b| self.line_at(b))
    }
}

/// Reads a page.
pub fn read(text: &str) -> Page {
    let html = Html::parse_document(text);
    let mut loc = Locator::new(text);
    let mut walker = Walker {
        loc: &mut loc,
        blocks: Vec::new(),
        title: None,
        pending_anchors: Vec::new(),
        section_anchors: Vec::new(),
        run: Run::default(),
    };
    walker.walk(html.root_element());
    walker.flush();
    Page {
        title: walker.title,
        outline: outline(&html),
        blocks: walker.blocks,
        text: collapse(&html.root_element().text().collect::<String>()),
    }
}

/// The page's place in the reference: its topic id (the first anchor), its parent (the
/// "Parent topic" link) and the children its link list names.
fn outline(html: &Html) -> Outline {
    let id = html
        .select(&sel("a[name]"))
        .next()
        .and_then(|a| a.value().attr("name"))
        .unwrap_or_default()
        .to_string();
    let parent = html.select(&sel("div.parentlink a[href]")).next().map(|a| {
        (
            a.value().attr("href").unwrap_or_default().to_string(),
            collapse(&a.text().collect::<String>()),
        )
    });
    let children = html
        .select(&sel("li.ulchildlink a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect();
    Outline {
        id,
        parent,
        children,
    }
}

/// Text being gathered into a paragraph, with its links.
#[derive(Default)]
struct Run {
    text: String,
    links: Vec<Link>,
    line: Option<usize>,
}

struct Walker<'l> {
    loc: &'l mut Locator,
    blocks: Vec<Block>,
    title: Option<(String, usize)>,
    /// `<a name>` anchors not yet attached to a table or heading.
    pending_anchors: Vec<String>,
    /// Ids of the enclosing `div.section`s, for the next heading.
    section_anchors: Vec<String>,
    run: Run,
}

/// Elements that end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "li" | "ul" | "ol" | "br" | "dl" | "dt" | "dd" | "section" | "body"
    )
}

impl Walker<'_> {
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        let text = collapse(&run.text);
        if !text.is_empty() || !run.links.is_empty() {
            self.blocks.push(Block::Para {
                text,
                links: run.links,
                line: run.line.unwrap_or(1),
            });
        }
    }

    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.run.text.push_str(t),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        match name {
            "script" | "style" | "head" => {}
            "h1" => {
                self.flush();
                let line = self.loc.next_tag("h1");
                self.title = Some((collapse(&el.text().collect::<String>()), line));
            }
            "h2" => self.heading(el, "h2"),
            "h3" => self.heading(el, "h3"),
            "h4" => self.heading(el, "h4"),
            "h5" => self.heading(el, "h5"),
            "h6" => self.heading(el, "h6"),
            "table" => {
                self.flush();
                let line = self.loc.next_tag("table");
                let grid = grid(
                    el,
                    line,
                    std::mem::take(&mut self.pending_anchors),
                    self.loc,
                );
                self.blocks.push(Block::Table(grid));
            }
            "pre" => {
                self.flush();
                let line = self.loc.next_tag("pre");
                self.blocks.push(Block::Pre {
                    text: el.text().collect::<String>(),
                    line,
                });
            }
            "a" => self.anchor(el),
            "div" if el.value().classes().any(|c| c == "familylinks") => {}
            "div" if callout_word(el).is_some() => self.callout(el),
            _ => self.container(el, name),
        }
    }

    fn heading(&mut self, el: ElementRef<'_>, name: &'static str) {
        self.flush();
        let line = self.loc.next_tag(name);
        let mut anchors = std::mem::take(&mut self.section_anchors);
        anchors.extend(el.value().attr("id").map(str::to_string));
        anchors.append(&mut self.pending_anchors);
        self.blocks.push(Block::Heading {
            level: name.as_bytes()[1] - b'0',
            text: collapse(&el.text().collect::<String>()),
            anchors,
            line,
        });
    }

    fn anchor(&mut self, el: ElementRef<'_>) {
        if let Some(n) = el.value().attr("name") {
            self.pending_anchors.push(n.to_string());
        }
        let text = collapse(&el.text().collect::<String>());
        if let Some(href) = el.value().attr("href") {
            self.run.links.push(Link {
                href: href.to_string(),
                text: text.clone(),
            });
        }
        self.run.text.push_str(&text);
    }

    fn container(&mut self, el: ElementRef<'_>, name: &str) {
        let block = is_block(name);
        if block {
            self.flush();
        }
        if el.value().classes().any(|c| c == "section") {
            self.section_anchors
                .extend(el.value().attr("id").map(str::to_string));
        }
        if self.run.line.is_none() {
            self.run.line = el.value().attr("id").and_then(|id| self.loc.attr_line(id));
        }
        if name == "li" {
            self.run.text.push_str(&li_marker(el));
        }
        self.walk(el);
        if block {
            self.flush();
        }
    }

    /// A note, caution or warning: its label as a paragraph of its own, its content, then an
    /// empty paragraph that ends it (the spec's convention, `apiref_spec::text`).
    fn callout(&mut self, el: ElementRef<'_>) {
        self.flush();
        let line = el
            .value()
            .attr("id")
            .and_then(|id| self.loc.attr_line(id))
            .unwrap_or(1);
        self.blocks.push(Block::Para {
            text: callout_label(el),
            links: Vec::new(),
            line,
        });
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.run.text.push_str(t),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child).filter(|c| !is_callout_title(*c)) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
        self.flush();
        self.blocks.push(Block::Para {
            text: String::new(),
            links: Vec::new(),
            line,
        });
    }
}

/// Classes of the documentation tooling's note blocks, and the label each stands for.
const CALLOUT_CLASSES: [(&str, &str); 6] = [
    ("note", "NOTE"),
    ("notice", "NOTICE"),
    ("caution", "CAUTION"),
    ("warning", "WARNING"),
    ("danger", "DANGER"),
    ("tip", "TIP"),
];

/// The label a note block's class stands for (`div.note` → `NOTE`).
fn callout_word(el: ElementRef<'_>) -> Option<&'static str> {
    el.value().classes().find_map(|c| {
        CALLOUT_CLASSES
            .iter()
            .find(|(class, _)| c.eq_ignore_ascii_case(class))
            .map(|(_, word)| *word)
    })
}

/// The title element of a note block (`span.notetitle`, `span.cautiontitle`, …).
fn is_callout_title(el: ElementRef<'_>) -> bool {
    el.value().classes().any(|c| {
        c.len() > 5 && c.ends_with("title") && CALLOUT_CLASSES.iter().any(|(w, _)| c.starts_with(w))
    })
}

/// A note block's label line: its title as written when it reads as one (`NOTE:`, `说明：`),
/// else the word of its class (the title may be an image, or empty).
fn callout_label(el: ElementRef<'_>) -> String {
    let title = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|c| is_callout_title(*c))
        .map(|t| collapse(&t.text().collect::<String>()))
        .unwrap_or_default();
    match apiref_spec::text::callout(&title) {
        Some((_, None)) => title,
        _ => format!("{}:", callout_word(el).unwrap_or("NOTE")),
    }
}

/// The marker of a list item as the spec writes it (`apiref_spec::text`): `• ` for a bullet
/// (normalized to `●` with the others), `1. ` for the n-th item of an ordered list, `– ` for an
/// item nested in another.
fn li_marker(li: ElementRef<'_>) -> String {
    let nested = li
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| !matches!(a.value().name(), "td" | "th" | "body"))
        .any(|a| a.value().name() == "li");
    if nested {
        return format!("{} ", apiref_spec::text::SUB_BULLET);
    }
    match li.parent().and_then(ElementRef::wrap) {
        Some(ol) if ol.value().name() == "ol" => {
            let start = ol
                .value()
                .attr("start")
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(1);
            let before = li
                .prev_siblings()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "li")
                .count() as u64;
            format!("{}. ", start + before)
        }
        _ => "• ".to_string(),
    }
}

/// The text of a cell as lines in the spec's convention (`apiref_spec::text`): paragraphs and
/// list items apart (bullets as `●`, numbered items as `1.`, nested items as `–`), a note's
/// label on a line of its own and an empty line after it, preformatted text between fences,
/// a table inside the cell as `| a | b |` rows; and its links.
fn cell(el: ElementRef<'_>) -> Cell {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut links = Vec::new();
    cell_walk(el, &mut lines, &mut current, &mut links);
    push_line(&mut lines, &mut current);
    // No empty line at the ends, none twice.
    let mut text = String::new();
    for l in &lines {
        if l.is_empty() && (text.is_empty() || text.ends_with("\n\n")) {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(l);
    }
    Cell {
        text: text.trim_end().to_string(),
        links,
    }
}

fn push_line(lines: &mut Vec<String>, current: &mut String) {
    let t = collapse(current);
    if !t.is_empty() {
        lines.push(normalize_bullet(&t));
    }
    current.clear();
}

fn cell_walk(
    el: ElementRef<'_>,
    lines: &mut Vec<String>,
    current: &mut String,
    links: &mut Vec<Link>,
) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if name == "img" {
                    continue;
                }
                if name == "table" {
                    push_line(lines, current);
                    table_rows(child_el, lines);
                    continue;
                }
                if name == "pre" {
                    push_line(lines, current);
                    lines.push(apiref_spec::text::FENCE.to_string());
                    let text = child_el.text().collect::<String>();
                    lines.extend(
                        text.trim_matches('\n')
                            .lines()
                            .map(|l| l.trim_end().replace(apiref_spec::text::FENCE, "'''")),
                    );
                    lines.push(apiref_spec::text::FENCE.to_string());
                    continue;
                }
                if is_callout_title(child_el) {
                    continue;
                }
                if callout_word(child_el).is_some() {
                    push_line(lines, current);
                    lines.push(callout_label(child_el));
                    cell_walk(child_el, lines, current, links);
                    push_line(lines, current);
                    lines.push(String::new());
                    continue;
                }
                if name == "a" {
                    if let Some(href) = e.attr("href") {
                        links.push(Link {
                            href: href.to_string(),
                            text: collapse(&child_el.text().collect::<String>()),
                        });
                    }
                }
                let block = is_block(name) || name == "pre";
                if block {
                    push_line(lines, current);
                }
                if name == "li" {
                    current.push_str(&li_marker(child_el));
                }
                cell_walk(child_el, lines, current, links);
                if block {
                    push_line(lines, current);
                }
            }
            _ => {}
        }
    }
}

/// A table inside a cell as `| a | b |` rows (the first row is the header), `|` in a cell
/// escaped.
fn table_rows(table: ElementRef<'_>, lines: &mut Vec<String>) {
    let tr_sel = sel("tr");
    let rows = table
        .select(&tr_sel)
        .filter(|tr| nearest_table(*tr) == Some(table));
    for tr in rows {
        let cells: Vec<String> = tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .map(|c| collapse(&c.text().collect::<String>()).replace('|', "\\|"))
            .collect();
        if !cells.is_empty() {
            lines.push(format!("| {} |", cells.join(" | ")));
        }
    }
}

/// A table element as a grid: header from `<th>` rows, body from the others.
fn grid(table: ElementRef<'_>, line: usize, mut anchors: Vec<String>, loc: &Locator) -> Grid {
    anchors.extend(table.value().attr("id").map(str::to_string));
    let caption = table
        .select(&sel("caption"))
        .next()
        .map(|c| collapse(&c.text().collect::<String>()));
    let rows: Vec<ElementRef<'_>> = table
        .select(&sel("tr"))
        .filter(|tr| nearest_table(*tr) == Some(table))
        .collect();
    let mut header = Vec::new();
    let mut body = Vec::new();
    let mut spans: Vec<(usize, Cell)> = Vec::new();
    for tr in rows {
        let cells: Vec<ElementRef<'_>> = tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .collect();
        if cells.iter().all(|c| c.value().name() == "th") && body.is_empty() {
            header = cells
                .iter()
                .map(|c| collapse(&c.text().collect::<String>()))
                .collect();
            continue;
        }
        let row_line = tr
            .value()
            .attr("id")
            .and_then(|id| loc.attr_line(id))
            .unwrap_or(line);
        body.push((fill_row(&cells, &mut spans), row_line));
    }
    Grid {
        anchors,
        caption,
        header,
        rows: body,
        line,
    }
}

/// One row's cells with the cells that rows above span into it; `spans` holds, per column,
/// how many more rows a cell covers and its content.
fn fill_row(cells: &[ElementRef<'_>], spans: &mut Vec<(usize, Cell)>) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut given = cells.iter();
    let mut col = 0;
    loop {
        if let Some((left, content)) = spans.get_mut(col).filter(|(left, _)| *left > 0) {
            *left -= 1;
            out.push(content.clone());
            col += 1;
            continue;
        }
        let Some(c) = given.next() else { break };
        let content = cell(*c);
        let span = |attr: &str| {
            c.value()
                .attr(attr)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64)
        };
        let (rowspan, colspan) = (span("rowspan"), span("colspan"));
        for _ in 0..colspan {
            if spans.len() <= col {
                spans.resize(col + 1, (0, Cell::default()));
            }
            spans[col] = (rowspan - 1, content.clone());
            out.push(content.clone());
            col += 1;
        }
    }
    out
}

/// The id of the table element a row belongs to (rows of tables nested in cells belong there).
fn nearest_table(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_with_links_anchors_and_spans() {
        let text = "<h1>Title</h1>\n<div class=\"section\" id=\"s1\"><h4>URI</h4>\n<p id=\"p1\">GET /v1/x</p>\n\
            <p>See <a href=\"other.html#t9\">Table 9</a>.</p>\n<a name=\"t2\"></a><table id=\"t2\"><caption>Table 2 Request</caption>\
            <thead><tr><th>Parameter</th><th>Type</th></tr></thead><tbody>\n<tr><td rowspan=\"2\">a</td><td><p>x</p><ul><li>one</li></ul></td></tr>\
            <tr><td>y</td></tr></tbody></table></div>\n<pre>{\"a\": 1}</pre>";
        let page = read(text);
        assert_eq!(page.title, Some(("Title".to_string(), 1)));
        let Block::Heading {
            text: h,
            anchors,
            line,
            ..
        } = &page.blocks[0]
        else {
            panic!("{:?}", page.blocks)
        };
        assert_eq!(
            (h.as_str(), anchors.as_slice(), *line),
            ("URI", &["s1".to_string()][..], 2)
        );
        assert!(
            matches!(&page.blocks[1], Block::Para { text, line: 3, .. } if text == "GET /v1/x")
        );
        let Block::Para { links, .. } = &page.blocks[2] else {
            panic!()
        };
        assert_eq!(links[0].href, "other.html#t9");
        let Block::Table(g) = &page.blocks[3] else {
            panic!("{:?}", page.blocks[3])
        };
        assert_eq!(g.anchors, ["t2", "t2"]);
        assert_eq!(g.header, ["Parameter", "Type"]);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].0[1].text, "x\n● one");
        assert_eq!(g.rows[1].0[0].text, "a", "the spanned cell repeats");
        assert_eq!(g.rows[1].0[1].text, "y");
        assert!(matches!(&page.blocks[4], Block::Pre { line: 7, .. }));
    }

    /// The description cell of a made-up page: `html` inside the second cell.
    fn cell_text(html: &str) -> String {
        let page = read(&format!(
            "<h1>T</h1><table><thead><tr><th>Parameter</th><th>Description</th></tr></thead>\
             <tbody><tr><td>a</td><td>{html}</td></tr></tbody></table>"
        ));
        let Some(Block::Table(g)) = page.blocks.first() else {
            panic!("{:?}", page.blocks)
        };
        g.rows[0].0[1].text.clone()
    }

    #[test]
    fn cell_lists_keep_their_kind_and_nesting() {
        assert_eq!(
            cell_text("<p>Steps:</p><ol><li>Log in.</li><li>Click <b>Save</b>.</li></ol>"),
            "Steps:\n1. Log in.\n2. Click Save."
        );
        assert_eq!(cell_text("<ol start=\"3\"><li>c</li></ol>"), "3. c");
        assert_eq!(
            cell_text("<ul><li>Must contain:<ul><li>letters</li><li>digits</li></ul></li><li>Short.</li></ul>"),
            "● Must contain:\n– letters\n– digits\n● Short."
        );
    }

    #[test]
    fn cell_notes_in_their_variants_end_with_an_empty_line() {
        // A titled note, then text after it.
        assert_eq!(
            cell_text("<p>Key.</p><div class=\"note\"><span class=\"notetitle\"> NOTE: </span><div class=\"notebody\"><p>Rules.</p><ul><li>a</li></ul></div></div><p>After.</p>"),
            "Key.\nNOTE:\nRules.\n● a\n\nAfter."
        );
        // Untitled (an image), a caution, a Chinese title; at the end of the cell.
        assert_eq!(
            cell_text("<div class=\"note\"><img src=\"n.png\"><span class=\"notetitle\"> </span><div class=\"notebody\"><p>x</p></div></div>"),
            "NOTE:\nx"
        );
        assert_eq!(
            cell_text(
                "<div class=\"caution\"><span class=\"cautiontitle\">CAUTION:</span><p>y</p></div>"
            ),
            "CAUTION:\ny"
        );
        assert_eq!(
            cell_text(
                "<div class=\"notice\"><span class=\"noticetitle\">须知：</span><p>z</p></div>"
            ),
            "须知：\nz"
        );
    }

    #[test]
    fn cell_code_and_tables_keep_their_lines() {
        assert_eq!(
            cell_text("<p>Linux:</p><pre class=\"screen\">#! /bin/bash\necho a &gt;&gt; /tmp/x</pre><p>After.</p>"),
            "Linux:\n```\n#! /bin/bash\necho a >> /tmp/x\n```\nAfter."
        );
        assert_eq!(
            cell_text("<p>Values:</p><table><tr><th>Value</th><th>Meaning</th></tr><tr><td>a|b</td><td>first</td></tr></table>"),
            "Values:\n| Value | Meaning |\n| a\\|b | first |"
        );
    }

    #[test]
    fn page_notes_are_labelled_paragraphs_ended_by_an_empty_one() {
        let page = read(
            "<h1>T</h1><p>Intro.</p><div class=\"note\"><span class=\"notetitle\">Note:</span>\
             <div class=\"notebody\"><p>Inside.</p></div></div><p>Outside.</p>",
        );
        let texts: Vec<&str> = page
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Intro.", "Note:", "Inside.", "", "Outside."]);
    }
}
