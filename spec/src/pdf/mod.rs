//! The parser for the reference's PDF text (`pdf-text` layout): text → [`RawDoc`].
//!
//! 1. [`lines`] drops the page furniture that cuts through tables and examples.
//! 2. [`sections`] finds the numbered headings; every `5.x.y` (v2) and `8.x.y` (v1) heading opens
//!    an operation page, grouped by its `5.x` heading.
//! 3. [`operation`] reads a page's sections; [`table`] rebuilds its flattened tables;
//!    [`examples`] reads request lines, JSON examples and the SDK sample's names.
//! 4. [`errors`] reads the error-code table of section 7.2.

pub mod errors;
pub mod examples;
pub mod lines;
pub mod operation;
pub mod sections;
pub mod table;
pub mod text;

use crate::raw::{Diagnostic, Pos, RawDoc, RawOperation, Severity};

/// Chapter holding the v2 APIs, the error codes, and the outdated v1 APIs.
const V2_CHAPTER: u32 = 5;
const APPENDIX_CHAPTER: u32 = 7;
const V1_CHAPTER: u32 = 8;

/// Parses the whole reference. Never panics; problems come back as diagnostics (errors when the
/// document cannot be read at all, e.g. it holds no operations).
pub fn parse(file: &str, text: &str) -> RawDoc {
    let lines = lines::clean(text);
    let heads = sections::headings(&lines);
    let mut doc = RawDoc {
        file: file.to_string(),
        format: "pdf-text".to_string(),
        language: "en".to_string(),
        updated: updated(text),
        ..RawDoc::default()
    };
    let mut group: Option<String> = None;
    for (k, h) in heads.iter().enumerate() {
        let end = heads.get(k + 1).map_or(lines.len(), |n| n.index);
        let chapter = h.number[0];
        match (chapter, h.number.len()) {
            (V2_CHAPTER | V1_CHAPTER, 2) => group = Some(h.title.clone()),
            (V2_CHAPTER | V1_CHAPTER, 3) => {
                let v1 = chapter == V1_CHAPTER;
                let op = RawOperation {
                    title: h.title.clone(),
                    line: lines[h.index].no,
                    group: group.clone(),
                    version: if v1 { "v1" } else { "v2" }.to_string(),
                    deprecated: v1,
                    ..RawOperation::default()
                };
                let (op, diags) = operation::PageParser::new(file, &lines, end, op).parse(h.body);
                doc.operations.push(op);
                doc.diagnostics.extend(diags);
            }
            (APPENDIX_CHAPTER, 2) if h.title == "Error Codes" => {
                let (codes, problems) = errors::parse(&lines[h.body..end]);
                doc.error_codes = codes;
                for (line, message) in problems {
                    doc.diagnostics.push(Diagnostic {
                        pos: Pos {
                            file: file.to_string(),
                            line,
                        },
                        severity: Severity::Warning,
                        message,
                    });
                }
            }
            _ => {}
        }
    }
    if doc.operations.is_empty() {
        doc.diagnostics.push(Diagnostic {
            pos: Pos {
                file: file.to_string(),
                line: lines.last().map_or(1, |l| l.no),
            },
            severity: Severity::Error,
            message: "no operation pages (chapters 5 and 8) found".to_string(),
        });
    }
    doc
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
