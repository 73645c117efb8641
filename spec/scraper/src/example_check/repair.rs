//! A conservative repair of an example that is not JSON, tried only after strict parsing
//! failed, so its fields can still be checked. Authors write JSON as they would JavaScript: a
//! comma after the last member, a `// note` after a value, a comma left out at a line end, `...`
//! for "more of the same", or a second alternative after the first value ("Or { … }").
//!
//! Each step acts only where the parser stopped (so never inside a string) and only on what is
//! there: the comma, comment, ellipsis or text it stopped at. Anything else, or a text that
//! still does not parse after a few steps, is left unrepaired.

use serde_json::Value;

/// At most this many edits: an example needing more is not "almost JSON".
const MAX_STEPS: usize = 8;

/// The repaired text and what was repaired (`trailing comma, comment`), if a repair makes the
/// text JSON.
pub fn repair(json: &str) -> Option<(String, String)> {
    let mut text = json.to_string();
    let mut done: Vec<&'static str> = Vec::new();
    for _ in 0..MAX_STEPS {
        let e = match serde_json::from_str::<Value>(&text) {
            Ok(_) => return (!done.is_empty()).then(|| (text, done.join(", "))),
            Err(e) => e,
        };
        let at = offset(&text, e.line(), e.column())?;
        let what = step(&mut text, at, &e.to_string())?;
        if !done.contains(&what) {
            done.push(what);
        }
    }
    None
}

/// One edit at byte `at`, where the parser stopped with `message`; what it repaired.
fn step(text: &mut String, at: usize, message: &str) -> Option<&'static str> {
    let rest = &text[at..];
    if rest.starts_with("//") {
        let end = rest.find('\n').map_or(text.len(), |i| at + i);
        text.replace_range(at..end, "");
        return Some("comment");
    }
    if let Some(len) = ["...", "\u{2026}"]
        .iter()
        .find(|e| rest.starts_with(**e))
        .map(|e| e.len())
    {
        text.replace_range(at..at + len, "");
        return Some("ellipsis");
    }
    if message.starts_with("trailing comma") {
        let comma = text[..at].rfind(',')?;
        text.remove(comma);
        return Some("trailing comma");
    }
    if message.starts_with("trailing characters") {
        text.truncate(at);
        return Some("text after the value");
    }
    missing_comma(text, at, message)
}

/// A member or element on a new line with no comma after the one before: the parser expected
/// `,` and found a string or a value starting the next line.
fn missing_comma(text: &mut String, at: usize, message: &str) -> Option<&'static str> {
    if !message.starts_with("expected `,` or") {
        return None;
    }
    let before = text[..at].trim_end_matches([' ', '\t', '\r']);
    let prev = before.trim_end();
    if !before.ends_with('\n') || prev.is_empty() {
        return None;
    }
    text.insert(prev.len(), ',');
    Some("missing comma")
}

/// The byte offset of 1-based `line` and `column` as `serde_json` reports them (the column
/// counts bytes; 0 when the error is at the line break itself).
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let at = start + column.saturating_sub(1);
    (at <= text.len() && text.is_char_boundary(at)).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(json: &str) -> (Value, String) {
        let (text, what) = repair(json).unwrap_or_else(|| panic!("no repair: {json}"));
        (serde_json::from_str(&text).unwrap(), what)
    }

    #[test]
    fn trailing_commas_go() {
        let (v, what) = fixed("{\n  \"a\": [1, 2,],\n  \"b\": {\"c\": 1,\n  },\n}");
        assert_eq!(v, serde_json::json!({"a": [1, 2], "b": {"c": 1}}));
        assert_eq!(what, "trailing comma");
    }

    #[test]
    fn comments_after_values_go() {
        let json = "{\"url\": \"http://x//y\", // the URL\n \"n\": 2 // count\n}";
        let (v, what) = fixed(json);
        assert_eq!(v, serde_json::json!({"url": "http://x//y", "n": 2}));
        assert_eq!(what, "comment");
    }

    #[test]
    fn a_comma_left_out_at_a_line_end_is_put_back() {
        let (v, what) = fixed("{\n    \"dry_run\": true \n    \"server\": {\"a\": 1}\n}");
        assert_eq!(v, serde_json::json!({"dry_run": true, "server": {"a": 1}}));
        assert_eq!(what, "missing comma");
    }

    #[test]
    fn ellipses_and_a_second_value_go() {
        let (v, what) = fixed("{\"a\": [1, ...], ...\n}\nOr\n{\"a\": null}");
        assert_eq!(v, serde_json::json!({"a": [1]}));
        assert_eq!(what, "ellipsis, trailing comma, text after the value");
    }

    #[test]
    fn any_cut_of_a_text_is_safe() {
        let text = "{\"a\": [1, …, 2,], // é\n \"b\" : \"x\" \n \"c\": ...}\nOr {}";
        for (i, _) in text.char_indices() {
            let _ = repair(&text[..i]);
        }
    }

    #[test]
    fn what_is_not_almost_json_stays_unrepaired() {
        assert_eq!(repair("{\"job_id\": 8abf6e1e}"), None);
        assert_eq!(repair("{\"a\": 1 \"b\": 2}"), None);
        assert_eq!(repair("{\"a\": "), None);
        assert_eq!(repair("{\"a\": ...}"), None);
        assert_eq!(repair(""), None);
        assert_eq!(repair("{\"a\": 1}"), None);
    }
}
