//! The layout-independent form every document parser produces: operations with titled tables,
//! URIs and examples, still in the document's own words. One parser per layout fills it; one
//! normalizer (`normalize`) turns it into spec operations and schemas, so the rules for types,
//! enums, defaults and names live in one place whatever the layout.

use crate::model::{Example, Location};

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// For the record: what the scraper read and did not turn into operations (a page that is
    /// not an API page, a document kept only for its tables).
    Note,
    /// The document contradicts itself or leaves something unknown; the spec is still written.
    Warning,
    /// A document or a page of it could not be read; the rest is scraped, and `--strict` fails.
    Error,
}

/// Something the scraper has to tell a maintainer, with file and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {sev}: {}", self.pos, self.message)
    }
}

impl Diagnostic {
    pub fn new(file: &str, line: usize, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            pos: Pos {
                file: file.to_string(),
                line,
            },
            severity,
            message: message.into(),
        }
    }
}

/// One parsed document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDoc {
    pub file: String,
    /// `pdf-text`, `cell-lines`, `pipe-rows`, `blocks` or `html`.
    pub format: String,
    /// `en` or `zh`.
    pub language: String,
    /// `YYYY-MM-DD`, when the document states when it was updated.
    pub updated: Option<String>,
    /// The document's own title (the reference's running header, a page's heading).
    pub title: Option<String>,
    /// For one page of a reference published as many pages: where it stands in the reference's
    /// own outline (its chapter pages' links), so the pages keep the reference's order whatever
    /// their files are called.
    pub outline: Option<Outline>,
    pub operations: Vec<RawOperation>,
    /// Tables outside any API page (data structures, appendices), kept so that API pages can
    /// refer to them.
    pub tables: Vec<RawTable>,
    /// Status codes a page lists for the whole reference ("Returned Values for General
    /// Requests"), for the API pages that refer to it.
    pub status_codes: Vec<(u16, String, usize)>,
    pub error_codes: Vec<RawErrorCode>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A page's place among the pages of one reference: its own topic id, its parent page and the
/// pages it lists as children, all as written in the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The page's own id (an anchor name such as `EN-US_TOPIC_0020212657`).
    pub id: String,
    /// The link target of the parent page, and its title.
    pub parent: Option<(String, String)>,
    /// Link targets of the child pages, in the order the page lists them.
    pub children: Vec<String>,
}

/// One API as a document describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawOperation {
    pub title: String,
    /// Line of the title.
    pub line: usize,
    /// Chapter section name (`Backup and Restoration`), when the document has one.
    pub group: Option<String>,
    /// Title of the top-level chapter that holds it (`Out-of-Date APIs`), when the document has
    /// chapters.
    pub chapter: Option<String>,
    /// Its title, group or chapter says it is deprecated (`Out-of-Date APIs`, `历史API`,
    /// `(Discarded)`), or the service manifest does.
    pub deprecated: bool,
    /// The "Function" paragraph.
    pub description: String,
    /// Upper case.
    pub method: String,
    /// Path template, without query string.
    pub path: String,
    /// Query template of the URI line (`availability_zone={availability_zone}`), if any.
    pub query_template: Option<String>,
    pub uri_line: usize,
    /// Operation name from the SDK sample (`CopyInstance` from `CopyInstanceRequest`).
    pub sdk_operation: Option<String>,
    /// Request body model name from the SDK sample (`BackupInstanceBody`).
    pub sdk_body: Option<String>,
    pub tables: Vec<RawTable>,
    pub examples: Vec<Example>,
    /// The "Status Codes" table: (status, description, line).
    pub status_codes: Vec<(u16, String, usize)>,
    /// Links of a response section that gives no table but points elsewhere ("See Responses
    /// (Task)"): the response body is the main table of the page linked to.
    pub response_refs: Vec<String>,
    /// Links of a status-code section that points elsewhere ("See Returned Values for General
    /// Requests"): the status codes are those of the page linked to.
    pub status_refs: Vec<String>,
}

/// What a table describes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TableRole {
    /// Not yet known (a table of a page that is not an API page, until a link gives it a use).
    #[default]
    Unplaced,
    Params(Location),
    /// The parameters of the URI, path and query together: a row is a path parameter when the
    /// path names it, else a query parameter.
    UriParams,
    RequestBody,
    /// Response body for one status code (None when the document gives none).
    ResponseBody(Option<u16>),
    /// A nested model, by the name its caption or its referencing type gives it.
    Nested(String),
    /// The value type of a map: the table's one row stands for any key (its name is prose), and
    /// the row that refers to it (the field named here) is typed `Map<String,…>` with this row's
    /// type.
    MapValue(String),
    /// Details of a field whose own type says what it is (the documented keys of a string map,
    /// the values of a list of strings): placed, but not a model.
    Describes(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawTable {
    pub role: TableRole,
    /// The caption as printed (`Table 5-3 BssParam`), if any.
    pub caption: Option<String>,
    /// Line of the caption (or first row when there is none).
    pub line: usize,
    pub rows: Vec<RawRow>,
    /// What links to it (`page.html#table123`, the section holding it), as rows' `refs` name
    /// their targets.
    pub anchors: Vec<String>,
    /// The document it stands in, when it was brought in from another page of the edition
    /// (lines count in that document).
    pub origin: Option<String>,
}

/// One parameter row, cells rejoined.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRow {
    pub name: String,
    /// None when the document does not say (a cell that was an icon, a response table).
    pub required: Option<bool>,
    /// The type cell as printed, words joined by single spaces (`Array of ResourceTag objects`).
    pub type_text: String,
    /// Description text, lines joined; bullets and notes kept on their own lines.
    pub description: String,
    /// 2025 layout blocks (约束限制 / 取值范围 / 默认取值), when the document separates them.
    pub constraints: Option<String>,
    pub range: Option<String>,
    pub default: Option<String>,
    pub line: usize,
    /// Targets of the links in the row's cells that are not yet resolved (`page.html#table9`),
    /// for the edition's pages to resolve.
    pub refs: Vec<String>,
}

/// A row of the reference's error-code table.
#[derive(Debug, Clone, PartialEq)]
pub struct RawErrorCode {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub solution: Option<String>,
    pub line: usize,
}
