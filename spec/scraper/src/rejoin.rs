//! Identifiers the documents broke at a line end, which the export rejoined with a space
//! (`The available_zon es parameter …`): joined again in the spec's descriptions, titles and
//! error messages.
//!
//! Decided by the spec's own vocabulary, not by wording: two words separated by one space are
//! one identifier when joined they are a name the spec has (a field, a parameter, a key of an
//! example's JSON), the first alone is not, and the name is an identifier (it has an underscore
//! or a capital inside), so ordinary words are never glued.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::Spec;

/// Rejoins the broken identifiers of every text of `spec`; returns how many were joined.
pub fn identifiers(spec: &mut Spec) -> usize {
    let names = vocabulary(spec);
    if names.is_empty() {
        return 0;
    }
    let mut joined = 0;
    let mut fix = |text: &mut String| {
        if let Some((fixed, n)) = rejoin(text, &names) {
            *text = fixed;
            joined += n;
        }
    };
    for op in &mut spec.operations {
        fix(&mut op.description);
        for p in &mut op.params {
            fix(&mut p.description);
        }
        for r in &mut op.responses {
            fix(&mut r.description);
        }
    }
    for schema in spec.schemas.values_mut() {
        if let Some(d) = &mut schema.description {
            fix(d);
        }
        for f in &mut schema.fields {
            fix(&mut f.description);
        }
    }
    for e in &mut spec.error_codes {
        fix(&mut e.message);
        if let Some(s) = &mut e.solution {
            fix(s);
        }
    }
    joined
}

/// Whether a name is an identifier rather than a word: `a_b`, `camelCase`.
fn is_identifier(name: &str) -> bool {
    let ascii_word = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let inner_capital = name.char_indices().skip(1).any(|(i, c)| {
        c.is_ascii_uppercase() && name[..i].ends_with(|p: char| p.is_ascii_lowercase())
    });
    ascii_word && name.len() >= 4 && (name.contains('_') || inner_capital)
}

/// The identifiers the spec names: fields, parameters, and the keys of its examples' JSON.
fn vocabulary(spec: &Spec) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |n: &str| {
        if is_identifier(n) {
            names.insert(n.to_string());
        }
    };
    for op in &spec.operations {
        for p in &op.params {
            add(&p.name);
        }
        for e in &op.examples {
            if let Some(v) = e
                .json
                .as_deref()
                .and_then(|j| serde_json::from_str::<Value>(j).ok())
            {
                keys(&v, &mut add);
            }
        }
    }
    for schema in spec.schemas.values() {
        for f in &schema.fields {
            add(&f.name);
        }
    }
    names
}

fn keys(v: &Value, add: &mut impl FnMut(&str)) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                add(k);
                keys(v, add);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys(i, add)),
        _ => {}
    }
}

/// `text` with each `<a> <b>` whose join is a name (and `<a>` is not) joined; `None` when
/// nothing changed. Punctuation around the pair stays where it is.
fn rejoin(text: &str, names: &BTreeSet<String>) -> Option<(String, usize)> {
    fn core(w: &str) -> &str {
        w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    for (li, line) in text.split('\n').enumerate() {
        if li > 0 {
            out.push('\n');
        }
        let words: Vec<&str> = line.split(' ').collect();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            if i > 0 {
                out.push(' ');
            }
            if let Some(next) = words.get(i + 1) {
                let (a, b) = (core(w), core(next));
                // `a` ends the word (nothing after it), `b` starts its word.
                let glued = !a.is_empty()
                    && !b.is_empty()
                    && w.ends_with(a)
                    && next.starts_with(b)
                    && !names.contains(a)
                    && is_identifier(&format!("{a}{b}"))
                    && names.contains(&format!("{a}{b}"));
                if glued {
                    out.push_str(w);
                    out.push_str(next);
                    count += 1;
                    i += 2;
                    continue;
                }
            }
            out.push_str(w);
            i += 1;
        }
    }
    (count > 0).then_some((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn joins_an_identifier_broken_in_two() {
        let n = names(&["available_zones", "securityGroupId", "engine_version"]);
        assert_eq!(
            rejoin("The available_zon es parameter is invalid.", &n),
            Some(("The available_zones parameter is invalid.".into(), 1))
        );
        assert_eq!(
            rejoin("Check (available_zon es), and securityGro upId.", &n),
            Some(("Check (available_zones), and securityGroupId.".into(), 2))
        );
        // Words that are names, or whose join is none, stay apart.
        assert_eq!(rejoin("when engine_version is 4.0", &n), None);
        assert_eq!(rejoin("available zones", &names(&["availablezones"])), None);
    }

    #[test]
    fn ordinary_words_are_not_identifiers() {
        assert!(is_identifier("available_zones"));
        assert!(is_identifier("adminPass"));
        assert!(!is_identifier("instances"));
        assert!(!is_identifier("ID"));
        assert!(!is_identifier("a_b"));
    }
}
