//! Which fields hold secrets and must print as `** redacted **` in `Debug`.
//!
//! The spec's `sensitive` flag decides when present. Otherwise only text fields can be secret, and
//! a field is when a word of its name is a secret's name (`password`, `new_pwd`, `secret_key`,
//! `auth_token`) and no word marks it as a setting *about* the secret (`no_password_access`,
//! `password_policy`, `token_expire_time`), or when its description's first sentence calls it a
//! password.

use apiref_spec::{Field, TypeRef};

use crate::ident::snake;

const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "credential",
    "credentials",
    "sk",
    "privatekey",
];
const SECRET_PAIRS: &[(&str, &str)] =
    &[("private", "key"), ("secret", "key"), ("access", "secret")];
const ABOUT_WORDS: &[&str] = &[
    "no",
    "free",
    "enable",
    "enabled",
    "is",
    "has",
    "type",
    "policy",
    "mode",
    "length",
    "expire",
    "expires",
    "expired",
    "expiration",
    "rule",
    "rules",
    "strength",
    "changed",
    "status",
    "time",
    "at",
    "count",
    "num",
    "id",
    "name",
    "url",
    "hint",
    "required",
    "set",
];

/// Whether `field` is a secret.
pub fn is_sensitive(field: &Field) -> bool {
    if let Some(flag) = field.sensitive {
        return flag;
    }
    let texty = match field.type_ref() {
        Ok(TypeRef::String) => true,
        Ok(TypeRef::Array(inner)) => *inner == TypeRef::String,
        _ => false,
    };
    if !texty || !field.enum_values.is_empty() {
        return false;
    }
    let name = snake(&field.name, "");
    let words: Vec<&str> = name
        .trim_start_matches("r#")
        .split('_')
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| ABOUT_WORDS.contains(w)) {
        return false;
    }
    if words.iter().any(|w| SECRET_WORDS.contains(w)) {
        return true;
    }
    if words
        .windows(2)
        .any(|p| SECRET_PAIRS.contains(&(p[0], p[1])))
    {
        return true;
    }
    description_names_a_password(&field.description)
}

/// Whether the description's first sentence is the name of a password: "Password.", "Password of
/// the instance.", "Account password." — not "Password change result." or "Number of remaining
/// password attempts.".
fn description_names_a_password(description: &str) -> bool {
    let first = description
        .split(['.', '\n', ',', ';'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let words: Vec<&str> = first
        .split_whitespace()
        .filter(|w| !["the", "a", "an"].contains(w))
        .collect();
    let ends_phrase =
        |next: Option<&&str>| next.map_or(true, |w| ["of", "for", "used", "to"].contains(w));
    match words.iter().position(|w| *w == "password") {
        Some(at @ (0 | 1)) => ends_phrase(words.get(at + 1)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: &str, description: &str) -> Field {
        Field {
            name: name.into(),
            ty: ty.into(),
            required: true,
            description: description.into(),
            source: "doc:1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn names_of_secrets() {
        for name in [
            "password",
            "new_password",
            "oldPassword",
            "pwd",
            "secret_key",
            "auth_token",
            "SK",
            "user_passwd",
        ] {
            assert!(is_sensitive(&field(name, "string", "")), "{name}");
        }
    }

    #[test]
    fn settings_about_secrets_are_not_secrets() {
        for name in [
            "no_password_access",
            "password_policy",
            "token_expire_time",
            "instance_name",
            "access_key_id",
            "secret_id",
        ] {
            assert!(!is_sensitive(&field(name, "string", "")), "{name}");
        }
        assert!(!is_sensitive(&field("password", "boolean", "")));
        assert!(!is_sensitive(&field("password", "integer", "")));
    }

    #[test]
    fn descriptions_and_overrides() {
        assert!(is_sensitive(&field(
            "auth",
            "string",
            "Password of the instance. 8 to 64 characters."
        )));
        assert!(!is_sensitive(&field(
            "auth_free",
            "string",
            "Whether password-free access is enabled."
        )));
        let mut f = field("password", "string", "");
        f.sensitive = Some(false);
        assert!(!is_sensitive(&f));
        let mut f = field("remark", "string", "");
        f.sensitive = Some(true);
        assert!(is_sensitive(&f));
    }
}
