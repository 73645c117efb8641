//! Schemas (models) and their fields, the error-code table, and the service block.

use std::collections::BTreeSet;

use apiref_spec::{ErrorCode, Schema};

use super::fields::{self, Site};
use super::view::{schema_key, ModelView};
use super::{code, Change, ChangeKind, Cx, RustClass, Subject};

/// Text shortened for a one-line report, quoted.
pub(super) fn quote_text(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = flat.chars().take(60).collect();
    let ellipsis = if short.len() < flat.len() { "…" } else { "" };
    format!("\"{}{ellipsis}\"", short.replace('"', "'"))
}

/// Every schema of either spec, by name.
pub(super) fn compare(cx: &Cx<'_>, out: &mut Vec<Change>) {
    let names: BTreeSet<&String> = cx.old.schemas.keys().chain(cx.new.schemas.keys()).collect();
    for name in names {
        let (o, n) = (cx.old.schemas.get(name), cx.new.schemas.get(name));
        let (mo, mn) = (
            cx.old_view.models.get(&schema_key(name)),
            cx.new_view.models.get(&schema_key(name)),
        );
        let rust = |m: Option<&ModelView>| m.map_or_else(|| name.clone(), |m| m.rust.clone());
        let mut push = |kind, detail: String, class, why: String| {
            out.push(Change {
                subject: Subject::Schema,
                kind,
                item: format!("`{name}`"),
                detail,
                rust: class,
                wire_breaking: false,
                why,
                old_source: o.map(|s| s.source.clone()),
                new_source: n.map(|s| s.source.clone()),
            });
        };
        match (o, n) {
            (Some(_), None) => push(
                ChangeKind::Removed,
                format!("{} fields", o.map_or(0, |s| s.fields.len())),
                RustClass::Breaking,
                format!("`models::{}` is gone", rust(mo)),
            ),
            (None, Some(s)) => push(
                ChangeKind::Added,
                format!("{} fields", s.fields.len()),
                RustClass::Additive,
                format!("new `models::{}`", rust(mn)),
            ),
            (Some(so), Some(sn)) => {
                model(name, mo, mn, &mut push);
                if so.description != sn.description {
                    push(
                        ChangeKind::Description,
                        "description changed".to_string(),
                        RustClass::Docs,
                        "doc comment".to_string(),
                    );
                }
                schema_fields(cx, name, (so, sn), (mo, mn), out);
            }
            (None, None) => {}
        }
    }
}

fn role(m: &ModelView) -> &'static str {
    match (m.request, m.response) {
        (true, true) => "request and response model",
        (true, false) => "request model",
        (false, true) => "response model",
        (false, false) => "model",
    }
}

/// The model's Rust name, role and derives.
fn model(
    name: &str,
    mo: Option<&ModelView>,
    mn: Option<&ModelView>,
    push: &mut impl FnMut(ChangeKind, String, RustClass, String),
) {
    let (Some(a), Some(b)) = (mo, mn) else {
        return;
    };
    if a.rust != b.rust {
        push(
            ChangeKind::RustName,
            format!("`models::{}` → `models::{}`", a.rust, b.rust),
            RustClass::Breaking,
            format!("the type of `{name}` has another name (a name collision)"),
        );
    }
    if let (Some(x), Some(y)) = (&a.builder, &b.builder) {
        if x != y {
            push(
                ChangeKind::RustName,
                format!("`models::{x}` → `models::{y}`"),
                RustClass::Breaking,
                format!("the builder of `{name}` has another name (a name collision)"),
            );
        }
    }
    if a.request != b.request || a.response != b.response {
        let retyped: Vec<String> = a
            .fields
            .iter()
            .filter(|(w, s)| b.fields.get(*w).is_some_and(|t| t.ty != s.ty))
            .map(|(w, s)| {
                format!(
                    "`{}: {}` → `{}`",
                    crate::ident::unraw(&s.rust),
                    s.ty,
                    b.fields[w].ty
                )
            })
            .collect();
        let (class, why) = if !retyped.is_empty() {
            (
                RustClass::Breaking,
                format!("field types change: {}", retyped.join(", ")),
            )
        } else if a.builder.is_some() != b.builder.is_some() {
            let how = |m: &ModelView| match &m.builder {
                Some(b) => format!("`{}::builder()` (`{b}`)", m.rust),
                None => format!("`{}::new()` and `with_*` setters", m.rust),
            };
            (
                RustClass::Breaking,
                format!("built with {} (was {})", how(b), how(a)),
            )
        } else {
            (
                RustClass::Docs,
                "the fields keep their types and the model how it is built".to_string(),
            )
        };
        push(
            ChangeKind::Role,
            format!("{} → {}", role(a), role(b)),
            class,
            why,
        );
    }
    if let Some((detail, class, why)) = derives(a, b) {
        push(ChangeKind::Derives, detail, class, why);
    }
}

