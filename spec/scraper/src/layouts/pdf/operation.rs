//! One operation page: its sections (Function, URI, request and response parameters, examples,
//! SDK sample, status codes) read into a [`RawOperation`].

use super::examples::{
    is_json_start, read_json, read_request_line, request_line, sdk_body, sdk_operation,
};
use super::lines::Line;
use super::table::{parse_header, parse_rows, Column};
use super::text::paragraph;
use crate::model::{Example, ExampleKind, Location};
use crate::raw::{Diagnostic, Pos, RawOperation, RawTable, Severity, TableRole};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Start,
    Function,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    Sdk,
    StatusCodes,
    Other,
}

/// Reads the page `lines[start..end]` (after the title) of the operation titled `title`.
pub struct PageParser<'l, 'a> {
    file: &'l str,
    lines: &'l [Line<'a>],
    end: usize,
    op: RawOperation,
    diagnostics: Vec<Diagnostic>,
    phase: Phase,
    status: Option<u16>,
    description: Vec<&'a str>,
    pending_title: Vec<&'a str>,
    last_url: Option<String>,
}

/// Splits `Table 5-213 Path Parameters` into (`5-213`, `Path Parameters`).
pub fn caption(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix("Table ")?;
    let (num, name) = rest.split_once(' ')?;
    if !num.contains('-') || !num.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let name = name.trim();
    // `Table 8-1 describes the parameter.` is a sentence, not a caption.
    if name.starts_with("describes") || name.starts_with("lists") || name.is_empty() {
        return None;
    }
    Some((num, name))
}

fn status_line(t: &str) -> Option<u16> {
    let rest = t.strip_prefix("Status code: ")?;
    rest.trim().parse().ok()
}

/// Section headings that end a table or a block of text.
fn is_marker(t: &str) -> bool {
    matches!(
        t,
        "Function"
            | "URI"
            | "Calling Method"
            | "Request Parameters"
            | "Response Parameters"
            | "Request"
            | "Response"
            | "Example Requests"
            | "Example Request"
            | "Example Responses"
            | "Example Response"
            | "SDK Sample Code"
            | "Status Codes"
            | "Status Code"
            | "Return Value"
            | "Error Codes"
    ) || t.starts_with("Example request")
        || t.starts_with("Example response")
        || status_line(t).is_some()
        || caption(t).is_some()
}

impl<'l, 'a> PageParser<'l, 'a> {
    pub fn new(file: &'l str, lines: &'l [Line<'a>], end: usize, op: RawOperation) -> Self {
        PageParser {
            file,
            lines,
            end,
            op,
            diagnostics: Vec::new(),
            phase: Phase::Start,
            status: None,
            description: Vec::new(),
            pending_title: Vec::new(),
            last_url: None,
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            pos: Pos {
                file: self.file.to_string(),
                line,
            },
            severity: Severity::Warning,
            message,
        });
    }

