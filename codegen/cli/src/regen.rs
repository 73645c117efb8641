//! `apiref regen`: every service folder of a workspace. For each `spec/<service>/`: scrape it,
//! check that the generator takes the spec (a spec it rejects is not written over a good one),
//! write `spec.yaml` and `reports/`, and rewrite the `[features]` block of each client crate under
//! `generated/` whose `spec.yaml` is that spec. One failing service does not stop the others.

use std::path::{Path, PathBuf};

use apiref_codegen::{generate_with_summary, group_features, update_manifest, Options};
use apiref_scrape::outputs::{self, SPEC_FILE};
use apiref_scrape::service::MANIFEST;
use apiref_spec::write::write_atomic;

use crate::scrape::{print_diagnostics, refusal, scrape_dir};
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
fn client_crates(root: &Path, spec: &Path) -> Vec<PathBuf> {
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
    let features = group_features(&s.spec).map_err(|e| fail(&e))?;
    let mut manifests = Vec::new();
    for krate in client_crates(root, &dir.join(SPEC_FILE)) {
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
    let mut lines: Vec<String> = s.changes.iter().map(|c| format!("merge: {c}")).collect();
    for (path, shown, text) in &manifests {
        write_atomic(path, text.as_bytes()).map_err(|e| fail(&format!("{shown}: {e}")))?;
        lines.push(format!(
            "{name}: {} group features in {shown}",
            features.len()
        ));
    }
    lines.push(format!(
        "wrote {}/{{{SPEC_FILE},reports/}}",
        dir.strip_prefix(root).unwrap_or(dir).display()
    ));
    lines.push(outputs::summary(&s));
    lines.push(format!(
        "{name} client: {} operations ({} with page streams), {} models, {} enums, {} error codes, {} lines of Rust",
        c.operations, c.streams, c.models, c.enums, c.error_codes, c.lines
    ));
    Ok(lines)
}
