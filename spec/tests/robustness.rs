//! Malformed and truncated input: errors with file and line, never a panic.

use dcs_spec::build::{build_from_text, BuildError};
use dcs_spec::pdf;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn empty_and_foreign_input_are_errors_with_a_line() {
    for text in ["", "\n\n", "hello\nworld\n", "{\"not\": \"a reference\"}"] {
        match build_from_text("bad.txt", text) {
            Err(BuildError::Invalid(errors)) => {
                assert!(
                    errors
                        .iter()
                        .all(|e| e.pos.file == "bad.txt" && e.pos.line >= 1),
                    "{errors:?}"
                );
                assert!(
                    errors[0].to_string().starts_with("bad.txt:"),
                    "{}",
                    errors[0]
                );
            }
            other => panic!("{text:?} gave {other:?}"),
        }
    }
}

#[test]
fn truncated_json_example_is_an_error_at_its_line() {
    let text = fixture("backup_5_5_5.txt");
    // Cut inside the request example (`{` is line 104, `"remark" : "Backup instances",` 105).
    let cut: Vec<&str> = text.lines().take(105).collect();
    assert_eq!(cut[104], "  \"remark\" : \"Backup instances\",");
    match build_from_text("cut.txt", &cut.join("\n")) {
        Err(BuildError::Invalid(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(
                errors[0].to_string(),
                "cut.txt:104: error: JSON example is not closed before the end of the page"
            );
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn page_without_uri_is_an_error() {
    let text = fixture("backup_5_5_5.txt")
        .replace("POST /v2/{project_id}/instances/{instance_id}/backups", "");
    let Err(BuildError::Invalid(errors)) = build_from_text("x.txt", &text) else {
        panic!("expected an error")
    };
    assert!(
        errors
            .iter()
            .any(|e| e.pos.line == 1 && e.message.contains("has no URI line")),
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
            let _ = build_from_text(name, &prefix);
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
        let _ = build_from_text("m.txt", &mangled.join("\n"));
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
    let _ = build_from_text("c.txt", &chopped.join("\n"));
}
