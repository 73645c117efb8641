//! The committed outputs of every service folder (`spec/*/spec.yaml`, `reports/`) are what the
//! scraper makes of its vendored documents; and the scrape depends on the documents' content
//! only, not on what the files are called or the order they are listed in.

mod common;

use std::path::{Path, PathBuf};

use apiref_scrape::outputs::{files, SPEC_FILE};
use apiref_scrape::service::{Document, ServiceDir, MANIFEST};
use apiref_scrape::{pipeline, scrape, Scrape};
use apiref_spec::Spec;

/// Every service folder of the workspace.
fn service_dirs() -> Vec<PathBuf> {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&spec_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join(MANIFEST).is_file())
        .collect();
    dirs.sort();
    dirs
}

fn scrape_dir(dir: &Path) -> Scrape {
    scrape(&ServiceDir::open(dir).unwrap_or_else(|e| panic!("{e}")))
}

/// rust-analyzer style: regenerate in memory and compare with what is committed.
#[test]
fn committed_outputs_are_up_to_date() {
    let dirs = service_dirs();
    assert!(dirs.len() >= 2, "{dirs:?}");
    let mut stale = Vec::new();
    for dir in &dirs {
        let s = scrape_dir(dir);
        for (name, fresh) in files(&s) {
            let path = dir.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        // And the spec reads back into the model (unknown keys rejected) unchanged.
        let committed = std::fs::read_to_string(dir.join(SPEC_FILE)).unwrap_or_default();
        if let Ok(parsed) = Spec::from_yaml(SPEC_FILE, &committed) {
            if parsed != s.spec {
                stale.push(format!("{} (reads back differently)", dir.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {}\nrun `cargo regen` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn dcs_counts() {
    let s = scrape_dir(&common::service_dir("dcs"));
    let deprecated = s.spec.operations.iter().filter(|o| o.deprecated).count();
    // Sections 5.1.1–5.16.4, and 8.1.1–8.7.4 (the out-of-date chapter).
    assert_eq!((s.spec.operations.len(), deprecated), (143, 27));
    // 275, and the `tags` object the example of 8.6.3 wraps its response table in.
    assert_eq!(s.spec.schemas.len(), 276);
    assert_eq!(s.spec.error_codes.len(), 291);
    let mut names: Vec<&str> = s.spec.operations.iter().map(|o| o.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 143);
    // Every row of every operation's tables is placed.
    let (seen, placed) = apiref_scrape::accounting::total(&s.rows);
    assert_eq!((seen, placed), (3256, 3256));
    // Every example is JSON but one: 5.16.4 prints `"job_id": 8abf6e1e…` unquoted.
    assert_eq!(s.report.examples - s.report.valid_json, 1);
    let bad = s
        .report
        .issues
        .iter()
        .find(|i| i.message.contains("not valid JSON"))
        .unwrap();
    assert_eq!(bad.source, "002_a0060ea259f01ceb.txt:42712");
    // Every type in the spec parses, and every schema it names exists.
    for schema in s.spec.schemas.values() {
        for f in &schema.fields {
            let t = f.type_ref().unwrap_or_else(|e| panic!("{}: {e}", f.source));
            if let Some(n) = t.named() {
                assert!(
                    s.spec.schemas.contains_key(n),
                    "{}: unknown schema {n}",
                    f.source
                );
            }
        }
    }
}

/// The share of table rows placed in the spec, of example fields that validate and of those the
/// generated client reads, per service: a change that lowers any fails here (raise the floor
/// when it improves). DCS's 97.4 % counts the entries of maps (`params` of a template), checked
/// since the examples' map values are.
#[test]
fn placed_rows_and_validating_fields_do_not_drop() {
    for (service, rows_floor, fields_floor, read_floor) in
        [("dcs", 100.0, 97.4, 98.5), ("ecs", 99.7, 95.4, 98.0)]
    {
        let s = scrape_dir(&common::service_dir(service));
        let (seen, placed) = apiref_scrape::accounting::total(&s.rows);
        let rows = apiref_scrape::example_check::percent(placed, seen);
        assert!(
            rows >= rows_floor,
            "{service}: {placed}/{seen} rows placed ({rows:.2}%)"
        );
        let fields = s.report.fields_ok_percent();
        assert!(
            fields >= fields_floor,
            "{service}: {fields:.2}% of example fields validate"
        );
        let read = s.report.fields_read_percent();
        assert!(
            read >= read_floor,
            "{service}: the client reads {read:.2}% of example fields"
        );
    }
}

#[test]
fn scraping_is_deterministic() {
    let dir = common::service_dir("dcs");
    assert_eq!(
        scrape_dir(&dir).spec.to_yaml(),
        scrape_dir(&dir).spec.to_yaml()
    );
}

/// The DCS documents under other names and in reverse order: the spec is the same, byte for
/// byte, once the new names are mapped back to the old ones (the spec cites every value's
/// `file:line`, and the files are called differently).
#[test]
fn renamed_and_reordered_documents_give_the_same_spec() {
    let service = ServiceDir::open(&common::service_dir("dcs")).unwrap();
    let (docs, diags) = service.documents();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(docs.len(), 5);
    let expected = pipeline::scrape_documents(&service.manifest, &docs, Vec::new());
    // `z-0.txt` for the last document, `z-4.txt` for the first: the order of names flips too.
    let renamed: Vec<Document> = docs
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| Document::new(&format!("pages/z-{i}.txt"), &d.text))
        .collect();
    let s = pipeline::scrape_documents(&service.manifest, &renamed, Vec::new());
    let mut yaml = s.spec.to_yaml();
    for (i, d) in docs.iter().rev().enumerate() {
        yaml = yaml.replace(&format!("pages/z-{i}.txt"), &d.file);
    }
    assert!(
        yaml == expected.spec.to_yaml(),
        "the spec depends on file names or order"
    );
    assert_eq!(s.changes.len(), expected.changes.len());
}
