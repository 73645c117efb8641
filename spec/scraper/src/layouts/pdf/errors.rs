//! The error-code table: Status Code / Error Codes / Error Message / Description / Solution,
//! wherever the reference puts it. A row starts with `400 DCS.4202 ssl request` (a status, then a
//! code: a prefix, a dot and digits, or six digits or more); each of the last three cells wraps
//! over lines and ends with a blank line. Page breaks repeat the (wrapped) header.

use std::borrow::Cow;

use super::lines::Line;
use super::text::paragraph;
use crate::raw::RawErrorCode;

fn row_start(t: &str) -> Option<(u16, Cow<'_, str>, &str)> {
    let mut parts = t.splitn(3, ' ');
    let status: u16 = parts.next()?.parse().ok()?;
    if !(100..600).contains(&status) {
        return None;
    }
    let code = parts.next()?;
    let rest = parts.next().unwrap_or("");
    // `400 DCS. 4855 Master …` (DCS line 45209): the PDF broke the code after its dot.
    if let Some(prefix) = code.strip_suffix('.').filter(|p| is_prefix(p)) {
        let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let ok = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
        return ok.then(|| (status, Cow::Owned(format!("{prefix}.{number}")), rest));
    }
    let prefixed = code
        .split_once('.')
        .is_some_and(|(p, n)| is_prefix(p) && is_digits(n));
    let ok = prefixed || (code.len() >= 6 && is_digits(code));
    ok.then_some((status, Cow::Borrowed(code), rest))
}

/// `DCS`, `Ecs`, `APIGW`: a letter, then letters or digits.
fn is_prefix(p: &str) -> bool {
    p.starts_with(|c: char| c.is_ascii_alphabetic()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a section holds the error-code table: its header (`Status` `Code` / `Error Codes
/// Error` …) within its first lines, and rows after it.
pub fn has_table(lines: &[Line<'_>]) -> bool {
    let head: Vec<&str> = lines
        .iter()
        .map(|l| l.text())
        .filter(|t| !t.is_empty())
        .take(8)
        .collect();
    let header = head.iter().filter(|t| is_header_line(t)).count() >= 3;
    header && lines.iter().any(|l| row_start(l.text()).is_some())
}

fn is_header_line(t: &str) -> bool {
    matches!(
        t,
        "Status" | "Code" | "Error Codes Error" | "Message" | "Description Solution"
    )
}

/// `Invalid token. Invalid token. Check whether`: a message repeated as the description, then
/// the start of the solution, all on one line. Returns the message and the solution's start.
fn split_unwrapped(text: &str) -> Option<(&str, &str)> {
    text.match_indices(". ").find_map(|(k, _)| {
        let message = &text[..=k];
        let rest = text[k + 2..].strip_prefix(message)?;
        Some((message, rest.trim_start()))
    })
}

/// Reads the rows in `lines` (the section's lines after its heading).
pub fn parse(lines: &[Line<'_>]) -> (Vec<RawErrorCode>, Vec<(usize, String)>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| row_start(lines[i].text()).is_some())
        .collect();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let Some((status, code, first)) = row_start(lines[s].text()) else {
            continue;
        };
        // Cells as blocks of lines separated by blank lines.
        let mut blocks: Vec<Vec<&str>> = vec![vec![first]];
        for l in &lines[s + 1..end] {
            let t = l.text();
            if l.is_table_end() {
                break;
            }
            if is_header_line(t) {
                continue;
            }
            if t.is_empty() {
                if blocks.last().is_some_and(|b| !b.is_empty()) {
                    blocks.push(Vec::new());
                }
                continue;
            }
            if let Some(b) = blocks.last_mut() {
                b.push(t);
            }
        }
        blocks.retain(|b| b.iter().any(|l| !l.is_empty()));
        let (message, solution) = match split_unwrapped(first) {
            // Message and description fit on the row's first line; the solution wrapped.
            Some((m, sol)) if blocks.len() == 1 => {
                let rest = blocks[0].iter().skip(1).copied();
                (
                    m.to_string(),
                    Some(paragraph(std::iter::once(sol).chain(rest))),
                )
            }
            _ => (
                blocks
                    .first()
                    .map(|b| paragraph(b.iter().copied()))
                    .unwrap_or_default(),
                blocks.get(2).map(|b| paragraph(b.iter().copied())),
            ),
        };
        if message.is_empty() {
            problems.push((lines[s].no, format!("error code {code} has no message")));
        }
        out.push(RawErrorCode {
            status,
            code: code.to_string(),
            message,
            solution,
            line: lines[s].no,
        });
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layouts::pdf::lines::clean;

    #[test]
    fn message_and_description_on_the_first_line() {
        let lines = clean("401 111401001 Invalid token. Invalid token. Check whether\nthe request\nparameters are\nvalid.\n\n401 111401003 No token in\nthe request.\n\nNo token in\nthe request.\n\nCheck whether\nthe request.\n");
        let (codes, _) = parse(&lines);
        assert_eq!(codes[0].message, "Invalid token.");
        assert_eq!(
            codes[0].solution.as_deref(),
            Some("Check whether the request parameters are valid.")
        );
        assert_eq!(codes[1].message, "No token in the request.");
    }

    #[test]
    fn wrapped_cells_and_repeated_header() {
        let text = "400 111400002 Invalid project\nID format.\n\nInvalid project\nID format.\n\nCheck whether\nthe request\nparameters are\nvalid.\n Status\nCode\n\nError Codes Error\nMessage\n\nDescription Solution\n\n400 DCS.4933 The param\navailable_zon\nes is invalid.\n\nCheck\navailable_zon\nes are valid.\n\nCheck whether\nthe request.\n";
        let lines = clean(text);
        let (codes, problems) = parse(&lines);
        assert!(problems.is_empty());
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].code, "111400002");
        assert_eq!(codes[0].message, "Invalid project ID format.");
        assert_eq!(
            codes[0].solution.as_deref(),
            Some("Check whether the request parameters are valid.")
        );
        assert_eq!(codes[1].code, "DCS.4933");
        assert_eq!(codes[1].line, 19);
    }

    #[test]
    fn code_broken_after_its_dot() {
        // Line 45209 of the reference: `400 DCS. 4855 Master` / `standby swap` / …
        let text = "400 DCS. 4855 Master\nstandby swap\nis not\nsupported.\n\nMaster/\nstandby\nswitchover is\nnot\nsupported.\n\nOperation not\nallowed.\n";
        let (codes, problems) = parse(&clean(text));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].code, "DCS.4855");
        assert_eq!(codes[0].message, "Master standby swap is not supported.");
        assert_eq!(codes[0].solution.as_deref(), Some("Operation not allowed."));
    }

    #[test]
    fn any_service_prefix_and_the_table_is_found_by_its_header() {
        let text = "Status\nCode\n\nError Codes Error\nMessage\n\nDescription Solution\n\n400 Ecs.0005 Invalid\nflavor.\n\nThe flavor is invalid.\n\nUse another flavor.\n\n503 APIGW. 0301 Busy.\n\nBusy.\n\nRetry.\n";
        let lines = clean(text);
        assert!(has_table(&lines));
        let (codes, _) = parse(&lines);
        let got: Vec<_> = codes.iter().map(|c| (c.status, c.code.as_str())).collect();
        assert_eq!(got, [(400, "Ecs.0005"), (503, "APIGW.0301")]);
        assert!(!has_table(&clean("200 OK\n\nThe request succeeded.\n")));
    }
}
