//! Section headings: chapters (`5 API V2`), groups (`5.5 Backup and Restoration`) and the
//! operation pages below them (`5.5.5 Backing Up a DCS Instance`).
//!
//! Headings are recognised by number only when the number is the next one in sequence, which
//! keeps table rows such as `4 advice Manually run …` or `200 The DCS …` from passing as headings.

use super::lines::Line;

/// A numbered heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// `[5, 5, 5]` for `5.5.5`.
    pub number: Vec<u32>,
    pub title: String,
    /// Index into the cleaned lines.
    pub index: usize,
    /// Index of the first line after the heading (titles can wrap onto a second line).
    pub body: usize,
}

/// Splits `5.5.5 Backing Up …` into its number and title.
pub fn parse_heading(text: &str) -> Option<(Vec<u32>, &str)> {
    let (num, title) = text.split_once(' ')?;
    let title = title.trim();
    if !title.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut number = Vec::new();
    for part in num.split('.') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        number.push(part.parse().ok()?);
    }
    Some((number, title))
}

/// Whether `n` may follow `prev` (the last accepted heading) in a well-formed outline. The
/// first heading may have any number, so an excerpt of the document parses too.
fn follows(prev: &[u32], n: &[u32]) -> bool {
    if prev.is_empty() {
        return true;
    }
    match n.len() {
        1 => prev.first().map_or(n[0] == 1, |&c| n[0] == c + 1),
        depth => {
            if prev.len() < depth - 1 || prev[..depth - 1] != n[..depth - 1] {
                return false;
            }
            let last = n[depth - 1];
            match prev.get(depth - 1) {
                Some(&p) if prev.len() == depth => last == p + 1,
                Some(&p) => last == p + 1,
                None => last == 1,
            }
        }
    }
}

/// All numbered headings, in order. Chapter headings are only trusted at depth ≤ 3.
pub fn headings(lines: &[Line<'_>]) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    let mut prev: Vec<u32> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((number, title)) = parse_heading(line.text()) else {
            continue;
        };
        if number.len() > 3 || !follows(&prev, &number) {
            continue;
        }
        // The first chapter heading of the body comes after the (absent) table of contents, so
        // nothing before chapter 1 needs skipping.
        let mut title = title.to_string();
        let mut body = i + 1;
        // A title wraps when the next line is not blank and is not the start of the page body.
        if number.len() == 3 {
            if let Some(next) = lines.get(i + 1) {
                let t = next.text();
                if !t.is_empty() && !is_body_start(t) && t.split_whitespace().count() <= 6 {
                    title.push(' ');
                    title.push_str(t);
                    body += 1;
                }
            }
        }
        prev = number.clone();
        out.push(Heading {
            number,
            title,
            index: i,
            body,
        });
    }
    out
}

fn is_body_start(t: &str) -> bool {
    matches!(
        t,
        "Function" | "URI" | "Calling Method" | "Scenarios" | "Request" | "Response"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers() {
        assert_eq!(
            parse_heading("5.5.5 Backing Up"),
            Some((vec![5, 5, 5], "Backing Up"))
        );
        assert_eq!(parse_heading("4 advice Manually"), None);
        assert_eq!(parse_heading("x.1 Foo"), None);
    }

    #[test]
    fn sequence_filters_table_rows() {
        assert!(follows(&[5, 1, 8], &[5, 2]));
        assert!(follows(&[5, 2], &[5, 2, 1]));
        assert!(follows(&[5, 2, 1], &[5, 2, 2]));
        assert!(!follows(&[5, 2, 1], &[5, 2, 4]));
        assert!(follows(&[5, 16, 4], &[6]));
        assert!(!follows(&[7, 2], &[200]));
        assert!(follows(&[7, 6], &[8]));
        assert!(follows(&[], &[5, 5, 5]));
    }
}
