//! The scrape pipeline of one service folder, one stage per step:
//!
//! ```text
//! sources/*  ──layouts::detect + parse──▶ RawDoc per document (tables, URIs, examples, outline)
//!            ──editions::group──────────▶ editions, base first, pages in outline order
//!            ──links::resolve───────────▶ tables other pages describe, copied where linked
//!            ──normalize────────────────▶ a Spec per edition (names, types, enums, schemas)
//!            ──accounting───────────────▶ every table row placed, or reported at its line
//!            ──shapes───────────────────▶ wrapper keys and maps the examples show, tables leave out
//!            ──discriminate─────────────▶ what tells apart operations on one method and path
//!            ──merge────────────────────▶ one Spec (later editions change or fill the base)
//!            ──manifest─────────────────▶ the service block (name, title, client, endpoint)
//!            ──waiters──────────────────▶ reads that tell a resource's state, values classified
//!            ──example_check────────────▶ examples checked against the schemas (Report)
//! ```
//!
//! One document that cannot be read never stops the others: its problems become diagnostics
//! and the rest is scraped. The caller decides what to write ([`crate::outputs`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::accounting;
use crate::discriminate::discriminate;
use crate::editions::{self, Edition};
use crate::example_check::{self, Report};
use crate::layouts::{self, Layout};
use crate::links;
use crate::merge::{merge, MergeChange};
use crate::model::{Service, Spec};
use crate::normalize::{self, Context};
use crate::raw::{Diagnostic, RawDoc, Severity};
use crate::service::{Document, DocumentHint, Manifest, ServiceDir};
use crate::shapes;

/// What scraping a service folder produced.
#[derive(Debug, Clone)]
pub struct Scrape {
    pub spec: Spec,
    /// Sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What the later editions changed in the base, in merge order.
    pub changes: Vec<MergeChange>,
    pub report: Report,
    /// What each document gave, in the order the documents were read.
    pub documents: Vec<DocumentSummary>,
    /// Table rows of operations per document: (seen, placed in the spec).
    pub rows: accounting::Counts,
}

/// One document's share of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub file: String,
    /// `None` when no layout recognized it.
    pub layout: Option<&'static str>,
    pub language: String,
    pub updated: Option<String>,
    pub title: Option<String>,
    pub operations: usize,
    /// Tables outside API pages, kept for reference.
    pub tables: usize,
    /// Whether it could be read at all.
    pub read: bool,
}

