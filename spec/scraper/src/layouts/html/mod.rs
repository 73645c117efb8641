//! HTML pages of the documentation tooling: one page per file, linked into a reference by their
//! chapter pages. An API page (a request line under its URI heading) gives one operation; any
//! other page (a chapter index, an appendix, a data-structure page, the status or error codes)
//! gives its tables, status codes, error codes and its place in the outline, so API pages can
//! refer to them.
//!
//! What a section holds comes from its heading's words as a hint and from what it holds
//! (`sections`); what a table holds from its header cells (`tables`); which table describes
//! which row's object from the page's links and captions (`nested`).

mod dom;
mod nested;
mod sections;
mod tables;

use crate::model::{Example, ExampleKind};
use crate::raw::{Diagnostic, RawDoc, RawOperation, RawRow, RawTable, Severity, TableRole};

use super::vocabulary::{language_of, normalize_bullet, uri_line};
use dom::{Block, Grid, Link, Page};
use nested::{qualify, Part};
use sections::{Kind, Tracker};
use tables::Kind as TableKind;

/// Whether `text` is an HTML page: markup from its first character, with a heading or a body.
pub fn recognizes(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('<')
        && ["<h1", "<body", "<html", "<div"]
            .iter()
            .any(|tag| t.contains(tag))
}

/// Parses one HTML page.
pub fn parse(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    let page = dom::read(text);
    let Some((title, title_line)) = page.title.clone() else {
        return Err(vec![Diagnostic::new(
            file,
            1,
            Severity::Error,
            "no <h1> title: not a page of a reference",
        )]);
    };
    let mut reader = Reader::new(file, title, title_line);
    for block in &page.blocks {
        reader.block(block);
    }
    Ok(reader.finish(&page))
}

/// What the blocks of a page say, gathered in one pass.
struct Reader<'f> {
    file: &'f str,
    op: RawOperation,
    doc: RawDoc,
    tracker: Tracker,
    kind: Option<Kind>,
    /// Anchors of the current section, for its first table.
    section_anchors: Vec<String>,
    /// Description paragraphs; the label of the current description section when it is not
    /// the first.
    description: Vec<String>,
    described: bool,
    tables: Vec<nested::Table>,
    /// Links of the current response or status section's prose, and whether it has a table.
    prose_links: Vec<Link>,
    section_has_table: bool,
    /// The status a `Status code: 200` line set, for the response tables and examples after it.
    status: Option<u16>,
    /// Paragraphs since the last example, for its title (and its kind, in a mixed section).
    pending: Vec<String>,
    diags: Vec<Diagnostic>,
}

