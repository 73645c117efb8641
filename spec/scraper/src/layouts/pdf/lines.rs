//! Lines of the PDF text with the page furniture (running header and footer) removed.
//!
//! A page break shows up in the text as three lines — the running header (the service's title,
//! e.g. `Distributed Cache Service`), `API Reference <chapter>`, `Issue 01 (…) Copyright …` —
//! wherever the page ended, often in the middle of a table or a JSON example. The furniture is
//! found by its shape (any line, then `API Reference …`, then the footer), not by the title. Other
//! page starts are only marked by a leading space.

/// One line of the document, with its 1-based number in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub no: usize,
    /// The line as printed (trailing `\r` removed).
    pub raw: &'a str,
}

impl<'a> Line<'a> {
    /// The text without surrounding whitespace.
    pub fn text(&self) -> &'a str {
        self.raw.trim()
    }

    pub fn is_blank(&self) -> bool {
        self.raw.trim().is_empty()
    }

    /// The single-space line the PDF export puts after every table.
    pub fn is_table_end(&self) -> bool {
        self.raw == " " || self.raw == "\u{a0}"
    }
}

/// Splits `text` into lines and drops the page furniture with the blank lines that follow it.
pub fn clean(text: &str) -> Vec<Line<'_>> {
    let all = split(text);
    let mut out = Vec::with_capacity(all.len());
    let mut i = 0;
    while i < all.len() {
        if let Some(end) = furniture_end(&all, i) {
            i = end;
            while i < all.len() && all[i].is_blank() {
                i += 1;
            }
            continue;
        }
        out.push(all[i]);
        i += 1;
    }
    // A file ending in a newline yields one empty last line; it carries nothing.
    while out.last().is_some_and(|l| l.raw.is_empty()) {
        out.pop();
    }
    out
}

/// Every line of `text`, numbered from 1.
pub fn split(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: i + 1,
            raw: raw.strip_suffix('\r').unwrap_or(raw),
        })
        .collect()
}

/// If a running header starts at `i`, the index just after its footer line.
fn furniture_end(lines: &[Line<'_>], i: usize) -> Option<usize> {
    if lines[i].is_blank() || !is_running_title(lines.get(i + 1)?.text()) {
        return None;
    }
    // The footer follows within a couple of lines.
    (i + 2..(i + 5).min(lines.len()))
        .find(|&j| is_footer(lines[j].text()))
        .map(|j| j + 1)
}

/// `API Reference 5 API V2` (the document kind and the chapter), in either language.
fn is_running_title(t: &str) -> bool {
    t.starts_with("API Reference") || t.starts_with("API参考")
}

fn is_footer(t: &str) -> bool {
    (t.starts_with("Issue ") || t.starts_with("文档版本"))
        && (t.contains("Copyright") || t.contains("版权所有"))
}

/// The running header's first line (the service's title), read off the first page break.
pub fn running_header<'a>(lines: &[Line<'a>]) -> Option<&'a str> {
    (0..lines.len())
        .find(|&i| furniture_end(lines, i).is_some())
        .map(|i| lines[i].text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_header_footer_and_following_blanks() {
        let text = "user_name String Username.\n\nDistributed Cache Service\nAPI Reference 5 API V2\n\nIssue 01 (2024-04-09) Copyright © Huawei Cloud Computing Technologies Co., Ltd. 55\n\n\n\nParameter Type Description\n";
        let lines = clean(text);
        let texts: Vec<_> = lines.iter().map(|l| (l.no, l.text())).collect();
        assert_eq!(
            texts,
            vec![
                (1, "user_name String Username."),
                (2, ""),
                (10, "Parameter Type Description")
            ]
        );
    }

    #[test]
    fn keeps_a_lone_header_word() {
        let lines = clean("Distributed Cache Service\nis a cache.\n");
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn any_title_runs_in_the_header() {
        let text = "a\nElastic Cloud Server\nAPI Reference 4 APIs\nIssue 09 (2023-01-01) Copyright x 3\nb\n";
        assert_eq!(running_header(&split(text)), Some("Elastic Cloud Server"));
        let texts: Vec<_> = clean(text).iter().map(|l| l.text()).collect();
        assert_eq!(texts, vec!["a", "b"]);
    }
}
