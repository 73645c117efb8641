//! The build-script front end: a client crate's whole `build.rs` is
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     apiref_codegen::build_script::main("spec.yaml")
//! }
//! ```
//!
//! It generates the client from the spec (relative to the crate, or the file named by
//! [`SPEC_VAR`]) into `$OUT_DIR/`[`OUTPUT`], for the operation groups the crate's enabled cargo
//! features select ([`crate::group_features`]: `full` for all), with the test double when the
//! `mock` feature is on ([`crate::Options::mock`]), every model both `Serialize` and
//! `Deserialize` when `serde-both` is ([`crate::Options::serde_both`]), and tells cargo to
//! rebuild when the spec changes, also through a symlink.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{enabled_groups, feature_env_var, generate, group_features, load_spec, Options};

/// The file the client is written to in `OUT_DIR`: `include!(concat!(env!("OUT_DIR"),
/// "/client.rs"));`.
pub const OUTPUT: &str = "client.rs";

/// Environment variable naming another spec file to build from (relative to the crate).
pub const SPEC_VAR: &str = "APIREF_SPEC";

/// Environment variable that, set to `1`, shows the Chinese descriptions in the docs beside the
/// English ones ([`Options::docs_zh`]): `APIREF_DOCS_ZH=1 cargo doc -p dcs-client`.
pub const DOCS_ZH_VAR: &str = "APIREF_DOCS_ZH";

/// Runs the build script; errors are printed as one readable message and fail the build.
pub fn main(spec_file: &str) -> ExitCode {
    match run(spec_file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let krate = std::env::var("CARGO_PKG_NAME").unwrap_or_default();
            eprintln!("error: {krate}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(spec_file: &str) -> Result<(), String> {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env("OUT_DIR")?).join(OUTPUT);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={SPEC_VAR}");
    println!("cargo:rerun-if-env-changed={DOCS_ZH_VAR}");
    let spec = match std::env::var_os(SPEC_VAR) {
        Some(p) => manifest_dir.join(p),
        None => manifest_dir.join(spec_file),
    };
    println!("cargo:rerun-if-changed={}", spec.display());
    // Through a symlink, also watch the file it points to.
    if let Ok(target) = spec.canonicalize() {
        if target != spec {
            println!("cargo:rerun-if-changed={}", target.display());
        }
    }
    let code = client_source(&spec)?;
    std::fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run this through cargo)"))
}

fn client_source(spec: &Path) -> Result<String, String> {
    if !spec.exists() {
        let link = std::fs::read_link(spec)
            .map(|target| format!(", a link to {}", target.display()))
            .unwrap_or_default();
        return Err(format!(
            "spec file {}{link} does not exist (run `cargo regen` to scrape it, or set {SPEC_VAR})",
            spec.display()
        ));
    }
    let parsed =
        load_spec(spec).map_err(|e| format!("cannot load spec {}: {e}", spec.display()))?;
    let features = group_features(&parsed)
        .map_err(|e| format!("cannot name features for {}: {e}", spec.display()))?;
    let opts = Options {
        groups: enabled_groups(&features, |feature| {
            std::env::var_os(feature_env_var(feature)).is_some()
        }),
        mock: std::env::var_os(feature_env_var(crate::features::MOCK_FEATURE)).is_some(),
        serde_both: std::env::var_os(feature_env_var(crate::features::SERDE_BOTH_FEATURE))
            .is_some(),
        // The examples in the docs import from the crate being built.
        crate_name: std::env::var("CARGO_PKG_NAME")
            .ok()
            .map(|n| n.replace('-', "_")),
        docs_zh: std::env::var(DOCS_ZH_VAR).is_ok_and(|v| v.trim() == "1"),
        ..Options::default()
    };
    generate(&parsed, &opts)
        .map_err(|e| format!("cannot generate the client from {}: {e}", spec.display()))
}
