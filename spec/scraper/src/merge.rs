//! Merging the spec of one single page into the spec built so far (the PDF's, then page by page).
//!
//! Operations are the same when method and path match. Which document wins depends on dates:
//! - a page newer than the source of the operation (its `Updated on` / `更新时间` against the
//!   PDF's issue date) wins for structure: fields it adds, removes or retypes change the spec;
//! - an undated or older page only fills gaps (missing fields, enums, defaults, bounds);
//! - equal dates keep the richer value per field and report each disagreement.
//!
//! Every difference that reaches the spec is returned as a [`MergeChange`] naming both sources.
//! Descriptions keep both languages (`description` / `description_zh`, `title_zh`). A page that
//! does not state required-ness (its Mandatory cells were icons) leaves it as it was; path
//! parameters are always required. Whatever wins carries its own `file:line` as `source`.
//! A schema that other operations share is copied under the operation's name before a page
//! changes its structure, so one page never changes another operation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{Field, Location, Operation, Response, Schema, Source, Spec, TypeRef};
use crate::raw::{Diagnostic, Pos, Severity};

mod field;

/// What one page changed, per field.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeChange {
    pub operation: String,
    /// Where: `params.instance_id`, `BackupInstanceBody.backup_format`, `responses.204`.
    pub path: String,
    pub kind: ChangeKind,
    pub before: Option<String>,
    pub after: Option<String>,
    /// `file:line` of the value the spec had, and of the page's value.
    pub base_source: Option<String>,
    pub page_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// The page has an operation the spec lacked.
    OperationAdded,
    FieldAdded,
    FieldRemoved,
    Retyped,
    /// `required`, `enum`, `default`, `minimum`, `maximum`, `min_length`, `max_length`.
    Attribute(&'static str),
    ResponseAdded,
    ResponseRemoved,
    BodyAdded,
    BodyRemoved,
    /// Both documents state different things and the spec keeps its value (equal dates, or
    /// an undated or older page).
    Disagreement(String),
}

impl fmt::Display for MergeChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.kind {
            ChangeKind::OperationAdded => "operation added".to_string(),
            ChangeKind::FieldAdded => "field added".to_string(),
            ChangeKind::FieldRemoved => "field removed".to_string(),
            ChangeKind::Retyped => "type".to_string(),
            ChangeKind::Attribute(a) => a.to_string(),
            ChangeKind::ResponseAdded => "response added".to_string(),
            ChangeKind::ResponseRemoved => "response removed".to_string(),
            ChangeKind::BodyAdded => "body added".to_string(),
            ChangeKind::BodyRemoved => "body removed".to_string(),
            ChangeKind::Disagreement(what) => format!("{what}: not taken (disagreement)"),
        };
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_string());
        write!(
            f,
            "{}: {}: {what}: {} -> {}",
            self.operation,
            self.path,
            show(&self.before),
            show(&self.after)
        )?;
        write!(
            f,
            " [{} | {}]",
            self.base_source.as_deref().unwrap_or("-"),
            self.page_source.as_deref().unwrap_or("-")
        )
    }
}

/// The merged spec with what changed.
#[derive(Debug, Clone)]
pub struct Merged {
    pub spec: Spec,
    pub changes: Vec<MergeChange>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Who decides when the documents differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precedence {
    /// The page is newer: it wins for structure.
    PageWins,
    /// Same date: keep the richer value, report disagreements.
    Equal,
    /// Undated or older page: fills gaps only.
    FillOnly,
}

/// The precedence of a page dated `page` over a document dated `base` (`YYYY-MM-DD`).
pub fn precedence(base: Option<&str>, page: Option<&str>) -> Precedence {
    match (base, page) {
        (_, None) => Precedence::FillOnly,
        (None, Some(_)) => Precedence::PageWins,
        (Some(b), Some(p)) if p > b => Precedence::PageWins,
        (Some(b), Some(p)) if p == b => Precedence::Equal,
        _ => Precedence::FillOnly,
    }
}

/// Merges `page` (the normalized spec of one edition: a page, or the pages of one date and
/// language, whose sources `page.service.sources` lists) into `base`. `unknown_required` holds
/// the `file:line` sources of the page's fields whose required-ness the page does not state (see
/// [`crate::raw::RawRow::required`]).
pub fn merge(base: Spec, page: &Spec, unknown_required: &BTreeSet<String>) -> Merged {
    let fallback = Source {
        file: String::new(),
        format: String::new(),
        language: String::new(),
        updated: None,
    };
    let page_source = page.service.sources.first().unwrap_or(&fallback).clone();
    let mut m = Merger {
        spec: base,
        page,
        page_source: &page_source,
        unknown_required,
        changes: Vec::new(),
        diagnostics: Vec::new(),
        imported: BTreeMap::new(),
        op_name: String::new(),
    };
    for source in &page.service.sources {
        if !m.spec.service.sources.iter().any(|s| s.file == source.file) {
            m.spec.service.sources.push(source.clone());
        }
    }
    for op in &page.operations {
        m.operation(op);
    }
    Merged {
        spec: m.spec,
        changes: m.changes,
        diagnostics: m.diagnostics,
    }
}

struct Merger<'a> {
    spec: Spec,
    page: &'a Spec,
    page_source: &'a Source,
    unknown_required: &'a BTreeSet<String>,
    changes: Vec<MergeChange>,
    diagnostics: Vec<Diagnostic>,
    /// Page schema name → spec schema name, for schemas copied into the spec.
    imported: BTreeMap<String, String>,
    op_name: String,
}

