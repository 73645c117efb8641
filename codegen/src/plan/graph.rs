//! Questions about the graph of schemas: which are reachable from where, which hold floats, which
//! sit on a cycle.

use std::collections::BTreeSet;

use apiref_spec::{Operation, Spec, TypeRef};

/// Unwraps arrays and maps down to the element type.
pub(super) fn innermost(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Array(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}

/// Schema names to emit: all, or (when filtering by group) those the selected operations reach.
pub(super) fn selected_schemas<'a>(
    spec: &'a Spec,
    ops: &[&'a Operation],
    filtered: bool,
) -> Vec<&'a str> {
    if !filtered {
        return spec.schemas.keys().map(String::as_str).collect();
    }
    let roots = ops.iter().flat_map(|op| {
        op.params
            .iter()
            .map(|p| p.ty.as_str())
            .chain(op.body.as_deref())
            .chain(op.responses.iter().filter_map(|r| r.body.as_deref()))
    });
    let set = reachable(spec, roots);
    spec.schemas
        .keys()
        .map(String::as_str)
        .filter(|k| set.contains(*k))
        .collect()
}

/// Schema names reachable from the given type strings.
pub(super) fn reachable<'a>(
    spec: &'a Spec,
    roots: impl Iterator<Item = &'a str>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = roots
        .filter_map(|t| t.parse::<TypeRef>().ok()?.named().map(str::to_string))
        .collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = spec.schemas.get(&name) {
            for f in &schema.fields {
                if let Some(n) = f.type_ref().ok().as_ref().and_then(TypeRef::named) {
                    stack.push(n.to_string());
                }
            }
        }
    }
    seen
}

/// Schemas that contain no float anywhere inside (so they can derive `Eq`).
pub(super) fn float_free(spec: &Spec, schemas: &[&str]) -> BTreeSet<String> {
    // Fixpoint: start from "all float-free" and remove until stable; cycles stay float-free
    // unless something on them holds a float.
    let mut free: BTreeSet<String> = schemas.iter().map(|s| s.to_string()).collect();
    loop {
        let before = free.len();
        let snapshot = free.clone();
        free.retain(|name| {
            spec.schemas.get(name).is_some_and(|s| {
                s.fields.iter().all(|f| {
                    f.type_ref()
                        .is_ok_and(|t| type_is_float_free(&t, &snapshot))
                })
            })
        });
        if free.len() == before {
            return free;
        }
    }
}

pub(super) fn type_is_float_free(t: &TypeRef, free: &BTreeSet<String>) -> bool {
    match innermost(t) {
        TypeRef::Float | TypeRef::Double | TypeRef::Number => false,
        TypeRef::Named(n) => free.contains(n),
        _ => true,
    }
}

/// Whether `schema` reaches itself through its fields: only then can a field need a `Box`.
/// One search per schema, rather than one per field.
pub(super) fn on_cycle(spec: &Spec, schema: &str) -> bool {
    let children = spec
        .schemas
        .get(schema)
        .into_iter()
        .flat_map(|s| s.fields.iter().map(|f| f.ty.as_str()));
    reachable(spec, children).contains(schema)
}

/// Whether schema `from` directly (not through an array or map) contains schema `to`.
pub(super) fn directly_reaches(spec: &Spec, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(name) = stack.pop() {
        if name == to {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = spec.schemas.get(&name) {
            for f in &schema.fields {
                if let Ok(TypeRef::Named(n)) = f.type_ref() {
                    stack.push(n);
                }
            }
        }
    }
    false
}
