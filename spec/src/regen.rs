//! The main job's scrape step: build every spec the vendored sources describe and render the
//! files that are committed beside them, so the CLI and the staleness test produce the same bytes.

use std::path::Path;

use crate::build::{Build, BuildError};
use crate::pages::build::{build_ecs, build_with_pages, PagesBuild, ECS_DIR};
use crate::write::write_atomic;

/// Everything built from one sources folder.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// DCS: the PDF reference with the single pages merged in.
    pub dcs: PagesBuild,
    /// ECS: the HTML pages (proves the scraper is not tied to one service); absent when the
    /// sources folder has no `html-ecs/`.
    pub ecs: Option<Build>,
}

/// Builds both specs. Any error-level diagnostic fails the whole build, so nothing is written.
pub fn build_all(sources_dir: &Path) -> Result<Outputs, BuildError> {
    let ecs = if sources_dir.join(ECS_DIR).is_dir() {
        Some(build_ecs(sources_dir)?)
    } else {
        None
    };
    Ok(Outputs {
        dcs: build_with_pages(sources_dir)?,
        ecs,
    })
}

impl Outputs {
    /// The files to write, relative to the spec folder, with their contents.
    pub fn files(&self) -> Vec<(&'static str, String)> {
        let dcs = &self.dcs.build;
        let mut merge = String::from("# Changes the single pages made to the PDF spec\n");
        for c in &self.dcs.changes {
            merge.push_str(&format!("{c}\n"));
        }
        let mut files = vec![
            ("dcs.yaml", dcs.spec.to_yaml()),
            (
                "reports/dcs-examples.txt",
                format!(
                    "# Example validation: documentation inconsistencies (file:line)\n{}\n",
                    dcs.report
                ),
            ),
            ("reports/dcs-diagnostics.txt", diagnostics(dcs)),
            ("reports/dcs-merge.txt", merge),
        ];
        if let Some(ecs) = &self.ecs {
            files.push(("ecs.yaml", ecs.spec.to_yaml()));
            files.push((
                "reports/ecs-examples.txt",
                format!("# Example validation (file:line)\n{}\n", ecs.report),
            ));
            files.push(("reports/ecs-diagnostics.txt", diagnostics(ecs)));
        }
        files
    }

    /// Writes every file atomically (temporary file, then rename) under `spec_dir`.
    pub fn write(&self, spec_dir: &Path) -> std::io::Result<()> {
        for (name, contents) in self.files() {
            let path = spec_dir.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            write_atomic(&path, contents.as_bytes())
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
        Ok(())
    }

    /// A few lines for a maintainer.
    pub fn summary(&self) -> String {
        let dcs = &self.dcs.build;
        let v2 = dcs
            .spec
            .operations
            .iter()
            .filter(|o| o.version == "v2")
            .count();
        let r = &dcs.report;
        let mut text = format!(
            "dcs: {} operations ({v2} v2, {} v1), {} schemas, {} error codes, {} warnings, {} merge changes\n\
             dcs examples: {}/{} valid JSON, {}/{} fields validate ({:.2}%), {} inconsistencies listed",
            dcs.spec.operations.len(),
            dcs.spec.operations.len() - v2,
            dcs.spec.schemas.len(),
            dcs.spec.error_codes.len(),
            dcs.diagnostics.len(),
            self.dcs.changes.len(),
            r.valid_json,
            r.examples,
            r.fields_ok,
            r.fields,
            r.fields_ok_percent(),
            r.issues.len(),
        );
        if let Some(ecs) = &self.ecs {
            text.push_str(&format!(
                "\necs: {} operations, {} schemas, {}/{} example fields validate",
                ecs.spec.operations.len(),
                ecs.spec.schemas.len(),
                ecs.report.fields_ok,
                ecs.report.fields,
            ));
        }
        text
    }
}

fn diagnostics(b: &Build) -> String {
    let mut s = String::from("# Scraper diagnostics (file:line)\n");
    for d in &b.diagnostics {
        s.push_str(&format!("{d}\n"));
    }
    s
}
