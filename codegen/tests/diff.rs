//! The change report's classes for a synthetic edit of every kind (see `diff_edits`): each edit
//! of the small fixture reports exactly the expected changes, with their classes for the Rust API
//! and the wire, and both sources.

mod diff_edits;

use std::collections::BTreeMap;

use apiref_codegen::diff::{diff, ChangeKind, Report, RustClass, Version};
use diff_edits::{edited, edits, small, Expected};

fn summary(report: &Report) -> Vec<Expected> {
    let mut got: Vec<Expected> = report
        .changes
        .iter()
        .map(|c| {
            let item: &'static str = Box::leak(c.item.clone().into_boxed_str());
            (c.subject, c.kind, item, c.rust, c.wire_breaking)
        })
        .collect();
    got.sort();
    got
}

#[test]
fn every_kind_of_edit_has_its_classes() {
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let edits = edits();
    for edit in &edits {
        let report = diff(&small(), &edited(edit));
        let mut expected = edit.expected.clone();
        expected.sort();
        let got = summary(&report);
        if got != expected {
            let detail: Vec<String> = report
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "    {:?} {:?} {} {:?} wire={} ({}; {})",
                        c.subject, c.kind, c.item, c.rust, c.wire_breaking, c.detail, c.why
                    )
                })
                .collect();
            failures.push(format!(
                "{}:\n  expected {expected:?}\n  got:\n{}",
                edit.name,
                detail.join("\n")
            ));
        }
        for c in &report.changes {
            *counts.entry(c.rust.as_str()).or_default() += 1;
            if c.wire_breaking {
                *counts.entry("wire-breaking").or_default() += 1;
            }
        }
    }
    eprintln!("{} edits, changes per class: {counts:?}", edits.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn changes_carry_both_sources() {
    for edit in edits() {
        for c in diff(&small(), &edited(&edit)).changes {
            let (old, new) = (c.old_source.as_deref(), c.new_source.as_deref());
            match c.kind {
                ChangeKind::Added => {
                    assert!(old.is_none() && new.is_some(), "{}: {c:?}", edit.name)
                }
                ChangeKind::Removed => {
                    assert!(old.is_some() && new.is_none(), "{}: {c:?}", edit.name)
                }
                _ => assert!(old.is_some() && new.is_some(), "{}: {c:?}", edit.name),
            }
            assert!(!c.why.is_empty(), "{}: {c:?}", edit.name);
        }
    }
    // The field's own rows: the old table row and the new one.
    let edit = edits()
        .into_iter()
        .find(|e| e.name == "request_required_to_optional")
        .unwrap();
    let report = diff(&small(), &edited(&edit));
    assert_eq!(
        report.changes[0].old_source.as_deref(),
        Some("small.txt:100")
    );
    assert_eq!(
        report.changes[0].new_source.as_deref(),
        Some("small.txt:100")
    );
}

#[test]
fn no_change_no_report_and_the_version_follows_the_worst_class() {
    let spec = small();
    let report = diff(&spec, &spec);
    assert!(report.changes.is_empty());
    let v: Version = "0.3.1".parse().unwrap();
    assert_eq!(report.suggest(&v), v);
    let by_name = |name: &str| {
        let edit = edits().into_iter().find(|e| e.name == name).unwrap();
        diff(&small(), &edited(&edit))
    };
    assert_eq!(by_name("operation_added").suggest(&v).to_string(), "0.3.2");
    assert_eq!(
        by_name("description_changed").suggest(&v).to_string(),
        "0.3.2"
    );
    assert_eq!(
        by_name("operation_removed").suggest(&v).to_string(),
        "0.4.0"
    );
    assert_eq!(
        by_name("operation_removed").worst(),
        Some(RustClass::Breaking)
    );
}

#[test]
fn the_reverse_of_an_addition_is_breaking() {
    // What one direction adds, the other removes.
    for name in [
        "operation_added",
        "request_optional_added",
        "response_added",
        "error_code_added",
    ] {
        let edit = edits().into_iter().find(|e| e.name == name).unwrap();
        let forward = diff(&small(), &edited(&edit));
        let back = diff(&edited(&edit), &small());
        assert_eq!(forward.worst(), Some(RustClass::Additive), "{name}");
        assert_eq!(back.worst(), Some(RustClass::Breaking), "{name}");
    }
}
