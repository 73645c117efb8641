//! The structure of description text: what the scraper keeps of a document's layout, and what
//! the generator renders as Markdown.
//!
//! Descriptions (`Field::description`, `Operation::description`, …) are plain text with one
//! structural convention, whatever the layout the scraper read them from. Each line is one block:
//!
//! - `● item`: a bullet item ([`BULLET`]); `– item` ([`SUB_BULLET`]): an item nested in the
//!   bullet item before it.
//! - `1. item`, `2. item`, …: a numbered item. A number counts as an item only in sequence (the
//!   first is 1, each next one more), so a sentence that happens to start with `5.` stays text.
//!   `(1)`, `1)` and `（1）` are read the same way.
//! - A callout label alone on its line (`NOTE`, `Note:`, `CAUTION`, `NOTICE`, `WARNING`,
//!   `说明`, `注意`, …): a note. The lines after it are its content, up to an empty line, the next
//!   label, or a fact line of the field (`Enumeration values:`, `Default: …`). `Note: text` on one
//!   line is a note of that one paragraph.
//! - `| a | b |`: a table row; the first row of a run of rows is the header.
//! - A line of three backticks opens, and the next one closes, preformatted text kept verbatim.
//! - Anything else: a paragraph.
//!
//! [`blocks`] reads text into [`Block`]s; it never fails, and text without any of these markers
//! is a run of paragraphs.

/// The bullet every layout's bullets are normalized to.
pub const BULLET: char = '●';
/// The marker of an item nested in a bullet item (the PDF export's own sub-bullet).
pub const SUB_BULLET: char = '–';
/// The line that opens and closes preformatted text.
pub const FENCE: &str = "```";

/// A block of description text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One line of prose.
    Paragraph(String),
    List(List),
    /// A note, caution or warning: the label as the document writes it (`NOTE`, `说明`), and its
    /// content.
    Callout {
        label: String,
        blocks: Vec<Block>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Preformatted lines, verbatim.
    Code(Vec<String>),
}

/// A bullet or numbered list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The number of the first item; `None` for bullets.
    pub start: Option<u64>,
    pub items: Vec<Item>,
}

/// A list item: its text and the items nested in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub children: Vec<Item>,
}

/// Bullet glyphs read as [`BULLET`] (level 1) and as [`SUB_BULLET`] (level 2).
const LEVEL1: [char; 5] = [BULLET, '•', '▪', '■', '◆'];
const LEVEL2: [char; 4] = [SUB_BULLET, '◦', '○', '▫'];

/// Words that label a callout (compared case-insensitively, without a trailing colon).
const CALLOUT_WORDS: [&str; 14] = [
    "note",
    "notice",
    "caution",
    "warning",
    "danger",
    "important",
    "tip",
    "说明",
    "注意",
    "须知",
    "警告",
    "危险",
    "提示",
    "注",
];

/// Lines that state a fact of a field rather than continue a note (a hint, not a rule: a note
/// also ends at an empty line or the end of the text).
const FACT_PREFIXES: [&str; 13] = [
    "enumeration values",
    "options:",
    "default:",
    "default value",
    "value range",
    "minimum:",
    "maximum:",
    "minimum value",
    "maximum value",
    "枚举值",
    "取值范围",
    "缺省值",
    "默认值",
];

/// The item level and text of a bullet line (`● a` → `(1, "a")`, `– b` → `(2, "b")`).
pub fn bullet(line: &str) -> Option<(u8, &str)> {
    let t = line.trim();
    let first = t.chars().next()?;
    let level = if LEVEL1.contains(&first) {
        1
    } else if LEVEL2.contains(&first) {
        2
    } else {
        return None;
    };
    let rest = &t[first.len_utf8()..];
    // A glyph glued to a word is not a bullet (`–10` is a number).
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((level, rest.trim()))
}

