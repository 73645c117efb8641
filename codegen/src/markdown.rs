//! Descriptions as Markdown: the structure the scraper kept ([`apiref_spec::text`]: bullet and
//! numbered lists, notes, tables, preformatted text) becomes Markdown blocks, identifiers and
//! values become code spans, and "see `<title>`" becomes an intra-doc link when the title is an
//! operation (or a schema) the generated client has.
//!
//! Everything else is escaped as before ([`crate::docs`]): no text of a document can open a
//! link, an HTML tag, a heading or an indented code block (which `cargo test` would compile).

use std::collections::BTreeMap;

use apiref_spec::text::{self, Block, Item};

use crate::docs::escape_text;

/// Where the rendered doc sits, for writing intra-doc paths that resolve from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// The crate root (the client's methods, root items).
    Root,
    /// Inside `mod models`.
    Models,
    /// Inside another module beside `models` (`operations`, `error_codes`).
    Sibling,
}

/// An operation a cross-reference can point at.
#[derive(Debug, Clone)]
struct Target {
    method: String,
    deprecated: bool,
    version: String,
}

/// What cross-references resolve against: the titles of the emitted operations and the names of
/// the emitted models.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Lower-case title (English and Chinese) → the operations with that title, in document
    /// order.
    titles: BTreeMap<String, Vec<Target>>,
    /// Schema name → Rust type name.
    schemas: BTreeMap<String, String>,
    /// The client type.
    pub client: String,
    /// Show the Chinese description beside the English one, where the spec has one.
    pub zh: bool,
    /// The crate the examples import from.
    pub example_crate: String,
}

impl Links {
    /// Links to the given operations (title, Chinese title, method, deprecated, API version) and
    /// models (schema name → type name).
    pub fn new<'a>(
        ops: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a str, bool, &'a str)>,
        schemas: BTreeMap<String, String>,
    ) -> Links {
        let mut titles: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        for (title, title_zh, method, deprecated, version) in ops {
            for t in std::iter::once(title).chain(title_zh) {
                let key = t.trim().to_lowercase();
                if key.chars().count() < 4 {
                    continue;
                }
                titles.entry(key).or_default().push(Target {
                    method: method.to_string(),
                    deprecated,
                    version: version.to_string(),
                });
            }
        }
        Links {
            titles,
            schemas,
            client: String::new(),
            zh: false,
            example_crate: String::new(),
        }
    }
}

/// How one description is rendered.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub links: &'a Links,
    pub site: Site,
    /// The values the field lists (its enumeration), for marking them as code in its list items.
    pub values: &'a [String],
    /// The API version of the operation the text belongs to, to prefer links within it.
    pub version: Option<&'a str>,
    /// The field's default, which its doc states (a `Default: x` line restating it is left out).
    pub default: Option<&'a str>,
    /// The doc states the listed values and the default apart: blocks that only restate them
    /// are left out.
    pub facts_stated: bool,
    /// The schema a field's type names (`array<Tag>` → `Tag`), which its "see Table N" means.
    pub type_schema: Option<&'a str>,
    /// Chinese descriptions are shown too.
    pub zh: bool,
}

impl<'a> Env<'a> {
    pub fn new(links: &'a Links, site: Site) -> Self {
        Env {
            links,
            site,
            values: &[],
            version: None,
            default: None,
            facts_stated: false,
            type_schema: None,
            zh: links.zh,
        }
    }

    /// The same, for a field with these listed values.
    pub fn with_values(self, values: &'a [String]) -> Self {
        Env { values, ..self }
    }

    /// The same, for a field's description: its listed values and default are stated apart.
    pub fn for_field(self, field: &'a apiref_spec::Field) -> Self {
        Env {
            values: &field.enum_values,
            default: field.default.as_deref(),
            facts_stated: true,
            type_schema: named_in(&field.ty),
            ..self
        }
    }

    /// The intra-doc path of the model of [`Env::type_schema`], when the client has it.
    fn type_path(&self) -> Option<String> {
        let rust = self.links.schemas.get(self.type_schema?)?;
        Some(self.model_path(rust))
    }

    /// The same, for a doc that lists `values` apart (an enum's variants).
    pub fn stating_values(self, values: &'a [String]) -> Self {
        Env {
            values,
            facts_stated: true,
            ..self
        }
    }

    /// The same, for text of an operation of this API version.
    pub fn with_version(self, version: &'a str) -> Self {
        Env {
            version: Some(version),
            ..self
        }
    }

    fn op_path(&self, method: &str) -> String {
        let prefix = match self.site {
            Site::Root => "",
            Site::Models | Site::Sibling => "super::",
        };
        format!("{prefix}{}::{method}", self.links.client)
    }

