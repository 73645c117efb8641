//! Generates the clients of `src/lib.rs` from the generator's edge-case fixture
//! (`codegen/tests/fixtures/small.yaml`) with `apiref_codegen`, as a client crate's build script
//! would: `small.rs`, the whole fixture; `cache.rs`, its `Instances` group as another service
//! with another endpoint template.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apiref_codegen::{generate, load_spec, Options};

/// The endpoint template of the `cache` service: plain HTTP, so a test can see the host on the
/// wire through a proxy.
const CACHE_ENDPOINT: &str = "http://cache.{region}.example.test/api";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: apiref-compile-check: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env("OUT_DIR")?);
    let fixture = manifest.join("../fixtures/small.yaml");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", fixture.display());
    let spec = load_spec(&fixture).map_err(|e| e.to_string())?;
    write(&out.join("small.rs"), &spec, &Options::default())?;

    let mut cache = spec;
    cache.service.name = "cache".into();
    cache.service.title = "A cache service with its own endpoint".into();
    cache.service.endpoint = Some(CACHE_ENDPOINT.into());
    let opts = Options {
        groups: Some(vec!["Instances".into()]),
        ..Options::default()
    };
    write(&out.join("cache.rs"), &cache, &opts)
}

fn write(path: &Path, spec: &apiref_spec::Spec, opts: &Options) -> Result<(), String> {
    let code =
        generate(spec, opts).map_err(|e| format!("cannot generate {}: {e}", path.display()))?;
    std::fs::write(path, code).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run this through cargo)"))
}
