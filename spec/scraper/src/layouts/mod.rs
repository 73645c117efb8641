//! One parser per layout the documentation tooling publishes, each turning a document into the
//! layout-independent [`RawDoc`]. Which parser reads a document is decided by its content
//! ([`detect`]), never by its file name:
//!
//! - [`html`]: HTML pages (one page per file, linked into a reference by their chapter pages);
//! - [`pdf`]: the whole reference exported from PDF to text;
//! - [`pipe`]: single pages whose cells end with ` |` and whose headers end with `---|`;
//! - [`blocks`]: single pages whose descriptions are split into 参数解释 / 约束限制 / 取值范围 /
//!   默认取值 blocks (the newest layout);
//! - [`cells`]: single pages with one table cell per line.

pub mod blocks;
mod cell_blocks;
pub mod cells;
pub mod html;
mod page_lines;
pub mod pdf;
pub mod pipe;
pub(crate) mod vocabulary;

use crate::raw::{Diagnostic, RawDoc};

/// The layouts a document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layout {
    Html,
    PdfText,
    Pipe,
    Blocks,
    Cells,
}

impl Layout {
    /// Every layout, most specific first: the order [`detect`] asks them in.
    pub const ALL: [Layout; 5] = [
        Layout::Html,
        Layout::PdfText,
        Layout::Pipe,
        Layout::Blocks,
        Layout::Cells,
    ];

    /// The name used in the spec's `sources` and in the service manifest.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Html => "html",
            Layout::PdfText => "pdf-text",
            Layout::Pipe => "pipe-rows",
            Layout::Blocks => "blocks",
            Layout::Cells => "cell-lines",
        }
    }

    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Whether the text looks like this layout.
    pub fn recognizes(self, text: &str) -> bool {
        match self {
            Layout::Html => html::recognizes(text),
            Layout::PdfText => pdf::recognizes(text),
            Layout::Pipe => pipe::recognizes(text),
            Layout::Blocks => blocks::recognizes(text),
            Layout::Cells => cells::recognizes(text),
        }
    }

    /// Parses `text` (named `file` in sources and diagnostics). An `Err` means nothing usable
    /// came out of the document; a `RawDoc` may still carry error diagnostics for parts of it.
    pub fn parse(self, file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
        match self {
            Layout::Html => html::parse(file, text),
            Layout::PdfText => Ok(pdf::parse(file, text)),
            Layout::Pipe => pipe::parse(file, text),
            Layout::Blocks => blocks::parse(file, text),
            Layout::Cells => cells::parse(file, text),
        }
    }
}

/// The layout of a document, by its content; `None` when no parser recognizes it.
pub fn detect(text: &str) -> Option<Layout> {
    Layout::ALL.into_iter().find(|l| l.recognizes(text))
}
