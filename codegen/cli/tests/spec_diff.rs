//! The change report on real editions (the DCS reference as one PDF, against the PDF merged with
//! the newer single pages), `apiref spec-diff` (formats, `--fail-on`, the version), and the summary
//! `apiref regen` prints and writes as `reports/changes.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use apiref_codegen::diff::{diff, ChangeKind, Report, RustClass, Subject};
use apiref_scrape::pipeline::scrape_documents;
use apiref_scrape::ServiceDir;
use apiref_spec::Spec;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The DCS spec from the PDF alone, and from every document of `spec/dcs`.
fn dcs_editions() -> (Spec, Spec) {
    let dir = ServiceDir::open(&workspace().join("spec/dcs")).unwrap();
    let (docs, diagnostics) = dir.documents();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let pdf: Vec<_> = docs
        .iter()
        .filter(|d| d.file == "002_a0060ea259f01ceb.txt")
        .cloned()
        .collect();
    assert_eq!(pdf.len(), 1);
    let old = scrape_documents(&dir.manifest, &pdf, Vec::new()).spec;
    let new = scrape_documents(&dir.manifest, &docs, Vec::new()).spec;
    (old, new)
}

fn of_kind(report: &Report, kind: ChangeKind) -> Vec<(String, String, Option<&str>, Option<&str>)> {
    report
        .changes
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| {
            (
                c.item.clone(),
                c.detail.clone(),
                c.old_source.as_deref(),
                c.new_source.as_deref(),
            )
        })
        .collect()
}