impl Scrape {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Scrapes the service folder `dir` into its spec.
pub fn scrape(dir: &ServiceDir) -> Scrape {
    let (docs, mut diagnostics) = dir.documents();
    scrape_documents(&dir.manifest, &docs, diagnostics.split_off(0))
}

/// Scrapes documents already in memory (what [`scrape`] reads from the folder).
pub fn scrape_documents(
    manifest: &Manifest,
    docs: &[Document],
    mut diagnostics: Vec<Diagnostic>,
) -> Scrape {
    let mut summaries = Vec::with_capacity(docs.len());
    let mut parsed = Vec::with_capacity(docs.len());
    for (raw, summary, mut diags) in read_documents(docs) {
        summaries.push(summary);
        parsed.extend(raw);
        diagnostics.append(&mut diags);
    }
    let deprecated_titles: BTreeMap<&str, &[String]> = docs
        .iter()
        .map(|d| (d.file.as_str(), d.hint.deprecated.as_slice()))
        .collect();
    let is_deprecated = |file: &str, title: &str| {
        crate::words::is_deprecated_title(title)
            || deprecated_titles
                .get(file)
                .is_some_and(|l| l.iter().any(|t| t == title))
    };
    let mut editions = editions::group(parsed, &is_deprecated);
    for edition in &mut editions {
        links::resolve(edition, &mut diagnostics);
    }
    let cx = Context {
        service_word: manifest.service_word(),
    };
    let mut rows = accounting::Counts::new();
    let (spec, changes) = merge_editions(&editions, &cx, &mut rows, &mut diagnostics);
    let mut spec = with_manifest(spec, manifest);
    crate::rejoin::identifiers(&mut spec);
    crate::waiters::find(&mut spec, &manifest.waiters, &mut diagnostics);
    if spec.operations.is_empty() {
        // About the folder as a whole: it is put at the first document, if any.
        let first = docs
            .first()
            .map_or(crate::service::SOURCES, |d| d.file.as_str());
        diagnostics.push(Diagnostic::new(
            first,
            1,
            Severity::Error,
            "no operation came out of the documents",
        ));
    }
    let texts: BTreeMap<String, String> = docs
        .iter()
        .map(|d| (d.file.clone(), d.text.clone()))
        .collect();
    let report = example_check::validate_with_sources(&spec, &texts);
    diagnostics.sort();
    diagnostics.dedup();
    Scrape {
        spec,
        diagnostics,
        changes,
        report,
        documents: summaries,
        rows,
    }
}

/// What reading one document gave.
type Read = (Option<RawDoc>, DocumentSummary, Vec<Diagnostic>);

/// Reads every document, on as many threads as the machine offers (pages are independent; a
/// reference of hundreds of HTML pages spends most of its time here). The results keep the
/// documents' order.
fn read_documents(docs: &[Document]) -> Vec<Read> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(docs.len().max(1));
    let chunk = docs.len().div_ceil(threads).max(1);
    let read_all = |part: &[Document]| -> Vec<Read> {
        part.iter()
            .map(|d| {
                let mut diags = Vec::new();
                let (raw, summary) = read_document(d, &mut diags);
                (raw, summary, diags)
            })
            .collect()
    };
    if threads <= 1 {
        return read_all(docs);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| scope.spawn(move || read_all(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Detects the layout of a document (or takes the manifest's) and parses it.
fn read_document(
    doc: &Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<RawDoc>, DocumentSummary) {
    let mut summary = DocumentSummary {
        file: doc.file.clone(),
        layout: None,
        language: String::new(),
        updated: None,
        title: None,
        operations: 0,
        tables: 0,
        read: false,
    };
    let layout = doc
        .hint
        .layout
        .as_deref()
        .and_then(Layout::from_name)
        .or_else(|| layouts::detect(&doc.text));
    let Some(layout) = layout else {
        diagnostics.push(Diagnostic::new(
            &doc.file,
            1,
            Severity::Warning,
            "no layout recognizes this document (not PDF text, a single API page or HTML); skipped",
        ));
        return (None, summary);
    };
    summary.layout = Some(layout.name());
    match layout.parse(&doc.file, &doc.text) {
        Ok(mut raw) => {
            apply_hint(&mut raw, &doc.hint);
            diagnostics.append(&mut raw.diagnostics);
            summary.read = true;
            summary.language = raw.language.clone();
            summary.updated = raw.updated.clone();
            summary.title = raw.title.clone();
            summary.operations = raw.operations.len();
            summary.tables = raw.tables.len();
            (Some(raw), summary)
        }
        Err(mut diags) => {
            diagnostics.append(&mut diags);
            (None, summary)
        }
    }
}

/// What the manifest says wins over what the parser read: it is there for what the documents
/// do not say, or say wrongly.
fn apply_hint(raw: &mut RawDoc, hint: &DocumentHint) {
    if let Some(l) = &hint.language {
        raw.language = l.clone();
    }
    if let Some(d) = &hint.updated {
        raw.updated = Some(d.clone());
    }
}

/// Normalizes each edition and merges them into the base, in order.
fn merge_editions(
    editions: &[Edition],
    cx: &Context,
    rows: &mut accounting::Counts,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Spec, Vec<MergeChange>) {
    let mut spec: Option<Spec> = None;
    let mut changes = Vec::new();
    for edition in editions {
        let mut normalized = normalize::normalize(&edition.docs, cx);
        diagnostics.append(&mut normalized.diagnostics);
        accounting::rows(&edition.docs, &normalized.placed, rows, diagnostics);
        shapes::apply(&mut normalized.spec, diagnostics);
        discriminate(&mut normalized.spec, diagnostics);
        spec = Some(match spec {
            None => normalized.spec,
            Some(base) => {
                let mut merged = merge(base, &normalized.spec, &unknown_required(edition));
                diagnostics.append(&mut merged.diagnostics);
                changes.append(&mut merged.changes);
                merged.spec
            }
        });
    }
    (spec.unwrap_or_else(empty_spec), changes)
}

fn empty_spec() -> Spec {
    Spec {
        service: Service::default(),
        operations: Vec::new(),
        schemas: BTreeMap::new(),
        error_codes: Vec::new(),
        waiters: Vec::new(),
    }
}

/// `file:line` of every row whose required-ness the edition does not state.
fn unknown_required(edition: &Edition) -> BTreeSet<String> {
    edition
        .docs
        .iter()
        .flat_map(|d| {
            d.operations
                .iter()
                .flat_map(|o| &o.tables)
                .flat_map(|t| &t.rows)
                .filter(|r| r.required.is_none())
                .map(move |r| format!("{}:{}", d.file, r.line))
        })
        .collect()
}

/// The service block: the manifest's names and the documents the spec came from.
fn with_manifest(mut spec: Spec, m: &Manifest) -> Spec {
    spec.service = Service {
        name: m.name.clone(),
        title: m.title.clone(),
        client: m.client.clone(),
        endpoint: m.endpoint.clone(),
        error_prefix: m.error_prefix.clone(),
        sources: std::mem::take(&mut spec.service.sources),
    };
    spec
}
