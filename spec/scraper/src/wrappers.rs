//! Bodies whose table leaves out the key the body is wrapped in: the table lists the fields of
//! a volume, the page's example sends `{"volume": {…}}`. When an example's only top-level key is
//! not a field of the body's schema and what it holds has the schema's fields, the schema is
//! wrapped: the body becomes `{K: <the table's object>}`, and a warning says so at the example.
//! A schema other operations or fields use as well is left alone (and reported).

use serde_json::{Map, Value};

use crate::model::{ExampleKind, Field, Operation, Schema, Spec};
use crate::raw::{Diagnostic, Pos, Severity};
use crate::words::upper_camel;

/// Wraps the bodies whose examples show the key their table leaves out.
pub fn wrap(spec: &mut Spec, diagnostics: &mut Vec<Diagnostic>) {
    for i in 0..spec.operations.len() {
        for (schema, kind, status) in bodies(&spec.operations[i]) {
            let op = &spec.operations[i];
            let Some((key, array, source)) = wrapper_key(spec, op, &schema, kind, status) else {
                continue;
            };
            let users = users(spec, &schema);
            if users > 1 {
                diagnostics.push(warning(
                    &source,
                    format!(
                        "`{}`: the example wraps the `{schema}` body in `{key}`, which the table leaves out; the schema has {users} users and stays as it is",
                        op.name
                    ),
                ));
                continue;
            }
            let inner = inner_name(spec, &schema, &key);
            diagnostics.push(warning(
                &source,
                format!(
                    "`{}`: the table of `{schema}` describes the object the example wraps in `{key}`; `{schema}` is now `{{{key}: {inner}}}`",
                    op.name
                ),
            ));
            rewrap(spec, &schema, &inner, &key, array, &source);
        }
    }
}

/// The operation's body schemas with the kind (and status) of the examples that show them.
fn bodies(op: &Operation) -> Vec<(String, ExampleKind, Option<u16>)> {
    let mut out: Vec<(String, ExampleKind, Option<u16>)> = op
        .body
        .iter()
        .map(|b| (b.clone(), ExampleKind::Request, None))
        .collect();
    out.extend(op.responses.iter().filter_map(|r| {
        r.body
            .clone()
            .map(|b| (b, ExampleKind::Response, Some(r.status)))
    }));
    out
}

/// The key an example of `kind` wraps `schema`'s fields in, whether it holds a list of them,
/// and the example's `file:line`.
fn wrapper_key(
    spec: &Spec,
    op: &Operation,
    schema: &str,
    kind: ExampleKind,
    status: Option<u16>,
) -> Option<(String, bool, String)> {
    let fields: Vec<&str> = spec
        .schemas
        .get(schema)?
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let success = op
        .responses
        .iter()
        .map(|r| r.status)
        .find(|s| (200..300).contains(s));
    op.examples
        .iter()
        .filter(|e| e.kind == kind)
        .filter(|e| kind == ExampleKind::Request || e.status.or(success) == status)
        .find_map(|e| {
            let value: Value = serde_json::from_str(e.json.as_deref()?).ok()?;
            let (key, inner) = only_entry(value.as_object()?)?;
            if fields.contains(&key.as_str()) {
                return None;
            }
            let (object, array) = match inner {
                Value::Object(m) => (m.clone(), false),
                Value::Array(a) => (a.first()?.as_object()?.clone(), true),
                _ => return None,
            };
            let shared = object
                .keys()
                .filter(|k| fields.contains(&k.as_str()))
                .count();
            (shared > 0 && shared * 2 >= object.len()).then(|| (key, array, e.source.clone()))
        })
}

fn only_entry(map: &Map<String, Value>) -> Option<(String, &Value)> {
    let mut entries = map.iter();
    let (k, v) = entries.next()?;
    entries.next().is_none().then(|| (k.clone(), v))
}

/// How many operation bodies and fields refer to `schema`.
fn users(spec: &Spec, schema: &str) -> usize {
    let bodies = spec.operations.iter().flat_map(|o| {
        o.body
            .iter()
            .chain(o.responses.iter().filter_map(|r| r.body.as_ref()))
    });
    let fields = spec.schemas.values().flat_map(|s| &s.fields).map(|f| &f.ty);
    bodies.filter(|b| *b == schema).count()
        + fields
            .filter(|t| {
                t.parse::<crate::model::TypeRef>()
                    .ok()
                    .and_then(|t| t.named().map(str::to_string))
                    .as_deref()
                    == Some(schema)
            })
            .count()
}

/// A free name for the wrapped object: `<schema><Key>`.
fn inner_name(spec: &Spec, schema: &str, key: &str) -> String {
    let base = format!("{schema}{}", upper_camel(key));
    let mut name = base.clone();
    let mut i = 2;
    while spec.schemas.contains_key(&name) {
        name = format!("{base}{i}");
        i += 1;
    }
    name
}

/// Moves `schema`'s fields to `inner` and makes `schema` the one field `key` holding it.
fn rewrap(spec: &mut Spec, schema: &str, inner: &str, key: &str, array: bool, source: &str) {
    let Some(old) = spec.schemas.remove(schema) else {
        return;
    };
    let ty = if array {
        format!("array<{inner}>")
    } else {
        inner.to_string()
    };
    let wrapper = Schema {
        description: old.description.clone(),
        fields: vec![Field {
            name: key.to_string(),
            ty,
            required: true,
            source: source.to_string(),
            ..Field::default()
        }],
        source: old.source.clone(),
    };
    spec.schemas.insert(inner.to_string(), old);
    spec.schemas.insert(schema.to_string(), wrapper);
}

fn warning(source: &str, message: String) -> Diagnostic {
    let (file, line) = source.rsplit_once(':').unwrap_or((source, "0"));
    Diagnostic {
        pos: Pos {
            file: file.to_string(),
            line: line.parse().unwrap_or(0),
        },
        severity: Severity::Warning,
        message,
    }
}
