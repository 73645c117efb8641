//! serde_yaml 0.9's readings of plain scalars as null, booleans and numbers, copied from its
//! `src/de.rs` (serde_yaml 0.9.34, MIT OR Apache-2.0, by David Tolnay) so the fast path reads
//! exactly the same values. Changes: slicing replaced by panic-free equivalents.

use std::num::ParseIntError;

pub(super) fn parse_null(scalar: &str) -> bool {
    matches!(scalar, "null" | "Null" | "NULL" | "~")
}

pub(super) fn parse_bool(scalar: &str) -> Option<bool> {
    match scalar {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

type FromStrRadix<T> = fn(&str, u32) -> Result<T, ParseIntError>;

pub(super) fn parse_unsigned_int<T>(scalar: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) {
        return None;
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

pub(super) fn parse_negative_int<T>(scalar: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            let negative = format!("-{}", rest);
            if let Ok(int) = from_str_radix(&negative, radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

pub(super) fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = if let Some(unpositive) = scalar.strip_prefix('+') {
        if unpositive.starts_with(['+', '-']) {
            return None;
        }
        unpositive
    } else {
        scalar
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    if let Ok(float) = unpositive.parse::<f64>() {
        if float.is_finite() {
            return Some(float);
        }
    }
    None
}

/// Leading zero(s) followed by digits is a string according to YAML 1.2 (serde_yaml's rule).
pub(super) fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    match scalar.strip_prefix('0') {
        Some(rest) => !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_serde_yaml() {
        let u = |s| parse_unsigned_int(s, u64::from_str_radix);
        assert_eq!(u("123"), Some(123));
        assert_eq!(u("+7"), Some(7));
        assert_eq!(u("0x1F"), Some(31));
        assert_eq!(u("0o17"), Some(15));
        assert_eq!(u("0b101"), Some(5));
        assert_eq!(u("0"), Some(0));
        assert_eq!(u("012"), None);
        assert_eq!(u("0x+1"), None);
        assert_eq!(u("-1"), None);
        assert_eq!(u("1_000"), None);
        let n = |s| parse_negative_int(s, i64::from_str_radix);
        assert_eq!(n("-5"), Some(-5));
        assert_eq!(n("-0x10"), Some(-16));
        assert_eq!(n("-012"), None);
    }

    #[test]
    fn floats_follow_serde_yaml() {
        assert_eq!(parse_f64("1.5"), Some(1.5));
        assert_eq!(parse_f64("+.inf"), Some(f64::INFINITY));
        assert_eq!(parse_f64("-.Inf"), Some(f64::NEG_INFINITY));
        assert!(parse_f64(".NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_f64("inf"), None);
        assert_eq!(parse_f64("nan"), None);
        assert_eq!(parse_f64("++1"), None);
        assert_eq!(parse_f64("1e400"), None);
        assert!(digits_but_not_number("007"));
        assert!(digits_but_not_number("-01"));
        assert!(!digits_but_not_number("0"));
        assert!(!digits_but_not_number("0.5"));
    }
}
