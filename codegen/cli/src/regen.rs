//! `apiref regen`: every service folder of a workspace. For each `spec/<service>/`: scrape it,
//! check that the generator takes the spec (a spec it rejects is not written over a good one),
//! write `spec.yaml` and `reports/`, and rewrite the `[features]` block of each client crate under
//! `generated/` whose `spec.yaml` is that spec. One failing service does not stop the others.
//!
//! When the spec changes, what changed against the spec it replaces is summed up (counts per class,
//! the client crate's next version) and written as `reports/changes.md` beside the spec; a regen
//! that leaves the spec as it was keeps the report of the last real change. (`changes.md` is not
//! one of the scrape's outputs: it depends on the previous spec, not only on the documents.)

use std::path::{Path, PathBuf};

use apiref_codegen::diff::diff;
use apiref_codegen::{
    docs_report, generate_with_summary, group_features, update_manifest, Options, DOCS_REPORT_FILE,
};
use apiref_scrape::outputs::{self, SPEC_FILE};
use apiref_scrape::service::MANIFEST;
use apiref_spec::write::write_atomic;
use apiref_spec::Spec;

use crate::render::{self, Bump};
use crate::scrape::{print_diagnostics, refusal, scrape_dir};
use crate::spec_diff::crate_version;
use crate::{out, Failure};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace root (default: the nearest folder, from the current one up, with
    /// `spec/*/service.yaml`).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Fail a service on any error diagnostic, writing nothing for it.
    #[arg(long)]
    pub strict: bool,
    /// Write even when a new spec lacks operations, schemas or error codes the old one had.
    #[arg(long)]
    pub allow_loss: bool,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let root = match &args.root {
        Some(r) => r.clone(),
        None => find_root()?,
    };
    let services = service_dirs(&root.join("spec"))?;
    if services.is_empty() {
        return Err(Failure(format!(
            "no service folder (spec/*/{MANIFEST}) under {}",
            root.display()
        )));
    }
    let mut failed = Vec::new();
    for dir in &services {
        match regen_service(&root, dir, args) {
            Ok(lines) => lines.iter().for_each(|l| out(l)),
            Err(Failure(e)) => {
                eprintln!("apiref: {}: {e}", dir.display());
                failed.push(dir.display().to_string());
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "{} of {} services failed: {}",
            failed.len(),
            services.len(),
            failed.join(", ")
        )))
    }
}

/// The nearest folder from the current one up that holds `spec/*/service.yaml`.
fn find_root() -> Result<PathBuf, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Failure(e.to_string()))?;
    cwd.ancestors()
        .find(|d| {
            service_dirs(&d.join("spec"))
                .map(|s| !s.is_empty())
                .unwrap_or(false)
        })
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Failure(format!(
                "no spec/*/{MANIFEST} in {} or above; pass --root",
                cwd.display()
            ))
        })
}