    fn model_path(&self, rust: &str) -> String {
        match self.site {
            Site::Root => format!("models::{rust}"),
            Site::Models => rust.to_string(),
            Site::Sibling => format!("super::models::{rust}"),
        }
    }
}

/// The schema a spec type names, inside lists and maps (`array<Tag>` → `Tag`).
fn named_in(ty: &str) -> Option<&str> {
    let mut t = ty.trim();
    loop {
        if let Some(inner) = t.strip_prefix("array<").and_then(|r| r.strip_suffix('>')) {
            t = inner.trim();
        } else if let Some(inner) = t.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
            t = inner.split_once(',')?.1.trim();
        } else {
            break;
        }
    }
    t.starts_with(|c: char| c.is_ascii_uppercase()).then_some(t)
}

/// What rendering found, summed over texts (for `reports/docs.txt`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Texts rendered, and those with any structure beyond paragraphs.
    pub texts: usize,
    pub structured: usize,
    pub shape: text::Shape,
    /// Callout labels without any text after them (dropped).
    pub empty_callouts: usize,
    pub code_spans: usize,
    pub links_to_operations: usize,
    pub links_to_models: usize,
    /// Of those, "see Table N" in the doc of a field typed by the table's model.
    pub table_links: usize,
    /// "see `<title>`" phrases naming nothing the client has: phrase → count.
    pub unresolved: BTreeMap<String, usize>,
    /// Bullet glyphs left inside a line (not at its start), which stay text.
    pub inline_bullets: usize,
    /// Bullet items that only list the field's values (its doc lists them once).
    pub restated_values: usize,
    /// `Default: x` lines of a field with that default (its doc states it once).
    pub restated_defaults: usize,
}

impl Stats {
    pub fn add(&mut self, other: &Stats) {
        self.texts += other.texts;
        self.structured += other.structured;
        let (a, b) = (&mut self.shape, &other.shape);
        a.paragraphs += b.paragraphs;
        a.bullet_items += b.bullet_items;
        a.numbered_items += b.numbered_items;
        a.callouts += b.callouts;
        a.tables += b.tables;
        a.code_blocks += b.code_blocks;
        self.empty_callouts += other.empty_callouts;
        self.code_spans += other.code_spans;
        self.links_to_operations += other.links_to_operations;
        self.links_to_models += other.links_to_models;
        self.table_links += other.table_links;
        for (k, v) in &other.unresolved {
            *self.unresolved.entry(k.clone()).or_default() += v;
        }
        self.inline_bullets += other.inline_bullets;
        self.restated_values += other.restated_values;
        self.restated_defaults += other.restated_defaults;
    }

    pub fn unresolved_total(&self) -> usize {
        self.unresolved.values().sum()
    }
}

/// The Markdown lines of a description (blank lines between blocks); empty for empty text.
pub fn render(text: &str, env: &Env<'_>, stats: &mut Stats) -> Vec<String> {
    let blocks = text::blocks(text);
    if blocks.is_empty() {
        return Vec::new();
    }
    stats.texts += 1;
    let shape = text::Shape::of(&blocks);
    if shape
        != (text::Shape {
            paragraphs: shape.paragraphs,
            ..text::Shape::default()
        })
    {
        stats.structured += 1;
    }
    let s = &mut stats.shape;
    s.paragraphs += shape.paragraphs;
    s.bullet_items += shape.bullet_items;
    s.numbered_items += shape.numbered_items;
    s.callouts += shape.callouts;
    s.tables += shape.tables;
    s.code_blocks += shape.code_blocks;
    stats.inline_bullets += text
        .lines()
        .map(|l| {
            l.trim()
                .chars()
                .skip(1)
                .filter(|&c| c == text::BULLET)
                .count()
        })
        .sum::<usize>();
    let blocks = if env.facts_stated {
        without_restated_facts(blocks, env, stats)
    } else {
        blocks
    };
    blocks_lines(&blocks, env, stats)
}