/// Read by hand: the newer pages (2024-04 English export page, a Chinese migration page, the
/// 2024-11 backup-list page, the 2025-08 backup page) add documents, Chinese texts, examples and
/// one default; where they disagree with the PDF (`BackupFilesBody.bucket_name` optional, a
/// `task_status` only on the page) the merge keeps the PDF, so the API does not change: all docs,
/// nothing on the wire, a patch release.
#[test]
fn dcs_pdf_against_the_newer_pages_changes_only_documentation() {
    let (old, new) = dcs_editions();
    let report = diff(&old, &new);
    assert_eq!(report.count(RustClass::Breaking), 0, "{report:#?}");
    assert_eq!(report.count(RustClass::Additive), 0, "{report:#?}");
    assert_eq!(report.wire_breaking(), 0);
    assert_eq!(report.count(RustClass::Docs), report.changes.len());

    let docs: Vec<String> = of_kind(&report, ChangeKind::Documents)
        .into_iter()
        .map(|(_, detail, _, _)| detail)
        .collect();
    assert_eq!(
        docs,
        [
            "read `001_85b06ada4902bfb7.txt` (pipe-rows, zh, undated)",
            "read `000_0a6baeaf0b7d49f4.txt` (cell-lines, en, 2024-04-09)",
            "read `003_ad913a10cab215c6.txt` (cell-lines, zh, 2024-11-06)",
            "read `004_e55e7f00ef4b1a64.txt` (blocks, zh, 2025-08-05)",
        ]
    );
    // The one value that changed: the 2025-08 page documents the default backup format.
    assert_eq!(
        of_kind(&report, ChangeKind::Default),
        [(
            "`BackupInstanceBody.backup_format`".to_string(),
            "none → `rdb`".to_string(),
            Some("002_a0060ea259f01ceb.txt:14092"),
            Some("004_e55e7f00ef4b1a64.txt:101"),
        )]
    );
    // Operations: Chinese titles and descriptions, and the pages' examples.
    let ops: Vec<(String, String)> = report
        .changes
        .iter()
        .filter(|c| c.subject == Subject::Operation)
        .map(|c| (c.item.clone(), c.detail.clone()))
        .collect();
    assert_eq!(
        ops,
        [
            ("`ExportInstancesTask`", "examples 2 → 4"),
            (
                "`CopyInstance`",
                "Chinese title or description changed; examples 2 → 4"
            ),
            (
                "`ListBackupRecords`",
                "Chinese title or description changed; examples 2 → 4"
            ),
            (
                "`CreateMigrationTask`",
                "Chinese title or description changed; examples 2 → 4"
            ),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Everything else: a Chinese description added to a parameter or field the pages describe.
    let rest: Vec<_> = report
        .changes
        .iter()
        .filter(|c| matches!(c.subject, Subject::Parameter | Subject::Field))
        .filter(|c| c.kind != ChangeKind::Default)
        .collect();
    assert_eq!(rest.len(), 68);
    assert!(rest
        .iter()
        .all(|c| c.kind == ChangeKind::Description && c.detail == "Chinese description added"));
    assert_eq!(report.changes.len(), 4 + 1 + 4 + 68);
    assert_eq!(
        report.suggest(&"0.1.0".parse().unwrap()).to_string(),
        "0.1.1"
    );
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apiref-spec-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn apiref(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apiref"))
        .args(args)
        .output()
        .unwrap()
}

fn small() -> Spec {
    let path = workspace().join("codegen/tests/fixtures/small.yaml");
    Spec::from_yaml("small.yaml", &std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn spec_diff_renders_text_markdown_and_json_and_gates_ci() {
    let dir = temp_dir("cli");
    let old = small();
    let mut new = old.clone();
    new.operations.retain(|o| o.name != "DeleteInstance");
    new.error_codes[0].message = "Bad request.".into();
    let (old_path, new_path) = (dir.join("old.yaml"), dir.join("new.yaml"));
    std::fs::write(&old_path, old.to_yaml()).unwrap();
    std::fs::write(&new_path, new.to_yaml()).unwrap();
    let (o, n) = (old_path.to_str().unwrap(), new_path.to_str().unwrap());

    let text = apiref(&["spec-diff", o, n, "--version", "0.4.2"]);
    assert!(text.status.success());
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.starts_with("dcs: 2 changes: 1 breaking, 0 additive, 1 docs; 1 breaks the wire"),
        "{stdout}"
    );
    assert!(stdout.contains("client crate 0.4.2 → 0.5.0"), "{stdout}");
    assert!(
        stdout.contains("breaking wire:breaking operation `DeleteInstance` removed"),
        "{stdout}"
    );
    assert!(stdout.contains("old small.txt:70, new —"), "{stdout}");

    let md = apiref(&[
        "spec-diff",
        o,
        n,
        "--format",
        "markdown",
        "--version",
        "0.4.2",
    ]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("## dcs 0.5.0\n"), "{md}");
    for heading in [
        "### Breaking changes",
        "#### Operations",
        "### Documentation",
        "#### Error codes",
    ] {
        assert!(md.contains(heading), "{heading}: {md}");
    }
    assert!(md.contains("**Breaks the wire.**"), "{md}");

    let json = apiref(&["spec-diff", o, n, "--format", "json", "--version", "0.4.2"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["counts"]["breaking"], 1);
    assert_eq!(json["version"]["suggested"], "0.5.0");
    assert_eq!(json["changes"][0]["kind"], "removed");
    assert_eq!(json["changes"][0]["wire"], "breaking");
    assert_eq!(json["changes"][0]["old_source"], "small.txt:70");
    assert_eq!(json["changes"][0]["new_source"], serde_json::Value::Null);

    let gated = apiref(&["spec-diff", o, n, "--fail-on", "breaking"]);
    assert!(!gated.status.success());
    assert!(String::from_utf8_lossy(&gated.stderr).contains("1 change(s) fail --fail-on breaking"));
    let same = apiref(&["spec-diff", o, o, "--fail-on", "breaking"]);
    assert!(same.status.success());
    assert!(String::from_utf8_lossy(&same.stdout).contains("0 changes"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn spec_diff_reads_the_version_of_the_specs_client_crate() {
    // spec/dcs/spec.yaml is the spec of generated/dcs (dcs-client, the workspace's version).
    let spec = workspace().join("spec/dcs/spec.yaml");
    let spec = spec.to_str().unwrap();
    let run = apiref(&["spec-diff", spec, spec, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["version"]["crate"], "dcs-client");
    assert_eq!(json["version"]["current"], json["version"]["suggested"]);
}

/// A workspace with the DCS service folder holding only the PDF (`spec/dcs`) and its client crate
/// (`generated/dcs`, version 0.4.2 from the workspace).
#[cfg(unix)]
fn regen_workspace() -> PathBuf {
    let root = temp_dir("regen");
    let svc = root.join("spec/dcs");
    std::fs::create_dir_all(svc.join("sources")).unwrap();
    let real = workspace().join("spec/dcs");
    std::fs::copy(real.join("service.yaml"), svc.join("service.yaml")).unwrap();
    let pdf = "sources/002_a0060ea259f01ceb.txt";
    std::fs::copy(real.join(pdf), svc.join(pdf)).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"generated/dcs\"]\n\n[workspace.package]\nversion = \"0.4.2\"\n",
    )
    .unwrap();
    let krate = root.join("generated/dcs");
    std::fs::create_dir_all(&krate).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        "[package]\nname = \"dcs-client\"\nversion.workspace = true\n\n[features]\n\
         # BEGIN generated by `cargo regen` from spec.yaml: one feature per operation group.\n\
         # END generated features\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../spec/dcs/spec.yaml", krate.join("spec.yaml")).unwrap();
    root
}

#[cfg(unix)]
#[test]
fn regen_reports_what_changed_only_when_the_spec_changes() {
    let root = regen_workspace();
    let regen = || {
        let run = apiref(&["regen", "--root", root.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    let changes = root.join("spec/dcs/reports/changes.md");
    let first = regen();
    assert!(
        first.contains("dcs: no previous spec: no change report"),
        "{first}"
    );
    assert!(!changes.exists());

    // The 2025-08 page of the backup operation: Chinese texts, examples, a default.
    let page = "sources/004_e55e7f00ef4b1a64.txt";
    std::fs::copy(
        workspace().join("spec/dcs").join(page),
        root.join("spec/dcs").join(page),
    )
    .unwrap();
    let second = regen();
    assert!(
        second.contains(
            "dcs changes: 0 breaking, 0 additive, 11 docs; 0 break the wire; dcs-client 0.4.2 → 0.4.3; see spec/dcs/reports/changes.md"
        ),
        "{second}"
    );
    let report = std::fs::read_to_string(&changes).unwrap();
    assert!(report.starts_with("## dcs-client 0.4.3\n"), "{report}");
    assert!(
        report.contains("### Documentation") && !report.contains("### Breaking"),
        "{report}"
    );
    assert!(
        report.contains("`BackupInstanceBody.backup_format` (default): none → `rdb`"),
        "{report}"
    );

    // Nothing changed: the report of the last real change stays.
    let third = regen();
    assert!(third.contains("dcs: spec unchanged"), "{third}");
    assert_eq!(std::fs::read_to_string(&changes).unwrap(), report);
    std::fs::remove_dir_all(&root).unwrap();
}
