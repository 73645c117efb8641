//! A service folder: `service.yaml` (the manifest), `sources/` (the documents), and the outputs
//! (`spec.yaml`, `reports/`). Adding a service is adding such a folder.
//!
//! ```yaml
//! name: dcs                      # required: lowercase, names crates and features
//! title: Distributed Cache Service   # required
//! client: DcsClient              # default: <Name>Client
//! endpoint: https://dcs.{region}.myhuaweicloud.com   # default: https://<name>.{region}.myhuaweicloud.com
//! error_prefix: DCS              # default: the name in capitals
//! documents:                     # default: every file under sources/
//!   - path: sources/001_85b06ada4902bfb7.txt   # a file or a folder, relative to this folder
//!     language: zh               # hints for what a document does not say itself
//!     updated: 2024-11-06
//!     layout: pipe-rows
//!     deprecated: [Old APIs]     # chapter or group titles whose operations are deprecated
//! waiters:                       # where the documents do not tell which status values end a wait
//!   - operation: ShowInstance    # the read operation to poll (a GET of the spec)
//!     success: [RUNNING]         # one waiter per value: wait_until_instance_running (no
//!                                #   values: the documents classify, the entry only names)
//!     failure: [CREATEFAILED, ERROR]   # end the wait with an error
//!     pending: [CREATING]        # for the record: in progress (any other value is too)
//!     status: [status]           # optional: field names from the resource to its status
//!     resource: instance         # optional: the name in the waiter's name (default: the path's)
//!     items: [tasks]             # a read that lists the resources: the reply's array of them,
//!     id: id                     #   and the field of an item the caller's id is compared with
//!   - operation: ShowApiVersion
//!     skip: true                 # no waiter for this status
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::layouts::Layout;
use crate::raw::{Diagnostic, Severity};

/// The manifest's file name inside a service folder.
pub const MANIFEST: &str = "service.yaml";
/// The folder of the documents inside a service folder.
pub const SOURCES: &str = "sources";

/// `service.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub client: Option<String>,
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub error_prefix: Option<String>,
    /// The documents to read, with hints; none listed: every file under `sources/`.
    #[serde(default)]
    pub documents: Vec<DocumentHint>,
    /// Waiters the documents do not classify (see [`crate::waiters`]).
    #[serde(default)]
    pub waiters: Vec<WaiterHint>,
}

/// What the manifest says of the status of a resource: which values end a wait, where the
/// documents do not tell (values listed elsewhere than the field, words that are not clear).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiterHint {
    /// The read operation polled, by its name in the spec.
    pub operation: String,
    /// The resource's name in the waiters' names; default: from the operation's path.
    #[serde(default)]
    pub resource: Option<String>,
    /// Field names from the resource down to its status; default: the status field the scraper
    /// finds.
    #[serde(default)]
    pub status: Vec<String>,
    /// For a read that lists the resources: field names from the reply down to their array.
    #[serde(default)]
    pub items: Vec<String>,
    /// With `items`: the field of an item the caller's id is compared with.
    #[serde(default)]
    pub id: Option<String>,
    /// One waiter per value. None (and no `failure` or `pending`): the documents classify the
    /// values, and the entry only gives names or fields.
    #[serde(default)]
    pub success: Vec<String>,
    #[serde(default)]
    pub failure: Vec<String>,
    #[serde(default)]
    pub pending: Vec<String>,
    /// No waiter for this operation (and no diagnostic about it).
    #[serde(default)]
    pub skip: bool,
    /// The line of the entry in the manifest (1-based; 0 when unknown).
    #[serde(skip)]
    pub line: usize,
}

/// What the manifest says of a document (or of every document under a folder).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentHint {
    /// A file or a folder, relative to the service folder.
    pub path: String,
    /// `en` or `zh`.
    #[serde(default)]
    pub language: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub updated: Option<String>,
    /// A layout name (`pdf-text`, `cell-lines`, `pipe-rows`, `blocks`, `html`).
    #[serde(default)]
    pub layout: Option<String>,
    /// Chapter or group titles whose operations are deprecated.
    #[serde(default)]
    pub deprecated: Vec<String>,
}

/// A manifest that cannot be used; the service folder cannot be scraped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ManifestError {
    pub file: String,
    /// 1-based; 0 when the problem has no line.
    pub line: usize,
    pub message: String,
}

/// One document read from the service folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to `sources/` (or to the service folder, for a listed document elsewhere),
    /// with `/` separators: how the spec and the reports name it.
    pub file: String,
    pub text: String,
    pub hint: DocumentHint,
}

