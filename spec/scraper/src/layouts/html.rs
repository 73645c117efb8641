//! HTML pages of the documentation tooling (`html-ecs/*.html`, the Elastic Cloud Server
//! reference), read with `scraper`. Each page is one API: an `<h1>` title and `<h4>` sections
//! (Function, Constraints, URI, Request, Response, Example Request/Response).
//!
//! Tables carry `<caption>`s (`Table 3 nics field description`), but a nested object's row only
//! says `Object` / `Array of objects` and links the table from its description ("see Table 3");
//! some rows do not link at all. Nested tables are resolved by link, then by caption name, then
//! by order; each gets a model name from its caption, and the row's type is rewritten to
//! `Xyz object` / `Array of Xyz objects` so the normalizer reads it like any other layout.
//! Columns are found by their header words, so Parameter / Type / Mandatory / Description and
//! Parameter / Mandatory / Description tables read alike.

use scraper::{ElementRef, Html, Node, Selector};

use crate::model::{Example, ExampleKind, Location};
use crate::raw::{Diagnostic, Outline, RawDoc, RawOperation, RawRow, RawTable, Severity, TableRole};

use super::page_lines::{error, warn};
use super::vocabulary::{header_cell, normalize_bullet, required_cell, uri_line, Column};

/// Whether `text` is an HTML page: markup from its first character, with a heading or a body.
pub fn recognizes(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('<') && ["<h1", "<body", "<html", "<div"].iter().any(|tag| t.contains(tag))
}

/// Parses one HTML page: an API page gives one operation; any other page (a chapter index, an
/// appendix, a data-structure page) gives its tables and its place in the outline.
pub fn parse(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    let html = Html::parse_document(text);
    let loc = Locator::new(text);
    let mut diags = Vec::new();
    let Some(h1) = html.select(&sel("h1")).next() else {
        return Err(vec![error(file, 1, "no <h1> title: not a page of a reference".into())]);
    };
    let title = collapse(&h1.text().collect::<String>());
    let mut doc = RawDoc {
        file: file.to_string(),
        format: "html".into(),
        language: super::vocabulary::language_of(&collapse(&html.root_element().text().collect::<String>())).into(),
        title: Some(title.clone()),
        outline: Some(outline(&html)),
        ..RawDoc::default()
    };
    let mut op = RawOperation {
        title,
        line: loc.nth_tag("<h1", 0),
        ..RawOperation::default()
    };
    let mut tables: Vec<HTable> = Vec::new();
    let mut description = Vec::new();
    for h4 in html.select(&sel("h4")) {
        let name = collapse(&h4.text().collect::<String>());
        let Some(section) = h4.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        match name.as_str() {
            "Function" => description.extend(block_lines(section, true)),
            "Constraints" => {
                description.push("Constraints:".to_string());
                description.extend(block_lines(section, true));
            }
            "URI" => {
                let uri = section
                    .select(&sel("p"))
                    .map(|p| collapse(&p.text().collect::<String>()))
                    .find_map(|t| uri_line(&t).map(|u| (u, t)));
                if let Some(((method, path, query), t)) = uri {
                    op.method = method;
                    op.uri_line = loc
                        .find(&t.replace('&', "&amp;"))
                        .or_else(|| loc.find(&path))
                        .unwrap_or(op.line);
                    op.path = path;
                    op.query_template = query;
                }
            }
            "Example Request" => {
                op.examples
                    .extend(examples(file, section, ExampleKind::Request, &html, &loc))
            }
            "Example Response" => {
                op.examples
                    .extend(examples(file, section, ExampleKind::Response, &html, &loc));
                let t = collapse(&section.text().collect::<String>());
                if let Some(status) = t
                    .split("Status code ")
                    .nth(1)
                    .and_then(|r| r.get(..3))
                    .and_then(|s| s.parse().ok())
                {
                    op.status_codes
                        .push((status, String::new(), loc.nth_tag("<h4", 0)));
                }
            }
            _ => {}
        }
    }
    // Tables belong to the section heading before them; some stand after their section's end.
    let mut part = None;
    for el in html.root_element().descendent_elements() {
        match el.value().name() {
            "h4" => {
                part = match collapse(&el.text().collect::<String>()).as_str() {
                    "URI" => Some(Part::Uri),
                    "Request" => Some(Part::Request),
                    "Response" => Some(Part::Response),
                    _ => None,
                }
            }
            "table" => match part {
                Some(p) => tables.push(read_table(el, p, &html, &loc)),
                None => diags.push(warn(
                    file,
                    loc.nth_tag("<table", ordinal(&html, "table", el)),
                    "a table outside URI, Request and Response is not read".into(),
                )),
            },
            _ => {}
        }
    }
    op.description = description.join("\n");
    op.group = html
        .select(&sel("div.parentlink a"))
        .next()
        .map(|a| collapse(&a.text().collect::<String>()));
    if op.method.is_empty() {
        diags.push(Diagnostic::new(
            file,
            op.line,
            Severity::Note,
            format!("`{}` is not an API page (no URI section with a request line)", op.title),
        ));
        doc.diagnostics = diags;
        return Ok(doc);
    }
    op.tables = resolve_nested(file, tables, &mut diags);
    add_template_params(file, &mut op, &mut diags);
    doc.operations.push(op);
    doc.diagnostics = diags;
    Ok(doc)
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

fn sel(s: &str) -> Selector {
    // Constant selectors: a failure is a bug in this file, not bad input.
    Selector::parse(s).unwrap_or_else(|e| panic!("selector `{s}`: {e}"))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line numbers for elements: the n-th occurrence of a tag, or a unique attribute.
struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Locator { text }
    }

    fn line_at(&self, byte: usize) -> usize {
        self.text[..byte.min(self.text.len())].matches('\n').count() + 1
    }

    fn find(&self, needle: &str) -> Option<usize> {
        self.text.find(needle).map(|b| self.line_at(b))
    }

    /// Line of the `n`-th (0-based) occurrence of `tag` (e.g. `<table`), or 1.
    fn nth_tag(&self, tag: &str, n: usize) -> usize {
        self.text
            .match_indices(tag)
            .nth(n)
            .map_or(1, |(b, _)| self.line_at(b))
    }
}

