//! Truncated or malformed pages give diagnostics with file and line, never a panic.

use dcs_spec::pages::parse_document;

const FIXTURES: [&str; 7] = [
    "cells_en.txt",
    "zh_path_table_no_mandatory.txt",
    "pipe_captionless_nested.txt",
    "blocks_2025.txt",
    "html_linked_nested.html",
    "html_query_template.html",
    "html_unlinked_nested.html",
];

#[test]
fn every_prefix_of_every_fixture_parses_or_fails_cleanly() {
    for name in FIXTURES {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/pages/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let cuts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .step_by(text.len() / 150 + 1)
            .chain([text.len()])
            .collect();
        for cut in cuts {
            match parse_document(name, &text[..cut]) {
                Ok(doc) => assert_eq!(doc.operations.len(), 1),
                Err(diags) => {
                    assert!(!diags.is_empty());
                    assert!(
                        diags.iter().all(|d| d.pos.file == name && d.pos.line >= 1),
                        "{diags:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_page_cut_before_its_uri_is_an_error() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/pages/blocks_2025.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let cut: String = text.lines().take(14).collect::<Vec<_>>().join("\n");
    let err = parse_document("004.txt", &cut).unwrap_err();
    assert!(err[0].message.contains("URI"), "{:?}", err);
    assert_eq!(err[0].pos.line, 3);
}
