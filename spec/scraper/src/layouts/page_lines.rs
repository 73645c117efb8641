//! Pieces of an API page that read the same in the text layouts: examples (JSON kept verbatim),
//! the closing status-code table and the model names of the SDK sample code.

use crate::model::{Example, ExampleKind};
use crate::raw::{Diagnostic, Pos, Severity};

use super::vocabulary::{block_marker, heading, status_code, Heading};

/// One non-empty line of a page: its 1-based number and its text (right-trimmed, leading
/// spaces kept so printed JSON stays verbatim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub no: usize,
    pub text: String,
    /// A caption the layout does not print but the parser recovered (pipe rows).
    pub synthetic_caption: bool,
}

impl Line {
    pub fn t(&self) -> &str {
        self.text.trim()
    }
}

/// The non-empty lines of a text, numbered from 1.
pub(crate) fn nonblank_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim_end().to_string(),
            synthetic_caption: false,
        })
        .collect()
}

pub(crate) fn warn(file: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        pos: Pos {
            file: file.to_string(),
            line,
        },
        severity: Severity::Warning,
        message,
    }
}

pub(crate) fn error(file: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        pos: Pos {
            file: file.to_string(),
            line,
        },
        severity: Severity::Error,
        message,
    }
}

/// `POST https://{dcs_endpoint}/v2/… { "a": 1 }` → (request line, rest of the line).
fn request_line(t: &str) -> Option<(&str, &str)> {
    let (method, rest) = t.split_once(' ')?;
    if !["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&method) {
        return None;
    }
    let rest = rest.trim_start();
    if !(rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with('/')) {
        return None;
    }
    let end = rest.find(' ').map_or(t.len(), |i| t.len() - rest.len() + i);
    Some((t[..end].trim(), t[end..].trim()))
}

