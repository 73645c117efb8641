//! The pipe-row layout (`001_…`, Chinese, undated): every cell ends with ` |`, a cell can run over
//! several lines (the closing `|` then stands on a later line), a `---|---|` line ends each header,
//! and no table has a caption. Table roles come from the section they stand in; each nested
//! table's name is recovered from the `XYZ object` / `Array of XYZ objects` type that refers to
//! it, in the order the page prints them (depth first: a nested table follows the table that
//! refers to it, before that table's later siblings).
//!
//! The rebuilt tables are handed to the cell-line reader as one cell per line, with the
//! recovered captions marked as synthetic.

use std::collections::{BTreeSet, VecDeque};

use crate::raw::{Diagnostic, RawDoc};

use crate::model::ExampleKind;

use super::page_lines::{nonblank_lines, parse_examples, warn, Line};
use super::vocabulary::{header_cell, heading, uri_line, Column, Heading};

/// Whether `text` is a single page of pipe rows: a header of cells ending with `|`, closed by a
/// `---|` line.
pub fn recognizes(text: &str) -> bool {
    let lines = nonblank_lines(text);
    (0..lines.len()).any(|i| header_end(&lines, i).is_some())
}

/// Parses a page in the pipe-row layout.
pub fn parse(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    let lines = nonblank_lines(text);
    let mut diags = Vec::new();
    let items = split_tables(&lines);
    let stream = captioned_stream(file, items, &mut diags);
    let mut doc = super::cells::parse_lines(file, &stream, "pipe-rows")?;
    diags.append(&mut doc.diagnostics);
    doc.diagnostics = diags;
    Ok(doc)
}

/// A pipe table: header cells and rows of cells (text, line of the cell's first line).
#[derive(Debug)]
struct Table {
    header: Vec<Line>,
    rows: Vec<Vec<(String, usize)>>,
}

#[derive(Debug)]
enum Item {
    Text(Line),
    Table(Table),
}

fn is_separator(t: &str) -> bool {
    t.starts_with("---|")
}

fn strip_pipe(t: &str) -> Option<&str> {
    t.strip_suffix('|').map(str::trim)
}

/// When a table header starts at `i` (cells ending with `|`, then the `---|` separator): the
/// index of the separator.
fn header_end(lines: &[Line], i: usize) -> Option<usize> {
    let mut j = i;
    let header_word = |t: &str| {
        let cell = t.trim_end_matches('|').trim();
        t.ends_with('|')
            && (header_cell(cell).is_some() || matches!(cell, "状态码" | "Status Code"))
    };
    while j < lines.len() && !is_separator(lines[j].t()) && header_word(lines[j].t()) {
        j += 1;
    }
    (j > i && j < lines.len() && is_separator(lines[j].t())).then_some(j)
}

/// Splits the page into plain lines and pipe tables.
fn split_tables(lines: &[Line]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(j) = header_end(lines, i) else {
            items.push(Item::Text(lines[i].clone()));
            i += 1;
            continue;
        };
        let ncols = lines[j].t().matches("---").count().max(1);
        let header = lines[i..j].to_vec();
        let mut cells: Vec<(String, usize)> = Vec::new();
        let mut open: Option<(String, usize)> = None;
        let mut k = j + 1;
        while k < lines.len() {
            let t = lines[k].t();
            let at_row_boundary = open.is_none() && cells.len() % ncols == 0;
            // A row's first cell (the name) always closes on its own line.
            if at_row_boundary && (!t.ends_with('|') || header_end(lines, k).is_some()) {
                break;
            }
            let (text, closes) = match strip_pipe(t) {
                Some(s) => (s, true),
                None => (t, false),
            };
            match open.as_mut() {
                Some((acc, _)) => {
                    if !text.is_empty() {
                        acc.push('\n');
                        acc.push_str(text);
                    }
                }
                None => open = Some((text.to_string(), lines[k].no)),
            }
            if closes {
                if let Some(cell) = open.take() {
                    cells.push(cell);
                }
            }
            k += 1;
        }
        if let Some(cell) = open.take() {
            cells.push(cell);
        }
        let rows = cells.chunks(ncols).map(<[_]>::to_vec).collect();
        items.push(Item::Table(Table { header, rows }));
        i = k;
    }
    items
}

/// Schema names a type cell refers to (`BackupFilesBody object`, `Array of Files objects`).
fn referenced_name(type_text: &str) -> Option<&str> {
    let t = type_text.trim();
    let inner = t.strip_prefix("Array of ").unwrap_or(t);
    let name = inner
        .strip_suffix(" objects")
        .or_else(|| inner.strip_suffix(" object"))?;
    let ok = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then_some(name)
}

