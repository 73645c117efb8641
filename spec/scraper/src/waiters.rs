//! Waiters: which read operation tells the state of a resource, and which values of its status
//! end a wait. Found by the structure of the spec, classified by the values' own words and
//! descriptions, completed by the service manifest where those do not tell.
//!
//! A *candidate* is a `GET` that is not deprecated and either
//! - reads one resource: its path ends in a placeholder (`…/instances/{instance_id}`) and its
//!   reply has a field named `status` or `state` at its top level, or in an object at its top
//!   level (`server.status`); or
//! - lists resources that no operation reads one by one: its path ends in a word
//!   (`…/{instance_id}/backups`), it takes no required query parameter, and its reply has one
//!   array of objects that each carry an id (`id`, or `<resource>_id`: `backup_id`) and a
//!   `status` or `state`.
//!
//! Each documented value of the status is classified from what the documents say of it (`●
//! failed: The backup failed.`, `RUNNING (pending configuration)`), else from its own words
//! (`CREATEFAILED`, `SUCCESS`, `INIT`, a word in `-ing`): the state waited for (*done*), a state
//! the resource will not leave for the better (*failed*: failed, error, also expired, deleted,
//! cancelled…), or *in progress*. Words are hints, never exact phrases of one reference.
//!
//! A candidate whose values are all classified, one at least done, gives a waiter per done value
//! (`instance_running`: the resource's name, from the path, and the value), decided by the
//! documents. A candidate with a value left unclassified, or without documented values, gives no
//! waiter but a warning at its status field's row, unless the manifest's `waiters` states its
//! values (decided by the manifest) or skips it. The manifest may also name a read the
//! structure does not find, giving the fields.
//!
//! A waiter records the operations whose reply carries the id it takes (`job_id` of the
//! asynchronous operations of ECS, `backup_id` of a backup just started): what it follows.

use std::collections::BTreeSet;

use crate::model::{
    Field, Location, Operation, Spec, TypeRef, Waiter, WaiterBasis, ARRAY_ITEMS_FIELD,
};
use crate::raw::{Diagnostic, Severity};
use crate::service::{WaiterHint, MANIFEST};

/// What a value of a status means to a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// The state waited for.
    Done,
    /// The resource will not get there: failed, in error, or gone.
    Failed,
    /// Not there yet.
    Pending,
}

/// A read operation that tells the state of a resource, by structure.
#[derive(Debug, Clone)]
struct Candidate<'a> {
    op: &'a Operation,
    resource: String,
    /// From the reply to the array of resources (list reads).
    items: Vec<String>,
    /// The item field matched against the caller's id (list reads).
    id: Option<String>,
    /// From the resource to the status.
    status: Vec<String>,
    field: &'a Field,
}

/// Finds the spec's waiters (replacing any it has) and reports what it could not classify.
pub fn find(spec: &mut Spec, hints: &[WaiterHint], diagnostics: &mut Vec<Diagnostic>) {
    let found = {
        let spec: &Spec = spec;
        let candidates = candidates(spec);
        let mut out = Waiters::default();
        for hint in hints {
            from_hint(spec, hint, &candidates, &mut out, diagnostics);
        }
        let hinted: BTreeSet<&str> = hints.iter().map(|h| h.operation.as_str()).collect();
        for c in candidates
            .iter()
            .filter(|c| !hinted.contains(c.op.name.as_str()))
        {
            from_documents(c, &mut out, diagnostics);
        }
        let mut waiters = out.list;
        // Document order of the operations read, then the order of the values.
        let order = |w: &Waiter| spec.operations.iter().position(|o| o.name == w.operation);
        waiters.sort_by_key(|w| order(w));
        for w in &mut waiters {
            w.started_by = started_by(spec, w);
        }
        waiters
    };
    spec.waiters = found;
}

/// The waiters found so far, by unique name.
#[derive(Default)]
struct Waiters {
    list: Vec<Waiter>,
}