impl Document {
    /// A document without hints.
    pub fn new(file: &str, text: &str) -> Document {
        Document {
            file: file.to_string(),
            text: text.to_string(),
            hint: DocumentHint::default(),
        }
    }
}

/// An opened service folder.
#[derive(Debug, Clone)]
pub struct ServiceDir {
    pub root: PathBuf,
    pub manifest: Manifest,
}

impl Manifest {
    /// A manifest with only the required keys.
    pub fn new(name: &str, title: &str) -> Manifest {
        Manifest {
            name: name.to_string(),
            title: title.to_string(),
            client: None,
            endpoint: None,
            error_prefix: None,
            documents: Vec::new(),
            waiters: Vec::new(),
        }
    }

    /// Parses and checks manifest text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Manifest, ManifestError> {
        let mut m: Manifest = serde_yaml::from_str(text).map_err(|e| ManifestError {
            file: file.to_string(),
            line: e.location().map_or(0, |l| l.line()),
            message: e.to_string(),
        })?;
        waiter_lines(&mut m.waiters, text);
        if let Some(w) = m.waiters.iter().find_map(|w| w.problem().map(|p| (w, p))) {
            return Err(ManifestError {
                file: file.to_string(),
                line: w.0.line,
                message: w.1,
            });
        }
        let problem = m.problem();
        match problem {
            None => Ok(m),
            Some((key, message)) => Err(ManifestError {
                file: file.to_string(),
                line: line_of_key(text, key),
                message,
            }),
        }
    }

    /// The first value that cannot work, with the key it stands under.
    fn problem(&self) -> Option<(&'static str, String)> {
        let name_ok = self.name.starts_with(|c: char| c.is_ascii_lowercase())
            && self
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !name_ok {
            return Some((
                "name",
                format!(
                    "`name: {}`: a lowercase name (letters, digits, `-`) is required",
                    self.name
                ),
            ));
        }
        if self.title.trim().is_empty() {
            return Some(("title", "`title` must not be empty".into()));
        }
        if let Some(e) = &self.endpoint {
            if !(e.starts_with("https://") || e.starts_with("http://")) {
                return Some((
                    "endpoint",
                    format!("`endpoint: {e}`: an http(s) URL template is required"),
                ));
            }
        }
        self.documents
            .iter()
            .find_map(|d| d.problem().map(|p| ("path", p)))
    }

    /// The word titles use for the service (`DCS`): the error prefix, else the name in capitals.
    pub fn service_word(&self) -> String {
        self.error_prefix
            .clone()
            .unwrap_or_else(|| self.name.to_ascii_uppercase())
    }
}

impl WaiterHint {
    /// What cannot work whatever the spec: no values, a value both done and failed, an id
    /// without items.
    fn problem(&self) -> Option<String> {
        let op = &self.operation;
        if self.skip {
            return None;
        }
        if self.success.is_empty() && !(self.failure.is_empty() && self.pending.is_empty()) {
            return Some(format!(
                "waiter of `{op}`: `failure` or `pending` without `success` (list the values \
                 that end the wait, or none of them to let the documents classify)"
            ));
        }
        if let Some(v) = self.success.iter().find(|v| self.failure.contains(v)) {
            return Some(format!(
                "waiter of `{op}`: `{v}` is both in `success` and in `failure`"
            ));
        }
        if self.items.is_empty() != self.id.is_none() {
            return Some(format!(
                "waiter of `{op}`: `items` and `id` go together (a read that lists the resources)"
            ));
        }
        None
    }
}

/// The line of each waiter's `operation:` key, in order.
fn waiter_lines(waiters: &mut [WaiterHint], text: &str) {
    let mut lines = text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        t.strip_prefix("operation:").map(|_| i + 1)
    });
    for w in waiters {
        w.line = lines.next().unwrap_or(0);
    }
}

impl DocumentHint {
    fn problem(&self) -> Option<String> {
        if let Some(l) = &self.layout {
            if Layout::from_name(l).is_none() {
                let known: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
                return Some(format!(
                    "`{}`: unknown layout `{l}` (known: {})",
                    self.path,
                    known.join(", ")
                ));
            }
        }
        if let Some(d) = &self.updated {
            if !is_date(d) {
                return Some(format!("`{}`: `updated: {d}` is not YYYY-MM-DD", self.path));
            }
        }
        if let Some(l) = &self.language {
            if l != "en" && l != "zh" {
                return Some(format!(
                    "`{}`: `language: {l}` is not `en` or `zh`",
                    self.path
                ));
            }
        }
        None
    }
}

/// `YYYY-MM-DD`.
pub fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The line of the first `key:` in `text`, or 0.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
        })
        .map_or(0, |i| i + 1)
}

