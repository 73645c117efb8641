//! Waiters: `pub mod waiters` (a runtime `WaiterInfo` constant per waiter of the spec) and the client's
//! `wait_until_<name>` methods, which hand the runtime's one polling loop (`wait_until`) a read
//! of the resource and a way to its status. Nothing is generated per operation by hand: every
//! waiter comes from the spec's `waiters`, which the scraper finds.
//!
//! A method takes the read operation's arguments (path parameters, documented headers), the id
//! of the resource for a list read, and a `&WaitPolicy`; it returns the resource (the reply, or
//! the matching item of the list) once its status is a success value, or a `WaitError` that
//! keeps the last resource read. A list read is made with the operation's page stream when it
//! has one (stopping at the page that holds the resource), else in one call, with the default
//! query (a waiter's read takes no required query parameter).

use apiref_spec::{Location, Spec, TypeRef, Waiter};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, Doc};
use crate::ident::ident;
use crate::plan::waiters::{Step, WaiterPlan};
use crate::plan::Plan;
use crate::types::{tokens, Ctx, FieldType, Pass};
use crate::validate::{Anchor, Issue};

/// The problems of the spec's waiters.
pub fn check(spec: &Spec, issues: &mut Vec<Issue>) {
    let mut names = std::collections::BTreeSet::new();
    for w in &spec.waiters {
        let at = vec![
            Anchor::Top("waiters"),
            Anchor::Pair {
                key: "name",
                value: w.name.clone(),
                nth: 1,
            },
        ];
        let mut fail = |message: String| {
            issues.push(Issue {
                anchors: at.clone(),
                message: format!("waiter `{}`: {message}", w.name),
            })
        };
        let name_ok = w.name.starts_with(|c: char| c.is_ascii_lowercase())
            && w.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !name_ok {
            fail("a waiter name is snake_case (a-z, 0-9, `_`)".into());
        }
        if !names.insert(w.name.as_str()) {
            fail("duplicate name".into());
        }
        if let Err(e) = check_waiter(spec, w) {
            fail(e);
        }
    }
}

fn check_waiter(spec: &Spec, w: &Waiter) -> Result<(), String> {
    let op = spec
        .operations
        .iter()
        .find(|o| o.name == w.operation)
        .ok_or_else(|| format!("unknown operation `{}`", w.operation))?;
    if op.method != "GET" {
        return Err(format!("`{}` is a {}, not a GET", op.name, op.method));
    }
    if let Some(p) = op
        .params
        .iter()
        .find(|p| p.location == Some(Location::Query) && p.required)
    {
        return Err(format!(
            "`{}` takes the required query parameter `{}`; a waiter reads with the default query",
            op.name, p.name
        ));
    }
    let reply = op
        .responses
        .iter()
        .filter(|r| (200..300).contains(&r.status))
        .find_map(|r| r.body.as_deref())
        .ok_or_else(|| format!("`{}` has no reply body", op.name))?;
    let resource = if w.items.is_empty() {
        if w.id.is_some() {
            return Err("`id` without `items`".into());
        }
        reply.to_string()
    } else {
        let array = field_type(spec, reply, &w.items)?;
        match array {
            TypeRef::Array(t) => match *t {
                TypeRef::Named(n) => n,
                _ => return Err("`items` is not an array of objects".into()),
            },
            _ => return Err("`items` is not an array of objects".into()),
        }
    };
    if !w.items.is_empty() {
        let id = w.id.as_ref().ok_or("`items` without `id`")?;
        field_type(spec, &resource, std::slice::from_ref(id))?;
    }
    match field_type(spec, &resource, &w.status)? {
        TypeRef::String | TypeRef::Integer | TypeRef::Long => {}
        other => return Err(format!("the status is a `{other}`, not text or an integer")),
    }
    if w.success.is_empty() {
        return Err("no `success` value".into());
    }
    if let Some(v) = w.success.iter().find(|v| w.failure.contains(v)) {
        return Err(format!("`{v}` is both a success and a failure value"));
    }
    if let Some(s) = w
        .started_by
        .iter()
        .find(|s| !spec.operations.iter().any(|o| &o.name == *s))
    {
        return Err(format!("`started_by`: unknown operation `{s}`"));
    }
    Ok(())
}

