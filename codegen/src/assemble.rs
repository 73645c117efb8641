//! Formats the client unit by unit on several threads and stitches the pieces into one file.
//!
//! Printing 50,000 lines is much of the generator's time, and it is spent per item, so it splits
//! cleanly: each thread emits its units' tokens from the shared plan (tokens are not `Send`) and
//! formats them at the depth of the item they sit in (`mod models { … }`, `impl Client { … }`).
//! `print` writes the items of a shape it knows without a syntax tree; the others are wrapped in
//! that item, parsed and printed by syn and prettyplease, and the lines between the wrapper's
//! braces kept. The skeleton of the file is formatted with one placeholder item per unit, which
//! the pieces then replace. Items print the same wherever they are at the same depth, so the file
//! equals the one-piece formatting byte for byte (tests check it on every spec, thread count and
//! printer).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::{CodegenError, Gen, Slot, Unit};

/// Names the placeholder item of a unit: the prefix, then the unit's index.
const PLACEHOLDER: &str = "__APIREF_CODEGEN_UNIT_";

/// Name of the placeholder item of unit `i`.
fn placeholder(i: usize) -> proc_macro2::Ident {
    format_ident!("{}{}", PLACEHOLDER, i)
}

/// Parses and prints tokens holding a whole file.
fn unparse(tokens: TokenStream) -> Result<String, CodegenError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        CodegenError::new(format!(
            "internal error: generated code does not parse: {e}"
        ))
    })?;
    Ok(prettyplease::unparse(&file))
}

/// One unit, formatted at the depth of its slot: for units inside an item, the lines between the
/// braces of a wrapper item. With `fast`, the items of a shape `print` knows skip syn.
fn format_unit(
    gen: &Gen<'_>,
    unit: &Unit,
    rt: &syn::Path,
    fast: bool,
) -> Result<String, CodegenError> {
    let (items, docs) = crate::docs::deferring(|| gen.emit(unit, rt));
    let depth = match unit.slot() {
        Slot::Models | Slot::Impl => 1,
        Slot::RootBefore | Slot::RootAfter => 0,
    };
    let in_impl = unit.slot() == Slot::Impl;
    let fallback =
        |items: TokenStream, depth: usize, in_impl: bool| wrapped(unit, items, depth, in_impl);
    let text = if fast {
        crate::print::items(items, depth, in_impl, &fallback)?.0
    } else {
        fallback(items, depth, in_impl)?
    };
    crate::docs::expand_deferred(&text, &docs).ok_or_else(|| {
        CodegenError::new(format!(
            "internal error: the docs of unit {unit:?} do not match their placeholders"
        ))
    })
}

/// Items formatted at `depth`: inside `depth` wrapper items (the innermost an `impl` for the
/// items of an impl block), whose lines are then dropped.
fn wrapped(
    unit: &Unit,
    items: TokenStream,
    depth: usize,
    in_impl: bool,
) -> Result<String, CodegenError> {
    if depth == 0 {
        return unparse(items);
    }
    let innermost = if in_impl {
        quote!(impl Wrapper)
    } else {
        quote!(mod wrapper)
    };
    let mut tokens = braced(innermost, items);
    for _ in 1..depth {
        tokens = braced(quote!(mod wrapper), tokens);
    }
    inside_braces(unit, &unparse(tokens)?, depth)
}

/// `head { items }`. The items move into the group: interpolating them with `quote!` would copy
/// every token.
fn braced(mut head: TokenStream, items: TokenStream) -> TokenStream {
    let group = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, items);
    head.extend([proc_macro2::TokenTree::Group(group)]);
    head
}

/// The lines of `depth` nested `head {` … `}` without the wrappers' own lines.
fn inside_braces(unit: &Unit, text: &str, depth: usize) -> Result<String, CodegenError> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .filter(|inner| !inner.is_empty() && lines.len() >= 2 * depth);
    inner.map(|inner| inner.concat()).ok_or_else(|| {
        CodegenError::new(format!(
            "internal error: unit {unit:?} did not format as a braced item"
        ))
    })
}

