//! What a scrape writes into its service folder (`spec.yaml` and `reports/`), the check that a
//! new spec does not lose what the old one had, and the summary printed for a maintainer. The
//! CLI and the staleness tests render through here, so they produce the same bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::accounting;
use crate::example_check::percent;
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
        "# Documents read: layout, language, date, operations, tables kept outside API pages,\n\
         # table rows of operations placed in the spec / seen, examples that validate / seen\n\
         # (and those the generated client reads: scalars in a form its lenient readers take)\n",
    );
    let examples = example_counts(s);
    for d in &s.documents {
        let (rows_seen, rows_placed) = s.rows.get(&d.file).copied().unwrap_or_default();
        let (ex_seen, ex_ok, ex_read) = examples.get(d.file.as_str()).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {} {} {} ops={} tables={} rows={rows_placed}/{rows_seen} examples={ex_ok}/{ex_seen} read={ex_read}/{ex_seen}{}",
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
    let (rows_seen, rows_placed) = accounting::total(&s.rows);
    let (ex_seen, ex_ok, ex_read) = examples
        .values()
        .fold((0, 0, 0), |(a, b, c), (d, e, f)| (a + d, b + e, c + f));
    let _ = writeln!(
        out,
        "total: {} documents, {read} read, {api} with operations; rows placed {rows_placed}/{rows_seen} ({:.2}%); examples that validate {ex_ok}/{ex_seen} ({:.2}%), read by the client {ex_read}/{ex_seen} ({:.2}%)",
        s.documents.len(),
        percent(rows_placed, rows_seen),
        percent(ex_ok, ex_seen),
        percent(ex_read, ex_seen),
    );
    out
}

/// Examples with JSON per document: (seen, validating, read by the client).
fn example_counts(s: &Scrape) -> std::collections::BTreeMap<&str, (usize, usize, usize)> {
    let mut out = std::collections::BTreeMap::new();
    for o in &s.report.outcomes {
        let file = o
            .source
            .rsplit_once(':')
            .map_or(o.source.as_str(), |(f, _)| f);
        let entry: &mut (usize, usize, usize) = out.entry(file).or_default();
        entry.0 += 1;
        entry.1 += usize::from(o.validates);
        entry.2 += usize::from(o.read);
    }
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
    let (rows_seen, rows_placed) = accounting::total(&s.rows);
    format!(
        "{name}: {} documents ({api_pages} with operations), {} operations ({deprecated} deprecated), {} schemas, {} error codes\n\
         {name}: {} errors, {} warnings, {} notes, {} merge changes; table rows placed {rows_placed}/{rows_seen} ({:.2}%)\n\
         {name} examples: {}/{} valid JSON ({} more repaired), {}/{} fields validate ({:.2}%), {}/{} read by the client ({:.2}%)",
        s.documents.len(),
        spec.operations.len(),
        spec.schemas.len(),
        spec.error_codes.len(),
        s.count(Severity::Error),
        s.count(Severity::Warning),
        s.count(Severity::Note),
        s.changes.len(),
        percent(rows_placed, rows_seen),
        r.valid_json,
        r.examples,
        r.repaired,
        r.fields_ok,
        r.fields,
        r.fields_ok_percent(),
        r.fields_read,
        r.fields,
        r.fields_read_percent(),
    )
}
