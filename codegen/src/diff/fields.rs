//! The changes of one field of a model or one parameter of an operation: added, removed, required
//! flag, type, enum values, default, range, description, and Rust names or types that changed
//! with no change of the item itself.

use std::collections::BTreeSet;

use apiref_spec::{Field, TypeRef};

use super::view::Slot;
use super::wire;
use super::{code, Change, ChangeKind, Cx, RustClass, Subject};

/// Where a field sits: what it is called, how each client holds it, who sends or reads it.
pub(super) struct Site<'a> {
    pub subject: Subject,
    /// The item, in Markdown.
    pub label: String,
    /// What holds it in Rust: `models::X` for a model field, `DcsClient::list_instances` for an
    /// argument.
    pub owner: String,
    /// The field or argument in the old and the new client (`None`: not there, or not part of
    /// the API, like a header the runtime sets).
    pub old: Option<&'a Slot>,
    pub new: Option<&'a Slot>,
    /// The caller sends it: a field of a request model, or an argument.
    pub request: bool,
    /// The caller reads it: a field of a response model.
    pub response: bool,
    /// A positional argument: adding or removing it changes the method's signature, unless
    /// [`Site::same_signature`] (a path parameter renamed).
    pub arg: bool,
    /// For arguments: the method takes the same argument types as before.
    pub same_signature: bool,
    /// The model's role changed: the type changes it causes are reported with the model.
    pub role_changed: bool,
    /// A path parameter: whether its placeholder changes the request on the wire is the path's
    /// change, reported with the operation.
    pub in_path: bool,
}

impl Site<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Change>,
        kind: ChangeKind,
        detail: String,
        rust: RustClass,
        wire_breaking: bool,
        why: Vec<String>,
        sources: (Option<&Field>, Option<&Field>),
    ) {
        out.push(Change {
            subject: self.subject,
            kind,
            item: self.label.clone(),
            detail,
            rust,
            wire_breaking,
            why: why.join("; "),
            old_source: sources.0.map(|f| f.source.clone()),
            new_source: sources.1.map(|f| f.source.clone()),
        });
    }

    fn rust_path(&self, slot: &Slot) -> String {
        let name = crate::ident::unraw(&slot.rust);
        if self.arg {
            format!("`{}` argument `{name}`", self.owner)
        } else {
            format!("`{}::{name}`", self.owner)
        }
    }
}

/// The changes of one field: `old` and `new` are the spec's items (`None` when absent).
pub(super) fn compare(
    cx: &Cx<'_>,
    site: &Site<'_>,
    old: Option<&Field>,
    new: Option<&Field>,
    out: &mut Vec<Change>,
) {
    match (old, new) {
        (None, Some(n)) => added(site, n, out),
        (Some(o), None) => removed(site, o, out),
        (Some(o), Some(n)) => changed(cx, site, o, n, out),
        (None, None) => {}
    }
}

fn added(site: &Site<'_>, f: &Field, out: &mut Vec<Change>) {
    let required = if f.required { "required" } else { "optional" };
    let detail = format!("{required}, {}", code(&f.ty));
    let wire_breaking = site.request && f.required && !site.in_path;
    let mut why = Vec::new();
    let rust = match site.new {
        None => {
            why.push("not part of the generated API".to_string());
            RustClass::Docs
        }
        Some(slot) if site.arg && site.same_signature => {
            why.push(format!(
                "{} renamed: same positions and types",
                site.rust_path(slot)
            ));
            RustClass::Docs
        }
        Some(slot) if site.arg => {
            why.push(format!("new {}: {}", site.rust_path(slot), code(&slot.ty)));
            RustClass::Breaking
        }
        Some(slot) if site.request && f.required => {
            why.push(format!(
                "{} must now be set: building the request without it fails",
                site.rust_path(slot)
            ));
            RustClass::Breaking
        }
        Some(slot) => {
            why.push(format!("new {}: {}", site.rust_path(slot), code(&slot.ty)));
            RustClass::Additive
        }
    };
    if wire_breaking {
        why.push("wire: the old client does not send it".to_string());
    }
    site.push(
        out,
        ChangeKind::Added,
        detail,
        rust,
        wire_breaking,
        why,
        (None, Some(f)),
    );
}

fn removed(site: &Site<'_>, f: &Field, out: &mut Vec<Change>) {
    let detail = format!(
        "was {}, {}",
        if f.required { "required" } else { "optional" },
        code(&f.ty)
    );
    let (rust, why) = match site.old {
        None => (
            RustClass::Docs,
            "was not part of the generated API".to_string(),
        ),
        Some(slot) if site.arg && site.same_signature => (
            RustClass::Docs,
            format!("{} renamed: same positions and types", site.rust_path(slot)),
        ),
        Some(slot) => (
            RustClass::Breaking,
            format!("{} is gone", site.rust_path(slot)),
        ),
    };
    site.push(
        out,
        ChangeKind::Removed,
        detail,
        rust,
        false,
        vec![why],
        (Some(f), None),
    );
}

