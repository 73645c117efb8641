//! Checks a spec before generation and finds the YAML line of the item an error concerns.
//!
//! The checks produce [`Issue`]s that name the item and describe how to find it in the YAML text
//! (a chain of [`Anchor`]s); [`crate::validate_spec`] resolves them to a line, while
//! [`crate::generate`], which has no text, reports them without one.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::{Field, Location, Operation, Spec, TypeRef};

use crate::CodegenError;

/// One step in finding an item in the YAML text, searched from the previous step's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// A top-level key (`operations:`) at column 1.
    Top(&'static str),
    /// The `nth` (1-based) `key: value` pair at or after the current line.
    Pair {
        key: &'static str,
        value: String,
        nth: usize,
    },
    /// A mapping key (`ShowInstanceBody:`), at or after the current line.
    MapKey(String),
}

fn pair(key: &'static str, value: &str) -> Anchor {
    Anchor::Pair {
        key,
        value: value.to_string(),
        nth: 1,
    }
}

/// A problem in the spec, with the way to its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub anchors: Vec<Anchor>,
    pub message: String,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// All problems of `spec`, in spec order.
pub fn check(spec: &Spec) -> Vec<Issue> {
    let mut issues = Vec::new();
    if spec.service.name.trim().is_empty() {
        issues.push(Issue {
            anchors: vec![Anchor::Top("service")],
            message: "service: empty `name`".into(),
        });
    }
    check_schemas(spec, &mut issues);
    check_operations(spec, &mut issues);
    crate::waiters::check(spec, &mut issues);
    for (i, code) in spec.error_codes.iter().enumerate() {
        if code.code.trim().is_empty() {
            issues.push(Issue {
                anchors: vec![Anchor::Top("error_codes"), pair("message", &code.message)],
                message: format!("error code #{} (`{}`): empty `code`", i + 1, code.message),
            });
        }
    }
    issues
}

fn check_schemas(spec: &Spec, issues: &mut Vec<Issue>) {
    for (name, schema) in &spec.schemas {
        let at = vec![Anchor::Top("schemas"), Anchor::MapKey(name.clone())];
        if name.trim().is_empty() {
            issues.push(Issue {
                anchors: at.clone(),
                message: "schema with an empty name".into(),
            });
        } else if name
            .parse::<TypeRef>()
            .map(|t| t != TypeRef::Named(name.clone()))
            .unwrap_or(true)
        {
            issues.push(Issue {
                anchors: at.clone(),
                message: format!("schema `{name}`: a schema name must be an UpperCamelCase word"),
            });
        }
        let mut seen = BTreeSet::new();
        for field in &schema.fields {
            let item = format!("schema `{name}`, field `{}`", field.name);
            check_field(spec, field, &item, &at, &mut seen, issues);
        }
    }
}

fn check_field(
    spec: &Spec,
    field: &Field,
    item: &str,
    at: &[Anchor],
    seen: &mut BTreeSet<(Option<Location>, String)>,
    issues: &mut Vec<Issue>,
) {
    let mut here = at.to_vec();
    if field.name.trim().is_empty() {
        here.push(pair("type", &field.ty));
        issues.push(Issue {
            anchors: here,
            message: format!("{item}: empty `name`"),
        });
        return;
    }
    here.push(pair("name", &field.name));
    if !seen.insert((field.location, field.name.clone())) {
        issues.push(Issue {
            anchors: here.clone(),
            message: format!("{item}: duplicate name"),
        });
    }
    let mut type_at = here;
    type_at.push(pair("type", &field.ty));
    check_type(spec, &field.ty, item, type_at, issues);
}

fn check_type(spec: &Spec, ty: &str, item: &str, anchors: Vec<Anchor>, issues: &mut Vec<Issue>) {
    match ty.parse::<TypeRef>() {
        Err(e) => issues.push(Issue {
            anchors,
            message: format!("{item}: {e}"),
        }),
        Ok(t) => {
            if let Some(named) = t.named() {
                if !spec.schemas.contains_key(named) {
                    issues.push(Issue {
                        anchors,
                        message: format!("{item}: unknown type `{named}` (no schema of that name)"),
                    });
                }
            }
        }
    }
}

