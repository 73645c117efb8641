//! Operations that share a method and path (`POST …/servers/{server_id}/action` starts, stops,
//! reboots, locks…) stay one operation per page; what tells each request apart is recorded in
//! its `discriminator`: the top-level body key only it has (`os-start`), or else a top-level key
//! whose value in its example request differs from the others' (`action=create`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{ExampleKind, Operation, Spec};
use crate::raw::{Diagnostic, Severity};

/// Sets the discriminator of every operation that shares its method and path with another.
pub fn discriminate(spec: &mut Spec, diagnostics: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, op) in spec.operations.iter().enumerate() {
        groups
            .entry((op.method.clone(), op.path.clone()))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let keys: Vec<Vec<String>> = members
            .iter()
            .map(|&i| body_keys(spec, &spec.operations[i]))
            .collect();
        let values: Vec<BTreeMap<String, String>> = members
            .iter()
            .map(|&i| example_values(&spec.operations[i]))
            .collect();
        for (k, &i) in members.iter().enumerate() {
            let own_key = keys[k].iter().find(|key| {
                keys.iter()
                    .enumerate()
                    .all(|(j, other)| j == k || !other.contains(key))
            });
            let own_value = || {
                values[k].iter().find(|(key, value)| {
                    values
                        .iter()
                        .enumerate()
                        .all(|(j, other)| j == k || other.get(*key) != Some(*value))
                })
            };
            let found = match own_key {
                Some(key) => Some(key.clone()),
                None => own_value().map(|(key, value)| format!("{key}={value}")),
            };
            let op = &mut spec.operations[i];
            if found.is_none() {
                diagnostics.push(Diagnostic {
                    pos: source_pos(&op.source),
                    severity: Severity::Warning,
                    message: format!(
                        "`{}` shares {} {} with other operations and neither its body's keys nor its example tell it apart",
                        op.name, op.method, op.path
                    ),
                });
            }
            op.discriminator = found;
        }
    }
}

/// The top-level keys of an operation's body: its schema's fields, else its example's keys.
fn body_keys(spec: &Spec, op: &Operation) -> Vec<String> {
    if let Some(schema) = op.body.as_ref().and_then(|b| spec.schemas.get(b)) {
        return schema.fields.iter().map(|f| f.name.clone()).collect();
    }
    example_body(op)
        .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect()))
        .unwrap_or_default()
}

/// The scalar top-level values of the first example request body, as text.
fn example_values(op: &Operation) -> BTreeMap<String, String> {
    let Some(Value::Object(map)) = example_body(op) else {
        return BTreeMap::new();
    };
    map.into_iter()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k, s)),
            Value::Number(n) => Some((k, n.to_string())),
            Value::Bool(b) => Some((k, b.to_string())),
            _ => None,
        })
        .collect()
}

fn example_body(op: &Operation) -> Option<Value> {
    op.examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Request)
        .find_map(|e| serde_json::from_str(e.json.as_deref()?).ok())
}

fn source_pos(source: &str) -> crate::raw::Pos {
    let (file, line) = source.rsplit_once(':').unwrap_or((source, "0"));
    crate::raw::Pos {
        file: file.to_string(),
        line: line.parse().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Example, Field, Schema, Service};

    fn op(name: &str, body: &str, example: &str) -> Operation {
        Operation {
            name: name.into(),
            title: name.into(),
            title_zh: None,
            group: "g".into(),
            version: "v2".into(),
            deprecated: false,
            method: "POST".into(),
            path: "/v2/{project_id}/servers/{server_id}/action".into(),
            description: String::new(),
            description_zh: None,
            params: Vec::new(),
            body: Some(body.into()),
            discriminator: None,
            responses: Vec::new(),
            examples: vec![Example {
                kind: ExampleKind::Request,
                title: None,
                status: None,
                url: None,
                json: Some(example.into()),
                source: "p.html:9".into(),
            }],
            source: format!("{name}.html:1"),
        }
    }

    fn schema(fields: &[&str]) -> Schema {
        Schema {
            description: None,
            fields: fields
                .iter()
                .map(|f| Field {
                    name: f.to_string(),
                    ty: "object".into(),
                    source: "x:1".into(),
                    ..Field::default()
                })
                .collect(),
            source: "x:1".into(),
        }
    }

    #[test]
    fn a_key_only_one_body_has_or_a_value_only_one_example_sends() {
        let mut spec = Spec {
            service: Service::default(),
            operations: vec![
                op("Start", "StartBody", r#"{"os-start": {}}"#),
                op("Stop", "StopBody", r#"{"os-stop": {}}"#),
                op("AddTags", "TagsBody", r#"{"action": "create", "tags": []}"#),
                op(
                    "DeleteTags",
                    "TagsBody",
                    r#"{"action": "delete", "tags": []}"#,
                ),
            ],
            schemas: [
                ("StartBody".to_string(), schema(&["os-start"])),
                ("StopBody".to_string(), schema(&["os-stop"])),
                ("TagsBody".to_string(), schema(&["action", "tags"])),
            ]
            .into(),
            error_codes: Vec::new(),
            waiters: Vec::new(),
        };
        let mut diags = Vec::new();
        discriminate(&mut spec, &mut diags);
        let got: Vec<Option<&str>> = spec
            .operations
            .iter()
            .map(|o| o.discriminator.as_deref())
            .collect();
        assert_eq!(
            got,
            [
                Some("os-start"),
                Some("os-stop"),
                Some("action=create"),
                Some("action=delete")
            ]
        );
        assert!(diags.is_empty(), "{diags:?}");
    }
}
