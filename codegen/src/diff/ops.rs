//! Operations: added, removed, moved (path or method), deprecated, regrouped; their methods'
//! signatures, bodies and responses; and their parameters.

use apiref_spec::{Field, Location, Operation};

use super::fields::{self, Site};
use super::view::{query_key, ModelView, OpView, Slot, View};
use super::wire;
use super::{code, Change, ChangeKind, Cx, RustClass, Subject};

/// Every operation of either spec, old order first.
pub(super) fn compare(cx: &Cx<'_>, out: &mut Vec<Change>) {
    for o in &cx.old.operations {
        match cx.new.operations.iter().find(|n| n.name == o.name) {
            Some(n) => changed(cx, o, n, out),
            None => out.push(op_change(
                o,
                ChangeKind::Removed,
                format!("was {} {}", code(&o.method), code(&o.path)),
                RustClass::Breaking,
                true,
                format!(
                    "its methods are gone ({}); wire: the old client calls an operation the new documents no longer have",
                    methods(cx.old_view, o)
                ),
                (Some(o), None),
            )),
        }
    }
    for n in &cx.new.operations {
        if !cx.old.operations.iter().any(|o| o.name == n.name) {
            out.push(op_change(
                n,
                ChangeKind::Added,
                format!("{} {}", code(&n.method), code(&n.path)),
                RustClass::Additive,
                false,
                format!("new methods: {}", methods(cx.new_view, n)),
                (None, Some(n)),
            ));
        }
    }
}

fn methods(view: &View, op: &Operation) -> String {
    view.ops.get(&op.name).map_or_else(String::new, |v| {
        let mut all: Vec<String> = v.methods.iter().map(|m| format!("`{m}`")).collect();
        all.extend(v.stream.iter().map(|m| format!("`{m}`")));
        all.join(", ")
    })
}

fn op_change(
    op: &Operation,
    kind: ChangeKind,
    detail: String,
    rust: RustClass,
    wire_breaking: bool,
    why: String,
    sources: (Option<&Operation>, Option<&Operation>),
) -> Change {
    Change {
        subject: Subject::Operation,
        kind,
        item: format!("`{}`", op.name),
        detail,
        rust,
        wire_breaking,
        why,
        old_source: sources.0.map(|o| o.source.clone()),
        new_source: sources.1.map(|o| o.source.clone()),
    }
}

