//! Helpers shared by the scraper's tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use apiref_scrape::pipeline::scrape_documents;
use apiref_scrape::raw::{Diagnostic, Severity};
use apiref_scrape::service::Document;
use apiref_scrape::{Manifest, Scrape};

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A service folder of the workspace (`spec/dcs`).
pub fn service_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name)
}

/// A vendored document of a service folder.
pub fn source(service: &str, file: &str) -> String {
    let path = service_dir(service).join("sources").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Scrapes documents held in memory, as a service named `dcs` would.
pub fn scrape_texts(docs: &[(&str, &str)]) -> Scrape {
    let docs: Vec<Document> = docs.iter().map(|(f, t)| Document::new(f, t)).collect();
    scrape_documents(
        &Manifest::new("dcs", "Distributed Cache Service"),
        &docs,
        Vec::new(),
    )
}

/// Scrapes one document held in memory.
pub fn scrape_text(file: &str, text: &str) -> Scrape {
    scrape_texts(&[(file, text)])
}

/// The error diagnostics of a scrape.
pub fn errors(s: &Scrape) -> Vec<&Diagnostic> {
    s.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}
