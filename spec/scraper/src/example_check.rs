//! Example validation: every example JSON of the document checked against the schema the spec
//! gives it (the request body, or the response body of the example's status). Each field an
//! example has that its schema lacks, and each value whose JSON type disagrees with the field's
//! type, is a documentation inconsistency reported with file and line. A scalar in another form
//! that the generated client's lenient readers take (`"40"` for an integer, see [`lenient`]) is
//! listed too, marked "(the client reads it)", and counted apart: the report gives both the
//! fields that match their documented type and those the client reads. An example that is not
//! JSON is checked in its conservative repair (`repair`) when there is one, said so at its line.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use crate::model::{Example, ExampleKind, Operation, Spec, TypeRef};

pub mod lenient;
mod repair;

/// One inconsistency between an example and the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `file:line` of the offending line of the example.
    pub source: String,
    pub operation: String,
    /// JSON path of the value (`instances[0].tags[1].key`).
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.source, self.operation, self.path, self.message
        )
    }
}

/// The outcome of validating all examples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Examples with a JSON body.
    pub examples: usize,
    /// Of those, the ones that parse as JSON.
    pub valid_json: usize,
    /// Of the others, the ones a conservative repair makes JSON (`repair`): their fields
    /// are checked like any other's.
    pub repaired: usize,
    /// Examples with a schema to check against.
    pub checked_examples: usize,
    /// Object members checked against a schema, every occurrence counted.
    pub fields: usize,
    /// Of those, the ones the schema has with an agreeing JSON type.
    pub fields_ok: usize,
    /// Of the checked ones, those the generated client reads: the agreeing ones, and scalars in
    /// another form its lenient readers take ([`lenient`]), such as `"40"` for an integer.
    pub fields_read: usize,
    /// Distinct field paths per example (`tags[].key` counts once however many tags the
    /// example lists).
    pub field_paths: usize,
    /// Of those, the ones that validate in every occurrence.
    pub field_paths_ok: usize,
    pub issues: Vec<Issue>,
    /// Per example with JSON, in document order.
    pub outcomes: Vec<Outcome>,
}

/// How one example with JSON fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// `file:line` of the example.
    pub source: String,
    /// Valid JSON, and every field agrees with its schema when it has one.
    pub validates: bool,
    /// Valid JSON, and the client reads every field (see [`Report::fields_read`]).
    pub read: bool,
}

impl Report {
    pub fn json_valid_percent(&self) -> f64 {
        percent(self.valid_json, self.examples)
    }

    pub fn fields_ok_percent(&self) -> f64 {
        percent(self.fields_ok, self.fields)
    }

    pub fn fields_read_percent(&self) -> f64 {
        percent(self.fields_read, self.fields)
    }
}

pub fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in &self.issues {
            writeln!(f, "{i}")?;
        }
        writeln!(
            f,
            "examples: {} with JSON, {} valid JSON ({:.1}%), {} more once repaired, {} checked against a schema",
            self.examples,
            self.valid_json,
            self.json_valid_percent(),
            self.repaired,
            self.checked_examples
        )?;
        write!(
            f,
            "fields: {} checked, {} validate ({:.2}%), {} read by the client ({:.2}%); {} distinct paths, {} validate ({:.2}%); {} inconsistencies",
            self.fields,
            self.fields_ok,
            self.fields_ok_percent(),
            self.fields_read,
            self.fields_read_percent(),
            self.field_paths,
            self.field_paths_ok,
            percent(self.field_paths_ok, self.field_paths),
            self.issues.len()
        )
    }
}

/// Validates every example of every operation of `spec`. Lines in the report are counted
/// within the example text from its `source` line (page breaks inside it shift them).
pub fn validate(spec: &Spec) -> Report {
    validate_with_sources(spec, &BTreeMap::new())
}

/// Like [`validate`], with the source documents (file name → text) at hand, so each reported
/// line is the document line that holds the offending key.
pub fn validate_with_sources(spec: &Spec, sources: &BTreeMap<String, String>) -> Report {
    let docs: BTreeMap<&str, Vec<&str>> = sources
        .iter()
        .map(|(f, t)| (f.as_str(), t.lines().collect()))
        .collect();
    let mut report = Report::default();
    for op in &spec.operations {
        for ex in &op.examples {
            let (file, _) = split_source(&ex.source);
            let doc = docs.get(file).map(Vec::as_slice);
            validate_example(spec, op, ex, doc, &mut report);
        }
    }
    report
}

