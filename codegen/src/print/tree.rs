//! The unit's tokens as an owned tree the printer borrows from: proc-macro2 hands out a group's
//! tokens only as a copy, and copying every identifier at every level costs more than printing.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

pub(crate) enum Tok {
    /// As written, `r#type` included: compared as text, which proc-macro2's `Ident` makes slow.
    Ident(String),
    Punct(char, Spacing),
    Literal(Literal),
    Group(Delimiter, Vec<Tok>),
}

impl Tok {
    pub(super) fn is_punct(&self, ch: char) -> bool {
        matches!(self, Tok::Punct(c, _) if *c == ch)
    }

    pub(super) fn is_ident(&self, name: &str) -> bool {
        matches!(self, Tok::Ident(i) if i == name)
    }

    /// The tokens of a group with this delimiter.
    pub(super) fn group(&self, delimiter: Delimiter) -> Option<&[Tok]> {
        match self {
            Tok::Group(d, inner) if *d == delimiter => Some(inner),
            _ => None,
        }
    }
}

/// Takes the stream apart without copying: a group is dropped before its tokens are taken, so
/// they are moved out, not cloned.
pub(super) fn tree(stream: TokenStream) -> Vec<Tok> {
    stream.into_iter().map(tok).collect()
}

fn tok(token: TokenTree) -> Tok {
    match token {
        TokenTree::Ident(i) => Tok::Ident(i.to_string()),
        TokenTree::Punct(p) => Tok::Punct(p.as_char(), p.spacing()),
        TokenTree::Literal(l) => Tok::Literal(l),
        TokenTree::Group(g) => {
            let delimiter = g.delimiter();
            let inner = g.stream();
            drop(g);
            Tok::Group(delimiter, tree(inner))
        }
    }
}

/// The tokens back as a stream, for the items prettyplease formats.
pub(super) fn stream(toks: &[Tok]) -> TokenStream {
    toks.iter()
        .map(|t| match t {
            Tok::Ident(i) => TokenTree::Ident(match i.as_bytes().starts_with(b"r#") {
                true => Ident::new_raw(&i[2..], Span::call_site()),
                false => Ident::new(i, Span::call_site()),
            }),
            Tok::Punct(c, s) => TokenTree::Punct(Punct::new(*c, *s)),
            Tok::Literal(l) => TokenTree::Literal(l.clone()),
            Tok::Group(d, inner) => TokenTree::Group(Group::new(*d, stream(inner))),
        })
        .collect()
}
