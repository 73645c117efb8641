//! Runs the whole pipeline from the documents, for every service folder (`services/*`, a link to
//! the workspace's `spec/`): the vendored sources are scraped into a spec
//! (`apiref_scrape::scrape`), the spec is turned into the client (`apiref_codegen::generate`),
//! and both land in `OUT_DIR` with a test-support module generated from the client's own source,
//! and `services.rs`, which puts each service in a module and lists them all in `SERVICES`.
//!
//! The support module is read off the generated code (parsed with `syn`), not off the naming
//! rules of the generator, so it matches the client by construction: for every operation it
//! calls the generated typed method with arguments decoded from JSON, and for every schema it
//! round-trips JSON through the generated model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: apiref-tests: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(env("OUT_DIR")?);
    // `services` is a link to ../spec, so the packaged crate carries the documents too.
    let services = manifest.join("services");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", services.display());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&services)
        .map_err(|e| format!("{}: {e}", services.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join(apiref_scrape::service::MANIFEST).is_file())
        .collect();
    dirs.sort();
    let mut modules = Vec::new();
    let mut entries = Vec::new();
    for dir in &dirs {
        let (module, entry) = service(dir, &out)?;
        modules.push(module);
        entries.push(entry);
    }
    let file = quote! {
        #(#modules)*

        /// Every service folder of the workspace, scraped, generated and compiled.
        pub const SERVICES: &[crate::Service] = &[#(#entries),*];
    };
    write(
        &out.join("services.rs"),
        &prettyplease::unparse(
            &syn::parse2(file).map_err(|e| format!("services.rs does not parse: {e}"))?,
        ),
    )?;
    doc_examples(&manifest.join("../generated"), &out)
}

/// `examples.rs` for `tests/doc_examples.rs`: for every client crate under `generated/` (a
/// `Cargo.toml` and a `spec.yaml`), the examples its methods' docs show, generated from the
/// crate's spec for the crate's name (`apiref_codegen::examples_source`), in a module named after
/// the service, and `CRATES`, each crate's table. The test binary depends on every client crate
/// (a dev-dependency each).
fn doc_examples(generated: &Path, out: &Path) -> Result<(), String> {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(generated)
        .map_err(|e| format!("{}: {e}", generated.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|d| d.join("Cargo.toml").is_file() && d.join("spec.yaml").exists())
        .collect();
    crates.sort();
    let mut modules = Vec::new();
    let mut entries = Vec::new();
    for dir in &crates {
        println!(
            "cargo:rerun-if-changed={}",
            dir.join("Cargo.toml").display()
        );
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let package = manifest
            .lines()
            .find_map(|l| {
                let v = l.trim().strip_prefix("name")?.trim().strip_prefix('=')?;
                Some(v.trim().trim_matches('"').to_string())
            })
            .ok_or_else(|| format!("{}: no package name", dir.display()))?;
        let spec = apiref_codegen::load_spec(&dir.join("spec.yaml")).map_err(|e| e.to_string())?;
        let opts = apiref_codegen::Options {
            crate_name: Some(package.replace('-', "_")),
            ..apiref_codegen::Options::default()
        };
        let code = apiref_codegen::examples_source(&spec, &opts)
            .map_err(|e| format!("{package}: examples: {e}"))?;
        let file = format!("examples_{}.rs", package.replace('-', "_"));
        write(&out.join(&file), &code)?;
        let module = format_ident!("{}", spec.service.name.replace('-', "_"));
        let include = format!("/{file}");
        let doc = format!(" The examples of `{package}`.");
        modules.push(quote! {
            #[doc = #doc]
            pub mod #module {
                include!(concat!(env!("OUT_DIR"), #include));
            }
        });
        entries.push(quote!((#package, #module::EXAMPLES)));
    }
    let file = quote! {
        #(#modules)*

        /// Every client crate, with the examples of its docs.
        pub const CRATES: &[(&str, &[ExampleCase])] = &[#(#entries),*];
    };
    write(
        &out.join("examples.rs"),
        &prettyplease::unparse(
            &syn::parse2(file).map_err(|e| format!("examples.rs does not parse: {e}"))?,
        ),
    )
}

/// Scrapes and generates one service; returns its module and its `SERVICES` entry.
fn service(dir: &Path, out: &Path) -> Result<(TokenStream, TokenStream), String> {
    let service = apiref_scrape::ServiceDir::open(dir).map_err(|e| e.to_string())?;
    let scraped = apiref_scrape::scrape(&service);
    let spec = scraped.spec;
    let name = spec.service.name.clone();
    let client_name = spec.service.client_name();
    // Both serde directions: the support module decodes queries and bodies into the request
    // models and round-trips every schema.
    let opts = apiref_codegen::Options {
        serde_both: true,
        ..apiref_codegen::Options::default()
    };
    let code = apiref_codegen::generate(&spec, &opts)
        .map_err(|e| format!("{name}: cannot generate the client: {e}"))?;
    let spec_json =
        serde_json::to_string(&spec).map_err(|e| format!("cannot serialize the spec: {e}"))?;
    let file = syn::parse_file(&code).map_err(|e| format!("{name}: generated client: {e}"))?;
    let support = support(&file, &client_name)?;
    let support = prettyplease::unparse(
        &syn::parse2(support).map_err(|e| format!("support module does not parse: {e}"))?,
    );
    write(&out.join(format!("{name}_client.rs")), &code)?;
    write(&out.join(format!("{name}_spec.json")), &spec_json)?;
    write(&out.join(format!("{name}_support.rs")), &support)?;
    let module = format_ident!("{name}");
    let client = format_ident!("{client_name}");
    let client_file = format!("/{name}_client.rs");
    let support_file = format!("/{name}_support.rs");
    let spec_file = format!("/{name}_spec.json");
    let module_tokens = quote! {
        /// The client generated from the service folder's documents, and its test support.
        pub mod #module {
            /// The client, generated at build time from the spec scraped from the documents.
            #[allow(clippy::all, missing_docs, deprecated)]
            pub mod client {
                include!(concat!(env!("OUT_DIR"), #client_file));
            }

            /// Generated from the client's source: `call` (every typed method), `round_trip`
            /// (every model) and the lists `METHODS` and `SCHEMAS`.
            pub mod support {
                use super::client::{models, #client as Client};
                use crate::{CallError, CallInput, MethodMeta};

                include!(concat!(env!("OUT_DIR"), #support_file));
            }

            /// The spec the build script scraped from the documents.
            pub const SPEC_JSON: &str = include_str!(concat!(env!("OUT_DIR"), #spec_file));
        }
    };
    let entry = quote! {
        crate::Service {
            name: #name,
            spec_json: #module::SPEC_JSON,
            methods: #module::support::METHODS,
            schemas: #module::support::SCHEMAS,
            operations: #module::client::operations::ALL,
            call: #module::support::call_boxed,
            round_trip: #module::support::round_trip,
        }
    };
    Ok((module_tokens, entry))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set (run this through cargo)"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// One argument of a generated method.
enum Arg {
    /// A path parameter or header: wire name and the argument's type.
    Value {
        wire: String,
        ty: syn::Type,
    },
    Query(syn::Type),
    Body(syn::Type),
}

struct Method {
    op_name: String,
    ident: syn::Ident,
    args: Vec<Arg>,
    /// `None` when the method returns `()`.
    returns: Option<syn::Type>,
    deprecated: bool,
}

fn support(file: &syn::File, client_name: &str) -> Result<TokenStream, String> {
    let consts = operation_consts(file)?;
    let schemas = schema_structs(file)?;
    let methods = client_methods(file, &consts, client_name)?;

    let mut fns = Vec::new();
    let mut arms = Vec::new();
    let mut metas = Vec::new();
    for m in &methods {
        let fn_name = format_ident!("call_{}", m.ident);
        let method = &m.ident;
        let mut lets = Vec::new();
        let mut call_args = Vec::new();
        let mut path_wires = Vec::new();
        let (mut query_ty, mut body_ty) = (String::new(), String::new());
        for (i, a) in m.args.iter().enumerate() {
            let var = format_ident!("arg{i}");
            match a {
                Arg::Value { wire, ty } => {
                    path_wires.push(wire.clone());
                    let (l, c) = value_arg(&var, wire, ty)?;
                    lets.push(l);
                    call_args.push(c);
                }
                Arg::Query(ty) => {
                    let (owned, pass) = owned_type(ty, &var);
                    query_ty = quote!(#owned).to_string().replace(' ', "");
                    lets.push(quote!(let #var: #owned = input.query_as()?;));
                    call_args.push(pass);
                }
                Arg::Body(ty) => {
                    let (owned, pass) = owned_type(ty, &var);
                    body_ty = quote!(#owned).to_string().replace(' ', "");
                    lets.push(quote!(let #var: #owned = input.body_as()?;));
                    call_args.push(pass);
                }
            }
        }
        let call = quote!(client.#method(#(#call_args),*).await.map_err(CallError::Api)?);
        let body = match &m.returns {
            Some(_) => quote! {
                let out = #call;
                crate::to_json(&out)
            },
            // The method returns `()`.
            None => quote! {
                #call;
                Ok(::serde_json::Value::Null)
            },
        };
        if lets.is_empty() {
            // Nothing to decode: the input is not needed.
            lets.push(quote!(let _ = input;));
        }
        let allow = m.deprecated.then(|| quote!(#[allow(deprecated)]));
        fns.push(quote! {
            #allow
            async fn #fn_name(client: &Client, input: &CallInput) -> Result<::serde_json::Value, CallError> {
                #(#lets)*
                #body
            }
        });
        let op_name = &m.op_name;
        arms.push(quote!(#op_name => #fn_name(client, input).await,));
        let method_name = m.ident.to_string();
        let returns = match &m.returns {
            Some(t) => {
                let s = quote!(#t).to_string().replace(' ', "");
                quote!(Some(#s))
            }
            None => quote!(None),
        };
        let opt = |s: &str| {
            if s.is_empty() {
                quote!(None)
            } else {
                quote!(Some(#s))
            }
        };
        let (query, body) = (opt(&query_ty), opt(&body_ty));
        metas.push(quote! {
            MethodMeta {
                operation: #op_name,
                method: #method_name,
                path_args: &[#(#path_wires),*],
                query: #query,
                body: #body,
                returns: #returns,
            },
        });
    }

    let schema_arms = schemas.iter().map(|(schema, ty)| {
        let ty = format_ident!("{}", ty);
        quote!(#schema => crate::round_trip_as::<models::#ty>(json),)
    });
    let schema_names = schemas.keys();

    Ok(quote! {
        /// Every generated client method, in the client's order.
        pub const METHODS: &[MethodMeta] = &[#(#metas)*];

        /// Every spec schema that became a model struct.
        pub const SCHEMAS: &[&str] = &[#(#schema_names),*];

        /// Calls the generated method of `operation` with `input` decoded into its typed
        /// arguments, and returns the typed result as JSON (`null` for `()`).
        pub async fn call(client: &Client, operation: &str, input: &CallInput) -> Result<::serde_json::Value, CallError> {
            match operation {
                #(#arms)*
                other => Err(CallError::UnknownOperation(other.to_string())),
            }
        }

        /// [`call`] on the service's client made from `runtime`, for the `SERVICES` table.
        pub fn call_boxed<'a>(
            runtime: &'a ::huaweicloud_runtime::Client,
            operation: &'a str,
            input: &'a CallInput,
        ) -> crate::CallFuture<'a> {
            ::std::boxed::Box::pin(async move {
                call(&Client::new(runtime.clone()), operation, input).await
            })
        }

        /// Deserializes the JSON text `json` into the model of `schema` and serializes it back;
        /// `None` when the schema has no model.
        pub fn round_trip(schema: &str, json: &str) -> Option<Result<::serde_json::Value, ::serde_json::Error>> {
            Some(match schema {
                #(#schema_arms)*
                _ => return None,
            })
        }

        #(#fns)*
    })
}

/// The owned type to decode and how to pass it: `&T` → `T` passed as `&v`, `&[T]` → `Vec<T>`,
/// `&str` → `String`, other types by value.
fn owned_type(ty: &syn::Type, var: &syn::Ident) -> (TokenStream, TokenStream) {
    match ty {
        syn::Type::Reference(r) => match &*r.elem {
            syn::Type::Slice(s) => {
                let e = &s.elem;
                (quote!(::std::vec::Vec<#e>), quote!(&#var))
            }
            syn::Type::Path(p) if p.path.is_ident("str") => {
                (quote!(::std::string::String), quote!(&#var))
            }
            e => (quote!(#e), quote!(&#var)),
        },
        t => (quote!(#t), quote!(#var)),
    }
}

/// A path or header argument: strings are taken as they are, other types parsed from the text.
fn value_arg(
    var: &syn::Ident,
    wire: &str,
    ty: &syn::Type,
) -> Result<(TokenStream, TokenStream), String> {
    let text = quote!(input.path_value(#wire)?);
    if let syn::Type::Reference(r) = ty {
        if matches!(&*r.elem, syn::Type::Path(p) if p.path.is_ident("str")) {
            return Ok((quote!(let #var: &str = #text;), quote!(#var)));
        }
    }
    // `impl AsRef<str>`: the text itself.
    if matches!(ty, syn::Type::ImplTrait(_)) {
        return Ok((quote!(let #var: &str = #text;), quote!(#var)));
    }
    if let Some(inner) = option_inner(ty) {
        let (l, c) = value_arg(var, wire, inner)?;
        return Ok((l, quote!(Some(#c))));
    }
    Ok((
        quote!(let #var: #ty = #text.parse().map_err(|_| CallError::Path(#wire.to_string()))?;),
        quote!(#var),
    ))
}

fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn find_mod<'f>(file: &'f syn::File, name: &str) -> Result<&'f [syn::Item], String> {
    file.items
        .iter()
        .find_map(|i| match i {
            syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, c)| c.as_slice()),
            _ => None,
        })
        .ok_or_else(|| format!("generated client has no `mod {name}`"))
}

fn str_lit(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// `operations::CONST` → the operation name in its `OperationInfo`.
fn operation_consts(file: &syn::File) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for item in find_mod(file, "operations")? {
        let syn::Item::Const(c) = item else { continue };
        let syn::Expr::Struct(s) = &*c.expr else {
            continue;
        };
        let name = s.fields.iter().find_map(|f| match &f.member {
            syn::Member::Named(n) if n == "name" => str_lit(&f.expr),
            _ => None,
        });
        if let Some(name) = name {
            map.insert(c.ident.to_string(), name);
        }
    }
    if map.is_empty() {
        return Err("generated `mod operations` has no OperationInfo constants".into());
    }
    Ok(map)
}

/// Spec schema name (from the struct's "The `X` schema." doc line) → struct name.
fn schema_structs(file: &syn::File) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for item in find_mod(file, "models")? {
        let syn::Item::Struct(s) = item else { continue };
        for attr in &s.attrs {
            let syn::Meta::NameValue(nv) = &attr.meta else {
                continue;
            };
            if !nv.path.is_ident("doc") {
                continue;
            }
            let Some(doc) = str_lit(&nv.value) else {
                continue;
            };
            let doc = doc.trim();
            if let Some(name) = doc
                .strip_prefix("The `")
                .and_then(|r| r.strip_suffix("` schema."))
            {
                map.insert(name.to_string(), s.ident.to_string());
            }
        }
    }
    Ok(map)
}

/// What a `<m>_request` builder tells: its operation constant, and the wire name of each
/// path/header argument.
struct RequestFacts {
    constant: String,
    wires: BTreeMap<String, String>,
}

fn request_facts(f: &syn::ImplItemFn) -> Result<Option<RequestFacts>, String> {
    let name = f.sig.ident.to_string();
    let Some(syn::Stmt::Expr(last, None)) = f.block.stmts.last() else {
        return Ok(None);
    };
    let syn::Expr::Call(call) = last else {
        return Ok(None);
    };
    let Some(syn::Expr::Struct(req)) = call.args.first() else {
        return Ok(None);
    };
    let mut facts = RequestFacts {
        constant: String::new(),
        wires: BTreeMap::new(),
    };
    for field in &req.fields {
        let syn::Member::Named(member) = &field.member else {
            continue;
        };
        if member == "operation" {
            if let syn::Expr::Reference(r) = &field.expr {
                if let syn::Expr::Path(p) = &*r.expr {
                    if let Some(last) = p.path.segments.last() {
                        facts.constant = last.ident.to_string();
                    }
                }
            }
        } else if member == "path_params" {
            tuples_into(&field.expr, &mut facts.wires)?;
        }
    }
    // Header arguments are pushed into `headers` before the struct: `(String::from("X"), v)`.
    for stmt in &f.block.stmts {
        if let syn::Stmt::Local(local) = stmt {
            if let Some(init) = &local.init {
                tuples_into(&init.expr, &mut facts.wires)?;
            }
        }
    }
    if facts.constant.is_empty() {
        return Err(format!("`{name}` does not name its operation constant"));
    }
    Ok(Some(facts))
}

/// Collects `(wire, arg.to_owned())` pairs of a `vec![…]`.
fn tuples_into(e: &syn::Expr, out: &mut BTreeMap<String, String>) -> Result<(), String> {
    let syn::Expr::Macro(m) = e else {
        return Ok(());
    };
    let items = m
        .mac
        .parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .map_err(|e| format!("unexpected vec! in a request builder: {e}"))?;
    for item in items {
        let syn::Expr::Tuple(t) = item else { continue };
        let (Some(wire), Some(value)) = (t.elems.first(), t.elems.get(1)) else {
            continue;
        };
        let wire = match wire {
            syn::Expr::Call(c) => c.args.first().and_then(str_lit),
            other => str_lit(other),
        };
        let arg = receiver_ident(value);
        if let (Some(wire), Some(arg)) = (wire, arg) {
            out.insert(arg, wire);
        }
    }
    Ok(())
}

/// The variable at the bottom of a method chain (`id` of `id.as_ref().to_owned()`).
fn receiver_ident(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::MethodCall(mc) => receiver_ident(&mc.receiver),
        syn::Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    }
}

fn client_methods(
    file: &syn::File,
    consts: &BTreeMap<String, String>,
    client_name: &str,
) -> Result<Vec<Method>, String> {
    let client = file
        .items
        .iter()
        .find_map(|i| match i {
            syn::Item::Impl(imp) if imp.trait_.is_none() => match &*imp.self_ty {
                syn::Type::Path(p) if p.path.is_ident(client_name) => Some(imp),
                _ => None,
            },
            _ => None,
        })
        .ok_or_else(|| format!("generated client has no `impl {client_name}`"))?;
    let fns: Vec<&syn::ImplItemFn> = client
        .items
        .iter()
        .filter_map(|i| match i {
            syn::ImplItem::Fn(f) => Some(f),
            _ => None,
        })
        .collect();
    let mut facts = BTreeMap::new();
    for f in &fns {
        let name = f.sig.ident.to_string();
        if let Some(base) = name.strip_suffix("_request") {
            if let Some(fact) = request_facts(f)? {
                facts.insert(base.to_string(), fact);
            }
        }
    }
    let mut methods = Vec::new();
    for f in &fns {
        let name = f.sig.ident.to_string();
        // A method without a `<m>_request` builder sends no request of its own (a waiter polls
        // through the operation methods, a stream through the builder): not an operation
        // method.
        let Some(fact) = facts.get(&name) else {
            continue;
        };
        let op_name = consts
            .get(&fact.constant)
            .ok_or_else(|| format!("`{name}` uses unknown constant {}", fact.constant))?
            .clone();
        let mut args = Vec::new();
        for input in f.sig.inputs.iter().skip(1) {
            let syn::FnArg::Typed(pt) = input else {
                continue;
            };
            let syn::Pat::Ident(pi) = &*pt.pat else {
                return Err(format!("`{name}` has a non-identifier argument"));
            };
            let arg = pi.ident.to_string();
            let ty = (*pt.ty).clone();
            args.push(match arg.as_str() {
                "query" => Arg::Query(ty),
                "body" => Arg::Body(ty),
                _ => Arg::Value {
                    wire: fact.wires.get(&arg).cloned().ok_or_else(|| {
                        format!(
                            "`{name}` argument `{arg}` is neither a path parameter nor a header"
                        )
                    })?,
                    ty,
                },
            });
        }
        let returns = match &f.sig.output {
            syn::ReturnType::Type(_, t) => future_output(t).and_then(result_ok_type),
            syn::ReturnType::Default => None,
        };
        let deprecated = f.attrs.iter().any(|a| a.path().is_ident("deprecated"));
        methods.push(Method {
            op_name,
            ident: f.sig.ident.clone(),
            args,
            returns,
            deprecated,
        });
    }
    Ok(methods)
}

/// `X` of `impl Future<Output = X> + '_`, what an operation method returns.
fn future_output(t: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::ImplTrait(i) = t else {
        return None;
    };
    i.bounds.iter().find_map(|b| {
        let syn::TypeParamBound::Trait(tb) = b else {
            return None;
        };
        let last = tb.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
            return None;
        };
        a.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::AssocType(at) if at.ident == "Output" => Some(&at.ty),
            _ => None,
        })
    })
}

/// `T` of `Result<T, E>`; `None` for `()`.
fn result_ok_type(t: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(p) = t else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    match a.args.first()? {
        syn::GenericArgument::Type(syn::Type::Tuple(t)) if t.elems.is_empty() => None,
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}
