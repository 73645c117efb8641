//! A printer for the item shapes the generator emits most (structs, impl blocks of plain
//! functions, `match` tables), writing them as prettyplease does without building a syntax
//! tree: parsing the tokens back with syn is most of the generator's time.
//!
//! It knows a subset of Rust on purpose. An item with anything else (an `if`, a closure body
//! over several lines, a line that would need breaking other than a function's parameters)
//! falls back to syn and prettyplease, so the output is prettyplease's either way; a test
//! compares the two on every item of every spec.

mod blocks;
mod broken;
mod chain;
mod flat;
mod functions;
mod items;
mod tree;
mod unescape;

use proc_macro2::{Delimiter, TokenStream};

use tree::Tok;

use crate::CodegenError;

/// prettyplease's line width: a line holds `max(MARGIN - indent, MIN_SPACE)` characters after
/// its indentation.
const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;

/// Formatted lines.
pub(crate) struct Out {
    text: String,
    scratch: String,
}

impl Out {
    fn new() -> Self {
        Out {
            text: String::new(),
            scratch: String::new(),
        }
    }

    /// A line at `indent` written by `write`; `None` (and nothing written) when `write` fails
    /// or the line is too long to stay unbroken.
    fn line(
        &mut self,
        indent: usize,
        write: impl FnOnce(&mut flat::Line<'_>) -> Option<()>,
    ) -> Option<()> {
        self.line_then(indent, write, "")
    }

    /// [`Out::line`], then `overhang`, which may pass the margin: prettyplease does not count
    /// the comma after a match arm.
    fn line_then(
        &mut self,
        indent: usize,
        write: impl FnOnce(&mut flat::Line<'_>) -> Option<()>,
        overhang: &str,
    ) -> Option<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        write(&mut flat::Line::new(&mut scratch))?;
        let fits = scratch.len() <= MARGIN.saturating_sub(indent).max(MIN_SPACE);
        if fits {
            scratch.push_str(overhang);
            self.unchecked(indent, &scratch);
        }
        self.scratch = scratch;
        fits.then_some(())
    }

    /// The closing brace of what this opened, at `indent`.
    fn close(&self, indent: usize, text: &mut String) {
        push_indent(text, indent);
        text.push_str("}\n");
    }

    /// A line at `indent`, whatever its length.
    fn unchecked(&mut self, indent: usize, text: &str) {
        push_indent(&mut self.text, indent);
        self.text.push_str(text);
        self.text.push('\n');
    }
}

fn push_indent(text: &mut String, indent: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let n = left.min(SPACES.len());
        text.push_str(&SPACES[..n]);
        left -= n;
    }
}

/// Formats `tokens` at `depth` with prettyplease: the way back for what `print` does not know.
/// The flag says whether the items stand in an impl block (methods) rather than a module.
pub(crate) type Fallback<'f> = &'f dyn Fn(TokenStream, usize, bool) -> Result<String, CodegenError>;

/// Formats the items of `tokens` at `depth` (4 spaces each): those of a known shape here, each
/// run of the others by `fallback`, in their order; `in_impl` when they stand in an impl block.
/// A module or an impl block is opened here and its items taken one by one, so one unknown item
/// does not send the whole block to prettyplease.
pub(crate) fn items(
    tokens: TokenStream,
    depth: usize,
    in_impl: bool,
    fallback: Fallback<'_>,
) -> Result<(String, Coverage), CodegenError> {
    let tokens = tree::tree(tokens);
    let mut printer = Printer {
        text: String::new(),
        coverage: Coverage::default(),
        fallback,
    };
    printer.items(&tokens, depth, in_impl)?;
    Ok((printer.text, printer.coverage))
}

/// How many items each printer wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Coverage {
    pub printed: usize,
    pub fallback: usize,
}

struct Printer<'f> {
    text: String,
    coverage: Coverage,
    fallback: Fallback<'f>,
}

