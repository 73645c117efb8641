//! One line of tokens, spaced as prettyplease spaces them, for the expressions, types and
//! attribute arguments the generator emits. A token it cannot place (a comparison, a `#`, a
//! block where a struct literal is expected) makes the whole item fall back to prettyplease.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing};

use super::tree::Tok;

/// prettyplease's `end_with_max_width` for struct literals: `Name { a: b ` up to this wide.
const STRUCT_LITERAL_WIDTH: usize = 34;

/// What was written last, as far as the space before the next token depends on it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// Start of the line or just inside `(` / `[`: no space.
    Open,
    /// An identifier, literal, lifetime, `?` or closing delimiter.
    Word,
    /// A keyword other than a path segment (`impl`, `for`, `mut`, …).
    Keyword,
    /// A closing `>` of generics.
    Gt,
    /// Written with a space after it: `,`, `:`, `=`, `=>`, `->`, `+`, a closure's closing `|`.
    Spaced,
    /// Written with no space after it: `::`, `.`, `<`, `&`, unary `!`/`*`, an opening `|`.
    Glued,
    /// A macro's `!`: the delimiter follows without a space.
    Bang,
}

/// A line being written: the text and the state that spaces the next token.
pub(super) struct Line<'a> {
    out: &'a mut String,
    prev: Prev,
    closure_open: bool,
    /// Per open `<`: whether it opened `impl<…>`, after which a type follows with a space, a
    /// path from the root (`impl<'de> ::rt::Trait`) included.
    angles: Vec<bool>,
}

impl<'a> Line<'a> {
    pub(super) fn new(out: &'a mut String) -> Self {
        Line {
            out,
            prev: Prev::Open,
            closure_open: false,
            angles: Vec::new(),
        }
    }

    /// Writes `tokens` after what the line holds.
    pub(super) fn tokens(&mut self, tokens: &[Tok]) -> Option<()> {
        let mut i = 0;
        while i < tokens.len() {
            i += self.token(&tokens[i..])?;
        }
        Some(())
    }

    /// Writes text that stands for a word (`match`, a name).
    pub(super) fn word(&mut self, text: &str) {
        self.before_word();
        self.out.push_str(text);
        self.prev = Prev::Word;
    }

    fn before_word(&mut self) {
        self.space_if(matches!(
            self.prev,
            Prev::Word | Prev::Keyword | Prev::Gt | Prev::Spaced
        ));
    }

    /// Writes raw text with no spacing logic; the next token follows it as after a word.
    pub(super) fn raw(&mut self, text: &str) {
        // Nothing written leaves the spacing as it was: an empty lead or comma is no word.
        if text.is_empty() {
            return;
        }
        self.out.push_str(text);
        self.prev = Prev::Word;
    }

    /// Writes an opening delimiter: the next token follows without a space.
    pub(super) fn open(&mut self, text: &str) {
        self.out.push_str(text);
        self.prev = Prev::Open;
    }

    /// The next token takes a space before it.
    pub(super) fn spaced(&mut self) {
        self.prev = Prev::Spaced;
    }

    fn space_if(&mut self, yes: bool) {
        if yes {
            self.out.push(' ');
        }
    }

    /// Writes the token at the head of `tokens`; returns how many it took.
    fn token(&mut self, tokens: &[Tok]) -> Option<usize> {
        match &tokens[0] {
            Tok::Ident(ident) => {
                // Their blocks are not struct literals; `blocks` prints `match` itself.
                if is_control_flow(ident) {
                    return None;
                }
                let keyword = is_keyword(ident);
                self.before_word();
                self.out.push_str(ident);
                self.prev = if keyword { Prev::Keyword } else { Prev::Word };
                Some(1)
            }
            Tok::Literal(literal) => {
                self.before_word();
                let _ = write!(self.out, "{literal}");
                self.prev = Prev::Word;
                Some(1)
            }
            Tok::Group(delimiter, inner) => {
                self.group(*delimiter, inner)?;
                Some(1)
            }
            Tok::Punct(..) => self.punct(tokens),
        }
    }

    fn punct(&mut self, tokens: &[Tok]) -> Option<usize> {
        if let [Tok::Punct('\'', _), Tok::Ident(name), ..] = tokens {
            self.before_word();
            self.out.push('\'');
            self.out.push_str(name);
            self.prev = Prev::Word;
            return Some(2);
        }
        let (op, len) = operator(tokens)?;
        match op {
            "::" => {
                self.space_if(matches!(self.prev, Prev::Keyword | Prev::Spaced));
                self.glued(op);
            }
            "." => self.glued(op),
            "," | ";" | ":" => self.spaced_after(op),
            "?" => self.raw(op),
            "=" | "=>" | "->" | "+" | "==" | "!=" | "&&" | "+=" => {
                self.space_if(self.prev != Prev::Open);
                self.spaced_after(op);
            }
            "<" => {
                self.angles
                    .push(self.prev == Prev::Keyword && self.out.ends_with("impl"));
                self.space_if(self.prev == Prev::Spaced);
                self.glued(op);
            }
            ">" => {
                self.out.push('>');
                let after_impl = self.angles.pop().unwrap_or(false);
                self.prev = if after_impl { Prev::Keyword } else { Prev::Gt };
            }
            "&" | "*" => self.prefix(op)?,
            "!" if self.prev == Prev::Word => {
                self.out.push('!');
                self.prev = Prev::Bang;
            }
            "!" => self.prefix(op)?,
            "|" if self.closure_open => {
                self.closure_open = false;
                self.spaced_after(op);
            }
            "|" => {
                self.closure_open = true;
                self.prefix(op)?;
            }
            "||" => {
                self.word(op);
                self.prev = Prev::Spaced;
            }
            _ => return None,
        }
        Some(len)
    }