/// The part of a Rust type inside an outer `Option`.
fn core(ty: &str) -> &str {
    ty.strip_prefix("Option<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty)
}

fn changed(cx: &Cx<'_>, site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    let start = out.len();
    required(site, o, n, out);
    retyped(cx, site, o, n, out);
    enum_values(cx, site, o, n, out);
    docs_only(site, o, n, out);
    let slot_changed = match (site.old, site.new) {
        (Some(a), Some(b)) => a.rust != b.rust || a.ty != b.ty,
        _ => false,
    };
    let explained = out[start..].iter().any(|c| c.rust == RustClass::Breaking);
    if slot_changed && !explained && !site.role_changed {
        rust_changed(site, o, n, out);
    }
}

fn required(site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    if o.required == n.required {
        return;
    }
    let word = |r: bool| if r { "required" } else { "optional" };
    let detail = format!("{} → {}", word(o.required), word(n.required));
    let mut why = Vec::new();
    let mut rust = RustClass::Docs;
    if let (Some(a), Some(b)) = (site.old, site.new) {
        if a.ty != b.ty {
            why.push(format!(
                "{} is now {} (was {})",
                site.rust_path(b),
                code(&b.ty),
                code(&a.ty)
            ));
            rust = RustClass::Breaking;
        } else if site.request && n.required && !site.arg {
            why.push(format!(
                "{} must now be set: building the request without it fails",
                site.rust_path(b)
            ));
            rust = RustClass::Breaking;
        } else {
            why.push(format!(
                "{} keeps its type {}",
                site.rust_path(b),
                code(&b.ty)
            ));
        }
    }
    let wire_breaking = site.request && n.required;
    if wire_breaking {
        why.push("wire: the old client may leave it out".to_string());
    }
    site.push(
        out,
        ChangeKind::Required,
        detail,
        rust,
        wire_breaking,
        why,
        (Some(o), Some(n)),
    );
}

fn retyped(cx: &Cx<'_>, site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    if o.ty == n.ty {
        return;
    }
    let (to, tn) = (type_of(o), type_of(n));
    let mut why = Vec::new();
    let mut rust = RustClass::Docs;
    if let (Some(a), Some(b)) = (site.old, site.new) {
        if core(&a.ty) != core(&b.ty) {
            why.push(format!(
                "{} is now {} (was {})",
                site.rust_path(b),
                code(&b.ty),
                code(&a.ty)
            ));
            rust = RustClass::Breaking;
        } else {
            why.push(format!("both are {} in Rust", code(&b.ty)));
        }
    }
    let lenient = site.old.is_some_and(|s| s.enum_name.is_none());
    let unreadable = site.response && !wire::readable(&to, &tn, lenient);
    let unsendable = site.request && !wire::sendable(cx.old, cx.new, &to, &tn);
    if unreadable {
        why.push("wire: the old client cannot read the new type".to_string());
    }
    if unsendable {
        why.push("wire: the new documents reject what the old client sends".to_string());
    }
    if site.response && !unreadable {
        why.push("wire: the old client still reads it".to_string());
    }
    site.push(
        out,
        ChangeKind::Type,
        format!("{} → {}", code(&o.ty), code(&n.ty)),
        rust,
        unreadable || unsendable,
        why,
        (Some(o), Some(n)),
    );
}

fn type_of(f: &Field) -> TypeRef {
    f.type_ref().unwrap_or(TypeRef::Object)
}

fn values(f: &Field) -> BTreeSet<String> {
    f.enum_values.iter().map(|v| v.trim().to_string()).collect()
}

