//! Lenient readers for optional scalar fields: reply models call them through
//! `plumbing::read_fields` (`read_int` and the like), and a model that
//! derives `Deserialize` names them in `#[serde(default, deserialize_with = "…::lenient::int")]`.
//!
//! Servers, and the API references' own examples, send scalars in another form than the
//! document names: a number or boolean where it says text, numeric text where it says a number,
//! `"true"`/`"false"` where it says boolean. Each reader takes those forms straight from the
//! deserializer (no intermediate `serde_json::Value`); `null` is `None`, and any other value
//! fails with an error naming the whole value (`unexpected value "lots"`). Serializing is left to
//! the field's own type, so values go back in the documented form.
//!
//! The common case, a value already in the documented form, costs no more than a plain
//! `Option<String>`/`Option<i64>` field (it is about 2 % fewer instructions in `serde_json`): one
//! `deserialize_any` per field, where `Option<T>` takes a `deserialize_option` and then the
//! type's own call; nothing is buffered or allocated but the `String` of a text field. The other
//! forms and the errors are off that path (`benches/lenient.rs` measures both).
//!
//! serde hands a reader no field name, so the error names the value and
//! `serde_json` adds only a line and column; [`Client::execute`](crate::Client::execute) adds the
//! field's path (`instances[0].capacity`) to the [`Error::Decode`](crate::Error::Decode) it
//! returns.

use std::fmt;
use std::marker::PhantomData;

use serde::de;
use serde_json::Value;

/// Text: also a number (as JSON writes it) or a boolean.
pub fn text<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    read(deserializer)
}

/// An integer: also integer text (surrounding spaces allowed), and an integral float (`2.0`,
/// `1e3`, or that as text); `2.5` is still an error.
pub fn int<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    read(deserializer)
}

/// A number: also an integer or numeric text.
pub fn num<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    read(deserializer)
}

/// A boolean: also the text `"true"` or `"false"`.
pub fn flag<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    read(deserializer)
}

/// One `deserialize_any` for `null` and every form: `null` reaches the visitor as a unit (or,
/// from a deserializer that has options, as none or some), so no `deserialize_option` first.
fn read<'de, T: Read, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_any(Lenient::<T>(PhantomData))
}

/// How a scalar type takes each JSON form (`None`: not accepted). The documented form's method
/// is `#[inline]`: across crates a plain function is a call per field otherwise.
trait Read: Sized {
    const EXPECTING: &'static str;
    fn from_str(v: &str) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_f64(v: f64) -> Option<Self>;
    fn from_bool(v: bool) -> Option<Self>;
}