impl Waiters {
    /// Adds a waiter; one of a name already taken is dropped with a note, unless it reads one
    /// resource and the one there lists them (reading one is the better poll).
    fn add(&mut self, w: Waiter, diagnostics: &mut Vec<Diagnostic>) {
        match self.list.iter().position(|x| x.name == w.name) {
            None => self.list.push(w),
            Some(i) if self.list[i].items.len() > w.items.len() => self.list[i] = w,
            Some(i) => {
                let (file, line) = split_source(&w.source);
                diagnostics.push(Diagnostic::new(
                    file,
                    line,
                    Severity::Note,
                    format!(
                        "waiter `{}` of `{}` is `{}`'s already; not kept",
                        w.name, w.operation, self.list[i].operation
                    ),
                ));
            }
        }
    }
}

/// `file:line` → (file, line).
fn split_source(source: &str) -> (&str, usize) {
    match source.rsplit_once(':') {
        Some((f, l)) => (f, l.parse().unwrap_or(0)),
        None => (source, 0),
    }
}

/// Waiters of a candidate the manifest does not mention: from the documents, or a warning.
fn from_documents(c: &Candidate<'_>, out: &mut Waiters, diagnostics: &mut Vec<Diagnostic>) {
    let (file, line) = split_source(&c.field.source);
    let what = format!(
        "`{}` (status `{}`)",
        c.op.name,
        c.items
            .iter()
            .map(|i| format!("{i}[]"))
            .chain(c.status.iter().cloned())
            .collect::<Vec<_>>()
            .join(".")
    );
    let values = &c.field.enum_values;
    if values.is_empty() {
        diagnostics.push(Diagnostic::new(
            file,
            line,
            Severity::Warning,
            format!(
                "{what} reads the state of a resource, but the status lists no values; no waiter \
                 (state them under `waiters` in {MANIFEST}, or `skip: true`)"
            ),
        ));
        return;
    }
    let classes: Vec<(&String, Option<Class>)> = values
        .iter()
        .map(|v| (v, classify(v, &value_notes(v, c.field))))
        .collect();
    let unclear: Vec<&str> = classes
        .iter()
        .filter(|(_, k)| k.is_none())
        .map(|(v, _)| v.as_str())
        .collect();
    let of = |class: Class| -> Vec<String> {
        classes
            .iter()
            .filter(|(_, k)| *k == Some(class))
            .map(|(v, _)| (*v).clone())
            .collect()
    };
    let done = of(Class::Done);
    if !unclear.is_empty() || done.is_empty() {
        let why = if unclear.is_empty() {
            "no value says the state is reached".to_string()
        } else {
            format!(
                "the documents do not tell whether {} end a wait",
                unclear.join(", ")
            )
        };
        diagnostics.push(Diagnostic::new(
            file,
            line,
            Severity::Warning,
            format!(
                "{what} reads the state of a resource, but {why}; no waiter (state the values \
                 under `waiters` in {MANIFEST}, or `skip: true`)"
            ),
        ));
        return;
    }
    let failure = of(Class::Failed);
    let pending = of(Class::Pending);
    for value in &done {
        let w = waiter(
            c,
            value,
            &failure,
            &pending,
            WaiterBasis::Documents,
            &c.field.source,
        );
        if let Some(w) = w {
            out.add(w, diagnostics);
        }
    }
}

