//! The scrape pipeline, one step per stage:
//!
//! ```text
//! sources/002_….txt ──pdf::parse──▶ RawDoc ──normalize::normalize──▶ Spec ──validate::validate──▶ Report
//!   (PDF text)        layout parser   (tables,      names, types,      (dcs.yaml)   examples vs schemas
//!                                       examples)     enums, dedup
//! ```
//!
//! [`build_dcs`] runs the stages over the vendored reference and returns the spec with every
//! diagnostic; the caller decides whether to write it (never when [`Build::has_errors`]).
//! Further layouts (the single pages) plug in as more `RawDoc`s merged after `normalize`.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Spec;
use crate::raw::{Diagnostic, RawDoc, Severity};
use crate::validate::Report;

/// The whole English API reference as PDF text.
pub const REFERENCE_PDF: &str = "002_a0060ea259f01ceb.txt";

/// A built spec with what the stages had to say.
#[derive(Debug, Clone)]
pub struct Build {
    pub spec: Spec,
    /// Sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    pub report: Report,
}

impl Build {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The document could not be read as an API reference; nothing should be written.
    #[error("{} error(s) reading the reference:\n{}", .0.len(), DisplayList(.0))]
    Invalid(Vec<Diagnostic>),
}

struct DisplayList<'a>(&'a [Diagnostic]);

impl fmt::Display for DisplayList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Sorts `diagnostics` by file and line; any error among them fails the build, so nothing is
/// written from a document that could not be read.
pub fn check_diagnostics(diagnostics: &mut [Diagnostic]) -> Result<(), BuildError> {
    diagnostics.sort();
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError::Invalid(errors))
    }
}

/// Parses and normalizes PDF text already in memory (`file` names it in sources and errors).
pub fn build_from_text(file: &str, text: &str) -> Result<Build, BuildError> {
    let raw: RawDoc = crate::pdf::parse(file, text);
    let normalized = crate::normalize::normalize(&raw);
    let mut diagnostics = raw.diagnostics;
    diagnostics.extend(normalized.diagnostics);
    check_diagnostics(&mut diagnostics)?;
    let sources = std::collections::BTreeMap::from([(file.to_string(), text.to_string())]);
    let report = crate::validate::validate_with_sources(&normalized.spec, &sources);
    Ok(Build {
        spec: normalized.spec,
        diagnostics,
        report,
    })
}

/// Builds the DCS spec from the documents in `sources_dir`.
pub fn build_dcs(sources_dir: &Path) -> Result<Build, BuildError> {
    let path = sources_dir.join(REFERENCE_PDF);
    let text = std::fs::read_to_string(&path).map_err(|source| BuildError::Read {
        path: path.clone(),
        source,
    })?;
    build_from_text(REFERENCE_PDF, &text)
}
