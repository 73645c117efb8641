//! Malformed and truncated input: errors with file and line, never a panic.

mod common;

use apiref_scrape::layouts::pdf;
use common::{errors, fixture, scrape_text};

#[test]
fn empty_and_foreign_input_are_named_with_a_line_and_give_nothing() {
    for text in ["", "\n\n", "hello\nworld\n", "{\"not\": \"a reference\"}"] {
        let s = scrape_text("bad.txt", text);
        assert!(s.spec.operations.is_empty());
        let lines: Vec<String> = s.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "bad.txt:1: warning: no layout recognizes this document (not PDF text, a single API page or HTML); skipped",
                // Nothing usable came out: an error, for the caller to refuse to write.
                "bad.txt:1: error: no operation came out of the documents",
            ]
        );
    }
}

#[test]
fn truncated_json_example_is_an_error_at_its_line() {
    let text = fixture("backup_5_5_5.txt");
    // Cut inside the request example (`{` is line 104, `"remark" : "Backup instances",` 105).
    let cut: Vec<&str> = text.lines().take(105).collect();
    assert_eq!(cut[104], "  \"remark\" : \"Backup instances\",");
    let s = scrape_text("cut.txt", &cut.join("\n"));
    let errors = errors(&s);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "cut.txt:104: error: JSON example is not closed before the end of the page"
    );
    // What comes before the cut is still read (the SDK sample, after it, is gone: the operation
    // is named after its title).
    assert_eq!(s.spec.operations[0].name, "BackupInstance");
    assert_eq!(s.spec.operations[0].method, "POST");
}

#[test]
fn page_without_request_line_is_no_operation_and_an_error() {
    let text = fixture("backup_5_5_5.txt")
        .replace("POST /v2/{project_id}/instances/{instance_id}/backups", "");
    let s = scrape_text("x.txt", &text);
    assert!(s.spec.operations.is_empty());
    let errors = errors(&s);
    assert!(
        errors
            .iter()
            .any(|e| e.pos.file == "x.txt" && e.message.starts_with("no operation pages")),
        "{errors:?}"
    );
}

#[test]
fn every_prefix_of_every_fixture_parses_without_panicking() {
    for name in [
        "backup_5_5_5.txt",
        "create_instance_5_1_1.txt",
        "list_instances_5_1_2.txt",
        "v1_create_instance_8_1_1.txt",
        "replica_status_5_3_6.txt",
        "error_codes_7_2.txt",
    ] {
        let text = fixture(name);
        let lines: Vec<&str> = text.lines().collect();
        // Every cut of the small page; every fifth line of the long ones (the test is quadratic).
        let step = if lines.len() < 400 { 1 } else { 5 };
        for n in (0..=lines.len()).step_by(step) {
            let prefix = lines[..n].join("\n");
            let doc = pdf::parse(name, &prefix);
            // Whatever was read carries positions inside the prefix.
            for d in &doc.diagnostics {
                assert!(d.pos.line <= n.max(1), "{name}[..{n}]: {d}");
            }
            let _ = scrape_text(name, &prefix);
        }
    }
}

#[test]
fn mangled_lines_do_not_panic() {
    let text = fixture("v1_create_instance_8_1_1.txt");
    // Drop every seventh line, then every third: tables lose cells, headers lose halves.
    for k in [7, 3, 2] {
        let mangled: Vec<&str> = text
            .lines()
            .enumerate()
            .filter(|(i, _)| i % k != 0)
            .map(|(_, l)| l)
            .collect();
        let _ = scrape_text("m.txt", &mangled.join("\n"));
    }
    // Lines cut at odd byte positions (on char boundaries).
    let chopped: Vec<String> = text
        .lines()
        .map(|l| {
            let cut = l
                .char_indices()
                .nth(l.chars().count() / 2)
                .map_or(l.len(), |(i, _)| i);
            l[..cut].to_string()
        })
        .collect();
    let _ = scrape_text("c.txt", &chopped.join("\n"));
}
