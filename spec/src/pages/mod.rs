//! Parsers for the single API pages, one per layout, all producing the layout-independent
//! [`RawDoc`]: one-cell-per-line text (`cells`), pipe rows (`pipe`), the 2025
//! description blocks (`blocks2025`) and HTML (`html`). [`parse_document`] picks the layout.

pub mod blocks2025;
pub mod build;
pub mod cells;
mod common;
pub mod html;
pub mod pipe;
mod text;

use crate::raw::{Diagnostic, RawDoc};

/// The layouts a single page comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One table cell per line (`000_…`, `003_…`).
    Cells,
    /// Pipe-terminated cells, captionless nested tables (`001_…`).
    Pipe,
    /// Cells with 参数解释 / 约束限制 / 取值范围 / 默认取值 blocks (`004_…`).
    Blocks2025,
    /// An HTML page of the documentation tooling (`html-ecs/*.html`).
    Html,
}

/// Tells the layout of a page from its text.
pub fn detect_layout(file: &str, text: &str) -> Layout {
    let head = text.trim_start();
    if file.ends_with(".html") || file.ends_with(".htm") || head.starts_with('<') {
        Layout::Html
    } else if text.lines().any(|l| l.trim_start().starts_with("---|")) {
        Layout::Pipe
    } else if blocks2025::text_has_blocks(text) {
        Layout::Blocks2025
    } else {
        Layout::Cells
    }
}

/// Parses one single page, whatever its layout. `file` names it in diagnostics and sources.
pub fn parse_document(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    match detect_layout(file, text) {
        Layout::Cells => cells::parse(file, text),
        Layout::Pipe => pipe::parse(file, text),
        Layout::Blocks2025 => blocks2025::parse(file, text),
        Layout::Html => html::parse(file, text),
    }
}