/// The path with every placeholder blank: what the wire sees.
fn wire_path(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn changed(cx: &Cx<'_>, o: &Operation, n: &Operation, out: &mut Vec<Change>) {
    let empty = OpView::default();
    let ov = cx.old_view.ops.get(&o.name).unwrap_or(&empty);
    let nv = cx.new_view.ops.get(&n.name).unwrap_or(&empty);
    let both = (Some(o), Some(n));
    let mut push = |kind, detail, rust, wire, why: &str| {
        out.push(op_change(
            n,
            kind,
            detail,
            rust,
            wire,
            why.to_string(),
            both,
        ));
    };
    if o.method != n.method {
        push(
            ChangeKind::Method,
            format!("{} → {}", code(&o.method), code(&n.method)),
            RustClass::Docs,
            true,
            "the method keeps its signature and sends the new HTTP method; wire: the old client sends the old one",
        );
    }
    if o.path != n.path {
        let moved = wire_path(&o.path) != wire_path(&n.path);
        push(
            ChangeKind::Path,
            format!("{} → {}", code(&o.path), code(&n.path)),
            RustClass::Docs,
            moved,
            if moved {
                "the method sends the new path (its arguments are reported apart); wire: the old client sends the old path"
            } else {
                "only placeholder names changed: the same request on the wire"
            },
        );
    }
    if o.deprecated != n.deprecated {
        let (detail, why) = if n.deprecated {
            (
                "deprecated",
                "its methods get `#[deprecated]`: a warning, not an error",
            )
        } else {
            (
                "no longer deprecated",
                "`#[deprecated]` removed from its methods",
            )
        };
        push(
            ChangeKind::Deprecated,
            detail.to_string(),
            RustClass::Docs,
            false,
            why,
        );
    }
    group(o, n, ov, nv, &mut push);
    signature(cx, o, n, ov, nv, out);
    texts(o, n, out);
    params(cx, o, n, ov, nv, out);
}

fn group(
    o: &Operation,
    n: &Operation,
    ov: &OpView,
    nv: &OpView,
    push: &mut impl FnMut(ChangeKind, String, RustClass, bool, &str),
) {
    if o.group == n.group && ov.feature == nv.feature {
        return;
    }
    let shown = |f: &Option<String>| f.as_deref().map_or_else(|| "none".to_string(), code);
    let detail = format!(
        "group {} → {} (cargo feature {} → {})",
        code(&o.group),
        code(&n.group),
        shown(&ov.feature),
        shown(&nv.feature)
    );
    if ov.feature == nv.feature {
        push(
            ChangeKind::Group,
            detail,
            RustClass::Docs,
            false,
            "same cargo feature",
        );
    } else {
        push(
            ChangeKind::Group,
            detail,
            RustClass::Breaking,
            false,
            "a crate that enables only the old feature no longer gets the operation (or no longer builds)",
        );
    }
}

/// Method names, the query and body arguments, the return type, the page stream.
fn signature(
    cx: &Cx<'_>,
    o: &Operation,
    n: &Operation,
    ov: &OpView,
    nv: &OpView,
    out: &mut Vec<Change>,
) {
    let both = (Some(o), Some(n));
    let mut push = |kind, detail: String, rust, wire, why: String| {
        out.push(op_change(n, kind, detail, rust, wire, why, both));
    };
    if ov.methods != nv.methods || ov.const_name != nv.const_name {
        let show = |v: &OpView| format!("`{}`, `{}`", v.methods.join("`, `"), v.const_name);
        push(
            ChangeKind::RustName,
            format!("{} → {}", show(ov), show(nv)),
            RustClass::Breaking,
            false,
            "the generated names changed (a name collision with another operation)".to_string(),
        );
    }
    match (&ov.stream, &nv.stream) {
        (None, Some(s)) => push(
            ChangeKind::Signature,
            format!("page stream `{s}`"),
            RustClass::Additive,
            false,
            "a new method streams every page".to_string(),
        ),
        (Some(s), None) => push(
            ChangeKind::Signature,
            format!("page stream `{s}` gone"),
            RustClass::Breaking,
            false,
            "the operation is no longer a list the generator pages".to_string(),
        ),
        _ => {}
    }
    let args = |v: &OpView| -> Vec<String> { v.args.iter().map(|(w, _)| w.clone()).collect() };
    let common = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|x| b.contains(x)).cloned().collect()
    };
    let (ao, an) = (args(ov), args(nv));
    if common(&ao, &an) != common(&an, &ao) {
        push(
            ChangeKind::Signature,
            format!("arguments `{}` → `{}`", ao.join("`, `"), an.join("`, `")),
            RustClass::Breaking,
            false,
            "positional arguments swapped: old calls pass values in the wrong places".to_string(),
        );
    }
    if ov.query != nv.query {
        let shown = |q: &Option<String>| {
            q.as_deref()
                .map_or_else(|| "none".into(), |q| format!("`models::{q}`"))
        };
        push(
            ChangeKind::Signature,
            format!("query argument {} → {}", shown(&ov.query), shown(&nv.query)),
            RustClass::Breaking,
            false,
            "the methods take another query argument".to_string(),
        );
    }
    body(cx, o, n, ov, nv, &mut push);
    response(o, n, ov, nv, &mut push);
}

type Push<'p> = dyn FnMut(ChangeKind, String, RustClass, bool, String) + 'p;