/// The blocks without those that only restate a field's facts, which its doc states once
/// (`Allowed values: …`, `Default: …`): a list whose items are exactly the listed values (and
/// the short lead-in before it, `Enumeration values:`), and a short `<label>: <default>` line.
fn without_restated_facts(blocks: Vec<Block>, env: &Env<'_>, stats: &mut Stats) -> Vec<Block> {
    let restates_values = |b: &Block| match b {
        Block::List(l) if !env.values.is_empty() => {
            l.items.iter().all(|i| i.children.is_empty())
                && l.items.len() == env.values.len()
                && l.items.iter().all(|i| env.values.contains(&i.text))
        }
        _ => false,
    };
    let lead_in = |b: &Block| match b {
        Block::Paragraph(p) => {
            p.trim_end().ends_with([':', '：']) && p.split_whitespace().count() <= 3
        }
        _ => false,
    };
    let restates_default = |b: &Block| match (b, env.default) {
        (Block::Paragraph(p), Some(d)) => p.split_once([':', '：']).is_some_and(|(label, v)| {
            label.split_whitespace().count() <= 2 && v.trim().trim_end_matches('.') == d
        }),
        _ => false,
    };
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if restates_values(&b) {
            if let Block::List(l) = &b {
                stats.restated_values += l.items.len();
            }
            if out.last().is_some_and(lead_in) {
                out.pop();
            }
            continue;
        }
        if restates_default(&b) {
            stats.restated_defaults += 1;
            continue;
        }
        out.push(b);
    }
    out
}

/// The first paragraph of a description, as one line of Markdown, and the rest as blocks: for
/// list items (`- 200: <first>`) whose further blocks are indented under them.
pub fn render_item(text: &str, env: &Env<'_>, stats: &mut Stats) -> (String, Vec<String>) {
    let mut lines = render(text, env, stats);
    if lines.is_empty() {
        return (String::new(), lines);
    }
    // A first block of one line (a paragraph) goes on the item's line; anything else (a list,
    // a note) is indented under it.
    if lines.len() == 1 || lines[1].is_empty() {
        let first = lines.remove(0);
        if lines.first().is_some_and(|l| l.is_empty()) {
            lines.remove(0);
        }
        (first, lines)
    } else {
        (String::new(), lines)
    }
}