/// The type at the end of `path` from `schema`, through objects.
fn field_type(spec: &Spec, schema: &str, path: &[String]) -> Result<TypeRef, String> {
    if path.is_empty() {
        return Err("an empty field path".into());
    }
    let mut at = TypeRef::Named(schema.to_string());
    for name in path {
        let TypeRef::Named(s) = &at else {
            return Err(format!("`{name}`: not inside an object"));
        };
        let field = spec
            .schemas
            .get(s)
            .and_then(|s| s.fields.iter().find(|f| &f.name == name))
            .ok_or_else(|| format!("`{s}` has no field `{name}`"))?;
        at = field
            .type_ref()
            .map_err(|e| format!("field `{name}`: {e}"))?;
    }
    Ok(at)
}

/// Where the status is, for messages: `server.status`, `tasks[].status`.
fn status_text(w: &Waiter) -> String {
    w.items
        .iter()
        .map(|i| format!("{i}[]"))
        .chain(w.status.iter().cloned())
        .collect::<Vec<_>>()
        .join(".")
}

fn values_text(values: &[String]) -> String {
    if values.is_empty() {
        return "none".into();
    }
    values
        .iter()
        .map(|v| code(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `` `RUNNING` `` or `` one of `ACTIVE`, `SHUTOFF` ``.
fn one_of(values: &[String]) -> String {
    match values {
        [one] => code(one),
        _ => format!("one of {}", values_text(values)),
    }
}

/// `pub mod waiters` and the re-exports a caller needs; nothing when the client has no waiter.
pub fn emit_infos(plan: &Plan<'_>, rt: &syn::Path) -> TokenStream {
    if plan.waiters.is_empty() {
        return TokenStream::new();
    }
    let consts = plan.waiters.iter().map(|p| {
        let w = p.waiter;
        let name = ident(&p.const_name);
        let mut doc = Doc::new();
        doc.para(format!(
            "Waits until {} of `{}` is {} (`wait_until_{}`).",
            code(&status_text(w)),
            w.operation,
            one_of(&w.success),
            w.name
        ));
        doc.para(format!("Fails on: {}.", values_text(&w.failure)));
        let doc = doc.tokens();
        let (wire, op, status) = (&w.name, &w.operation, status_text(w));
        let (success, failure) = (&w.success, &w.failure);
        quote! {
            #doc
            pub const #name: #rt::plumbing::WaiterInfo = #rt::plumbing::WaiterInfo {
                name: #wire,
                operation: #op,
                status: #status,
                success: &[#(#success),*],
                failure: &[#(#failure),*],
            };
        }
    });
    let all = plan.waiters.iter().map(|p| ident(&p.const_name));
    quote! {
        /// What each `wait_until_…` method of the client polls, and which status values end it
        /// (from the spec's `waiters`).
        pub mod waiters {
            #(#consts)*

            /// Every waiter, in the order of the operations they poll.
            pub const ALL: &[&#rt::plumbing::WaiterInfo] = &[#(&#all),*];
        }

        pub use #rt::{WaitError, WaitPolicy};
    }
}

/// The `wait_until_…` methods of the client.
pub fn emit_methods(plan: &Plan<'_>, rt: &syn::Path) -> TokenStream {
    plan.waiters.iter().map(|w| method(plan, w, rt)).collect()
}

/// The doc of a waiter's method.
fn method_doc(plan: &Plan<'_>, p: &WaiterPlan<'_>) -> Doc {
    let w = p.waiter;
    let o = &plan.ops[p.op];
    let mut doc = Doc::new();
    let what = if w.items.is_empty() {
        "the resource".to_string()
    } else {
        format!(
            "the item of {} whose {} is `{}`",
            code(&w.items.join(".")),
            code(w.id.as_deref().unwrap_or("id")),
            p.id.as_ref().map_or("id", |(_, a)| crate::ident::unraw(a))
        )
    };
    doc.para(format!(
        "Waits until {} of {what} is {}: reads it with [`{m}`](Self::{m}) (`{}`), first at once, then after the delays of `policy`, and returns it.",
        code(&w.status.join(".")),
        one_of(&w.success),
        w.operation,
        m = crate::ident::unraw(&o.method),
    ));
    let pending = if w.pending.is_empty() {
        String::new()
    } else {
        format!(" (in progress: {})", values_text(&w.pending))
    };
    doc.para(format!(
        "Fails at once on {} ([`WaitError::Failed`], with the resource read); any other \
         value{pending} keeps the wait going until the policy's timeout \
         ([`WaitError::TimedOut`], with the last resource read). A failed read ends the wait \
         ([`WaitError::Request`]).",
        values_text(&w.failure),
    ));
    if !w.items.is_empty() {
        doc.para(match p.page_size {
            Some(n) => format!(
                "The list is read page by page ({n} items a page) up to the page that holds the \
                 resource; until it is listed, the wait goes on."
            ),
            None => "The list is read in one call; until the resource is listed, the wait goes \
                     on."
            .to_string(),
        });
    }
    if !p.started_by.is_empty() {
        let links: Vec<String> = p
            .started_by
            .iter()
            .map(|m| {
                let m = crate::ident::unraw(m);
                format!("[`{m}`](Self::{m})")
            })
            .collect();
        doc.para(format!(
            "The id comes from the reply of: {}.",
            links.join(", ")
        ));
    }
    let basis = match w.decided_by {
        apiref_spec::WaiterBasis::Documents => "the documents' descriptions of the values",
        apiref_spec::WaiterBasis::Manifest => "the service manifest",
    };
    doc.para(format!(
        "The values that end the wait are from {basis} ({}).",
        code(&w.source)
    ));
    doc
}

fn method(plan: &Plan<'_>, p: &WaiterPlan<'_>, rt: &syn::Path) -> TokenStream {
    let o = &plan.ops[p.op];
    let scope = plan.scope(Ctx::Root);
    let result = plan.root_std.result;
    let name = ident(&p.method);
    let info = ident(&p.const_name);
    let resource = tokens(&FieldType::plain(&p.resource), scope, rt);
    // The operation's arguments; text as `impl AsRef<str>`, lent to every read as `&str`.
    let arg_names: Vec<syn::Ident> = o.args.iter().map(|a| ident(&a.rust)).collect();
    let arg_types: Vec<TokenStream> = o
        .args
        .iter()
        .map(|a| crate::operations::arg_type(plan, a, rt))
        .collect();
    let as_str = o
        .args
        .iter()
        .filter(|a| a.required && Pass::of(&a.ty) == Pass::Str)
        .map(|a| {
            let n = ident(&a.rust);
            quote!(let #n = #n.as_ref();)
        });
    let (id_param, id_as_str) = match &p.id {
        Some((_, arg)) => {
            let n = ident(arg);
            (
                Some(quote!(#n: impl ::std::convert::AsRef<str>,)),
                Some(quote!(let #n = #n.as_ref();)),
            )
        }
        None => (None, None),
    };
    let query = o.query.as_deref().map(|q| {
        let q = ident(q);
        quote!(&<models::#q as ::std::default::Default>::default(),)
    });
    let status = text_of(quote!(resource), &p.status);
    let read = read_closure(plan, p, &arg_names, query.as_ref(), &resource, rt);
    let allow_deprecated = o.op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let many = crate::types::allow_many_args(o.args.len() + usize::from(p.id.is_some()) + 2);
    let doc = method_doc(plan, p).tokens();
    quote! {
        #doc
        #allow_deprecated
        #many
        pub async fn #name(
            &self,
            #(#arg_names: #arg_types,)*
            #id_param
            policy: &#rt::WaitPolicy,
        ) -> #result<#resource, #rt::WaitError<#resource>> {
            #(#as_str)*
            #id_as_str
            #rt::plumbing::wait_until(
                &waiters::#info,
                policy,
                #read,
                |resource: &#resource| #status,
            )
            .await
        }
    }
}

/// The closure that reads the resource once: the read operation's reply, or the item of its
/// list whose id is the caller's (through the page stream when the list has one).
fn read_closure(
    plan: &Plan<'_>,
    p: &WaiterPlan<'_>,
    arg_names: &[syn::Ident],
    query: Option<&TokenStream>,
    resource: &TokenStream,
    rt: &syn::Path,
) -> TokenStream {
    let o = &plan.ops[p.op];
    let result = plan.root_std.result;
    let op_method = ident(&o.method);
    if p.items.is_empty() || p.id.is_none() {
        quote! {
            || async move {
                self.#op_method(#(#arg_names,)* #query).await.map(::std::option::Option::Some)
            }
        }
    } else {
        let Some((step, arg)) = &p.id else {
            return TokenStream::new();
        };
        let matches = id_is(quote!(item), step, &ident(arg));
        match (&o.stream_method, p.page_size) {
            (Some(stream), Some(size)) => {
                let stream = ident(stream);
                quote! {
                    || async move {
                        #rt::plumbing::find_item(
                            self.#stream(#(#arg_names,)* #query #size),
                            |item: &#resource| #matches,
                        )
                        .await
                    }
                }
            }
            _ => {
                let items = owned_items(quote!(reply), &p.items);
                quote! {
                    || async move {
                        let reply = self.#op_method(#(#arg_names,)* #query).await?;
                        #result::Ok(#items.into_iter().find(|item: &#resource| #matches))
                    }
                }
            }
        }
    }
}

/// The field at the end of `steps` from the reference `from`: `(expr, true)` for an
/// `Option<&T>` (`resource.server.as_ref().and_then(|v| v.status.as_ref())`), `(expr, false)`
/// for a place of type `T`. Text at the end is lent as `&str` when `text_as_str`.
fn lend(from: TokenStream, steps: &[Step], text_as_str: bool) -> (TokenStream, bool) {
    let mut expr = from;
    let mut option = false;
    for (i, s) in steps.iter().enumerate() {
        let f = ident(&s.rust);
        let last = i + 1 == steps.len();
        let access = if s.boxed || (last && s.text && text_as_str) {
            quote!(as_deref)
        } else {
            quote!(as_ref)
        };
        expr = match (option, s.option) {
            (false, true) => quote!(#expr.#f.#access()),
            (false, false) => quote!(#expr.#f),
            (true, true) => quote!(#expr.and_then(|v| v.#f.#access())),
            (true, false) => quote!(#expr.map(|v| &v.#f)),
        };
        option |= s.option;
    }
    (expr, option)
}

/// `Option<String>`: the text of the value at the end of `steps` from the reference `from`
/// (text is cloned, other values are formatted): a waiter's status, a list's next marker.
pub(crate) fn text_of(from: TokenStream, steps: &[Step]) -> TokenStream {
    let Some((last, through)) = steps.split_last() else {
        return quote!(::std::option::Option::None);
    };
    if last.text {
        let f = ident(&last.rust);
        let (expr, option) = lend(from, through, false);
        return match (option, last.option) {
            (false, true) => quote!(#expr.#f.clone()),
            (false, false) => quote!(::std::option::Option::Some(#expr.#f.clone())),
            (true, true) => quote!(#expr.and_then(|v| v.#f.clone())),
            (true, false) => quote!(#expr.map(|v| v.#f.clone())),
        };
    }
    match lend(from, steps, false) {
        (expr, true) => quote!(#expr.map(::std::string::ToString::to_string)),
        (expr, false) => {
            quote!(::std::option::Option::Some(::std::string::ToString::to_string(&#expr)))
        }
    }
}

/// `bool`: whether the id at the end of `step` from the reference `from` is the text `arg`.
fn id_is(from: TokenStream, step: &Step, arg: &syn::Ident) -> TokenStream {
    let some = quote!(::std::option::Option::Some(#arg));
    match lend(from, std::slice::from_ref(step), true) {
        (expr, true) if step.text => quote!(#expr == #some),
        (expr, true) => quote!(#expr.map(::std::string::ToString::to_string).as_deref() == #some),
        (expr, false) => quote!(::std::string::ToString::to_string(&#expr) == #arg),
    }
}

/// `Vec<Item>`: the array at the end of `steps`, taken out of the owned reply `from` (empty when
/// a field on the way is absent).
fn owned_items(from: TokenStream, steps: &[Step]) -> TokenStream {
    let mut expr = from;
    let mut option = false;
    for s in steps {
        let f = ident(&s.rust);
        expr = match (option, s.option) {
            (false, _) => quote!(#expr.#f),
            (true, true) => quote!(#expr.and_then(|v| v.#f)),
            (true, false) => quote!(#expr.map(|v| v.#f)),
        };
        option |= s.option;
        if s.boxed {
            expr = if option {
                quote!(#expr.map(|b| *b))
            } else {
                quote!((*#expr))
            };
        }
    }
    if option {
        quote!(#expr.unwrap_or_default())
    } else {
        expr
    }
}
