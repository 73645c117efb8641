//! Truncated or malformed pages give diagnostics with file and line, never a panic.

use apiref_scrape::layouts::{self, Layout};
use apiref_scrape::raw::{Diagnostic, RawDoc};

/// What the parser of the detected layout makes of `text`; a text no layout recognizes is an
/// error at line 1.
fn parse_document(name: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    match layouts::detect(text) {
        Some(layout) => layout.parse(name, text),
        None => Err(vec![Diagnostic::new(
            name,
            1,
            apiref_scrape::raw::Severity::Error,
            "unrecognized",
        )]),
    }
}

/// Relative to the crate: excerpts of the text pages, and three whole vendored HTML pages.
const FIXTURES: [&str; 7] = [
    "tests/fixtures/pages/cells_en.txt",
    "tests/fixtures/pages/zh_path_table_no_mandatory.txt",
    "tests/fixtures/pages/pipe_captionless_nested.txt",
    "tests/fixtures/pages/blocks_2025.txt",
    "../ecs/sources/en-us_topic_0020212663.html",
    "../ecs/sources/en-us_topic_0065962600.html",
    "../ecs/sources/en-us_topic_0102606095.html",
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
                // An HTML page cut before its URI is kept as a page without operations.
                Ok(doc) => assert!(doc.operations.len() <= 1),
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
    // Without its URI block the page is no single API page: no layout takes it.
    assert_eq!(layouts::detect(&cut), None);
    // Read as what it was, it is an error at its title.
    let err = Layout::Blocks.parse("004.txt", &cut).unwrap_err();
    assert!(err[0].message.contains("URI"), "{:?}", err);
    assert_eq!(err[0].pos.line, 3);
}