fn blocks_lines(blocks: &[Block], env: &Env<'_>, stats: &mut Stats) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        let lines = block_lines(b, env, stats);
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block_lines(b: &Block, env: &Env<'_>, stats: &mut Stats) -> Vec<String> {
    match b {
        Block::Paragraph(t) => vec![guard_start(&inline(t, env, stats))],
        Block::List(l) => {
            let mut out = Vec::new();
            for (i, item) in l.items.iter().enumerate() {
                let marker = match l.start {
                    Some(start) => format!("{}. ", start + i as u64),
                    None => "- ".to_string(),
                };
                list_item(&marker, item, env, stats, &mut out);
            }
            out
        }
        Block::Callout { label, blocks } => {
            let inner = blocks_lines(blocks, env, stats);
            if inner.is_empty() {
                stats.empty_callouts += 1;
                return Vec::new();
            }
            let label = callout_label(label);
            let mut out = vec![format!("> **{label}**")];
            out.push(">".to_string());
            for l in inner {
                if l.is_empty() {
                    out.push(">".to_string());
                } else {
                    out.push(format!("> {l}"));
                }
            }
            out
        }
        Block::Table { header, rows } => {
            let width = header.len().max(1);
            let cells = |row: &[String], stats: &mut Stats| -> String {
                let mut cols: Vec<String> = row
                    .iter()
                    .take(width)
                    .map(|c| table_cell(c, env, stats))
                    .collect();
                cols.resize(width, String::new());
                format!("| {} |", cols.join(" | "))
            };
            let mut out = vec![cells(header, stats)];
            out.push(format!("|{}", " --- |".repeat(width)));
            for r in rows {
                out.push(cells(r, stats));
            }
            out
        }
        Block::Code(lines) => {
            let mut out = vec!["```text".to_string()];
            // A line of backticks inside would end the block early.
            out.extend(lines.iter().map(|l| {
                if l.trim_start().starts_with("```") {
                    format!(" {l}")
                } else {
                    l.clone()
                }
            }));
            out.push("```".to_string());
            out
        }
    }
}

fn list_item(marker: &str, item: &Item, env: &Env<'_>, stats: &mut Stats, out: &mut Vec<String>) {
    out.push(format!("{marker}{}", item_text(&item.text, env, stats)));
    let indent = " ".repeat(marker.chars().count());
    for child in &item.children {
        out.push(format!("{indent}- {}", item_text(&child.text, env, stats)));
    }
}

/// An item's text: a leading listed value or identifier (`RUNNING: The instance is running.`)
/// as code.
fn item_text(text: &str, env: &Env<'_>, stats: &mut Stats) -> String {
    let head_end = text
        .find([':', '：'])
        .filter(|&i| !text[..i].contains(char::is_whitespace))
        .unwrap_or(text.len());
    let head = &text[..head_end];
    let is_value = !head.is_empty()
        && !head.contains('`')
        && (env.values.iter().any(|v| v == head) || is_code(head, env));
    if is_value && (head_end == text.len() || text[head_end..].starts_with([':', '：'])) {
        stats.code_spans += 1;
        let rest = &text[head_end..];
        let rest = if rest.is_empty() {
            String::new()
        } else {
            // The colon, then the rest as prose.
            let colon = rest.chars().next().unwrap_or(':');
            let after = &rest[colon.len_utf8()..];
            let space = if after.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            format!("{colon}{space}{}", inline(after, env, stats))
        };
        return format!("`{head}`{rest}");
    }
    inline(text, env, stats)
}

fn table_cell(text: &str, env: &Env<'_>, stats: &mut Stats) -> String {
    // Code spans cannot hold a `|` in a table cell; `inline` never makes one of text with `|`.
    inline(text, env, stats)
}

/// The label as a heading word: `NOTE` → `Note`; other scripts as written.
fn callout_label(label: &str) -> String {
    if label.is_ascii() {
        let lower = label.to_ascii_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        escape_text_owned(label)
    }
}

fn escape_text_owned(text: &str) -> String {
    let mut out = String::new();
    escape_text(text, &mut out);
    out
}

/// A paragraph must not start a Markdown block of its own: `- x`, `+ x`, `1. x`, `1) x`,
/// `=`/`-` underlines.
fn guard_start(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(c @ ('-' | '+' | '=')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            if (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
                && digits <= 9
            {
                format!("{}\\{}", &line[..digits], rest)
            } else {
                line.to_string()
            }
        }
        _ => line.to_string(),
    }
}

/// Words that introduce a cross-reference.
const TRIGGERS: [&str; 8] = [
    "see ",
    "See ",
    "refer to ",
    "Refer to ",
    "请参见",
    "参见",
    "详见",
    "请参考",
];

/// The first trigger at or after `from`, the longest where several start at one place. One
/// pass over the bytes: a substring search per trigger cost more than the rest of the line's
/// rendering.
fn next_trigger(line: &str, from: usize) -> Option<(usize, &'static str)> {
    let bytes = line.as_bytes();
    let firsts = TRIGGERS.map(|t| t.as_bytes()[0]);
    (from..bytes.len())
        .filter(|&i| firsts.contains(&bytes[i]))
        .find_map(|i| {
            TRIGGERS
                .iter()
                .filter(|t| bytes[i..].starts_with(t.as_bytes()))
                .max_by_key(|t| t.len())
                .map(|t| (i, *t))
        })
}

/// A cross-reference found in a line: where its title is, and what it links to (`None`: not
/// resolved).
struct XRef {
    start: usize,
    end: usize,
    target: Option<String>,
}

/// The cross-references of a line, in order, not overlapping.
fn xrefs(line: &str, env: &Env<'_>, stats: &mut Stats) -> Vec<XRef> {
    let mut out: Vec<XRef> = Vec::new();
    let mut from = 0;
    while from < line.len() {
        let Some((at, trigger)) = next_trigger(line, from) else {
            break;
        };
        from = at + trigger.len();
        // English triggers start a word.
        if trigger.is_ascii()
            && line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let mut start = from;
        let rest = &line[start..];
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '“' | '「'));
        if let Some(q) = quote {
            start += q.len_utf8();
        }
        let rest = &line[start..];
        if let Some((len, target)) = resolve(rest, env, stats) {
            out.push(XRef {
                start,
                end: start + len,
                target: Some(target),
            });
            from = start + len;
            continue;
        }
        // Unresolved: a capitalized phrase (or, after a Chinese trigger, any phrase) up to the
        // end of the clause.
        let first = rest.chars().next();
        let looks_like_title = first.is_some_and(|c| c.is_ascii_uppercase())
            || (!trigger.is_ascii() && first.is_some_and(|c| !c.is_ascii_punctuation()))
            || quote.is_some();
        if looks_like_title {
            let end = rest
                .find(['.', ',', ';', '(', '。', '，', '；', '（', '"', '”', '」'])
                .unwrap_or(rest.len());
            let phrase = rest[..end].trim();
            // "see Table 3" in the doc of a field typed by a model: the table the model was
            // read from (the scraper typed the field by that link).
            if let Some(path) = is_table_number(phrase).then(|| env.type_path()).flatten() {
                out.push(XRef {
                    start,
                    end: start + phrase.len(),
                    target: Some(path),
                });
                stats.links_to_models += 1;
                stats.table_links += 1;
                from = start + phrase.len();
                continue;
            }
            if !phrase.is_empty() && phrase.chars().count() <= 80 {
                *stats.unresolved.entry(phrase.to_string()).or_default() += 1;
            }
        }
    }
    out
}