fn file_of(source: &str) -> &str {
    source.rsplit_once(':').map_or(source, |(f, _)| f)
}

fn line_of(source: &str) -> usize {
    source
        .rsplit_once(':')
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0)
}

/// Schema names a type refers to.
fn refs(ty: &str) -> Option<String> {
    ty.parse::<TypeRef>()
        .ok()
        .and_then(|t| t.named().map(str::to_string))
}

/// `array<X>` with X replaced by `to`.
fn replace_name(ty: &str, from: &str, to: &str) -> String {
    crate::normalize::schemas::rename_in_type(ty, from, to)
}

/// The type with its schema name blanked, to compare wrappers (`array<_>`).
fn wrapper(ty: &str) -> String {
    match refs(ty) {
        Some(n) => replace_name(ty, &n, "_"),
        None => ty.to_string(),
    }
}

/// The top-level keys of a page operation's body (its schema's fields, or its examples').
fn page_body_keys(page: &Spec, op: &Operation) -> Vec<String> {
    let mut keys: Vec<String> = op
        .body
        .as_ref()
        .and_then(|b| page.schemas.get(b))
        .map(|s| s.fields.iter().map(|f| f.name.clone()).collect())
        .unwrap_or_default();
    for e in &op.examples {
        if let Some(serde_json::Value::Object(m)) =
            e.json.as_deref().and_then(|j| serde_json::from_str(j).ok())
        {
            keys.extend(m.keys().cloned());
        }
    }
    keys
}

fn is_zh(source: &Source) -> bool {
    source.language == "zh"
}

