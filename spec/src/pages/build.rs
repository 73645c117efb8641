//! The whole pipeline with the single pages: the PDF spec (h1's [`crate::build::build_dcs`]),
//! then each single page parsed, normalized and merged in file order; and the ECS spec from the
//! HTML pages alone.

use std::collections::BTreeSet;
use std::path::Path;

use crate::build::{Build, BuildError, REFERENCE_PDF};
use crate::merge::{merge, MergeChange, Merged};
use crate::model::{Service, Source, Spec};
use crate::raw::RawDoc;

/// A built spec and the changes the single pages made to it, in merge order.
#[derive(Debug, Clone)]
pub struct PagesBuild {
    pub build: Build,
    pub changes: Vec<MergeChange>,
}

/// The folder of the ECS HTML pages inside the sources folder.
pub const ECS_DIR: &str = "html-ecs";

fn read(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|source| BuildError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The single-page documents of `dir` with `ext`, sorted: every file but the PDF text.
fn page_files(dir: &Path, ext: &str) -> Result<Vec<String>, BuildError> {
    let entries = std::fs::read_dir(dir).map_err(|source| BuildError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|f| {
            f.ends_with(ext)
                && f != REFERENCE_PDF
                && f.as_bytes()
                    .first()
                    .is_some_and(|b| b.is_ascii_digit() || ext == ".html")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Normalizes one parsed page and merges it into `base`.
pub fn merge_raw(base: Spec, raw: &RawDoc) -> Merged {
    merge_raw_with(base, raw, |_| {})
}

/// [`merge_raw`] with `fix` applied to the page's normalized spec before merging.
fn merge_raw_with(base: Spec, raw: &RawDoc, fix: impl FnOnce(&mut Spec)) -> Merged {
    let mut normalized = crate::normalize::normalize(raw);
    fix(&mut normalized.spec);
    let unknown_required: BTreeSet<String> = raw
        .operations
        .iter()
        .flat_map(|o| &o.tables)
        .flat_map(|t| &t.rows)
        .filter(|r| r.required.is_none())
        .map(|r| format!("{}:{}", raw.file, r.line))
        .collect();
    let source = Source {
        file: raw.file.clone(),
        format: raw.format.clone(),
        language: raw.language.clone(),
        updated: raw.updated.clone(),
    };
    let mut merged = merge(base, &normalized.spec, &source, &unknown_required);
    let mut diagnostics = raw.diagnostics.clone();
    diagnostics.extend(normalized.diagnostics);
    diagnostics.append(&mut merged.diagnostics);
    merged.diagnostics = diagnostics;
    merged
}

fn finish(
    spec: Spec,
    mut diagnostics: Vec<crate::raw::Diagnostic>,
    changes: Vec<MergeChange>,
) -> Result<PagesBuild, BuildError> {
    crate::build::check_diagnostics(&mut diagnostics)?;
    let report = crate::validate::validate(&spec);
    Ok(PagesBuild {
        build: Build {
            spec,
            diagnostics,
            report,
        },
        changes,
    })
}

/// Builds the DCS spec from the PDF text and every single page in `sources_dir`.
pub fn build_with_pages(sources_dir: &Path) -> Result<PagesBuild, BuildError> {
    let base = crate::build::build_dcs(sources_dir)?;
    let mut spec = base.spec;
    let mut diagnostics = base.diagnostics;
    let mut changes = Vec::new();
    for file in page_files(sources_dir, ".txt")? {
        let text = read(&sources_dir.join(&file))?;
        let raw = super::parse_document(&file, &text).map_err(BuildError::Invalid)?;
        let merged = merge_raw(spec, &raw);
        spec = merged.spec;
        diagnostics.extend(merged.diagnostics);
        changes.extend(merged.changes);
    }
    finish(spec, diagnostics, changes)
}

/// Builds the ECS spec (`spec/ecs.yaml`) from the HTML pages in `sources_dir/html-ecs`.
pub fn build_ecs(sources_dir: &Path) -> Result<Build, BuildError> {
    let dir = sources_dir.join(ECS_DIR);
    let mut spec = Spec {
        service: Service {
            name: "ecs".into(),
            title: "Elastic Cloud Server".into(),
            sources: Vec::new(),
        },
        operations: Vec::new(),
        schemas: Default::default(),
        error_codes: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    for file in page_files(&dir, ".html")? {
        let text = read(&dir.join(&file))?;
        let name = format!("{ECS_DIR}/{file}");
        let mut raw = super::parse_document(&name, &text).map_err(BuildError::Invalid)?;
        // The normalizer's `v1` means the DCS reference's deprecated chapter (names get a `V1`
        // suffix); ECS `/v1/` paths are current, so the version is set after normalizing.
        let versions: Vec<String> = raw
            .operations
            .iter_mut()
            .map(|o| std::mem::take(&mut o.version))
            .collect();
        let merged = merge_raw_with(spec, &raw, |page| {
            for (op, v) in page.operations.iter_mut().zip(&versions) {
                op.version = v.clone();
            }
        });
        spec = merged.spec;
        diagnostics.extend(merged.diagnostics);
    }
    finish(spec, diagnostics, Vec::new()).map(|b| b.build)
}