/// Whether a phrase names one numbered table: `Table 3`, `Table 5-12`, `表3`, `表 5-12`.
fn is_table_number(phrase: &str) -> bool {
    let number = phrase
        .strip_prefix("Table ")
        .or_else(|| phrase.strip_prefix('表'))
        .map(str::trim_start);
    number.is_some_and(|n| {
        !n.is_empty()
            && n.starts_with(|c: char| c.is_ascii_digit())
            && n.chars().all(|c| c.is_ascii_digit() || c == '-')
    })
}

/// The length of the longest operation title or schema name `rest` starts with (ending at a word
/// boundary), and the intra-doc path it links to.
fn resolve(rest: &str, env: &Env<'_>, stats: &mut Stats) -> Option<(usize, String)> {
    let lower = rest.to_lowercase();
    // Lower-casing keeps byte lengths for the titles compared (ASCII and CJK); a title whose
    // lower case has another length is skipped.
    let mut best: Option<(usize, &Vec<Target>)> = None;
    for (title, targets) in &env.links.titles {
        if title.len() <= best.map_or(0, |b| b.0)
            || !lower.starts_with(title.as_str())
            || !rest.is_char_boundary(title.len())
        {
            continue;
        }
        let next = rest[title.len()..].chars().next();
        if next.is_some_and(|c| c.is_alphanumeric() && c.is_ascii()) {
            continue;
        }
        best = Some((title.len(), targets));
    }
    if let Some((len, targets)) = best {
        let pick = targets
            .iter()
            .min_by_key(|t| (t.deprecated, env.version.is_some_and(|v| v != t.version)))
            .or(targets.first())?;
        stats.links_to_operations += 1;
        return Some((len, env.op_path(&pick.method)));
    }
    // A schema named as it is, alone (`see BssParam.`; not `see Tag Types`).
    let word_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let after = &rest[word_end..];
    let alone = match after.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => !after.trim_start().starts_with(char::is_uppercase),
        Some(c) => c.is_ascii_punctuation() && c != '_' && c != '-',
    };
    if !alone {
        return None;
    }
    let rust = env.links.schemas.get(word)?;
    stats.links_to_models += 1;
    Some((word_end, env.model_path(rust)))
}

/// One line of prose as Markdown: cross-references as links, URLs, identifiers and values as
/// code spans, everything else escaped.
pub fn inline(line: &str, env: &Env<'_>, stats: &mut Stats) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 16);
    let mut at = 0;
    for x in xrefs(line, env, stats) {
        words(&line[at..x.start], env, stats, &mut out);
        let title = &line[x.start..x.end];
        match x.target {
            // `[Name]` alone when the title is the path (rustdoc finds it by the label).
            Some(path) if path == title => {
                out.push('[');
                out.push_str(title);
                out.push(']');
            }
            Some(path) => {
                out.push('[');
                escape_text(title, &mut out);
                out.push_str("](");
                out.push_str(&path);
                out.push(')');
            }
            None => escape_text(title, &mut out),
        }
        at = x.end;
    }
    words(&line[at..], env, stats, &mut out);
    out
}

/// Punctuation that may wrap a word without being part of it.
const OPENERS: [char; 6] = ['(', '"', '\'', '“', '‘', '['];
const CLOSERS: [char; 14] = [
    ')', '"', '\'', '”', '’', ']', '.', ',', ';', ':', '!', '?', '。', '，',
];

/// Prose: each whitespace-separated word as code (a URL, an identifier, a path) or escaped text.
fn words(text: &str, env: &Env<'_>, stats: &mut Stats, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let ws = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        if ws > 0 {
            // Tabs and other spaces as one space each (control characters are dropped).
            escape_text(&rest[..ws], out);
            rest = &rest[ws..];
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        word(&rest[..end], env, stats, out);
        rest = &rest[end..];
    }
}

fn word(w: &str, env: &Env<'_>, stats: &mut Stats, out: &mut String) {
    if is_plain_word(w) {
        out.push_str(w);
    } else {
        marked_word(w, env, stats, out);
    }
}

/// A word as a code span, a URL, or escaped text.
fn marked_word(w: &str, env: &Env<'_>, stats: &mut Stats, out: &mut String) {
    if let Some(at) = url_start(w) {
        escape_text(&w[..at], out);
        let tail = &w[at..];
        let end = tail.find('`').unwrap_or(tail.len());
        // Sentence punctuation after a URL is not part of it.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']);
        out.push('`');
        out.push_str(url);
        out.push('`');
        stats.code_spans += 1;
        escape_text(&tail[url.len()..], out);
        return;
    }
    let core_start = w.len() - w.trim_start_matches(OPENERS).len();
    let core_end = w.trim_end_matches(CLOSERS).len().max(core_start);
    let core = &w[core_start..core_end];
    if is_code(core, env) {
        escape_text(&w[..core_start], out);
        out.push('`');
        out.push_str(core);
        out.push('`');
        stats.code_spans += 1;
        escape_text(&w[core_end..], out);
    } else {
        escape_text(w, out);
    }
}

