//! Wire compatibility: whether a client built from the old spec still reads what a server following
//! the new one sends, and whether what it sends still fits the new documents.

use apiref_spec::{Field, Spec, TypeRef};

fn is_int(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Integer | TypeRef::Long)
}

fn is_num(t: &TypeRef) -> bool {
    matches!(
        t,
        TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double | TypeRef::Number
    )
}

fn is_scalar(t: &TypeRef) -> bool {
    is_num(t) || matches!(t, TypeRef::String | TypeRef::Boolean)
}

/// Whether the old client's reader for `old` takes the values of `new`. `lenient`: the field is
/// an optional scalar without an enum, read by the runtime's lenient readers (text also takes
/// numbers and booleans, numbers also numeric text, booleans `"true"`/`"false"`); enums take any
/// value of their JSON type; response models take any object (every field optional, unknown
/// fields ignored).
pub(super) fn readable(old: &TypeRef, new: &TypeRef, lenient: bool) -> bool {
    if old == new {
        return true;
    }
    match old {
        TypeRef::Object => true,
        TypeRef::String => lenient && is_scalar(new),
        TypeRef::Integer | TypeRef::Long => is_int(new),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => is_num(new),
        TypeRef::Boolean => false,
        TypeRef::Named(_) => matches!(new, TypeRef::Named(_) | TypeRef::Object),
        TypeRef::Array(a) => matches!(new, TypeRef::Array(b) if readable(a, b, false)),
        TypeRef::Map(a) => matches!(new, TypeRef::Map(b) if readable(a, b, false)),
    }
}

/// Whether the values the old client sends as `old` fit `new`: integers where numbers are
/// expected, an object that has every field the new schema requires (same types), anything where a
/// free-form object is.
pub(super) fn sendable(spec_old: &Spec, spec_new: &Spec, old: &TypeRef, new: &TypeRef) -> bool {
    if old == new {
        return true;
    }
    match (old, new) {
        (TypeRef::Named(_) | TypeRef::Map(_), TypeRef::Object) => true,
        (TypeRef::Named(a), TypeRef::Named(b)) => same_requirements(spec_old, spec_new, a, b),
        (a, b) if is_int(a) => is_num(b),
        (TypeRef::Float | TypeRef::Double | TypeRef::Number, b) => {
            matches!(b, TypeRef::Float | TypeRef::Double | TypeRef::Number)
        }
        (TypeRef::Array(a), TypeRef::Array(b)) | (TypeRef::Map(a), TypeRef::Map(b)) => {
            sendable(spec_old, spec_new, a, b)
        }
        _ => false,
    }
}

/// Whether an object built by the old client as schema `a` of `spec_old` has what schema `b` of
/// `spec_new` requires: every required field of `b` is a field of `a` with the same type. (Field
/// by field changes of one schema are reported on their own; this only tells renamed or swapped
/// schemas apart.)
fn same_requirements(spec_old: &Spec, spec_new: &Spec, a: &str, b: &str) -> bool {
    let (Some(sa), Some(sb)) = (spec_old.schemas.get(a), spec_new.schemas.get(b)) else {
        return false;
    };
    sb.fields.iter().filter(|f| f.required).all(|fb| {
        sa.fields
            .iter()
            .any(|fa| fa.name == fb.name && fa.ty == fb.ty)
    })
}

/// Whether the new document's range or length limits reject a value the old one allowed.
pub(super) fn narrowed(old: &Field, new: &Field) -> bool {
    fn lower<T: PartialOrd>(old: Option<T>, new: Option<T>) -> bool {
        match (old, new) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(o), Some(n)) => n > o,
        }
    }
    fn upper<T: PartialOrd>(old: Option<T>, new: Option<T>) -> bool {
        match (old, new) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(o), Some(n)) => n < o,
        }
    }
    lower(old.minimum, new.minimum)
        || upper(old.maximum, new.maximum)
        || lower(old.min_length, new.min_length)
        || upper(old.max_length, new.max_length)
}

/// The range and length limits as text (`1 to 1000`, `length 4 to 64`), `none` without any.
pub(super) fn limits(f: &Field) -> String {
    let bound = |v: Option<f64>| v.map_or_else(|| "…".to_string(), |v| v.to_string());
    let len = |v: Option<u64>| v.map_or_else(|| "…".to_string(), |v| v.to_string());
    let mut parts = Vec::new();
    if f.minimum.is_some() || f.maximum.is_some() {
        parts.push(format!("{} to {}", bound(f.minimum), bound(f.maximum)));
    }
    if f.min_length.is_some() || f.max_length.is_some() {
        parts.push(format!(
            "length {} to {}",
            len(f.min_length),
            len(f.max_length)
        ));
    }
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TypeRef {
        s.parse().unwrap()
    }

    #[test]
    fn lenient_readers_take_other_scalars() {
        assert!(readable(&t("string"), &t("integer"), true));
        assert!(!readable(&t("string"), &t("integer"), false));
        assert!(!readable(&t("integer"), &t("string"), true));
        assert!(readable(&t("integer"), &t("long"), true));
        assert!(readable(&t("double"), &t("integer"), true));
        assert!(!readable(&t("integer"), &t("float"), true));
        assert!(readable(&t("A"), &t("B"), true));
        assert!(!readable(&t("array<A>"), &t("A"), true));
        assert!(readable(&t("object"), &t("array<A>"), true));
    }
}
