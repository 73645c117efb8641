//! Comparing a document's example JSON with what went through the typed client: key order is
//! ignored, and so are keys the schema does not have (the example-validation report lists
//! them); numbers compare by value (`1` equals `1.0`); a `null` field equals an absent one.

use apiref_spec::{Spec, TypeRef};
use serde_json::Value;

/// Every difference between `expected` (the document's JSON, read as type `ty`) and `actual`,
/// one line each (`path: expected …, got …`); empty when they agree.
pub fn differences(spec: &Spec, ty: &TypeRef, expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(spec, Some(ty), expected, actual, "", &mut out);
    out
}

fn walk(
    spec: &Spec,
    ty: Option<&TypeRef>,
    expected: &Value,
    actual: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    match (ty, expected, actual) {
        (Some(TypeRef::Named(name)), Value::Object(e), Value::Object(a)) => {
            let Some(schema) = spec.schemas.get(name) else {
                return plain(expected, actual, path, out);
            };
            for (key, ev) in e {
                let Some(field) = schema.fields.iter().find(|f| &f.name == key) else {
                    continue; // The schema lacks it: the typed model cannot keep it.
                };
                let sub = format!("{path}.{key}");
                match a.get(key) {
                    Some(av) => {
                        let fty = field.ty.parse::<TypeRef>().ok();
                        walk(spec, fty.as_ref(), ev, av, &sub, out);
                    }
                    // `null` and an absent key say the same; the typed model skips `None`.
                    None if ev.is_null() => {}
                    None => out.push(format!("{sub}: expected {ev}, got nothing")),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(format!("{path}.{key}: expected nothing, got {av}"));
                }
            }
        }
        (Some(TypeRef::Array(inner)), Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                walk(spec, Some(inner), ev, av, &format!("{path}[{i}]"), out);
            }
        }
        (Some(TypeRef::Map(inner)), Value::Object(e), Value::Object(a))
            if e.len() == a.len() && e.keys().all(|k| a.contains_key(k)) =>
        {
            for (key, ev) in e {
                if let Some(av) = a.get(key) {
                    walk(spec, Some(inner), ev, av, &format!("{path}.{key}"), out);
                }
            }
        }
        _ => plain(expected, actual, path, out),
    }
}

fn plain(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    if !json_eq(expected, actual) {
        let path = if path.is_empty() { "." } else { path };
        out.push(format!("{path}: expected {expected}, got {actual}"));
    }
}

/// Structural equality, ignoring key order, with numbers compared by value.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Spec {
        let yaml = r#"
service: { name: t, title: T, sources: [] }
operations: []
schemas:
  Body:
    fields:
    - { name: a, type: integer, required: true, source: "f:1" }
    - { name: items, type: "array<Item>", required: false, source: "f:2" }
    source: "f:1"
  Item:
    fields:
    - { name: b, type: string, required: false, source: "f:3" }
    source: "f:3"
"#;
        match Spec::from_yaml("t.yaml", yaml) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn ignores_key_order_unknown_keys_and_number_form() {
        let spec = spec();
        let ty = TypeRef::Named("Body".into());
        let doc =
            json!({"items": [{"b": "x", "extra": 1}, {"b": null}], "a": 1, "not_in_schema": true});
        let typed = json!({"a": 1.0, "items": [{"b": "x"}, {}]});
        assert_eq!(differences(&spec, &ty, &doc, &typed), Vec::<String>::new());
    }

    #[test]
    fn reports_changed_missing_and_added_fields() {
        let spec = spec();
        let ty = TypeRef::Named("Body".into());
        let doc = json!({"a": 1, "items": [{"b": "x"}]});
        let typed = json!({"a": "1", "items": [{}], "c": 2});
        assert_eq!(
            differences(&spec, &ty, &doc, &typed),
            vec![
                ".a: expected 1, got \"1\"".to_string(),
                ".items[0].b: expected \"x\", got nothing".to_string(),
                ".c: expected nothing, got 2".to_string(),
            ]
        );
    }
}

/// The line of `path` (`.a[1].b`) inside `json` (0-based), found by following its keys down
/// the text; for `[i]` the `i`-th later occurrence of the next key is taken. A heuristic for
/// reports: examples repeat keys only inside arrays.
pub fn line_of(json: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = json.lines().collect();
    let mut pos = 0;
    let mut skip = 0;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let (key, indices) = match seg.find('[') {
            Some(i) => (&seg[..i], &seg[i..]),
            None => (seg, ""),
        };
        if !key.is_empty() {
            let needle = format!("\"{key}\"");
            let mut found = lines
                .iter()
                .enumerate()
                .skip(pos)
                .filter(|(_, l)| l.contains(&needle))
                .map(|(i, _)| i);
            pos = found.nth(skip)?;
            skip = 0;
        }
        for idx in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            skip += idx.parse::<usize>().ok()?;
        }
    }
    Some(pos)
}

#[cfg(test)]
mod line_tests {
    use super::line_of;

    #[test]
    fn follows_keys_and_array_indices() {
        let json = "{\n  \"a\" : [ {\n    \"b\" : 1\n  }, {\n    \"b\" : 2\n  } ],\n  \"c\" : 3\n}";
        assert_eq!(line_of(json, ".a[0].b"), Some(2));
        assert_eq!(line_of(json, ".a[1].b"), Some(4));
        assert_eq!(line_of(json, ".c"), Some(6));
        assert_eq!(line_of(json, ".d"), None);
    }
}