/// The derived traits a caller may rely on (`Default`, `Eq`, and with the default features
/// `Serialize` and `Deserialize`, which follow the model's role), when they changed: what, the
/// class, why.
pub(super) fn derives(a: &ModelView, b: &ModelView) -> Option<(String, RustClass, String)> {
    let list = |m: &ModelView| {
        let mut d = Vec::new();
        if m.default {
            d.push("Default");
        }
        if m.eq {
            d.push("Eq");
        }
        if m.serialize {
            d.push("Serialize");
        }
        if m.deserialize {
            d.push("Deserialize");
        }
        d
    };
    let (da, db) = (list(a), list(b));
    if da == db {
        return None;
    }
    let lost: Vec<&str> = da.iter().filter(|d| !db.contains(d)).copied().collect();
    let gained: Vec<&str> = db.iter().filter(|d| !da.contains(d)).copied().collect();
    let (class, why) = if lost.is_empty() {
        (
            RustClass::Additive,
            format!("`models::{}` now derives {}", b.rust, gained.join(", ")),
        )
    } else {
        (
            RustClass::Breaking,
            format!("`models::{}` no longer derives {}", b.rust, lost.join(", ")),
        )
    };
    let shown = |d: &[&str]| {
        if d.is_empty() {
            "neither".to_string()
        } else {
            d.join(" + ")
        }
    };
    Some((format!("{} → {}", shown(&da), shown(&db)), class, why))
}

fn schema_fields(
    cx: &Cx<'_>,
    name: &str,
    (so, sn): (&Schema, &Schema),
    (mo, mn): (Option<&ModelView>, Option<&ModelView>),
    out: &mut Vec<Change>,
) {
    let mut wires: Vec<&str> = so.fields.iter().map(|f| f.name.as_str()).collect();
    wires.extend(
        sn.fields
            .iter()
            .map(|f| f.name.as_str())
            .filter(|w| !so.fields.iter().any(|f| f.name == *w)),
    );
    let role_changed = match (mo, mn) {
        (Some(a), Some(b)) => a.request != b.request || a.response != b.response,
        _ => false,
    };
    let owner = mn
        .or(mo)
        .map_or_else(|| name.to_string(), |m| m.rust.clone());
    for wire in wires {
        let site = Site {
            subject: Subject::Field,
            label: format!("`{name}.{wire}`"),
            owner: format!("models::{owner}"),
            old: mo.and_then(|m| m.fields.get(wire)),
            new: mn.and_then(|m| m.fields.get(wire)),
            request: mo.is_some_and(|m| m.request) || mn.is_some_and(|m| m.request),
            response: mo.is_some_and(|m| m.response) || mn.is_some_and(|m| m.response),
            arg: false,
            same_signature: true,
            role_changed,
            in_path: false,
        };
        let find = |s: &Schema| s.fields.iter().find(|f| f.name == wire).cloned();
        fields::compare(cx, &site, find(so).as_ref(), find(sn).as_ref(), out);
    }
}

/// The error-code table: codes added, removed, their variants, statuses and messages.
pub(super) fn error_codes(cx: &Cx<'_>, out: &mut Vec<Change>) {
    let mut seen = BTreeSet::new();
    let codes: Vec<&str> = cx
        .old
        .error_codes
        .iter()
        .chain(&cx.new.error_codes)
        .map(|e| e.code.trim())
        .filter(|c| seen.insert(*c))
        .collect();
    for c in codes {
        error_code(cx, c, out);
    }
}

