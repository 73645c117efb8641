//! The schema registry: identical tables under one name become one schema; a different table
//! under a taken name gets a distinct name (prefixed with its operation's name).

use std::collections::BTreeMap;

use crate::model::{Field, Schema};

#[derive(Debug, Default)]
pub struct Registry {
    pub schemas: BTreeMap<String, Schema>,
}

/// What makes two tables the same model: field names, types and whether they are required.
fn shape(s: &Schema) -> Vec<(&str, &str, bool)> {
    s.fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.as_str(), f.required))
        .collect()
}

/// The outcome of registering a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// Stored under the preferred name, or found identical to the schema already there.
    Preferred(String),
    /// The preferred name held a different table; stored under another name.
    Renamed(String),
}

impl Registered {
    pub fn name(&self) -> &str {
        match self {
            Registered::Preferred(n) | Registered::Renamed(n) => n,
        }
    }
}

impl Registry {
    /// Registers `schema` as `preferred`, else `prefix + preferred`, else with a number.
    pub fn register(&mut self, preferred: &str, prefix: &str, schema: Schema) -> Registered {
        let prefixed = if preferred.starts_with(prefix) {
            preferred.to_string()
        } else {
            format!("{prefix}{preferred}")
        };
        let mut candidates = vec![preferred.to_string(), prefixed.clone()];
        candidates.extend((2..).take(50).map(|n| format!("{prefixed}{n}")));
        for (k, name) in candidates.iter().enumerate() {
            match self.schemas.get(name) {
                Some(existing) if shape(existing) == shape(&schema) => {
                    return if k == 0 {
                        Registered::Preferred(name.clone())
                    } else {
                        Registered::Renamed(name.clone())
                    };
                }
                Some(_) => continue,
                None => {
                    self.schemas.insert(name.clone(), schema);
                    return if k == 0 {
                        Registered::Preferred(name.clone())
                    } else {
                        Registered::Renamed(name.clone())
                    };
                }
            }
        }
        // Fifty different tables under one name: keep the last candidate (never reached in the
        // reference; the name stays unique because the loop above only skips taken names).
        let name = format!("{prefixed}X");
        self.schemas.insert(name.clone(), schema);
        Registered::Renamed(name)
    }
}

/// Rewrites references to schema `from` in a type string to `to`.
pub fn rename_in_type(ty: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(ty.len());
    let mut word = String::new();
    for ch in ty.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            word.push(ch);
        } else {
            out.push_str(if word == from { to } else { &word });
            word.clear();
            out.push(ch);
        }
    }
    out.push_str(if word == from { to } else { &word });
    out
}

/// Applies [`rename_in_type`] to every field.
pub fn rename_fields(fields: &mut [Field], from: &str, to: &str) {
    for f in fields {
        f.ty = rename_in_type(&f.ty, from, to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(fields: &[(&str, &str)]) -> Schema {
        Schema {
            description: None,
            fields: fields
                .iter()
                .map(|(n, t)| Field {
                    name: n.to_string(),
                    ty: t.to_string(),
                    source: "f:1".into(),
                    ..Default::default()
                })
                .collect(),
            source: "f:1".into(),
        }
    }

    #[test]
    fn identical_tables_share_a_name_and_different_ones_do_not() {
        let mut r = Registry::default();
        let tag = schema(&[("key", "string"), ("value", "string")]);
        assert_eq!(
            r.register("ResourceTag", "CreateInstance", tag.clone()),
            Registered::Preferred("ResourceTag".into())
        );
        assert_eq!(
            r.register("ResourceTag", "ListInstances", tag),
            Registered::Preferred("ResourceTag".into())
        );
        let other = schema(&[("key", "string")]);
        assert_eq!(
            r.register("ResourceTag", "ListTags", other),
            Registered::Renamed("ListTagsResourceTag".into())
        );
        assert_eq!(r.schemas.len(), 2);
    }

    #[test]
    fn renames_whole_words_only() {
        assert_eq!(rename_in_type("array<Tag>", "Tag", "XTag"), "array<XTag>");
        assert_eq!(
            rename_in_type("array<TagList>", "Tag", "XTag"),
            "array<TagList>"
        );
    }
}
