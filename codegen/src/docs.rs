//! Doc comments from the documents' prose, escaped so rustdoc neither warns nor runs anything.
//!
//! Prose is plain text, so every Markdown character that could start a link, an HTML tag,
//! a heading or a code block is escaped, URLs are put in code spans (rustdoc's `bare_urls` lint),
//! and lines are trimmed (four leading spaces would make an indented code block, which
//! `cargo test` would compile as a doctest). Descriptions keep their structure (lists, notes,
//! tables) through [`crate::markdown`], which escapes their text the same way.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes one line of prose for Markdown.
pub fn escape_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(at) = url_at else {
            escape_text(rest, &mut out);
            break;
        };
        escape_text(&rest[..at], &mut out);
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '`')
            .unwrap_or(tail.len());
        // Sentence punctuation after a URL is not part of it.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']);
        out.push('`');
        out.push_str(url);
        out.push('`');
        rest = &tail[url.len()..];
    }
    out
}

pub(crate) fn escape_text(text: &str, out: &mut String) {
    // Most text has nothing to escape or drop: copied in one go.
    let plain = |b: &u8| (0x20..0x7f).contains(b) && !b"\\[]<>`*_#|~".contains(b);
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
    } else {
        escape_chars(text, out);
    }
}

fn escape_chars(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '[' | ']' | '<' | '>' | '`' | '*' | '_' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Escapes prose of several lines; blank lines are kept (paragraph breaks), runs of them merged.
pub fn escape_block(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let escaped = escape_line(line);
        if escaped.is_empty() && !lines.last().is_some_and(|l| !l.is_empty()) {
            continue;
        }
        lines.push(escaped);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// A value as a code span (`` `Redis` ``), or escaped text when it holds a backtick.
pub fn code(value: &str) -> String {
    if value.contains('`') || value.trim() != value || value.is_empty() {
        format!("\"{}\"", escape_line(value))
    } else {
        format!("`{value}`")
    }
}

/// Builds a doc comment paragraph by paragraph.
#[derive(Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// A new empty doc.
    pub fn new() -> Self {
        Doc::default()
    }

    /// Adds prose (escaped) as a paragraph; nothing for empty text.
    pub fn prose(&mut self, text: &str) -> &mut Self {
        let block = escape_block(text);
        if !block.is_empty() {
            self.break_paragraph();
            self.lines.extend(block);
        }
        self
    }

    /// Adds a description, rendered as Markdown with its structure (see [`crate::markdown`]);
    /// nothing for empty text.
    pub fn text(&mut self, text: &str, env: &crate::markdown::Env<'_>) -> &mut Self {
        let lines = crate::markdown::render(text, env, &mut crate::markdown::Stats::default());
        self.blocks(lines)
    }

    /// Adds the Chinese description of an item, under a label, when there is one.
    pub fn zh(&mut self, text: Option<&str>, env: &crate::markdown::Env<'_>) -> &mut Self {
        let lines = text
            .map(|t| crate::markdown::render(t, env, &mut crate::markdown::Stats::default()))
            .unwrap_or_default();
        if !lines.is_empty() {
            self.para("中文：");
            self.blocks(lines);
        }
        self
    }

    /// Adds already-rendered Markdown lines (blank lines between their blocks) as a paragraph of
    /// their own; nothing for none.
    pub fn blocks(&mut self, lines: Vec<String>) -> &mut Self {
        if !lines.is_empty() {
            self.break_paragraph();
            self.lines.extend(lines);
        }
        self
    }

    /// Adds an already-escaped Markdown line as its own paragraph.
    pub fn para(&mut self, markdown: impl Into<String>) -> &mut Self {
        self.break_paragraph();
        self.lines.push(markdown.into());
        self
    }

    /// Adds an already-escaped Markdown line to the current paragraph.
    pub fn line(&mut self, markdown: impl Into<String>) -> &mut Self {
        self.lines.push(markdown.into());
        self
    }

    fn break_paragraph(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    /// The `#[doc = "…"]` attributes, or, while [`deferring`] is on, a placeholder for them.
    pub fn tokens(&self) -> TokenStream {
        let lines = self.lines.iter().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        });
        // Only docs of several plain lines are worth deferring; others print as they are.
        let deferrable = self.lines.len() > 1 && self.lines.iter().all(|l| !l.contains('\n'));
        if deferrable {
            let marker = DEFERRED.with(|d| {
                d.borrow_mut().as_mut().map(|docs| {
                    docs.push(lines.clone().collect());
                    format!("{MARK}{}", docs.len() - 1)
                })
            });
            if let Some(marker) = marker {
                return quote! { #[doc = #marker] };
            }
        }
        quote! { #( #[doc = #lines] )* }
    }
}

/// Starts a deferred doc's one-line placeholder. Doc text never holds control characters
/// (`escape_text` drops them), so the placeholder cannot be confused with a real doc line.
const MARK: char = '\u{7f}';
/// How a placeholder prints: a `///` line whose text starts with [`MARK`].
const PLACEHOLDER: &str = "///\u{7f}";

thread_local! {
    /// The docs deferred on this thread, while [`deferring`] runs.
    static DEFERRED: std::cell::RefCell<Option<Vec<Vec<String>>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `emit` with docs of several lines replaced by a one-line placeholder each, and returns
/// them. Parsing and printing doc attributes line by line is a large share of formatting time,
/// and their printed form is known: [`expand_deferred`] writes them as prettyplease would.
pub fn deferring<R>(emit: impl FnOnce() -> R) -> (R, Vec<Vec<String>>) {
    DEFERRED.with(|d| *d.borrow_mut() = Some(Vec::new()));
    let out = emit();
    let docs = DEFERRED.with(|d| d.borrow_mut().take()).unwrap_or_default();
    (out, docs)
}

/// Replaces the placeholders in formatted source by `///` lines at the placeholder's indentation
/// (prettyplease's form of a one-line doc attribute: `///`, the text, trailing spaces trimmed).
pub fn expand_deferred(source: &str, docs: &[Vec<String>]) -> Option<String> {
    if docs.is_empty() {
        return Some(source.to_string());
    }
    let extra: usize = docs.iter().flatten().map(|l| l.len() + 16).sum();
    let mut out = String::with_capacity(source.len() + extra);
    let mut copied = 0;
    let mut expanded = 0;
    // Only the placeholder lines are looked at: a substring search, not a pass per line.
    for (at, prefix) in source.match_indices(PLACEHOLDER) {
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = &source[line_start..at];
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        let index = source[at + prefix.len()..line_end]
            .trim_end()
            .parse::<usize>();
        let (true, Ok(index)) = (indent.bytes().all(|b| b == b' '), index) else {
            continue;
        };
        out.push_str(&source[copied..line_start]);
        for doc_line in docs.get(index)? {
            out.push_str(indent);
            out.push_str("///");
            out.push_str(doc_line.trim_end_matches(' '));
            out.push('\n');
        }
        copied = (line_end + 1).min(source.len());
        expanded += 1;
    }
    out.push_str(&source[copied..]);
    (expanded == docs.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            escape_line("  see [1] <b>x</b> a_b *c*  "),
            r"see \[1\] \<b\>x\</b\> a\_b \*c\*"
        );
        assert_eq!(escape_line("# not a heading"), r"\# not a heading");
        assert_eq!(escape_line("```rust"), r"\`\`\`rust");
    }

    #[test]
    fn text_copied_in_one_go_is_what_escaping_it_gives() {
        let texts = [
            "plain words, digits 123 and (parentheses): fine!",
            "a_b",
            "[x]",
            "tab\there",
            "del\u{7f}",
            "中文",
            "~tilde",
            "`tick`",
            "back\\slash",
            "",
        ];
        for text in texts {
            let (mut fast, mut slow) = (String::new(), String::new());
            escape_text(text, &mut fast);
            escape_chars(text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
        }
        let mut out = String::new();
        escape_text("a_b [c]", &mut out);
        assert_eq!(out, r"a\_b \[c\]");
    }

    #[test]
    fn placeholders_expand_at_their_indentation_and_nowhere_else() {
        let docs = vec![
            vec![
                " First.".to_string(),
                String::new(),
                " Second.  ".to_string(),
            ],
            vec![" Only.".to_string()],
        ];
        let source = format!(
            "///{MARK}0\nstruct A;\nimpl A {{\n    ///{MARK}1\n    fn f() {{ \"///{MARK}0\" }}\n}}"
        );
        let expected = format!(
            "/// First.\n///\n/// Second.\nstruct A;\nimpl A {{\n    /// Only.\n    fn f() {{ \"///{MARK}0\" }}\n}}"
        );
        assert_eq!(expand_deferred(&source, &docs).as_deref(), Some(&*expected));
        // The last line without its newline; a placeholder left over or missing is an error.
        assert_eq!(
            expand_deferred(
                &format!("  ///{MARK}1"),
                &[docs[1].clone(), docs[1].clone()]
            ),
            None
        );
        assert_eq!(
            expand_deferred(&format!("  ///{MARK}0"), &docs[1..]).as_deref(),
            Some("  /// Only.\n")
        );
        assert_eq!(expand_deferred("no placeholder", &docs), None);
    }

    #[test]
    fn urls_become_code_spans() {
        assert_eq!(
            escape_line("See https://support.example.com/a_b?x=[1]. Then"),
            "See `https://support.example.com/a_b?x=[1]`. Then"
        );
        assert_eq!(escape_line("(http://x.y)"), r"(`http://x.y`)");
        assert_eq!(
            escape_line("POST https://{dcs_endpoint}/v2/{project_id}/instances"),
            "POST `https://{dcs_endpoint}/v2/{project_id}/instances`"
        );
    }

    #[test]
    fn indentation_cannot_make_a_code_block() {
        assert_eq!(
            escape_block("a\n\n\n        let x = 1;\n\n"),
            vec!["a", "", "let x = 1;"]
        );
    }

    #[test]
    fn code_spans() {
        assert_eq!(code("Redis"), "`Redis`");
        assert_eq!(code("a`b"), "\"a\\`b\"");
        assert_eq!(code(""), "\"\"");
    }
}