impl Read for String {
    const EXPECTING: &'static str = "text, a number or a boolean";
    #[inline]
    fn from_str(v: &str) -> Option<Self> {
        Some(v.into())
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_u64(v: u64) -> Option<Self> {
        Some(v.to_string())
    }
    fn from_f64(v: f64) -> Option<Self> {
        // As JSON writes it (`2.0` stays `2.0`); NaN and infinities are not JSON.
        serde_json::Number::from_f64(v).map(|n| n.to_string())
    }
    fn from_bool(v: bool) -> Option<Self> {
        Some(v.to_string())
    }
}

impl Read for i64 {
    const EXPECTING: &'static str = "an integer or integer text";
    fn from_str(v: &str) -> Option<Self> {
        let v = v.trim();
        // Only text that reads as a number at all gets the float's chance: Rust also parses
        // `inf` and `NaN`, which `integral` rejects anyway.
        v.parse().ok().or_else(|| integral(v.parse().ok()?))
    }
    #[inline]
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
    #[inline]
    fn from_u64(v: u64) -> Option<Self> {
        i64::try_from(v).ok()
    }
    #[inline]
    fn from_f64(v: f64) -> Option<Self> {
        integral(v)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
}

/// The largest magnitude up to which every integer is an `f64`: beyond it `9007199254740993.0`
/// already reads as `…992`, so taking such a float as an integer would change the number.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53

/// An integer sent as a float (`2.0`, `1e3`, as some servers' JSON encoders write every
/// number). A fraction, or a magnitude where floats no longer hold every integer, is not one.
fn integral(v: f64) -> Option<i64> {
    let exact = v.is_finite() && v.fract() == 0.0 && v.abs() <= EXACT_INTEGER_LIMIT;
    // In range, so the cast neither saturates nor rounds.
    exact.then_some(v as i64)
}

impl Read for f64 {
    const EXPECTING: &'static str = "a number or numeric text";
    fn from_str(v: &str) -> Option<Self> {
        v.trim().parse().ok()
    }
    #[inline]
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    #[inline]
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    #[inline]
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
}

impl Read for bool {
    const EXPECTING: &'static str = "a boolean, \"true\" or \"false\"";
    #[inline]
    fn from_str(v: &str) -> Option<Self> {
        match v {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    #[inline]
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
}

struct Lenient<T>(PhantomData<T>);

/// Off the fast path: only a value no form fits gets here.
#[cold]
#[inline(never)]
fn unexpected<E: de::Error>(value: Value) -> E {
    E::custom(format_args!("unexpected value {value}"))
}

#[inline]
fn or_unexpected<T, E: de::Error>(
    read: Option<T>,
    value: impl Into<Value>,
) -> Result<Option<T>, E> {
    match read {
        Some(v) => Ok(Some(v)),
        None => Err(unexpected(value.into())),
    }
}

impl<'de, T: Read> de::Visitor<'de> for Lenient<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        or_unexpected(T::from_str(v), v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        or_unexpected(T::from_i64(v), v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        or_unexpected(T::from_u64(v), v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        or_unexpected(T::from_f64(v), v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        or_unexpected(T::from_bool(v), v)
    }

    // Arrays and objects are never accepted; they are read whole only to name them in the error.
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value =
            <Value as de::Deserialize>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Err(unexpected(value))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value =
            <Value as de::Deserialize>::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Err(unexpected(value))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    /// Fields as generated models declare them.
    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Model {
        #[serde(default, deserialize_with = "super::text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "super::int")]
        int: Option<i64>,
        #[serde(default, deserialize_with = "super::num")]
        num: Option<f64>,
        #[serde(default, deserialize_with = "super::flag")]
        flag: Option<bool>,
    }

    fn parse(json: &str) -> Result<Model, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn fails_naming(json: &str, value: &str) {
        let e = parse(json).expect_err(json);
        assert!(
            e.starts_with(&format!("unexpected value {value}")),
            "{json}: {e}"
        );
    }

    #[test]
    fn missing_and_null_are_none() {
        assert_eq!(parse("{}"), Ok(Model::default()));
        let nulls = r#"{"text": null, "int": null, "num": null, "flag": null}"#;
        assert_eq!(parse(nulls), Ok(Model::default()));
    }

    #[test]
    fn other_deserializers_give_the_same_values() {
        // `serde_json::Value` (null is a unit) and serde's buffered content, which a flattened
        // or untagged model goes through (null is none, a value is some).
        #[derive(Debug, PartialEq, Deserialize)]
        struct Outer {
            #[serde(flatten)]
            model: Model,
        }
        let json = r#"{"text": 2.0, "int": "7", "num": null, "flag": "true"}"#;
        let want = Model {
            text: Some("2.0".into()),
            int: Some(7),
            num: None,
            flag: Some(true),
        };
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::from_value::<Model>(value).unwrap(), want);
        let outer: Outer = serde_json::from_str(json).unwrap();
        assert_eq!(outer.model, want);
        let e = serde_json::from_str::<Outer>(r#"{"int": [1]}"#).unwrap_err();
        assert!(e.to_string().starts_with("unexpected value [1]"), "{e}");
    }

    #[test]
    fn integers_take_numbers_and_integer_text() {
        let int = |json: &str| parse(json).map(|m| m.int);
        assert_eq!(int(r#"{"int": 4}"#), Ok(Some(4)));
        assert_eq!(int(r#"{"int": -4}"#), Ok(Some(-4)));
        assert_eq!(int(r#"{"int": " 4 "}"#), Ok(Some(4)));
        fails_naming(r#"{"int": 4.5}"#, "4.5");
        fails_naming(r#"{"int": "four"}"#, "\"four\"");
        fails_naming(r#"{"int": true}"#, "true");
        fails_naming(r#"{"int": {"a": [1]}}"#, r#"{"a":[1]}"#);
        fails_naming(r#"{"int": 18446744073709551615}"#, "18446744073709551615");
    }

    #[test]
    fn integers_take_integral_floats() {
        let int = |json: &str| parse(json).map(|m| m.int);
        assert_eq!(int(r#"{"int": 2.0}"#), Ok(Some(2)));
        assert_eq!(int(r#"{"int": -2.0}"#), Ok(Some(-2)));
        assert_eq!(int(r#"{"int": 1e3}"#), Ok(Some(1000)));
        assert_eq!(int(r#"{"int": 6.0E1}"#), Ok(Some(60)));
        assert_eq!(int(r#"{"int": -0.0}"#), Ok(Some(0)));
        assert_eq!(int(r#"{"int": "2.0"}"#), Ok(Some(2)));
        assert_eq!(int(r#"{"int": " 1e3 "}"#), Ok(Some(1000)));
        assert_eq!(
            int(r#"{"int": 9007199254740992.0}"#),
            Ok(Some(9_007_199_254_740_992))
        );
        fails_naming(r#"{"int": 2.5}"#, "2.5");
        fails_naming(r#"{"int": "2.5"}"#, "\"2.5\"");
        fails_naming(r#"{"int": 1e-3}"#, "0.001");
        // Beyond 2^53 a float no longer names one integer.
        fails_naming(r#"{"int": 1e19}"#, "1e+19");
        fails_naming(r#"{"int": 9007199254740994.0}"#, "9007199254740994.0");
        fails_naming(r#"{"int": "inf"}"#, "\"inf\"");
        fails_naming(r#"{"int": "NaN"}"#, "\"NaN\"");
    }

    #[test]
    fn text_takes_numbers_and_booleans_as_json_writes_them() {
        let text = |json: &str| parse(json).map(|m| m.text);
        assert_eq!(text(r#"{"text": "0.125"}"#), Ok(Some("0.125".into())));
        assert_eq!(text(r#"{"text": 0.125}"#), Ok(Some("0.125".into())));
        assert_eq!(text(r#"{"text": 2.0}"#), Ok(Some("2.0".into())));
        assert_eq!(text(r#"{"text": -3}"#), Ok(Some("-3".into())));
        assert_eq!(
            text(r#"{"text": 18446744073709551615}"#),
            Ok(Some("18446744073709551615".into()))
        );
        assert_eq!(text(r#"{"text": true}"#), Ok(Some("true".into())));
        fails_naming(r#"{"text": ["a"]}"#, r#"["a"]"#);
    }

    #[test]
    fn numbers_take_integers_and_numeric_text() {
        let num = |json: &str| parse(json).map(|m| m.num);
        assert_eq!(num(r#"{"num": 3}"#), Ok(Some(3.0)));
        assert_eq!(num(r#"{"num": 1.5}"#), Ok(Some(1.5)));
        assert_eq!(num(r#"{"num": " 2.5"}"#), Ok(Some(2.5)));
        fails_naming(r#"{"num": false}"#, "false");
        fails_naming(r#"{"num": "x"}"#, "\"x\"");
    }

    #[test]
    fn booleans_take_true_and_false_text_only() {
        let flag = |json: &str| parse(json).map(|m| m.flag);
        assert_eq!(flag(r#"{"flag": true}"#), Ok(Some(true)));
        assert_eq!(flag(r#"{"flag": "false"}"#), Ok(Some(false)));
        fails_naming(r#"{"flag": "yes"}"#, "\"yes\"");
        fails_naming(r#"{"flag": "True"}"#, "\"True\"");
        fails_naming(r#"{"flag": 1}"#, "1");
    }
}