impl Printer<'_> {
    fn items(&mut self, tokens: &[Tok], depth: usize, in_impl: bool) -> Result<(), CodegenError> {
        let at = (depth, in_impl);
        let Some(split) = split_items(tokens) else {
            return self.flush(&mut vec![tokens], at);
        };
        let mut pending: Vec<&[Tok]> = Vec::new();
        for item in split {
            let mut out = Out::new();
            if items::item(item, depth * 4, &mut out).is_some() {
                self.flush(&mut pending, at)?;
                self.text.push_str(&out.text);
                self.coverage.printed += 1;
            } else if let Some(block) = items::open(item, depth * 4) {
                self.flush(&mut pending, at)?;
                self.text.push_str(&block.head.text);
                self.items(block.items, depth + 1, block.in_impl)?;
                block.head.close(depth * 4, &mut self.text);
            } else {
                pending.push(item);
                self.coverage.fallback += 1;
            }
        }
        self.flush(&mut pending, at)
    }

    fn flush(&mut self, pending: &mut Vec<&[Tok]>, at: (usize, bool)) -> Result<(), CodegenError> {
        if pending.is_empty() {
            return Ok(());
        }
        let tokens: TokenStream = pending.drain(..).map(tree::stream).collect();
        self.text.push_str(&(self.fallback)(tokens, at.0, at.1)?);
        Ok(())
    }
}

/// Splits a sequence of items: each is its attributes, then tokens up to a `;` or a closing
/// `{…}` (with a `;` right after it, as in `const X: T = T { … };`). `None` if tokens trail.
fn split_items(tokens: &[Tok]) -> Option<Vec<&[Tok]>> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let (_, rest) = items::split_attrs(&tokens[i..]);
        i = tokens.len() - rest.len();
        let end = rest.iter().position(|t| t.is_punct(';') || is_brace(t))?;
        i += end + 1;
        if is_brace(&rest[end]) && matches!(tokens.get(i), Some(t) if t.is_punct(';')) {
            i += 1;
        }
        items.push(&tokens[start..i]);
        start = i;
    }
    Some(items)
}

fn is_brace(token: &Tok) -> bool {
    token.group(Delimiter::Brace).is_some()
}

/// Splits at commas outside generics (`BTreeMap<String, String>` stays whole); a trailing
/// comma makes no empty piece.
fn split_on_commas(tokens: &[Tok]) -> Vec<&[Tok]> {
    let mut pieces = Vec::new();
    let mut rest = tokens;
    while !rest.is_empty() {
        let end = next_comma(rest).unwrap_or(rest.len());
        pieces.push(&rest[..end]);
        rest = rest.get(end + 1..).unwrap_or(&[]);
    }
    pieces
}

/// The first comma outside generics: `<` opens one, `>` closes one unless it ends `->`/`=>`.
fn next_comma(tokens: &[Tok]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        let Tok::Punct(ch, _) = token else { continue };
        match ch {
            ',' if depth == 0 => return Some(i),
            '<' => depth += 1,
            '>' if !ends_arrow(tokens, i) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The index of the `>` that closes a generics opened just before `tokens`.
fn closing_angle(tokens: &[Tok]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Tok::Punct('<', _) => depth += 1,
            Tok::Punct('>', _) if !ends_arrow(tokens, i) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(i),
            },
            _ => {}
        }
    }
    None
}

