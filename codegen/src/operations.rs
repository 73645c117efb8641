//! Per operation: the inspectable `OperationInfo` constant, and the client methods that build,
//! send and (for list operations) stream the request.

use apiref_spec::{Location, Operation, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, escape_block, Doc};
use crate::ident::ident;
use crate::plan::{Arg, Op, Plan};
use crate::types::{arg_tokens, tokens, Ctx, StdPaths};
use crate::validate::path_placeholders;

/// Clippy's default `too_many_arguments` threshold.
const MAX_ARGS: usize = 7;

/// How an argument is passed, which decides how it is converted and copied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Str,
    Slice,
    Ref,
    Copy,
}

fn pass(arg: &Arg<'_>) -> Pass {
    match (&arg.ty.tref, &arg.ty.enum_name) {
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

/// The doc shared by an operation's constant and methods.
fn op_doc(op: &Operation) -> Doc {
    let mut doc = Doc::new();
    doc.prose(&op.title);
    doc.prose(&op.description);
    doc.para(format!(
        "{} {} (group {}, API {}).",
        code(&op.method),
        code(&op.path),
        code(&op.group),
        code(&op.version)
    ));
    if op.deprecated {
        doc.para("Deprecated in the API reference.");
    }
    if !op.responses.is_empty() {
        doc.para("Responses:");
        for r in &op.responses {
            let desc = escape_block(&r.description).join(" ");
            let body = r
                .body
                .as_deref()
                .map(|b| format!(" Body: {}.", code(b)))
                .unwrap_or_default();
            doc.line(format!("- {}: {desc}{body}", r.status));
        }
    }
    doc.para(format!("Source: {}.", code(&op.source)));
    doc
}

/// `pub mod operations`: one `OperationInfo` per operation, and `ALL`.
pub fn emit_infos(plan: &Plan<'_>, rt: &syn::Path) -> TokenStream {
    let consts = plan.ops.iter().map(|o| {
        let op = o.op;
        let name = ident(&o.const_name);
        let doc = op_doc(op).tokens();
        let mut params: Vec<TokenStream> = op
            .params
            .iter()
            .filter_map(|p| {
                // The runtime's const constructors: one short call per parameter.
                let (wire, required) = (&p.name, p.required);
                Some(match p.location? {
                    Location::Path => quote!(#rt::ParamInfo::path(#wire)),
                    Location::Query => quote!(#rt::ParamInfo::query(#wire, #required)),
                    Location::Header => quote!(#rt::ParamInfo::header(#wire, #required)),
                })
            })
            .collect();
        // Placeholders the document does not list still travel in the path.
        for ph in path_placeholders(&op.path) {
            if !op
                .params
                .iter()
                .any(|p| p.location == Some(Location::Path) && p.name == ph)
            {
                params.push(quote!(#rt::ParamInfo::path(#ph)));
            }
        }
        let (op_name, method, path, deprecated, has_body) = (
            &op.name,
            &op.method,
            &op.path,
            op.deprecated,
            op.body.is_some(),
        );
        quote! {
            #doc
            pub const #name: #rt::OperationInfo = #rt::OperationInfo {
                name: #op_name,
                method: #method,
                path: #path,
                params: &[#(#params),*],
                deprecated: #deprecated,
                has_body: #has_body,
            };
        }
    });
    let all = plan.ops.iter().map(|o| ident(&o.const_name));
    quote! {
        /// What every operation sends: method, path template and parameters, to inspect without
        /// sending anything.
        pub mod operations {
            #(#consts)*

            /// Every operation, in document order.
            pub const ALL: &[&#rt::OperationInfo] = &[#(&#all),*];
        }
    }
}

fn arg_doc(doc: &mut Doc, o: &Op<'_>, with_query: bool, with_body: bool) {
    let mut lines = Vec::new();
    for a in &o.args {
        let desc = a
            .field
            .map(|f| escape_block(&f.description).join(" "))
            .unwrap_or_default();
        let kind = if a.location == Location::Header {
            "header"
        } else {
            "path parameter"
        };
        lines.push(format!(
            "- `{}`: {kind} {}. {desc}",
            crate::ident::unraw(&a.rust),
            code(&a.wire)
        ));
    }
    if with_query {
        lines.push("- `query`: the query parameters.".to_string());
    }
    if with_body {
        lines.push("- `body`: the request body.".to_string());
    }
    if !lines.is_empty() {
        doc.para("Arguments:");
        for l in lines {
            doc.line(l.trim_end().to_string());
        }
    }
}

fn arg_type(plan: &Plan<'_>, a: &Arg<'_>, rt: &syn::Path) -> TokenStream {
    let t = arg_tokens(&a.ty, plan, Ctx::Root, rt);
    let option = &plan.root_std.option;
    if a.required {
        t
    } else {
        quote!(#option<#t>)
    }
}

fn body_type(plan: &Plan<'_>, body: &TypeRef, rt: &syn::Path) -> TokenStream {
    let ft = crate::plan::FieldType {
        tref: body.clone(),
        enum_name: None,
    };
    arg_tokens(&ft, plan, Ctx::Root, rt)
}

/// The methods of one operation on the client.
pub fn emit_methods(plan: &Plan<'_>, o: &Op<'_>, rt: &syn::Path) -> TokenStream {
    let StdPaths {
        string,
        vec,
        result,
        ..
    } = plan.std(Ctx::Root);
    let op = o.op;
    let method = ident(&o.method);
    let request_method = ident(&o.request_method);
    let const_name = ident(&o.const_name);
    let arg_names: Vec<_> = o.args.iter().map(|a| ident(&a.rust)).collect();
    let arg_types: Vec<_> = o.args.iter().map(|a| arg_type(plan, a, rt)).collect();
    let query_ty = o.query.as_deref().map(|q| {
        let q = ident(q);
        quote!(&models::#q)
    });
    let query_param = query_ty.as_ref().map(|t| quote!(query: #t,));
    let query_arg = query_ty.as_ref().map(|_| quote!(query,));
    let body_param = o.body.as_ref().map(|b| {
        let t = body_type(plan, b, rt);
        quote!(body: #t,)
    });
    let body_arg = o.body.as_ref().map(|_| quote!(body,));
    let response = match &o.response {
        Some(t) => tokens(
            &crate::plan::FieldType {
                tref: t.clone(),
                enum_name: None,
            },
            plan,
            Ctx::Root,
            rt,
        ),
        None => quote!(()),
    };
    let n_args = o.args.len() + usize::from(o.query.is_some()) + usize::from(o.body.is_some()) + 1;
    let many = (n_args > MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API reference")]));
    let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));

    let path_params = o
        .args
        .iter()
        .filter(|a| a.location == Location::Path)
        .map(|a| {
            let (n, wire) = (ident(&a.rust), &a.wire);
            let value = if pass(a) == Pass::Str {
                quote!(#n.to_owned())
            } else {
                quote!(#n.to_string())
            };
            quote!((#wire, #value))
        });
    let headers: Vec<&Arg> = o
        .args
        .iter()
        .filter(|a| a.location == Location::Header)
        .collect();
    let required_headers = headers.iter().filter(|a| a.required).map(|a| {
        let (n, wire) = (ident(&a.rust), &a.wire);
        let value = if pass(a) == Pass::Str {
            quote!(#n.to_owned())
        } else {
            quote!(#n.to_string())
        };
        quote!((#string::from(#wire), #value))
    });
    let optional_headers: Vec<TokenStream> = headers
        .iter()
        .filter(|a| !a.required)
        .map(|a| {
            let (n, wire) = (ident(&a.rust), &a.wire);
            quote! {
                if let Some(value) = #n {
                    headers.push((#string::from(#wire), value.to_string()));
                }
            }
        })
        .collect();
    let headers_mut = (!optional_headers.is_empty()).then(|| quote!(mut));
    let required_headers: Vec<TokenStream> = required_headers.collect();
    let headers_init = if required_headers.is_empty() {
        quote!(#vec::new())
    } else {
        quote!(::std::vec![#(#required_headers),*])
    };
    let path_params: Vec<TokenStream> = path_params.collect();
    let path_params_init = if path_params.is_empty() {
        quote!(#vec::new())
    } else {
        quote!(::std::vec![#(#path_params),*])
    };
    let query_value = match &o.query {
        Some(_) => quote!(#rt::query_pairs(query)?),
        None => quote!(#vec::new()),
    };
    let body_value = match &o.body {
        Some(b) => {
            let unsized_body = crate::types::arg_is_unsized(&crate::plan::FieldType {
                tref: b.clone(),
                enum_name: None,
            });
            let arg = if unsized_body {
                quote!(&body)
            } else {
                quote!(body)
            };
            quote!(Some(#rt::to_body(#arg)?))
        }
        None => quote!(None),
    };

    let mut doc = op_doc(op);
    arg_doc(&mut doc, o, o.query.is_some(), o.body.is_some());
    let send_doc = doc.tokens();
    let request_doc = format!(
        " Builds the `{}` request without sending it (`{}` sends it).",
        op.name,
        crate::ident::unraw(&o.method)
    );

    let stream = o.stream_method.as_ref().zip(o.page.as_ref()).map(|(name, page)| {
        let name = ident(name);
        let item = tokens(&page.item, plan, Ctx::Root, rt);
        let owned = o.args.iter().map(|a| {
            let n = ident(&a.rust);
            let v = match (pass(a), a.required) {
                (Pass::Copy, _) => return quote!(),
                (Pass::Str, true) => quote!(#n.to_owned()),
                (Pass::Slice, true) => quote!(#n.to_vec()),
                (Pass::Ref, true) => quote!(#n.clone()),
                (Pass::Str, false) => quote!(#n.map(::std::borrow::ToOwned::to_owned)),
                (Pass::Slice, false) => quote!(#n.map(<[_]>::to_vec)),
                (Pass::Ref, false) => quote!(#n.cloned()),
            };
            quote!(let #n = #v;)
        });
        let recloned = o.args.iter().filter(|a| pass(a) != Pass::Copy).map(|a| {
            let n = ident(&a.rust);
            quote!(let #n = #n.clone();)
        });
        let call_args = o.args.iter().map(|a| {
            let n = ident(&a.rust);
            match (pass(a), a.required) {
                (Pass::Copy, _) => quote!(#n),
                (_, true) => quote!(&#n),
                (Pass::Ref, false) => quote!(#n.as_ref()),
                (_, false) => quote!(#n.as_deref()),
            }
        });
        let set = |field: &str, option: bool, value: TokenStream| {
            let f = ident(field);
            if option {
                quote!(query.#f = Some(#value);)
            } else {
                quote!(query.#f = #value;)
            }
        };
        let set_offset = set(&page.offset_field, page.offset_option, quote!(i64::try_from(offset).unwrap_or(i64::MAX)));
        let set_limit = set(&page.limit_field, page.limit_option, quote!(i64::from(limit)));
        let doc = format!(
            " Every item of `{}`, fetched page by page (`offset`/`limit`, `page_size` items a page); stops on a short page or at the reported total.",
            op.name
        );
        let query_ty = query_ty.clone().unwrap_or_default();
        quote! {
            #[doc = #doc]
            #deprecated
            #allow_deprecated
            #many
            pub fn #name(&self, #(#arg_names: #arg_types,)* query: #query_ty, page_size: u32)
                -> impl #rt::futures_core::Stream<Item = #result<#item, #rt::Error>>
            {
                let client = self.clone();
                let query = query.clone();
                #(#owned)*
                #rt::paginate(page_size, move |offset, limit| {
                    let client = client.clone();
                    let mut query = query.clone();
                    #set_offset
                    #set_limit
                    #(#recloned)*
                    async move { client.#method(#(#call_args,)* &query).await }
                })
            }
        }
    });

    quote! {
        #[doc = #request_doc]
        #deprecated
        #many
        pub fn #request_method(&self, #(#arg_names: #arg_types,)* #query_param #body_param) -> #result<#rt::Request, #rt::Error> {
            let #headers_mut headers = #headers_init;
            #(#optional_headers)*
            Ok(#rt::Request {
                operation: &operations::#const_name,
                path_params: #path_params_init,
                query: #query_value,
                headers,
                body: #body_value,
            })
        }

        #stream

        #send_doc
        #deprecated
        #allow_deprecated
        #many
        pub async fn #method(&self, #(#arg_names: #arg_types,)* #query_param #body_param) -> #result<#response, #rt::Error> {
            let request = self.#request_method(#(#arg_names,)* #query_arg #body_arg)?;
            self.inner.execute(request).await
        }
    }
}

/// `impl Page` for a list response.
pub fn emit_page(plan: &Plan<'_>, page: &crate::plan::PagePlan, rt: &syn::Path) -> TokenStream {
    let StdPaths { vec, option, .. } = plan.std(Ctx::Root);
    let resp = tokens(
        &crate::plan::FieldType {
            tref: page.response.clone(),
            enum_name: None,
        },
        plan,
        Ctx::Root,
        rt,
    );
    let item = tokens(&page.item, plan, Ctx::Root, rt);
    let items = ident(&page.items_field);
    let total = ident(&page.total_field);
    let into_items = if page.items_option {
        quote!(self.#items.unwrap_or_default())
    } else {
        quote!(self.#items)
    };
    let total_value = if page.total_option {
        quote!(self.#total.and_then(|n| u64::try_from(n).ok()))
    } else {
        quote!(u64::try_from(self.#total).ok())
    };
    quote! {
        impl #rt::Page for #resp {
            type Item = #item;

            fn into_items(self) -> #vec<Self::Item> {
                #into_items
            }

            fn total(&self) -> #option<u64> {
                #total_value
            }
        }
    }
}