/// Waiters of a manifest entry.
fn from_hint(
    spec: &Spec,
    hint: &WaiterHint,
    candidates: &[Candidate<'_>],
    out: &mut Waiters,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if hint.skip {
        return;
    }
    let source = format!("{MANIFEST}:{}", hint.line);
    let mut warn = |message: String| {
        diagnostics.push(Diagnostic::new(
            MANIFEST,
            hint.line,
            Severity::Warning,
            message,
        ))
    };
    let Some(op) = spec.operations.iter().find(|o| o.name == hint.operation) else {
        warn(format!(
            "waiter of `{}`: the spec has no such operation; no waiter",
            hint.operation
        ));
        return;
    };
    if op.method != "GET" {
        warn(format!(
            "waiter of `{}`: a waiter polls a GET, not a {}; no waiter",
            op.name, op.method
        ));
        return;
    }
    let found = candidates.iter().find(|c| c.op.name == op.name);
    let c = match explicit(spec, op, hint, found) {
        Ok(c) => c,
        Err(e) => {
            warn(format!("waiter of `{}`: {e}; no waiter", op.name));
            return;
        }
    };
    if hint.success.is_empty() {
        // Only names or fields from the manifest: the documents classify the values.
        from_documents(&c, out, diagnostics);
        return;
    }
    let documented = &c.field.enum_values;
    if !documented.is_empty() {
        let listed = hint
            .success
            .iter()
            .chain(&hint.failure)
            .chain(&hint.pending);
        let unknown: Vec<&str> = listed
            .filter(|v| !documented.contains(v))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            warn(format!(
                "waiter of `{}`: {} not among the documented values ({})",
                op.name,
                unknown.join(", "),
                documented.join(", ")
            ));
        }
    }
    for value in &hint.success {
        if let Some(w) = waiter(
            &c,
            value,
            &hint.failure,
            &hint.pending,
            WaiterBasis::Manifest,
            &source,
        ) {
            out.add(w, diagnostics);
        }
    }
}

/// The candidate a manifest entry describes: its fields where it gives them, else the
/// structure's.
fn explicit<'a>(
    spec: &'a Spec,
    op: &'a Operation,
    hint: &WaiterHint,
    found: Option<&Candidate<'a>>,
) -> Result<Candidate<'a>, String> {
    let reply = reply_schema(spec, op).ok_or("its reply has no model")?;
    let (items, id) = match (&hint.id, found) {
        (Some(id), _) => (hint.items.clone(), Some(id.clone())),
        (None, Some(c)) => (c.items.clone(), c.id.clone()),
        (None, None) => (Vec::new(), None),
    };
    let resource_schema = if items.is_empty() {
        reply.to_string()
    } else {
        let array = field_at(spec, reply, &items).ok_or_else(|| {
            format!(
                "`items: [{}]` is not a field of the reply",
                items.join(", ")
            )
        })?;
        match array.type_ref() {
            Ok(TypeRef::Array(t)) => match *t {
                TypeRef::Named(n) => n,
                _ => return Err("`items` is not an array of objects".into()),
            },
            _ => return Err("`items` is not an array of objects".into()),
        }
    };
    if let Some(id) = &id {
        field_at(spec, &resource_schema, std::slice::from_ref(id))
            .ok_or_else(|| format!("`id: {id}` is not a field of an item"))?;
    }
    let status = if !hint.status.is_empty() {
        hint.status.clone()
    } else if let Some(c) = found.filter(|c| c.items == items) {
        c.status.clone()
    } else {
        status_field(spec, &resource_schema, if items.is_empty() { 1 } else { 0 })
            .map(|(p, _)| p)
            .ok_or("no `status` or `state` field; give the field names in `status`")?
    };
    let field = field_at(spec, &resource_schema, &status)
        .ok_or_else(|| format!("`status: [{}]` is not a field", status.join(", ")))?;
    let resource = match (&hint.resource, found) {
        (Some(r), _) => snake(r),
        (None, Some(c)) => c.resource.clone(),
        (None, None) => resource_name(op, !items.is_empty()),
    };
    Ok(Candidate {
        op,
        resource,
        items,
        id,
        status,
        field,
    })
}

/// The waiter of one done value, or `None` when the value gives no name.
fn waiter(
    c: &Candidate<'_>,
    value: &str,
    failure: &[String],
    pending: &[String],
    basis: WaiterBasis,
    source: &str,
) -> Option<Waiter> {
    let state = snake(value);
    if state.is_empty() || c.resource.is_empty() {
        return None;
    }
    Some(Waiter {
        name: format!("{}_{state}", c.resource),
        operation: c.op.name.clone(),
        items: c.items.clone(),
        id: c.id.clone(),
        status: c.status.clone(),
        success: vec![value.to_string()],
        failure: failure.to_vec(),
        pending: pending.to_vec(),
        started_by: Vec::new(),
        decided_by: basis,
        source: source.to_string(),
    })
}

