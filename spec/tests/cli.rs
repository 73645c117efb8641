//! The `dcs-spec` binary: a bad document fails with file:line and leaves the old spec alone.

use std::path::PathBuf;
use std::process::Command;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dcs-spec-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bad_reference_fails_and_keeps_the_previous_spec() {
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("002_a0060ea259f01ceb.txt"),
        "1 Before You Start\nnothing here\n",
    )
    .unwrap();
    let out = dir.join("dcs.yaml");
    std::fs::write(&out, "previous good spec\n").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_dcs-spec"))
        .args(["scrape", "--sources"])
        .arg(&dir)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("002_a0060ea259f01ceb.txt:2: error: no operation pages"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "previous good spec\n"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        2,
        "no temporary file is left behind"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scrape_writes_a_spec_that_reads_back() {
    let dir = temp_dir("good");
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backup_5_5_5.txt");
    std::fs::copy(&src, dir.join("002_a0060ea259f01ceb.txt")).unwrap();
    let out_dir = dir.join("out");
    let out = out_dir.join("dcs.yaml");
    let run = Command::new(env!("CARGO_BIN_EXE_dcs-spec"))
        .args(["scrape", "--sources"])
        .arg(&dir)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("1 operations (1 v2, 0 v1)"), "{stdout}");
    let text = std::fs::read_to_string(&out).unwrap();
    let spec = dcs_spec::Spec::from_yaml("dcs.yaml", &text).unwrap();
    assert_eq!(spec.operations[0].name, "CopyInstance");
    // The reports land beside the spec; there are no HTML pages, so no ECS spec.
    assert!(out_dir.join("reports/dcs-examples.txt").is_file());
    assert!(!out_dir.join("ecs.yaml").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_command_is_a_usage_error() {
    let run = Command::new(env!("CARGO_BIN_EXE_dcs-spec"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("usage:"));
}
