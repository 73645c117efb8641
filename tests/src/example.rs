//! Reading a document's example request line: `POST https://{dcs_endpoint}/v2/…?limit=10`.

use std::collections::BTreeMap;

use apiref_spec::url::split_url;

/// An example request line, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub method: String,
    /// The path, without scheme, host and query.
    pub path: String,
    /// Decoded query pairs, in document order.
    pub query: Vec<(String, String)>,
}

/// Splits `METHOD URL` (the URL as the generator reads it: [`split_url`]); `None` when the line
/// has no method or no path.
pub fn parse_request_line(line: &str) -> Option<RequestLine> {
    let (method, url) = line.trim().split_once(char::is_whitespace)?;
    let (path, query) = split_url(url.trim())?;
    Some(RequestLine {
        method: method.to_ascii_uppercase(),
        path: path.to_string(),
        query,
    })
}

fn decode(s: &str) -> String {
    percent_decode(s).unwrap_or_else(|| s.to_string())
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a value is still a `{placeholder}` of the document.
pub fn is_placeholder(value: &str) -> bool {
    value.starts_with('{') && value.ends_with('}')
}

/// The value of each `{param}` of `template` in `path`, matched segment by segment. A segment
/// that is itself a placeholder, or a path whose shape differs, gives no value.
pub fn path_values(template: &str, path: &str) -> BTreeMap<String, String> {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut out = BTreeMap::new();
    if t.len() != p.len() {
        return out;
    }
    for (ts, ps) in t.iter().zip(&p) {
        if let Some(name) = ts.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            let value = decode(ps);
            if !value.is_empty() && !value.contains('{') {
                out.insert(name.to_string(), value);
            }
        }
    }
    out
}

/// `file:line` moved down by `offset` lines (`source` unchanged when it has no line).
pub fn shift_source(source: &str, offset: usize) -> String {
    match source.rsplit_once(':') {
        Some((file, line)) => match line.parse::<usize>() {
            Ok(n) => format!("{file}:{}", n + offset),
            Err(_) => source.to_string(),
        },
        None => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_request_line() {
        let line = parse_request_line(
            "GET https://{dcs_endpoint}/v2/{project_id}/instances?offset=0&name=a%20b&status={status}",
        );
        assert_eq!(
            line,
            Some(RequestLine {
                method: "GET".into(),
                path: "/v2/{project_id}/instances".into(),
                query: vec![
                    ("offset".into(), "0".into()),
                    ("name".into(), "a b".into()),
                    ("status".into(), "{status}".into()),
                ],
            })
        );
        assert_eq!(parse_request_line("GET"), None);
        assert_eq!(parse_request_line("GET https://host"), None);
    }

    #[test]
    fn matches_path_values_against_the_template() {
        let v = path_values(
            "/v2/{project_id}/instances/{instance_id}/backups",
            "/v2/{project_id}/instances/3cc7-4d/backups",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(v.get("instance_id").map(String::as_str), Some("3cc7-4d"));
        assert!(path_values("/v2/{a}/x", "/v2/1/x/y").is_empty());
    }

    #[test]
    fn percent_decoding_rejects_bad_escapes() {
        assert_eq!(percent_decode("%E4%B8%AD%20x").as_deref(), Some("中 x"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert!(is_placeholder("{id}"));
        assert!(!is_placeholder("id"));
        assert_eq!(shift_source("a.txt:10", 2), "a.txt:12");
        assert_eq!(shift_source("a.txt", 2), "a.txt");
    }
}
