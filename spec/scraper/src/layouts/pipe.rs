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
    let mut out = Vec::new();
    let mut path = String::new();
    let mut after_uri = false;
    // 0: before the request section, 1: request, 2: response.
    let mut section = 0;
    let mut body_seen = false;
    // (schema name, field that refers to it), in the order the tables should follow.
    let mut pending: VecDeque<(String, String)> = VecDeque::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let examples = example_values(file, &items);
    for item in items {
        let table = match item {
            Item::Text(line) => {
                let t = line.t();
                if after_uri {
                    if let Some((_, p, _)) = uri_line(t) {
                        path = p;
                    }
                }
                after_uri = heading(t) == Some(Heading::Uri);
                match heading(t) {
                    Some(Heading::RequestParams) => (section, body_seen) = (1, false),
                    Some(Heading::ResponseParams) => section = 2,
                    Some(Heading::Status(_)) => body_seen = false,
                    _ => {}
                }
                out.push(line);
                continue;
            }
            Item::Table(table) => table,
        };
        let is_params = table.header.first().and_then(|l| header_cell(l.t())) == Some(Column::Name);
        let type_col = table
            .header
            .iter()
            .position(|l| header_cell(l.t()) == Some(Column::Type));
        let caption_line = table.header.first().map_or(0, |l| l.no);
        let refs: Vec<(String, String)> = match type_col {
            Some(c) => table
                .rows
                .iter()
                .filter_map(|r| {
                    let name = r.get(c).and_then(|(t, _)| referenced_name(t))?;
                    Some((name.to_string(), r.first()?.0.clone()))
                })
                .filter(|(n, _)| !named.contains(n))
                .collect(),
            None => Vec::new(),
        };
        let fields: BTreeSet<&str> = table
            .rows
            .iter()
            .filter_map(|r| r.first())
            .map(|(n, _)| n.as_str())
            .collect();
        let caption = if !is_params {
            None
        } else if section == 0 {
            let all_in_path = table.rows.iter().all(|r| {
                r.first()
                    .is_some_and(|(n, _)| path.contains(&format!("{{{n}}}")))
            });
            Some(
                if all_in_path {
                    "路径参数"
                } else {
                    "Query参数"
                }
                .to_string(),
            )
        } else if !body_seen {
            body_seen = true;
            pending = refs.iter().cloned().chain(pending.drain(..)).collect();
            Some(
                if section == 1 {
                    "请求Body参数"
                } else {
                    "响应Body参数"
                }
                .to_string(),
            )
        } else {
            // The first pending name whose example object fits the table's field set.
            let fits = |(_, field): &(String, String)| match keys_under(&examples, field) {
                Some(keys) => keys.iter().all(|k| fields.contains(k.as_str())),
                None => true,
            };
            let at = pending.iter().position(fits).unwrap_or(0);
            match pending.remove(at) {
                Some((name, _)) => {
                    named.insert(name.clone());
                    let refs = refs.into_iter().filter(|(n, _)| *n != name);
                    pending = refs.chain(pending.drain(..)).collect();
                    Some(name)
                }
                None => {
                    diags.push(warn(
                        file,
                        caption_line,
                        "a nested table that no type refers to is not read".into(),
                    ));
                    None
                }
            }
        };
        if let Some(c) = caption {
            out.push(Line {
                no: caption_line,
                text: c,
                synthetic_caption: true,
            });
        } else if is_params {
            // Keeps the rows out of the previous table; the reader skips it.
            out.push(Line {
                no: caption_line,
                text: "(unnamed)".into(),
                synthetic_caption: true,
            });
        }
        out.extend(table.header.iter().map(|l| Line {
            no: l.no,
            text: l.t().trim_end_matches('|').trim().to_string(),
            synthetic_caption: false,
        }));
        for row in table.rows {
            for (cell, no) in row {
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
