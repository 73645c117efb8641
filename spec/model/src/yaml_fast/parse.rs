//! The fast path's parser: block structure, line by line. Every function returns `None` as soon
//! as the text leaves the subset (see the module docs of `yaml_fast`); it never guesses.
//!
//! The indentation rules mirror libyaml's scanner: `parser->indent` there is the column of the
//! innermost block collection, which here is the `indent` of the `map`/`seq` being read (a
//! compact mapping `- key: v` sits at the column of `key`; a sequence written at its key's
//! column shares that column). A plain scalar continues on the next line when that line is
//! indented deeper than this column; the loops below decline any such line, so multi-line
//! plain scalars never pass.

use std::borrow::Cow;

use super::lines::{split_lines, Line};
use super::scalar::{is_key_line, plain, quoted, split_key};
use super::{Node, Scalar, Style};

/// Deepest nesting read; serde_yaml's own recursion limit is 128.
const MAX_DEPTH: usize = 64;

/// Parses `text` into a node tree, or `None` if it is not in the subset.
pub(super) fn parse(text: &str) -> Option<Node<'_>> {
    let mut parser = Parser {
        lines: split_lines(text)?,
        pos: 0,
    };
    let first = parser.peek()??;
    if first.indent != 0 {
        return None;
    }
    let node = parser.block(first, 0)?;
    // Anything left over (a dedent to no open collection) is an error for libyaml.
    (parser.pos == parser.lines.len()).then_some(node)
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// The next line as block structure sees it: `Some(None)` at the end of the text, `None`
    /// (decline) for a blank line, which the subset allows only inside literal blocks.
    fn peek(&self) -> Option<Option<Line<'a>>> {
        match self.lines.get(self.pos) {
            None => Some(None),
            Some(line) if line.body.is_empty() => None,
            Some(line) => Some(Some(*line)),
        }
    }

    /// The collection that starts at `line`.
    fn block(&mut self, line: Line<'a>, depth: usize) -> Option<Node<'a>> {
        if is_entry(line.body) {
            self.seq(line.indent, depth)
        } else {
            self.map(line.indent, depth)
        }
    }

    /// A block sequence whose dashes are at column `indent`. It ends at a shallower line, or at
    /// a line of the same column that is no entry (the next key, when the sequence sits at its
    /// key's column).
    fn seq(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        while let Some(line) = self.peek()? {
            if line.indent < indent || (line.indent == indent && !is_entry(line.body)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            items.push(self.item(line, depth)?);
        }
        Some(Node::Seq(items))
    }

    /// One `- …` entry of a sequence at `line.indent`.
    fn item(&mut self, line: Line<'a>, depth: usize) -> Option<Node<'a>> {
        // A lone `-` (a null, or a node on the next lines) is outside the subset.
        let rest = line.body.strip_prefix("- ")?;
        // Extra spaces would move a compact mapping's column; `- - x` nests sequences.
        if rest.starts_with(' ') || is_entry(rest) {
            return None;
        }
        if !is_key_line(rest) {
            // The entry is a scalar; block scalars indent from the dash's column.
            return self.inline_value(rest, line.indent);
        }
        // A compact mapping: its keys line up with this first one, two columns in. Re-read the
        // line as if it held only the mapping's first line.
        let column = line.indent + 2;
        let current = self.lines.get_mut(self.pos)?;
        *current = Line {
            raw: line.raw,
            indent: column,
            body: rest,
        };
        self.map(column, depth + 1)
    }

    /// A block mapping whose keys are at column `indent`.
    fn map(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut entries = Vec::with_capacity(8);
        while let Some(line) = self.peek()? {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.body)?;
            let value = if rest.is_empty() {
                self.pos += 1;
                self.nested(indent, depth)?
            } else {
                self.inline_value(rest, indent)?
            };
            entries.push((key, value));
        }
        if has_duplicate_keys(&entries) {
            // serde_yaml decides what duplicates mean (an error for struct fields).
            return None;
        }
        Some(Node::Map(entries))
    }

    /// The value of a `key:` line with nothing after the colon; `indent` is the key's column.
    fn nested(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        match self.peek()? {
            Some(line) if line.indent > indent => self.block(line, depth + 1),
            // serde_yaml writes a mapping's sequence at the key's column: `params:\n- name: x`.
            Some(line) if line.indent == indent && is_entry(line.body) => {
                self.seq(indent, depth + 1)
            }
            // Nothing nested: an empty plain scalar (null, or an empty sequence or mapping).
            _ => Some(Node::Scalar(Scalar {
                text: Cow::Borrowed(""),
                style: Style::Plain,
            })),
        }
    }

    /// A value written after `key: ` or `- ` on the current line. `base` is libyaml's
    /// `parser->indent` there, which literal blocks indent from.
    fn inline_value(&mut self, rest: &'a str, base: usize) -> Option<Node<'a>> {
        self.pos += 1;
        let node = match rest.as_bytes().first()? {
            b'\'' | b'"' => match quoted(rest)? {
                (scalar, "") => Node::Scalar(scalar),
                // Text after the closing quote (a comment, or an error for libyaml).
                _ => return None,
            },
            b'|' => return self.literal(rest.get(1..)?, base),
            _ if rest == "[]" => Node::Seq(Vec::new()),
            _ if rest == "{}" => Node::Map(Vec::new()),
            _ => Node::Scalar(plain(rest)?),
        };
        Some(node)
    }

    /// The content of a literal block scalar whose header (after `|`) is `header`; the current
    /// line is the first after the header. Follows libyaml's `scan_block_scalar`: content lines
    /// are those indented at least the content indentation; blank lines (or lines of no more
    /// spaces than it) are line breaks; spaces beyond it are content.
    fn literal(&mut self, header: &str, base: usize) -> Option<Node<'a>> {
        let (chomp, digit) = block_header(header)?;
        let indent = match digit {
            // libyaml: the indicator counts from the enclosing collection's column.
            Some(digit) => base + digit,
            // Else the first line sets it. Leading blank lines would join in the guess (and an
            // empty block is read differently): decline both.
            None => {
                let first = self.lines.get(self.pos)?;
                if first.body.is_empty() || first.indent <= base {
                    return None;
                }
                first.indent
            }
        };
        let mut text = String::new();
        // Breaks seen since the last content line, and whether there was one (its own line
        // break is then pending): chomping decides what the block's end keeps.
        let mut breaks = 0;
        let mut content = false;
        while let Some(line) = self.lines.get(self.pos) {
            if line.body.is_empty() && line.indent <= indent {
                breaks += 1;
            } else if line.indent < indent {
                break;
            } else {
                let piece = line.raw.get(indent..)?;
                push_breaks(&mut text, usize::from(content) + breaks);
                text.push_str(piece);
                breaks = 0;
                content = true;
            }
            self.pos += 1;
        }
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => push_breaks(&mut text, usize::from(content)),
            Chomp::Keep => push_breaks(&mut text, usize::from(content) + breaks),
        }
        Some(Node::Scalar(Scalar {
            text: Cow::Owned(text),
            style: Style::Literal,
        }))
    }
}

