//! Method chains too long for one line (`self.inner.send(…)`, `self.name.ok_or(…)?`), broken as
//! prettyplease breaks them: one consistent box with a break before every `.`, except the first
//! when the chain starts a statement at a receiver of up to four characters (`self`, `d`).

use proc_macro2::Delimiter;

use super::broken::{expression, End};
use super::tree::Tok;
use super::{split_on_commas, Out};

/// One `.name` or `.name(args)` of a chain.
struct Segment<'t> {
    name: &'t str,
    args: Option<&'t [Tok]>,
}

/// Prints `head` then `chain`, broken; `None` unless `chain` is a path followed by
/// `.name(args)` segments and a `?`/`;` tail.
pub(super) fn broken(
    head: &[Tok],
    chain: &[Tok],
    end: End<'_>,
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    let base_len = chain
        .iter()
        .position(|t| !matches!(t, Tok::Ident(_) | Tok::Punct(':', _)))?;
    let (base, rest) = chain.split_at(base_len);
    let (segments, tail) = segments(rest)?;
    let short_base = matches!(base, [Tok::Ident(b)] if b.len() <= 4);
    let unbroken_first = end.statement && head.is_empty() && short_base;
    let head_line = |line: &mut super::flat::Line<'_>| {
        line.tokens(head)?;
        line.tokens(base)
    };
    if !unbroken_first {
        out.line(indent, head_line)?;
        return segment_lines(&segments, tail, end, indent + 4, out);
    }
    // `d.field(` / arguments / `);`: the receiver stays, only the arguments break.
    let (first, others) = segments.split_first()?;
    if others.is_empty() {
        let mut opening = String::new();
        head_line(&mut super::flat::Line::new(&mut opening))?;
        return args_lines(&opening, first, Tail { tail, end }, indent, out);
    }
    out.line(indent, |line| {
        head_line(line)?;
        line.raw(".");
        line.raw(first.name);
        if let Some(args) = first.args {
            line.open("(");
            line.tokens(args)?;
            line.raw(")");
        }
        Some(())
    })?;
    segment_lines(others, tail, end, indent + 4, out)
}

/// Each segment on its line; the chain's tail and end after the last.
fn segment_lines(
    segments: &[Segment<'_>],
    tail: &[Tok],
    end: End<'_>,
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let after = match i == last {
            true => Tail { tail, end },
            false => Tail {
                tail: &[],
                end: End::INNER,
            },
        };
        segment_line(segment, after, indent, out)?;
    }
    Some(())
}

/// What ends a segment's line: the chain's tail and end after the last segment.
struct Tail<'t, 'e> {
    tail: &'t [Tok],
    end: End<'e>,
}

/// `.name(args)` on one line, or `.name(` / an argument per line / `)`.
fn segment_line(
    segment: &Segment<'_>,
    after: Tail<'_, '_>,
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    let flat = |line: &mut super::flat::Line<'_>| {
        line.raw(".");
        line.raw(segment.name);
        if let Some(args) = segment.args {
            line.open("(");
            line.tokens(args)?;
            line.raw(")");
        }
        line.tokens(after.tail)?;
        line.raw(after.end.counted);
        Some(())
    };
    if out.line_then(indent, flat, after.end.overhang).is_some() {
        return Some(());
    }
    args_lines("", segment, after, indent, out)
}

/// `{opening}.name(` / an argument per line / `)` and what follows.
fn args_lines(
    opening: &str,
    segment: &Segment<'_>,
    after: Tail<'_, '_>,
    indent: usize,
    out: &mut Out,
) -> Option<()> {
    let args = segment.args.filter(|a| !a.is_empty())?;
    out.unchecked(indent, &format!("{opening}.{}(", segment.name));
    let elems = split_on_commas(args);
    for (i, elem) in elems.iter().enumerate() {
        expression(elem, End::element(i + 1 == elems.len()), indent + 4, out)?;
    }
    out.line_then(
        indent,
        |line| {
            line.raw(")");
            line.tokens(after.tail)?;
            line.raw(after.end.counted);
            Some(())
        },
        after.end.overhang,
    )
}

/// The `.name(args)` segments and the `?`/`;` tail after them.
fn segments(mut rest: &[Tok]) -> Option<(Vec<Segment<'_>>, &[Tok])> {
    let mut segments = Vec::new();
    while let [Tok::Punct('.', _), Tok::Ident(name), after @ ..] = rest {
        let (args, after) = match after {
            [group, more @ ..] => match group.group(Delimiter::Parenthesis) {
                Some(args) => (Some(args), more),
                None => (None, after),
            },
            [] => (None, after),
        };
        segments.push(Segment { name, args });
        rest = after;
    }
    let tail_ok = rest.iter().all(|t| matches!(t, Tok::Punct('?' | ';', _)));
    (!segments.is_empty() && tail_ok).then_some((segments, rest))
}