/// The read operations that tell the state of a resource, in document order.
fn candidates(spec: &Spec) -> Vec<Candidate<'_>> {
    let gets: Vec<&Operation> = spec
        .operations
        .iter()
        .filter(|o| o.method == "GET" && !o.deprecated)
        .collect();
    let mut out = Vec::new();
    for op in &gets {
        let Some(reply) = reply_schema(spec, op) else {
            continue;
        };
        let last = op.path.rsplit('/').next().unwrap_or("");
        if is_placeholder(last) {
            if let Some((status, field)) = status_field(spec, reply, 1) {
                out.push(Candidate {
                    op,
                    resource: resource_name(op, false),
                    items: Vec::new(),
                    id: None,
                    status,
                    field,
                });
            }
            continue;
        }
        let read_one = gets.iter().any(|g| {
            g.path
                .strip_prefix(op.path.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|rest| !rest.contains('/') && is_placeholder(rest))
        });
        let required_query = op
            .params
            .iter()
            .any(|p| p.location == Some(Location::Query) && p.required);
        if read_one || required_query || last.is_empty() {
            continue;
        }
        if let Some(c) = listed(spec, op, reply) {
            out.push(c);
        }
    }
    out
}

/// The candidate of a list read: one array of objects with an id and a status.
fn listed<'a>(spec: &'a Spec, op: &'a Operation, reply: &str) -> Option<Candidate<'a>> {
    let schema = spec.schemas.get(reply)?;
    let arrays: Vec<(&Field, String)> = schema
        .fields
        .iter()
        .filter_map(|f| match f.type_ref().ok()? {
            TypeRef::Array(t) => match *t {
                TypeRef::Named(n) if is_object(spec, &n) => Some((f, n)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let [(array, item)] = arrays.as_slice() else {
        return None;
    };
    let resource = resource_name(op, true);
    let base = singular(op.path.rsplit('/').next().unwrap_or(""));
    let item_schema = spec.schemas.get(item.as_str())?;
    let id = item_schema
        .fields
        .iter()
        .find(|f| f.name == "id" || f.name == format!("{}_id", snake(&base)))?;
    let (status, field) = status_field(spec, item, 0)?;
    Some(Candidate {
        op,
        resource,
        items: vec![array.name.clone()],
        id: Some(id.name.clone()),
        status,
        field,
    })
}

/// The body model of the first 2xx reply that has one, when it is an object.
fn reply_schema<'a>(spec: &Spec, op: &'a Operation) -> Option<&'a str> {
    let body = op
        .responses
        .iter()
        .filter(|r| (200..300).contains(&r.status))
        .find_map(|r| r.body.as_deref())?;
    is_object(spec, body).then_some(body)
}

/// A schema of the spec that is a JSON object (not a bare array).
fn is_object(spec: &Spec, name: &str) -> bool {
    spec.schemas
        .get(name)
        .is_some_and(|s| !s.fields.iter().any(|f| f.name == ARRAY_ITEMS_FIELD))
}

fn is_placeholder(segment: &str) -> bool {
    segment.len() > 2
        && segment.starts_with('{')
        && segment.ends_with('}')
        && segment != "{project_id}"
}

/// A text or integer field named `status` or `state`, at the top of `schema` or (up to
/// `depth` 1) in an object at its top; the shallowest first.
fn status_field<'a>(
    spec: &'a Spec,
    schema: &str,
    depth: usize,
) -> Option<(Vec<String>, &'a Field)> {
    let fields = &spec.schemas.get(schema)?.fields;
    let is_status = |f: &Field| {
        let n = f.name.to_ascii_lowercase();
        (n == "status" || n == "state")
            && matches!(
                f.type_ref(),
                Ok(TypeRef::String | TypeRef::Integer | TypeRef::Long)
            )
    };
    if let Some(f) = fields.iter().find(|f| is_status(f)) {
        return Some((vec![f.name.clone()], f));
    }
    if depth == 0 {
        return None;
    }
    fields.iter().find_map(|outer| {
        let Ok(TypeRef::Named(inner)) = outer.type_ref() else {
            return None;
        };
        let f = spec
            .schemas
            .get(&inner)?
            .fields
            .iter()
            .find(|f| is_status(f))?;
        Some((vec![outer.name.clone(), f.name.clone()], f))
    })
}

/// The field at the end of `path` from `schema`, through objects.
fn field_at<'a>(spec: &'a Spec, schema: &str, path: &[String]) -> Option<&'a Field> {
    let (last, through) = path.split_last()?;
    let mut at = schema.to_string();
    for name in through {
        let f = spec
            .schemas
            .get(&at)?
            .fields
            .iter()
            .find(|f| &f.name == name)?;
        match f.type_ref().ok()? {
            TypeRef::Named(n) => at = n,
            _ => return None,
        }
    }
    spec.schemas
        .get(&at)?
        .fields
        .iter()
        .find(|f| &f.name == last)
}

