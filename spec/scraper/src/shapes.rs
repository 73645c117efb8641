//! Shapes the examples show and the tables leave out, each applied with a warning at the example:
//!
//! - a body wrapped in a key: the table lists the fields of a volume, the page's example sends
//!   `{"volume": {…}}`. When an example's only top-level key is not a field of the body's schema
//!   and what it holds has the schema's fields (or, for a body that is a map, is a map of its
//!   values), the schema is wrapped: the body becomes `{K: <the table's object>}`. A schema
//!   other operations or fields use as well is left alone (and reported);
//! - a map: a field typed as a model whose example value has none of the model's fields as keys,
//!   but holds objects (or lists of them) with those fields under keys of its own (network
//!   names, ids) is a map of that model (`map<string,array<Address>>`);
//! - a wrapper the example leaves out: see `unwrap`.

use serde_json::{Map, Value};

use crate::model::{ExampleKind, Field, Operation, Schema, Spec, TypeRef};
use crate::raw::{Diagnostic, Pos, Severity};
use crate::words::upper_camel;

mod unwrap;

/// Applies the shapes the examples show.
pub fn apply(spec: &mut Spec, diagnostics: &mut Vec<Diagnostic>) {
    wrap(spec, diagnostics);
    maps(spec, diagnostics);
    unwrap::apply(spec, &body_examples(spec), diagnostics);
}

/// Wraps the bodies whose examples show the key their table leaves out.
fn wrap(spec: &mut Spec, diagnostics: &mut Vec<Diagnostic>) {
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
            if let Some(value) = map_value(spec, schema) {
                return holds_map_of(&object, &value).then(|| (key, array, e.source.clone()));
            }
            let shared = object
                .keys()
                .filter(|k| fields.contains(&k.as_str()))
                .count();
            (shared > 0 && shared * 2 >= object.len()).then(|| (key, array, e.source.clone()))
        })
}

/// The value type of a body that is a map (its one field
/// [`ARRAY_ITEMS_FIELD`](crate::model::ARRAY_ITEMS_FIELD) typed `map<…>`).
fn map_value(spec: &Spec, schema: &str) -> Option<TypeRef> {
    match crate::example_check::items_type(spec, schema)? {
        TypeRef::Map(value) => Some(*value),
        _ => None,
    }
}

/// Whether an object is a map of `value`: entries, each of that JSON type.
fn holds_map_of(object: &Map<String, Value>, value: &TypeRef) -> bool {
    !object.is_empty()
        && object
            .values()
            .all(|v| !v.is_null() && crate::example_check::agrees(value, v))
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

/// Every example that parses, with the body schema it shows and its `file:line`.
fn body_examples(spec: &Spec) -> Vec<(String, Value, String)> {
    let mut out = Vec::new();
    for op in &spec.operations {
        let success = op
            .responses
            .iter()
            .map(|r| r.status)
            .find(|s| (200..300).contains(s));
        for (schema, kind, status) in bodies(op) {
            for e in op.examples.iter().filter(|e| e.kind == kind) {
                if kind == ExampleKind::Response && e.status.or(success) != status {
                    continue;
                }
                if let Some(value) = e
                    .json
                    .as_deref()
                    .and_then(|j| serde_json::from_str::<Value>(j).ok())
                {
                    out.push((schema.clone(), value, e.source.clone()));
                }
            }
        }
    }
    out
}

/// Retypes fields the examples show to be maps of their model.
fn maps(spec: &mut Spec, diagnostics: &mut Vec<Diagnostic>) {
    let mut found: Vec<(String, String, String, String)> = Vec::new();
    for (schema, value, source) in body_examples(spec) {
        let mut walker = MapFinder {
            spec,
            found: &mut found,
            source: &source,
            depth: 0,
        };
        walker.visit(&value, &schema);
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (schema, field, ty, source) in found {
        let Some(f) = spec
            .schemas
            .get_mut(&schema)
            .and_then(|s| s.fields.iter_mut().find(|f| f.name == field))
        else {
            continue;
        };
        diagnostics.push(warning(
            &source,
            format!(
                "`{schema}.{field}` is typed `{}`, and the example holds a map of it: typed `{ty}`",
                f.ty
            ),
        ));
        f.ty = ty;
    }
}

/// Walks an example along the schemas, noting fields whose value is a map of their model.
struct MapFinder<'a> {
    spec: &'a Spec,
    /// (schema, field, new type, example source).
    found: &'a mut Vec<(String, String, String, String)>,
    source: &'a str,
    depth: usize,
}

impl MapFinder<'_> {
    fn visit(&mut self, value: &Value, schema: &str) {
        let (Some(s), Value::Object(map), true) =
            (self.spec.schemas.get(schema), value, self.depth < 16)
        else {
            return;
        };
        self.depth += 1;
        for (key, v) in map {
            let Some(f) = s.fields.iter().find(|f| &f.name == key) else {
                continue;
            };
            let Ok(ty) = f.ty.parse::<crate::model::TypeRef>() else {
                continue;
            };
            match (&ty, v) {
                (crate::model::TypeRef::Named(model), Value::Object(inner)) => {
                    if let Some(array) = self.map_of(model, inner) {
                        let value = if array {
                            format!("array<{model}>")
                        } else {
                            model.clone()
                        };
                        self.found.push((
                            schema.to_string(),
                            key.clone(),
                            format!("map<string,{value}>"),
                            self.source.to_string(),
                        ));
                    } else {
                        self.visit(v, model);
                    }
                }
                (crate::model::TypeRef::Array(elem), Value::Array(items)) => {
                    if let Some(model) = elem.named() {
                        for item in items {
                            self.visit(item, model);
                        }
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
    }

    /// Whether `inner` is a map of `model` (Some(true): of lists of it): none of its keys is a
    /// field of the model, and every value is an object (or a list of objects) mostly made of
    /// the model's fields.
    fn map_of(&self, model: &str, inner: &Map<String, Value>) -> Option<bool> {
        let fields: Vec<&str> = self
            .spec
            .schemas
            .get(model)?
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        if inner.is_empty() || inner.keys().any(|k| fields.contains(&k.as_str())) {
            return None;
        }
        let fits = |o: &Value| {
            o.as_object().is_some_and(|o| {
                let shared = o.keys().filter(|k| fields.contains(&k.as_str())).count();
                shared > 0 && shared * 2 >= o.len()
            })
        };
        if inner.values().all(fits) {
            return Some(false);
        }
        let lists = inner.values().all(|v| {
            v.as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(fits))
        });
        lists.then_some(true)
    }
}
