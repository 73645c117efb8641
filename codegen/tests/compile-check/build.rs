//! Generates the clients of `src/lib.rs` from the generator's edge-case fixture
//! (`codegen/tests/fixtures/small.yaml`) with `apiref_codegen`, as a client crate's build script
//! would: `small.rs`, the whole fixture with its test double (`mock`); `cache.rs`, its
//! `Instances` group as another service with another endpoint template, also with a mock; `grown.rs` and `required.rs`, the fixture as a next edition
//! of its documents might change it (see [`grow`] and [`require`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apiref_codegen::{generate, load_spec, Options};
use apiref_spec::{Field, Schema, Spec};

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
    let with_mock = Options {
        mock: true,
        ..Options::default()
    };
    write(&out.join("small.rs"), &spec, &with_mock)?;
    write(
        &out.join("grown.rs"),
        &grow(spec.clone())?,
        &Options::default(),
    )?;
    write(
        &out.join("required.rs"),
        &require(spec.clone())?,
        &Options::default(),
    )?;

    let mut cache = spec;
    cache.service.name = "cache".into();
    cache.service.title = "A cache service with its own endpoint".into();
    cache.service.endpoint = Some(CACHE_ENDPOINT.into());
    let opts = Options {
        groups: Some(vec!["Instances".into()]),
        ..with_mock
    };
    write(&out.join("cache.rs"), &cache, &opts)
}

/// The additive changes a new edition brings: an optional request field, an optional response
/// field, a value of an enum (`Engine`, shared by a request and a response model).
fn grow(mut spec: Spec) -> Result<Spec, String> {
    let body = schema(&mut spec, "CreateInstanceBody")?;
    body.fields
        .push(field("backup_policy", "string", false, "small.txt:115"));
    let engine = body.fields.iter_mut().find(|f| f.name == "engine");
    engine
        .ok_or("no engine field")?
        .enum_values
        .push("Tair".into());
    let listed = schema(&mut spec, "InstanceListInfo")?;
    let engine = listed.fields.iter_mut().find(|f| f.name == "engine");
    engine
        .ok_or("no engine field")?
        .enum_values
        .push("Tair".into());
    let created = schema(&mut spec, "CreateInstanceResponse")?;
    created
        .fields
        .push(field("task_id", "string", false, "small.txt:123"));
    Ok(spec)
}

/// A change that is not additive: the create body gains a required field.
fn require(mut spec: Spec) -> Result<Spec, String> {
    let body = schema(&mut spec, "CreateInstanceBody")?;
    body.fields
        .push(field("vpc_id", "string", true, "small.txt:115"));
    Ok(spec)
}

fn schema<'s>(spec: &'s mut Spec, name: &str) -> Result<&'s mut Schema, String> {
    spec.schemas
        .get_mut(name)
        .ok_or_else(|| format!("the fixture has no schema {name}"))
}

fn field(name: &str, ty: &str, required: bool, source: &str) -> Field {
    Field {
        name: name.into(),
        ty: ty.into(),
        required,
        description: format!("`{name}`, added by a later edition."),
        source: source.into(),
        ..Field::default()
    }
}

fn write(path: &Path, spec: &Spec, opts: &Options) -> Result<(), String> {
    let code =
        generate(spec, opts).map_err(|e| format!("cannot generate {}: {e}", path.display()))?;
    std::fs::write(path, code).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run this through cargo)"))
}