/// The whole client, formatted on up to `threads` threads.
pub(crate) fn format(gen: &Gen<'_>, threads: usize) -> Result<String, CodegenError> {
    format_with(gen, threads, true)
}

/// [`format`], with or without the fast printer (`print`).
fn format_with(gen: &Gen<'_>, threads: usize, fast: bool) -> Result<String, CodegenError> {
    let units = gen.units();
    let mut pieces = format_all(gen, &units, threads, fast)?.into_iter();
    // The skeleton comes last (see `format_all`).
    let skeleton = pieces
        .next_back()
        .ok_or_else(|| CodegenError::new("internal error: no skeleton"))?;
    let pieces: Vec<String> = pieces.collect();
    let mut out =
        String::with_capacity(pieces.iter().map(String::len).sum::<usize>() + skeleton.len());
    let mut used = 0;
    for line in skeleton.split_inclusive('\n') {
        let unit = line
            .trim()
            .strip_prefix("const ")
            .and_then(|rest| rest.strip_prefix(PLACEHOLDER))
            .and_then(|rest| rest.strip_suffix(": () = ();"))
            .and_then(|n| n.parse::<usize>().ok());
        match unit {
            Some(i) if i < pieces.len() => {
                out.push_str(&pieces[i]);
                used += 1;
            }
            _ => out.push_str(line),
        }
    }
    if used != pieces.len() {
        return Err(CodegenError::new(format!(
            "internal error: {used} of {} units placed in the file",
            pieces.len()
        )));
    }
    Ok(out)
}

