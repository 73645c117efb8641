//! A fast path for loading specs: a small parser for the block-style YAML that serde_yaml itself
//! writes (see [`crate::Spec::to_yaml`]), and a `serde::Deserializer` over its node tree that
//! reproduces serde_yaml 0.9's reading of scalars.
//!
//! serde_yaml (libyaml underneath) spends most of a spec load on event plumbing; this path reads
//! the committed specs several times faster. It is only an optimisation: [`parse`] declines
//! (returns `None`) as soon as it meets anything outside the subset it knows exactly, and the
//! deserializer errors wherever it is not sure to agree with serde_yaml. The caller then falls back
//! to serde_yaml, so results and error messages are always serde_yaml's.
//!
//! The subset: block mappings and block sequences (a sequence may sit at its key's indentation,
//! `key:\n- item`), compact mappings in sequence entries (`- key: value`), plain scalars on one
//! line, single- and double-quoted scalars closed on their line, `[]` and `{}`, and literal block
//! scalars (`|`, with chomping and indentation indicators). No comments, blank lines (outside
//! literal blocks), tabs, anchors, aliases, tags, flow collections, folded scalars, complex keys,
//! directives or document markers.

mod de;
mod lines;
mod num;
mod parse;
mod scalar;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use serde::Deserialize;

/// A YAML node of the subset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<Node<'a>>),
    /// Keys in document order; never duplicated (the parser declines duplicates and leaves
    /// them to serde_yaml).
    Map(Vec<(Scalar<'a>, Node<'a>)>),
}

/// A scalar's text and how it was written: serde_yaml reads a plain `123` as a number or a
/// string, but a quoted or literal one only as a string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scalar<'a> {
    pub text: Cow<'a, str>,
    pub style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    /// Single- or double-quoted: serde_yaml treats both alike once unescaped.
    Quoted,
    /// A `|` block scalar.
    Literal,
}

/// Parses and deserializes `text` on the fast path; `None` when the text is outside the subset
/// or the deserializer is not sure to agree with serde_yaml (the caller then uses serde_yaml).
pub(crate) fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    let node = parse::parse(text)?;
    T::deserialize(node).ok()
}
