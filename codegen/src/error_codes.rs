//! `pub mod error_codes`: the reference's error-code table as an enum a caller can match on, and
//! the error body the server sends.
//!
//! An enum rather than constants: `match` gets exhaustiveness help within the listed codes, each
//! variant documents its HTTP status and message, and `Unknown` keeps unlisted codes.

use std::collections::BTreeSet;

use apiref_spec::Spec;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::docs::{code, Doc};
use crate::ident::{camel, ident, Names, Style};
use crate::markdown::{inline, Env, Links, Site, Stats};
use crate::prelude::StdPaths;

/// The error codes of one spec, deduplicated (first listing wins), as the enum's parts.
#[derive(Default)]
struct Codes {
    variants: Vec<proc_macro2::Ident>,
    docs: Vec<TokenStream>,
    wires: Vec<String>,
    statuses: Vec<Literal>,
    messages: Vec<String>,
}

impl Codes {
    fn of(spec: &Spec) -> Self {
        let mut names = Names::with_reserved(&["Unknown"]);
        let mut seen = BTreeSet::new();
        let mut codes = Codes::default();
        let links = Links::default();
        let env = Env::new(&links, Site::Sibling);
        // Messages and solutions as one line each (the item is a short table row).
        let one_line = |text: &str| {
            let mut stats = Stats::default();
            text.lines()
                .map(|l| inline(l, &env, &mut stats))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for ec in &spec.error_codes {
            let wire = ec.code.trim();
            if wire.is_empty() || !seen.insert(wire.to_string()) {
                continue;
            }
            codes
                .variants
                .push(ident(&names.claim(&camel(wire, "E", "Code"), Style::Camel)));
            let mut doc = Doc::new();
            doc.para(format!(
                "{} (HTTP {}): {}",
                code(wire),
                ec.status,
                one_line(&ec.message)
            ));
            if let Some(solution) = &ec.solution {
                doc.para(format!("Solution: {}", one_line(solution)));
            }
            doc.para(format!("Source: {}.", code(&ec.source)));
            codes.docs.push(doc.tokens());
            codes.wires.push(wire.to_string());
            codes.statuses.push(Literal::u16_unsuffixed(ec.status));
            codes.messages.push(ec.message.trim().to_string());
        }
        codes
    }
}

/// Prelude paths inside `mod error_codes`, which declares only these two types.
fn std_paths() -> StdPaths {
    StdPaths::shadowed_by(["ErrorCode", "ErrorBody"])
}

pub fn emit(spec: &Spec, rt: &syn::Path) -> TokenStream {
    let codes = Codes::of(spec);
    let string = std_paths().string;
    let (variants, docs) = (&codes.variants, &codes.docs);
    let methods = error_code_methods(&codes);
    let body = error_body(rt, codes.wires.first().map_or("SVC.0001", String::as_str));
    quote! {
        /// The error codes of the API reference, and the body of an error response.
        pub mod error_codes {
            /// A value of `error_code` in an error response, as listed in the API reference's
            /// error-code table; `Unknown` keeps any other code.
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum ErrorCode {
                #( #docs #variants, )*
                /// A code the API reference does not list, kept as sent.
                Unknown(#string),
            }

            #methods

            #body
        }
    }
}

/// `impl ErrorCode` (each code's text, status and message), `Display` and `FromStr`. Without
/// codes, every value is `Unknown`.
fn error_code_methods(codes: &Codes) -> TokenStream {
    let StdPaths {
        option,
        result,
        string,
        ..
    } = std_paths();
    let Codes {
        variants,
        wires,
        statuses,
        messages,
        ..
    } = codes;
    let (as_str, status, message, from_code) = if variants.is_empty() {
        (
            quote!(let Self::Unknown(code) = self; code),
            quote!(None),
            quote!(None),
            quote!(Self::Unknown(#string::from(code))),
        )
    } else {
        (
            quote!(match self { #(Self::#variants => #wires,)* Self::Unknown(code) => code }),
            quote!(match self { #(Self::#variants => Some(#statuses),)* Self::Unknown(_) => None }),
            quote!(match self { #(Self::#variants => Some(#messages),)* Self::Unknown(_) => None }),
            quote!(match code { #(#wires => Self::#variants,)* other => Self::Unknown(#string::from(other)) }),
        )
    };
    let status_self = variants.is_empty().then(|| quote!(let _ = self;));
    quote! {
        impl ErrorCode {
            /// The variant for a code as the server sends it.
            pub fn from_code(code: &str) -> Self {
                #from_code
            }

            /// The code as the server sends it.
            pub fn as_str(&self) -> &str {
                #as_str
            }

            /// The HTTP status the reference lists for this code.
            pub fn status(&self) -> #option<u16> {
                #status_self
                #status
            }

            /// The reference's message for this code.
            pub fn message(&self) -> #option<&'static str> {
                #status_self
                #message
            }
        }

        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for ErrorCode {
            type Err = ::std::convert::Infallible;

            fn from_str(code: &str) -> #result<Self, Self::Err> {
                Ok(Self::from_code(code))
            }
        }
    }
}

/// `ErrorBody`: the body of an error response.
/// `example`: a code of this service, for the docs.
fn error_body(rt: &syn::Path, example: &str) -> TokenStream {
    let example = example.replace('`', "'");
    let body_doc = format!(
        " The body of an error response (`{{\"error_code\": \"{example}\", \"error_msg\": \"…\"}}`)."
    );
    let code_doc = format!(" The error code, for example `{example}`.");
    let serde = quote!(#rt::serde);
    let serde_crate = crate::types::serde_crate(rt);
    let StdPaths { option, string, .. } = std_paths();
    quote! {
        #[doc = #body_doc]
        /// Other fields are ignored.
        #[derive(Debug, Clone, Default, PartialEq, Eq, #serde::Serialize, #serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        pub struct ErrorBody {
            #[doc = #code_doc]
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            pub error_code: #option<#string>,
            /// The error message.
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            pub error_msg: #option<#string>,
        }

        impl ErrorBody {
            /// The error code as an [`ErrorCode`].
            pub fn code(&self) -> #option<ErrorCode> {
                self.error_code.as_deref().map(ErrorCode::from_code)
            }
        }
    }
}