fn ends_arrow(tokens: &[Tok], i: usize) -> bool {
    i > 0
        && matches!(
            &tokens[i - 1],
            Tok::Punct('-' | '=', proc_macro2::Spacing::Joint)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formats `src` at the root with the fast printer (prettyplease for what it leaves) and
    /// with prettyplease alone; returns both and the fast printer's coverage.
    fn both(src: &str) -> (String, String, Coverage) {
        let tokens: TokenStream = src.parse().expect("test source lexes");
        let pretty = |tokens: TokenStream| -> Result<String, CodegenError> {
            let file: syn::File =
                syn::parse2(tokens).map_err(|e| CodegenError::new(e.to_string()))?;
            Ok(prettyplease::unparse(&file))
        };
        // The items wrapped in `depth` items (the innermost an impl block for methods), whose
        // lines are then dropped: as `assemble` does.
        let fallback = |tokens: TokenStream, depth: usize, in_impl: bool| {
            let mut wrapped = match (depth, in_impl) {
                (0, _) => tokens,
                (_, true) => quote::quote!(impl W { #tokens }),
                (_, false) => quote::quote!(mod w { #tokens }),
            };
            for _ in 1..depth {
                wrapped = quote::quote!(mod w { #wrapped });
            }
            let text = pretty(wrapped)?;
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            Ok(lines[depth..lines.len() - depth].concat())
        };
        let (fast, coverage) = items(tokens.clone(), 0, false, &fallback).unwrap();
        (fast, pretty(tokens).unwrap(), coverage)
    }

    /// `src` prints as `expected` (checked by hand) both ways, `printed` of its items by `print`.
    fn assert_prints(src: &str, expected: &str, printed: usize) {
        let (fast, pretty, coverage) = both(src);
        assert_eq!(pretty, expected, "prettyplease");
        assert_eq!(fast, expected, "the fast printer");
        assert_eq!(coverage.printed, printed, "{coverage:?}");
    }

    #[test]
    fn long_attributes_and_trait_impl_headers_break_as_prettyplease_breaks_them() {
        let src = r#"
            #[serde(rename = "a_rather_long_wire_name", default, skip_serializing_if = "Option::is_none")]
            pub struct Narrow { pub a: Option<String>, #[doc = " Second."] pub b: Vec<u8>, }
            impl<'de> ::my_runtime::serde::Deserialize<'de> for AnUncommonlyLongModelNameForTheHeader {
                fn deserialize<D: ::my_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    ::my_runtime::plumbing::read_fields(deserializer)
                }
            }
            pub use ::my_runtime::{WaitError, WaitPolicy};
        "#;
        let expected = r#"#[serde(
    rename = "a_rather_long_wire_name",
    default,
    skip_serializing_if = "Option::is_none"
)]
pub struct Narrow {
    pub a: Option<String>,
    /// Second.
    pub b: Vec<u8>,
}
impl<'de> ::my_runtime::serde::Deserialize<'de>
for AnUncommonlyLongModelNameForTheHeader {
    fn deserialize<D: ::my_runtime::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        ::my_runtime::plumbing::read_fields(deserializer)
    }
}
pub use ::my_runtime::{WaitError, WaitPolicy};
"#;
        assert_prints(src, expected, 3);
    }

    #[test]
    fn signatures_arms_calls_and_chains_break_as_prettyplease_breaks_them() {
        let src = r#"
            impl Client {
                pub fn send_a_request(&self, instance_id: impl ::std::convert::AsRef<str>, body: &Body) -> impl ::std::future::Future<Output = Result<models::AResponseWithAName, ::rt::Error>> + '_ {
                    self.inner.send(self.send_a_request_request(instance_id, body, 12345, "and more"))
                }
            }
            fn read(field: u16) -> Option<&'static str> {
                match field {
                    0 => self.a_field_with_a_much_longer_name = read_text(map_with_a_longer_name_too)?,
                    1 => Some("a message far too long to stay on the line of its match arm, as documents have"),
                    _ => None,
                }
            }
            fn build(self) -> Result<Whitelist, BuildError> {
                ::std::result::Result::Ok(Whitelist { group_name: self.group_name.ok_or(BuildError::missing("Whitelist", "group_name"))?, ip: self.ip })
            }
            fn short() -> Point { Point { x: 1, y: 2 } }
        "#;
        let expected = r#"impl Client {
    pub fn send_a_request(
        &self,
        instance_id: impl ::std::convert::AsRef<str>,
        body: &Body,
    ) -> impl ::std::future::Future<
        Output = Result<models::AResponseWithAName, ::rt::Error>,
    > + '_ {
        self.inner
            .send(self.send_a_request_request(instance_id, body, 12345, "and more"))
    }
}
fn read(field: u16) -> Option<&'static str> {
    match field {
        0 => {
            self.a_field_with_a_much_longer_name = read_text(map_with_a_longer_name_too)?;
        }
        1 => {
            Some(
                "a message far too long to stay on the line of its match arm, as documents have",
            )
        }
        _ => None,
    }
}
fn build(self) -> Result<Whitelist, BuildError> {
    ::std::result::Result::Ok(Whitelist {
        group_name: self
            .group_name
            .ok_or(BuildError::missing("Whitelist", "group_name"))?,
        ip: self.ip,
    })
}
fn short() -> Point {
    Point { x: 1, y: 2 }
}
"#;
        assert_prints(src, expected, 4);
    }

    #[test]
    fn nested_generics_and_long_literal_fields_break_as_prettyplease_breaks_them() {
        let src = r#"
            impl Client {
                pub fn list_group_replication_info(&self, instance_id: impl ::std::convert::AsRef<str>) -> impl ::std::future::Future<Output = Result<models::ListGroupReplicationInfoResponse, huaweicloud_runtime::Error>> + '_ {
                    self.inner.send(instance_id)
                }
            }
            pub const UPDATE: Info = Info { name: "UpdateSlavePriority", path: "/v2/{project_id}/instances/{instance_id}/groups/{group_id}/replications/{node_id}/slave-priority", deprecated: false };
        "#;
        let expected = r#"impl Client {
    pub fn list_group_replication_info(
        &self,
        instance_id: impl ::std::convert::AsRef<str>,
    ) -> impl ::std::future::Future<
        Output = Result<
            models::ListGroupReplicationInfoResponse,
            huaweicloud_runtime::Error,
        >,
    > + '_ {
        self.inner.send(instance_id)
    }
}
pub const UPDATE: Info = Info {
    name: "UpdateSlavePriority",
    path: "/v2/{project_id}/instances/{instance_id}/groups/{group_id}/replications/{node_id}/slave-priority",
    deprecated: false,
};
"#;
        assert_prints(src, expected, 2);
    }

    #[test]
    fn an_unknown_shape_goes_to_prettyplease_alone() {
        let src = "fn branchy(x: bool) -> u8 { if x { 1 } else { 2 } } struct After;";
        let expected = "fn branchy(x: bool) -> u8 {\n    if x { 1 } else { 2 }\n}\nstruct After;\n";
        assert_prints(src, expected, 1);
    }

    #[test]
    fn a_line_breaks_one_character_past_the_margin() {
        // At indent 4 a line holds 85 characters, the `;` included.
        let fits = format!("call(first_argument, {});", "x".repeat(85 - 23));
        let over = "y".repeat(86 - 23);
        assert_eq!(fits.len(), 85);
        let src = format!("fn a() {{ {fits} }} fn b() {{ call(first_argument, {over}); }}");
        let expected = format!(
            "fn a() {{\n    {fits}\n}}\nfn b() {{\n    call(\n        first_argument,\n        {over},\n    );\n}}\n"
        );
        assert_prints(&src, &expected, 2);
    }

    #[test]
    fn an_impl_block_is_opened_so_only_the_unknown_method_goes_to_prettyplease() {
        let src = "impl Thing { fn branchy(&self) -> u8 { if self.x { 1 } else { 2 } } \
                   pub fn plain(&self) -> u8 { self.x } }";
        let expected = "impl Thing {\n    fn branchy(&self) -> u8 {\n        if self.x { 1 } else { 2 }\n    }\n    pub fn plain(&self) -> u8 {\n        self.x\n    }\n}\n";
        assert_prints(src, expected, 1);
    }
}