/// The number and text of a numbered line: `1. a`, `1) a`, `(1) a`, `（1）a`, `1、a`.
pub fn numbered(line: &str) -> Option<(u64, &str)> {
    let t = line.trim();
    let (open, rest) = if let Some(r) = t.strip_prefix('(') {
        (true, r)
    } else if let Some(r) = t.strip_prefix('（') {
        (true, r)
    } else {
        (false, t)
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u64 = rest[..digits].parse().ok()?;
    let after = &rest[digits..];
    let close = after.chars().next()?;
    let body = &after[close.len_utf8()..];
    let closes = if open {
        matches!(close, ')' | '）')
    } else {
        matches!(close, '.' | ')' | '、')
    };
    // `1.5 GB` and `2.` at the end of a sentence are not items: the marker is followed by a
    // space (or, after a bracket or `、`, by the text itself).
    let spaced = body.starts_with(char::is_whitespace)
        || (matches!(close, ')' | '）' | '、') && !body.is_empty());
    (closes && spaced && !body.trim().is_empty()).then(|| (n, body.trim()))
}

/// The label of a callout line: the label itself for a line that is only a label
/// (`NOTE`, `Note:`, `说明：`), with `None` as the text; or the label and the text after it for
/// `Note: text`.
pub fn callout(line: &str) -> Option<(&str, Option<&str>)> {
    let t = line.trim();
    let word_end = t
        .char_indices()
        .find(|&(_, c)| matches!(c, ':' | '：') || c.is_whitespace())
        .map_or(t.len(), |(i, _)| i);
    let word = &t[..word_end];
    let known = CALLOUT_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w));
    if !known {
        return None;
    }
    let rest = t[word_end..].trim_start();
    if rest.is_empty() {
        // A bare label; `注` alone is too short to be sure of, unless it has a colon.
        return (word != "注").then_some((word, None));
    }
    let text = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('：'))?
        .trim();
    if text.is_empty() {
        return Some((word, None));
    }
    // `Note: text` is a note only when the label is written as one (all capitals, or a capital
    // and lower case): a sentence such as `note: …` in lower case stays prose.
    let labelled = word.chars().all(|c| !c.is_lowercase())
        || word.chars().next().is_some_and(char::is_uppercase);
    labelled.then_some((word, Some(text)))
}

/// The cells of a table row (`| a | b |`), or `None` for other lines.
pub fn table_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if t.len() < 3 || !t.starts_with('|') || !t.ends_with('|') {
        return None;
    }
    let inner = &t[1..t.len() - 1];
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    Some(cells)
}

/// Whether a table row only separates the header (`|---|:--:|`).
fn is_separator(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn is_fact(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    FACT_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn is_fence(line: &str) -> bool {
    line.trim() == FENCE
}

/// Reads description text into blocks (see the module doc). Never fails.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    parse(&lines, &mut at, false)
}

/// Blocks from `lines[*at..]`; inside a callout, up to the line that ends it.
fn parse(lines: &[&str], at: &mut usize, in_callout: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    while let Some(&line) = lines.get(*at) {
        let t = line.trim();
        if t.is_empty() {
            if in_callout {
                return out;
            }
            *at += 1;
            continue;
        }
        if is_fence(t) {
            *at += 1;
            let mut code = Vec::new();
            while let Some(&l) = lines.get(*at) {
                *at += 1;
                if is_fence(l) {
                    break;
                }
                code.push(l.trim_end().to_string());
            }
            out.push(Block::Code(code));
            continue;
        }
        if let Some((label, text)) = callout(t) {
            if in_callout {
                return out;
            }
            *at += 1;
            let blocks = match text {
                Some(text) => vec![Block::Paragraph(text.to_string())],
                None => parse(lines, at, true),
            };
            out.push(Block::Callout {
                label: label.to_string(),
                blocks,
            });
            continue;
        }
        if in_callout && is_fact(t) {
            return out;
        }
        if let Some(first) = table_row(t) {
            let mut rows = vec![first];
            *at += 1;
            while let Some(row) = lines.get(*at).and_then(|l| table_row(l)) {
                rows.push(row);
                *at += 1;
            }
            let header = rows.remove(0);
            rows.retain(|r| !is_separator(r));
            out.push(Block::Table { header, rows });
            continue;
        }
        if let Some(list) = list(lines, at) {
            out.push(Block::List(list));
            continue;
        }
        out.push(Block::Paragraph(t.to_string()));
        *at += 1;
    }
    out
}

/// A run of list lines from `lines[*at]`, if one starts there: bullets with their nested items,
/// or numbers in sequence.
fn list(lines: &[&str], at: &mut usize) -> Option<List> {
    let first = lines.get(*at)?;
    if let Some((n, _)) = numbered(first).filter(|&(n, _)| n == 1) {
        let mut items = Vec::new();
        let mut next = n;
        while let Some((k, text)) = lines.get(*at).and_then(|l| numbered(l)) {
            if k != next {
                break;
            }
            items.push(Item {
                text: text.to_string(),
                children: Vec::new(),
            });
            next += 1;
            *at += 1;
            // Bullets right under a numbered item are its own.
            while let Some((_, text)) = lines.get(*at).and_then(|l| bullet(l)) {
                if let Some(last) = items.last_mut() {
                    last.children.push(Item {
                        text: text.to_string(),
                        children: Vec::new(),
                    });
                }
                *at += 1;
            }
        }
        return Some(List {
            start: Some(n),
            items,
        });
    }
    bullet(first)?;
    let mut items: Vec<Item> = Vec::new();
    while let Some((level, text)) = lines.get(*at).and_then(|l| bullet(l)) {
        let item = Item {
            text: text.to_string(),
            children: Vec::new(),
        };
        match (level, items.last_mut()) {
            (2, Some(parent)) => parent.children.push(item),
            _ => items.push(item),
        }
        *at += 1;
    }
    Some(List { start: None, items })
}

/// Counts of the structure in a text, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    pub paragraphs: usize,
    pub bullet_items: usize,
    pub numbered_items: usize,
    pub callouts: usize,
    pub tables: usize,
    pub code_blocks: usize,
}

