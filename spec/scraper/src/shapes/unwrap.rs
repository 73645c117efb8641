//! A wrapper the example leaves out: a field typed as a model `M` whose one field `k` is an
//! object (`floating_ips` → Table 3 "floating_ip objects", one row `floating_ip`, Object →
//! Table 4), where the example's values have no key `k` but the fields of `k`'s model `N`
//! themselves (`"floating_ips": [{"id": …, "ip": …}]`). `M` takes `N`'s fields when nothing else
//! uses it (so no model is left without a user, and none is lost); else the field is retyped to
//! `N`. Either way with a warning at the example. Where the example has the key (`"keypairs":
//! [{"keypair": {…}}]`, the same table structure), the wrapper stays: only the example tells
//! them apart.

use serde_json::Value;

use super::warning;
use crate::model::{Spec, TypeRef};
use crate::raw::Diagnostic;

/// A field whose example leaves its model's wrapper out.
struct Found {
    schema: String,
    field: String,
    /// `M`, its one field `k`, and `N`.
    wrapper: String,
    key: String,
    inner: String,
    source: String,
}

/// Unwraps the models whose examples leave the wrapper out.
pub fn apply(spec: &mut Spec, examples: &[(String, Value, String)], diags: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for (schema, value, source) in examples {
        visit(spec, value, schema, source, 0, &mut found);
    }
    found.sort_by(|a, b| (&a.schema, &a.field).cmp(&(&b.schema, &b.field)));
    found.dedup_by(|a, b| a.schema == b.schema && a.field == b.field);
    for f in found {
        // An earlier one may have unwrapped the same model already.
        let still = spec
            .schemas
            .get(&f.wrapper)
            .is_some_and(|w| matches!(w.fields.as_slice(), [only] if only.name == f.key));
        let Some(inner) = spec.schemas.get(&f.inner).filter(|_| still) else {
            continue;
        };
        let what = format!(
            "`{}.{}` is typed with `{}`, which only wraps its field `{}`; the example leaves the wrapper out and holds a `{}` itself",
            f.schema, f.field, f.wrapper, f.key, f.inner
        );
        if super::users(spec, &f.wrapper) == 1 {
            let fields = inner.fields.clone();
            if let Some(w) = spec.schemas.get_mut(&f.wrapper) {
                w.fields = fields;
            }
            diags.push(warning(
                &f.source,
                format!(
                    "{what}: `{}` now has the fields of `{}`",
                    f.wrapper, f.inner
                ),
            ));
        } else {
            retype(spec, &f);
            diags.push(warning(
                &f.source,
                format!("{what}: typed with `{}`", f.inner),
            ));
        }
        // A spec only gains schemas (a regeneration refuses to lose one): it stays.
        if super::users(spec, &f.inner) == 0 {
            let note = format!(
                "`{}` is used nowhere else now; it stays in the spec",
                f.inner
            );
            diags.push(warning(&f.source, note));
        }
    }
}

/// Types the field with the wrapped model (a list of it for a list).
fn retype(spec: &mut Spec, f: &Found) {
    let Some(field) = spec
        .schemas
        .get_mut(&f.schema)
        .and_then(|s| s.fields.iter_mut().find(|x| x.name == f.field))
    else {
        return;
    };
    let inner = TypeRef::Named(f.inner.clone());
    field.ty = match field.type_ref() {
        Ok(TypeRef::Array(_)) => TypeRef::Array(Box::new(inner)).to_string(),
        _ => inner.to_string(),
    };
}

/// Walks an example along its schemas, noting the fields whose values leave a wrapper out.
fn visit(
    spec: &Spec,
    value: &Value,
    schema: &str,
    source: &str,
    depth: usize,
    found: &mut Vec<Found>,
) {
    let (Some(s), Value::Object(members), true) = (spec.schemas.get(schema), value, depth < 16)
    else {
        return;
    };
    for (key, v) in members {
        let Some(ty) = s
            .fields
            .iter()
            .find(|f| &f.name == key)
            .and_then(|f| f.type_ref().ok())
        else {
            continue;
        };
        let (model, items): (&str, Vec<&Value>) = match (&ty, v) {
            (TypeRef::Named(m), Value::Object(_)) => (m, vec![v]),
            (TypeRef::Array(e), Value::Array(a)) if e.named().is_some() => {
                (e.named().unwrap_or_default(), a.iter().collect())
            }
            _ => continue,
        };
        match unwrapped(spec, model, &items) {
            Some((inner_key, inner)) => found.push(Found {
                schema: schema.to_string(),
                field: key.clone(),
                wrapper: model.to_string(),
                key: inner_key,
                inner,
                source: source.to_string(),
            }),
            None => items
                .iter()
                .for_each(|item| visit(spec, item, model, source, depth + 1, found)),
        }
    }
}

/// When `model` is a wrapper (one field, an object of model `N`) and every value is an object
/// without the wrapper's key, mostly made of `N`'s fields: the key and `N`.
fn unwrapped(spec: &Spec, model: &str, values: &[&Value]) -> Option<(String, String)> {
    let [only] = spec.schemas.get(model)?.fields.as_slice() else {
        return None;
    };
    let inner = match only.type_ref().ok()? {
        TypeRef::Named(n) => n,
        _ => return None,
    };
    let fields: Vec<&str> = spec
        .schemas
        .get(&inner)?
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let fits = |v: &&Value| {
        v.as_object().is_some_and(|o| {
            let shared = o.keys().filter(|k| fields.contains(&k.as_str())).count();
            !o.contains_key(&only.name) && shared > 0 && shared * 2 >= o.len()
        })
    };
    (!values.is_empty() && values.iter().all(fits)).then(|| (only.name.clone(), inner))
}
