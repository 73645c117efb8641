//! Per operation: the inspectable `OperationInfo` constant, and the client methods that build,
//! send and (for list operations) stream the request.

use apiref_spec::{Location, Operation};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, Doc};
use crate::ident::ident;
use crate::markdown::{render_item, Env, Site, Stats};
use crate::plan::{Arg, MarkerFrom, Op, PageBy, PagePlan, Plan};
use crate::prelude::StdPaths;
use crate::types::{arg_tokens, tokens, Ctx, FieldType, Pass};
use crate::validate::path_placeholders;
use crate::waiters::text_of;

/// The doc shared by an operation's constant and methods, written for `site`.
fn op_doc(plan: &Plan<'_>, op: &Operation, site: Site) -> Doc {
    let env = plan.env(site).with_version(&op.version);
    let mut doc = Doc::new();
    doc.prose(&op.title);
    doc.text(&op.description, &env);
    if env.zh {
        doc.zh(op.description_zh.as_deref(), &env);
    }
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
            let body = r
                .body
                .as_deref()
                .map(|b| format!(" Body: {}.", code(b)))
                .unwrap_or_default();
            let head = format!("- {}:", r.status);
            item(&mut doc, &head, &r.description, &body, &env);
        }
    }
    doc.para(format!("Source: {}.", code(&op.source)));
    doc
}

/// A list item `<head> <description><tail>`: the description's first paragraph on the item's
/// line, its other blocks indented under it.
fn item(doc: &mut Doc, head: &str, description: &str, tail: &str, env: &Env<'_>) {
    let (first, rest) = render_item(description, env, &mut Stats::default());
    let line = format!("{head} {first}{tail}");
    doc.line(line.trim_end().to_string());
    if !rest.is_empty() {
        doc.line(String::new());
        for l in rest {
            doc.line(if l.is_empty() { l } else { format!("  {l}") });
        }
        doc.line(String::new());
    }
}