impl Shape {
    /// The counts of `blocks`, nested ones included.
    pub fn of(blocks: &[Block]) -> Shape {
        let mut s = Shape::default();
        s.add(blocks);
        s
    }

    fn add(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(_) => self.paragraphs += 1,
                Block::List(l) => {
                    let n: usize = l.items.iter().map(|i| 1 + i.children.len()).sum();
                    if l.start.is_some() {
                        self.numbered_items += l.items.len();
                        self.bullet_items += n - l.items.len();
                    } else {
                        self.bullet_items += n;
                    }
                }
                Block::Callout { blocks, .. } => {
                    self.callouts += 1;
                    self.add(blocks);
                }
                Block::Table { .. } => self.tables += 1,
                Block::Code(_) => self.code_blocks += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block::Paragraph(s.to_string())
    }

    fn item(s: &str) -> Item {
        Item {
            text: s.to_string(),
            children: Vec::new(),
        }
    }

    #[test]
    fn plain_text_is_paragraphs() {
        assert_eq!(blocks("One.\nTwo."), vec![para("One."), para("Two.")]);
        assert_eq!(blocks(""), vec![]);
        assert_eq!(blocks("\n\n  \n"), vec![]);
    }

    #[test]
    fn bullets_with_nested_items_in_any_glyph() {
        for (b1, b2) in [("●", "–"), ("•", "◦"), ("▪", "○")] {
            let text = format!("Rules:\n{b1} Must contain:\n{b2} Lowercase letters\n{b2} Digits\n{b1} Cannot be empty.\nAfter.");
            let got = blocks(&text);
            assert_eq!(
                got,
                vec![
                    para("Rules:"),
                    Block::List(List {
                        start: None,
                        items: vec![
                            Item {
                                text: "Must contain:".into(),
                                children: vec![item("Lowercase letters"), item("Digits")],
                            },
                            item("Cannot be empty."),
                        ],
                    }),
                    para("After."),
                ],
                "{b1} {b2}"
            );
        }
        // A sub-bullet without a parent is an item of its own.
        assert_eq!(
            blocks("– a"),
            vec![Block::List(List {
                start: None,
                items: vec![item("a")]
            })]
        );
        // A dash glued to a number is not a bullet.
        assert_eq!(blocks("–10 to 10"), vec![para("–10 to 10")]);
    }