/// The resource's name: the path's word for it (before the id placeholder of a read of one,
/// the last of a list), singular, or the operation's noun when that ends with it
/// (`ListBackgroundTask` on `…/tasks` → `background_task`).
fn resource_name(op: &Operation, list: bool) -> String {
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let word = if list {
        segments.last().copied()
    } else {
        segments.iter().rev().nth(1).copied()
    };
    let base = snake(&singular(word.unwrap_or("")));
    let noun = snake(operation_noun(&op.name));
    if !base.is_empty() && (noun == base || noun.ends_with(&format!("_{base}"))) {
        noun
    } else {
        base
    }
}

/// `ShowMigrationTask` → `MigrationTask`: the name without its verb and version suffix.
fn operation_noun(name: &str) -> &str {
    let rest = name
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())
        .map_or("", |(i, _)| &name[i..]);
    let trimmed = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    match trimmed.strip_suffix('V') {
        Some(r) if trimmed.len() < rest.len() => r,
        _ => rest,
    }
}

/// `instances` → `instance`, `policies` → `policy`, `addresses` → `address`.
fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|_| lower.len() > 4) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if lower.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// `migration-task` → `migration_task`, `BackgroundTask` → `background_task`, `SOFT_DELETED`
/// → `soft_deleted`; only ASCII letters and digits are kept.
pub fn snake(text: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        prev = Some(c);
    }
    out.trim_end_matches('_').to_string()
}

/// Operations whose reply gives the id the waiter takes (what the waiter follows: the job an
/// asynchronous operation started, a backup just made): the last path placeholder of a read of
/// one (`job_id`), the item's id of a list (`backup_id`; not a bare `id`, which every reply may
/// have), at the reply's top level or in a top-level array of objects
/// (`instances[].instance_id`), when their path does not already hold it (an operation on
/// `…/{instance_id}/…` only echoes the id).
fn started_by(spec: &Spec, w: &Waiter) -> Vec<String> {
    let Some(read) = spec.operations.iter().find(|o| o.name == w.operation) else {
        return Vec::new();
    };
    let id = match &w.id {
        Some(id) => id.clone(),
        None => read
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_matches(['{', '}'])
            .to_string(),
    };
    if id.is_empty() || id == "id" {
        return Vec::new();
    }
    let placeholder = format!("{{{id}}}");
    spec.operations
        .iter()
        .filter(|o| o.method != "GET" && !o.deprecated && !o.path.contains(&placeholder))
        .filter(|o| reply_schema(spec, o).is_some_and(|r| carries(spec, r, &id)))
        .map(|o| o.name.clone())
        .collect()
}

/// Whether the schema has a field `name` at its top, or in an array of objects there.
fn carries(spec: &Spec, schema: &str, name: &str) -> bool {
    let Some(s) = spec.schemas.get(schema) else {
        return false;
    };
    s.fields.iter().any(|f| {
        let items = match f.type_ref() {
            Ok(TypeRef::Array(t)) => match *t {
                TypeRef::Named(n) => Some(n),
                _ => None,
            },
            _ => None,
        };
        f.name == name
            || items.is_some_and(|n| {
                spec.schemas
                    .get(&n)
                    .is_some_and(|i| i.fields.iter().any(|g| g.name == name))
            })
    })
}