fn check_operations(spec: &Spec, issues: &mut Vec<Issue>) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &spec.operations {
        let nth = {
            let n = counts.entry(op.name.as_str()).or_insert(0);
            *n += 1;
            *n
        };
        if op.name.trim().is_empty() {
            issues.push(Issue {
                anchors: vec![Anchor::Top("operations"), pair("path", &op.path)],
                message: format!("operation `{} {}`: empty `name`", op.method, op.path),
            });
            continue;
        }
        // The `nth` operation of that name: a duplicate points at its second listing.
        let at = vec![
            Anchor::Top("operations"),
            Anchor::Pair {
                key: "name",
                value: op.name.clone(),
                nth,
            },
        ];
        let item = format!("operation `{}`", op.name);
        if nth == 2 {
            issues.push(Issue {
                anchors: at.clone(),
                message: format!("{item}: duplicate operation name"),
            });
        }
        check_operation_line(op, &item, &at, issues);
        check_params(spec, op, &item, &at, issues);
        check_bodies(spec, op, &item, &at, issues);
    }
}

/// The operation's name, method and path.
fn check_operation_line(op: &Operation, item: &str, at: &[Anchor], issues: &mut Vec<Issue>) {
    if op
        .name
        .parse::<TypeRef>()
        .map(|t| t != TypeRef::Named(op.name.clone()))
        .unwrap_or(true)
    {
        issues.push(Issue {
            anchors: at.to_vec(),
            message: format!("{item}: an operation name must be an UpperCamelCase word"),
        });
    }
    if !METHODS.contains(&op.method.as_str()) {
        let mut a = at.to_vec();
        a.push(pair("method", &op.method));
        issues.push(Issue {
            anchors: a,
            message: format!("{item}: unknown HTTP method `{}`", op.method),
        });
    }
    if !op.path.starts_with('/') {
        let mut a = at.to_vec();
        a.push(pair("path", &op.path));
        issues.push(Issue {
            anchors: a,
            message: format!("{item}: path `{}` does not start with `/`", op.path),
        });
    }
}

/// Each parameter says where it travels; path parameters are in the path and required.
fn check_params(spec: &Spec, op: &Operation, item: &str, at: &[Anchor], issues: &mut Vec<Issue>) {
    let placeholders = path_placeholders(&op.path);
    let mut seen = BTreeSet::new();
    for param in &op.params {
        let pitem = format!("{item}, parameter `{}`", param.name);
        let mut here = at.to_vec();
        here.push(pair("name", &param.name));
        match param.location {
            None => issues.push(Issue {
                anchors: here.clone(),
                message: format!("{pitem}: missing `in` (path, query or header)"),
            }),
            Some(Location::Path) if !placeholders.contains(&param.name.as_str()) => {
                issues.push(Issue {
                    anchors: here.clone(),
                    message: format!("{pitem}: path parameter not in the path `{}`", op.path),
                })
            }
            Some(Location::Path) if !param.required => issues.push(Issue {
                anchors: here.clone(),
                message: format!("{pitem}: a path parameter must be required"),
            }),
            _ => {}
        }
        check_field(spec, param, &pitem, at, &mut seen, issues);
    }
}

/// The request and response bodies name known types.
fn check_bodies(spec: &Spec, op: &Operation, item: &str, at: &[Anchor], issues: &mut Vec<Issue>) {
    if let Some(body) = &op.body {
        let mut a = at.to_vec();
        a.push(pair("body", body));
        check_type(spec, body, &format!("{item}, request body"), a, issues);
    }
    for response in &op.responses {
        if let Some(body) = &response.body {
            let mut a = at.to_vec();
            a.push(pair("status", &response.status.to_string()));
            a.push(pair("body", body));
            check_type(
                spec,
                body,
                &format!("{item}, response {}", response.status),
                a,
                issues,
            );
        }
    }
}