impl<'f> Reader<'f> {
    fn new(file: &'f str, title: String, line: usize) -> Self {
        Reader {
            file,
            op: RawOperation {
                title: title.clone(),
                line,
                ..RawOperation::default()
            },
            doc: RawDoc {
                file: file.to_string(),
                format: "html".into(),
                title: Some(title),
                ..RawDoc::default()
            },
            tracker: Tracker::default(),
            kind: None,
            section_anchors: Vec::new(),
            description: Vec::new(),
            described: false,
            tables: Vec::new(),
            prose_links: Vec::new(),
            section_has_table: false,
            status: None,
            pending: Vec::new(),
            diags: Vec::new(),
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                text,
                anchors,
                ..
            } => self.heading(*level, text, anchors),
            Block::Para { text, links, line } => self.para(text, links, *line),
            Block::Table(grid) => self.table(grid),
            Block::Pre { text, line } => self.pre(text, *line),
        }
    }

    fn heading(&mut self, level: u8, text: &str, anchors: &[String]) {
        self.end_section();
        self.kind = self.tracker.enter(level, text);
        self.section_anchors = anchors
            .iter()
            .map(|a| qualify(self.file, &format!("#{a}")))
            .collect();
        self.pending.clear();
        if self.kind == Some(Kind::Description) {
            if self.described {
                self.description.push(format!("{text}:"));
            }
            self.described = true;
        }
        if matches!(self.kind, Some(Kind::Response)) {
            self.status = None;
        }
    }

    /// At the end of a response or status section without a table, its links say where the
    /// content is.
    fn end_section(&mut self) {
        let links = std::mem::take(&mut self.prose_links);
        if self.section_has_table {
            self.section_has_table = false;
            return;
        }
        let targets = links.iter().map(|l| qualify(self.file, &l.href));
        match self.kind {
            Some(Kind::Response) => self.op.response_refs.extend(targets),
            Some(Kind::Status) => self.op.status_refs.extend(targets),
            _ => {}
        }
    }

    fn para(&mut self, text: &str, links: &[Link], line: usize) {
        if self.op.sdk_operation.is_none() {
            self.op.sdk_operation = links.iter().find_map(|l| explorer_name(&l.href));
        }
        if self.op.method.is_empty() && !matches!(self.kind, Some(Kind::Examples(_))) {
            if let Some((method, path, query)) = uri_line(text) {
                self.op.method = method;
                self.op.path = path;
                self.op.query_template = query;
                self.op.uri_line = line;
                // The section holding the request line is the URI's, whatever its heading says
                // (`Request URI`): its tables are the URI's parameters.
                self.kind = Some(Kind::Uri);
                return;
            }
        }
        if let Some(s) = status_in(text) {
            self.status = Some(s);
            if matches!(self.kind, Some(Kind::Examples(_) | Kind::Response)) {
                self.op.status_codes.push((s, String::new(), line));
            }
        }
        match self.kind {
            Some(Kind::Description) => self.description.push(normalize_bullet(text)),
            Some(Kind::Response | Kind::Status) => self.prose_links.extend(links.iter().cloned()),
            Some(Kind::Examples(_)) if !text.is_empty() => self
                .pending
                .push(text.trim_start_matches(['•', '●', ' ']).to_string()),
            _ => {}
        }
    }

    fn table(&mut self, grid: &Grid) {
        self.section_has_table = true;
        let cols = tables::columns(&grid.header);
        match tables::kind(&cols) {
            TableKind::Status => self
                .doc
                .status_codes
                .extend(tables::status_rows(grid, &cols)),
            TableKind::ErrorCodes => self.doc.error_codes.extend(tables::error_rows(grid, &cols)),
            TableKind::Params => self.param_table(grid, &cols),
            TableKind::Other => {}
        }
    }

    fn param_table(&mut self, grid: &Grid, cols: &tables::Columns) {
        let part = match self.kind {
            Some(Kind::Uri) => Part::Uri,
            Some(Kind::Request) => Part::Request,
            Some(Kind::Response) => Part::Response(self.status),
            _ => Part::Loose,
        };
        let mut anchors: Vec<String> = grid
            .anchors
            .iter()
            .map(|a| qualify(self.file, &format!("#{a}")))
            .collect();
        // A link to a section leads to its first table.
        anchors.append(&mut self.section_anchors);
        let (number, name) = grid
            .caption
            .as_deref()
            .map(tables::split_caption)
            .unwrap_or_default();
        let file = self.file;
        let rows = tables::param_rows(grid, cols)
            .into_iter()
            .map(|(mut row, links)| {
                row.refs = links
                    .iter()
                    .filter(|l| !l.href.starts_with('#') && !l.href.is_empty())
                    .map(|l| qualify(file, &l.href))
                    .collect();
                (row, links)
            })
            .collect();
        self.tables.push(nested::Table {
            part,
            number,
            name,
            caption: grid.caption.clone(),
            anchors,
            line: grid.line,
            rows,
        });
    }

    fn pre(&mut self, text: &str, line: usize) {
        if self.op.sdk_operation.is_none() {
            let lines = super::page_lines::nonblank_lines(text);
            let (op, body) = super::page_lines::sdk_names(&lines);
            self.op.sdk_operation = op;
            self.op.sdk_body = self.op.sdk_body.take().or(body);
        }
        let kind = match self.kind {
            Some(Kind::Examples(Some(k))) => k,
            Some(Kind::Examples(None)) => {
                let said = self.pending.join(" ").to_lowercase();
                if said.contains("response") || said.contains("响应") {
                    ExampleKind::Response
                } else {
                    ExampleKind::Request
                }
            }
            _ => return,
        };
        let t = text.trim();
        let source = format!("{}:{line}", self.file);
        let title = (!self.pending.is_empty()).then(|| self.pending.join(" "));
        self.pending.clear();
        if kind == ExampleKind::Request && request_url(t) {
            self.op.examples.push(Example {
                kind,
                title,
                status: None,
                url: Some(dom::collapse(t)),
                json: None,
                source,
            });
            return;
        }
        if !t.starts_with(['{', '[']) {
            return;
        }
        // A request body belongs to the request line printed just before it.
        if let Some(last) = self
            .op
            .examples
            .last_mut()
            .filter(|e| e.kind == kind && e.json.is_none() && e.url.is_some())
        {
            last.json = Some(t.to_string());
            return;
        }
        self.op.examples.push(Example {
            kind,
            title,
            status: (kind == ExampleKind::Response)
                .then_some(self.status)
                .flatten(),
            url: None,
            json: Some(t.to_string()),
            source,
        });
    }

    fn finish(mut self, page: &Page) -> RawDoc {
        self.end_section();
        if self.op.sdk_operation.is_none() {
            self.op.sdk_operation = operation_file_name(self.file);
        }
        self.doc.language = language_of(&page.text).to_string();
        self.doc.outline = Some(page.outline.clone());
        let mut placed = nested::place(self.file, std::mem::take(&mut self.tables));
        for (line, name) in nested::map_bodies(&mut placed) {
            self.diags.push(Diagnostic::new(
                self.file,
                line,
                Severity::Note,
                format!("the body's one row `{name}` is named in prose: it stands for any key, the body is a map"),
            ));
        }
        if self.op.method.is_empty() {
            self.doc.tables = placed;
            self.diags.push(Diagnostic::new(
                self.file,
                self.op.line,
                Severity::Note,
                format!(
                    "`{}` is not an API page (no request line); {} tables kept for reference",
                    self.op.title,
                    self.doc.tables.len()
                ),
            ));
        } else {
            // Empty lines end notes (see `dom`): none at the ends, none twice.
            let mut lines: Vec<&str> = Vec::new();
            for l in &self.description {
                if l.is_empty() && lines.last().map_or(true, |p| p.is_empty()) {
                    continue;
                }
                lines.push(l);
            }
            while lines.last().is_some_and(|l| l.is_empty()) {
                lines.pop();
            }
            self.op.description = lines.join("\n");
            self.op.group = page.outline.parent.as_ref().map(|(_, t)| t.clone());
            self.op.tables = placed;
            add_template_params(self.file, &mut self.op, &mut self.diags);
            self.doc.operations.push(self.op);
        }
        self.doc.diagnostics = self.diags;
        self.doc
    }
}