fn push_breaks(text: &mut String, count: usize) {
    text.extend(std::iter::repeat('\n').take(count));
}

/// Block chomping: `|-` strips the final line break, `|` keeps one, `|+` keeps all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Reads a literal block header after the `|`: chomping and indentation indicators in either
/// order, then the end of the line (a comment or trailing space declines).
fn block_header(header: &str) -> Option<(Chomp, Option<usize>)> {
    let chomp = |b: u8| match b {
        b'-' => Some(Chomp::Strip),
        b'+' => Some(Chomp::Keep),
        _ => None,
    };
    // libyaml rejects an indicator of 0.
    let digit = |b: u8| (b'1'..=b'9').contains(&b).then(|| usize::from(b - b'0'));
    match *header.as_bytes() {
        [] => Some((Chomp::Clip, None)),
        [a] => match chomp(a) {
            Some(c) => Some((c, None)),
            None => Some((Chomp::Clip, Some(digit(a)?))),
        },
        [a, b] => match (chomp(a), digit(a)) {
            (Some(c), _) => Some((c, Some(digit(b)?))),
            (_, Some(d)) => Some((chomp(b)?, Some(d))),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a line body is a sequence entry (`- …`, or a lone `-`).
fn is_entry(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

/// Whether two keys of a mapping have the same text (whatever their style).
fn has_duplicate_keys(entries: &[(Scalar<'_>, Node<'_>)]) -> bool {
    // Most mappings are a struct's few fields: compare pairwise without allocating.
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (a, _))| entries.iter().skip(i + 1).any(|(b, _)| a.text == b.text));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(key, _)| key.text.as_ref()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|pair| matches!(pair, [a, b] if a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str, style: Style) -> Node<'_> {
        Node::Scalar(Scalar {
            text: Cow::Borrowed(text),
            style,
        })
    }

    #[test]
    fn reads_the_structures_serde_yaml_writes() {
        let text = "a: x\nb:\n- c: 1\n  d:\n  - y\n- 'q'\ne:\n  f: \"g\\n\"\nh: []\ni: {}\nj:\n";
        let key = |k: &'static str| Scalar {
            text: Cow::Borrowed(k),
            style: Style::Plain,
        };
        let want = Node::Map(vec![
            (key("a"), s("x", Style::Plain)),
            (
                key("b"),
                Node::Seq(vec![
                    Node::Map(vec![
                        (key("c"), s("1", Style::Plain)),
                        (key("d"), Node::Seq(vec![s("y", Style::Plain)])),
                    ]),
                    s("q", Style::Quoted),
                ]),
            ),
            (
                key("e"),
                Node::Map(vec![(key("f"), s("g\n", Style::Quoted))]),
            ),
            (key("h"), Node::Seq(vec![])),
            (key("i"), Node::Map(vec![])),
            (key("j"), s("", Style::Plain)),
        ]);
        assert_eq!(parse(text), Some(want));
    }

    #[test]
    fn literal_blocks_follow_libyaml() {
        let lit = |t: &'static str| Some(s(t, Style::Literal));
        let value = |text: &'static str| match parse(text) {
            Some(Node::Map(mut entries)) if entries.len() == 1 => entries.pop().map(|e| e.1),
            _ => None,
        };
        assert_eq!(value("k: |-\n  a\n\n   b\n"), lit("a\n\n b"));
        assert_eq!(value("k: |\n  a\n\n"), lit("a\n"));
        assert_eq!(value("k: |+\n  a\n\n"), lit("a\n\n"));
        assert_eq!(value("k: |2-\n   a\n  b\n"), lit(" a\nb"));
        assert_eq!(value("k: |-2\n   a\n"), lit(" a"));
        assert_eq!(value("k: |2+\n\n"), lit("\n"));
        assert_eq!(value("k: |2\n\n"), lit(""));
        assert_eq!(value("k: |-\n  a\n    \n  b\n"), lit("a\n  \nb"));
        assert_eq!(value("k: |-\n  a\n \n  b\n"), lit("a\n\nb"));
        // Leading blank lines without an indicator, an empty block, `|0`, a comment: declined.
        assert_eq!(value("k: |\n\n  a\n"), None);
        assert_eq!(value("k: |\nj: 1\n"), None);
        assert_eq!(value("k: |0\n  a\n"), None);
        assert_eq!(value("k: | # c\n  a\n"), None);
        assert_eq!(value("k: >\n  a\n"), None);
    }

    #[test]
    fn scalars_follow_libyaml() {
        let one = |text: &'static str| match parse(text) {
            Some(Node::Seq(mut items)) if items.len() == 1 => items.pop(),
            _ => None,
        };
        assert_eq!(one("- -x\n"), Some(s("-x", Style::Plain)));
        assert_eq!(one("- a:b\n"), Some(s("a:b", Style::Plain)));
        assert_eq!(one("- a#b\n"), Some(s("a#b", Style::Plain)));
        assert_eq!(one("- 'it''s'\n"), Some(s("it's", Style::Quoted)));
        assert_eq!(one("- \"\\x41\\u00e9\\U0001F600\\N\"\n"), {
            let t = "A\u{e9}\u{1F600}\u{85}";
            Some(Node::Scalar(Scalar {
                text: Cow::Owned(t.to_string()),
                style: Style::Quoted,
            }))
        });
        for declined in [
            "- a #b\n",
            "- a: b: c\n",
            "- &a x\n",
            "- *a\n",
            "- !t x\n",
            "- [a]\n",
            "- {a: 1}\n",
            "- >\n  a\n",
            "- x \n",
            "- \"\\q\"\n",
            "- \"\\uD800\"\n",
            "- \"\\x4\"\n",
            "- 'a\n",
            "- 'a' #c\n",
            "- a\n  b\n",
            "- - x\n",
            "-\n",
            "-  x\n",
            "- \"a\"x\n",
            "- @x\n",
            "- a\tb\n",
            "- a\r\n",
            "- \u{2028}\n",
            "- \u{feff}a\n",
            "- x",
            "- `x\n",
        ] {
            assert_eq!(parse(declined), None, "{declined:?}");
        }
    }

    #[test]
    fn structure_outside_the_subset_is_declined() {
        for declined in [
            "a: 1\n\nb: 2\n",
            "a: 1\n# c\n",
            "a: 1 # c\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\na: 2\n",
            "'a': 1\na: 2\n",
            "? a\n: 1\n",
            "<<: {}\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n  b: 1\n    c: 2\n",
            " a: 1\n",
            "a:  1\n",
            "a:b\n",
            "a: 1\n- b\n",
            "a\n",
            "",
            "\n",
            "a:\n  x\n",
            "a: 'x'\n  b: 1\n",
        ] {
            assert_eq!(parse(declined), None, "{declined:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let mut text = String::new();
        for depth in 0..100 {
            text.push_str(&" ".repeat(depth * 2));
            text.push_str("k:\n");
        }
        assert_eq!(parse(&text), None);
    }
}