impl ServiceDir {
    /// Reads the manifest of the service folder `root`.
    pub fn open(root: &Path) -> Result<ServiceDir, ManifestError> {
        let path = root.join(MANIFEST);
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| ManifestError {
            file: file.clone(),
            line: 0,
            message: format!("cannot read the service manifest: {e}"),
        })?;
        Ok(ServiceDir {
            root: root.to_path_buf(),
            manifest: Manifest::parse(&file, &text)?,
        })
    }

    /// Every document to read, in the order of their paths, with the hints that apply (the
    /// most specific listed path wins). A file that cannot be read is a diagnostic, not a stop.
    pub fn documents(&self) -> (Vec<Document>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let sources = self.root.join(SOURCES);
        let roots: Vec<PathBuf> = if self.manifest.documents.is_empty() {
            vec![sources.clone()]
        } else {
            self.manifest
                .documents
                .iter()
                .map(|d| self.root.join(&d.path))
                .collect()
        };
        let mut files = Vec::new();
        for root in &roots {
            if let Err(e) = collect_files(root, &mut files) {
                diagnostics.push(Diagnostic::new(
                    &root.display().to_string(),
                    1,
                    Severity::Error,
                    format!("cannot list the documents: {e}"),
                ));
            }
        }
        files.sort();
        files.dedup();
        let mut docs = Vec::new();
        for path in files {
            let base = if path.starts_with(&sources) {
                &sources
            } else {
                &self.root
            };
            let file = relative_name(&path, base);
            match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => docs.push(Document {
                    hint: self.hint_for(&path),
                    file,
                    text,
                }),
                Ok(Err(_)) => diagnostics.push(Diagnostic::new(
                    &file,
                    1,
                    Severity::Error,
                    "not UTF-8 text; skipped",
                )),
                Err(e) => diagnostics.push(Diagnostic::new(
                    &file,
                    1,
                    Severity::Error,
                    format!("cannot read: {e}"),
                )),
            }
        }
        (docs, diagnostics)
    }

    /// The hint of the longest listed path that holds `path`.
    fn hint_for(&self, path: &Path) -> DocumentHint {
        self.manifest
            .documents
            .iter()
            .filter(|d| path.starts_with(self.root.join(&d.path)))
            .max_by_key(|d| d.path.len())
            .cloned()
            .unwrap_or_default()
    }
}

/// `path` relative to `base`, with `/` separators.
fn relative_name(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `root` (or `root` itself), leaving out hidden ones (`.git`, editor files).
fn collect_files(root: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let meta = std::fs::metadata(root)?;
    if meta.is_file() {
        out.push(root.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(root)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        collect_files(&entry.path(), out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors_with_lines() {
        let m = Manifest::parse("s.yaml", "name: ecs\ntitle: Elastic Cloud Server\n").unwrap();
        assert_eq!(m.service_word(), "ECS");
        assert!(m.documents.is_empty());
        let e = Manifest::parse("s.yaml", "name: ecs\n").unwrap_err();
        assert!(e.message.contains("title"), "{e}");
        let e = Manifest::parse("s.yaml", "title: t\nname: Ecs Service\n").unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (2, "s.yaml"), "{e}");
        let e = Manifest::parse(
            "s.yaml",
            "name: x\ntitle: t\ndocuments:\n  - path: a.txt\n    layout: pdf\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("unknown layout `pdf`"), "{e}");
        let e = Manifest::parse("s.yaml", "name: x\ntitle: t\ncolour: red\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn waiter_entries_with_their_lines() {
        let text = "name: x\ntitle: t\nwaiters:\n  - operation: ShowJob\n    success: [DONE]\n    failure: [FAILED]\n  - operation: ShowThing\n    skip: true\n";
        let m = Manifest::parse("s.yaml", text).unwrap();
        assert_eq!(m.waiters.len(), 2);
        assert_eq!((m.waiters[0].line, m.waiters[1].line), (4, 7));
        assert_eq!(m.waiters[0].success, ["DONE"]);
        assert!(m.waiters[1].skip);
        for (bad, words) in [
            (
                "  - operation: ShowJob\n    failure: [FAILED]\n",
                "without `success`",
            ),
            (
                "  - operation: ShowJob\n    success: [DONE]\n    failure: [DONE]\n",
                "both",
            ),
            (
                "  - operation: ListJobs\n    success: [DONE]\n    id: job_id\n",
                "go together",
            ),
        ] {
            let text = format!("name: x\ntitle: t\nwaiters:\n{bad}");
            let e = Manifest::parse("s.yaml", &text).unwrap_err();
            assert_eq!(e.line, 4, "{e}");
            assert!(e.message.contains(words), "{e}");
        }
    }
}
