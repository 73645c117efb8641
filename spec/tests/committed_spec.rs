//! The committed `spec/dcs.yaml` is what the scraper makes of the vendored reference.

use std::path::Path;

use dcs_spec::build::build_dcs;
use dcs_spec::regen::build_all;
use dcs_spec::Spec;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// rust-analyzer style: regenerate in memory and compare with what is committed.
#[test]
fn committed_spec_is_up_to_date() {
    let outputs = build_all(&crate_dir().join("sources")).unwrap_or_else(|e| panic!("{e}"));
    let mut stale = Vec::new();
    for (name, fresh) in outputs.files() {
        let path = crate_dir().join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
            stale.push(format!("spec/{name}"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {}\nrun `cargo regen` and commit the result",
        stale.join(", ")
    );
    // And the spec reads back into the model (unknown keys rejected) unchanged.
    let committed = std::fs::read_to_string(crate_dir().join("dcs.yaml")).unwrap();
    let parsed = Spec::from_yaml("dcs.yaml", &committed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, outputs.dcs.build.spec);
}

#[test]
fn whole_reference_counts() {
    let b = build_dcs(&crate_dir().join("sources")).unwrap_or_else(|e| panic!("{e}"));
    let v2 = b
        .spec
        .operations
        .iter()
        .filter(|o| o.version == "v2")
        .count();
    let v1 = b
        .spec
        .operations
        .iter()
        .filter(|o| o.version == "v1" && o.deprecated)
        .count();
    // Sections 5.1.1–5.16.4 and 8.1.1–8.7.4.
    assert_eq!((v2, v1), (116, 27));
    assert_eq!(b.spec.error_codes.len(), 291);
    let mut names: Vec<&str> = b.spec.operations.iter().map(|o| o.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 143);
    // Every example is JSON but one: 5.16.4 prints `"job_id": 8abf6e1e…` unquoted.
    assert_eq!(b.report.examples - b.report.valid_json, 1);
    let bad = b
        .report
        .issues
        .iter()
        .find(|i| i.message.contains("not valid JSON"))
        .unwrap();
    assert_eq!(bad.source, "002_a0060ea259f01ceb.txt:42712");
    // Every type in the spec parses, and every schema it names exists.
    for s in b.spec.schemas.values() {
        for f in &s.fields {
            let t = f.type_ref().unwrap_or_else(|e| panic!("{}: {e}", f.source));
            if let Some(n) = t.named() {
                assert!(
                    b.spec.schemas.contains_key(n),
                    "{}: unknown schema {n}",
                    f.source
                );
            }
        }
    }
}

#[test]
fn scraping_is_deterministic() {
    let text =
        std::fs::read_to_string(crate_dir().join("sources/002_a0060ea259f01ceb.txt")).unwrap();
    let a = dcs_spec::build::build_from_text("002_a0060ea259f01ceb.txt", &text)
        .unwrap()
        .spec
        .to_yaml();
    let b = dcs_spec::build::build_from_text("002_a0060ea259f01ceb.txt", &text)
        .unwrap()
        .spec
        .to_yaml();
    assert_eq!(a, b);
}