/// The skeleton of the file, with a placeholder item per unit.
fn format_skeleton(gen: &Gen<'_>, units: &[Unit], rt: &syn::Path) -> Result<String, CodegenError> {
    let skeleton = gen.skeleton(rt, &mut |slot| {
        let mut out = TokenStream::new();
        for (i, unit) in units.iter().enumerate() {
            if unit.slot() == slot {
                let name = placeholder(i);
                out.extend(quote!(const #name: () = ();));
            }
        }
        out
    });
    unparse(skeleton)
}

/// Formats every unit, then the skeleton (index `units.len()`). A work queue spreads them over
/// the threads, the largest first so no thread is left with a big one at the end.
fn format_all(
    gen: &Gen<'_>,
    units: &[Unit],
    threads: usize,
    fast: bool,
) -> Result<Vec<String>, CodegenError> {
    let work = |i: usize, rt: &syn::Path| match units.get(i) {
        Some(unit) => format_unit(gen, unit, rt, fast),
        None => format_skeleton(gen, units, rt),
    };
    let mut order: Vec<usize> = (0..=units.len()).collect();
    order.sort_by_key(|&i| match units.get(i) {
        Some(Unit::Infos | Unit::ErrorCodes | Unit::Mock) => 0,
        Some(_) => 1,
        None => 2,
    });
    let threads = threads.clamp(1, order.len());
    if threads == 1 {
        let rt = gen.runtime_path();
        return (0..order.len()).map(|i| work(i, &rt)).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Result<String, CodegenError>>>> =
        Mutex::new(vec![None; order.len()]);
    let worker = || {
        let rt = gen.runtime_path();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let piece = work(i, &rt);
            // A poisoned lock means another thread panicked; the scope re-raises that.
            if let Ok(mut done) = done.lock() {
                done[i] = Some(piece);
            }
        }
    };
    // This thread is one of the workers.
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(worker);
        }
        worker();
    });
    let done = done
        .into_inner()
        .map_err(|_| CodegenError::new("internal error: a formatting thread failed"))?;
    done.into_iter()
        .map(|piece| {
            piece.unwrap_or_else(|| {
                Err(CodegenError::new(
                    "internal error: a unit was not formatted",
                ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{generate_tokens, Options};

    fn one_piece(spec: &apiref_spec::Spec, opts: &Options) -> String {
        unparse(generate_tokens(spec, opts).unwrap()).unwrap()
    }

    fn spec(path: &str) -> Option<apiref_spec::Spec> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        crate::load_spec(&path).ok()
    }

    #[test]
    fn pieces_stitch_into_the_one_piece_formatting_for_any_thread_count() {
        let small = spec("tests/fixtures/small.yaml").expect("fixture loads");
        let opts = Options::default();
        let expected = one_piece(&small, &opts);
        for threads in [1, 2, 3, 8] {
            let gen = Gen::new(&small, &opts).unwrap();
            assert_eq!(
                format(&gen, threads).unwrap(),
                expected,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn dcs_spec_and_each_group_stitch_like_one_piece() {
        let Some(dcs) = spec("../spec/dcs/spec.yaml") else {
            panic!("spec/dcs/spec.yaml is missing: run `cargo regen`");
        };
        let all = Options::default();
        let gen = Gen::new(&dcs, &all).unwrap();
        let stitched = format(&gen, 2).unwrap();
        assert!(
            gen.units().len() > 10,
            "the DCS client splits into many units"
        );
        assert_eq!(stitched, one_piece(&dcs, &all));
        // Every group alone, and no group: slots that end up empty print as `{}`.
        let groups: std::collections::BTreeSet<&str> =
            dcs.operations.iter().map(|o| o.group.as_str()).collect();
        let mut selections: Vec<Vec<String>> = groups.iter().map(|g| vec![g.to_string()]).collect();
        selections.push(Vec::new());
        for groups in selections {
            let opts = Options {
                groups: Some(groups.clone()),
                ..Options::default()
            };
            let gen = Gen::new(&dcs, &opts).unwrap();
            assert_eq!(
                format(&gen, 3).unwrap(),
                one_piece(&dcs, &opts),
                "{groups:?}"
            );
        }
    }

    /// The fast printer (`print`) writes what prettyplease writes, byte for byte, on every
    /// spec with every option that changes the code's shape, and takes most items itself (DCS
    /// 2,165 of 2,226, ECS 1,960 of 2,010, the fixture 189 of 203 in 2026-12).
    #[test]
    fn the_fast_printer_matches_prettyplease_and_prints_most_items() {
        let variants = [
            Options::default(),
            Options {
                mock: true,
                serde_both: true,
                docs_zh: true,
                ..Options::default()
            },
            Options {
                runtime_crate: "::my_runtime".to_string(),
                client_name: Some("Api".to_string()),
                ..Options::default()
            },
        ];
        for path in [
            "../spec/dcs/spec.yaml",
            "../spec/ecs/spec.yaml",
            "tests/fixtures/small.yaml",
        ] {
            let spec = spec(path).unwrap_or_else(|| panic!("{path} loads"));
            for opts in &variants {
                let gen = Gen::new(&spec, opts).unwrap();
                let fast = format_with(&gen, 2, true).unwrap();
                let slow = format_with(&gen, 2, false).unwrap();
                if let Some((i, (a, b))) = fast
                    .lines()
                    .zip(slow.lines())
                    .enumerate()
                    .find(|(_, (a, b))| a != b)
                {
                    panic!(
                        "{path}: line {}: the fast printer wrote\n{a}\nprettyplease\n{b}",
                        i + 1
                    );
                }
                assert_eq!(fast, slow, "{path}: same lines, other length");
            }
            let coverage = coverage(&Gen::new(&spec, &Options::default()).unwrap());
            let share = coverage.printed as f64 / (coverage.printed + coverage.fallback) as f64;
            assert!(share >= 0.92, "{path}: the fast printer took {coverage:?}");
        }
    }

    /// Items the fast printer and prettyplease took, over every unit.
    fn coverage(gen: &Gen<'_>) -> crate::print::Coverage {
        let rt = gen.runtime_path();
        let mut total = crate::print::Coverage::default();
        for unit in gen.units() {
            let (items, _docs) = crate::docs::deferring(|| gen.emit(&unit, &rt));
            let fallback = |items: TokenStream, depth: usize, in_impl: bool| {
                wrapped(&unit, items, depth, in_impl)
            };
            let (_, c) = crate::print::items(items, 1, false, &fallback).unwrap();
            total.printed += c.printed;
            total.fallback += c.fallback;
        }
        total
    }
}
