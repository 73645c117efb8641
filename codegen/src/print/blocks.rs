//! Function bodies: a statement per line, and `match` with an arm per line.

use proc_macro2::Delimiter;

use super::tree::Tok;
use super::Out;

/// The statements of a non-empty block, at `indent`.
pub(super) fn block(tokens: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    for stmt in statements(tokens)? {
        statement(stmt, indent, out)?;
    }
    Some(())
}

/// Splits a block at its top-level `;`. A `match` statement ends at its braces.
fn statements(tokens: &[Tok]) -> Option<Vec<&[Tok]>> {
    let mut stmts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let ends = if i == start && tokens[i].is_ident("match") {
            i = tokens[i..].iter().position(is_brace)? + i;
            !matches!(tokens.get(i + 1), Some(t) if t.is_punct(';'))
        } else {
            tokens[i].is_punct(';')
        };
        i += 1;
        if ends || i == tokens.len() {
            stmts.push(&tokens[start..i]);
            start = i;
        }
    }
    Some(stmts)
}

fn statement(stmt: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    if stmt[0].is_ident("match") {
        return match_expr(stmt, indent, out);
    }
    super::broken::expression(stmt, super::broken::End::STATEMENT, indent, out)
}

/// `match scrutinee {`, an arm per line, `}`.
fn match_expr(stmt: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let at = stmt.iter().position(is_brace)?;
    let arms = stmt[at].group(Delimiter::Brace)?;
    let semi = &stmt[at + 1..];
    out.line(indent, |line| {
        line.word("match");
        line.tokens(&stmt[1..at])?;
        line.raw(" {");
        Some(())
    })?;
    let mut rest = arms;
    while !rest.is_empty() {
        rest = arm(rest, indent + 4, out)?;
    }
    out.unchecked(indent, if semi.is_empty() { "}" } else { "};" });
    Some(())
}

/// Prints the arm at the head of `tokens`; returns the tokens after it.
fn arm<'t>(tokens: &'t [Tok], indent: usize, out: &mut Out) -> Option<&'t [Tok]> {
    let arrow = (0..tokens.len().saturating_sub(1))
        .find(|&i| tokens[i].is_punct('=') && tokens[i + 1].is_punct('>'))?;
    let pattern = &tokens[..arrow];
    let after = &tokens[arrow + 2..];
    if let Some(body) = after.first().and_then(|t| t.group(Delimiter::Brace)) {
        block_arm(pattern, body, indent, out)?;
        let rest = &after[1..];
        return Some(match rest.first() {
            Some(t) if t.is_punct(',') => &rest[1..],
            _ => rest,
        });
    }
    let end = super::next_comma(after).unwrap_or(after.len());
    flat_arm(pattern, &after[..end], indent, out)?;
    Some(after.get(end + 1..).unwrap_or(&[]))
}

/// `pattern => body,`
fn flat_arm(pattern: &[Tok], body: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let unit = matches!(body, [Tok::Group(Delimiter::Parenthesis, inner)] if inner.is_empty());
    if body.is_empty() || unit {
        return None;
    }
    let flat = |line: &mut super::flat::Line<'_>| {
        line.tokens(pattern)?;
        line.raw(" =>");
        line.spaced();
        line.tokens(body)
    };
    out.line_then(indent, flat, ",")
        .or_else(|| braced_arm(pattern, body, indent, out))
}

/// An arm too long for its line: prettyplease braces the body, an assignment with its `;`
/// (written at the break, so not counted toward the margin).
fn braced_arm(pattern: &[Tok], body: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    out.line(indent, |line| {
        line.tokens(pattern)?;
        line.raw(" => {");
        Some(())
    })?;
    let assignment = body.iter().enumerate().any(|(i, t)| {
        matches!(t, Tok::Punct('=', proc_macro2::Spacing::Alone)) && !is_compound(body, i)
    });
    let end = super::broken::End {
        counted: "",
        overhang: if assignment { ";" } else { "" },
        statement: true,
    };
    super::broken::expression(body, end, indent + 4, out)?;
    out.unchecked(indent, "}");
    Some(())
}

/// `=` ending `==`, `!=`, `<=`, `>=`, `+=`…: not an assignment of its own.
fn is_compound(tokens: &[Tok], i: usize) -> bool {
    i > 0 && matches!(&tokens[i - 1], Tok::Punct(_, proc_macro2::Spacing::Joint))
}

/// An arm whose body is a block: a block holding one expression prints as that expression;
/// otherwise `pattern => {`, the statements, `}`.
fn block_arm(pattern: &[Tok], stmts: &[Tok], indent: usize, out: &mut Out) -> Option<()> {
    let split = statements(stmts)?;
    match split.as_slice() {
        [] => out.line(indent, |line| {
            line.tokens(pattern)?;
            line.raw(" => {}");
            Some(())
        }),
        [one] if !one.iter().any(|t| t.is_punct(';')) && !one[0].is_ident("match") => {
            flat_arm(pattern, one, indent, out)
        }
        _ => {
            out.line(indent, |line| {
                line.tokens(pattern)?;
                line.raw(" => {");
                Some(())
            })?;
            block(stmts, indent + 4, out)?;
            out.unchecked(indent, "}");
            Some(())
        }
    }
}

fn is_brace(token: &Tok) -> bool {
    token.group(Delimiter::Brace).is_some()
}