/// Emits the page as cell lines, with a recovered caption before each parameter table.
fn captioned_stream(file: &str, items: Vec<Item>, diags: &mut Vec<Diagnostic>) -> Vec<Line> {
    let mut c = Captioner {
        file,
        examples: example_values(file, &items),
        diags,
        out: Vec::new(),
        path: String::new(),
        after_uri: false,
        section: Section::Before,
        body_seen: false,
        pending: VecDeque::new(),
        named: BTreeSet::new(),
    };
    for item in items {
        match item {
            Item::Text(line) => c.text(line),
            Item::Table(table) => c.table(table),
        }
    }
    c.out
}

/// Where a table stands, which decides its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before the request section: path and query parameters.
    Before,
    Request,
    Response,
}

/// The state of [`captioned_stream`] as it goes through the page.
struct Captioner<'a> {
    file: &'a str,
    examples: Vec<serde_json::Value>,
    diags: &'a mut Vec<Diagnostic>,
    out: Vec<Line>,
    /// The request path, which tells path parameters from query ones.
    path: String,
    after_uri: bool,
    section: Section,
    /// Whether the current section (or status) has had its body table.
    body_seen: bool,
    /// (schema name, field that refers to it), in the order the tables should follow.
    pending: VecDeque<(String, String)>,
    /// Names already given to a table.
    named: BTreeSet<String>,
}

impl Captioner<'_> {
    /// Passes a plain line on, noting the request path and which section begins.
    fn text(&mut self, line: Line) {
        let t = line.t();
        if self.after_uri {
            if let Some((_, p, _)) = uri_line(t) {
                self.path = p;
            }
        }
        self.after_uri = heading(t) == Some(Heading::Uri);
        match heading(t) {
            Some(Heading::RequestParams) => {
                (self.section, self.body_seen) = (Section::Request, false)
            }
            Some(Heading::ResponseParams) => self.section = Section::Response,
            Some(Heading::Status(_)) => self.body_seen = false,
            _ => {}
        }
        self.out.push(line);
    }

    /// Passes a table on as cell lines, a parameter table after its caption.
    fn table(&mut self, table: Table) {
        let is_params = table.header.first().and_then(|l| header_cell(l.t())) == Some(Column::Name);
        let caption_line = table.header.first().map_or(0, |l| l.no);
        if is_params {
            // A table without a name still gets a caption line: it keeps the rows out of the
            // previous table, and the reader skips it.
            let caption = self.caption(&table, caption_line);
            self.out.push(Line {
                no: caption_line,
                text: caption.unwrap_or_else(|| "(unnamed)".into()),
                synthetic_caption: true,
            });
        }
        self.out.extend(cell_lines(table));
    }

    /// The caption of a parameter table: from the section for the first tables of each, else
    /// the name of the nested table.
    fn caption(&mut self, table: &Table, line: usize) -> Option<String> {
        let refs = self.new_refs(table);
        if self.section == Section::Before {
            Some(self.top_caption(table).to_string())
        } else if !self.body_seen {
            self.body_seen = true;
            self.queue_first(refs);
            let body = match self.section {
                Section::Request => "请求Body参数",
                _ => "响应Body参数",
            };
            Some(body.to_string())
        } else {
            self.nested_caption(table, refs, line)
        }
    }

    /// (schema name, field) of the types in the table's rows that name a table not captioned yet.
    fn new_refs(&self, table: &Table) -> Vec<(String, String)> {
        let Some(c) = table
            .header
            .iter()
            .position(|l| header_cell(l.t()) == Some(Column::Type))
        else {
            return Vec::new();
        };
        table
            .rows
            .iter()
            .filter_map(|r| {
                let name = r.get(c).and_then(|(t, _)| referenced_name(t))?;
                Some((name.to_string(), r.first()?.0.clone()))
            })
            .filter(|(n, _)| !self.named.contains(n))
            .collect()
    }

    /// Path parameters when every row names a `{…}` of the path; query parameters otherwise.
    fn top_caption(&self, table: &Table) -> &'static str {
        let all_in_path = table.rows.iter().all(|r| {
            r.first()
                .is_some_and(|(n, _)| self.path.contains(&format!("{{{n}}}")))
        });
        if all_in_path {
            "路径参数"
        } else {
            "Query参数"
        }
    }

    /// Nested tables follow the tables that refer to them, depth first.
    fn queue_first(&mut self, refs: impl IntoIterator<Item = (String, String)>) {
        self.pending = refs.into_iter().chain(self.pending.drain(..)).collect();
    }

    /// The first pending name whose example object fits the table's field set.
    fn nested_caption(
        &mut self,
        table: &Table,
        refs: Vec<(String, String)>,
        line: usize,
    ) -> Option<String> {
        let fields: BTreeSet<&str> = table
            .rows
            .iter()
            .filter_map(|r| r.first())
            .map(|(n, _)| n.as_str())
            .collect();
        let fits = |(_, field): &(String, String)| match keys_under(&self.examples, field) {
            Some(keys) => keys.iter().all(|k| fields.contains(k.as_str())),
            None => true,
        };
        let at = self.pending.iter().position(fits).unwrap_or(0);
        let Some((name, _)) = self.pending.remove(at) else {
            let message = "a nested table that no type refers to is not read";
            self.diags.push(warn(self.file, line, message.into()));
            return None;
        };
        self.named.insert(name.clone());
        self.queue_first(refs.into_iter().filter(|(n, _)| *n != name));
        Some(name)
    }
}

