//! The generated code for `fixtures/small.yaml` compiles without warnings, passes clippy with
//! `-D warnings`, documents without rustdoc warnings, and behaves (the tests of
//! `compile-check/src/tests.rs`), against a stand-in of the runtime API.
//!
//! Runs cargo on the `compile-check` crate with its own target folder (a nested cargo sharing
//! ours would wait on our build lock).

use std::path::{Path, PathBuf};
use std::process::Command;

use apiref_codegen::{generate, load_spec, Options};

fn cargo(dir: &Path, target: &Path, generated: &Path, examples: &Path, args: &[&str]) {
    let (command, rest) = args.split_first().expect("a cargo command");
    let output = Command::new(env!("CARGO"))
        .arg(command)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(rest)
        .env("CARGO_TARGET_DIR", target)
        .env("DCS_GENERATED", generated)
        .env("DCS_EXAMPLES", examples)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed on the generated code:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generated_code_compiles_lints_documents_and_passes_its_tests() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let spec = load_spec(&manifest.join("tests/fixtures/small.yaml")).expect("fixture loads");
    let source = generate(&spec, &Options::default()).expect("generates");

    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compile-check");
    std::fs::create_dir_all(&tmp).expect("tmp dir");
    let generated = tmp.join("generated.rs");
    // Only rewrite on change, so cargo's fingerprint stays fresh between runs.
    if std::fs::read_to_string(&generated).ok().as_deref() != Some(source.as_str()) {
        std::fs::write(&generated, &source).expect("write generated");
    }
    let examples: Vec<serde_json::Value> = spec
        .operations
        .iter()
        .flat_map(|op| {
            op.examples.iter().map(|e| {
                serde_json::json!({
                    "operation": op.name,
                    "kind": serde_json::to_value(e.kind).expect("kind"),
                    "status": e.status,
                    "json": e.json,
                })
            })
        })
        .collect();
    let examples_path = tmp.join("examples.json");
    let examples_text = serde_json::to_string_pretty(&examples).expect("json");
    if std::fs::read_to_string(&examples_path).ok().as_deref() != Some(examples_text.as_str()) {
        std::fs::write(&examples_path, examples_text).expect("write examples");
    }

    let dir = manifest.join("tests/compile-check");
    let target = tmp.join("target");
    cargo(
        &dir,
        &target,
        &generated,
        &examples_path,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(
        &dir,
        &target,
        &generated,
        &examples_path,
        &["doc", "--quiet", "--no-deps"],
    );
    cargo(
        &dir,
        &target,
        &generated,
        &examples_path,
        &["test", "--quiet"],
    );
}
