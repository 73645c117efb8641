//! Which field a decoding error is about. serde's derived code gives a field's reader (a
//! `lenient` one, say) no field name, and `serde_json` reports only a line and column, so the
//! path (`instances[1].capacity`) is recovered by scanning the body up to that position.

use serde_json::error::Category;

/// The path of the value `error` stopped at in `body`, for errors about a value that does not
/// fit its field (not for bodies that are not JSON at all). `None` at the top level.
pub(crate) fn path_of_error(body: &[u8], error: &serde_json::Error) -> Option<String> {
    if error.classify() != Category::Data {
        return None;
    }
    let end = consumed(body, error.line(), error.column())?;
    path_at_end(&body[..end])
}

/// How many bytes `serde_json` had consumed: its column counts the bytes of the line read so
/// far, its line is 1-based.
fn consumed(body: &[u8], line: usize, column: usize) -> Option<usize> {
    let line_start = match line {
        0 => return None,
        1 => 0,
        n => {
            body.iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .nth(n - 2)?
                .0
                + 1
        }
    };
    Some((line_start + column).min(body.len()))
}

/// One open container while scanning.
enum Frame {
    /// The key whose value is being read (`None` between a `,` and the next key).
    Object {
        key: Option<String>,
        want_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The path of the innermost value still open at the end of `prefix`.
fn path_at_end(prefix: &[u8]) -> Option<String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < prefix.len() {
        match prefix[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, want_key }) => (*key, *want_key) = (None, true),
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { want_key, .. }) = stack.last_mut() {
                    *want_key = false;
                }
            }
            b'"' => {
                // The position may be inside a string: then nothing after it matters.
                let close = string_end(prefix, i)?;
                if let Some(Frame::Object {
                    key,
                    want_key: true,
                }) = stack.last_mut()
                {
                    let raw = &prefix[i..=close];
                    *key = Some(serde_json::from_slice(raw).unwrap_or_else(|_| {
                        String::from_utf8_lossy(&raw[1..raw.len() - 1]).into_owned()
                    }));
                }
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    let path = format_path(&stack);
    (!path.is_empty()).then_some(path)
}

/// The index of the quote closing the string that opens at `open`.
fn string_end(text: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn format_path(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// Shaped as generated models are.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // read only to fail
    struct List {
        instances: Vec<Instance>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Instance {
        name: String,
        #[serde(default, deserialize_with = "crate::lenient::int")]
        capacity: Option<i64>,
    }

    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> Option<String> {
        let error = serde_json::from_str::<T>(json).expect_err(json);
        path_of_error(json.as_bytes(), &error)
    }

    #[test]
    fn names_the_field_a_lenient_reader_rejected() {
        let json = r#"{"instances": [{"name": "a", "capacity": 2.0},
                                    {"name": "b", "capacity": 2.5}]}"#;
        assert_eq!(
            path_of::<List>(json).as_deref(),
            Some("instances[1].capacity")
        );
        let nested_value = r#"{"instances": [{"name": "a", "capacity": {"x": [1, 2]}}]}"#;
        assert_eq!(
            path_of::<List>(nested_value).as_deref(),
            Some("instances[0].capacity")
        );
    }

    #[test]
    fn names_other_data_errors_too() {
        let wrong_type = r#"{"instances": [{"name": 5}]}"#;
        assert_eq!(
            path_of::<List>(wrong_type).as_deref(),
            Some("instances[0].name")
        );
        // A missing field is reported when its object closes: the path is the object's.
        let missing = r#"{"instances": [{"name": "a"}, {"capacity": 1}]}"#;
        assert_eq!(path_of::<List>(missing).as_deref(), Some("instances[1]"));
        assert_eq!(path_of::<List>("{}"), None);
        let escaped_key = r#"{"a\"b,c": {"d": [0, {"capacity": 2.5}]}}"#;
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            #[serde(rename = "a\"b,c")]
            inner: std::collections::BTreeMap<String, (u8, Capacity)>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Capacity {
            #[serde(default, deserialize_with = "crate::lenient::int")]
            capacity: Option<i64>,
        }
        assert_eq!(
            path_of::<Outer>(escaped_key).as_deref(),
            Some("a\"b,c.d[1].capacity")
        );
    }

    #[test]
    fn bodies_that_are_not_json_have_no_path() {
        assert_eq!(path_of::<List>(r#"{"instances": [{"name": "a"#), None);
        assert_eq!(path_of::<List>("<html>"), None);
    }
}