fn body(cx: &Cx<'_>, o: &Operation, n: &Operation, ov: &OpView, nv: &OpView, push: &mut Push<'_>) {
    if o.body == n.body && ov.body == nv.body {
        return;
    }
    let shown = |b: &Option<String>| b.as_deref().map_or_else(|| "none".into(), code);
    let detail = format!("request body {} → {}", shown(&o.body), shown(&n.body));
    let types = |op: &Operation| op.body.as_deref().and_then(|b| b.parse().ok());
    let wire_breaking = match (types(o), types(n)) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => !wire::sendable(cx.old, cx.new, &a, &b),
    };
    let (rust, mut why) = if ov.body == nv.body {
        (
            RustClass::Docs,
            "the body argument keeps its Rust type".to_string(),
        )
    } else {
        let shown = |b: &Option<String>| b.as_deref().map_or_else(|| "none".into(), code);
        (
            RustClass::Breaking,
            format!(
                "the body argument {} → {}",
                shown(&ov.body),
                shown(&nv.body)
            ),
        )
    };
    if wire_breaking {
        why.push_str("; wire: the new documents expect a body the old client does not send");
    }
    push(ChangeKind::Body, detail, rust, wire_breaking, why);
}

fn success_body(op: &Operation) -> Option<&str> {
    op.responses
        .iter()
        .filter(|r| (200..300).contains(&r.status))
        .find_map(|r| r.body.as_deref())
}