/// `pub mod operations`: one `OperationInfo` per operation, and `ALL`.
pub fn emit_infos(plan: &Plan<'_>, rt: &syn::Path) -> TokenStream {
    let consts = plan.ops.iter().map(|o| {
        let op = o.op;
        let name = ident(&o.const_name);
        let doc = op_doc(plan, op, Site::Sibling).tokens();
        let mut params: Vec<TokenStream> = op
            .params
            .iter()
            .filter_map(|p| {
                // The runtime's const constructors: one short call per parameter.
                let (wire, required) = (&p.name, p.required);
                Some(match p.location? {
                    Location::Path => quote!(#rt::plumbing::ParamInfo::path(#wire)),
                    Location::Query => quote!(#rt::plumbing::ParamInfo::query(#wire, #required)),
                    Location::Header => quote!(#rt::plumbing::ParamInfo::header(#wire, #required)),
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
                params.push(quote!(#rt::plumbing::ParamInfo::path(#ph)));
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
            pub const #name: #rt::plumbing::OperationInfo = #rt::plumbing::OperationInfo {
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
            pub const ALL: &[&#rt::plumbing::OperationInfo] = &[#(&#all),*];
        }
    }
}

fn arg_doc(doc: &mut Doc, plan: &Plan<'_>, o: &Op<'_>, with_query: bool, with_body: bool) {
    let env = plan.env(Site::Root).with_version(&o.op.version);
    if o.args.is_empty() && !with_query && !with_body {
        return;
    }
    doc.para("Arguments:");
    for a in &o.args {
        let kind = if a.location == Location::Header {
            "header"
        } else {
            "path parameter"
        };
        let head = format!(
            "- `{}`: {kind} {}.",
            crate::ident::unraw(&a.rust),
            code(&a.wire)
        );
        match a.field {
            Some(f) => item(
                doc,
                &head,
                &f.description,
                "",
                &env.with_values(&f.enum_values),
            ),
            None => {
                doc.line(head);
            }
        }
    }
    if with_query {
        doc.line("- `query`: the query parameters.");
    }
    if with_body {
        doc.line("- `body`: the request body.");
    }
}

/// `# Example`: the document's example request written with the generated API (see
/// [`crate::examples`]), and what of it the code converts or leaves out.
fn example_doc(doc: &mut Doc, plan: &Plan<'_>, o: &Op<'_>) {
    let Ok(ex) = crate::examples::example(plan, o) else {
        return;
    };
    let krate = syn::parse_str::<syn::Path>(&plan.links.example_crate)
        .unwrap_or_else(|_| syn::parse_quote!(crate));
    let lines = ex.doc_lines(&krate);
    if lines.is_empty() {
        return;
    }
    doc.para("# Example");
    doc.para(format!(
        "The document's example request ({}), written with this crate:",
        code(&ex.source)
    ));
    doc.para("```rust,ignore");
    for l in lines {
        doc.line(l);
    }
    doc.line("```");
    let shown: Vec<_> = ex
        .notes
        .iter()
        .filter(|n| n.kind != crate::examples::NoteKind::Placeholder)
        .collect();
    if !shown.is_empty() {
        doc.para("Values of the document's example the code converts or leaves out:");
        for n in shown {
            doc.line(format!(
                "- {} ({}): {}",
                code(&n.at),
                n.kind.word(),
                n.reason
            ));
        }
    }
}

/// A required text argument takes anything that reads as text (`&str`, `String`, `&String`);
/// the others are typed as [`Pass`] decides.
pub(crate) fn arg_type(plan: &Plan<'_>, a: &Arg<'_>, rt: &syn::Path) -> TokenStream {
    if a.required && Pass::of(&a.ty) == Pass::Str {
        return quote!(impl ::std::convert::AsRef<str>);
    }
    let t = arg_tokens(&a.ty, plan.scope(Ctx::Root), rt);
    let option = &plan.root_std.option;
    if a.required {
        t
    } else {
        quote!(#option<#t>)
    }
}

/// What the methods of one operation share: the arguments and the attributes.
struct Sig {
    arg_names: Vec<syn::Ident>,
    arg_types: Vec<TokenStream>,
    /// `&models::<Op>Query`, for operations with query parameters.
    query_ty: Option<TokenStream>,
    body_ty: Option<TokenStream>,
    /// `#[allow(clippy::too_many_arguments)]` when needed.
    many: Option<TokenStream>,
    deprecated: Option<TokenStream>,
    allow_deprecated: Option<TokenStream>,
}

impl Sig {
    fn new(plan: &Plan<'_>, o: &Op<'_>, rt: &syn::Path) -> Self {
        let n_args =
            o.args.len() + usize::from(o.query.is_some()) + usize::from(o.body.is_some()) + 1;
        let deprecated = o.op.deprecated;
        Sig {
            arg_names: o.args.iter().map(|a| ident(&a.rust)).collect(),
            arg_types: o.args.iter().map(|a| arg_type(plan, a, rt)).collect(),
            query_ty: o.query.as_deref().map(|q| {
                let q = ident(q);
                quote!(&models::#q)
            }),
            body_ty: o
                .body
                .as_ref()
                .map(|b| arg_tokens(&FieldType::plain(b), plan.scope(Ctx::Root), rt)),
            many: crate::types::allow_many_args(n_args),
            deprecated: deprecated
                .then(|| quote!(#[deprecated(note = "deprecated in the API reference")])),
            allow_deprecated: deprecated.then(|| quote!(#[allow(deprecated)])),
        }
    }

    /// `query: …, body: …,` after the path and header arguments.
    fn trailing_params(&self) -> TokenStream {
        let query = self.query_ty.as_ref().map(|t| quote!(query: #t,));
        let body = self.body_ty.as_ref().map(|t| quote!(body: #t,));
        quote!(#query #body)
    }
}

/// The methods of one operation on the client: build the request, stream the pages (list
/// operations), send.
pub fn emit_methods(plan: &Plan<'_>, o: &Op<'_>, rt: &syn::Path) -> TokenStream {
    let sig = Sig::new(plan, o, rt);
    let request = request_method(plan, o, &sig, rt);
    let stream = stream_method(plan, o, &sig, rt);
    let send = send_method(plan, o, &sig, rt);
    quote! {
        #request
        #stream
        #send
    }
}

/// `<op>_request`: the runtime's `Request`, built without sending.
fn request_method(plan: &Plan<'_>, o: &Op<'_>, sig: &Sig, rt: &syn::Path) -> TokenStream {
    let StdPaths { vec, result, .. } = plan.std(Ctx::Root);
    let request_method = ident(&o.request_method);
    let const_name = ident(&o.const_name);
    let Sig {
        arg_names,
        arg_types,
        deprecated,
        many,
        ..
    } = sig;
    let params = sig.trailing_params();
    let (headers_mut, headers_init, optional_headers) = headers(plan, o);
    let path_params = pairs_init(
        plan,
        o.args
            .iter()
            .filter(|a| a.location == Location::Path)
            .map(|a| {
                let wire = &a.wire;
                let value = owned_text(a);
                quote!((#wire, #value))
            })
            .collect(),
    );
    let query_value = match &o.query {
        Some(_) => quote!(#rt::plumbing::query_pairs(query)?),
        None => quote!(#vec::new()),
    };
    let body_value = match &o.body {
        Some(b) if Pass::of(&FieldType::plain(b)).is_unsized() => {
            quote!(Some(#rt::plumbing::to_body(&body)?))
        }
        Some(_) => quote!(Some(#rt::plumbing::to_body(body)?)),
        None => quote!(None),
    };
    let doc = format!(
        " Builds the `{}` request without sending it (`{}` sends it).",
        o.op.name,
        crate::ident::unraw(&o.method)
    );
    quote! {
        #[doc = #doc]
        #deprecated
        #many
        pub fn #request_method(&self, #(#arg_names: #arg_types,)* #params) -> #result<#rt::plumbing::Request, #rt::Error> {
            let #headers_mut headers = #headers_init;
            #(#optional_headers)*
            Ok(#rt::plumbing::Request {
                operation: &operations::#const_name,
                path_params: #path_params,
                query: #query_value,
                headers,
                body: #body_value,
            })
        }
    }
}

/// A required path or header argument as the text the request carries.
fn owned_text(a: &Arg<'_>) -> TokenStream {
    let n = ident(&a.rust);
    if Pass::of(&a.ty) == Pass::Str {
        quote!(#n.as_ref().to_owned())
    } else {
        quote!(#n.to_string())
    }
}

/// `Vec::new()`, or `vec![…]` of the given pairs.
fn pairs_init(plan: &Plan<'_>, pairs: Vec<TokenStream>) -> TokenStream {
    let vec = plan.root_std.vec;
    if pairs.is_empty() {
        quote!(#vec::new())
    } else {
        quote!(::std::vec![#(#pairs),*])
    }
}

/// The header list of a request: required headers in its initializer, optional ones pushed
/// when set (then the list is `mut`).
fn headers(plan: &Plan<'_>, o: &Op<'_>) -> (Option<TokenStream>, TokenStream, Vec<TokenStream>) {
    let string = plan.root_std.string;
    let headers: Vec<&Arg> = o
        .args
        .iter()
        .filter(|a| a.location == Location::Header)
        .collect();
    let required = headers
        .iter()
        .filter(|a| a.required)
        .map(|a| {
            let wire = &a.wire;
            let value = owned_text(a);
            quote!((#string::from(#wire), #value))
        })
        .collect();
    let optional: Vec<TokenStream> = headers
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
    let headers_mut = (!optional.is_empty()).then(|| quote!(mut));
    (headers_mut, pairs_init(plan, required), optional)
}

/// `<op>`: builds the request and sends it.
fn send_method(plan: &Plan<'_>, o: &Op<'_>, sig: &Sig, rt: &syn::Path) -> TokenStream {
    let result = plan.root_std.result;
    let method = ident(&o.method);
    let request_method = ident(&o.request_method);
    let Sig {
        arg_names,
        arg_types,
        deprecated,
        allow_deprecated,
        many,
        ..
    } = sig;
    let params = sig.trailing_params();
    let query_arg = o.query.as_ref().map(|_| quote!(query,));
    let body_arg = o.body.as_ref().map(|_| quote!(body,));
    let response = match &o.response {
        Some(t) => tokens(&FieldType::plain(t), plan.scope(Ctx::Root), rt),
        None => quote!(()),
    };
    let mut doc = op_doc(plan, o.op, Site::Root);
    arg_doc(&mut doc, plan, o, o.query.is_some(), o.body.is_some());
    example_doc(&mut doc, plan, o);
    let doc = doc.tokens();
    quote! {
        #doc
        #deprecated
        #allow_deprecated
        #many
        pub fn #method(&self, #(#arg_names: #arg_types,)* #params)
            -> impl ::std::future::Future<Output = #result<#response, #rt::Error>> + '_
        {
            self.inner.send(self.#request_method(#(#arg_names,)* #query_arg #body_arg))
        }
    }
}

/// `<op>_stream` of a list operation: every item, page by page; nothing for other operations.
fn stream_method(plan: &Plan<'_>, o: &Op<'_>, sig: &Sig, rt: &syn::Path) -> Option<TokenStream> {
    let (name, page) = o.stream_method.as_ref().zip(o.page.as_ref())?;
    let result = plan.root_std.result;
    let name = ident(name);
    let request_method = ident(&o.request_method);
    let item = tokens(&page.item, plan.scope(Ctx::Root), rt);
    let page_ty = tokens(&FieldType::plain(&page.response), plan.scope(Ctx::Root), rt);
    let Sig {
        arg_names,
        arg_types,
        deprecated,
        allow_deprecated,
        many,
        query_ty,
        ..
    } = sig;
    // The fetch closure outlives the call: it owns copies of the arguments, and lends them to
    // each page's request, which is built before its future (a clone of the runtime client that
    // borrows nothing) is returned.
    let owned = o.args.iter().map(owned_copy);
    let call_args: Vec<TokenStream> = o.args.iter().map(lent).collect();
    let limit = if page.limit_text {
        quote!(::std::string::ToString::to_string(&limit))
    } else {
        quote!(i64::from(limit))
    };
    let set_limit = set_query(&page.limit_field, page.limit_option, limit);
    let query_ty = query_ty.clone().unwrap_or_default();
    let fetch = |position: TokenStream, set_position: TokenStream| {
        quote! {
            move |#position, limit| {
                #set_position
                #set_limit
                let request = client.#request_method(#(#call_args,)* &query);
                client.inner.clone().send_owned::<#page_ty>(request)
            }
        }
    };
    let (doc, walk) = page_walk(o, page, rt, fetch);
    Some(quote! {
        #[doc = #doc]
        #deprecated
        #allow_deprecated
        #many
        pub fn #name(&self, #(#arg_names: #arg_types,)* query: #query_ty, page_size: u32)
            -> impl #rt::futures_core::Stream<Item = #result<#item, #rt::Error>>
        {
            let client = self.clone();
            let mut query = query.clone();
            #(#owned)*
            #walk
        }
    })
}

/// The stream's doc and the runtime walk over the pages: by offset, or by marker from the reply
/// or from the last item. `fetch(position, set_position)` is the closure fetching one page.
fn page_walk(
    o: &Op<'_>,
    page: &PagePlan,
    rt: &syn::Path,
    fetch: impl Fn(TokenStream, TokenStream) -> TokenStream,
) -> (String, TokenStream) {
    match &page.by {
        PageBy::Offset { field, option } => {
            let set_offset = set_query(
                field,
                *option,
                quote!(i64::try_from(offset).unwrap_or(i64::MAX)),
            );
            let fetch = fetch(quote!(offset), set_offset);
            (
                format!(
                    " Every item of `{}`, fetched page by page (`offset`/`limit`, `page_size` items a page); stops on a short page or at the reported total.",
                    o.op.name
                ),
                quote!(#rt::plumbing::paginate(page_size, #fetch)),
            )
        }
        PageBy::Marker {
            field,
            option,
            from,
            wire,
        } => {
            let (how, by) = match from {
                MarkerFrom::Reply(_) => (
                    format!("each page starts at the marker the reply names (`{wire}`); stops when it names none"),
                    quote!(by_reply_marker),
                ),
                MarkerFrom::LastItem(_) => (
                    format!("each page starts after the `{wire}` of the last item before it; stops on a short page"),
                    quote!(by_item_marker),
                ),
            };
            let set_marker = set_query(field, *option, quote!(marker));
            let fetch = fetch(
                quote!(marker),
                quote! {
                    if let Some(marker) = marker {
                        #set_marker
                    }
                },
            );
            (
                format!(
                    " Every item of `{}`, fetched page by page (`marker`/`limit`, `page_size` items a page): {how}. The first page starts at the query's own `marker`, if any.",
                    o.op.name
                ),
                quote!(#rt::plumbing::Paging::new(page_size).#by(#fetch)),
            )
        }
    }
}

/// `let a = <owned copy of a>;` for a borrowed argument; nothing for one passed by value.
fn owned_copy(a: &Arg<'_>) -> TokenStream {
    let n = ident(&a.rust);
    let v = match (Pass::of(&a.ty), a.required) {
        (Pass::Copy, _) => return quote!(),
        (Pass::Str, true) => quote!(#n.as_ref().to_owned()),
        (Pass::Slice, true) => quote!(#n.to_vec()),
        (Pass::Ref, true) => quote!(#n.clone()),
        (Pass::Str, false) => quote!(#n.map(::std::borrow::ToOwned::to_owned)),
        (Pass::Slice, false) => quote!(#n.map(<[_]>::to_vec)),
        (Pass::Ref, false) => quote!(#n.cloned()),
    };
    quote!(let #n = #v;)
}

/// An owned copy lent back as the argument type.
fn lent(a: &Arg<'_>) -> TokenStream {
    let n = ident(&a.rust);
    match (Pass::of(&a.ty), a.required) {
        (Pass::Copy, _) => quote!(#n),
        (_, true) => quote!(&#n),
        (Pass::Ref, false) => quote!(#n.as_ref()),
        (_, false) => quote!(#n.as_deref()),
    }
}

/// `query.field = value;`, wrapped in `Some` for an optional field.
fn set_query(field: &str, option: bool, value: TokenStream) -> TokenStream {
    let f = ident(field);
    if option {
        quote!(query.#f = Some(#value);)
    } else {
        quote!(query.#f = #value;)
    }
}

/// The page's total as `u64`, from the first sibling that has a count field.
fn page_total(siblings: &[&PagePlan], option: &crate::prelude::StdPath) -> TokenStream {
    match siblings.iter().find_map(|p| p.total.as_ref()) {
        Some((total, true)) => {
            let total = ident(total);
            quote!(self.#total.and_then(|n| u64::try_from(n).ok()))
        }
        Some((total, false)) => {
            let total = ident(total);
            quote!(u64::try_from(self.#total).ok())
        }
        None => quote!(#option::None),
    }
}

/// `impl Page` for a list response: what every list operation with this response reads (its
/// count, its next marker).
pub fn emit_page(plan: &Plan<'_>, page: &PagePlan, rt: &syn::Path) -> TokenStream {
    let StdPaths {
        vec,
        option,
        string,
        ..
    } = plan.std(Ctx::Root);
    let scope = plan.scope(Ctx::Root);
    let resp = tokens(&FieldType::plain(&page.response), scope, rt);
    let item = tokens(&page.item, scope, rt);
    let items = ident(&page.items_field);
    let into_items = if page.items_option {
        quote!(self.#items.unwrap_or_default())
    } else {
        quote!(self.#items)
    };
    // The plans of the list operations with this response type.
    let siblings: Vec<&PagePlan> = plan
        .ops
        .iter()
        .filter_map(|o| o.page.as_ref())
        .filter(|p| p.response == page.response)
        .collect();
    let total_value = page_total(&siblings, &option);
    let next_marker = siblings
        .iter()
        .find_map(|p| match &p.by {
            PageBy::Marker {
                from: MarkerFrom::Reply(steps),
                ..
            } => Some(text_of(quote!(self), steps)),
            _ => None,
        })
        .map(|value| quote!(fn next_marker(&self) -> #option<#string> { #value }));
    let item_marker = siblings
        .iter()
        .find_map(|p| match &p.by {
            PageBy::Marker {
                from: MarkerFrom::LastItem(step),
                ..
            } => Some(text_of(quote!(item), std::slice::from_ref(step))),
            _ => None,
        })
        .map(|value| quote!(fn item_marker(item: &Self::Item) -> #option<#string> { #value }));
    quote! {
        impl #rt::plumbing::Page for #resp {
            type Item = #item;

            fn into_items(self) -> #vec<Self::Item> {
                #into_items
            }

            fn total(&self) -> #option<u64> {
                #total_value
            }

            #next_marker
            #item_marker
        }
    }
}