/// The operation an API Explorer link names (`…/apiexplorer/#/openapi/DCS/doc?api=ListCenterTask`).
fn explorer_name(href: &str) -> Option<String> {
    let at = href.find("api=")?;
    let name: String = href[at + 4..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    is_operation_name(&name).then_some(name)
}

/// A page named after its operation (`CopyInstance.html`, as some exports are).
fn operation_file_name(file: &str) -> Option<String> {
    let stem = std::path::Path::new(file).file_stem()?.to_str()?;
    is_operation_name(stem).then(|| stem.to_string())
}

/// `ListCenterTask`: UpperCamelCase, at least two words.
fn is_operation_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().filter(char::is_ascii_uppercase).count() >= 2
        && s.chars().any(|c| c.is_ascii_lowercase())
}

/// `Status code 200`, `Status code: 200` in a sentence.
fn status_in(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("status code")?;
    let rest = lower[at + "status code".len()..].trim_start_matches([':', ' ']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    crate::layouts::vocabulary::status_code(&digits)
}

/// An example's request line: a method, then a URL or a path.
fn request_url(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let method = words.next().unwrap_or("");
    ["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&method)
        && words
            .next()
            .is_some_and(|u| u.starts_with("http") || u.starts_with('/'))
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
        .filter(|t| matches!(t.role, TableRole::UriParams | TableRole::Params(_)))
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
        diags.push(Diagnostic::new(
            file,
            op.uri_line,
            Severity::Warning,
            format!("query parameter `{}` of the URI has no table row", row.name),
        ));
    }
    op.tables.push(RawTable {
        role: TableRole::Params(crate::model::Location::Query),
        line: op.uri_line,
        rows: missing,
        ..RawTable::default()
    });
}
