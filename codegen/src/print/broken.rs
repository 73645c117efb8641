//! Expressions too long for one line, broken as prettyplease breaks the simple ones: the
//! outermost call's arguments, array's elements or struct literal's fields one per line, each
//! with a trailing comma. A method call on the way (prettyplease breaks before its `.`) or a
//! macro sends the item to prettyplease.

use proc_macro2::Delimiter;

use super::tree::Tok;
use super::{split_on_commas, Out};

/// What follows an expression on its last line: text that counts toward the margin (`;`, a
/// comma written as a word) and text that does not (the comma prettyplease adds when it breaks
/// a list, after the last element).
#[derive(Clone, Copy)]
pub(super) struct End<'a> {
    pub counted: &'a str,
    pub overhang: &'a str,
    /// The expression starts a statement or a match arm's body (prettyplease's
    /// "beginning of line"), which keeps `self.name` together in a broken chain.
    pub statement: bool,
}

impl End<'_> {
    /// A whole statement, its `;` among its tokens.
    pub(super) const STATEMENT: End<'static> = End {
        counted: "",
        overhang: "",
        statement: true,
    };
    /// Inside another expression, nothing after it.
    pub(super) const INNER: End<'static> = End {
        counted: "",
        overhang: "",
        statement: false,
    };

    /// An element of a broken list: a comma after it, prettyplease's break after the last.
    pub(super) fn element(last: bool) -> End<'static> {
        match last {
            true => End {
                counted: "",
                overhang: ",",
                statement: false,
            },
            false => End {
                counted: ",",
                overhang: "",
                statement: false,
            },
        }
    }
}

/// `tokens`, then `end`, at `indent`: on one line when they fit, else broken.
pub(super) fn expression(tokens: &[Tok], end: End<'_>, indent: usize, out: &mut Out) -> Option<()> {
    let flat = |line: &mut super::flat::Line<'_>| {
        line.tokens(tokens)?;
        line.raw(end.counted);
        Some(())
    };
    out.line_then(indent, flat, end.overhang)
        .or_else(|| broken(tokens, end, indent, out))
        .or_else(|| unbreakable(tokens, end, indent, out))
}

/// A literal or a path has nowhere to break, nor has a struct field holding one (`path:
/// "/v2/…"`): prettyplease lets its line run long.
fn unbreakable(tokens: &[Tok], end: End<'_>, indent: usize, out: &mut Out) -> Option<()> {
    let value = match tokens {
        [Tok::Ident(_), Tok::Punct(':', proc_macro2::Spacing::Alone), value @ ..] => value,
        _ => tokens,
    };
    let atom = match value {
        [Tok::Literal(_)] => true,
        path => path
            .iter()
            .all(|t| matches!(t, Tok::Ident(_) | Tok::Punct(':', _))),
    };
    if !atom {
        return None;
    }
    let mut text = String::new();
    let mut line = super::flat::Line::new(&mut text);
    line.tokens(tokens)?;
    line.raw(end.counted);
    line.raw(end.overhang);
    out.unchecked(indent, &text);
    Some(())
}

/// Breaks a method chain, or else the first group of `tokens`, which must be the outermost call,
/// array or struct literal.
fn broken(tokens: &[Tok], end: End<'_>, indent: usize, out: &mut Out) -> Option<()> {
    let value = value_start(tokens);
    if has_dot(&tokens[value..]) {
        return super::chain::broken(&tokens[..value], &tokens[value..], end, indent, out);
    }
    // A `const`'s type (`&[&Info]`) is not where it breaks: its value is.
    let at = value
        + tokens[value..]
            .iter()
            .position(|t| matches!(t, Tok::Group(..)))?;
    let (head, tail) = (&tokens[..at], &tokens[at + 1..]);
    if has_method_call(head) || !tail.iter().all(|t| matches!(t, Tok::Punct('?' | ';', _))) {
        return None;
    }
    let after_path = matches!(head.last(), Some(Tok::Ident(_) | Tok::Punct('>', _)));
    let list = List { tail, end, indent };
    match &tokens[at] {
        Tok::Group(Delimiter::Brace, fields) if after_path => {
            list.print(head, " {", fields, "}", out)
        }
        Tok::Group(Delimiter::Parenthesis, args) if after_path => match struct_literal(args) {
            Some((path, fields)) => list.struct_argument(head, path, fields, out),
            None => list.print(head, "(", args, ")", out),
        },
        Tok::Group(Delimiter::Bracket, items) if !after_path && !ends_with_bang(head) => {
            list.print(head, "[", items, "]", out)
        }
        _ => None,
    }
}

