//! What a scrape writes into its service folder (`spec.yaml` and `reports/`), the check that a
//! new spec does not lose what the old one had, and the summary printed for a maintainer. The
//! CLI and the staleness tests render through here, so they produce the same bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::model::write::write_atomic;
use crate::model::Spec;
use crate::pipeline::Scrape;
use crate::raw::Severity;

/// The spec's file name in a service folder.
pub const SPEC_FILE: &str = "spec.yaml";

/// The files of a scrape, relative to the output folder, with their contents.
pub fn files(s: &Scrape) -> Vec<(&'static str, String)> {
    vec![
        (SPEC_FILE, s.spec.to_yaml()),
        ("reports/documents.txt", documents_report(s)),
        ("reports/diagnostics.txt", diagnostics_report(s)),
        (
            "reports/examples.txt",
            format!(
                "# Example validation: documentation inconsistencies (file:line)\n{}\n",
                s.report
            ),
        ),
        ("reports/merge.txt", merge_report(s)),
    ]
}

fn documents_report(s: &Scrape) -> String {
    let mut out = String::from(
        "# Documents read: layout, language, date, operations, tables kept outside API pages\n",
    );
    for d in &s.documents {
        let _ = writeln!(
            out,
            "{}: {} {} {} ops={} tables={}{}",
            d.file,
            d.layout.unwrap_or("unrecognized"),
            if d.language.is_empty() { "-" } else { &d.language },
            d.updated.as_deref().unwrap_or("undated"),
            d.operations,
            d.tables,
            d.title
                .as_deref()
                .map(|t| format!(" \"{t}\""))
                .unwrap_or_default()
        );
    }
    let read = s.documents.iter().filter(|d| d.read).count();
    let api = s.documents.iter().filter(|d| d.operations > 0).count();
    let _ = writeln!(
        out,
        "total: {} documents, {read} read, {api} with operations",
        s.documents.len()
    );
    out
}

fn diagnostics_report(s: &Scrape) -> String {
    let mut out = String::from("# Scraper diagnostics (file:line)\n");
    for d in &s.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}

fn merge_report(s: &Scrape) -> String {
    let mut out = String::from("# Changes the later editions made to the base edition's spec\n");
    for c in &s.changes {
        let _ = writeln!(out, "{c}");
    }
    out
}

/// What a new spec lost against the old one: operations, schemas and error codes it no longer
/// has, each named.
pub fn losses(old: &Spec, new: &Spec) -> Vec<String> {
    fn gone<'a>(
        kind: &str,
        old: impl Iterator<Item = &'a str>,
        new: impl Iterator<Item = &'a str>,
    ) -> Vec<String> {
        let new: BTreeSet<&str> = new.collect();
        old.filter(|n| !new.contains(n))
            .map(|n| format!("{kind} `{n}`"))
            .collect()
    }
    let mut out = gone(
        "operation",
        old.operations.iter().map(|o| o.name.as_str()),
        new.operations.iter().map(|o| o.name.as_str()),
    );
    out.extend(gone(
        "schema",
        old.schemas.keys().map(String::as_str),
        new.schemas.keys().map(String::as_str),
    ));
    out.extend(gone(
        "error code",
        old.error_codes.iter().map(|e| e.code.as_str()),
        new.error_codes.iter().map(|e| e.code.as_str()),
    ));
    out
}

/// Writes every file atomically (temporary file, then rename) under `dir`.
pub fn write(s: &Scrape, dir: &Path) -> std::io::Result<()> {
    for (name, contents) in files(s) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_atomic(&path, contents.as_bytes())
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

/// A few lines for a maintainer.
pub fn summary(s: &Scrape) -> String {
    let spec = &s.spec;
    let name = &spec.service.name;
    let api_pages = s.documents.iter().filter(|d| d.operations > 0).count();
    let deprecated = spec.operations.iter().filter(|o| o.deprecated).count();
    let r = &s.report;
    format!(
        "{name}: {} documents ({api_pages} with operations), {} operations ({deprecated} deprecated), {} schemas, {} error codes\n\
         {name}: {} errors, {} warnings, {} notes, {} merge changes\n\
         {name} examples: {}/{} valid JSON, {}/{} fields validate ({:.2}%)",
        s.documents.len(),
        spec.operations.len(),
        spec.schemas.len(),
        spec.error_codes.len(),
        s.count(Severity::Error),
        s.count(Severity::Warning),
        s.count(Severity::Note),
        s.changes.len(),
        r.valid_json,
        r.examples,
        r.fields_ok,
        r.fields,
        r.fields_ok_percent(),
    )
}
