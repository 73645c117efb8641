//! `apiref scrape DIR [--out OUT]` and `apiref diagnostics DIR`.

use std::path::{Path, PathBuf};

use apiref_scrape::outputs::{self, SPEC_FILE};
use apiref_scrape::raw::Severity;
use apiref_scrape::{Scrape, ServiceDir};
use apiref_spec::Spec;

use crate::{out, Failure};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service folder (holding service.yaml and sources/).
    pub dir: PathBuf,
    /// Write spec.yaml and reports/ here instead of into DIR.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Fail on any error diagnostic (a page that could not be read), writing nothing.
    #[arg(long)]
    pub strict: bool,
    /// Write even when the new spec lacks operations, schemas or error codes the old one had.
    #[arg(long)]
    pub allow_loss: bool,
    /// Print every diagnostic, not only errors.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Opens and scrapes a service folder.
pub fn scrape_dir(dir: &Path) -> Result<Scrape, Failure> {
    let service = ServiceDir::open(dir).map_err(|e| Failure(e.to_string()))?;
    Ok(apiref_scrape::scrape(&service))
}

/// Why a scrape must not be written over `out_dir`'s current spec, if it must not.
pub fn refusal(s: &Scrape, out_dir: &Path, strict: bool, allow_loss: bool) -> Option<String> {
    if s.spec.operations.is_empty() {
        return Some("nothing usable came out of the documents (no operation)".into());
    }
    if strict && s.has_errors() {
        return Some(format!(
            "{} error(s) and --strict: nothing written",
            s.count(Severity::Error)
        ));
    }
    if allow_loss {
        return None;
    }
    let path = out_dir.join(SPEC_FILE);
    let old = std::fs::read_to_string(&path).ok()?;
    let old = Spec::from_yaml(&path.display().to_string(), &old).ok()?;
    let lost = outputs::losses(&old, &s.spec);
    (!lost.is_empty()).then(|| {
        let shown: Vec<&str> = lost.iter().take(10).map(String::as_str).collect();
        format!(
            "the new spec would lose {} item(s) that {} has: {}{}; nothing written (--allow-loss writes anyway)",
            lost.len(),
            path.display(),
            shown.join(", "),
            if lost.len() > shown.len() { ", …" } else { "" }
        )
    })
}

/// Prints the errors (every diagnostic with `verbose`).
pub fn print_diagnostics(s: &Scrape, verbose: bool) {
    for d in &s.diagnostics {
        if verbose || d.severity == Severity::Error {
            eprintln!("{d}");
        }
    }
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let s = scrape_dir(&args.dir)?;
    print_diagnostics(&s, args.verbose);
    let out_dir = args.out.as_deref().unwrap_or(&args.dir);
    if let Some(why) = refusal(&s, out_dir, args.strict, args.allow_loss) {
        return Err(Failure(why));
    }
    outputs::write(&s, out_dir).map_err(|e| Failure(e.to_string()))?;
    out(&format!(
        "wrote {}/{{{SPEC_FILE},reports/}}",
        out_dir.display()
    ));
    out(&outputs::summary(&s));
    Ok(())
}

pub fn diagnostics(dir: &Path) -> Result<(), Failure> {
    let s = scrape_dir(dir)?;
    for d in &s.diagnostics {
        out(&d.to_string());
    }
    out(&outputs::summary(&s));
    Ok(())
}
