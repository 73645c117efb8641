//! The `apiref` binary: scraping a service folder, refusing to write over a good spec with a
//! worse one, generating, usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiref-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    dir
}

fn apiref(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apiref"))
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/scraper/tests/fixtures")
        .join(name)
}

fn service(dir: &Path) {
    std::fs::write(
        dir.join("service.yaml"),
        "name: dcs\ntitle: Distributed Cache Service\n",
    )
    .unwrap();
}

#[test]
fn a_folder_without_a_usable_document_fails_and_keeps_the_previous_spec() {
    let dir = temp_dir("bad");
    service(&dir);
    std::fs::write(
        dir.join("sources/reference.txt"),
        "1 Before You Start\nnothing here\n",
    )
    .unwrap();
    std::fs::write(dir.join("spec.yaml"), "previous good spec\n").unwrap();
    let run = apiref(&["scrape"], &dir);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("nothing usable came out"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("spec.yaml")).unwrap(),
        "previous good spec\n"
    );
    assert!(!dir.join("reports").exists(), "nothing written");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scrape_writes_a_spec_that_reads_back_and_refuses_to_lose_operations() {
    let dir = temp_dir("good");
    service(&dir);
    std::fs::copy(fixture("backup_5_5_5.txt"), dir.join("sources/a.txt")).unwrap();
    std::fs::copy(
        fixture("list_instances_5_1_2.txt"),
        dir.join("sources/b.txt"),
    )
    .unwrap();
    let run = apiref(&["scrape"], &dir);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("dcs: 2 documents (2 with operations), 2 operations"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(dir.join("spec.yaml")).unwrap();
    let spec = apiref_spec::Spec::from_yaml("spec.yaml", &text).unwrap();
    let names: Vec<&str> = spec.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["CopyInstance", "ListInstances"]);
    for report in ["documents", "diagnostics", "examples", "merge"] {
        assert!(
            dir.join(format!("reports/{report}.txt")).is_file(),
            "{report}"
        );
    }

    // One document gone: the new spec would lose an operation, so nothing is written.
    std::fs::remove_file(dir.join("sources/b.txt")).unwrap();
    let run = apiref(&["scrape"], &dir);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("would lose") && stderr.contains("operation `ListInstances`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("spec.yaml")).unwrap(),
        text
    );
    // Unless the loss is wanted.
    let run = apiref(&["scrape", "--allow-loss"], &dir);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_ne!(
        std::fs::read_to_string(dir.join("spec.yaml")).unwrap(),
        text
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn strict_fails_on_a_page_that_could_not_be_read_and_without_it_the_rest_is_written() {
    let dir = temp_dir("strict");
    service(&dir);
    std::fs::copy(
        fixture("list_instances_5_1_2.txt"),
        dir.join("sources/a.txt"),
    )
    .unwrap();
    // A page whose JSON example never closes: an error at its line, the rest of it still read.
    let cut: Vec<String> = std::fs::read_to_string(fixture("backup_5_5_5.txt"))
        .unwrap()
        .lines()
        .take(105)
        .map(str::to_string)
        .collect();
    std::fs::write(dir.join("sources/b.txt"), cut.join("\n")).unwrap();
    let run = apiref(&["scrape", "--strict"], &dir);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("b.txt:104: error:") && stderr.contains("--strict"),
        "{stderr}"
    );
    assert!(!dir.join("spec.yaml").exists());
    let run = apiref(&["scrape"], &dir);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("b.txt:"),
        "errors are printed"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_manifest_is_an_error_with_its_line() {
    let dir = temp_dir("manifest");
    std::fs::write(
        dir.join("service.yaml"),
        "name: dcs\ntitle: t\nendpoint: dcs.example\n",
    )
    .unwrap();
    let run = apiref(&["scrape"], &dir);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("service.yaml:3: `endpoint: dcs.example`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn generate_writes_the_client_and_openapi_exports() {
    let dir = temp_dir("generate");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/small.yaml");
    let out = dir.join("client.rs");
    let run = Command::new(env!("CARGO_BIN_EXE_apiref"))
        .arg("generate")
        .arg(&spec)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let source = std::fs::read_to_string(&out).unwrap();
    assert!(source.starts_with("// @generated by apiref from"));
    assert!(source.contains("pub struct DcsClient"));
    let json = dir.join("small.json");
    let run = Command::new(env!("CARGO_BIN_EXE_apiref"))
        .arg("openapi")
        .arg(&spec)
        .arg("--out")
        .arg(&json)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_command_is_a_usage_error() {
    let run = Command::new(env!("CARGO_BIN_EXE_apiref"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("Usage:"));
}
