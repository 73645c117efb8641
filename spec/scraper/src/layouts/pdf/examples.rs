//! Example blocks (request lines and JSON bodies) and the names in the SDK sample code.

use super::lines::Line;

/// A JSON block read from the lines: its text and the index after its last line.
pub struct JsonBlock {
    pub json: String,
    pub next: usize,
    /// Whether the brackets closed before the lines ran out.
    pub closed: bool,
}

/// Whether the line starts a JSON value.
pub fn is_json_start(t: &str) -> bool {
    t.starts_with('{') || t.starts_with('[')
}

/// Reads a JSON block starting at `i` (whose trimmed text starts with `{` or `[`), up to the line
/// where its brackets balance. Blank lines (left by page breaks) are dropped; a line that ends
/// inside a string literal was wrapped by the PDF export and is glued to the next one.
pub fn read_json(lines: &[Line<'_>], i: usize, end: usize) -> JsonBlock {
    let mut json = String::new();
    let mut depth: i64 = 0;
    let mut in_str = false;
    let mut escape = false;
    let mut j = i;
    while j < end {
        let raw = lines[j].raw;
        j += 1;
        if raw.trim().is_empty() {
            continue;
        }
        // The export marks page starts with one leading space; inside JSON it is just whitespace,
        // but strip it from the first line so the block starts with its bracket.
        let text = if json.is_empty() {
            raw.trim_start()
        } else {
            raw
        };
        for ch in text.chars() {
            if in_str {
                if escape {
                    escape = false;
                } else if ch == '\\' {
                    escape = true;
                } else if ch == '"' {
                    in_str = false;
                }
                continue;
            }
            match ch {
                '"' => in_str = true,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        json.push_str(text.trim_end());
        if depth <= 0 && !in_str {
            return JsonBlock {
                json,
                next: j,
                closed: true,
            };
        }
        if !in_str {
            json.push('\n');
        }
    }
    JsonBlock {
        json,
        next: j,
        closed: false,
    }
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// `POST https://…` or `POST /v2/…`: the method (upper case; one v1 page writes `Post`) and the
/// rest.
pub fn request_line(t: &str) -> Option<(&'static str, &str)> {
    let (m, rest) = t.split_once(' ')?;
    let rest = rest.trim();
    let method = METHODS.iter().find(|k| k.eq_ignore_ascii_case(m))?;
    (rest.starts_with("https://") || rest.starts_with('/')).then_some((*method, rest))
}

/// Reads a request line with its wrapped continuation (glued without spaces: URLs have none).
/// Returns the text and the index after it.
pub fn read_request_line(lines: &[Line<'_>], i: usize, end: usize) -> (String, usize) {
    let mut s = lines[i].text().to_string();
    let mut j = i + 1;
    while j < end {
        let t = lines[j].text();
        // Only URL pieces continue a request line (`_equal=false`, `={value}`), not the next
        // heading (`Request`).
        let glued = s.ends_with(['?', '&', '=', '/', '{'])
            || t.contains(['=', '&', '{', '}', '?', '/'])
            || t.starts_with('_');
        // `{node_id}/async-switchover` continues the path; `{` or `{ "a"` starts the JSON body.
        let json = is_json_start(t) && !starts_with_placeholder(t);
        if t.is_empty() || json || t.contains(' ') || !glued {
            break;
        }
        s.push_str(t);
        j += 1;
    }
    (s, j)
}

/// `{node_id}…`: a URI placeholder, not a JSON object.
fn starts_with_placeholder(t: &str) -> bool {
    t.strip_prefix('{')
        .and_then(|r| r.split_once('}'))
        .is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `CopyInstanceRequest request = new CopyInstanceRequest();` → `CopyInstance`.
pub fn sdk_operation(t: &str) -> Option<&str> {
    let (ty, rest) = t.split_once(' ')?;
    if !rest.starts_with("request = new ") {
        return None;
    }
    ty.strip_suffix("Request").filter(|n| is_camel(n))
}

/// `BackupInstanceBody body = new BackupInstanceBody();` → `BackupInstanceBody`.
pub fn sdk_body(t: &str) -> Option<&str> {
    let (ty, rest) = t.split_once(' ')?;
    (rest.starts_with("body = new ") && is_camel(ty)).then_some(ty)
}

fn is_camel(n: &str) -> bool {
    n.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && n.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layouts::pdf::lines::clean;

    #[test]
    fn json_across_a_page_break() {
        let text = "{\n  \"a\" : [ 1,\n\nDistributed Cache Service\nAPI Reference 5 API V2\n\nIssue 01 (2024-04-09) Copyright x 9\n\n 2 ]\n}\nafter";
        let lines = clean(text);
        let b = read_json(&lines, 0, lines.len());
        assert!(b.closed);
        assert_eq!(b.json, "{\n  \"a\" : [ 1,\n 2 ]\n}");
        assert_eq!(lines[b.next].text(), "after");
    }

    #[test]
    fn truncated_json_is_reported_open() {
        let lines = clean("{\n  \"a\" : 1,\n");
        assert!(!read_json(&lines, 0, lines.len()).closed);
    }

    #[test]
    fn sdk_names() {
        assert_eq!(
            sdk_operation("CopyInstanceRequest request = new CopyInstanceRequest();"),
            Some("CopyInstance")
        );
        assert_eq!(
            sdk_body("BackupInstanceBody body = new BackupInstanceBody();"),
            Some("BackupInstanceBody")
        );
        assert_eq!(sdk_body("List<String> listbody = new ArrayList<>();"), None);
    }

    #[test]
    fn uri_wrapped_before_a_placeholder() {
        // 5.2.10 (line 8340): the URI breaks before `{node_id}`; the JSON after a request line
        // still ends it.
        let lines = clean(
            "POST /v2/{project_id}/instance/{instance_id}/groups/{group_id}/replications/\n{node_id}/async-switchover\n\nTable 5-100 Path Parameters\n",
        );
        let (uri, next) = read_request_line(&lines, 0, lines.len());
        assert_eq!(
            uri,
            "POST /v2/{project_id}/instance/{instance_id}/groups/{group_id}/replications/{node_id}/async-switchover"
        );
        assert_eq!(next, 2);
        let lines = clean("PUT https://{dcs_endpoint}/v2/x/\n{\n  \"a\" : 1\n}\n");
        assert_eq!(read_request_line(&lines, 0, lines.len()).1, 1);
    }

    #[test]
    fn wrapped_request_line() {
        let lines = clean("GET https://{dcs_endpoint}/v2/{project_id}/instances?\noffset=0&limit=10&name\n_equal=false\n\n");
        let (s, next) = read_request_line(&lines, 0, lines.len());
        assert_eq!(s, "GET https://{dcs_endpoint}/v2/{project_id}/instances?offset=0&limit=10&name_equal=false");
        assert_eq!(next, 3);
    }
}