/// Where the example's text starts: `file` and first line, from its `source`.
fn split_source(source: &str) -> (&str, usize) {
    match source.rsplit_once(':') {
        Some((f, l)) => (f, l.parse().unwrap_or(0)),
        None => (source, 0),
    }
}

fn validate_example(
    spec: &Spec,
    op: &Operation,
    ex: &Example,
    doc: Option<&[&str]>,
    report: &mut Report,
) {
    let Some(json) = ex.json.as_deref() else {
        return;
    };
    report.examples += 1;
    let Some((value, text)) = parse_example(op, ex, json, doc, report) else {
        report.outcomes.push(Outcome {
            source: ex.source.clone(),
            validates: false,
            read: false,
        });
        return;
    };
    let before = (
        report.fields - report.fields_ok,
        report.fields - report.fields_read,
    );
    if let Some((ty, path)) = body_type(spec, op, ex, &value, report) {
        let mut v = Checker {
            spec,
            op: &op.name,
            json: &text,
            source: &ex.source,
            report,
            cursor: 0,
            doc,
            doc_cursor: (split_source(&ex.source).1.saturating_sub(1), 0),
            seen: BTreeMap::new(),
            reported: BTreeSet::new(),
        };
        v.check(&value, &ty, &path);
        let seen = std::mem::take(&mut v.seen);
        report.field_paths += seen.len();
        report.field_paths_ok += seen.values().filter(|ok| **ok).count();
    }
    let repaired = matches!(text, Cow::Owned(_));
    report.outcomes.push(Outcome {
        source: ex.source.clone(),
        validates: !repaired && report.fields - report.fields_ok == before.0,
        read: report.fields - report.fields_read == before.1,
    });
}

/// The example's JSON value, and the text it was read from: the example itself, or when that
/// is not JSON, its repair ([`repair`]) reported as an inconsistency. `None`, reported, when
/// neither reads.
fn parse_example<'a>(
    op: &Operation,
    ex: &Example,
    json: &'a str,
    doc: Option<&[&str]>,
    report: &mut Report,
) -> Option<(Value, Cow<'a, str>)> {
    let e = match serde_json::from_str(json) {
        Ok(v) => {
            report.valid_json += 1;
            return Some((v, Cow::Borrowed(json)));
        }
        Err(e) => e,
    };
    let (file, line) = split_source(&ex.source);
    let line = match doc {
        Some(lines) => json_error_line(lines, line, e.line()),
        None => line + e.line().saturating_sub(1),
    };
    let repaired = repair::repair(json).and_then(|(text, what)| {
        let value: Value = serde_json::from_str(&text).ok()?;
        Some((value, text, what))
    });
    let message = match &repaired {
        Some((_, _, what)) => {
            format!("example repaired ({what}); as printed it is not valid JSON: {e}")
        }
        None => format!("example is not valid JSON: {e}"),
    };
    report.issues.push(Issue {
        source: format!("{file}:{line}"),
        operation: op.name.clone(),
        path: String::new(),
        message,
    });
    let (value, text, _) = repaired?;
    report.repaired += 1;
    Some((value, Cow::Owned(text)))
}

/// The type to check the example against, and the path its fields start from: the request
/// body, or the response body of the example's status. `None` when the page gives no schema.
fn body_type(
    spec: &Spec,
    op: &Operation,
    ex: &Example,
    value: &Value,
    report: &mut Report,
) -> Option<(TypeRef, String)> {
    let schema = match ex.kind {
        ExampleKind::Request => op.body.clone(),
        ExampleKind::Response => {
            let status = ex.status.unwrap_or(200);
            op.responses
                .iter()
                .find(|r| r.status == status)
                .and_then(|r| r.body.clone())
        }
    }?;
    report.checked_examples += 1;
    Some(match excerpt_of(spec, &schema, value) {
        Some((field, elem)) => {
            report.issues.push(Issue {
                source: ex.source.clone(),
                operation: op.name.clone(),
                path: String::new(),
                message: format!(
                    "example shows one element of `{field}`, not the whole `{schema}` body"
                ),
            });
            (elem, format!("{field}[]"))
        }
        None => match items_type(spec, &schema) {
            // A body that is a bare array: its table has the one row `[items]`.
            Some(t) => (t, String::new()),
            None => (TypeRef::Named(schema), String::new()),
        },
    })
}

