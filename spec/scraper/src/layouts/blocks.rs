//! The newest single-page layout (`004_…`, 2025): one cell per line, like [`super::cells`], with
//! every description split into 参数解释 / 约束限制 / 取值范围 / 默认取值 blocks
//! (`cell_blocks`).

use crate::raw::{Diagnostic, RawDoc};

use super::page_lines::nonblank_lines;
use super::vocabulary::{block_marker, Block};

/// Whether `text` is a single page whose descriptions use the blocks.
pub fn recognizes(text: &str) -> bool {
    super::cells::recognizes(text)
        && text
            .lines()
            .any(|l| block_marker(l) == Some(Block::Definition))
}

/// Parses a page in the blocks layout.
pub fn parse(file: &str, text: &str) -> Result<RawDoc, Vec<Diagnostic>> {
    super::cells::parse_lines(file, &nonblank_lines(text), "blocks")
}
