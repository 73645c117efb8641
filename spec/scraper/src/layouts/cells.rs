//! The one-cell-per-line layout (`000_…` English, `003_…` Chinese): every table cell is its own
//! paragraph. Rows are rebuilt from the vocabulary (a name, an optional Yes/No, a type word,
//! then description lines), never from fixed offsets, because in `003_…`/`004_…` the
//! 是否必选 cell was an icon and is missing altogether; such rows keep `required: None`.
//!
//! The pipe-row and blocks layouts are turned into the same line stream and read here too.

use crate::model::ExampleKind;
use crate::raw::{Diagnostic, RawDoc, RawOperation, RawRow, RawTable, TableRole};

use super::cell_blocks;
use super::page_lines::{
    error, nonblank_lines, parse_examples, parse_status_codes, sdk_names, warn, Line,
};
use super::vocabulary::{
    caption, caption_role, header_cell, heading, is_param_name, is_type, language_of,
    normalize_bullet, required_cell, updated_date, uri_line, Column, Heading,
};

/// Whether `text` is a single API page: a `URI` heading followed by a request line.
pub fn recognizes(text: &str) -> bool {
    let lines = nonblank_lines(text);
    lines
        .windows(2)
        .any(|w| heading(w[0].t()) == Some(Heading::Uri) && uri_line(w[1].t()).is_some())
}

/// Parses a page in the one-cell-per-line layout.
pub fn parse(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    parse_lines(file, &nonblank_lines(text), "cell-lines")
}

/// Where a row starts: a name, then (optionally) Yes/No, then a type word.
fn row_start(lines: &[Line], j: usize) -> bool {
    let at = |k: usize| lines.get(k).filter(|l| !l.synthetic_caption).map(Line::t);
    let Some(name) = at(j) else { return false };
    if !is_param_name(name) {
        return false;
    }
    match (at(j + 1), at(j + 2)) {
        (Some(t), _) if is_type(t) => true,
        (Some(r), Some(t)) => required_cell(r).is_some() && is_type(t),
        _ => false,
    }
}

fn ends_table(line: &Line) -> bool {
    line.synthetic_caption || heading(line.t()).is_some() || caption(line.t()).is_some()
}

/// Reads a table's header cells and rows from `lines[start..]`; returns the rows and the index
/// after the table.
fn parse_rows(
    file: &str,
    lines: &[Line],
    start: usize,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<RawRow>, usize) {
    let mut j = start;
    let mut columns = Vec::new();
    while let Some(col) = lines.get(j).and_then(|l| header_cell(l.t())) {
        columns.push(col);
        j += 1;
    }
    let has_required_column = columns.contains(&Column::Required);
    let mut rows = Vec::new();
    let mut missing_required = None;
    while j < lines.len() && row_start(lines, j) {
        let line = lines[j].no;
        let name = lines[j].t().trim_end_matches('|').trim().to_string();
        j += 1;
        let required = required_cell(lines[j].t());
        if required.is_some() {
            j += 1;
        } else if has_required_column && missing_required.is_none() {
            missing_required = Some(line);
        }
        let type_text = lines[j].t().trim_end_matches('|').trim().to_string();
        j += 1;
        let mut desc = Vec::new();
        while j < lines.len() && !row_start(lines, j) && !ends_table(&lines[j]) {
            let t = lines[j].t().trim_end_matches('|').trim();
            if !t.is_empty() {
                desc.push(t.to_string());
            }
            j += 1;
        }
        rows.push(build_row(name, required, type_text, &desc, line));
    }
    if let Some(line) = missing_required {
        diags.push(warn(
            file,
            line,
            "the Mandatory (是否必选) cells are missing: required-ness is left unknown for \
             another source to fill"
                .into(),
        ));
    }
    (rows, j)
}

fn build_row(
    name: String,
    required: Option<bool>,
    type_text: String,
    desc: &[String],
    line: usize,
) -> RawRow {
    let mut row = RawRow {
        name,
        required,
        type_text,
        line,
        ..RawRow::default()
    };
    if cell_blocks::has_blocks(desc) {
        cell_blocks::fill_blocks(&mut row, desc);
    } else {
        row.description = desc
            .iter()
            .map(|l| normalize_bullet(l))
            .collect::<Vec<_>>()
            .join("\n");
    }
    row
}

/// Indices of the lines of the section starting at `i` (a heading), up to the next heading
/// for which `stop` holds.
fn section_end(lines: &[Line], i: usize, stop: impl Fn(Heading) -> bool) -> usize {
    let mut j = i + 1;
    while j < lines.len() {
        if heading(lines[j].t()).is_some_and(&stop) {
            break;
        }
        j += 1;
    }
    j
}

/// Parses the stream of cell lines of one API page (any text layout).
pub(crate) fn parse_lines(
    file: &str,
    lines: &[Line],
    format: &str,
) -> Result<RawDoc, Vec<Diagnostic>> {
    let (mut doc, op, start) = page_head(file, lines, format)?;
    let mut reader = Reader {
        file,
        lines,
        op,
        diags: Vec::new(),
        status: None,
    };
    reader.read(start);
    let (op, diags) = reader.finish()?;
    doc.operations.push(op);
    doc.diagnostics = diags;
    Ok(doc)
}

