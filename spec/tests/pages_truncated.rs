//! Truncated or malformed pages give diagnostics with file and line, never a panic.

use dcs_spec::pages::parse_document;

/// Relative to the crate: excerpts of the text pages, and three whole vendored HTML pages.
const FIXTURES: [&str; 7] = [
    "tests/fixtures/pages/cells_en.txt",
    "tests/fixtures/pages/zh_path_table_no_mandatory.txt",
    "tests/fixtures/pages/pipe_captionless_nested.txt",
    "tests/fixtures/pages/blocks_2025.txt",
    "sources/html-ecs/en-us_topic_0020212663.html",
    "sources/html-ecs/en-us_topic_0065962600.html",
    "sources/html-ecs/en-us_topic_0102606095.html",
];

#[test]
fn every_prefix_of_every_fixture_parses_or_fails_cleanly() {
    for path in FIXTURES {
        let text =
            std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let name = path.rsplit('/').next().unwrap();
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
