//! Enumerations, defaults and ranges stated in descriptions: `Enumeration values:` / `Options:`
//! followed by bullets, `Default: rdb`, `Default value: 1.`, `Value range: 1 to 100`,
//! `Minimum: 1` / `Maximum: 1024` (lengths for strings, bounds for numbers).

use crate::model::TypeRef;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub enum_values: Vec<String>,
    pub default: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

fn after<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels
        .iter()
        .find_map(|l| line.strip_prefix(l))
        .map(|r| r.trim().trim_end_matches('.').trim())
}

fn number(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches('.');
    let word = s.split_whitespace().next()?;
    word.trim_end_matches(['.', ',', ';']).parse().ok()
}

/// `1 to 100`, `1–7`, `1-7` (the first numbers of the text).
fn range(s: &str) -> Option<(f64, f64)> {
    let s = s.replace(['–', '~'], " to ");
    let s = s.replacen(" to ", "\u{0}", 1);
    let (a, b) = match s.split_once('\u{0}') {
        Some(p) => p,
        None => {
            // `1-7`: a hyphen between digits.
            let (a, b) = s.split_once('-')?;
            (a, b)
        }
    };
    Some((number(a)?, number(b)?))
}

/// The value a bullet line names: `● aof` → `aof`, `● auto: automatic backup.` → `auto`.
fn bullet_value(line: &str) -> Option<String> {
    let rest = line.strip_prefix('●')?.trim();
    let value = match rest.split_once(':') {
        Some((v, _)) => v.trim(),
        None => rest.trim_end_matches('.'),
    };
    // Some values are printed in bold markdown (`**auto**: automatically reconnect`).
    let value = value.trim_matches('*');
    let single = !value.is_empty() && !value.contains(' ');
    single.then(|| value.to_string())
}

/// Reads the constraints of a field of type `ty` from its description.
pub fn extract(desc: &str, ty: &TypeRef) -> Constraints {
    let mut c = Constraints::default();
    let is_string = matches!(ty, TypeRef::String);
    let is_numeric = matches!(
        ty,
        TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double | TypeRef::Number
    );
    let lines: Vec<&str> = desc.lines().map(str::trim).collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(rest) = after(line, &["Enumeration values:", "Options:"]) {
            if rest.is_empty() {
                while i < lines.len() {
                    match bullet_value(lines[i]) {
                        Some(v) => c.enum_values.push(v),
                        None if lines[i].starts_with('●') => {}
                        None => break,
                    }
                    i += 1;
                }
            } else if let Some(vals) = inline_options(rest) {
                c.enum_values.extend(vals);
            }
            continue;
        }
        if let Some(rest) = after(line, &["Default value:", "Default:"]) {
            if c.default.is_none() && !rest.is_empty() {
                c.default = Some(rest.to_string());
            }
            continue;
        }
        if let Some(rest) = after(line, &["Value range:"]) {
            if let Some((lo, hi)) = range(rest) {
                set_bounds(&mut c, Some(lo), Some(hi), is_string, is_numeric);
            }
            continue;
        }
        if let Some(rest) = after(line, &["Minimum value:", "Minimum:"]) {
            set_bounds(&mut c, number(rest), None, is_string, is_numeric);
            continue;
        }
        if let Some(rest) = after(line, &["Maximum value:", "Maximum:"]) {
            set_bounds(&mut c, None, number(rest), is_string, is_numeric);
        }
    }
    c
}

/// `Redis or Memcached` → both; only when every option is one word.
fn inline_options(rest: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = rest
        .split([','])
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_end_matches('.').to_string())
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() > 1 && parts.iter().all(|p| !p.contains(' '))).then_some(parts)
}

fn set_bounds(
    c: &mut Constraints,
    lo: Option<f64>,
    hi: Option<f64>,
    is_string: bool,
    is_numeric: bool,
) {
    if is_string {
        if let Some(lo) = lo.filter(|v| *v >= 0.0 && v.fract() == 0.0) {
            c.min_length = Some(lo as u64);
        }
        if let Some(hi) = hi.filter(|v| *v >= 0.0 && v.fract() == 0.0) {
            c.max_length = Some(hi as u64);
        }
    } else if is_numeric {
        if lo.is_some() {
            c.minimum = lo;
        }
        if hi.is_some() {
            c.maximum = hi;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumeration_bullets() {
        let c = extract(
            "Format of the DCS instance backup.\nEnumeration values:\n● aof\n● rdb",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["aof", "rdb"]);
    }

    #[test]
    fn options_with_explanations() {
        let c = extract("Backup type.\nOptions:\n● auto: automatic backup.\n● manual: manual backup.\nThe default value is manual.", &TypeRef::String);
        assert_eq!(c.enum_values, vec!["auto", "manual"]);
        let c = extract(
            "Cache engine.\nOptions: Redis or Memcached.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["Redis", "Memcached"]);
        let c = extract("Reconnection mode.\nEnumeration values:\n● **auto**: automatically reconnect\n● **manual**: manually reconnect", &TypeRef::String);
        assert_eq!(c.enum_values, vec!["auto", "manual"]);
    }

    #[test]
    fn default_and_range() {
        let c = extract(
            "Number of instances.\nDefault value: 1.\nValue range: 1 to 100\nDefault: 1",
            &TypeRef::Integer,
        );
        assert_eq!(c.default.as_deref(), Some("1"));
        assert_eq!((c.minimum, c.maximum), (Some(1.0), Some(100.0)));
        let c = extract("Retention period.\nValue range: 1–7.", &TypeRef::Integer);
        assert_eq!((c.minimum, c.maximum), (Some(1.0), Some(7.0)));
    }

    #[test]
    fn string_bounds_are_lengths() {
        let c = extract("Error message.\nMaximum: 1024", &TypeRef::String);
        assert_eq!((c.max_length, c.maximum), (Some(1024), None));
        let c = extract("Offset.\nMinimum: 0\nMaximum: 100", &TypeRef::Integer);
        assert_eq!((c.minimum, c.maximum), (Some(0.0), Some(100.0)));
    }
}