    fn glued(&mut self, op: &str) {
        self.out.push_str(op);
        self.prev = Prev::Glued;
    }

    fn spaced_after(&mut self, op: &str) {
        self.out.push_str(op);
        self.prev = Prev::Spaced;
    }

    /// A unary operator: spaced before as a word, glued to what follows.
    fn prefix(&mut self, op: &str) -> Option<()> {
        if matches!(self.prev, Prev::Word | Prev::Gt) {
            return None; // a binary operator: not emitted by the generator
        }
        self.space_if(matches!(self.prev, Prev::Keyword | Prev::Spaced));
        self.glued(op);
        Some(())
    }

    fn group(&mut self, delimiter: Delimiter, inner: &[Tok]) -> Option<()> {
        let inner = without_trailing_comma(inner);
        match delimiter {
            Delimiter::Parenthesis | Delimiter::Bracket => {
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ('(', ')'),
                    _ => ('[', ']'),
                };
                let after_keyword = self.prev == Prev::Keyword && !self.out.ends_with("pub");
                self.space_if(after_keyword || self.prev == Prev::Spaced);
                self.out.push(open);
                self.nested(inner)?;
                self.out.push(close);
            }
            // A struct literal: `Name { a: b }`, `Name {}`.
            Delimiter::Brace if matches!(self.prev, Prev::Word | Prev::Gt) => {
                let path_start = self
                    .out
                    .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                    .len();
                self.out.push_str(" {");
                if !inner.is_empty() {
                    self.out.push(' ');
                    self.nested(inner)?;
                    self.out.push(' ');
                    // prettyplease breaks a struct literal wider than this (path included).
                    if self.out.len() - path_start > STRUCT_LITERAL_WIDTH {
                        return None;
                    }
                }
                self.out.push('}');
            }
            // A use tree: `path::{a, b}`.
            Delimiter::Brace if self.prev == Prev::Glued && self.out.ends_with("::") => {
                self.out.push('{');
                self.nested(inner)?;
                self.out.push('}');
            }
            _ => return None,
        }
        self.prev = Prev::Word;
        Some(())
    }

    /// The tokens inside a delimiter, starting as a line does.
    fn nested(&mut self, inner: &[Tok]) -> Option<()> {
        let closure_open = std::mem::replace(&mut self.closure_open, false);
        self.prev = Prev::Open;
        self.tokens(inner)?;
        self.closure_open = closure_open;
        Some(())
    }
}

/// A delimited list prints its trailing comma only when broken over lines.
fn without_trailing_comma(inner: &[Tok]) -> &[Tok] {
    match inner.split_last() {
        Some((Tok::Punct(',', _), rest)) => rest,
        _ => inner,
    }
}

/// The operator at the head of `tokens` and how many tokens it spans. `<` and `>` stay single
/// (`Vec<Vec<T>>` closes two generics).
fn operator(tokens: &[Tok]) -> Option<(&'static str, usize)> {
    let Tok::Punct(first, spacing) = tokens[0] else {
        return None;
    };
    let second = match (spacing, tokens.get(1)) {
        (Spacing::Joint, Some(Tok::Punct(c, _))) => Some(*c),
        _ => None,
    };
    let pair = match (first, second) {
        (':', Some(':')) => Some("::"),
        ('-', Some('>')) => Some("->"),
        ('=', Some('>')) => Some("=>"),
        ('=', Some('=')) => Some("=="),
        ('!', Some('=')) => Some("!="),
        ('&', Some('&')) => Some("&&"),
        ('|', Some('|')) => Some("||"),
        ('+', Some('=')) => Some("+="),
        _ => None,
    };
    if let Some(pair) = pair {
        return Some((pair, 2));
    }
    let single = match first {
        ':' => ":",
        ',' => ",",
        ';' => ";",
        '.' => ".",
        '?' => "?",
        '=' => "=",
        '+' => "+",
        '<' => "<",
        '>' => ">",
        '&' => "&",
        '*' => "*",
        '!' => "!",
        '|' => "|",
        _ => return None,
    };
    // `..`, `>=`, `<=`, `<<` and the like: not emitted by the generator.
    if second.is_some() && !matches!(single, "<" | ">" | "&" | "!" | "|" | "?" | "*") {
        return None;
    }
    Some((single, 1))
}

/// Control flow, whose blocks `flat` cannot tell from struct literals.
fn is_control_flow(ident: &str) -> bool {
    matches!(
        ident,
        "match" | "if" | "else" | "loop" | "while" | "in" | "async" | "unsafe"
    )
}

/// Keywords that are not path segments: a `(` after them takes a space, a `::` after them
/// starts a path.
fn is_keyword(ident: &str) -> bool {
    matches!(
        ident,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
    )
}