/// What the field's descriptions say of one value: the rest of a line that starts with it
/// (`● failed: The backup failed.`, `RUNNING - in use`), or the words in parentheses after it
/// in a sentence (`RUNNING** (pending configuration)`).
fn value_notes(value: &str, field: &Field) -> Vec<String> {
    let texts = std::iter::once(field.description.as_str()).chain(field.description_zh.as_deref());
    let mut notes = Vec::new();
    for line in texts.flat_map(str::lines) {
        let t = line
            .trim()
            .trim_start_matches(['●', '•', '·', '-', '*', '–'])
            .trim_start()
            .trim_start_matches(['*', '`']);
        if let Some(rest) = t.strip_prefix(value) {
            let rest = rest.trim_start_matches(['*', '`']);
            let note = [":", "：", " -", " –", " (", "("]
                .iter()
                .find_map(|sep| rest.strip_prefix(sep));
            if let Some(note) = note {
                notes.push(note.trim().trim_end_matches(')').to_string());
                continue;
            }
        }
        notes.extend(parenthesized_after(line, value));
    }
    notes
}

/// `… RUNNING** (pending configuration), …` → `pending configuration`, for `value` as a whole
/// word.
fn parenthesized_after(line: &str, value: &str) -> Option<String> {
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(at) = line[from..].find(value).map(|i| i + from) {
        let end = at + value.len();
        from = end;
        let before_ok = !line[..at].chars().next_back().is_some_and(word_char);
        let after = &line[end..];
        if !before_ok || after.chars().next().is_some_and(word_char) {
            continue;
        }
        let after = after.trim_start_matches(['*', '`']).trim_start();
        if let Some(inner) = after.strip_prefix('(') {
            return inner
                .split_once(')')
                .map(|(note, _)| note.trim().to_string());
        }
    }
    None
}

/// Words of a description that say the resource failed or is gone for good.
const FAILED_WORDS: [&str; 10] = [
    "fail",
    "error",
    "abnormal",
    "not running",
    "unavailable",
    "not available",
    "失败",
    "异常",
    "错误",
    "不可用",
];

/// Words that say the resource ended without reaching its state (expired, deleted, …).
const ENDED_WORDS: [&str; 14] = [
    "expired",
    "deleted",
    "cancelled",
    "canceled",
    "terminated",
    "released",
    "removed",
    "aborted",
    "killed",
    "rejected",
    "过期",
    "删除",
    "取消",
    "终止",
];

const PENDING_WORDS: [&str; 13] = [
    "in progress",
    "being ",
    "waiting",
    "awaiting",
    "pending",
    "queued",
    "to begin",
    "not started",
    "initializ",
    "进行中",
    "等待",
    "正在",
    "初始化",
];

const DONE_WORDS: [&str; 11] = [
    "success",
    "succeed",
    "completed",
    "complete",
    "finished",
    "running properly",
    "running normally",
    "available",
    "is ready",
    "成功",
    "完成",
];

/// What one text says of a state, if it says one thing.
fn class_of_text(text: &str) -> Option<Class> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&FAILED_WORDS) || has(&ENDED_WORDS) {
        Some(Class::Failed)
    } else if has(&PENDING_WORDS) {
        Some(Class::Pending)
    } else if has(&DONE_WORDS) {
        Some(Class::Done)
    } else {
        None
    }
}

/// What a value's own words say: `CREATEFAILED`, `SUCCESS`, `INIT`, a word in `-ing`.
fn class_of_value(value: &str) -> Option<Class> {
    let lower = value.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let any = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if lower.contains("fail") || any(&["error", "abnormal", "faulty", "broken"]) {
        return Some(Class::Failed);
    }
    if any(&ENDED_WORDS) {
        return Some(Class::Failed);
    }
    if any(&[
        "success",
        "succeed",
        "succeeded",
        "successful",
        "finish",
        "finished",
        "complete",
        "completed",
        "done",
        "ok",
        "active",
        "available",
        "ready",
    ]) {
        return Some(Class::Done);
    }
    let pending_word = |w: &&str| {
        [
            "init",
            "initial",
            "pending",
            "queued",
            "waiting",
            "wait",
            "new",
            "scheduled",
        ]
        .contains(w)
            || (w.len() > 4 && w.ends_with("ing"))
    };
    words.iter().any(pending_word).then_some(Class::Pending)
}