/// One error code in either spec (its first listing).
fn error_code(cx: &Cx<'_>, c: &str, out: &mut Vec<Change>) {
    let find = |list: &[ErrorCode]| list.iter().find(|e| e.code.trim() == c).cloned();
    let (o, n) = (find(&cx.old.error_codes), find(&cx.new.error_codes));
    let (vo, vn) = (
        cx.old_view.error_variants.get(c),
        cx.new_view.error_variants.get(c),
    );
    let mut push = |kind, detail: String, class, why: String| {
        out.push(Change {
            subject: Subject::ErrorCode,
            kind,
            item: code(c),
            detail,
            rust: class,
            wire_breaking: false,
            why,
            old_source: o.as_ref().map(|e| e.source.clone()),
            new_source: n.as_ref().map(|e| e.source.clone()),
        });
    };
    let variant =
        |v: Option<&String>| format!("`error_codes::ErrorCode::{}`", v.map_or("", String::as_str));
    match (&o, &n) {
        (Some(e), None) => push(
            ChangeKind::Removed,
            format!("HTTP {}: {}", e.status, quote_text(&e.message)),
            RustClass::Breaking,
            format!("{} is gone", variant(vo)),
        ),
        (None, Some(e)) => push(
            ChangeKind::Added,
            format!("HTTP {}: {}", e.status, quote_text(&e.message)),
            RustClass::Additive,
            format!("new {}; the enum is non-exhaustive", variant(vn)),
        ),
        (Some(a), Some(b)) => {
            if vo != vn {
                push(
                    ChangeKind::RustName,
                    format!("{} → {}", variant(vo), variant(vn)),
                    RustClass::Breaking,
                    "the variant has another name (a name collision)".to_string(),
                );
            }
            if a.status != b.status || a.message != b.message || a.solution != b.solution {
                push(
                    ChangeKind::Status,
                    format!(
                        "HTTP {} {} → HTTP {} {}",
                        a.status,
                        quote_text(&a.message),
                        b.status,
                        quote_text(&b.message)
                    ),
                    RustClass::Docs,
                    "documented only (`status()` and `message()` return the new values)"
                        .to_string(),
                );
            }
        }
        (None, None) => {}
    }
}

/// The service block: client name, endpoint, and the documents the spec was built from.
pub(super) fn service(cx: &Cx<'_>, out: &mut Vec<Change>) {
    let (o, n) = (&cx.old.service, &cx.new.service);
    let mut push = |kind,
                    item: &str,
                    detail: String,
                    class,
                    wire,
                    why: &str,
                    sources: (Option<String>, Option<String>)| {
        out.push(Change {
            subject: Subject::Service,
            kind,
            item: item.to_string(),
            detail,
            rust: class,
            wire_breaking: wire,
            why: why.to_string(),
            old_source: sources.0,
            new_source: sources.1,
        });
    };
    if o.client_name() != n.client_name() || o.name != n.name {
        push(
            ChangeKind::RustName,
            "service",
            format!(
                "{} ({}) → {} ({})",
                code(&o.name),
                code(&o.client_name()),
                code(&n.name),
                code(&n.client_name())
            ),
            RustClass::Breaking,
            false,
            "the client type or the service's endpoint variable has another name",
            (None, None),
        );
    }
    if o.endpoint_template() != n.endpoint_template() {
        push(
            ChangeKind::Path,
            "endpoint",
            format!(
                "{} → {}",
                code(&o.endpoint_template()),
                code(&n.endpoint_template())
            ),
            RustClass::Docs,
            true,
            "`SERVICE.endpoint` changes; wire: the old client calls the old endpoint",
            (None, None),
        );
    }
    documents(cx, &mut push);
}

/// The documents the specs were built from: read now, or no longer.
fn documents(
    cx: &Cx<'_>,
    push: &mut impl FnMut(
        ChangeKind,
        &str,
        String,
        RustClass,
        bool,
        &str,
        (Option<String>, Option<String>),
    ),
) {
    let (o, n) = (&cx.old.service, &cx.new.service);
    let files = |s: &apiref_spec::Service| -> Vec<String> {
        s.sources.iter().map(|d| d.file.clone()).collect()
    };
    for d in &n.sources {
        if !files(o).contains(&d.file) {
            let date = d.updated.as_deref().unwrap_or("undated");
            push(
                ChangeKind::Documents,
                "documents",
                format!(
                    "read {} ({}, {}, {date})",
                    code(&d.file),
                    d.format,
                    d.language
                ),
                RustClass::Docs,
                false,
                "a document the new spec is built from",
                (None, Some(d.file.clone())),
            );
        }
    }
    for d in &o.sources {
        if !files(n).contains(&d.file) {
            push(
                ChangeKind::Documents,
                "documents",
                format!("no longer reads {}", code(&d.file)),
                RustClass::Docs,
                false,
                "a document the old spec was built from",
                (Some(d.file.clone()), None),
            );
        }
    }
}
