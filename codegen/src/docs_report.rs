//! `reports/docs.txt`: what the generated docs made of a spec's descriptions (lists, notes,
//! tables rendered as Markdown; cross-references resolved or left as text) and of its example
//! requests (operations with an example; values converted, left out or missing). `cargo regen`
//! writes it beside the scrape's reports, and a test checks it is up to date.

use std::fmt::Write;

use apiref_spec::Spec;

use crate::examples::{example, NoExample, NoteKind};
use crate::markdown::{render, Site, Stats};
use crate::plan::ModelKind;
use crate::{CodegenError, Gen, Options};

/// The report's place in a service folder.
pub const DOCS_REPORT_FILE: &str = "reports/docs.txt";

/// The counts of the report, for a summary line and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocsCounts {
    pub descriptions: Stats,
    pub operations: usize,
    /// Operations whose doc shows an example.
    pub examples: usize,
    /// Operations the document gives no example request.
    pub no_example: usize,
    /// Operations whose example the generated API cannot express, with the reason.
    pub unusable: Vec<(String, String)>,
    /// Values of the examples converted, left out, missing.
    pub converted: usize,
    pub skipped: usize,
    pub missing: usize,
    /// The documents' own `{placeholders}` (kept in paths, left out of queries).
    pub placeholders: usize,
}

/// The report of `spec` generated with `opts` (every group unless `opts` selects some), and its
/// counts.
pub fn docs_report(spec: &Spec, opts: &Options) -> Result<(String, DocsCounts), CodegenError> {
    let gen = Gen::new(spec, opts)?;
    let plan = &gen.plan;
    let mut stats = Stats::default();
    for o in &plan.ops {
        let op = o.op;
        let env = plan.env(Site::Root).with_version(&op.version);
        render(&op.description, &env, &mut stats);
        for p in &op.params {
            render(&p.description, &env.for_field(p), &mut stats);
        }
        for r in &op.responses {
            render(&r.description, &env, &mut stats);
        }
    }
    for m in &plan.models {
        let ModelKind::Schema { description, .. } = m.kind else {
            continue;
        };
        let env = plan.env(Site::Models);
        if let Some(d) = description {
            render(d, &env, &mut stats);
        }
        for f in &m.fields {
            render(&f.field.description, &env.for_field(f.field), &mut stats);
        }
    }
    let mut counts = DocsCounts {
        operations: plan.ops.len(),
        ..DocsCounts::default()
    };
    let mut notes = Vec::new();
    for o in &plan.ops {
        match example(plan, o) {
            Ok(ex) => {
                counts.examples += 1;
                for n in ex.notes {
                    match n.kind {
                        NoteKind::Converted => counts.converted += 1,
                        NoteKind::Skipped => counts.skipped += 1,
                        NoteKind::Missing => counts.missing += 1,
                        NoteKind::Placeholder => counts.placeholders += 1,
                    }
                    notes.push((o.op.name.clone(), ex.source.clone(), n));
                }
            }
            Err(NoExample::NoneInDocument) => counts.no_example += 1,
            Err(NoExample::Unusable(why)) => counts.unusable.push((o.op.name.clone(), why)),
        }
    }
    counts.descriptions = stats;
    let text = render_report(spec, &counts, &notes);
    Ok((text, counts))
}

fn render_report(
    spec: &Spec,
    c: &DocsCounts,
    notes: &[(String, String, crate::examples::Note)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Docs of the {} client as generated from spec.yaml (apiref-codegen); written by `cargo regen`.",
        spec.service.name
    );
    let _ = writeln!(out);
    descriptions_section(&mut out, &c.descriptions);
    cross_references_section(&mut out, &c.descriptions);
    examples_section(&mut out, c, notes);
    out
}

/// How the descriptions were rendered: lists, callouts, tables, code spans.
fn descriptions_section(out: &mut String, s: &Stats) {
    let _ = writeln!(
        out,
        "Descriptions: {} rendered as Markdown, {} of them with structure",
        s.texts, s.structured
    );
    let _ = writeln!(
        out,
        "  bullet items:        {} as list items, {} bullets left inside a line as text",
        s.shape.bullet_items, s.inline_bullets
    );
    let _ = writeln!(
        out,
        "  of the bullet items, {} only list a field's values and {} lines only restate its default: \
         left out, as its doc states them once (`Allowed values`, `Default`)",
        s.restated_values, s.restated_defaults
    );
    let _ = writeln!(out, "  numbered items:      {}", s.shape.numbered_items);
    let _ = writeln!(
        out,
        "  notes (NOTE, CAUTION, 说明, …): {} as quoted callouts, {} labels without text left out",
        s.shape.callouts, s.empty_callouts
    );
    let _ = writeln!(out, "  tables:              {}", s.shape.tables);
    let _ = writeln!(out, "  preformatted blocks: {}", s.shape.code_blocks);
    let _ = writeln!(
        out,
        "  code spans:          {} (identifiers, listed values, paths, URLs)",
        s.code_spans
    );
    let _ = writeln!(out);
}

/// "see …" phrases linked, and those left as text with their counts.
fn cross_references_section(out: &mut String, s: &Stats) {
    let unresolved: usize = s.unresolved.values().sum();
    let _ = writeln!(
        out,
        "Cross-references (\"see <title>\"): {} linked ({} to operations, {} to models, of which {} \"Table N\" in the doc of a field of that model's type), {} left as text",
        s.links_to_operations + s.links_to_models,
        s.links_to_operations,
        s.links_to_models,
        s.table_links,
        unresolved
    );
    let mut left: Vec<(&String, &usize)> = s.unresolved.iter().collect();
    left.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (phrase, n) in left {
        let _ = writeln!(out, "  {n:>4}  {phrase}");
    }
    let _ = writeln!(out);
}

/// The operations' examples, and each conversion or omission made writing them.
fn examples_section(
    out: &mut String,
    c: &DocsCounts,
    notes: &[(String, String, crate::examples::Note)],
) {
    let _ = writeln!(
        out,
        "Examples (each operation's doc shows the document's example request in the client's API; \
         one test binary compiles and runs them all):"
    );
    let _ = writeln!(
        out,
        "  {} of {} operations have one; {} have no example request in the documents; {} have one the API cannot express",
        c.examples,
        c.operations,
        c.no_example,
        c.unusable.len()
    );
    let _ = writeln!(
        out,
        "  values of the examples: {} converted to the field's type, {} left out, {} missing; {} of the documents' placeholders",
        c.converted, c.skipped, c.missing, c.placeholders
    );
    for (op, why) in &c.unusable {
        let _ = writeln!(out, "  {op}: no example: {why}");
    }
    // In document order, each operation's notes under its name (placeholders only counted).
    let mut last: Option<&str> = None;
    for (op, source, n) in notes
        .iter()
        .filter(|(_, _, n)| n.kind != NoteKind::Placeholder)
    {
        if last != Some(op.as_str()) {
            let _ = writeln!(out, "  {op} ({source}):");
            last = Some(op);
        }
        let _ = writeln!(out, "    {} ({}): {}", n.at, n.kind.word(), n.reason);
    }
}
