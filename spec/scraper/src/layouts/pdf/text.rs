//! Rejoining text the PDF export wrapped over lines.

/// Appends a wrapped fragment: with a space when `spaced`, else glued (a word broken mid-word).
pub fn join_fragment(prev: &str, frag: &str, spaced: bool) -> String {
    if prev.is_empty() {
        return frag.to_string();
    }
    if spaced {
        format!("{prev} {frag}")
    } else {
        format!("{prev}{frag}")
    }
}

/// The note label a line is, alone on it (`NOTE`, `Note:`, `CAUTION`, `说明`), also as the export
/// splits its letters (`NO TE`, `CAU TION`): the label with its letters joined.
pub fn callout_label(t: &str) -> Option<String> {
    let t = t.trim();
    if let Some((word, None)) = apiref_spec::text::callout(t) {
        return Some(word.to_string());
    }
    // Split letters: one space inside a short all-capitals word.
    let joined: String = t.split(' ').collect();
    let split = t.matches(' ').count() == 1
        && joined.len() <= 12
        && joined.chars().all(|c| c.is_ascii_uppercase() || c == ':');
    match apiref_spec::text::callout(&joined) {
        Some((word, None)) if split => Some(word.to_string()),
        _ => None,
    }
}

/// Whether a description line starts a new visual line (a bullet or a note heading).
fn starts_block(t: &str) -> bool {
    t.starts_with('●')
        || t.starts_with('–')
        || t.starts_with("- ")
        || callout_label(t).is_some()
        || is_constraint_label(t)
}

/// Lines such as `Enumeration values:` or `Default: 1` that the normalizer reads line by line.
pub fn is_constraint_label(t: &str) -> bool {
    const LABELS: [&str; 9] = [
        "Enumeration values:",
        "Options:",
        "Default:",
        "Default value:",
        "Value range:",
        "Minimum:",
        "Maximum:",
        "Minimum value:",
        "Maximum value:",
    ];
    LABELS.iter().any(|l| t.starts_with(l))
}

/// Builds a description: lines joined by spaces, bullets, numbered items in sequence and notes
/// on their own lines (the spec's convention, `apiref_spec::text`).
#[derive(Debug, Default)]
pub struct DescBuilder {
    out: String,
    /// The previous line was a label (`NOTE`, `Enumeration values:`) that stands alone.
    after_label: bool,
    /// The number of the last numbered item, to tell the next one from a wrapped line that
    /// starts with a number.
    last_number: Option<u64>,
}

impl DescBuilder {
    pub fn push_line(&mut self, line: &str) {
        let t = line.trim();
        if t.is_empty() {
            return;
        }
        let callout = callout_label(t);
        let label = callout.is_some() || matches!(t, "Enumeration values:" | "Options:");
        // A label is written as one word (`NO TE` → `NOTE`).
        let t = callout.as_deref().unwrap_or(t);
        // `1.` starts an item at a line start where a list can start (the text so far ends a
        // sentence or a lead-in); `n + 1.` after item `n`.
        let number = apiref_spec::text::numbered(t).map(|(n, _)| n).filter(|&n| {
            let opens =
                n == 1 && (self.out.is_empty() || self.out.ends_with(['.', ':', '：', '。']));
            opens || (self.last_number.is_some() && self.last_number == n.checked_sub(1))
        });
        if self.out.is_empty() {
            self.out.push_str(t);
        } else if starts_block(t) || self.after_label || number.is_some() {
            self.out.push('\n');
            self.out.push_str(t);
        } else if self.out.ends_with('-') && !self.out.ends_with(" -") {
            self.out.push_str(t);
        } else {
            self.out.push(' ');
            self.out.push_str(t);
        }
        if number.is_some() {
            self.last_number = number;
        }
        self.after_label = label;
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Joins lines into one paragraph with single spaces.
pub fn paragraph<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut b = DescBuilder::default();
    for l in lines {
        b.push_line(l);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_bullets_and_labels_on_lines() {
        let mut b = DescBuilder::default();
        for l in [
            "Format of the",
            "backup.",
            "Enumeration values:",
            "● aof",
            "● rdb",
            "Default: rdb",
        ] {
            b.push_line(l);
        }
        assert_eq!(
            b.finish(),
            "Format of the backup.\nEnumeration values:\n● aof\n● rdb\nDefault: rdb"
        );
    }

    #[test]
    fn note_labels_in_their_variants_and_numbered_items_stand_on_lines() {
        let mut b = DescBuilder::default();
        for l in [
            "Steps:",
            "1. Log in to the",
            "console.",
            "2. Click Save, then wait",
            "3 minutes.",
            "CAU TION",
            "Do not delete it.",
            "说明",
            "See the guide.",
        ] {
            b.push_line(l);
        }
        assert_eq!(
            b.finish(),
            "Steps:\n1. Log in to the console.\n2. Click Save, then wait 3 minutes.\nCAUTION\nDo not delete it.\n说明\nSee the guide."
        );
        // A wrapped line that starts with a number out of sequence stays in its sentence.
        assert_eq!(
            paragraph(["The value ranges from", "1. to 5. in steps", "2. of one"]),
            "The value ranges from 1. to 5. in steps 2. of one"
        );
        for label in [
            "NOTE", "NO TE", "Note:", "NOTICE", "NO TICE", "WARNING", "注意",
        ] {
            assert!(callout_label(label).is_some(), "{label}");
        }
        for text in ["NOTES", "NO MORE", "Note that", "A B"] {
            assert!(callout_label(text).is_none(), "{text}");
        }
    }

    #[test]
    fn glues_hyphenated_wraps() {
        assert_eq!(
            paragraph(["single-", "node instances"]),
            "single-node instances"
        );
    }
}