/// Index of `el` among all elements matching `selector` in document order.
fn ordinal(html: &Html, selector: &str, el: ElementRef<'_>) -> usize {
    html.select(&sel(selector))
        .position(|e| e.id() == el.id())
        .unwrap_or(0)
}

/// The text of an element as lines: paragraphs on their own lines, list items as `●` bullets.
/// `skip_heading` leaves out the section's `<h4>`.
fn block_lines(el: ElementRef<'_>, skip_heading: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    walk(el, skip_heading, &mut lines, &mut current);
    flush(&mut lines, &mut current);
    lines
}

fn flush(lines: &mut Vec<String>, current: &mut String) {
    let t = collapse(current);
    if !t.is_empty() {
        lines.push(normalize_bullet(&t));
    }
    current.clear();
}

fn walk(el: ElementRef<'_>, skip_heading: bool, lines: &mut Vec<String>, current: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if (skip_heading && name == "h4")
                    || name == "table"
                    || name == "pre"
                    || name == "img"
                {
                    continue;
                }
                let block = matches!(name, "p" | "div" | "li" | "ul" | "ol" | "br" | "h4");
                if block {
                    flush(lines, current);
                }
                if name == "li" {
                    current.push_str("• ");
                }
                walk(child_el, skip_heading, lines, current);
                if block {
                    flush(lines, current);
                }
            }
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Uri,
    Request,
    Response,
}

/// One captioned HTML table before nested tables are named.
#[derive(Debug)]
struct HTable {
    part: Part,
    number: Option<u32>,
    /// Caption name without `Table N` and ` field description` / ` parameters`.
    name: String,
    caption: String,
    /// Request parameters / Response parameters / the URI table.
    main: bool,
    line: usize,
    /// Rows with the table numbers their descriptions link to.
    rows: Vec<(RawRow, Vec<u32>)>,
}