/// The class of a value: what its notes say when they agree on one, else its own words.
pub fn classify(value: &str, notes: &[String]) -> Option<Class> {
    let said: BTreeSet<Class> = notes.iter().filter_map(|n| class_of_text(n)).collect();
    match said.len() {
        1 => said.into_iter().next(),
        0 => class_of_value(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_by_their_descriptions() {
        let cases = [
            (
                "CREATEFAILED",
                "The instance failed to be created.",
                Class::Failed,
            ),
            (
                "ERROR",
                "The instance is not running properly.",
                Class::Failed,
            ),
            ("RUNNING", "The instance is running properly.", Class::Done),
            (
                "RUNNING",
                "indicates that the task is in progress.",
                Class::Pending,
            ),
            ("waiting", "The task is waiting to begin.", Class::Pending),
            ("succeed", "The backup succeeded.", Class::Done),
            ("expired", "The backup file has expired.", Class::Failed),
            ("RUNNING", "pending configuration", Class::Pending),
            ("FINISH", "The task has completed.", Class::Done),
            (
                "INIT",
                "indicates that the task is being initialized.",
                Class::Pending,
            ),
            ("READY", "the volume can be attached", Class::Done),
            ("成功", "任务成功", Class::Done),
        ];
        for (value, note, class) in cases {
            assert_eq!(
                classify(value, &notes(&[note])),
                Some(class),
                "{value}: {note}"
            );
        }
        // Nothing said either way.
        assert_eq!(
            classify("FROZEN", &notes(&["Frozen for lack of balance."])),
            None
        );
        // Notes that disagree leave it open.
        assert_eq!(
            classify(
                "X",
                &notes(&["The copy succeeded.", "The copy is waiting."])
            ),
            None
        );
    }

    #[test]
    fn values_by_their_own_words() {
        for (value, class) in [
            ("CREATEFAILED", Some(Class::Failed)),
            ("MIGRATION_FAILED", Some(Class::Failed)),
            ("Error", Some(Class::Failed)),
            ("SOFT_DELETED", Some(Class::Failed)),
            ("succeed", Some(Class::Done)),
            ("Completed", Some(Class::Done)),
            ("INIT", Some(Class::Pending)),
            ("backuping", Some(Class::Pending)),
            ("INCRMIGEATING", Some(Class::Pending)),
            ("queued", Some(Class::Pending)),
            ("SHUTOFF", None),
            ("BUILD", None),
            ("ring", None),
        ] {
            assert_eq!(classify(value, &[]), class, "{value}");
        }
    }

    #[test]
    fn notes_of_a_value() {
        let field = Field {
            name: "status".into(),
            description: "Status.\n● waiting: The task is waiting to begin.\n● **done**: It is done.\nThe value can be SUCCESS, RUNNING** (pending configuration), or FAILED.\nRUNNING - in use\nNOT_RUNNING: off".into(),
            description_zh: Some("● waiting：等待开始".into()),
            ..Field::default()
        };
        assert_eq!(
            value_notes("waiting", &field),
            ["The task is waiting to begin.", "等待开始"]
        );
        assert_eq!(value_notes("done", &field), ["It is done."]);
        assert_eq!(
            value_notes("RUNNING", &field),
            ["pending configuration", "in use"]
        );
        assert!(value_notes("FAILED", &field).is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(snake("migration-task"), "migration_task");
        assert_eq!(snake("BackgroundTask"), "background_task");
        assert_eq!(snake("SOFT_DELETED"), "soft_deleted");
        assert_eq!(snake("HTTPServer2Go"), "httpserver2_go");
        assert_eq!(snake(" -x- "), "x");
        assert_eq!(singular("instances"), "instance");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("migration-task"), "migration-task");
        assert_eq!(operation_noun("ShowMigrationTask"), "MigrationTask");
        assert_eq!(operation_noun("ListInstancesV21"), "Instances");
        assert_eq!(operation_noun("ShowEcss2"), "Ecss2");
        assert_eq!(operation_noun("Show"), "");
    }
}
