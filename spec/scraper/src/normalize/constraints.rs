//! Enumerations, defaults and ranges stated in descriptions: `Enumeration values:` / `Options:`
//! followed by bullets (also at the end of a sentence: `… monthly. Options:`) or by a line listing
//! them (`Options:` / `ACTIVE, BUILD, and ERROR`), values in prose (`The value can be ssh or
//! x509.`), bullets that each explain one value without a label (`● SUCCESS: the task
//! succeeded.`), `Default: rdb`, `Default value: 1.`, `Value range: 1 to 100`, `Minimum: 1` /
//! `Maximum: 1024` (lengths for strings, bounds for numbers).

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
    // Values in prose count only where no label lists them.
    let mut prose = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(rest) = enum_label(line) {
            if rest.is_empty() {
                // The values on the next line, listed in one sentence (not a bullet).
                let listed = lines
                    .get(i)
                    .filter(|l| !l.starts_with('●'))
                    .and_then(|l| inline_options(l));
                if let Some(vals) = listed {
                    c.enum_values.extend(vals);
                    i += 1;
                    continue;
                }
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
        if prose.is_empty() {
            prose = prose_values(line).unwrap_or_default();
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
    if c.enum_values.is_empty() {
        c.enum_values = prose;
    }
    if c.enum_values.is_empty() {
        c.enum_values = explained_bullets(&lines);
    }
    let mut seen = std::collections::HashSet::new();
    c.enum_values.retain(|v| seen.insert(v.clone()));
    c
}

/// Labels that introduce the allowed values.
const ENUM_LABELS: [&str; 5] = [
    "Enumeration values:",
    "Options:",
    "Value options:",
    "Possible values:",
    "Available values:",
];

/// What follows an enumeration label, at the start of the line or ending its last sentence.
fn enum_label(line: &str) -> Option<&str> {
    if let Some(rest) = after(line, &ENUM_LABELS) {
        return Some(rest);
    }
    ENUM_LABELS
        .iter()
        .find(|l| {
            line.ends_with(*l)
                && line[..line.len() - l.len()]
                    .trim_end()
                    .ends_with(['.', ':'])
        })
        .map(|_| "")
}

/// `The value can be ssh or x509.`, `The value can be true or false.`, `The value is 4 or 6.`:
/// a sentence offering values, each one word.
fn prose_values(line: &str) -> Option<Vec<String>> {
    const LEADS: [&str; 6] = [
        "The value can be ",
        "The value can only be ",
        "The value is ",
        "Its value can be ",
        "The value of this parameter can be ",
        "The value of this parameter is ",
    ];
    LEADS.iter().find_map(|lead| {
        let at = line.find(lead)?;
        let sentence = line[at + lead.len()..]
            .split(". ")
            .next()?
            .trim_end_matches('.');
        let sentence = sentence.strip_prefix("either ").unwrap_or(sentence);
        (sentence.contains(" or ") || sentence.contains(", ")).then_some(())?;
        let vals = inline_options(&sentence.replace(", or ", ", "))?;
        vals.iter()
            .all(|v| {
                !v.is_empty()
                    && v.chars()
                        .all(|c| c.is_alphanumeric() || "-_.:`'\"".contains(c))
            })
            .then(|| {
                vals.into_iter()
                    .map(|v| v.trim_matches(['`', '\'', '"']).to_string())
                    .collect()
            })
    })
}

/// Values explained one per bullet without a label: `● SUCCESS: The task succeeded.` then
/// `● FAIL: The task failed.`. Only when the description's bullets are one run of two or more,
/// each starting with a single word, a colon and a space: a bullet that is a sentence makes the
/// run prose, and bullets interrupted by text describe parts of something else (the pieces of a
/// format, one per bullet).
fn explained_bullets(lines: &[&str]) -> Vec<String> {
    let Some(start) = lines.iter().position(|l| l.starts_with('●')) else {
        return Vec::new();
    };
    let run: Vec<&str> = lines[start..]
        .iter()
        .take_while(|l| l.starts_with('●'))
        .copied()
        .collect();
    let bullets = lines.iter().filter(|l| l.starts_with('●')).count();
    if bullets != run.len() {
        return Vec::new();
    }
    let values: Vec<String> = run
        .iter()
        .filter_map(|l| {
            let rest = l.strip_prefix('●')?.trim();
            let (value, explanation) = rest.split_once(": ")?;
            let value = value.trim().trim_matches('*');
            let word = !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_.".contains(c));
            (word && !explanation.trim().is_empty()).then(|| value.to_string())
        })
        .collect();
    // `● true: …` / `● false: …` explain a flag that is typed as text: the server may as well
    // send a JSON boolean, which the field's lenient reader takes and an enumeration would not.
    let flag = values
        .iter()
        .all(|v| v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"));
    if values.len() >= 2 && values.len() == run.len() && !flag {
        values
    } else {
        Vec::new()
    }
}

/// `Redis or Memcached` → both, `A, B, and C` → the three; only when every option is one word.
fn inline_options(rest: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = rest
        .split([','])
        .flat_map(|p| p.split(" or "))
        .map(|p| {
            let p = p.trim();
            let p = p
                .strip_prefix("and ")
                .or_else(|| p.strip_prefix("or "))
                .unwrap_or(p);
            p.trim().trim_end_matches('.').to_string()
        })
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
    fn values_at_the_end_of_a_sentence_and_in_prose() {
        let c = extract(
            "Whether to renew automatically. This parameter is mandatory when the billing mode is yearly/ monthly. Options:\n● false: Do not renew.\n● true: Renew.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["false", "true"]);
        let c = extract(
            "Specifies the key type. The value can be ssh or x509.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["ssh", "x509"]);
        let c = extract(
            "The IP version. The value of this parameter can be 4 or 6.",
            &TypeRef::Integer,
        );
        assert_eq!(c.enum_values, vec!["4", "6"]);
        let c = extract("The value can be `a`, `b`, or `c`.", &TypeRef::String);
        assert_eq!(c.enum_values, vec!["a", "b", "c"]);
        let c = extract(
            "The value can be any string of up to 64 characters.",
            &TypeRef::String,
        );
        assert!(c.enum_values.is_empty());
        // A labelled list after the prose: one list, each value once.
        let c = extract(
            "Sort key. The value can be start_time or duration.\nEnumeration values:\n● start_time\n● duration\n● start_time",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["start_time", "duration"]);
    }

    #[test]
    fn values_listed_on_the_line_after_the_label() {
        let c = extract(
            "Specifies the server state.\nOptions:\nUP, STARTING, and BROKEN\nFor details, see Server States.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["UP", "STARTING", "BROKEN"]);
        let c = extract("Power state.\nOptions: 0, 1, 2, and 4", &TypeRef::Integer);
        assert_eq!(c.enum_values, vec!["0", "1", "2", "4"]);
        // A sentence after the label is not a list of values.
        let c = extract(
            "Mode.\nOptions:\nSee the table of modes, or ask support.",
            &TypeRef::String,
        );
        assert!(c.enum_values.is_empty(), "{:?}", c.enum_values);
    }

    #[test]
    fn bullets_explaining_one_value_each_without_a_label() {
        let c = extract(
            "Specifies the task status.\n● SUCCESS: indicates the task is successfully executed.\n● RUNNING: indicates that the task is in progress.\n● FAIL: indicates that the task failed.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["SUCCESS", "RUNNING", "FAIL"]);
        let c = extract(
            "State of the export.\n● queued: waiting for a worker\n● **done**: the file is ready\nKept for 7 days.",
            &TypeRef::String,
        );
        assert_eq!(c.enum_values, vec!["queued", "done"]);
    }

    #[test]
    fn bullets_that_are_not_values() {
        for desc in [
            // The parts of a format, the list interrupted by text.
            "In the format {kind}:{size}.\n● kind: the disk kind.\nOnly SSD for now.\n● size: the size in GB.",
            // One bullet is a sentence.
            "Login.\n● Linux: a key pair.\n● For Windows ECSs, a password.",
            // A single bullet.
            "Tag.\n● env: the environment.",
            // A flag typed as text.
            "Whether it is shared.\n● true: shared.\n● false: private.",
            // An example of settings, not values.
            "Per AZ.\n● cond:operation:status: abandon\n● cond:operation:az: az0(normal)",
        ] {
            let c = extract(desc, &TypeRef::String);
            assert!(c.enum_values.is_empty(), "{desc}: {:?}", c.enum_values);
        }
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