    fn error(&mut self, line: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            pos: Pos {
                file: self.file.to_string(),
                line,
            },
            severity: Severity::Error,
            message,
        });
    }

    /// Parses the page from `start`; returns the operation and its diagnostics.
    pub fn parse(mut self, start: usize) -> (RawOperation, Vec<Diagnostic>) {
        let mut i = start;
        while i < self.end {
            i = self.step(i);
        }
        self.op.description = paragraph(self.description.iter().copied());
        if self.op.method.is_empty() {
            let line = self.op.line;
            self.error(
                line,
                format!("operation `{}` has no URI line", self.op.title),
            );
        }
        // v1 response examples give no status: they show the success response.
        let success = self
            .op
            .status_codes
            .iter()
            .map(|s| s.0)
            .find(|s| (200..300).contains(s));
        for ex in &mut self.op.examples {
            if ex.kind == ExampleKind::Response && ex.status.is_none() {
                ex.status = success;
            }
        }
        for t in &mut self.op.tables {
            if t.role == TableRole::ResponseBody(None) {
                t.role = TableRole::ResponseBody(success);
            }
        }
        (self.op, self.diagnostics)
    }

    fn step(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let t = line.text();
        if t.is_empty() {
            return i + 1;
        }
        match t {
            "Function" => self.phase = Phase::Function,
            "Calling Method" | "Error Codes" => self.phase = Phase::Other,
            "URI" => return self.uri(i + 1),
            "Request Parameters" | "Request" => self.phase = Phase::Request,
            "Response Parameters" | "Response" => {
                self.phase = Phase::Response;
                self.status = None;
            }
            "Example Requests" | "Example Request" => self.phase = Phase::ExampleRequest,
            "Example Responses" | "Example Response" => {
                self.phase = Phase::ExampleResponse;
                self.pending_title.clear();
                self.status = None;
            }
            "SDK Sample Code" => self.phase = Phase::Sdk,
            "Status Codes" | "Status Code" | "Return Value" => self.phase = Phase::StatusCodes,
            _ if t.starts_with("Example request") => {
                self.phase = Phase::ExampleRequest;
                self.pending_title.clear();
            }
            _ if t.starts_with("Example response") => {
                self.phase = Phase::ExampleResponse;
                self.pending_title.clear();
                self.status = None;
            }
            _ => return self.content(i),
        }
        i + 1
    }

    fn content(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let t = line.text();
        if let Some(s) = status_line(t) {
            self.status = Some(s);
            self.pending_title.clear();
            return i + 1;
        }
        if let Some((_, name)) = caption(t) {
            return self.table(i, name);
        }
        if let Some((cols, body_start)) = parse_header(self.lines, i) {
            return self.table_body(None, i, "", &cols, body_start);
        }
        match self.phase {
            Phase::Function => self.description.push(t),
            Phase::ExampleRequest | Phase::ExampleResponse | Phase::Response | Phase::Request => {
                return self.example_line(i);
            }
            Phase::Sdk => {
                if self.op.sdk_operation.is_none() {
                    self.op.sdk_operation = sdk_operation(t).map(str::to_string);
                }
                if self.op.sdk_body.is_none() {
                    self.op.sdk_body = sdk_body(t).map(str::to_string);
                }
            }
            Phase::StatusCodes => return self.status_code(i),
            Phase::Start | Phase::Other => {}
        }
        i + 1
    }

    fn uri(&mut self, mut i: usize) -> usize {
        while i < self.end && self.lines[i].is_blank() {
            i += 1;
        }
        if i >= self.end {
            return i;
        }
        let Some((method, _)) = request_line(self.lines[i].text()) else {
            let (no, text) = (self.lines[i].no, self.lines[i].text().to_string());
            self.error(
                no,
                format!("expected `METHOD /path` after URI, found `{text}`"),
            );
            return i;
        };
        let method = method.to_string();
        let (full, next) = read_request_line(self.lines, i, self.end);
        let uri = full[method.len()..].trim();
        let (path, query) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (uri, None),
        };
        self.op.method = method;
        self.op.path = path.to_string();
        self.op.query_template = query.filter(|q| !q.is_empty());
        self.op.uri_line = self.lines[i].no;
        self.phase = Phase::Other;
        next
    }

    fn status_code(&mut self, i: usize) -> usize {
        let t = self.lines[i].text();
        let code = t
            .split_whitespace()
            .next()
            .and_then(|w| w.parse::<u16>().ok());
        match code {
            Some(c) if (100..600).contains(&c) && t.len() > 3 => {
                let mut desc = vec![t[3..].trim()];
                let mut j = i + 1;
                while j < self.end && !self.lines[j].is_blank() && !is_marker(self.lines[j].text())
                {
                    desc.push(self.lines[j].text());
                    j += 1;
                }
                self.op
                    .status_codes
                    .push((c, paragraph(desc), self.lines[i].no));
                j
            }
            _ => i + 1,
        }
    }

    fn example_line(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let t = line.text();
        let kind = match self.phase {
            Phase::ExampleRequest | Phase::Request => ExampleKind::Request,
            _ => ExampleKind::Response,
        };
        if is_json_start(t) {
            let block = read_json(self.lines, i, self.end);
            if !block.closed {
                self.error(
                    line.no,
                    "JSON example is not closed before the end of the page".to_string(),
                );
            }
            let title = self.take_title();
            let attach = kind == ExampleKind::Request
                && self.op.examples.last().is_some_and(|e| {
                    e.kind == ExampleKind::Request && e.json.is_none() && e.url.is_some()
                });
            if attach {
                if let Some(e) = self.op.examples.last_mut() {
                    e.json = Some(block.json);
                    if e.title.is_none() {
                        e.title = title;
                    }
                }
            } else {
                self.op.examples.push(Example {
                    kind,
                    title,
                    status: if kind == ExampleKind::Response {
                        self.status
                    } else {
                        None
                    },
                    url: if kind == ExampleKind::Request {
                        self.last_url.clone()
                    } else {
                        None
                    },
                    json: Some(block.json),
                    source: format!("{}:{}", self.file, line.no),
                });
            }
            return block.next;
        }
        if matches!(self.phase, Phase::ExampleRequest) && request_line(t).is_some() {
            let (url, next) = read_request_line(self.lines, i, self.end);
            self.last_url = Some(url.clone());
            let title = self.take_title();
            self.op.examples.push(Example {
                kind: ExampleKind::Request,
                title,
                status: None,
                url: Some(url),
                json: None,
                source: format!("{}:{}", self.file, line.no),
            });
            return next;
        }
        if matches!(self.phase, Phase::ExampleRequest | Phase::ExampleResponse) {
            let skip = matches!(
                t,
                "Request URL:"
                    | "None."
                    | "● Example:"
                    | "Example:"
                    | "Request body:"
                    | "Response body:"
            );
            if !skip {
                self.pending_title.push(t);
            }
        }
        i + 1
    }

    fn take_title(&mut self) -> Option<String> {
        let title = paragraph(self.pending_title.drain(..));
        let title = title
            .trim_start_matches("● ")
            .trim_end_matches(':')
            .trim()
            .to_string();
        (!title.is_empty()).then_some(title)
    }

    fn table(&mut self, i: usize, name: &str) -> usize {
        let mut h = i + 1;
        while h < self.end && self.lines[h].is_blank() {
            h += 1;
        }
        match (h < self.end)
            .then(|| parse_header(self.lines, h))
            .flatten()
        {
            Some((cols, body_start)) => self.table_body(Some(i), i, name, &cols, body_start),
            None => {
                // Status-code tables and the like: their rows are read by the current phase.
                if name.starts_with("Status code") {
                    self.phase = Phase::StatusCodes;
                }
                i + 1
            }
        }
    }

    /// Reads the rows after a header (`cols`, ending before `body_start`) of a table captioned
    /// at line index `cap` (None for the uncaptioned tables of some v1 pages); `at` is the index
    /// of the caption or else of the header.
    fn table_body(
        &mut self,
        cap: Option<usize>,
        at: usize,
        name: &str,
        cols: &[Column],
        body_start: usize,
    ) -> usize {
        let cap_line = self.lines[at];
        let mut end = body_start;
        while end < self.end {
            let l = self.lines[end];
            if l.is_table_end() || (is_marker(l.text()) && !l.is_blank()) {
                break;
            }
            end += 1;
        }
        let (rows, errors) = parse_rows(&self.lines[body_start..end], cols);
        for (line, e) in errors {
            self.warn(line, e);
        }
        let role = self.role(name, cap_line.no);
        let caption = cap.map(|_| cap_line.text().to_string());
        let table = RawTable {
            role,
            caption,
            line: cap_line.no,
            rows,
            ..RawTable::default()
        };
        self.op.tables.push(table);
        end
    }

    /// A table's role: its caption's words as a hint (`Path Parameters`, `request body
    /// parameter`, `Response`), any case and number; a generic caption (`Parameter
    /// description`) or none by the section it stands in; a field's name (`tags parameters`,
    /// `Parameter description of the instances array`) or a model's (`BssParam`) for a nested
    /// table.
    fn role(&mut self, name: &str, line: usize) -> TableRole {
        let lower = name.to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if let Some(role) = self.hinted_role(&words) {
            return role;
        }
        let generic = words.iter().all(|w| {
            matches!(
                *w,
                "parameter" | "parameters" | "description" | "descriptions"
            )
        });
        if generic {
            return match self.phase {
                Phase::Request | Phase::ExampleRequest => TableRole::RequestBody,
                Phase::Response | Phase::ExampleResponse => TableRole::ResponseBody(self.status),
                _ => TableRole::UriParams,
            };
        }
        // v1 nested tables are named after the field that holds them.
        let field = lower
            .strip_prefix("parameter description of the ")
            .and_then(|r| r.strip_suffix(" array"))
            .or_else(|| lower.strip_suffix(" parameter description"))
            .or_else(|| lower.strip_suffix(" parameters"))
            .or_else(|| lower.strip_suffix(" parameter"));
        if let Some(f) = field {
            return TableRole::Nested(f.trim().to_string());
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.warn(
                line,
                format!("table caption `{name}` names no known table kind; read as a nested model"),
            );
        }
        TableRole::Nested(name.to_string())
    }

    /// The role a caption's words name: path / query / header / URI parameters, the request or
    /// the response (body), in any case and number.
    fn hinted_role(&self, words: &[&str]) -> Option<TableRole> {
        let has = |w: &str| words.iter().any(|x| x.trim_end_matches('s') == w);
        let only = |allowed: &[&str]| {
            words
                .iter()
                .all(|x| allowed.contains(&x.trim_end_matches('s')))
        };
        let params = [
            "parameter",
            "body",
            "header",
            "request",
            "response",
            "path",
            "query",
            "uri",
        ];
        if !only(&params) {
            return None;
        }
        Some(if has("path") {
            TableRole::Params(Location::Path)
        } else if has("query") {
            TableRole::Params(Location::Query)
        } else if has("header") {
            TableRole::Params(Location::Header)
        } else if has("uri") {
            TableRole::UriParams
        } else if has("request") {
            TableRole::RequestBody
        } else if has("response") {
            TableRole::ResponseBody(self.status)
        } else {
            return None;
        })
    }
}
