//! Description cells split into blocks: 参数解释 / 约束限制 / 取值范围 / 默认取值 (Definition /
//! Constraints / Range / Default Value). They map onto the row's description, constraints, range
//! and default; `不涉及` / `N/A` means the block states nothing. Any page layout may use them; the
//! newest pages ([`super::blocks`]) always do.

use crate::raw::RawRow;

use super::vocabulary::{block_marker, is_none_word, normalize_bullet, Block};

/// True when a description cell is split into blocks.
pub(crate) fn has_blocks(desc: &[String]) -> bool {
    desc.first().is_some_and(|l| block_marker(l).is_some())
}

/// Splits the description lines of one cell into its blocks and stores them on the row.
pub(crate) fn fill_blocks(row: &mut RawRow, desc: &[String]) {
    let mut current = Block::Definition;
    let mut parts: [Vec<String>; 4] = Default::default();
    for line in desc {
        if let Some(b) = block_marker(line) {
            current = b;
            continue;
        }
        let slot = match current {
            Block::Definition => 0,
            Block::Constraints => 1,
            Block::Range => 2,
            Block::Default => 3,
        };
        parts[slot].push(normalize_bullet(line));
    }
    let text = |p: &[String]| {
        let joined = p.join("\n");
        (!joined.trim().is_empty() && !is_none_word(&joined)).then_some(joined)
    };
    row.description = text(&parts[0]).unwrap_or_default();
    row.constraints = text(&parts[1]);
    row.range = text(&parts[2]);
    row.default = text(&parts[3]);
    // The normalizer reads enumerations and ranges from the description, in the reference's
    // words: a bullet list of values is an enumeration, `1~100` a value range.
    let mut extra = Vec::new();
    if let Some(c) = &row.constraints {
        extra.push(c.clone());
    }
    if let Some(r) = &row.range {
        if r.lines().all(|l| l.starts_with('●')) {
            extra.push(format!("Enumeration values:\n{r}"));
        } else if is_numeric_range(r) {
            extra.push(format!("Value range: {r}"));
        } else {
            extra.push(r.clone());
        }
    }
    for e in extra {
        if !row.description.is_empty() {
            row.description.push('\n');
        }
        row.description.push_str(&e);
    }
}

/// `1~100`, `0-65535`, `1 to 7`.
fn is_numeric_range(r: &str) -> bool {
    let t = r.trim().trim_end_matches(['。', '.']);
    let parts: Vec<&str> = t.split(['~', '-', '–']).map(str::trim).collect();
    let parts = if parts.len() == 2 {
        parts
    } else {
        t.split(" to ").map(str::trim).collect()
    };
    parts.len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_map_to_fields_and_none_words_vanish() {
        let desc: Vec<String> = [
            "参数解释",
            "备份缓存实例的格式。",
            "约束限制",
            "不涉及。",
            "取值范围",
            "  • aof",
            "  • rdb",
            "默认取值",
            "rdb",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut row = RawRow::default();
        assert!(has_blocks(&desc));
        fill_blocks(&mut row, &desc);
        assert_eq!(
            row.description,
            "备份缓存实例的格式。\nEnumeration values:\n● aof\n● rdb"
        );
        assert_eq!(row.constraints, None);
        assert_eq!(row.range.as_deref(), Some("● aof\n● rdb"));
        assert_eq!(row.default.as_deref(), Some("rdb"));
    }

    #[test]
    fn numeric_ranges_read_as_value_ranges() {
        let desc: Vec<String> = ["参数解释", "每页条数。", "取值范围", "1~1000"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut row = RawRow::default();
        fill_blocks(&mut row, &desc);
        assert_eq!(row.description, "每页条数。\nValue range: 1~1000");
        assert!(!is_numeric_range("请参见错误码"));
    }
}