/// The document and its operation as the first lines give them (the date, then the title),
/// with the index of the line after the title.
fn page_head(
    file: &str,
    lines: &[Line],
    format: &str,
) -> Result<(RawDoc, RawOperation, usize), Vec<Diagnostic>> {
    let Some(first) = lines.first() else {
        return Err(vec![error(file, 1, "the page is empty".into())]);
    };
    let mut doc = RawDoc {
        file: file.to_string(),
        format: format.to_string(),
        language: language_of(&lines.iter().map(Line::t).collect::<Vec<_>>().join("\n"))
            .to_string(),
        updated: updated_date(first.t()),
        ..RawDoc::default()
    };
    let i = usize::from(doc.updated.is_some());
    let Some(title) = lines.get(i) else {
        return Err(vec![error(file, first.no, "the page has no title".into())]);
    };
    doc.title = Some(title.t().to_string());
    let op = RawOperation {
        title: title.t().to_string(),
        line: title.no,
        ..RawOperation::default()
    };
    Ok((doc, op, i + 1))
}

/// Reads the sections and tables of a page into its operation.
struct Reader<'a> {
    file: &'a str,
    lines: &'a [Line],
    op: RawOperation,
    diags: Vec<Diagnostic>,
    /// The status code heading the response tables stand under.
    status: Option<u16>,
}

impl Reader<'_> {
    /// Reads from line `i` up to the error codes.
    fn read(&mut self, mut i: usize) {
        while i < self.lines.len() {
            let line = &self.lines[i];
            if line.synthetic_caption || caption(line.t()).is_some() {
                i = self.table(i);
                continue;
            }
            let Some(h) = heading(line.t()) else {
                // A stray paragraph (`None` under Request Parameters, a note).
                i += 1;
                continue;
            };
            let Some(next) = self.section(i, h) else {
                break;
            };
            i = next;
        }
    }

    /// Reads the table captioned at line `i`; returns the index after it.
    fn table(&mut self, i: usize) -> usize {
        let line = &self.lines[i];
        let t = line.t();
        let (name, caption_text) = if line.synthetic_caption {
            (t, None)
        } else {
            (caption(t).unwrap_or(t), Some(t.to_string()))
        };
        let (rows, next) = parse_rows(self.file, self.lines, i + 1, &mut self.diags);
        match caption_role(name, self.status) {
            Some(role) => {
                if rows.is_empty() {
                    let message = format!("table `{name}` has no rows");
                    self.diags.push(warn(self.file, line.no, message));
                }
                self.op.tables.push(RawTable {
                    role,
                    caption: caption_text,
                    line: line.no,
                    rows,
                    ..RawTable::default()
                });
            }
            None => {
                let message = format!("table `{name}` is not read");
                self.diags.push(warn(self.file, line.no, message));
            }
        }
        next.max(i + 1)
    }

    /// Reads the section headed `h` at line `i`; returns the index after what it read, or
    /// `None` at the error codes, where the page's own matter ends.
    fn section(&mut self, i: usize, h: Heading) -> Option<usize> {
        let lines = self.lines;
        let next = match h {
            Heading::Function | Heading::CallingMethod => {
                let end = section_end(lines, i, |_| true);
                if h == Heading::Function {
                    let text: Vec<String> = lines[i + 1..end]
                        .iter()
                        .map(|l| normalize_bullet(l.t()))
                        .collect();
                    self.op.description = text.join("\n");
                }
                end
            }
            Heading::Uri => self.uri(i),
            Heading::RequestParams => {
                self.status = None;
                i + 1
            }
            Heading::ResponseParams => i + 1,
            Heading::Status(s) => {
                self.status = Some(s);
                i + 1
            }
            Heading::ExampleRequests | Heading::ExampleResponses => self.examples(i, h),
            Heading::Sdk => {
                let end = section_end(lines, i, |h| {
                    h == Heading::StatusCodes || h == Heading::ErrorCodes
                });
                (self.op.sdk_operation, self.op.sdk_body) = sdk_names(&lines[i + 1..end]);
                end
            }
            Heading::StatusCodes => {
                let end = section_end(lines, i, |h| h == Heading::ErrorCodes);
                self.op.status_codes = parse_status_codes(&lines[i + 1..end]);
                end
            }
            Heading::ErrorCodes => return None,
        };
        Some(next)
    }

    /// Reads the request line after the `URI` heading at line `i`.
    fn uri(&mut self, i: usize) -> usize {
        let request = self
            .lines
            .get(i + 1)
            .and_then(|l| uri_line(l.t()).map(|u| (u, l.no)));
        let Some(((method, path, query), no)) = request else {
            let message = "URI heading without a request line";
            self.diags
                .push(warn(self.file, self.lines[i].no, message.into()));
            return i + 1;
        };
        self.op.method = method;
        self.op.path = path;
        self.op.query_template = query;
        self.op.uri_line = no;
        i + 2
    }

    /// Reads the examples under the heading `h` at line `i`, with the status headings among them.
    fn examples(&mut self, i: usize, h: Heading) -> usize {
        let end = section_end(self.lines, i, |h| {
            !matches!(h, Heading::Status(_)) && h != Heading::ExampleRequests
        });
        let kind = if h == Heading::ExampleRequests {
            ExampleKind::Request
        } else {
            ExampleKind::Response
        };
        let examples = parse_examples(self.file, &self.lines[i + 1..end], kind, &mut self.diags);
        self.op.examples.extend(examples);
        end
    }

    /// The operation, or an error when it has no request line; warns of path parameters without
    /// a table.
    fn finish(mut self) -> Result<(RawOperation, Vec<Diagnostic>), Vec<Diagnostic>> {
        let op = self.op;
        if op.method.is_empty() {
            let message = "no `URI` section with a request line";
            self.diags.push(error(self.file, op.line, message.into()));
            return Err(self.diags);
        }
        let has_params = op
            .tables
            .iter()
            .any(|t| matches!(t.role, TableRole::Params(_)));
        if !has_params && op.path.contains('{') {
            let message = "the path has parameters but no path-parameter table";
            self.diags
                .push(warn(self.file, op.uri_line, message.into()));
        }
        Ok((op, self.diags))
    }
}
