//! The smallest JSON value a type accepts: required fields only, each with its first enum value,
//! its minimum or an empty value. Used for operations whose document has no example.

use apiref_spec::{Field, Spec, TypeRef};
use serde_json::{json, Value};

/// Nesting limit, so a schema that requires itself still ends.
const MAX_DEPTH: usize = 8;

/// The minimal value of `ty`.
pub fn value(spec: &Spec, ty: &TypeRef) -> Value {
    of(spec, ty, None, 0)
}

/// The minimal value of a field or parameter (its enum and minimum considered).
pub fn field_value(spec: &Spec, field: &Field) -> Value {
    match field.ty.parse::<TypeRef>() {
        Ok(ty) => of(spec, &ty, Some(field), 0),
        Err(_) => Value::Null,
    }
}

fn of(spec: &Spec, ty: &TypeRef, field: Option<&Field>, depth: usize) -> Value {
    let first_enum = field.and_then(|f| f.enum_values.first());
    match ty {
        TypeRef::String => json!(first_enum.map_or("x", String::as_str)),
        TypeRef::Integer | TypeRef::Long => {
            let n = first_enum
                .and_then(|v| v.parse::<i64>().ok())
                .or_else(|| field.and_then(|f| f.minimum).map(|m| m.ceil() as i64))
                .unwrap_or(0);
            json!(n)
        }
        TypeRef::Float | TypeRef::Double | TypeRef::Number => {
            json!(field.and_then(|f| f.minimum).unwrap_or(0.0))
        }
        TypeRef::Boolean => json!(false),
        TypeRef::Object | TypeRef::Map(_) => json!({}),
        TypeRef::Array(_) => json!([]),
        TypeRef::Named(name) => {
            let mut object = serde_json::Map::new();
            if let (Some(schema), true) = (spec.schemas.get(name), depth < MAX_DEPTH) {
                for f in schema.fields.iter().filter(|f| f.required) {
                    if let Ok(fty) = f.ty.parse::<TypeRef>() {
                        object.insert(f.name.clone(), of(spec, &fty, Some(f), depth + 1));
                    }
                }
            }
            Value::Object(object)
        }
    }
}
