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

/// Whether a description line starts a new visual line (a bullet or a note heading).
fn starts_block(t: &str) -> bool {
    t.starts_with('●')
        || t.starts_with('–')
        || t.starts_with("- ")
        || matches!(t, "NOTE" | "NO TE" | "NOTICE" | "NO TICE" | "CAUTION")
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

/// Builds a description: lines joined by spaces, bullets and notes on their own lines.
#[derive(Debug, Default)]
pub struct DescBuilder {
    out: String,
    /// The previous line was a label (`NOTE`, `Enumeration values:`) that stands alone.
    after_label: bool,
}

impl DescBuilder {
    pub fn push_line(&mut self, line: &str) {
        let t = line.trim();
        if t.is_empty() {
            return;
        }
        let label = matches!(t, "NOTE" | "NO TE" | "NOTICE" | "NO TICE" | "CAUTION")
            || matches!(t, "Enumeration values:" | "Options:");
        // The export splits the note label's letters (`NO TE`).
        let t = match t {
            "NO TE" => "NOTE",
            "NO TICE" => "NOTICE",
            other => other,
        };
        if self.out.is_empty() {
            self.out.push_str(t);
        } else if starts_block(t) || self.after_label {
            self.out.push('\n');
            self.out.push_str(t);
        } else if self.out.ends_with('-') && !self.out.ends_with(" -") {
            self.out.push_str(t);
        } else {
            self.out.push(' ');
            self.out.push_str(t);
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
    fn glues_hyphenated_wraps() {
        assert_eq!(
            paragraph(["single-", "node instances"]),
            "single-node instances"
        );
    }
}
