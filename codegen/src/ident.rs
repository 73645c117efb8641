//! Turning wire names into valid, unique Rust identifiers.
//!
//! Every identifier the generator emits goes through this module, so the rules live in one place:
//! only ASCII letters, digits and `_` survive; a leading digit gets a prefix (`_` for snake case,
//! a letter for types and variants); keywords become raw identifiers (`r#type`), or get a `_`
//! suffix when Rust has no raw form for them (`self_`, `SelfType`); and a [`Names`] registry
//! numbers the second of two names that collide after case conversion (`instance_id_2`).

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of every edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Replaces every character that cannot appear in an identifier by a word separator, so heck sees
/// `a.b`, `a-b` and `a b` as two words.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Makes `s` (already made of `[A-Za-z0-9_]`) safe as an identifier: raw form or `_` suffix
/// for keywords.
fn unkeyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        if s.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!("{s}Type")
        } else {
            format!("{s}_")
        }
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// `snake_case` for fields, parameters and methods. Empty names become `fallback`.
pub fn snake(raw: &str, fallback: &str) -> String {
    if is_plain_snake(raw) {
        return unkeyword(raw.to_string());
    }
    let mut s = ascii_words(raw).to_snake_case();
    if s.is_empty() {
        s = fallback.to_snake_case();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    unkeyword(s)
}

/// Already snake case as heck would write it (`instance_id`), so [`snake`] can skip heck: most
/// wire names are, and case conversion is most of the plan's time. Names with digits go to heck,
/// whose word breaks at digits differ between versions.
fn is_plain_snake(raw: &str) -> bool {
    raw.starts_with(|c: char| c.is_ascii_lowercase())
        && !raw.ends_with('_')
        && !raw.contains("__")
        && raw.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// `UpperCamelCase` for types and variants. A leading digit gets `digit_prefix` (`V1`, `E111`);
/// an empty name becomes `fallback`.
pub fn camel(raw: &str, digit_prefix: &str, fallback: &str) -> String {
    let mut s = ascii_words(raw).to_upper_camel_case();
    if s.is_empty() {
        s = fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("{digit_prefix}{s}");
    }
    unkeyword(s)
}

/// `SHOUTY_SNAKE_CASE` for constants.
pub fn shouty(raw: &str, fallback: &str) -> String {
    let mut s = ascii_words(raw).to_shouty_snake_case();
    if s.is_empty() {
        s = fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    unkeyword(s)
}

/// The name without its `r#` prefix, for building derived names (`with_type`) and strings.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A name derived from a snake-case `base` plus affixes, made safe again: `with_` + `_2fa` is
/// `with_2fa`, `type` + `_request` is `type_request`.
pub fn snake_join(prefix: &str, base: &str, suffix: &str) -> String {
    let base = unraw(base);
    let base = if prefix.is_empty() {
        base
    } else {
        base.trim_start_matches('_')
    };
    snake(&format!("{prefix}{base}{suffix}"), "value")
}

/// The token for an identifier produced by this module (`r#` prefix honoured).
///
/// Falls back to `_invalid` rather than panicking should a caller pass anything else.
pub fn ident(name: &str) -> Ident {
    let valid = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && s != "_"
    };
    match name.strip_prefix("r#") {
        Some(bare) if valid(bare) && !NOT_RAW.contains(&bare) => {
            Ident::new_raw(bare, Span::call_site())
        }
        None if valid(name) && !KEYWORDS.contains(&name) => Ident::new(name, Span::call_site()),
        _ => Ident::new("_invalid", Span::call_site()),
    }
}

/// The style of a numbered name when two names collide.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// `name_2`
    Snake,
    /// `Name2`
    Camel,
}

/// Names already used in one namespace; [`Names::claim`] hands out unused ones.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// A registry in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Names {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }

    /// `want` if free, else `want` numbered from 2 in `style`; the result is taken from now on.
    pub fn claim(&mut self, want: &str, style: Style) -> String {
        let base = unraw(want);
        if self.taken.insert(base.to_string()) {
            return want.to_string();
        }
        let mut n = 2usize;
        loop {
            let candidate = match style {
                Style::Snake => format!("{base}_{n}"),
                Style::Camel => format!("{base}{n}"),
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_snake_case_shortcut_agrees_with_heck() {
        let names = [
            "instance_id",
            "a",
            "ab_cd_ef",
            "type",
            "self",
            "x_y",
            "_x",
            "x_",
            "a__b",
            "aB",
            "a1",
            "v2_name",
            "az_codes",
        ];
        for name in names {
            let heck = super::unkeyword(super::ascii_words(name).to_snake_case());
            if super::is_plain_snake(name) {
                assert_eq!(super::snake(name, "f"), heck, "{name}");
            }
        }
        assert!(super::is_plain_snake("instance_id"));
        assert!(!super::is_plain_snake("v2_name"), "digits go to heck");
        assert!(!super::is_plain_snake("_x"));
    }

    use super::*;

    #[test]
    fn snake_case_handles_keywords_digits_dots_and_dashes() {
        assert_eq!(snake("type", "f"), "r#type");
        assert_eq!(snake("async", "f"), "r#async");
        assert_eq!(snake("self", "f"), "self_");
        assert_eq!(snake("Self", "f"), "self_");
        assert_eq!(snake("crate", "f"), "crate_");
        assert_eq!(snake("2fa_enabled", "f"), "_2fa_enabled");
        assert_eq!(snake("instance.id", "f"), "instance_id");
        assert_eq!(snake("X-Auth-Token", "f"), "x_auth_token");
        assert_eq!(snake("instanceId", "f"), "instance_id");
        assert_eq!(snake("", "field"), "field");
        assert_eq!(snake("密码", "field"), "field");
        assert_eq!(snake("_", "field"), "field");
    }

    #[test]
    fn camel_case_handles_digits_keywords_and_codes() {
        assert_eq!(camel("DCS.4001", "E", "Code"), "Dcs4001");
        assert_eq!(camel("111400002", "E", "Code"), "E111400002");
        assert_eq!(camel("4.0", "V", "Value"), "V40");
        assert_eq!(camel("Self", "V", "Value"), "SelfType");
        assert_eq!(camel("single-node", "V", "Value"), "SingleNode");
        assert_eq!(camel("", "V", "Empty"), "Empty");
        assert_eq!(camel("*", "V", "Empty"), "Empty");
    }

    #[test]
    fn shouty_constants() {
        assert_eq!(shouty("CopyInstance", "OP"), "COPY_INSTANCE");
        assert_eq!(shouty("3Things", "OP"), "_3THINGS");
        assert_eq!(shouty("Type", "OP"), "TYPE");
    }

    #[test]
    fn derived_names_are_safe_again() {
        assert_eq!(snake_join("with_", "r#type", ""), "with_type");
        assert_eq!(snake_join("with_", "_2fa", ""), "with_2fa");
        assert_eq!(snake_join("", "r#type", "_request"), "type_request");
        assert_eq!(snake_join("", "r#use", ""), "r#use");
    }

    #[test]
    fn registry_numbers_collisions() {
        let mut names = Names::with_reserved(&["Unknown"]);
        assert_eq!(names.claim("Unknown", Style::Camel), "Unknown2");
        assert_eq!(names.claim("Redis", Style::Camel), "Redis");
        assert_eq!(names.claim("Redis", Style::Camel), "Redis2");
        let mut fields = Names::default();
        assert_eq!(fields.claim("instance_id", Style::Snake), "instance_id");
        assert_eq!(fields.claim("instance_id", Style::Snake), "instance_id_2");
        assert_eq!(fields.claim("r#type", Style::Snake), "r#type");
        assert_eq!(fields.claim("r#type", Style::Snake), "type_2");
        assert!(fields.is_taken("type"));
    }

    #[test]
    fn every_output_is_a_valid_identifier() {
        let weird = [
            "",
            " ",
            "_",
            "__",
            "0",
            "-1",
            "a.b-c d",
            "Ünïcode",
            "self",
            "Self",
            "super",
            "crate",
            "r#x",
            "fn",
            "gen",
            "try",
            "loop",
            "x__y",
            "123abc",
            "ABC",
            "aBC",
            "😀",
            "9-9",
        ];
        for w in weird {
            for s in [
                snake(w, "field"),
                camel(w, "V", "Value"),
                shouty(w, "CONST"),
            ] {
                let id = ident(&s);
                assert_ne!(id.to_string(), "_invalid", "{w:?} gave {s:?}");
                assert!(
                    syn::parse_str::<syn::Ident>(&id.to_string()).is_ok(),
                    "{w:?} → {s:?}"
                );
            }
        }
    }

    #[test]
    fn ident_never_panics_on_garbage() {
        for s in ["", "r#", "r#self", "1x", "a b", "fn", "_"] {
            assert_eq!(ident(s).to_string(), "_invalid", "{s:?}");
        }
    }
}
