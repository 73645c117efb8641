//! Items: attributes, structs, enums, impl blocks, modules and one-line items (`const`, `use`,
//! `type`); functions are in `functions`.

use proc_macro2::Delimiter;

use super::tree::Tok;

use super::{split_on_commas, Out};

/// Prints one item at `indent`; `None` for a shape this printer does not know.
pub(super) fn item(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let (attrs, rest) = split_attrs(tokens);
    for attr in attrs {
        attribute(attr, indent, out)?;
    }
    match keyword(rest)? {
        "struct" => structure(rest, indent, out),
        "enum" => enumeration(rest, indent, out),
        "impl" => implementation(rest, indent, out),
        "fn" => super::functions::function(rest, indent, out),
        "const" | "static" => {
            super::broken::expression(rest, super::broken::End::INNER, indent, out)
        }
        "use" | "type" => one_line(rest, indent, out),
        _ => None,
    }
}

/// The leading `#[…]` attributes and the rest.
pub(super) fn split_attrs(tokens: &[Tok]) -> (Vec<&[Tok]>, &[Tok]) {
    let mut attrs = Vec::new();
    let mut rest = tokens;
    while let [Tok::Punct('#', _), Tok::Group(Delimiter::Bracket, inner), tail @ ..] = rest {
        attrs.push(&inner[..]);
        rest = tail;
    }
    (attrs, rest)
}

/// The item's keyword after its visibility and qualifiers.
fn keyword(tokens: &[Tok]) -> Option<&'static str> {
    const KINDS: [&str; 9] = [
        "struct", "impl", "fn", "const", "use", "type", "static", "enum", "mod",
    ];
    let mut rest = tokens;
    loop {
        match rest {
            [Tok::Ident(vis), Tok::Group(Delimiter::Parenthesis, _), tail @ ..] if vis == "pub" => {
                rest = tail;
            }
            [Tok::Ident(word), tail @ ..] => {
                if let Some(kind) = KINDS.iter().find(|k| word == *k) {
                    // `const fn` is a function.
                    let is_const_fn =
                        *kind == "const" && matches!(tail.first(), Some(f) if f.is_ident("fn"));
                    if !is_const_fn {
                        return Some(kind);
                    }
                }
                if !matches!(word.as_str(), "pub" | "const" | "async") {
                    return None;
                }
                rest = tail;
            }
            _ => return None,
        }
    }
}

/// `/// text` for a one-line doc, `#[…]` otherwise.
fn attribute(inner: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    if let [Tok::Ident(doc), Tok::Punct('=', _), Tok::Literal(lit)] = inner {
        if doc == "doc" {
            return doc_line(lit, indent, out);
        }
    }
    let one_line = out.line(indent, |line| {
        line.open("#[");
        line.tokens(inner)?;
        line.raw("]");
        Some(())
    });
    one_line.or_else(|| broken_attribute(inner, indent, out))
}

/// `#[path(` / an argument per line, commas as written / `)]`: prettyplease's form of an
/// attribute too long for one line.
fn broken_attribute(inner: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let [Tok::Ident(path), Tok::Group(Delimiter::Parenthesis, args)] = inner else {
        return None;
    };
    out.line(indent, |line| {
        line.open("#[");
        line.word(path);
        line.open("(");
        Some(())
    })?;
    let trailing = matches!(args.last(), Some(t) if t.is_punct(','));
    let pieces = split_on_commas(args);
    for (i, piece) in pieces.iter().enumerate() {
        let comma = i + 1 < pieces.len() || trailing;
        out.line(indent + 4, |line| {
            line.tokens(piece)?;
            if comma {
                line.raw(",");
            }
            Some(())
        })?;
    }
    out.unchecked(indent, ")]");
    Some(())
}

/// prettyplease writes a doc attribute without a line break, and not starting with `/`, as `///`.
fn doc_line(lit: &proc_macro2::Literal, indent: usize, out: &mut Out) -> Option<()> {
    let text = super::unescape::string(&lit.to_string())?;
    if text.contains('\n') || text.starts_with('/') {
        return None;
    }
    out.unchecked(indent, &format!("///{}", text.trim_end_matches(' ')));
    Some(())
}

