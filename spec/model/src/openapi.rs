//! Export of the spec as an OpenAPI 3.0 document, for the OpenAPI ecosystem (Swagger UI, Postman,
//! other generators) and for benchmarking against OpenAPI client generators.
//!
//! The document is built as a `serde_json::Value`; the workspace's `preserve_order` feature keeps
//! keys in insertion order, so the output is deterministic and diffs stay readable.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::model::{Example, ExampleKind, Field, Location, Operation, Schema, Spec, TypeRef};

/// Name of the AK/SK security scheme in `components.securitySchemes`.
pub const AKSK_SCHEME: &str = "AkSk";
/// Name of the token security scheme in `components.securitySchemes`.
pub const TOKEN_SCHEME: &str = "Token";

/// The spec as an OpenAPI 3.0.3 document.
pub fn to_openapi(spec: &Spec) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": info(spec),
        "servers": [server(spec)],
        // Either scheme authenticates any operation.
        "security": [{ AKSK_SCHEME: [] }, { TOKEN_SCHEME: [] }],
        "tags": tags(spec),
        "paths": paths(spec),
        "components": {
            "schemas": spec.schemas.iter()
                .map(|(name, s)| (name.clone(), schema_object(s)))
                .collect::<Map<_, _>>(),
            "securitySchemes": security_schemes(),
        },
    })
}

/// The service's endpoint template, its `{region}` an OpenAPI server variable.
fn server(spec: &Spec) -> Value {
    let url = spec.service.endpoint_template();
    let mut server = json!({ "url": url, "description": "The endpoint of the region." });
    if url.contains("{region}") {
        server["variables"] = json!({
            "region": {
                "default": "ap-southeast-1",
                "description": "The region the service runs in."
            }
        });
    }
    server
}

fn info(spec: &Spec) -> Value {
    // The newest document date is the closest thing the reference has to an API version.
    let version = spec
        .service
        .sources
        .iter()
        .filter_map(|s| s.updated.as_deref())
        .max()
        .unwrap_or("unversioned");
    let sources: Vec<&str> = spec
        .service
        .sources
        .iter()
        .map(|s| s.file.as_str())
        .collect();
    json!({
        "title": spec.service.title,
        "description": format!(
            "Generated from the published API reference ({}).",
            sources.join(", ")
        ),
        "version": version,
    })
}

fn security_schemes() -> Value {
    json!({
        AKSK_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "AK/SK authentication: the request is signed with the SDK-HMAC-SHA256 \
                algorithm; the signature goes in `Authorization` and the signing time in \
                `X-Sdk-Date`.",
        },
        TOKEN_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": "X-Auth-Token",
            "description": "A user token obtained from IAM.",
        },
    })
}

/// One tag per operation group, in the order groups first appear.
fn tags(spec: &Spec) -> Value {
    let mut seen = BTreeSet::new();
    Value::Array(
        spec.operations
            .iter()
            .filter(|o| seen.insert(o.group.as_str()))
            .map(|o| json!({ "name": o.group }))
            .collect(),
    )
}

/// Paths in the order they first appear; under each, one entry per method. Operations that share
/// a method and path (told apart by their body) each get the path with their discriminator as
/// a fragment (`…/action#os-start`), as OpenAPI has room for one operation per method and path.
fn paths(spec: &Spec) -> Value {
    let mut paths = Map::new();
    for op in &spec.operations {
        let key = match &op.discriminator {
            Some(d) => format!("{}#{d}", op.path),
            None => op.path.clone(),
        };
        let item = paths
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(op.method.to_ascii_lowercase(), operation(op));
        }
    }
    Value::Object(paths)
}

fn operation(op: &Operation) -> Value {
    let mut o = Map::new();
    o.insert("tags".into(), json!([op.group]));
    o.insert("summary".into(), json!(op.title));
    if !op.description.is_empty() {
        o.insert("description".into(), json!(op.description));
    }
    o.insert("operationId".into(), json!(op.name));
    if !op.params.is_empty() {
        o.insert(
            "parameters".into(),
            Value::Array(op.params.iter().map(parameter).collect()),
        );
    }
    if let Some(body) = &op.body {
        let mut media = Map::new();
        media.insert("schema".into(), schema_ref(body));
        add_examples(&mut media, op, ExampleKind::Request, None);
        o.insert(
            "requestBody".into(),
            json!({ "required": true, "content": { "application/json": media } }),
        );
    }
    o.insert("responses".into(), responses(op));
    if op.deprecated {
        o.insert("deprecated".into(), json!(true));
    }
    Value::Object(o)
}