/// The table's header and cells as cell lines, a cell's lines one by one (blank continuation
/// lines dropped).
fn cell_lines(table: Table) -> Vec<Line> {
    let mut out: Vec<Line> = table
        .header
        .iter()
        .map(|l| Line {
            no: l.no,
            text: l.t().trim_end_matches('|').trim().to_string(),
            synthetic_caption: false,
        })
        .collect();
    for (cell, no) in table.rows.into_iter().flatten() {
        for (k, part) in cell.split('\n').enumerate() {
            if !part.trim().is_empty() || k == 0 {
                out.push(Line {
                    no,
                    text: part.to_string(),
                    synthetic_caption: false,
                });
            }
        }
    }
    out
}

/// The JSON bodies of the page's examples (they come after the tables).
fn example_values(file: &str, items: &[Item]) -> Vec<serde_json::Value> {
    let lines: Vec<Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(l) => Some(l.clone()),
            Item::Table(_) => None,
        })
        .skip_while(|l| heading(l.t()) != Some(Heading::ExampleRequests))
        .take_while(|l| heading(l.t()) != Some(Heading::Sdk))
        .collect();
    let mut ignored = Vec::new();
    parse_examples(file, &lines, ExampleKind::Request, &mut ignored)
        .into_iter()
        .filter_map(|e| serde_json::from_str(e.json.as_deref()?).ok())
        .collect()
}

/// Keys of the objects the examples give under `field` (anywhere), if any example has it.
fn keys_under(values: &[serde_json::Value], field: &str) -> Option<BTreeSet<String>> {
    use serde_json::Value;
    fn walk(v: &Value, field: &str, out: &mut Option<BTreeSet<String>>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == field {
                        let objects: Vec<&Value> = match x {
                            Value::Array(a) => a.iter().collect(),
                            other => vec![other],
                        };
                        for o in objects {
                            if let Value::Object(inner) = o {
                                out.get_or_insert_with(BTreeSet::new)
                                    .extend(inner.keys().cloned());
                            }
                        }
                    }
                    walk(x, field, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, field, out)),
            _ => {}
        }
    }
    let mut out = None;
    values.iter().for_each(|v| walk(v, field, &mut out));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_run_over_lines_and_rows_split_by_column_count() {
        let text = "参数 |\n类型 |\n---|---|\na |\n多行\n|\nb |\nString |\n请求示例\n";
        let items = split_tables(&nonblank_lines(text));
        let Item::Table(t) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1], ("多行".to_string(), 5));
        assert!(matches!(&items[1], Item::Text(l) if l.t() == "请求示例"));
    }

    #[test]
    fn example_objects_give_field_sets() {
        let v: Vec<serde_json::Value> =
            vec![serde_json::from_str(r#"{"a": {"x": 1}, "b": [{"y": 1}, {"z": 2}]}"#).unwrap()];
        assert_eq!(keys_under(&v, "a"), Some(["x".to_string()].into()));
        assert_eq!(
            keys_under(&v, "b"),
            Some(["y".to_string(), "z".to_string()].into())
        );
        assert_eq!(keys_under(&v, "c"), None);
    }

    #[test]
    fn referenced_names() {
        assert_eq!(referenced_name("Array of Files objects"), Some("Files"));
        assert_eq!(
            referenced_name("BackupFilesBody object"),
            Some("BackupFilesBody")
        );
        assert_eq!(referenced_name("String"), None);
    }
}