fn list(values: &BTreeSet<String>) -> String {
    values
        .iter()
        .map(|v| code(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the enum the caller names (its type, or the variants of values it keeps) changed.
fn enum_renamed(cx: &Cx<'_>, site: &Site<'_>, kept: &BTreeSet<String>) -> Option<String> {
    let (a, b) = (site.old?, site.new?);
    if core(&a.ty) != core(&b.ty) {
        return Some(format!(
            "{} is now {} (was {})",
            site.rust_path(b),
            code(&b.ty),
            code(&a.ty)
        ));
    }
    let (va, vb) = (cx.old_view.variants(a)?, cx.new_view.variants(b)?);
    kept.iter().find_map(|w| {
        let (x, y) = (va.get(w)?, vb.get(w)?);
        (x != y).then(|| format!("the variant of {} is now `{y}` (was `{x}`)", code(w)))
    })
}

fn enum_values(cx: &Cx<'_>, site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    let (vo, vn) = (values(o), values(n));
    let kept: BTreeSet<String> = vo.intersection(&vn).cloned().collect();
    let renamed = enum_renamed(cx, site, &kept);
    let added: BTreeSet<String> = vn.difference(&vo).cloned().collect();
    let removed: BTreeSet<String> = vo.difference(&vn).cloned().collect();
    let has_enum = |s: Option<&Slot>| s.is_some_and(|s| s.enum_name.is_some());
    if !added.is_empty() {
        let (rust, mut why) = match &renamed {
            Some(r) => (RustClass::Breaking, vec![r.clone()]),
            None if has_enum(site.new) => (
                RustClass::Additive,
                vec!["new variants; the enum is non-exhaustive".to_string()],
            ),
            None => (
                RustClass::Docs,
                vec!["no enum in Rust for this type".to_string()],
            ),
        };
        let wire_breaking = site.request && vo.is_empty();
        if wire_breaking {
            why.push("wire: the new documents restrict a value that was free".to_string());
        }
        site.push(
            out,
            ChangeKind::EnumAdded,
            list(&added),
            rust,
            wire_breaking,
            why,
            (Some(o), Some(n)),
        );
    }
    if !removed.is_empty() {
        let (rust, mut why) = match (&renamed, has_enum(site.old)) {
            (Some(r), _) if added.is_empty() => (RustClass::Breaking, vec![r.clone()]),
            (_, true) => (
                RustClass::Breaking,
                vec!["their variants are gone".to_string()],
            ),
            _ => (
                RustClass::Docs,
                vec!["no enum in Rust for this type".to_string()],
            ),
        };
        let wire_breaking = site.request && !vn.is_empty();
        if wire_breaking {
            why.push("wire: the old client may send a value the new documents reject".to_string());
        } else if site.response {
            why.push("wire: an unlisted value is kept as `Unknown`".to_string());
        }
        site.push(
            out,
            ChangeKind::EnumRemoved,
            list(&removed),
            rust,
            wire_breaking,
            why,
            (Some(o), Some(n)),
        );
    }
}

/// Default, range and description: only the doc comment changes (and a narrower range may reject
/// what the old client sends).
fn docs_only(site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    let shown = |d: &Option<String>| d.as_deref().map_or_else(|| "none".to_string(), code);
    if o.default != n.default {
        site.push(
            out,
            ChangeKind::Default,
            format!("{} → {}", shown(&o.default), shown(&n.default)),
            RustClass::Docs,
            false,
            vec!["documented only; the server's value when the field is left out".to_string()],
            (Some(o), Some(n)),
        );
    }
    let (lo, ln) = (wire::limits(o), wire::limits(n));
    if lo != ln {
        let wire_breaking = site.request && wire::narrowed(o, n);
        let mut why = vec!["documented only; the client does not check it".to_string()];
        if wire_breaking {
            why.push("wire: the new documents reject values the old ones allowed".to_string());
        }
        site.push(
            out,
            ChangeKind::Range,
            format!("{lo} → {ln}"),
            RustClass::Docs,
            wire_breaking,
            why,
            (Some(o), Some(n)),
        );
    }
    if o.description != n.description || o.description_zh != n.description_zh {
        site.push(
            out,
            ChangeKind::Description,
            describe_text_change(o, n),
            RustClass::Docs,
            false,
            vec!["doc comment".to_string()],
            (Some(o), Some(n)),
        );
    }
}

fn describe_text_change(o: &Field, n: &Field) -> String {
    let mut parts = Vec::new();
    if o.description != n.description {
        parts.push(format!(
            "{} → {}",
            super::schemas::quote_text(&o.description),
            super::schemas::quote_text(&n.description)
        ));
    }
    if o.description_zh != n.description_zh {
        parts.push(match (&o.description_zh, &n.description_zh) {
            (None, Some(_)) => "Chinese description added".to_string(),
            (Some(_), None) => "Chinese description removed".to_string(),
            _ => "Chinese description changed".to_string(),
        });
    }
    parts.join("; ")
}

/// The field's Rust name or type changed though the field did not: a name collision, or an enum
/// shared by fields with the same name and values that split or merged.
fn rust_changed(site: &Site<'_>, o: &Field, n: &Field, out: &mut Vec<Change>) {
    let (Some(a), Some(b)) = (site.old, site.new) else {
        return;
    };
    let show = |s: &Slot| format!("`{}: {}`", crate::ident::unraw(&s.rust), s.ty);
    site.push(
        out,
        ChangeKind::RustName,
        format!("{} → {}", show(a), show(b)),
        RustClass::Breaking,
        false,
        vec![format!(
            "the generated name or type of {} changed (a name collision, or an enum shared with other fields split or merged)",
            site.rust_path(a)
        )],
        (Some(o), Some(n)),
    );
}