fn parameter(p: &Field) -> Value {
    let location = match p.location {
        Some(Location::Path) | None => "path",
        Some(Location::Query) => "query",
        Some(Location::Header) => "header",
    };
    let mut o = Map::new();
    o.insert("name".into(), json!(p.name));
    o.insert("in".into(), json!(location));
    if !p.description.is_empty() {
        o.insert("description".into(), json!(p.description));
    }
    // OpenAPI requires path parameters to be required.
    o.insert("required".into(), json!(p.required || location == "path"));
    o.insert("schema".into(), field_schema(p, false));
    Value::Object(o)
}

fn responses(op: &Operation) -> Value {
    let mut out = Map::new();
    for r in &op.responses {
        let mut resp = Map::new();
        let description = if r.description.is_empty() {
            format!("HTTP {}", r.status)
        } else {
            r.description.clone()
        };
        resp.insert("description".into(), json!(description));
        if let Some(body) = &r.body {
            let mut media = Map::new();
            media.insert("schema".into(), schema_ref(body));
            add_examples(&mut media, op, ExampleKind::Response, Some(r.status));
            resp.insert(
                "content".into(),
                json!({ "application/json": Value::Object(media) }),
            );
        }
        out.insert(r.status.to_string(), Value::Object(resp));
    }
    if out.is_empty() {
        // OpenAPI requires at least one response; the reference documents none here.
        out.insert(
            "default".into(),
            json!({ "description": "Not documented in the API reference." }),
        );
    }
    Value::Object(out)
}

/// Adds the operation's examples of `kind` (and `status`) whose text is valid JSON: one as
/// `example`, several distinct ones as `examples` keyed `example1`, `example2`, ….
fn add_examples(
    media: &mut Map<String, Value>,
    op: &Operation,
    kind: ExampleKind,
    status: Option<u16>,
) {
    let mut found: Vec<(&Example, Value)> = Vec::new();
    for e in &op.examples {
        if e.kind != kind || (kind == ExampleKind::Response && e.status != status) {
            continue;
        }
        let Some(value) = e
            .json
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        else {
            continue;
        };
        // The English and Chinese documents often print the same example.
        if !found.iter().any(|(_, v)| *v == value) {
            found.push((e, value));
        }
    }
    match found.len() {
        0 => {}
        1 => {
            if let Some((_, v)) = found.pop() {
                media.insert("example".into(), v);
            }
        }
        _ => {
            let examples = found
                .into_iter()
                .enumerate()
                .map(|(i, (e, value))| {
                    let mut ex = Map::new();
                    if let Some(t) = &e.title {
                        ex.insert("summary".into(), json!(t));
                    }
                    ex.insert("value".into(), value);
                    (format!("example{}", i + 1), Value::Object(ex))
                })
                .collect::<Map<_, _>>();
            media.insert("examples".into(), Value::Object(examples));
        }
    }
}

fn schema_object(s: &Schema) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), json!("object"));
    if let Some(d) = &s.description {
        o.insert("description".into(), json!(d));
    }
    let required: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    if !required.is_empty() {
        o.insert("required".into(), json!(required));
    }
    o.insert(
        "properties".into(),
        Value::Object(
            s.fields
                .iter()
                .map(|f| (f.name.clone(), field_schema(f, true)))
                .collect(),
        ),
    );
    Value::Object(o)
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The schema of a field or parameter: its type plus the documented constraints. Parameters
/// carry their description on the parameter object, so `with_description` is false for them.
fn field_schema(f: &Field, with_description: bool) -> Value {
    let Ok(ty) = f.type_ref() else {
        // The spec validator rejects bad types; export something valid rather than fail.
        let mut o = Map::new();
        o.insert(
            "description".into(),
            json!(format!("Undocumented type `{}`. {}", f.ty, f.description)),
        );
        return Value::Object(o);
    };
    let mut schema = type_schema(&ty);
    let description = (with_description && !f.description.is_empty()).then_some(&f.description);
    let default = f.default.as_deref().map(|d| typed_value(&ty, d));
    if let Value::Object(o) = &schema {
        if o.contains_key("$ref") && (description.is_some() || default.is_some()) {
            // In OpenAPI 3.0 keys beside `$ref` are ignored, so wrap it.
            schema = json!({ "allOf": [schema] });
        }
    }
    let Value::Object(o) = &mut schema else {
        return schema;
    };
    if let Some(d) = description {
        o.insert("description".into(), json!(d));
    }
    // Enums and lengths of an array constrain its elements.
    let (element_ty, target) = match (&ty, o.get_mut("items")) {
        (TypeRef::Array(inner), Some(Value::Object(items)))
            if !matches!(**inner, TypeRef::Named(_)) =>
        {
            (inner.as_ref(), items)
        }
        _ => (&ty, &mut *o),
    };
    if !f.enum_values.is_empty() {
        target.insert(
            "enum".into(),
            Value::Array(
                f.enum_values
                    .iter()
                    .map(|v| typed_value(element_ty, v))
                    .collect(),
            ),
        );
    }
    if matches!(element_ty, TypeRef::String) {
        if let Some(n) = f.min_length {
            target.insert("minLength".into(), json!(n));
        }
        if let Some(n) = f.max_length {
            target.insert("maxLength".into(), json!(n));
        }
    }
    if let Some(n) = f.minimum {
        o.insert("minimum".into(), number(n));
    }
    if let Some(n) = f.maximum {
        o.insert("maximum".into(), number(n));
    }
    if let Some(d) = default {
        o.insert("default".into(), d);
    }
    schema
}

