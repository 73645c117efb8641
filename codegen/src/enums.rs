//! Enums for enumerated fields: the listed values plus `Unknown`, which keeps any other value so
//! it round-trips unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, Doc};
use crate::ident::ident;
use crate::markdown::Env;
use crate::plan::EnumDef;
use crate::prelude::StdPaths;

pub fn emit(e: &EnumDef, rt: &syn::Path, std: &StdPaths, env: &Env<'_>) -> TokenStream {
    let mut doc = Doc::new();
    let values: Vec<String> = e.variants.iter().map(|(_, wire)| wire.clone()).collect();
    doc.text(&e.description, &env.stating_values(&values));
    let sites: Vec<String> = e.sites.iter().map(|s| code(s)).collect();
    doc.para(format!("Values of {}.", sites.join(", ")));
    doc.para("Serialized as the wire value; a value the document does not list becomes `Unknown` and is sent back unchanged.");
    let doc = doc.tokens();
    let variants: Vec<_> = e.variants.iter().map(|(v, _)| ident(v)).collect();
    let variant_docs = e
        .variants
        .iter()
        .map(|(_, wire)| format!(" {}", code(wire)));
    if e.int {
        emit_int(e, rt, std, doc, &variants, variant_docs.collect())
    } else {
        emit_str(e, rt, std, doc, &variants, variant_docs.collect())
    }
}

fn emit_str(
    e: &EnumDef,
    rt: &syn::Path,
    std: &StdPaths,
    doc: TokenStream,
    variants: &[proc_macro2::Ident],
    docs: Vec<String>,
) -> TokenStream {
    let name = ident(&e.rust);
    let serde = quote!(#rt::serde);
    let StdPaths {
        string,
        from,
        result,
        ..
    } = *std;
    let wires: Vec<&str> = e.variants.iter().map(|(_, w)| w.as_str()).collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value the document does not list, kept as sent.
            Unknown(#string),
        }

        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #from<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::Unknown(#string::from(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> #result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                let value = <#string as #serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

fn emit_int(
    e: &EnumDef,
    rt: &syn::Path,
    std: &StdPaths,
    doc: TokenStream,
    variants: &[proc_macro2::Ident],
    docs: Vec<String>,
) -> TokenStream {
    let name = ident(&e.rust);
    let serde = quote!(#rt::serde);
    let StdPaths { from, result, .. } = *std;
    let values: Vec<proc_macro2::Literal> = e
        .variants
        .iter()
        .map(|(_, w)| proc_macro2::Literal::i64_unsuffixed(w.parse().unwrap_or_default()))
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value the document does not list, kept as sent.
            Unknown(i64),
        }

        impl #name {
            /// The wire value.
            pub fn value(&self) -> i64 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl #from<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::num::ParseIntError;

            fn from_str(value: &str) -> #result<Self, Self::Err> {
                value.trim().parse::<i64>().map(Self::from)
            }
        }

        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> #result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                <i64 as #serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
