//! Functions: the signature on one line when it fits, else a parameter per line and, if still
//! too long, the return type's generics broken too (nested ones as well); then the body.

use proc_macro2::Delimiter;

use super::blocks::block;
use super::broken::End;
use super::tree::Tok;
use super::{split_on_commas, Out};

/// A function: its signature on one line when it fits, else one parameter per line.
pub(super) fn function(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let (last, signature) = tokens.split_last()?;
    let stmts = last.group(Delimiter::Brace)?;
    let params_at = signature
        .iter()
        .position(|t| t.group(Delimiter::Parenthesis).is_some())?;
    let (prefix, rest) = signature.split_at(params_at);
    let (params, ret) = (rest[0].group(Delimiter::Parenthesis)?, &rest[1..]);
    if ret.iter().any(|t| t.is_ident("where")) {
        return None;
    }
    let open = if stmts.is_empty() { " {}" } else { " {" };
    let one_line = out.line(indent, |line| {
        line.tokens(signature)?;
        line.raw(open);
        Some(())
    });
    if one_line.is_none() {
        broken_signature(prefix, params, ret, open, indent, out)?;
    }
    if stmts.is_empty() {
        return Some(());
    }
    block(stmts, indent + 4, out)?;
    out.unchecked(indent, "}");
    Some(())
}

/// `fn name(` / a parameter per line with its comma / `) -> T {`.
fn broken_signature(
    prefix: &[Tok],
    params: &[Tok],
    ret: &[Tok],
    open: &str,
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    if params.is_empty() {
        return None;
    }
    out.line(indent, |line| {
        line.tokens(prefix)?;
        line.open("(");
        Some(())
    })?;
    comma_lines(&split_on_commas(params), indent + 4, out)?;
    out.line(indent, |line| {
        line.raw(")");
        line.tokens(ret)?;
        line.raw(open);
        Some(())
    })
    // `) -> Type<` / a generic argument per line / `> + 'a {`.
    .or_else(|| broken_generics(ret, (")", open, ""), indent, out))
}

/// `lead Type<` / a generic argument per line / `>…trail`, `overhang` after it (prettyplease
/// breaks generics in a box of their own, nested ones when their line is still too long).
fn broken_generics(
    tokens: &[Tok],
    (lead, trail, overhang): (&str, &str, &str),
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    let lt = tokens.iter().position(|t| t.is_punct('<'))?;
    let gt = lt + 1 + super::closing_angle(&tokens[lt + 1..])?;
    out.line(indent, |line| {
        line.raw(lead);
        line.tokens(&tokens[..lt])?;
        line.open("<");
        Some(())
    })?;
    comma_lines(&split_on_commas(&tokens[lt + 1..gt]), indent + 4, out)?;
    let close = |line: &mut super::flat::Line<'_>| {
        line.raw(">");
        line.tokens(&tokens[gt + 1..])?;
        line.raw(trail);
        Some(())
    };
    out.line_then(indent, close, overhang)
}

/// A broken list's elements, a line each with its comma; the last comma is prettyplease's break,
/// which does not count toward the margin.
fn comma_lines(elems: &[&[Tok]], indent: usize, out: &mut Out) -> Option<()> {
    for (i, elem) in elems.iter().enumerate() {
        let end = End::element(i + 1 == elems.len());
        let write = |line: &mut super::flat::Line<'_>| {
            line.tokens(elem)?;
            line.raw(end.counted);
            Some(())
        };
        out.line_then(indent, write, end.overhang)
            .or_else(|| broken_generics(elem, ("", end.counted, end.overhang), indent, out))?;
    }
    Some(())
}
