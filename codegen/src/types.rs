//! Spec types as Rust type tokens.
//!
//! Prelude types are written by their short names unless a generated type of the same module
//! shadows them (a schema named `Option`, `Result`, `Box` or `String`): then by absolute path.

use apiref_spec::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::plan::{FieldType, Plan};

/// Where the type is written: inside `mod models` (bare names) or beside it (`models::X`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    Models,
    Root,
}

fn model_path(name: &str, ctx: Ctx) -> TokenStream {
    let id = ident(name);
    match ctx {
        Ctx::Models => quote!(#id),
        Ctx::Root => quote!(models::#id),
    }
}

/// The Rust type of `ty`.
pub fn tokens(ty: &FieldType, plan: &Plan<'_>, ctx: Ctx, rt: &syn::Path) -> TokenStream {
    inner(&ty.tref, ty.enum_name.as_deref(), plan, ctx, rt)
}

fn inner(
    t: &TypeRef,
    enum_name: Option<&str>,
    plan: &Plan<'_>,
    ctx: Ctx,
    rt: &syn::Path,
) -> TokenStream {
    let StdPaths { string, vec, .. } = plan.std(ctx);
    let names = &plan.type_names;
    match t {
        TypeRef::String | TypeRef::Integer | TypeRef::Long if enum_name.is_some() => {
            model_path(enum_name.unwrap_or_default(), ctx)
        }
        TypeRef::String => quote!(#string),
        TypeRef::Integer | TypeRef::Long => quote!(i64),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Object => quote!(#rt::serde_json::Value),
        TypeRef::Array(e) => {
            let e = inner(e, enum_name, plan, ctx, rt);
            quote!(#vec<#e>)
        }
        TypeRef::Map(v) => {
            let v = inner(v, enum_name, plan, ctx, rt);
            quote!(::std::collections::BTreeMap<#string, #v>)
        }
        TypeRef::Named(n) => model_path(names.get(n).map(String::as_str).unwrap_or(n), ctx),
    }
}

/// How an argument of this type is passed: `&str` for text, `&[T]` for arrays, `&T` for other
/// non-`Copy` types, by value for numbers and booleans.
pub fn arg_tokens(ty: &FieldType, plan: &Plan<'_>, ctx: Ctx, rt: &syn::Path) -> TokenStream {
    match (&ty.tref, &ty.enum_name) {
        (TypeRef::String, None) => quote!(&str),
        (
            TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
            | TypeRef::Number
            | TypeRef::Boolean,
            None,
        ) => tokens(ty, plan, ctx, rt),
        (TypeRef::Array(e), _) => {
            let e = inner(e, ty.enum_name.as_deref(), plan, ctx, rt);
            quote!(&[#e])
        }
        _ => {
            let t = tokens(ty, plan, ctx, rt);
            quote!(&#t)
        }
    }
}

/// Whether [`arg_tokens`] passes this type as an unsized reference (`&str`, `&[T]`).
pub fn arg_is_unsized(ty: &FieldType) -> bool {
    matches!(
        (&ty.tref, &ty.enum_name),
        (TypeRef::String, None) | (TypeRef::Array(_), _)
    )
}

/// The value of `#[serde(crate = "…")]`: serde as re-exported by the runtime, so generated code
/// (and a crate using the proc macro) needs no serde dependency of its own.
pub fn serde_crate(rt: &syn::Path) -> String {
    let path = quote!(#rt::serde).to_string();
    path.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Prelude names the generated code uses, and their absolute paths.
const PRELUDE: &[(&str, &str)] = &[
    ("Option", "::std::option::Option"),
    ("Result", "::std::result::Result"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
    ("Box", "::std::boxed::Box"),
    ("From", "::std::convert::From"),
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
        }
    }
}