/// The document line of line `json_line` (1-based) of an example whose source is `start`:
/// the JSON starts at the first `{` or `[` line from `start`; blank lines and page furniture in
/// the document are not part of the example text.
fn json_error_line(doc: &[&str], start: usize, json_line: usize) -> usize {
    let mut l = start.saturating_sub(1);
    while l < doc.len() && !doc[l].trim_start().starts_with(['{', '[']) {
        l += 1;
    }
    let mut remaining = json_line.saturating_sub(1);
    while l < doc.len() && remaining > 0 {
        l += 1;
        if doc.get(l).is_some_and(|t| !t.trim().is_empty()) {
            remaining -= 1;
        }
    }
    l + 1
}

/// The type of a schema that stands for a bare JSON array (one field named `[items]`).
pub fn items_type(spec: &Spec, schema: &str) -> Option<TypeRef> {
    match spec.schemas.get(schema)?.fields.as_slice() {
        [only] if only.name == "[items]" => only.type_ref().ok(),
        _ => None,
    }
}

/// Share of an object's keys that a schema has.
fn coverage(spec: &Spec, schema: &str, members: &serde_json::Map<String, Value>) -> f64 {
    let Some(s) = spec.schemas.get(schema) else {
        return 0.0;
    };
    let known = members
        .keys()
        .filter(|k| s.fields.iter().any(|f| &f.name == *k))
        .count();
    known as f64 / members.len().max(1) as f64
}

/// Some examples print one element of the body's list instead of the body: when most keys miss
/// the body's schema but fit the element schema of one of its fields, that field and its
/// element type.
fn excerpt_of(spec: &Spec, schema: &str, value: &Value) -> Option<(String, TypeRef)> {
    let Value::Object(members) = value else {
        return None;
    };
    if members.is_empty() || coverage(spec, schema, members) >= 0.5 {
        return None;
    }
    let s = spec.schemas.get(schema)?;
    s.fields.iter().find_map(|f| {
        let t = f.type_ref().ok()?;
        let elem = match &t {
            TypeRef::Array(e) => (**e).clone(),
            other => other.clone(),
        };
        let name = elem.named()?.to_string();
        (coverage(spec, &name, members) >= 0.8).then(|| (f.name.clone(), TypeRef::Named(name)))
    })
}

struct Checker<'a> {
    spec: &'a Spec,
    op: &'a str,
    json: &'a str,
    source: &'a str,
    report: &'a mut Report,
    /// Byte offset in `json` of the last key found, so repeated keys map to later lines.
    cursor: usize,
    /// The example's document as lines, when at hand, and the (line index, byte) after the
    /// last key found in it.
    doc: Option<&'a [&'a str]>,
    doc_cursor: (usize, usize),
    /// Field paths of this example without array indices, and whether every occurrence
    /// validated: a list of ten elements counts each of its fields once.
    seen: BTreeMap<String, bool>,
    /// Field paths already reported, and whether as read by the client: each path's first
    /// inconsistency of either kind is listed, so one the client reads hides no failure.
    reported: BTreeSet<(String, bool)>,
}

/// How one occurrence of a field compares with its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The documented JSON type.
    Agrees,
    /// Another form, which the client's lenient reader takes.
    Read,
    /// Missing from the schema, or a form the client does not read.
    Fails,
}

