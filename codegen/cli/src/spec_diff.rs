//! `apiref spec-diff OLD NEW`: what changed between two editions of a spec, classified for the
//! generated Rust API and for the wire, with the next version of the client crate (`cargo
//! spec-diff`).

use std::path::{Path, PathBuf};

use apiref_codegen::diff::{self, version, Report, RustClass, Version};
use apiref_codegen::load_spec;

use crate::render::{self, Bump};
use crate::{out, Failure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary and a line per change, for a terminal.
    Text,
    /// A CHANGELOG section, grouped by class and by kind of item.
    Markdown,
    /// Every change as JSON, for tools.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any change that breaks the generated Rust API.
    Breaking,
    /// Any change that breaks a client built from the old spec on the wire.
    Wire,
    /// Any change at all.
    Any,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec before (e.g. `git show HEAD:spec/dcs/spec.yaml > /tmp/old.yaml`).
    pub old: PathBuf,
    /// The spec after.
    pub new: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit with an error when a change of this class is found (for CI).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The client crate's current version (default: read from the manifest of the client crate
    /// whose spec.yaml is NEW or OLD, else from the workspace's).
    #[arg(long, value_name = "X.Y.Z")]
    pub version: Option<String>,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let old = load_spec(&args.old).map_err(|e| Failure(e.to_string()))?;
    let new = load_spec(&args.new).map_err(|e| Failure(e.to_string()))?;
    let report = diff::diff(&old, &new);
    let bump = match &args.version {
        Some(v) => {
            let current: Version = v.parse().map_err(Failure)?;
            let krate = find_client(&args.new, &args.old).and_then(|(name, _)| name);
            Some(Bump::new(&report, krate, current))
        }
        None => find_client(&args.new, &args.old)
            .map(|(krate, current)| Bump::new(&report, krate, current)),
    };
    let text = match args.format {
        Format::Text => render::text(&report, bump.as_ref()),
        Format::Markdown => render::markdown(&report, bump.as_ref()),
        Format::Json => render::json(&report, bump.as_ref()),
    };
    out(text.trim_end());
    match failing(&report, args.fail_on) {
        Some(n) => Err(Failure(format!(
            "{n} change(s) fail --fail-on {}",
            match args.fail_on {
                Some(FailOn::Breaking) => "breaking",
                Some(FailOn::Wire) => "wire",
                _ => "any",
            }
        ))),
        None => Ok(()),
    }
}

/// How many changes fail the gate, if any do.
fn failing(report: &Report, gate: Option<FailOn>) -> Option<usize> {
    let n = match gate? {
        FailOn::Breaking => report.count(RustClass::Breaking),
        FailOn::Wire => report.wire_breaking(),
        FailOn::Any => report.changes.len(),
    };
    (n > 0).then_some(n)
}

/// The client crate of a spec and its version: a crate under `generated/` of a folder above the
/// spec whose `spec.yaml` is `new` or `old` (through a link); else the workspace's version, the
/// crate unnamed.
fn find_client(new: &Path, old: &Path) -> Option<(Option<String>, Version)> {
    let start = new.canonicalize().ok()?;
    for root in start.ancestors().skip(1) {
        for spec in [new, old] {
            if let Some(krate) = crate::regen::client_crates(root, spec).first() {
                if let Some(found) = crate_version(root, krate) {
                    return Some(found);
                }
            }
        }
    }
    let root = start
        .ancestors()
        .find(|d| is_workspace(&d.join("Cargo.toml")))?;
    let ws = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    version::manifest_version("[package]\nversion.workspace = true\n", Some(&ws)).map(|v| (None, v))
}

fn is_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest).is_ok_and(|t| t.contains("[workspace"))
}

/// The name and version of the crate at `krate` (inheriting from the workspace at `root`).
pub fn crate_version(root: &Path, krate: &Path) -> Option<(Option<String>, Version)> {
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).ok()?;
    let ws = std::fs::read_to_string(root.join("Cargo.toml")).ok();
    let v = version::manifest_version(&manifest, ws.as_deref())?;
    Some((version::package_name(&manifest), v))
}