fn table_number(text: &str) -> Option<u32> {
    text.trim()
        .strip_prefix("Table ")?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn read_table(table: ElementRef<'_>, part: Part, html: &Html, loc: &Locator<'_>) -> HTable {
    {
        let caption = table
            .select(&sel("caption"))
            .next()
            .map(|c| collapse(&c.text().collect::<String>()))
            .unwrap_or_default();
        let number = table_number(&caption);
        let mut name = caption.clone();
        if let Some(n) = number {
            name = name
                .trim_start_matches(&format!("Table {n}"))
                .trim()
                .to_string();
        }
        let lower = name.to_ascii_lowercase();
        let main = part == Part::Uri
            || matches!(lower.as_str(), "request parameters" | "response parameters");
        for suffix in [
            " field description",
            " parameters",
            " parameter description",
            " description",
        ] {
            if let Some(s) = name.strip_suffix(suffix) {
                name = s.trim().to_string();
                break;
            }
        }
        let line = loc.nth_tag("<table", ordinal(html, "table", table));
        let columns: Vec<Option<Column>> = table
            .select(&sel("th"))
            .map(|th| header_cell(&collapse(&th.text().collect::<String>())))
            .collect();
        let col = |c: Column| columns.iter().position(|x| *x == Some(c));
        let mut rows = Vec::new();
        for tr in table.select(&sel("tbody tr")) {
            let cells: Vec<ElementRef<'_>> = tr.select(&sel("td")).collect();
            let text_of = |c: Option<usize>| {
                c.and_then(|i| cells.get(i))
                    .map(|td| collapse(&td.text().collect::<String>()))
                    .unwrap_or_default()
            };
            let name = text_of(col(Column::Name));
            if name.is_empty() {
                continue;
            }
            let desc_cell = col(Column::Description).and_then(|i| cells.get(i));
            let description = desc_cell
                .map(|td| block_lines(*td, false).join("\n"))
                .unwrap_or_default();
            let links = desc_cell
                .map(|td| {
                    td.select(&sel("a"))
                        .filter_map(|a| table_number(&a.text().collect::<String>()))
                        .collect()
                })
                .unwrap_or_default();
            let type_text = match col(Column::Type) {
                Some(_) => text_of(col(Column::Type)),
                None => "String".to_string(),
            };
            let row_line = tr
                .value()
                .attr("id")
                .and_then(|id| loc.find(&format!("id=\"{id}\"")))
                .unwrap_or(line);
            let row = RawRow {
                name,
                required: col(Column::Required).and_then(|c| required_cell(&text_of(Some(c)))),
                type_text,
                description,
                line: row_line,
                ..RawRow::default()
            };
            rows.push((row, links));
        }
        HTable {
            part,
            number,
            name,
            caption,
            main,
            line,
            rows,
        }
    }
}

fn is_object_type(t: &str) -> Option<bool> {
    match t.trim() {
        "Object" | "object" | "JSON" => Some(false),
        "Array of objects" | "Array of object" | "Array of Object" => Some(true),
        _ => None,
    }
}

fn upper_camel(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Names the nested tables, rewrites object rows to refer to them and assigns table roles.
fn resolve_nested(
    file: &str,
    mut tables: Vec<HTable>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawTable> {
    let n = tables.len();
    // parent[k] = (table index, row index) of the row that refers to nested table k.
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
    let pending_rows: Vec<(usize, usize)> = (0..n)
        .flat_map(|t| (0..tables[t].rows.len()).map(move |r| (t, r)))
        .filter(|&(t, r)| is_object_type(&tables[t].rows[r].0.type_text).is_some())
        .collect();
    let mut unresolved = Vec::new();
    // 1. Links ("see Table 3").
    for &(t, r) in &pending_rows {
        let target = tables[t].rows[r].1.iter().find_map(|num| {
            (0..n).find(|&k| {
                tables[k].number == Some(*num) && !tables[k].main && parent[k].is_none() && k != t
            })
        });
        match target {
            Some(k) => parent[k] = Some((t, r)),
            None => unresolved.push((t, r)),
        }
    }
    // 2. A caption named after the field (`fpgaimages`, or its singular).
    let mut still = Vec::new();
    for (t, r) in unresolved {
        let field = tables[t].rows[r].0.name.clone();
        let singular = field.strip_suffix('s').unwrap_or(&field).to_string();
        let target = (0..n).find(|&k| {
            !tables[k].main
                && parent[k].is_none()
                && k != t
                && (tables[k].name == field || tables[k].name == singular)
        });
        match target {
            Some(k) => parent[k] = Some((t, r)),
            None => still.push((t, r)),
        }
    }
    // 3. In order: the next unreferenced nested table after the row's own table.
    for (t, r) in still {
        // None left: a free-form object (`metadata`), which the normalizer types `object`.
        let next = (t + 1..n)
            .find(|&k| !tables[k].main && parent[k].is_none() && tables[k].part == tables[t].part);
        if let Some(k) = next {
            parent[k] = Some((t, r));
        }
    }
    // Model names, unique on the page; parents first so a clash can take the parent's name.
    let mut names: Vec<Option<String>> = vec![None; n];
    let mut used: Vec<String> = Vec::new();
    for k in 0..n {
        if tables[k].main {
            continue;
        }
        let Some((pt, _)) = parent[k] else {
            diags.push(warn(
                file,
                tables[k].line,
                format!(
                    "table `{}` is not referred to by any row",
                    tables[k].caption
                ),
            ));
            continue;
        };
        let base = upper_camel(&tables[k].name);
        let mut name = base.clone();
        if used.contains(&name) {
            name = match &names[pt] {
                Some(p) => format!("{p}{base}"),
                None if tables[k].part == Part::Response => format!("{base}Response"),
                None => format!("{base}Request"),
            };
        }
        let mut i = 2;
        while used.contains(&name) {
            name = format!("{base}{i}");
            i += 1;
        }
        used.push(name.clone());
        names[k] = Some(name);
    }
    for k in 0..n {
        if let (Some((t, r)), Some(name)) = (parent[k], &names[k]) {
            let row = &mut tables[t].rows[r].0;
            row.type_text = match is_object_type(&row.type_text) {
                Some(true) => format!("Array of {name} objects"),
                _ => format!("{name} object"),
            };
        }
    }
    let mut out = Vec::new();
    for (k, t) in tables.into_iter().enumerate() {
        let role = if t.part == Part::Uri {
            None
        } else if t.main {
            Some(if t.part == Part::Request {
                TableRole::RequestBody
            } else {
                TableRole::ResponseBody(None)
            })
        } else {
            names[k].clone().map(TableRole::Nested)
        };
        let caption = Some(t.caption.clone());
        match role {
            Some(role) => out.push(RawTable {
                role,
                caption,
                line: t.line,
                rows: t.rows.into_iter().map(|(r, _)| r).collect(),
            }),
            None if t.part == Part::Uri => out.push(RawTable {
                role: TableRole::UriParams,
                caption,
                line: t.line,
                rows: t.rows.into_iter().map(|(r, _)| r).collect(),
            }),
            None => {}
        }
    }
    out
}

/// Names of the query template (`a={a}&b={b}` → a, b).
fn template_names(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split('=').next())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// Every name of the URI's query template is a query parameter, even without a table row.
fn add_template_params(file: &str, op: &mut RawOperation, diags: &mut Vec<Diagnostic>) {
    let Some(query) = op.query_template.clone() else {
        return;
    };
    let known: Vec<String> = op
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.name.clone()))
        .collect();
    let missing: Vec<RawRow> = template_names(&query)
        .into_iter()
        .filter(|n| !known.contains(n))
        .map(|name| RawRow {
            name,
            type_text: "String".into(),
            line: op.uri_line,
            ..RawRow::default()
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    for row in &missing {
        diags.push(warn(
            file,
            op.uri_line,
            format!("query parameter `{}` of the URI has no table row", row.name),
        ));
    }
    match op
        .tables
        .iter_mut()
        .find(|t| t.role == TableRole::Params(Location::Query))
    {
        Some(t) => t.rows.extend(missing),
        None => op.tables.push(RawTable {
            role: TableRole::Params(Location::Query),
            caption: None,
            line: op.uri_line,
            rows: missing,
        }),
    }
}

/// The `<pre>` blocks of an example section: a request line, then its JSON body.
fn examples(
    file: &str,
    section: ElementRef<'_>,
    kind: ExampleKind,
    html: &Html,
    loc: &Locator<'_>,
) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for pre in section.select(&sel("pre")) {
        let body = pre.text().collect::<String>();
        let t = body.trim();
        let line = loc.nth_tag("<pre", ordinal(html, "pre", pre));
        let source = format!("{file}:{line}");
        if kind == ExampleKind::Request
            && uri_line(t).is_none()
            && t.split_whitespace()
                .next()
                .is_some_and(|m| ["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&m))
        {
            out.push(Example {
                kind,
                title: None,
                status: None,
                url: Some(collapse(t)),
                json: None,
                source,
            });
            continue;
        }
        if !t.starts_with(['{', '[']) {
            continue;
        }
        // A request body belongs to the request line printed just before it.
        if let Some(last) = out
            .last_mut()
            .filter(|e| e.json.is_none() && e.url.is_some())
        {
            last.json = Some(t.to_string());
            continue;
        }
        let title = pre
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|p| p.id() != section.id())
            .map(|p| block_lines(p, false).join(" "))
            .filter(|s| !s.is_empty());
        out.push(Example {
            kind,
            title,
            status: None,
            url: None,
            json: Some(t.to_string()),
            source,
        });
    }
    out
}