/// Most words of prose: letters, all lower-case or capitalized, and at most one of `.,;:` after
/// them. Such a word is neither a URL nor code (no underscore, no camelCase hump, not upper-case,
/// not `true`/`false`/`null`) and needs no escaping, so it is written as it is.
fn is_plain_word(w: &str) -> bool {
    let core = w.strip_suffix(['.', ',', ';', ':']).unwrap_or(w);
    let Some((first, rest)) = core.as_bytes().split_first() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && rest.iter().all(u8::is_ascii_lowercase)
        && !matches!(core, "true" | "false" | "null")
}

/// Whether a word is code: an identifier with an underscore (`enable_publicip`), a camelCase
/// name (`adminPass`), a path (`/v2/{project_id}/instances`), a `{placeholder}`, a JSON literal,
/// or an upper-case value the field lists (`RUNNING`).
fn is_code(w: &str, env: &Env<'_>) -> bool {
    if w.len() < 2 || !w.is_ascii() || w.contains(['`', '|']) {
        return false;
    }
    if matches!(w, "true" | "false" | "null") {
        return true;
    }
    let ident_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if w.starts_with('{') && w.ends_with('}') && w[1..w.len() - 1].chars().all(ident_char) {
        return true;
    }
    let path_char = |c: char| ident_char(c) || matches!(c, '/' | '{' | '}' | '-' | '.');
    if w.starts_with('/') && w.chars().all(path_char) && w.len() > 2 {
        return w[1..].contains('/') || w.contains('{');
    }
    let word_char = |c: char| ident_char(c) || matches!(c, '.' | '-' | ':' | '/' | '{' | '}');
    if !w.chars().all(word_char) || !w.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // `a_b`, not `_` alone or `__`.
    if w.contains('_') && w.split('_').filter(|p| !p.is_empty()).count() >= 2 {
        return true;
    }
    // ASCII from here (checked above): bytes are characters.
    let bytes = w.as_bytes();
    let camel = bytes.iter().all(u8::is_ascii_alphanumeric)
        && bytes[0].is_ascii_lowercase()
        && bytes
            .windows(2)
            .skip(1)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
    if camel {
        return true;
    }
    let listed_upper = bytes.len() >= 3
        && bytes
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
        && env.values.iter().any(|v| v == w);
    listed_upper
}

