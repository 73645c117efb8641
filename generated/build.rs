//! Generates the client from the spec with dcs-codegen, into `$OUT_DIR/dcs_client.rs`.
//!
//! The spec is `dcs.yaml` beside this file (a symlink to `../spec/dcs.yaml` in the repository,
//! a plain file in the packaged crate), or the file named by `DCS_SPEC`. The enabled cargo
//! features choose the operation groups: `full` (the default) all of them, else one group per
//! feature (see `dcs_codegen::group_features`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const GENERATED: &str = "dcs_client.rs";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Cargo prints a failed build script's stderr; keep it to one readable message.
            eprintln!("error: dcs-client: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env("OUT_DIR")?).join(GENERATED);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DCS_SPEC");
    let spec = match std::env::var_os("DCS_SPEC") {
        Some(p) => manifest_dir.join(p),
        None => manifest_dir.join("dcs.yaml"),
    };
    println!("cargo:rerun-if-changed={}", spec.display());
    // Through a symlink, also watch the file it points to.
    if let Ok(target) = spec.canonicalize() {
        if target != spec {
            println!("cargo:rerun-if-changed={}", target.display());
        }
    }
    let code = generate(&spec)?;
    std::fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run this through cargo)"))
}

fn generate(spec: &Path) -> Result<String, String> {
    if !spec.exists() {
        let link = std::fs::read_link(spec)
            .map(|target| format!(", a link to {}", target.display()))
            .unwrap_or_default();
        return Err(format!(
            "spec file {}{link} does not exist (run `cargo regen` to scrape it, or set DCS_SPEC)",
            spec.display()
        ));
    }
    let parsed = dcs_codegen::load_spec(spec)
        .map_err(|e| format!("cannot load spec {}: {e}", spec.display()))?;
    let features = dcs_codegen::group_features(&parsed)
        .map_err(|e| format!("cannot name features for {}: {e}", spec.display()))?;
    let opts = dcs_codegen::Options {
        groups: dcs_codegen::enabled_groups(&features, |feature| {
            std::env::var_os(dcs_codegen::feature_env_var(feature)).is_some()
        }),
        ..dcs_codegen::Options::default()
    };
    dcs_codegen::generate(&parsed, &opts)
        .map_err(|e| format!("cannot generate the client from {}: {e}", spec.display()))
}
