//! Spec types as Rust type tokens.
//!
//! Standard-library types are always written with absolute paths (`::std::option::Option`), so a
//! schema named `Option`, `Result`, `Box` or `String` cannot shadow them.

use std::collections::BTreeMap;

use dcs_spec::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::plan::FieldType;

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
pub fn tokens(ty: &FieldType, names: &BTreeMap<String, String>, ctx: Ctx, rt: &syn::Path) -> TokenStream {
    inner(&ty.tref, ty.enum_name.as_deref(), names, ctx, rt)
}

fn inner(t: &TypeRef, enum_name: Option<&str>, names: &BTreeMap<String, String>, ctx: Ctx, rt: &syn::Path) -> TokenStream {
    match t {
        TypeRef::String | TypeRef::Integer | TypeRef::Long if enum_name.is_some() => {
            model_path(enum_name.unwrap_or_default(), ctx)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer | TypeRef::Long => quote!(i64),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Object => quote!(#rt::serde_json::Value),
        TypeRef::Array(e) => {
            let e = inner(e, enum_name, names, ctx, rt);
            quote!(::std::vec::Vec<#e>)
        }
        TypeRef::Map(v) => {
            let v = inner(v, enum_name, names, ctx, rt);
            quote!(::std::collections::BTreeMap<::std::string::String, #v>)
        }
        TypeRef::Named(n) => model_path(names.get(n).map(String::as_str).unwrap_or(n), ctx),
    }
}

/// How an argument of this type is passed: `&str` for text, `&[T]` for arrays, `&T` for other
/// non-`Copy` types, by value for numbers and booleans.
pub fn arg_tokens(ty: &FieldType, names: &BTreeMap<String, String>, ctx: Ctx, rt: &syn::Path) -> TokenStream {
    match (&ty.tref, &ty.enum_name) {
        (TypeRef::String, None) => quote!(&str),
        (TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double | TypeRef::Number | TypeRef::Boolean, None) => {
            tokens(ty, names, ctx, rt)
        }
        (TypeRef::Array(e), _) => {
            let e = inner(e, ty.enum_name.as_deref(), names, ctx, rt);
            quote!(&[#e])
        }
        _ => {
            let t = tokens(ty, names, ctx, rt);
            quote!(&#t)
        }
    }
}

/// Whether [`arg_tokens`] passes this type as an unsized reference (`&str`, `&[T]`).
pub fn arg_is_unsized(ty: &FieldType) -> bool {
    matches!((&ty.tref, &ty.enum_name), (TypeRef::String, None) | (TypeRef::Array(_), _))
}

/// The value of `#[serde(crate = "…")]`: serde as re-exported by the runtime, so generated code
/// (and a crate using the proc macro) needs no serde dependency of its own.
pub fn serde_crate(rt: &syn::Path) -> String {
    let path = quote!(#rt::serde).to_string();
    path.chars().filter(|c| !c.is_whitespace()).collect()
}
