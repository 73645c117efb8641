//! The fast path's first pass: checks every character and splits the text into lines. Works on
//! bytes, eight at a time where it can: the text is valid UTF-8, so lead bytes tell characters
//! apart.

#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// The whole line without its `\n`; only read for the content of literal blocks.
    pub raw: &'a str,
    /// Number of leading spaces.
    pub indent: usize,
    /// The line after its indentation; empty for a blank line.
    pub body: &'a str,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of the text as a number, the first byte lowest; a shorter slice is padded with
/// zero bytes.
pub(super) fn word_of(bytes: &[u8]) -> u64 {
    if let Ok(word) = <[u8; 8]>::try_from(bytes) {
        return u64::from_le_bytes(word);
    }
    let mut word = [0; 8];
    if let Some(head) = word.get_mut(..bytes.len()) {
        head.copy_from_slice(bytes);
    }
    u64::from_le_bytes(word)
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit. Exact: the sum
/// of the low seven bits cannot carry into the next byte.
pub(super) fn eq_mask(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// If all eight bytes of `word` are printable ASCII (0x20..=0x7E) or `\n`, the high bits of
/// the `\n` bytes (usually none). Exact, like `eq_mask`.
fn ascii_line_breaks(word: u64) -> Option<u64> {
    // With the high bit set first, subtracting 0x20 cannot borrow across bytes: what keeps its
    // high bit is at least 0x20.
    let control = !((word | HIGH) - ONES * 0x20) & HIGH;
    let breaks = eq_mask(word, b'\n');
    let ok = word & HIGH == 0 && eq_mask(word, 0x7F) == 0 && control == breaks;
    ok.then_some(breaks)
}

/// Splits the text into lines, checking the characters on the way. Declines:
/// - characters libyaml does not read as themselves: control characters (tab and CR included,
///   which change indentation and line rules), those it rejects (DEL, C1 controls, U+FFFE,
///   U+FFFF), those it takes as line breaks (NEL, U+2028, U+2029) and the byte-order mark;
/// - text without a final newline (libyaml's chomping at the end of the input differs);
/// - lines that open with a comment, a directive or maybe a document marker. None of these can
///   be content of a literal block, whose content is always indented.
pub(super) fn split_lines(text: &str) -> Option<Vec<Line<'_>>> {
    let bytes = text.as_bytes();
    let mut lines = Lines {
        text,
        list: Vec::with_capacity(bytes.len() / 32 + 1),
        start: 0,
    };
    let mut offset = 0;
    for word in bytes.chunks_exact(8) {
        // Most words are ASCII: their line breaks are the set bits of a mask. The others
        // (non-ASCII text, a character to decline) are looked at byte by byte.
        match ascii_line_breaks(word_of(word)) {
            Some(mut breaks) => {
                while breaks != 0 {
                    lines.push(offset + breaks.trailing_zeros() as usize / 8)?;
                    breaks &= breaks - 1;
                }
            }
            None => lines.scan(offset, offset + 8)?,
        }
        offset += 8;
    }
    lines.scan(offset, bytes.len())?;
    (lines.start == bytes.len()).then_some(lines.list)
}

struct Lines<'a> {
    text: &'a str,
    list: Vec<Line<'a>>,
    /// Where the current line starts.
    start: usize,
}

impl<'a> Lines<'a> {
    /// Looks at `text[from..to]` byte by byte.
    fn scan(&mut self, from: usize, to: usize) -> Option<()> {
        let bytes = self.text.as_bytes();
        for i in from..to {
            if bytes.get(i) == Some(&b'\n') {
                self.push(i)?;
            } else if !char_ok(bytes, i) {
                return None;
            }
        }
        Some(())
    }

    /// Ends the current line at `end` (a `\n`).
    fn push(&mut self, end: usize) -> Option<()> {
        let raw = self.text.get(self.start..end)?;
        if raw.starts_with(['#', '%']) || raw.starts_with("---") || raw.starts_with("...") {
            return None;
        }
        let indent = raw.bytes().take_while(|&b| b == b' ').count();
        let body = raw.get(indent..)?;
        self.list.push(Line { raw, indent, body });
        self.start = end + 1;
        Some(())
    }
}

/// Whether the byte at `i` (not a line break) is printable ASCII or starts (or continues) a
/// character libyaml reads as itself.
fn char_ok(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied();
    match at(0) {
        Some(0x20..=0x7E) | None => true,
        Some(0x00..=0x7F) => false,
        // U+0080..U+009F (C1 controls, NEL among them) are C2 80..C2 9F.
        Some(0xC2) => at(1).is_some_and(|n| n >= 0xA0),
        // U+2028 and U+2029: E2 80 A8/A9.
        Some(0xE2) => !(at(1) == Some(0x80) && matches!(at(2), Some(0xA8 | 0xA9))),
        // U+FEFF (EF BB BF), U+FFFE and U+FFFF (EF BF BE/BF).
        Some(0xEF) => !matches!(
            (at(1), at(2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_masks_are_exact() {
        // Every byte value at every position, among bytes that are line breaks, printable and
        // not: the masks name exactly the right bytes.
        for others in [
            *b"abcdefgh",
            *b"\n\n\n\n\n\n\n\n",
            *b"\x01\x80\xff:\x7f\x00 ~",
        ] {
            for position in 0..8 {
                for byte in 0..=255u8 {
                    let mut bytes = others;
                    bytes[position] = byte;
                    let word = word_of(&bytes);
                    let high = |p: fn(u8) -> bool| {
                        (0..8)
                            .filter(|&k| p(bytes[k]))
                            .map(|k| 0x80u64 << (8 * k))
                            .sum()
                    };
                    assert_eq!(eq_mask(word, b':'), high(|b| b == b':'), "{bytes:?}");
                    let ok = bytes
                        .iter()
                        .all(|&b| b == b'\n' || (0x20..=0x7E).contains(&b));
                    let want = ok.then(|| high(|b| b == b'\n'));
                    assert_eq!(ascii_line_breaks(word), want, "{bytes:?}");
                }
            }
        }
        assert_eq!(word_of(b"ab"), 0x6261);
    }

    #[test]
    fn splits_lines_and_checks_characters() {
        let lines = split_lines("a: 1\n  b: 中文\n\n").unwrap();
        let shape: Vec<_> = lines.iter().map(|l| (l.indent, l.body)).collect();
        assert_eq!(shape, [(0, "a: 1"), (2, "b: 中文"), (0, "")]);
        assert!(split_lines("").is_some_and(|l| l.is_empty()));
        for declined in [
            "a: 1",
            "a:\t1\n",
            "a: 1\r\n",
            "a: \u{7f}\n",
            "a: \u{85}\n",
            "a: \u{9f}\n",
            "a: \u{2028}\n",
            "a: \u{2029}\n",
            "\u{feff}a: 1\n",
            "a: \u{fffe}\n",
            "a: \u{ffff}\n",
            "a: \u{0}\n",
            "# c\n",
            "%YAML\n",
            "---\n",
            "...\n",
            "long line with a tab: \t\n",
        ] {
            assert!(split_lines(declined).is_none(), "{declined:?}");
        }
        for kept in [
            "a: \u{a0}\u{2027}\u{202a}\u{fefe}\u{fffd}\u{10ffff}\n",
            "a: -#%\n",
        ] {
            assert!(split_lines(kept).is_some(), "{kept:?}");
        }
    }
}
