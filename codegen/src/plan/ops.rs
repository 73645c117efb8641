//! The methods of each operation: their names, and the arguments they take.

use std::collections::BTreeMap;

use apiref_spec::{Location, Operation, TypeRef};

use super::enums::SiteKey;
use super::{Arg, Op};
use crate::ident::{shouty, snake, snake_join, Names, Style};
use crate::types::FieldType;
use crate::validate::path_placeholders;

/// Headers the runtime sets itself (authentication, signing, body type, user agent): operations
/// do not take them as arguments even when the document lists them. The runtime's
/// `RUNTIME_HEADERS` is the source of truth; the generator cannot depend on the runtime (a build
/// dependency would pull its HTTP stack), so a test checks the two lists are the same.
pub(crate) const RUNTIME_HEADERS: &[&str] = &[
    "authorization",
    "content-length",
    "content-type",
    "host",
    "user-agent",
    "x-auth-token",
    "x-project-id",
    "x-sdk-date",
    "x-security-token",
];

/// Names of the methods of every operation (send, then build, so the send method gets the plain
/// name) and their arguments. Streams are named later, by [`super::pages`].
pub(super) fn plan_ops<'a>(
    ops: &[&'a Operation],
    query_names: &BTreeMap<&str, String>,
    enum_of: &BTreeMap<SiteKey, String>,
) -> Vec<Op<'a>> {
    let mut consts = Names::with_reserved(&["ALL"]);
    let mut methods = Names::with_reserved(&["new", "inner"]);
    let method_names: Vec<String> = ops
        .iter()
        .map(|op| methods.claim(&snake(&op.name, "operation"), Style::Snake))
        .collect();
    let request_names: Vec<String> = method_names
        .iter()
        .map(|m| methods.claim(&snake_join("", m, "_request"), Style::Snake))
        .collect();
    let mut out = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let response = op
            .responses
            .iter()
            .filter(|r| (200..300).contains(&r.status))
            .find_map(|r| r.body.as_deref()?.parse::<TypeRef>().ok());
        out.push(Op {
            op,
            const_name: consts.claim(&shouty(&op.name, "OPERATION"), Style::Snake),
            method: method_names[i].clone(),
            request_method: request_names[i].clone(),
            stream_method: None,
            args: args(op, enum_of),
            query: query_names.get(op.name.as_str()).cloned(),
            body: op.body.as_deref().and_then(|b| b.parse().ok()),
            response,
            page: None,
        });
    }
    out
}

/// Path arguments (every placeholder but `project_id`, which the runtime fills), then header
/// arguments (documented headers the runtime does not set).
fn args<'a>(op: &'a Operation, enum_of: &BTreeMap<SiteKey, String>) -> Vec<Arg<'a>> {
    let key = format!("op:{}", op.name);
    let enum_name = |j: usize| enum_of.get(&(key.clone(), j)).cloned();
    let mut names =
        Names::with_reserved(&["self", "query", "body", "request", "client", "page_size"]);
    let mut args = Vec::new();
    for ph in path_placeholders(&op.path) {
        if ph == "project_id" {
            continue;
        }
        let declared = op
            .params
            .iter()
            .enumerate()
            .find(|(_, p)| p.location == Some(Location::Path) && p.name == ph);
        // A placeholder the document does not list is text.
        let (ty, field) = match declared {
            Some((j, p)) => (
                FieldType {
                    tref: p.type_ref().unwrap_or(TypeRef::String),
                    enum_name: enum_name(j),
                },
                Some(p),
            ),
            None => (FieldType::plain(&TypeRef::String), None),
        };
        args.push(Arg {
            wire: ph.to_string(),
            rust: names.claim(&snake(ph, "param"), Style::Snake),
            location: Location::Path,
            ty,
            required: true,
            field,
        });
    }
    for (j, p) in op.params.iter().enumerate() {
        if p.location != Some(Location::Header)
            || RUNTIME_HEADERS.contains(&p.name.to_ascii_lowercase().as_str())
        {
            continue;
        }
        args.push(Arg {
            wire: p.name.clone(),
            rust: names.claim(&snake(&p.name, "header"), Style::Snake),
            location: Location::Header,
            ty: FieldType {
                tref: p.type_ref().unwrap_or(TypeRef::String),
                enum_name: enum_name(j),
            },
            required: p.required,
            field: Some(p),
        });
    }
    args
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn the_headers_left_to_the_runtime_are_the_ones_it_sets() {
        let lower = |list: &[&str]| -> BTreeSet<String> {
            list.iter().map(|h| h.to_ascii_lowercase()).collect()
        };
        assert_eq!(
            lower(super::RUNTIME_HEADERS),
            lower(huaweicloud_runtime::RUNTIME_HEADERS),
            "the generator's list of runtime headers differs from huaweicloud_runtime::RUNTIME_HEADERS"
        );
        for h in super::RUNTIME_HEADERS {
            assert!(huaweicloud_runtime::is_runtime_header(h), "{h}");
        }
    }
}