/// The OpenAPI schema of a type of the spec grammar.
pub fn type_schema(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Integer => json!({ "type": "integer" }),
        TypeRef::Long => json!({ "type": "integer", "format": "int64" }),
        TypeRef::Float => json!({ "type": "number", "format": "float" }),
        TypeRef::Double => json!({ "type": "number", "format": "double" }),
        TypeRef::Number => json!({ "type": "number" }),
        TypeRef::Boolean => json!({ "type": "boolean" }),
        TypeRef::Object => json!({ "type": "object", "additionalProperties": true }),
        TypeRef::Array(t) => json!({ "type": "array", "items": type_schema(t) }),
        TypeRef::Map(t) => json!({ "type": "object", "additionalProperties": type_schema(t) }),
        TypeRef::Named(n) => schema_ref(n),
    }
}

/// A documented value (always text in the spec) as JSON of the field's type; text that does not
/// parse as that type stays a string, so nothing the documents say is lost.
fn typed_value(ty: &TypeRef, text: &str) -> Value {
    let t = text.trim();
    let parsed = match ty {
        TypeRef::Integer | TypeRef::Long => t.parse::<i64>().ok().map(Value::from),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => {
            t.parse::<i64>().ok().map(Value::from).or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
            })
        }
        TypeRef::Boolean => t.parse::<bool>().ok().map(Value::Bool),
        _ => None,
    };
    parsed.unwrap_or_else(|| json!(text))
}

/// A bound as JSON: whole numbers print without a fraction (`10`, not `10.0`).
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return json!(n as i64);
    }
    serde_json::Number::from_f64(n)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Output format of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

/// Renders the document as YAML or (pretty) JSON text ending in a newline.
pub fn render(doc: &Value, format: Format) -> Result<String, String> {
    match format {
        Format::Json => serde_json::to_string_pretty(doc)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(doc).map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: &str) -> Field {
        Field {
            name: "f".into(),
            ty: ty.into(),
            source: "x:1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn types_map_to_openapi_schemas() {
        let cases = [
            ("long", json!({"type": "integer", "format": "int64"})),
            ("integer", json!({"type": "integer"})),
            ("float", json!({"type": "number", "format": "float"})),
            (
                "object",
                json!({"type": "object", "additionalProperties": true}),
            ),
            (
                "map<string,array<Tag>>",
                json!({"type": "object", "additionalProperties":
                    {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}),
            ),
        ];
        for (ty, want) in cases {
            assert_eq!(field_schema(&field(ty), true), want, "{ty}");
        }
    }

    #[test]
    fn constraints_are_typed() {
        let mut f = field("integer");
        f.enum_values = vec!["0".into(), "1".into(), "x".into()];
        f.default = Some("1".into());
        f.minimum = Some(1.0);
        f.maximum = Some(2.5);
        assert_eq!(
            field_schema(&f, true),
            json!({"type": "integer", "enum": [0, 1, "x"], "minimum": 1, "maximum": 2.5,
                   "default": 1})
        );
        let mut a = field("array<string>");
        a.enum_values = vec!["a".into()];
        a.max_length = Some(3);
        a.description = "d".into();
        assert_eq!(
            field_schema(&a, true),
            json!({"type": "array", "items": {"type": "string", "enum": ["a"], "maxLength": 3},
                   "description": "d"})
        );
    }

    #[test]
    fn described_refs_are_wrapped() {
        let mut f = field("BssParam");
        f.description = "Billing.".into();
        assert_eq!(
            field_schema(&f, true),
            json!({"allOf": [{"$ref": "#/components/schemas/BssParam"}], "description": "Billing."})
        );
    }
}
