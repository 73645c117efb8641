//! Prelude types (`Option`, `Result`, `String`, …) as generated code writes them: by their short
//! names, unless a generated type of the same module shadows them (a schema named `Option`,
//! `Result`, `Box` or `String`), then by absolute path.

use proc_macro2::TokenStream;
use quote::quote;

/// Prelude names the generated code uses, and their absolute paths.
const PRELUDE: &[(&str, &str)] = &[
    ("Option", "::std::option::Option"),
    ("Result", "::std::result::Result"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
    ("Box", "::std::boxed::Box"),
    ("From", "::std::convert::From"),
    ("Into", "::std::convert::Into"),
    ("IntoIterator", "::std::iter::IntoIterator"),
];

/// A prelude name as generated code writes it: short, or absolute when shadowed. Plain data, so
/// a plan holding it can be shared by the threads that format the client.
#[derive(Debug, Clone, Copy)]
pub struct StdPath {
    short: &'static str,
    full: &'static str,
    shadowed: bool,
}

impl quote::ToTokens for StdPath {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if self.shadowed {
            let segments = self
                .full
                .trim_start_matches("::")
                .split("::")
                .map(crate::ident::ident);
            tokens.extend(quote!(#(:: #segments)*));
        } else {
            crate::ident::ident(self.short).to_tokens(tokens);
        }
    }
}

impl StdPath {
    /// The path as text (`Option`, `::std::option::Option`), for attributes that take a string.
    pub fn path_text(&self) -> &'static str {
        if self.shadowed {
            self.full
        } else {
            self.short
        }
    }
}

/// How generated code names prelude types in one module: the short name (`Option`), or the
/// absolute path (`::std::option::Option`) when a generated type of that module shadows it.
#[derive(Debug, Clone, Copy)]
pub struct StdPaths {
    pub option: StdPath,
    pub result: StdPath,
    pub string: StdPath,
    pub vec: StdPath,
    pub boxed: StdPath,
    pub from: StdPath,
    pub into: StdPath,
    pub into_iter: StdPath,
}

impl StdPaths {
    /// The paths for a module in which `names` are declared.
    pub fn shadowed_by<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: std::collections::BTreeSet<&str> = names.into_iter().collect();
        let path = |short: &'static str| -> StdPath {
            let full = PRELUDE
                .iter()
                .find(|(s, _)| *s == short)
                .map(|(_, f)| *f)
                .unwrap_or(short);
            StdPath {
                short,
                full,
                shadowed: names.contains(short),
            }
        };
        StdPaths {
            option: path("Option"),
            result: path("Result"),
            string: path("String"),
            vec: path("Vec"),
            boxed: path("Box"),
            from: path("From"),
            into: path("Into"),
            into_iter: path("IntoIterator"),
        }
    }
}