/// What follows a broken list's closing delimiter, and where the list stands.
struct List<'t, 'e> {
    tail: &'t [Tok],
    end: End<'e>,
    indent: usize,
}

impl List<'_, '_> {
    /// `head(` / an element per line / `)tail`.
    fn print(
        &self,
        head: &[Tok],
        open: &str,
        elems: &[Tok],
        close: &str,
        out: &mut Out,
    ) -> Option<()> {
        if elems.is_empty() {
            return None;
        }
        opening(head, open, self.indent, out)?;
        self.elements(elems, out)?;
        self.close(close, out)
    }

    /// A call whose one argument is a struct literal keeps them together: `Ok(Name {` / fields /
    /// `})`.
    fn struct_argument(
        &self,
        head: &[Tok],
        path: &[Tok],
        fields: &[Tok],
        out: &mut Out,
    ) -> Option<()> {
        if fields.is_empty() {
            return None;
        }
        out.line(self.indent, |line| {
            line.tokens(head)?;
            line.open("(");
            line.tokens(path)?;
            line.raw(" {");
            Some(())
        })?;
        self.elements(fields, out)?;
        self.close("})", out)
    }

    /// An element per line; the comma after the last is prettyplease's break, not a word.
    fn elements(&self, elems: &[Tok], out: &mut Out) -> Option<()> {
        let elems = split_on_commas(elems);
        let last = elems.len() - 1;
        for (i, elem) in elems.into_iter().enumerate() {
            expression(elem, End::element(i == last), self.indent + 4, out)?;
        }
        Some(())
    }

    fn close(&self, close: &str, out: &mut Out) -> Option<()> {
        let line = |line: &mut super::flat::Line<'_>| {
            line.raw(close);
            line.tokens(self.tail)?;
            line.raw(self.end.counted);
            Some(())
        };
        out.line_then(self.indent, line, self.end.overhang)
    }
}

/// Where the value starts: after an assignment's or a `let`'s `=`, or a struct field's `name:`.
fn value_start(tokens: &[Tok]) -> usize {
    let assign = tokens.iter().enumerate().position(|(i, t)| {
        matches!(t, Tok::Punct('=', proc_macro2::Spacing::Alone))
            && !matches!(
                tokens.get(i.wrapping_sub(1)),
                Some(Tok::Punct(_, proc_macro2::Spacing::Joint))
            )
    });
    match (assign, tokens) {
        (Some(i), _) => i + 1,
        (None, [Tok::Ident(_), Tok::Punct(':', proc_macro2::Spacing::Alone), ..]) => 2,
        _ => 0,
    }
}

/// A top-level `.`: the value is a field access or method chain.
fn has_dot(tokens: &[Tok]) -> bool {
    tokens.iter().any(|t| t.is_punct('.'))
}

/// `head` and the list's opening delimiter. A head with nowhere to break (no group, no
/// generics: `pub const NAME: Path = Path {`) may run past the margin, as prettyplease lets it.
fn opening(head: &[Tok], open: &str, indent: usize, out: &mut Out) -> Option<()> {
    let write = |line: &mut super::flat::Line<'_>| {
        line.tokens(head)?;
        line.open(open);
        Some(())
    };
    let rigid = !head
        .iter()
        .any(|t| matches!(t, Tok::Group(..) | Tok::Punct('<', _)));
    match rigid {
        true => {
            let mut text = String::new();
            write(&mut super::flat::Line::new(&mut text))?;
            out.unchecked(indent, &text);
            Some(())
        }
        false => out.line(indent, write),
    }
}

/// The path and fields of arguments that are one struct literal (prettyplease's "blocklike"
/// single argument).
fn struct_literal(args: &[Tok]) -> Option<(&[Tok], &[Tok])> {
    let (last, path) = args.split_last()?;
    let fields = last.group(Delimiter::Brace)?;
    let is_path = !path.is_empty()
        && path
            .iter()
            .all(|t| matches!(t, Tok::Ident(_) | Tok::Punct(':', _)));
    is_path.then_some((path, fields))
}

/// `receiver.method(` before the group, or the group being a method's arguments: prettyplease
/// breaks before the `.` first.
fn has_method_call(head: &[Tok]) -> bool {
    let call = |w: &[Tok]| {
        matches!(
            w,
            [
                Tok::Punct('.', _),
                Tok::Ident(_),
                Tok::Group(Delimiter::Parenthesis, _)
            ]
        )
    };
    head.windows(3).any(call) || matches!(head, [.., Tok::Punct('.', _), Tok::Ident(_)])
}

fn ends_with_bang(head: &[Tok]) -> bool {
    matches!(head.last(), Some(Tok::Punct('!', _)))
}