/// The folders under `spec_dir` that hold a manifest, sorted.
fn service_dirs(spec_dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let Ok(entries) = std::fs::read_dir(spec_dir) else {
        return Ok(Vec::new());
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join(MANIFEST).is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Client crates (`generated/*/Cargo.toml`) whose `spec.yaml` is `spec` (through a link).
pub(crate) fn client_crates(root: &Path, spec: &Path) -> Vec<PathBuf> {
    let Ok(spec) = spec.canonicalize() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(root.join("generated")) else {
        return Vec::new();
    };
    let mut crates: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|d| d.join("Cargo.toml").is_file())
        .filter(|d| {
            d.join(SPEC_FILE)
                .canonicalize()
                .is_ok_and(|target| target == spec)
        })
        .collect();
    crates.sort();
    crates
}

fn regen_service(root: &Path, dir: &Path, args: &Args) -> Result<Vec<String>, Failure> {
    let s = scrape_dir(dir)?;
    print_diagnostics(&s, false);
    if let Some(why) = refusal(&s, dir, args.strict, args.allow_loss) {
        return Err(Failure(why));
    }
    let name = s.spec.service.name.clone();
    let fail = |e: &dyn std::fmt::Display| Failure(format!("{name}: {e}"));
    // Generate before writing: a spec the generator rejects is not committed over a good one.
    let (_, c) = generate_with_summary(&s.spec, &Options::default()).map_err(|e| fail(&e))?;
    // What the docs make of the descriptions and examples: `reports/docs.txt`.
    let (docs_text, docs) = docs_report(&s.spec, &Options::default()).map_err(|e| fail(&e))?;
    let features = group_features(&s.spec).map_err(|e| fail(&e))?;
    let previous = std::fs::read_to_string(dir.join(SPEC_FILE)).ok();
    let crates = client_crates(root, &dir.join(SPEC_FILE));
    let mut manifests = Vec::new();
    for krate in &crates {
        let path = krate.join("Cargo.toml");
        let shown = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| fail(&format!("{shown}: {e}")))?;
        let updated = update_manifest(&shown, &text, &features).map_err(|e| fail(&e))?;
        manifests.push((path, shown, updated));
    }
    outputs::write(&s, dir).map_err(|e| fail(&e))?;
    let docs_path = dir.join(DOCS_REPORT_FILE);
    write_atomic(&docs_path, docs_text.as_bytes())
        .map_err(|e| fail(&format!("{}: {e}", docs_path.display())))?;
    let mut lines: Vec<String> = s.changes.iter().map(|c| format!("merge: {c}")).collect();
    let shown_dir = dir.strip_prefix(root).unwrap_or(dir).display().to_string();
    let crate_version = crates.first().and_then(|k| crate_version(root, k));
    lines.extend(
        change_report(dir, &shown_dir, previous.as_deref(), &s.spec, crate_version)
            .map_err(|e| fail(&e))?,
    );
    for (path, shown, text) in &manifests {
        write_atomic(path, text.as_bytes()).map_err(|e| fail(&format!("{shown}: {e}")))?;
        lines.push(format!(
            "{name}: {} group features in {shown}",
            features.len()
        ));
    }
    lines.push(format!("wrote {shown_dir}/{{{SPEC_FILE},reports/}}"));
    let d = &docs.descriptions;
    lines.push(format!(
        "{name} docs: {} bullet and {} numbered items as lists, {} notes as callouts, {} cross-references linked ({} left as text), {} of {} operations with an example ({} values converted, {} left out); see {shown_dir}/{DOCS_REPORT_FILE}",
        d.shape.bullet_items,
        d.shape.numbered_items,
        d.shape.callouts,
        d.links_to_operations + d.links_to_models,
        d.unresolved.values().sum::<usize>(),
        docs.examples,
        docs.operations,
        docs.converted,
        docs.skipped,
    ));
    lines.push(outputs::summary(&s));
    lines.push(format!(
        "{name} client: {} operations ({} with page streams), {} models, {} enums, {} error codes, {} lines of Rust",
        c.operations, c.streams, c.models, c.enums, c.error_codes, c.lines
    ));
    Ok(lines)
}

/// The report's place in a service folder.
pub const CHANGES_FILE: &str = "reports/changes.md";

/// What changed against the spec this regen replaces (`previous`, its text): a summary line, and
/// `reports/changes.md` written when the spec changed. `krate`: the client crate's name and
/// version, for the suggested next version.
fn change_report(
    dir: &Path,
    shown_dir: &str,
    previous: Option<&str>,
    new: &Spec,
    krate: Option<(Option<String>, apiref_codegen::diff::Version)>,
) -> Result<Vec<String>, String> {
    let name = &new.service.name;
    let Some(text) = previous else {
        return Ok(vec![format!("{name}: no previous spec: no change report")]);
    };
    if text == new.to_yaml() {
        return Ok(vec![format!(
            "{name}: spec unchanged ({shown_dir}/{CHANGES_FILE} keeps the last change)"
        )]);
    }
    let old = match Spec::from_yaml(SPEC_FILE, text) {
        Ok(old) => old,
        Err(e) => {
            return Ok(vec![format!(
                "{name}: the previous spec does not read ({e}): no change report"
            )])
        }
    };
    let report = diff(&old, new);
    let bump = krate.map(|(k, v)| Bump::new(&report, k, v));
    let path = dir.join(CHANGES_FILE);
    write_atomic(&path, render::markdown(&report, bump.as_ref()).as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let version = bump.map_or_else(String::new, |b| {
        format!(
            "; {} {} → {}",
            b.krate.as_deref().unwrap_or("client"),
            b.current,
            b.next
        )
    });
    Ok(vec![format!(
        "{name} changes: {}{version}; see {shown_dir}/{CHANGES_FILE}",
        render::counts(&report)
    )])
}