impl Checker<'_> {
    /// The line of the next occurrence of `"key"` in the example text.
    fn line_of(&mut self, key: &str) -> String {
        let (file, start) = split_source(self.source);
        let needle = format!("\"{key}\"");
        if let Some(doc) = self.doc {
            let (mut l, mut col) = self.doc_cursor;
            // An example spans a few hundred lines at most; do not search the whole document.
            let end = doc.len().min(l + 2000);
            while l < end {
                let text = doc[l].get(col..).unwrap_or("");
                if let Some(i) = text.find(&needle) {
                    self.doc_cursor = (l, col + i + needle.len());
                    return format!("{file}:{}", l + 1);
                }
                l += 1;
                col = 0;
            }
        }
        let found = self.json[self.cursor..]
            .find(&needle)
            .map(|i| i + self.cursor);
        let offset = match found {
            Some(i) => {
                self.cursor = i + needle.len();
                i
            }
            None => self.cursor,
        };
        let line = start + self.json[..offset].matches('\n').count();
        format!("{file}:{line}")
    }

    /// Records the outcome for one occurrence of a field; returns whether it is the first
    /// inconsistency of its kind at that field path (the one worth reporting).
    fn record(&mut self, path: &str, verdict: Verdict) -> bool {
        self.report.fields += 1;
        self.report.fields_ok += usize::from(verdict == Verdict::Agrees);
        self.report.fields_read += usize::from(verdict != Verdict::Fails);
        let key = strip_indices(path);
        *self.seen.entry(key.clone()).or_insert(true) &= verdict == Verdict::Agrees;
        verdict != Verdict::Agrees && self.reported.insert((key, verdict == Verdict::Read))
    }

    fn issue(&mut self, key: &str, path: &str, message: String) {
        self.inconsistency(key, path, Verdict::Fails, message);
    }

    fn inconsistency(&mut self, key: &str, path: &str, verdict: Verdict, message: String) {
        let source = self.line_of(key);
        if self.record(path, verdict) {
            self.report.issues.push(Issue {
                source,
                operation: self.op.to_string(),
                path: path.to_string(),
                message,
            });
        }
    }

    /// One member of an object whose schema has the field (or an entry of a map), of type `t`;
    /// `lenient` when the client reads it with a lenient reader.
    fn field(&mut self, key: &str, path: &str, t: &TypeRef, value: &Value, lenient: bool) {
        // A model that is a bare array or map stands for its one field's type.
        let items = t.named().and_then(|n| items_type(self.spec, n));
        let t = items.as_ref().unwrap_or(t);
        if agrees(t, value) {
            self.record(path, Verdict::Agrees);
            self.line_of(key);
            self.check(value, t, path);
            return;
        }
        let msg = format!("`{key}` is {}, the schema says {t}", kind(value));
        if lenient && lenient::client_reads(t, value) == Some(true) {
            let msg = format!("{msg} (the client reads it)");
            self.inconsistency(key, path, Verdict::Read, msg);
        } else {
            self.issue(key, path, msg);
        }
    }

    fn check(&mut self, v: &Value, ty: &TypeRef, path: &str) {
        match (ty, v) {
            (_, Value::Null) => {}
            (TypeRef::Named(name), Value::Object(members)) => {
                let Some(schema) = self.spec.schemas.get(name) else {
                    return;
                };
                for (key, value) in members {
                    let p = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    match schema.fields.iter().find(|f| &f.name == key) {
                        None => {
                            self.issue(key, &p, format!("schema `{name}` has no field `{key}`"))
                        }
                        Some(f) => match f.type_ref() {
                            // Fields with listed values may become enums, which have no
                            // lenient reader: not counted as read (an undercount at worst).
                            Ok(t) => self.field(key, &p, &t, value, f.enum_values.is_empty()),
                            Err(e) => {
                                self.issue(key, &p, format!("field type does not parse: {e}"))
                            }
                        },
                    }
                }
            }
            (TypeRef::Array(elem), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(item, elem, &format!("{path}[{i}]"));
                }
            }
            // A map's entries are its fields, of the value type whatever their keys.
            (TypeRef::Map(val), Value::Object(members)) => {
                for (key, item) in members {
                    let p = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    // The client reads map values strictly: no lenient reader there.
                    self.field(key, &p, val, item, false);
                }
            }
            _ => {}
        }
    }
}

/// `a[0].b[12].c` → `a[].b[].c`.
fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for ch in path.chars() {
        match ch {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(ch),
        }
    }
    out
}

/// Whether a JSON value can be of type `t` (nested members are checked separately).
pub fn agrees(t: &TypeRef, v: &Value) -> bool {
    match (t, v) {
        (_, Value::Null) => true,
        (TypeRef::String, Value::String(_)) => true,
        (TypeRef::Integer | TypeRef::Long, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (TypeRef::Float | TypeRef::Double | TypeRef::Number, Value::Number(_)) => true,
        (TypeRef::Boolean, Value::Bool(_)) => true,
        (TypeRef::Object | TypeRef::Map(_) | TypeRef::Named(_), Value::Object(_)) => true,
        (TypeRef::Array(_), Value::Array(_)) => true,
        _ => false,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_agree_like_json() {
        assert!(agrees(&TypeRef::Integer, &serde_json::json!(3)));
        assert!(!agrees(&TypeRef::Integer, &serde_json::json!(3.5)));
        assert!(agrees(&TypeRef::Float, &serde_json::json!(3)));
        assert!(!agrees(&TypeRef::String, &serde_json::json!(true)));
        assert!(agrees(&TypeRef::String, &serde_json::json!(null)));
    }
}