impl Merger<'_> {
    fn change(
        &mut self,
        path: &str,
        kind: ChangeKind,
        before: Option<String>,
        after: Option<String>,
        base: Option<&str>,
        page: Option<&str>,
    ) {
        if let ChangeKind::Disagreement(what) = &kind {
            let line = page.map_or(0, line_of);
            self.diagnostics.push(Diagnostic {
                pos: Pos { file: page.map_or(self.page_source.file.as_str(), file_of).to_string(), line },
                severity: Severity::Warning,
                message: format!(
                    "{}: {path}: {what}: the page disagrees with {} ({} vs {}); the spec keeps its value",
                    self.op_name,
                    base.unwrap_or("-"),
                    before.as_deref().unwrap_or("(none)"),
                    after.as_deref().unwrap_or("(none)")
                ),
            });
        }
        self.changes.push(MergeChange {
            operation: self.op_name.clone(),
            path: path.to_string(),
            kind,
            before,
            after,
            base_source: base.map(str::to_string),
            page_source: page.map(str::to_string),
        });
    }

    fn date_of(&self, source: &str) -> Option<String> {
        let file = file_of(source);
        self.spec
            .service
            .sources
            .iter()
            .find(|s| s.file == file)
            .and_then(|s| s.updated.clone())
    }

    /// The spec's operation a page's operation describes: the same method and path and, among
    /// operations that share those, the one whose discriminator the page's body has.
    fn counterpart(&self, pop: &Operation) -> Option<usize> {
        let same: Vec<usize> = (0..self.spec.operations.len())
            .filter(|&i| {
                let o = &self.spec.operations[i];
                o.method == pop.method && o.path == pop.path
            })
            .collect();
        if same.len() <= 1 {
            return same.first().copied();
        }
        let keys = page_body_keys(self.page, pop);
        same.into_iter().find(|&i| {
            self.spec.operations[i]
                .discriminator
                .as_deref()
                .is_some_and(|d| keys.iter().any(|k| k == d.split('=').next().unwrap_or(d)))
        })
    }

    fn operation(&mut self, pop: &Operation) {
        self.op_name = pop.name.clone();
        let Some(i) = self.counterpart(pop) else {
            self.add_operation(pop);
            return;
        };
        self.op_name = self.spec.operations[i].name.clone();
        let prec = precedence(
            self.date_of(&self.spec.operations[i].source).as_deref(),
            self.page_source.updated.as_deref(),
        );
        let mut op = self.spec.operations[i].clone();
        let zh = is_zh(self.page_source);
        if zh {
            if op.title_zh.is_none() || prec == Precedence::PageWins {
                op.title_zh = Some(pop.title.clone());
            }
            if !pop.description.is_empty()
                && (op.description_zh.is_none() || prec == Precedence::PageWins)
            {
                op.description_zh = Some(pop.description.clone());
            }
        } else if !pop.description.is_empty()
            && (op.description.is_empty() || prec == Precedence::PageWins)
        {
            op.description = pop.description.clone();
        }
        op.params = self.fields("params", &op.params, &pop.params, prec);
        op.body = self.body(&op, pop, prec);
        op.responses = self.responses(&op, pop, prec);
        // Every document's examples are kept (each with its source), so example validation
        // runs over all of them.
        op.examples.extend(pop.examples.iter().cloned());
        if prec == Precedence::PageWins {
            op.source = pop.source.clone();
        }
        self.spec.operations[i] = op;
    }

    fn add_operation(&mut self, pop: &Operation) {
        let mut op = pop.clone();
        if is_zh(self.page_source) {
            op.title_zh = Some(pop.title.clone());
            op.description_zh = Some(pop.description.clone()).filter(|d| !d.is_empty());
        }
        op.params = pop.params.iter().map(|f| self.import_field(f)).collect();
        op.body = pop.body.as_ref().map(|b| self.import_schema(b));
        op.responses = pop
            .responses
            .iter()
            .map(|r| Response {
                body: r.body.as_ref().map(|b| self.import_schema(b)),
                ..r.clone()
            })
            .collect();
        let mut name = op.name.clone();
        let mut k = 2;
        while self.spec.operations.iter().any(|o| o.name == name) {
            name = format!("{}{k}", op.name);
            k += 1;
        }
        op.name = name;
        self.op_name = op.name.clone();
        self.change(
            "",
            ChangeKind::OperationAdded,
            None,
            Some(format!("{} {}", op.method, op.path)),
            None,
            Some(&pop.source),
        );
        self.spec.operations.push(op);
    }

    fn body(&mut self, op: &Operation, pop: &Operation, prec: Precedence) -> Option<String> {
        match (&op.body, &pop.body) {
            (Some(b), Some(p)) => Some(self.schema(b, p, prec)),
            (None, Some(p)) => {
                let name = self.import_schema(p);
                let src = self.page.schemas.get(p).map(|s| s.source.clone());
                self.change(
                    "body",
                    ChangeKind::BodyAdded,
                    None,
                    Some(name.clone()),
                    None,
                    src.as_deref(),
                );
                Some(name)
            }
            (Some(b), None) if prec == Precedence::PageWins => {
                let src = self.spec.schemas.get(b).map(|s| s.source.clone());
                self.change(
                    "body",
                    ChangeKind::BodyRemoved,
                    Some(b.clone()),
                    None,
                    src.as_deref(),
                    Some(&pop.source),
                );
                None
            }
            (b, _) => b.clone(),
        }
    }

    fn responses(&mut self, op: &Operation, pop: &Operation, prec: Precedence) -> Vec<Response> {
        let mut out = Vec::new();
        for r in &op.responses {
            match pop.responses.iter().find(|p| p.status == r.status) {
                Some(p) => {
                    let mut merged = r.clone();
                    if merged.description.is_empty() && !is_zh(self.page_source) {
                        merged.description = p.description.clone();
                    }
                    merged.body = match (&r.body, &p.body) {
                        (Some(b), Some(pb)) => Some(self.schema(b, pb, prec)),
                        (None, Some(pb)) => {
                            let name = self.import_schema(pb);
                            let path = format!("responses.{}", r.status);
                            self.change(
                                &path,
                                ChangeKind::BodyAdded,
                                None,
                                Some(name.clone()),
                                Some(&op.source),
                                Some(&pop.source),
                            );
                            Some(name)
                        }
                        (b, _) => b.clone(),
                    };
                    out.push(merged);
                }
                None if prec == Precedence::PageWins => {
                    let path = format!("responses.{}", r.status);
                    self.change(
                        &path,
                        ChangeKind::ResponseRemoved,
                        Some(r.status.to_string()),
                        None,
                        Some(&op.source),
                        Some(&pop.source),
                    );
                }
                None => out.push(r.clone()),
            }
        }
        for p in &pop.responses {
            if !op.responses.iter().any(|r| r.status == p.status) {
                let path = format!("responses.{}", p.status);
                self.change(
                    &path,
                    ChangeKind::ResponseAdded,
                    None,
                    Some(p.status.to_string()),
                    Some(&op.source),
                    Some(&pop.source),
                );
                let body = p.body.as_ref().map(|b| self.import_schema(b));
                out.push(Response { body, ..p.clone() });
            }
        }
        out.sort_by_key(|r| r.status);
        out
    }

    /// Merges page schema `page_name` into spec schema `base_name`; returns the spec name the
    /// operation now uses (a copy when a shared schema changes structurally).
    fn schema(&mut self, base_name: &str, page_name: &str, prec: Precedence) -> String {
        let (Some(base), Some(page)) = (
            self.spec.schemas.get(base_name).cloned(),
            self.page.schemas.get(page_name).cloned(),
        ) else {
            return base_name.to_string();
        };
        let before = self.changes.len();
        let fields = self.fields(base_name, &base.fields, &page.fields, prec);
        let structural = fields
            .iter()
            .map(|f| (&f.name, &f.ty))
            .ne(base.fields.iter().map(|f| (&f.name, &f.ty)))
            || self.changes[before..]
                .iter()
                .any(|c| !matches!(c.kind, ChangeKind::Disagreement(_)));
        let source = if prec == Precedence::PageWins {
            page.source.clone()
        } else {
            base.source.clone()
        };
        let merged = Schema {
            fields,
            source,
            ..base
        };
        if structural && self.users(base_name) > 1 {
            let mut name = format!(
                "{}{}",
                self.op_name,
                base_name.strip_prefix(&self.op_name).unwrap_or(base_name)
            );
            let mut k = 2;
            while self.spec.schemas.contains_key(&name) {
                name = format!("{}{}{k}", self.op_name, base_name);
                k += 1;
            }
            self.spec.schemas.insert(name.clone(), merged);
            return name;
        }
        self.spec.schemas.insert(base_name.to_string(), merged);
        base_name.to_string()
    }

    /// Number of operations that reach schema `name`.
    fn users(&self, name: &str) -> usize {
        self.spec
            .operations
            .iter()
            .filter(|op| self.reaches(op, name))
            .count()
    }

    fn reaches(&self, op: &Operation, name: &str) -> bool {
        let mut stack: Vec<String> = op
            .body
            .iter()
            .cloned()
            .chain(op.responses.iter().filter_map(|r| r.body.clone()))
            .collect();
        stack.extend(op.params.iter().filter_map(|f| refs(&f.ty)));
        let mut seen = BTreeSet::new();
        while let Some(s) = stack.pop() {
            if s == name {
                return true;
            }
            if seen.insert(s.clone()) {
                if let Some(schema) = self.spec.schemas.get(&s) {
                    stack.extend(schema.fields.iter().filter_map(|f| refs(&f.ty)));
                }
            }
        }
        false
    }

    /// Copies a page schema (and what it refers to) into the spec; returns its spec name.
    fn import_schema(&mut self, page_name: &str) -> String {
        if let Some(n) = self.imported.get(page_name) {
            return n.clone();
        }
        let Some(schema) = self.page.schemas.get(page_name).cloned() else {
            return page_name.to_string();
        };
        // Provisional entry: a schema that refers to itself stops here.
        self.imported
            .insert(page_name.to_string(), page_name.to_string());
        let fields: Vec<Field> = schema.fields.iter().map(|f| self.import_field(f)).collect();
        let schema = Schema { fields, ..schema };
        let shape = |s: &Schema| {
            s.fields
                .iter()
                .map(|f| (f.name.clone(), f.ty.clone()))
                .collect::<Vec<_>>()
        };
        let mut name = page_name.to_string();
        let mut k = 1;
        loop {
            match self.spec.schemas.get(&name) {
                Some(existing) if shape(existing) == shape(&schema) => break,
                Some(_) => {
                    name = if k == 1 {
                        format!("{}{page_name}", self.op_name)
                    } else {
                        format!("{}{page_name}{k}", self.op_name)
                    };
                    k += 1;
                }
                None => {
                    self.spec.schemas.insert(name.clone(), schema.clone());
                    break;
                }
            }
        }
        self.imported.insert(page_name.to_string(), name.clone());
        name
    }

    fn import_field(&mut self, f: &Field) -> Field {
        let mut f = f.clone();
        if let Some(n) = refs(&f.ty) {
            let to = self.import_schema(&n);
            f.ty = replace_name(&f.ty, &n, &to);
        }
        if is_zh(self.page_source) && !f.description.is_empty() {
            f.description_zh = Some(std::mem::take(&mut f.description));
        }
        if f.location == Some(Location::Path) {
            f.required = true;
        }
        f
    }
}