/// Byte length of the balanced JSON value at the start of `s` (string-aware), or None when it
/// does not close.
fn json_end(s: &str, depth: &mut i32, in_str: &mut bool, escaped: &mut bool) -> Option<usize> {
    for (i, c) in s.char_indices() {
        if *in_str {
            if *escaped {
                *escaped = false;
            } else if c == '\\' {
                *escaped = true;
            } else if c == '"' {
                *in_str = false;
            }
            continue;
        }
        match c {
            '"' => *in_str = true,
            '{' | '[' => *depth += 1,
            '}' | ']' => {
                *depth -= 1;
                if *depth == 0 {
                    return Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// Collects the JSON value starting at `lines[i]` (from byte `offset`), joining printed lines
/// with `\n`. Returns the text and the index of the next line.
fn collect_json(lines: &[Line], i: usize, offset: usize) -> (String, usize, bool) {
    let (mut depth, mut in_str, mut esc) = (0, false, false);
    let mut out = String::new();
    let mut j = i;
    while j < lines.len() {
        let text = if j == i {
            lines[j].text.get(offset..).unwrap_or("")
        } else {
            &lines[j].text
        };
        if j > i {
            out.push('\n');
        }
        if let Some(end) = json_end(text, &mut depth, &mut in_str, &mut esc) {
            out.push_str(&text[..end]);
            return (out, j + 1, true);
        }
        out.push_str(text);
        j += 1;
    }
    (out, j, false)
}

/// Parses an example section (after `Example Requests` / `请求示例` or the response heading).
pub(crate) fn parse_examples(
    file: &str,
    lines: &[Line],
    kind: ExampleKind,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut out = Vec::new();
    let mut title: Vec<String> = Vec::new();
    let mut status = None;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].t();
        if let Some(Heading::Status(s)) = heading(t) {
            status = Some(s);
            i += 1;
            continue;
        }
        if block_marker(t).is_some() || t == "None" || t == "无" {
            i += 1;
            continue;
        }
        let (url, json_at) = match request_line(t) {
            Some((url, rest)) => {
                let start = lines[i].text.len() - rest.len();
                let json_at = if rest.starts_with(['{', '[']) {
                    Some((i, start))
                } else if lines
                    .get(i + 1)
                    .is_some_and(|l| l.t().starts_with(['{', '[']))
                {
                    let l = &lines[i + 1];
                    Some((i + 1, l.text.len() - l.text.trim_start().len()))
                } else {
                    None
                };
                (Some(url.to_string()), json_at)
            }
            None if t.starts_with(['{', '[']) => (
                None,
                Some((i, lines[i].text.len() - lines[i].text.trim_start().len())),
            ),
            None => {
                title.push(t.to_string());
                i += 1;
                continue;
            }
        };
        let source_line = lines[i].no;
        let mut example = Example {
            kind,
            title: (!title.is_empty()).then(|| title.join(" ")),
            status: if kind == ExampleKind::Response {
                status
            } else {
                None
            },
            url,
            json: None,
            source: format!("{file}:{source_line}"),
        };
        title.clear();
        i += 1;
        if let Some((at, offset)) = json_at {
            let (json, next, closed) = collect_json(lines, at, offset);
            if !closed {
                diags.push(warn(
                    file,
                    lines[at].no,
                    "example JSON does not close".into(),
                ));
            }
            example.json = Some(json);
            i = next;
        }
        out.push(example);
    }
    out
}

/// Parses the closing status-code table: a status number, then its description lines.
pub(crate) fn parse_status_codes(lines: &[Line]) -> Vec<(u16, String, usize)> {
    let mut out: Vec<(u16, String, usize)> = Vec::new();
    for line in lines {
        let t = line.t().trim_end_matches('|').trim();
        if t.starts_with("---") || block_marker(t).is_some() {
            continue;
        }
        if let Some(code) = status_code(t) {
            out.push((code, String::new(), line.no));
        } else if let Some(last) = out.last_mut() {
            if !last.1.is_empty() {
                last.1.push(' ');
            }
            last.1.push_str(t);
        }
    }
    out
}

/// Model names from the SDK sample code: (`CopyInstance` from `CopyInstanceRequest request =
/// new …`, `BackupInstanceBody` from `BackupInstanceBody body = new …` or `request.body = X(`).
pub(crate) fn sdk_names(lines: &[Line]) -> (Option<String>, Option<String>) {
    let mut op = None;
    let mut body = None;
    for line in lines {
        let t = line.t();
        if op.is_none() {
            if let Some(at) = t.find("Request request = new ") {
                op = last_word(&t[..at]).map(str::to_string);
            }
        }
        if body.is_none() {
            if let Some(at) = t.find(" body = new ") {
                body = last_word(&t[..at]).map(str::to_string);
            } else if let Some(at) = t.find("request.body = ") {
                let rest = &t[at + "request.body = ".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if rest[name.len()..].starts_with('(') && !name.is_empty() {
                    body = Some(name);
                }
            }
        }
    }
    (op, body)
}

fn last_word(s: &str) -> Option<&str> {
    let w = s.rsplit(|c: char| !c.is_ascii_alphanumeric()).next()?;
    (!w.is_empty() && w.starts_with(|c: char| c.is_ascii_uppercase())).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        nonblank_lines(text)
    }

    #[test]
    fn one_line_request_example_keeps_its_json() {
        let l = lines("标题。\nPOST https://{e}/v2/x { \"a\" : { \"b\" : \"}\" } }\n");
        let mut d = Vec::new();
        let ex = parse_examples("f", &l, ExampleKind::Request, &mut d);
        assert_eq!(ex.len(), 1);
        assert_eq!(ex[0].url.as_deref(), Some("POST https://{e}/v2/x"));
        assert_eq!(ex[0].json.as_deref(), Some("{ \"a\" : { \"b\" : \"}\" } }"));
        assert_eq!(ex[0].title.as_deref(), Some("标题。"));
        assert!(d.is_empty());
    }

    #[test]
    fn response_examples_take_their_status() {
        let l = lines("状态码:200\n参数解释\nok\n{\n  \"id\" : 1\n}\n");
        let mut d = Vec::new();
        let ex = parse_examples("f", &l, ExampleKind::Response, &mut d);
        assert_eq!(ex[0].status, Some(200));
        assert_eq!(ex[0].json.as_deref(), Some("{\n  \"id\" : 1\n}"));
        assert_eq!(ex[0].source, "f:4");
    }

    #[test]
    fn sdk_names_from_java_and_python() {
        let l = lines("CopyInstanceRequest request = new CopyInstanceRequest();\n        BackupInstanceBody body = new BackupInstanceBody();\n");
        assert_eq!(
            sdk_names(&l),
            (
                Some("CopyInstance".into()),
                Some("BackupInstanceBody".into())
            )
        );
        let l = lines("request = X()\n  request.body = ExportBody(\n");
        assert_eq!(sdk_names(&l), (None, Some("ExportBody".into())));
    }
}
