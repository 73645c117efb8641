//! Which scalar values the generated client reads although their JSON form is not the
//! documented one. The rule is the generated runtime's, `generated/runtime/src/lenient.rs`
//! (`huaweicloud_runtime::lenient::{text, int, num, flag}`), restated over `serde_json::Value`:
//! an example field the client reads is a documentation inconsistency, not a failure to read.
//! `tests/tests/lenient_rules_agree.rs` feeds the same values to both and checks they agree;
//! change the two together.

use serde_json::{Number, Value};

use crate::model::TypeRef;

/// Whether the client's reader for a field of scalar type `t` takes `v` (`null` is "absent",
/// which every optional field takes). `None` when `t` is not a scalar: no lenient reader.
pub fn client_reads(t: &TypeRef, v: &Value) -> Option<bool> {
    if v.is_null() {
        return Some(true);
    }
    let read = match t {
        // A number is read as JSON writes it, a boolean as `true`/`false`.
        TypeRef::String => matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)),
        TypeRef::Integer | TypeRef::Long => match v {
            Value::String(s) => int_text(s).is_some(),
            Value::Number(n) => int_number(n).is_some(),
            _ => false,
        },
        TypeRef::Float | TypeRef::Double | TypeRef::Number => match v {
            // Rust's float parser, as the runtime's: it also takes `inf` and `NaN`.
            Value::String(s) => s.trim().parse::<f64>().is_ok(),
            Value::Number(_) => true,
            _ => false,
        },
        TypeRef::Boolean => {
            matches!(v, Value::Bool(_))
                || matches!(v, Value::String(s) if s == "true" || s == "false")
        }
        _ => return None,
    };
    Some(read)
}

/// Integer text, surrounding spaces allowed; or an integral float as text (`"2.0"`, `"1e3"`).
fn int_text(s: &str) -> Option<i64> {
    let s = s.trim();
    s.parse().ok().or_else(|| integral(s.parse().ok()?))
}

/// An integer within `i64`, or an integral float.
fn int_number(n: &Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    if n.is_u64() {
        // Beyond `i64::MAX`: the runtime's `i64::try_from` fails.
        return None;
    }
    integral(n.as_f64()?)
}

/// Up to 2^53 every integer is exactly a float; beyond it a float names no one integer.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

fn integral(v: f64) -> Option<i64> {
    let exact = v.is_finite() && v.fract() == 0.0 && v.abs() <= EXACT_INTEGER_LIMIT;
    exact.then_some(v as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reads(t: TypeRef, v: Value) -> bool {
        client_reads(&t, &v).unwrap()
    }

    #[test]
    fn integers_take_integer_text_and_integral_floats() {
        assert!(reads(TypeRef::Integer, json!(" 12 ")));
        assert!(reads(TypeRef::Long, json!("1e3")));
        assert!(reads(TypeRef::Integer, json!(2.0)));
        assert!(!reads(TypeRef::Integer, json!(2.5)));
        assert!(!reads(TypeRef::Integer, json!("2.5")));
        assert!(!reads(TypeRef::Integer, json!(true)));
        assert!(!reads(TypeRef::Integer, json!(u64::MAX)));
        assert!(!reads(TypeRef::Integer, json!(1e19)));
    }

    #[test]
    fn text_numbers_and_flags() {
        assert!(reads(TypeRef::String, json!(40)));
        assert!(reads(TypeRef::String, json!(false)));
        assert!(!reads(TypeRef::String, json!([1])));
        assert!(reads(TypeRef::Double, json!(" 2.5")));
        assert!(!reads(TypeRef::Float, json!("x")));
        assert!(reads(TypeRef::Boolean, json!("true")));
        assert!(!reads(TypeRef::Boolean, json!("True")));
        assert!(!reads(TypeRef::Boolean, json!(1)));
        assert!(reads(TypeRef::Boolean, Value::Null));
    }

    #[test]
    fn containers_have_no_lenient_reader() {
        assert_eq!(client_reads(&TypeRef::Object, &json!("x")), None);
        let list = TypeRef::Array(Box::new(TypeRef::String));
        assert_eq!(client_reads(&list, &json!("x")), None);
    }
}
