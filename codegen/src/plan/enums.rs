//! Enums for enumerated fields: where they sit, which fields share one, and their names.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::{Field, Location, Operation, Spec, TypeRef};

use super::graph::innermost;
use super::EnumDef;
use crate::ident::{camel, unraw, Names, Style};

/// Where an enumerated field sits: (owner key, index in its field list).
pub(super) type SiteKey = (String, usize);

/// An enumerated field or parameter.
pub(super) struct Site<'a> {
    key: SiteKey,
    /// The Rust name of the type (or operation) holding it, prefixing the enum's name when it
    /// is not shared.
    owner: String,
    field: &'a Field,
    int: bool,
    values: Vec<String>,
}

/// Whether the field becomes an enum, and of which kind (`Some(true)` for integers).
fn enum_kind(field: &Field) -> Option<bool> {
    if field.enum_values.is_empty() {
        return None;
    }
    match innermost(&field.type_ref().ok()?) {
        TypeRef::String => Some(false),
        TypeRef::Integer | TypeRef::Long => field
            .enum_values
            .iter()
            .all(|v| v.trim().parse::<i64>().is_ok())
            .then_some(true),
        _ => None,
    }
}

/// Every enumerated field, in a fixed order: schema fields, then operation parameters.
pub(super) fn sites<'a>(
    spec: &'a Spec,
    schemas: &[&str],
    type_names: &BTreeMap<String, String>,
    ops: &[&'a Operation],
    query_names: &BTreeMap<&str, String>,
) -> Vec<Site<'a>> {
    let mut sites = Vec::new();
    for name in schemas {
        let Some(schema) = spec.schemas.get(*name) else {
            continue;
        };
        let owner = type_names.get(*name).cloned().unwrap_or_default();
        for (i, f) in schema.fields.iter().enumerate() {
            if let Some(int) = enum_kind(f) {
                sites.push(Site {
                    key: (format!("schema:{name}"), i),
                    owner: owner.clone(),
                    field: f,
                    int,
                    values: f.enum_values.clone(),
                });
            }
        }
    }
    for op in ops {
        for (i, p) in op.params.iter().enumerate() {
            let Some(int) = enum_kind(p) else { continue };
            let owner = match (p.location, query_names.get(op.name.as_str())) {
                (Some(Location::Query), Some(q)) => q.clone(),
                _ => unraw(&camel(&op.name, "Op", "Operation")).to_string(),
            };
            sites.push(Site {
                key: (format!("op:{}", op.name), i),
                owner,
                field: p,
                int,
                values: p.enum_values.clone(),
            });
        }
    }
    sites
}

/// One enum per group of sites with the same field name, kind and set of values; the enum of
/// each site.
pub(super) fn plan_enums(
    sites: &[Site<'_>],
    types: &mut Names,
) -> (Vec<EnumDef>, BTreeMap<SiteKey, String>) {
    let mut groups: Vec<(String, bool, BTreeSet<String>, Vec<usize>)> = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        let field = unraw(&camel(&s.field.name, "V", "Value")).to_string();
        let set: BTreeSet<String> = s.values.iter().cloned().collect();
        match groups
            .iter_mut()
            .find(|g| g.0 == field && g.1 == s.int && g.2 == set)
        {
            Some(g) => g.3.push(i),
            None => groups.push((field, s.int, set, vec![i])),
        }
    }
    let mut per_field: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &groups {
        *per_field.entry(g.0.as_str()).or_default() += 1;
    }
    let mut enums = Vec::new();
    let mut enum_of = BTreeMap::new();
    for (field, int, _, members) in &groups {
        let first = &sites[members[0]];
        // A name shared by several sites only when no other enum wants the same field name.
        let shared = members.len() > 1 && per_field.get(field.as_str()) == Some(&1);
        let want = if shared && !types.is_taken(field) && field != "Unknown" {
            field.clone()
        } else {
            format!("{}{}", unraw(&first.owner), field)
        };
        let rust = types.claim(&want, Style::Camel);
        let mut site_names = Vec::new();
        for &m in members {
            enum_of.insert(sites[m].key.clone(), rust.clone());
            site_names.push(format!("{}.{}", sites[m].owner, sites[m].field.name));
        }
        enums.push(EnumDef {
            rust,
            int: *int,
            variants: variants(&first.values, *int),
            description: first.field.description.clone(),
            sites: site_names,
        });
    }
    (enums, enum_of)
}

/// (variant, wire value) per listed value, in first-listed order; `Unknown` stays free for
/// unlisted values.
fn variants(values: &[String], int: bool) -> Vec<(String, String)> {
    let mut names = Names::with_reserved(&["Unknown"]);
    let mut variants = Vec::new();
    let mut seen = BTreeSet::new();
    for v in values {
        // The canonical wire value: duplicates would make unreachable match arms.
        let (want, wire) = if int {
            let n: i64 = v.trim().parse().unwrap_or_default();
            let want = if n < 0 {
                format!("VMinus{}", n.unsigned_abs())
            } else {
                format!("V{n}")
            };
            (want, n.to_string())
        } else {
            (camel(v, "V", "Empty"), v.trim().to_string())
        };
        if seen.insert(wire.clone()) {
            variants.push((names.claim(&want, Style::Camel), wire));
        }
    }
    variants
}