/// The `{name}` placeholders of a path template, in order.
pub fn path_placeholders(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// The 1-based (line, column) the anchors lead to in `text`; the last anchor found wins.
pub fn locate(text: &str, anchors: &[Anchor]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0usize;
    let mut found = None;
    for anchor in anchors {
        let hit = match anchor {
            Anchor::Top(key) => (start..lines.len()).find_map(|i| {
                let l = lines[i];
                (l.strip_prefix(key).is_some_and(|r| r.starts_with(':'))).then_some((i, 0))
            }),
            Anchor::MapKey(key) => (start..lines.len()).find_map(|i| {
                let l = lines[i];
                let indent = l.len() - l.trim_start().len();
                let t = l.trim_start();
                let quoted = [
                    format!("{key}:"),
                    format!("\"{key}\":"),
                    format!("'{key}':"),
                ];
                (indent > 0 && quoted.iter().any(|q| t.starts_with(q.as_str())))
                    .then_some((i, indent))
            }),
            Anchor::Pair { key, value, nth } => {
                let mut seen = 0;
                (start..lines.len()).find_map(|i| {
                    let col = find_pair(lines[i], key, value)?;
                    seen += 1;
                    (seen == *nth).then_some((i, col))
                })
            }
        };
        match hit {
            Some((line, col)) => {
                start = line;
                found = Some((line + 1, col + 1));
            }
            None => break,
        }
    }
    found
}

/// The byte column of `key: value` in a block or flow YAML line.
fn find_pair(line: &str, key: &str, value: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = line[from..].find(key) {
        let at = from + rel;
        from = at + key.len();
        let before_ok = is_key_start(line[..at].chars().next_back());
        let Some(after) = line[at + key.len()..].strip_prefix(':') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let v = after.trim_start();
        let v = v.split(" #").next().unwrap_or(v);
        let candidates = [
            value.to_string(),
            format!("\"{value}\""),
            format!("'{value}'"),
        ];
        let matches = candidates.iter().any(|c| {
            v.strip_prefix(c.as_str()).is_some_and(|rest| {
                rest.trim().is_empty() || rest.trim_start().starts_with([',', '}'])
            })
        });
        if matches {
            return Some(at);
        }
    }
    None
}

/// Whether a key may start after this character (start of line, space, `-`, `{` or `,`).
fn is_key_start(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '-' | '{' | ','),
    }
}

/// The first issue as an error, positioned in `text` when given.
pub fn first_error(
    file: Option<&str>,
    text: Option<&str>,
    issues: &[Issue],
) -> Option<CodegenError> {
    let first = issues.first()?;
    let mut message = first.message.clone();
    if issues.len() > 1 {
        message.push_str(&format!(
            " (and {} more problem{})",
            issues.len() - 1,
            if issues.len() == 2 { "" } else { "s" }
        ));
    }
    let position = text.and_then(|t| locate(t, &first.anchors));
    Some(CodegenError {
        file: file.map(str::to_string),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "service: {name: dcs}\noperations:\n- name: A\n  params:\n  - {name: id, in: path}\n- name: \"A\"\nschemas:\n  Foo:\n    fields:\n    - name: bar\n      type: Baz\n";

    #[test]
    fn anchors_find_nth_pairs_and_map_keys() {
        let dup = [
            Anchor::Top("operations"),
            Anchor::Pair {
                key: "name",
                value: "A".into(),
                nth: 2,
            },
        ];
        assert_eq!(locate(TEXT, &dup), Some((6, 3)));
        let param = [
            Anchor::Top("operations"),
            pair("name", "A"),
            pair("name", "id"),
        ];
        assert_eq!(locate(TEXT, &param), Some((5, 6)));
        let ty = [
            Anchor::Top("schemas"),
            Anchor::MapKey("Foo".into()),
            pair("name", "bar"),
            pair("type", "Baz"),
        ];
        assert_eq!(locate(TEXT, &ty), Some((11, 7)));
    }

    #[test]
    fn missing_anchor_keeps_the_last_found_line() {
        let a = [Anchor::Top("schemas"), Anchor::MapKey("Nope".into())];
        assert_eq!(locate(TEXT, &a), Some((7, 1)));
        assert_eq!(locate(TEXT, &[Anchor::Top("nothing")]), None);
    }

    #[test]
    fn pairs_need_whole_keys_and_values() {
        assert_eq!(find_pair("  rename: Ab", "name", "Ab"), None);
        assert_eq!(find_pair("  name: Abc", "name", "Ab"), None);
        assert_eq!(find_pair("  - name: 'Ab'  # c", "name", "Ab"), Some(4));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            path_placeholders("/v2/{project_id}/instances/{instance_id}"),
            vec!["project_id", "instance_id"]
        );
        assert!(path_placeholders("/v2/{broken").is_empty());
    }
}