    #[test]
    fn numbers_in_sequence_are_items_in_every_form() {
        for form in ["{}. ", "({}) ", "{}) ", "（{}）", "{}、"] {
            let f = |n: u32| form.replace("{}", &n.to_string());
            let text = format!("Steps:\n{}Log in.\n{}Click.\n{}Done.", f(1), f(2), f(3));
            let got = blocks(&text);
            assert_eq!(
                got,
                vec![
                    para("Steps:"),
                    Block::List(List {
                        start: Some(1),
                        items: vec![item("Log in."), item("Click."), item("Done.")],
                    }),
                ],
                "{form}"
            );
        }
        // Out of sequence, or a decimal: text.
        assert_eq!(blocks("5. Then"), vec![para("5. Then")]);
        assert_eq!(
            blocks("1.5 GB is the size."),
            vec![para("1.5 GB is the size.")]
        );
        assert_eq!(
            blocks("1. a\n3. c"),
            vec![
                Block::List(List {
                    start: Some(1),
                    items: vec![item("a")]
                }),
                para("3. c")
            ]
        );
    }

    #[test]
    fn callouts_in_their_variants_run_to_an_empty_line_or_a_fact() {
        for label in [
            "NOTE",
            "Note:",
            "NOTE:",
            "CAUTION",
            "NOTICE",
            "说明",
            "注意：",
            "WARNING",
        ] {
            let text = format!("Name.\n{label}\nFirst.\n● a\n\nAfter the note.");
            let word = label.trim_end_matches([':', '：']);
            assert_eq!(
                blocks(&text),
                vec![
                    para("Name."),
                    Block::Callout {
                        label: word.to_string(),
                        blocks: vec![
                            para("First."),
                            Block::List(List {
                                start: None,
                                items: vec![item("a")]
                            })
                        ],
                    },
                    para("After the note."),
                ],
                "{label}"
            );
        }
        assert_eq!(
            blocks("A.\nNOTE\nB.\nEnumeration values:\n● x"),
            vec![
                para("A."),
                Block::Callout {
                    label: "NOTE".into(),
                    blocks: vec![para("B.")]
                },
                para("Enumeration values:"),
                Block::List(List {
                    start: None,
                    items: vec![item("x")]
                }),
            ]
        );
        // One line: a note of that paragraph; in lower case, prose.
        assert_eq!(
            blocks("Note: keep it short.\nNext."),
            vec![
                Block::Callout {
                    label: "Note".into(),
                    blocks: vec![para("keep it short.")]
                },
                para("Next.")
            ]
        );
        assert_eq!(blocks("note: x"), vec![para("note: x")]);
        assert_eq!(blocks("Notes are kept."), vec![para("Notes are kept.")]);
        // A label with nothing after it.
        assert_eq!(
            blocks("Done.\nNOTE"),
            vec![
                para("Done."),
                Block::Callout {
                    label: "NOTE".into(),
                    blocks: vec![]
                }
            ]
        );
    }

    #[test]
    fn tables_and_code() {
        assert_eq!(
            blocks("Values:\n| Value | Meaning |\n|---|---|\n| a \\| b | first |\n| c | |\nEnd."),
            vec![
                para("Values:"),
                Block::Table {
                    header: vec!["Value".into(), "Meaning".into()],
                    rows: vec![
                        vec!["a | b".into(), "first".into()],
                        vec!["c".into(), "".into()]
                    ],
                },
                para("End."),
            ]
        );
        assert_eq!(
            blocks("Example:\n```\n#! /bin/bash\n  echo ● x\n```\nAfter."),
            vec![
                para("Example:"),
                Block::Code(vec!["#! /bin/bash".into(), "  echo ● x".into()]),
                para("After."),
            ]
        );
        // An unclosed fence runs to the end.
        assert_eq!(blocks("```\nx"), vec![Block::Code(vec!["x".into()])]);
    }

    #[test]
    fn shape_counts_nested_blocks() {
        let b = blocks("A\n● x\n– y\nNOTE\n1. p\n2. q\n\n| h |\n| v |\n```\nc\n```");
        assert_eq!(
            Shape::of(&b),
            Shape {
                paragraphs: 1,
                bullet_items: 2,
                numbered_items: 2,
                callouts: 1,
                tables: 1,
                code_blocks: 1,
            }
        );
    }
}