fn response(o: &Operation, n: &Operation, ov: &OpView, nv: &OpView, push: &mut Push<'_>) {
    let (bo, bn) = (success_body(o), success_body(n));
    if bo != bn || ov.returns != nv.returns {
        let shown = |b: Option<&str>| b.map_or_else(|| "none".into(), code);
        let readable = match (bo, bn) {
            (Some(a), Some(b)) => match (a.parse(), b.parse()) {
                (Ok(a), Ok(b)) => wire::readable(&a, &b, false),
                _ => false,
            },
            (_, None) => true,
            (None, Some(_)) => true,
        };
        let (rust, why) = if ov.returns == nv.returns {
            (
                RustClass::Docs,
                format!("the methods still return {}", code(&nv.returns)),
            )
        } else {
            (
                RustClass::Breaking,
                format!(
                    "the send method returns {} (was {})",
                    code(&nv.returns),
                    code(&ov.returns)
                ),
            )
        };
        let why = if readable {
            why
        } else {
            format!("{why}; wire: the old client cannot read the new body")
        };
        push(
            ChangeKind::Response,
            format!("success body {} → {}", shown(bo), shown(bn)),
            rust,
            !readable,
            why,
        );
    }
    let statuses = |op: &Operation| -> Vec<(u16, String, Option<String>)> {
        op.responses
            .iter()
            .map(|r| (r.status, r.description.clone(), r.body.clone()))
            .collect()
    };
    if statuses(o) != statuses(n) && bo == bn {
        let codes = |op: &Operation| -> String {
            op.responses
                .iter()
                .map(|r| r.status.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        push(
            ChangeKind::Response,
            format!("responses {} → {}", codes(o), codes(n)),
            RustClass::Docs,
            false,
            "documented only: other statuses are errors either way".to_string(),
        );
    }
}

/// Title, description, discriminator: documentation.
fn texts(o: &Operation, n: &Operation, out: &mut Vec<Change>) {
    let mut parts = Vec::new();
    if o.title != n.title {
        parts.push(format!(
            "title {} → {}",
            super::schemas::quote_text(&o.title),
            super::schemas::quote_text(&n.title)
        ));
    }
    if o.description != n.description {
        parts.push("description changed".to_string());
    }
    if o.title_zh != n.title_zh || o.description_zh != n.description_zh {
        parts.push("Chinese title or description changed".to_string());
    }
    if o.discriminator != n.discriminator {
        parts.push(format!(
            "discriminator {} → {}",
            o.discriminator
                .as_deref()
                .map_or_else(|| "none".into(), code),
            n.discriminator
                .as_deref()
                .map_or_else(|| "none".into(), code)
        ));
    }
    let examples = |op: &Operation| -> Vec<apiref_spec::Example> {
        let mut list = op.examples.clone();
        list.iter_mut().for_each(|e| e.source.clear());
        list
    };
    if examples(o) != examples(n) {
        parts.push(format!(
            "examples {} → {}",
            o.examples.len(),
            n.examples.len()
        ));
    }
    if o.version != n.version {
        parts.push(format!(
            "API version {} → {}",
            code(&o.version),
            code(&n.version)
        ));
    }
    if !parts.is_empty() {
        out.push(op_change(
            n,
            ChangeKind::Description,
            parts.join("; "),
            RustClass::Docs,
            false,
            "documentation only (doc comments, `OperationInfo`, examples)".to_string(),
            (Some(o), Some(n)),
        ));
    }
}

fn location_word(l: Option<Location>) -> &'static str {
    match l {
        Some(Location::Path) => "path parameter",
        Some(Location::Query) => "query parameter",
        Some(Location::Header) => "header",
        None => "parameter",
    }
}

/// The parameters of an operation in both specs: path parameters by name (a rename that keeps
/// the argument types is not breaking), query parameters as fields of the query struct, headers as
/// arguments.
fn params(
    cx: &Cx<'_>,
    o: &Operation,
    n: &Operation,
    ov: &OpView,
    nv: &OpView,
    out: &mut Vec<Change>,
) {
    let same_signature = ov
        .args
        .iter()
        .map(|(_, s)| &s.ty)
        .eq(nv.args.iter().map(|(_, s)| &s.ty));
    let key = |p: &Field| (p.location, p.name.clone());
    let mut keys: Vec<(Option<Location>, String)> = o.params.iter().map(key).collect();
    keys.extend(
        n.params
            .iter()
            .map(key)
            .filter(|k| !o.params.iter().any(|p| key(p) == *k)),
    );
    let oq = cx.old_view.models.get(&query_key(&o.name));
    let nq = cx.new_view.models.get(&query_key(&n.name));
    for (location, name) in keys {
        let find = |op: &'_ Operation| {
            op.params
                .iter()
                .find(|p| p.location == location && p.name == name)
                .cloned()
        };
        let (po, pn) = (find(o), find(n));
        let (so, sn) = (
            param_slot(ov, oq, location, &name),
            param_slot(nv, nq, location, &name),
        );
        let is_query = location == Some(Location::Query);
        let owner = if is_query {
            format!("models::{}", nq.or(oq).map_or("", |m| m.rust.as_str()))
        } else {
            format!(
                "{}::{}",
                cx.new_view.client,
                nv.methods.first().map_or("", String::as_str)
            )
        };
        let site = Site {
            subject: Subject::Parameter,
            label: format!("`{}` {} `{name}`", n.name, location_word(location)),
            owner,
            old: so.as_ref(),
            new: sn.as_ref(),
            request: true,
            response: false,
            arg: !is_query,
            same_signature,
            role_changed: false,
            in_path: location == Some(Location::Path),
        };
        fields::compare(cx, &site, po.as_ref(), pn.as_ref(), out);
    }
    if let (Some(a), Some(b)) = (oq, nq) {
        if let Some((detail, rust, why)) = super::schemas::derives(a, b) {
            out.push(op_change(
                n,
                ChangeKind::Derives,
                format!("query struct: {detail}"),
                rust,
                false,
                why,
                (Some(o), Some(n)),
            ));
        }
    }
}

/// How a client holds a parameter: a field of the query struct, or a method argument (`None`
/// for headers the runtime sets and `project_id`).
fn param_slot(
    view: &OpView,
    query: Option<&ModelView>,
    location: Option<Location>,
    name: &str,
) -> Option<Slot> {
    if location == Some(Location::Query) {
        query?.fields.get(name).cloned()
    } else {
        view.args
            .iter()
            .find(|(w, _)| w == name)
            .map(|(_, s)| s.clone())
    }
}