/// Where the first `http://` or `https://` in a word starts (a search per `h`, not per prefix:
/// this runs for every word of every doc).
fn url_start(w: &str) -> Option<usize> {
    w.match_indices('h')
        .map(|(i, _)| i)
        .find(|&i| w[i..].starts_with("https://") || w[i..].starts_with("http://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        let mut l = Links::new(
            [
                ("Querying AZs", None, "list_available_zones", false, "v2"),
                (
                    "Creating a DCS Instance",
                    None,
                    "create_instance_v1",
                    true,
                    "v1",
                ),
                (
                    "Creating a DCS Instance",
                    None,
                    "create_instance",
                    false,
                    "v2",
                ),
                (
                    "Querying a DCS Instance",
                    Some("查询指定实例"),
                    "show_instance",
                    false,
                    "v2",
                ),
            ],
            BTreeMap::from([("BssParam".to_string(), "BssParam".to_string())]),
        );
        l.client = "DcsClient".into();
        l
    }

    /// Triggers as the first version found them: a substring search each, the earliest match
    /// and, of those at one place, the longest.
    fn next_trigger_by_search(line: &str, from: usize) -> Option<(usize, &'static str)> {
        TRIGGERS
            .iter()
            .filter_map(|t| line[from..].find(t).map(|i| (from + i, *t)))
            .min_by_key(|&(i, t)| (i, usize::MAX - t.len()))
    }

    #[test]
    fn the_trigger_scan_finds_what_a_search_per_trigger_finds() {
        let lines = [
            "For details, see Querying AZs. Or refer to Table 3.",
            "Seesee see  See refer torefer to x",
            "riser Refer to 请参见参见详见请参考 see",
            "详见「查询指定实例」，或请参考表3。请参见",
            "no trigger at all, only words like seen, referral and resee",
            "",
            "see",
            "s",
        ];
        for line in lines {
            for from in (0..=line.len()).filter(|&i| line.is_char_boundary(i)) {
                assert_eq!(
                    next_trigger(line, from),
                    next_trigger_by_search(line, from),
                    "{line:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn plain_words_are_written_as_the_full_check_would_write_them() {
        let l = links();
        let env = Env::new(&l, Site::Models);
        let words = [
            "the",
            "The",
            "instance.",
            "Instance,",
            "a",
            "I",
            "A.",
            "x;",
            "port:",
            "http:",
            "Redis",
        ];
        for w in words {
            assert!(is_plain_word(w), "{w}");
            let mut out = String::new();
            marked_word(w, &env, &mut Stats::default(), &mut out);
            assert_eq!(out, w);
        }
        // Code, URLs and text to escape are not plain.
        let others = [
            "true",
            "null",
            "adminPass",
            "RUNNING",
            "a_b",
            "http://x",
            "x.y",
            "ab..",
            "é",
            "",
            ".",
            "aB",
            "iPhone",
            "(see",
            "NOTE",
        ];
        for w in others {
            assert!(!is_plain_word(w), "{w}");
        }
    }

    fn md(text: &str, site: Site) -> (String, Stats) {
        let l = links();
        let env = Env::new(&l, site);
        let mut stats = Stats::default();
        (render(text, &env, &mut stats).join("\n"), stats)
    }

    #[test]
    fn bullets_become_a_list_after_their_lead_in() {
        let (got, stats) = md(
            "Product flavor. The query method is as follows:\n● Method 1: Log in to the console.\n● Method 2: Call the API.",
            Site::Models,
        );
        assert_eq!(
            got,
            "Product flavor. The query method is as follows:\n\n- Method 1: Log in to the console.\n- Method 2: Call the API."
        );
        assert_eq!(stats.shape.bullet_items, 2);
        assert_eq!(stats.structured, 1);
    }

    #[test]
    fn nested_and_numbered_lists() {
        let (got, _) = md(
            "New password.\n● Must contain:\n– Lowercase letters\n– Special characters (~!@#$%^&*)\n1. Log in.\n2. Click *Save*.",
            Site::Models,
        );
        assert_eq!(
            got,
            "New password.\n\n- Must contain:\n  - Lowercase letters\n  - Special characters (\\~!@\\#$%^&\\*)\n\n1. Log in.\n2. Click \\*Save\\*."
        );
    }

    #[test]
    fn notes_are_quoted_callouts_and_empty_labels_are_dropped() {
        let (got, stats) = md(
            "Instance description.\nNOTE\nThe backslash (\\) is special.\n● a_b\n\nAfter.",
            Site::Models,
        );
        assert_eq!(
            got,
            "Instance description.\n\n> **Note**\n>\n> The backslash (\\\\) is special.\n>\n> - `a_b`\n\nAfter."
        );
        assert_eq!(stats.shape.callouts, 1);
        let (got, stats) = md("Submitted.\nNOTE", Site::Root);
        assert_eq!(got, "Submitted.");
        assert_eq!(stats.empty_callouts, 1);
        let (got, _) = md("说明\n实例ID。", Site::Root);
        assert_eq!(got, "> **说明**\n>\n> 实例ID。");
    }

    #[test]
    fn tables_and_preformatted_text() {
        let (got, _) = md(
            "| Value | Meaning |\n| a\\|b | the_first |\n| c |",
            Site::Models,
        );
        assert_eq!(
            got,
            "| Value | Meaning |\n| --- | --- |\n| a\\|b | `the_first` |\n| c |  |"
        );
        let (got, _) = md("Linux:\n```\n#! /bin/bash\n  echo <x>\n```", Site::Models);
        assert_eq!(got, "Linux:\n\n```text\n#! /bin/bash\n  echo <x>\n```");
    }

    #[test]
    fn identifiers_paths_and_values_are_code() {
        let l = links();
        let values = vec!["RUNNING".to_string(), "single".to_string()];
        let env = Env::new(&l, Site::Models).with_values(&values);
        let mut stats = Stats::default();
        let got = render(
            "Mandatory when enable_publicip is set to true (see /v2/{project_id}/instances). adminPass, a RUNNING instance, a single node, x86_64.\n● RUNNING: running.\n● single: one node.\n● ha",
            &env,
            &mut stats,
        )
        .join("\n");
        assert_eq!(
            got,
            "Mandatory when `enable_publicip` is set to `true` (see `/v2/{project_id}/instances`). `adminPass`, a `RUNNING` instance, a single node, `x86_64`.\n\n- `RUNNING`: running.\n- `single`: one node.\n- ha"
        );
        // Not code: English, versions, acronyms, lone underscores.
        let got = render(
            "Redis 5.0 of DCS, iPhone and vCPUs, _ and a-b.",
            &env,
            &mut stats,
        )
        .join("");
        assert_eq!(got, "Redis 5.0 of DCS, iPhone and vCPUs, \\_ and a-b.");
    }

    #[test]
    fn a_fields_doc_states_its_values_and_default_once() {
        let l = links();
        let field = apiref_spec::Field {
            name: "format".into(),
            ty: "string".into(),
            description: "Format of the backup.\nEnumeration values:\n● aof\n● rdb\nDefault: rdb"
                .into(),
            enum_values: vec!["aof".into(), "rdb".into()],
            default: Some("rdb".into()),
            ..apiref_spec::Field::default()
        };
        let mut stats = Stats::default();
        let env = Env::new(&l, Site::Models).for_field(&field);
        assert_eq!(
            render(&field.description, &env, &mut stats),
            ["Format of the backup."]
        );
        assert_eq!((stats.restated_values, stats.restated_defaults), (2, 1));
        // A list that explains the values is kept; so is everything outside a field's doc.
        let text = "Format.\nOptions:\n● aof: append-only file\n● rdb: snapshot";
        let got = render(text, &env, &mut stats).join("\n");
        assert_eq!(
            got,
            "Format.\n\nOptions:\n\n- `aof`: append-only file\n- `rdb`: snapshot"
        );
        let plain = Env::new(&l, Site::Models).with_values(&field.enum_values);
        assert_eq!(render(&field.description, &plain, &mut stats).len(), 8);
    }

    #[test]
    fn cross_references_link_to_methods_and_models() {
        let (got, stats) = md(
            "For details, see Querying AZs. See Creating a DCS Instance, see BssParam and see Obtaining a Project ID.",
            Site::Models,
        );
        assert_eq!(
            got,
            "For details, see [Querying AZs](super::DcsClient::list_available_zones). See [Creating a DCS Instance](super::DcsClient::create_instance), see [BssParam] and see Obtaining a Project ID."
        );
        assert_eq!((stats.links_to_operations, stats.links_to_models), (2, 1));
        assert_eq!(
            stats.unresolved,
            BTreeMap::from([("Obtaining a Project ID".to_string(), 1)])
        );
        // A schema name followed by more words is a section title, not the schema.
        let (got, stats) = md("see BssParam Types.", Site::Models);
        assert_eq!(got, "see BssParam Types.");
        assert_eq!(stats.unresolved.len(), 1);
        // From the root, and by a Chinese title; "see the example" is no cross-reference.
        let (got, stats) = md(
            "请参见查询指定实例。 For details, see the example request.",
            Site::Root,
        );
        assert_eq!(
            got,
            "请参见[查询指定实例](DcsClient::show_instance)。 For details, see the example request."
        );
        assert!(stats.unresolved.is_empty());
        // A longer title is not cut to a shorter one it starts with; a word that goes on is no
        // match.
        let (got, stats) = md("see Querying AZsX and see Querying AZs2.", Site::Sibling);
        assert_eq!(got, "see Querying AZsX and see Querying AZs2.");
        assert_eq!(stats.unresolved.len(), 2);
    }

    #[test]
    fn a_table_number_in_the_doc_of_a_field_typed_by_a_model_links_to_it() {
        let l = links();
        let field = apiref_spec::Field {
            name: "bss_param".into(),
            ty: "array<BssParam>".into(),
            description: "Billing. For details, see Table 5-3. 请参见表4。".into(),
            ..apiref_spec::Field::default()
        };
        let mut stats = Stats::default();
        let env = Env::new(&l, Site::Models).for_field(&field);
        assert_eq!(
            render(&field.description, &env, &mut stats),
            ["Billing. For details, see [Table 5-3](BssParam). 请参见[表4](BssParam)。"]
        );
        assert_eq!((stats.links_to_models, stats.table_links), (2, 2));
        // Not for a field of another type, nor two tables at once.
        let text = field.description.replace("array<BssParam>", "string");
        let plain = Env::new(&l, Site::Models);
        let mut stats = Stats::default();
        render(&text, &plain, &mut stats);
        render("see Table 4 and Table 5.", &env, &mut stats);
        assert_eq!(stats.links_to_models, 0);
        assert_eq!(stats.unresolved.len(), 3);
        assert_eq!(named_in("map<string,array<Tag>>"), Some("Tag"));
        assert_eq!(named_in("array<string>"), None);
    }

    #[test]
    fn prose_cannot_open_markdown_blocks() {
        for (text, want) in [
            ("- not a list", "\\- not a list"),
            ("5. Then", "5\\. Then"),
            ("# heading", "\\# heading"),
            ("> quote", "\\> quote"),
            ("    indented", "indented"),
            ("<b>x</b> [1]", "\\<b\\>x\\</b\\> \\[1\\]"),
        ] {
            assert_eq!(md(text, Site::Root).0, want, "{text}");
        }
    }
}