/// A struct with named fields, a tuple struct or a unit struct.
fn structure(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let (last, header) = tokens.split_last()?;
    let Some(fields) = last.group(Delimiter::Brace) else {
        return one_line(tokens, indent, out);
    };
    if fields.is_empty() {
        return out.line(indent, |line| {
            line.tokens(header)?;
            line.raw(" {}");
            Some(())
        });
    }
    members(header, fields, indent, out)
}

/// `header {`, each member (a field, a variant) with its attributes and a comma, `}`.
fn members(header: &[Tok], members: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    out.line(indent, |line| {
        line.tokens(header)?;
        line.raw(" {");
        Some(())
    })?;
    for member in split_on_commas(members) {
        let (attrs, rest) = split_attrs(member);
        for attr in attrs {
            attribute(attr, indent + 4, out)?;
        }
        out.line(indent + 4, |line| {
            line.tokens(rest)?;
            line.raw(",");
            Some(())
        })?;
    }
    out.unchecked(indent, "}");
    Some(())
}

/// `impl … { items }`.
fn implementation(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let (last, header) = tokens.split_last()?;
    let inner = last.group(Delimiter::Brace)?;
    if header.iter().any(|t| t.is_ident("where")) {
        return None;
    }
    let items = super::split_items(inner)?;
    let open = if items.is_empty() { " {}" } else { " {" };
    impl_header(header, open, indent, out)?;
    if items.is_empty() {
        return Some(());
    }
    for inner_item in items {
        item(inner_item, indent + 4, out)?;
    }
    out.unchecked(indent, "}");
    Some(())
}

/// A block opened by the caller so that its items print (or fall back) one by one: its
/// attributes and head line, its items, and whether it is an impl block (of methods) rather
/// than a module.
pub(super) struct Opened<'t> {
    pub head: Out,
    pub items: &'t [Tok],
    pub in_impl: bool,
}

/// Opens a non-empty module or impl block whose attributes and head print here.
pub(super) fn open(tokens: &[Tok], indent: usize) -> Option<Opened<'_>> {
    let (attrs, rest) = split_attrs(tokens);
    let in_impl = match keyword(rest)? {
        "impl" => true,
        "mod" => false,
        _ => return None,
    };
    let (last, header) = rest.split_last()?;
    let items = last.group(Delimiter::Brace)?;
    if items.is_empty() || header.iter().any(|t| t.is_ident("where")) {
        return None;
    }
    let mut head = Out::new();
    for attr in attrs {
        attribute(attr, indent, &mut head)?;
    }
    impl_header(header, " {", indent, &mut head)?;
    Some(Opened {
        head,
        items,
        in_impl,
    })
}

/// `impl … {` (or `mod … {`) on one line when it fits.
fn impl_header(header: &[Tok], open: &str, indent: usize, out: &mut Out) -> Option<()> {
    out.line(indent, |line| {
        line.tokens(header)?;
        line.raw(open);
        Some(())
    })
    .or_else(|| impl_header_broken(header, open, indent, out))
}

/// `impl<…> Trait` / `for Type {`: prettyplease breaks a long trait impl's header before `for`.
fn impl_header_broken(header: &[Tok], open: &str, indent: usize, out: &mut Out) -> Option<()> {
    let at = header.iter().position(|t| t.is_ident("for"))?;
    out.line(indent, |line| line.tokens(&header[..at]))?;
    out.line(indent, |line| {
        line.tokens(&header[at..])?;
        line.raw(open);
        Some(())
    })
}

/// An enum: a variant per line, each with its attributes.
fn enumeration(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let (last, header) = tokens.split_last()?;
    let variants = last.group(Delimiter::Brace)?;
    if variants.is_empty() {
        return None;
    }
    members(header, variants, indent, out)
}

/// An item that prettyplease keeps on one line when it fits: `const`, `use`, `type`, a tuple or
/// unit struct.
fn one_line(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    if !matches!(tokens.last(), Some(t) if t.is_punct(';')) {
        return None;
    }
    out.line(indent, |line| line.tokens(tokens))
}
