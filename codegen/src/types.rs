//! Spec types as Rust type tokens, and how a value of each type is passed as a method argument.

use std::collections::BTreeMap;

use apiref_spec::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::prelude::StdPaths;

/// A field's Rust type: the spec type, with the innermost string or integer replaced by an enum.
#[derive(Debug, Clone)]
pub struct FieldType {
    pub tref: TypeRef,
    pub enum_name: Option<String>,
}

impl FieldType {
    /// A spec type without an enum (bodies, responses, page items of a named type).
    pub fn plain(tref: &TypeRef) -> Self {
        FieldType {
            tref: tref.clone(),
            enum_name: None,
        }
    }
}

/// Where the type is written: inside `mod models` (bare names) or beside it (`models::X`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    Models,
    Root,
}

/// What writing a type in one module needs: the module, its prelude paths, and the Rust names
/// of the schemas.
#[derive(Clone, Copy)]
pub struct Scope<'p> {
    pub ctx: Ctx,
    pub std: StdPaths,
    /// Schema name → Rust type name.
    pub type_names: &'p BTreeMap<String, String>,
}

fn model_path(name: &str, ctx: Ctx) -> TokenStream {
    let id = ident(name);
    match ctx {
        Ctx::Models => quote!(#id),
        Ctx::Root => quote!(models::#id),
    }
}

/// The Rust type of `ty`.
pub fn tokens(ty: &FieldType, scope: Scope<'_>, rt: &syn::Path) -> TokenStream {
    inner(&ty.tref, ty.enum_name.as_deref(), scope, rt)
}

fn inner(t: &TypeRef, enum_name: Option<&str>, scope: Scope<'_>, rt: &syn::Path) -> TokenStream {
    let StdPaths { string, vec, .. } = scope.std;
    match t {
        TypeRef::String | TypeRef::Integer | TypeRef::Long if enum_name.is_some() => {
            model_path(enum_name.unwrap_or_default(), scope.ctx)
        }
        TypeRef::String => quote!(#string),
        TypeRef::Integer | TypeRef::Long => quote!(i64),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Object => quote!(#rt::serde_json::Value),
        TypeRef::Array(e) => {
            let e = inner(e, enum_name, scope, rt);
            quote!(#vec<#e>)
        }
        TypeRef::Map(v) => {
            let v = inner(v, enum_name, scope, rt);
            quote!(::std::collections::BTreeMap<#string, #v>)
        }
        TypeRef::Named(n) => {
            let name = scope.type_names.get(n).map(String::as_str).unwrap_or(n);
            model_path(name, scope.ctx)
        }
    }
}

/// How a method argument is passed. Decided here only: the signature ([`arg_tokens`]) and the
/// code that forwards, converts or copies the argument all follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Text without an enum, as `&str`.
    Str,
    /// An array, as `&[T]`.
    Slice,
    /// Any other non-`Copy` type (enums, models, maps, JSON values), as `&T`.
    Ref,
    /// Numbers and booleans, by value.
    Copy,
}

impl Pass {
    pub fn of(ty: &FieldType) -> Pass {
        match (&ty.tref, &ty.enum_name) {
            (TypeRef::String, None) => Pass::Str,
            (TypeRef::Array(_), _) => Pass::Slice,
            (
                TypeRef::Integer
                | TypeRef::Long
                | TypeRef::Float
                | TypeRef::Double
                | TypeRef::Number
                | TypeRef::Boolean,
                None,
            ) => Pass::Copy,
            _ => Pass::Ref,
        }
    }

    /// Passed as an unsized reference (`&str`, `&[T]`), which serializes through one more `&`.
    pub fn is_unsized(self) -> bool {
        matches!(self, Pass::Str | Pass::Slice)
    }
}

/// The argument type of `ty`, as [`Pass::of`] decides.
pub fn arg_tokens(ty: &FieldType, scope: Scope<'_>, rt: &syn::Path) -> TokenStream {
    match (Pass::of(ty), &ty.tref) {
        (Pass::Str, _) => quote!(&str),
        (Pass::Copy, _) => tokens(ty, scope, rt),
        (Pass::Slice, TypeRef::Array(e)) => {
            let e = inner(e, ty.enum_name.as_deref(), scope, rt);
            quote!(&[#e])
        }
        _ => {
            let t = tokens(ty, scope, rt);
            quote!(&#t)
        }
    }
}

/// `#[allow(clippy::too_many_arguments)]` for a function of `count` arguments (`self` included)
/// over clippy's default threshold, 7.
pub fn allow_many_args(count: usize) -> Option<TokenStream> {
    (count > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

/// The value of `#[serde(crate = "…")]`: serde as re-exported by the runtime, so generated code
/// (and a crate using the proc macro) needs no serde dependency of its own.
pub fn serde_crate(rt: &syn::Path) -> String {
    path_text(&quote!(#rt::serde))
}

/// A path as the text of a serde attribute (`"huaweicloud_runtime::lenient::int"`).
pub fn path_text(path: &TokenStream) -> String {
    path.to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
