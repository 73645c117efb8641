//! The parser for a whole reference exported from PDF to text (`pdf-text` layout): text →
//! [`RawDoc`].
//!
//! 1. [`lines`] drops the page furniture that cuts through tables and examples.
//! 2. [`sections`] finds the numbered headings (`5 API V2`, `5.5 Backup and Restoration`,
//!    `5.5.5 Backing Up a DCS Instance`).
//! 3. A section whose body opens a `URI` block with a request line is an operation page, grouped
//!    by its parent heading; the chapter above it tells whether it is deprecated. Which numbers
//!    these are is read from the document, never assumed.
//! 4. [`operation`] reads a page's sections; [`table`] rebuilds its flattened tables;
//!    [`examples`] reads request lines, JSON examples and the SDK sample's names.
//! 5. [`errors`] reads any section holding the error-code table (Status Code / Error Codes /
//!    Error Message / Description / Solution).

pub mod errors;
pub mod examples;
pub mod lines;
pub mod operation;
pub mod sections;
pub mod table;
pub mod text;

use crate::raw::{Diagnostic, Pos, RawDoc, RawOperation, Severity};
use examples::request_line;
use lines::Line;
use sections::Heading;

/// Whether `text` is (part of) a reference exported from PDF: numbered section headings, and
/// tables captioned with chapter numbers (`Table 5-3 …`, where single pages say `Table 3`) or the
/// running page furniture.
pub fn recognizes(text: &str) -> bool {
    let raw = lines::split(text);
    let headed = raw
        .iter()
        .any(|l| sections::parse_heading(l.text()).is_some_and(|(n, _)| n.len() >= 2));
    let captioned = raw.iter().any(|l| operation::caption(l.text()).is_some());
    headed && (captioned || lines::running_header(&raw).is_some())
}

/// Parses the whole reference. Never panics; problems come back as diagnostics (errors when the
/// document cannot be read at all, e.g. it holds no operations).
pub fn parse(file: &str, text: &str) -> RawDoc {
    let lines = lines::clean(text);
    let heads = sections::headings(&lines);
    let mut doc = RawDoc {
        file: file.to_string(),
        format: "pdf-text".to_string(),
        language: crate::layouts::vocabulary::language_of(text).to_string(),
        updated: updated(text),
        title: lines::running_header(&lines::split(text)).map(str::to_string),
        ..RawDoc::default()
    };
    let ends: Vec<usize> = (0..heads.len())
        .map(|k| heads.get(k + 1).map_or(lines.len(), |n| n.index))
        .collect();
    for (k, h) in heads.iter().enumerate() {
        let end = ends[k];
        if is_operation_page(&lines[h.body..end]) {
            let op = RawOperation {
                title: h.title.clone(),
                line: lines[h.index].no,
                group: parent(&heads, k, h.number.len() - 1).map(|p| p.title.clone()),
                chapter: parent(&heads, k, 1).map(|c| c.title.clone()),
                ..RawOperation::default()
            };
            let (op, diags) = operation::PageParser::new(file, &lines, end, op).parse(h.body);
            doc.operations.push(op);
            doc.diagnostics.extend(diags);
        } else if errors::has_table(&lines[h.body..end]) {
            let (codes, problems) = errors::parse(&lines[h.body..end]);
            doc.error_codes.extend(codes);
            doc.diagnostics
                .extend(problems.into_iter().map(|(line, message)| Diagnostic {
                    pos: Pos {
                        file: file.to_string(),
                        line,
                    },
                    severity: Severity::Warning,
                    message,
                }));
        }
    }
    if doc.operations.is_empty() {
        doc.diagnostics.push(Diagnostic {
            pos: Pos {
                file: file.to_string(),
                line: lines.last().map_or(1, |l| l.no),
            },
            severity: Severity::Error,
            message: "no operation pages (a section with a `URI` block and a request line)"
                .to_string(),
        });
    }
    doc
}

/// The nearest heading before `heads[k]` with `depth` numbers (its chapter at depth 1).
fn parent(heads: &[Heading], k: usize, depth: usize) -> Option<&Heading> {
    if depth == 0 || heads[k].number.len() <= depth {
        return None;
    }
    heads[..k]
        .iter()
        .rev()
        .find(|h| h.number.len() == depth && h.number[..] == heads[k].number[..depth])
}

/// A section is an operation page when a line `URI` is followed by a request line.
fn is_operation_page(body: &[Line<'_>]) -> bool {
    body.iter().enumerate().any(|(i, l)| {
        l.text() == "URI"
            && body[i + 1..]
                .iter()
                .find(|n| !n.is_blank())
                .is_some_and(|n| request_line(n.text()).is_some())
    })
}

/// `Issue 01 (2024-04-09)` in the footer gives the document's date.
fn updated(text: &str) -> Option<String> {
    let at = text.find("Issue ")?;
    let rest = &text[at..];
    let open = rest.find('(')?;
    let date = rest.get(open + 1..open + 11)?;
    let ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    ok.then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Other Service\nAPI Reference 2 APIs\nIssue 03 (2023-05-06) Copyright x 1\n\
        2 APIs\n\n2.1 Servers\n\n2.1.1 Querying a Server\nFunction\nQueries a server.\n\nURI\nGET /v1/{project_id}/servers/{server_id}\n\n\
        Table 2-1 Path Parameters\nParameter Mandatory Type Description\n\nproject_id Yes String Project ID.\n \n\
        3 Out-of-Date APIs\n\n3.1 Old Servers\n\n3.1.1 Querying Servers\nURI\nGET /v0/{project_id}/servers\n";

    #[test]
    fn operation_pages_are_found_by_their_uri_block_in_any_chapter() {
        assert!(recognizes(PAGE));
        let doc = parse("x.txt", PAGE);
        let titles: Vec<_> = doc.operations.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(titles, ["Querying a Server", "Querying Servers"]);
        assert_eq!(doc.operations[0].group.as_deref(), Some("Servers"));
        assert_eq!(doc.operations[0].chapter.as_deref(), Some("APIs"));
        assert_eq!(
            doc.operations[1].chapter.as_deref(),
            Some("Out-of-Date APIs")
        );
        assert_eq!(doc.title.as_deref(), Some("Other Service"));
        assert_eq!(doc.updated.as_deref(), Some("2023-05-06"));
    }

    #[test]
    fn text_without_captions_or_furniture_is_not_pdf_text() {
        assert!(!recognizes("Querying a Server\nURI\nGET /v1/servers\n"));
    }
}
