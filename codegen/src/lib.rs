//! Spec → Rust source: the generator of typed API clients, for any service's spec.
//!
//! One library behind three front ends: a client crate's build script ([`build_script`]) and the
//! `apiref` CLI call [`load_spec`] then [`generate`]; the proc macro calls [`generate_tokens`]. The output is
//! deterministic (same spec and options, same bytes).
//!
//! # What is generated
//! - `pub mod models`: a struct per schema and per operation's query parameters (`<Op>Query`),
//!   and an enum per enumerated field (shared by fields with the same name and values).
//! - `pub mod operations`: an `OperationInfo` constant per operation (`COPY_INSTANCE`) and `ALL`.
//! - `pub mod error_codes`: `ErrorCode` (the reference's error-code table) and `ErrorBody`.
//! - The client type (the spec's `service.client`, by default `<Name>Client`): per operation
//!   `<op>_request` (build without sending),
//!   `<op>` (send), and for list operations `<op>_stream` (all items, page by page).
//! - With [`Options::mock`] (a client crate's `mock` feature): `pub mod mock`, `<Service>Mock`,
//!   a test double of the client with a typed stub method per operation, backed by the
//!   runtime's in-process transport (see the runtime's `mock` module).
//!
//! # Policies
//! - **Response tolerance**: a schema reachable from any response is a *response model*: every
//!   field is `Option<T>`, including those the document calls required, so a reply that omits one
//!   still parses (`None`). Unknown fields are ignored. Optional scalars are read leniently
//!   (the runtime's `lenient` readers): a number or boolean where the document says text, numeric
//!   text where it says a number, `"true"`/`"false"` where it says boolean, since servers and the
//!   documents' own examples send them; they serialize in the documented type.
//! - **Building values**: every model is `#[non_exhaustive]`, so a field a new edition adds
//!   breaks no caller. Request bodies and queries have `builder()` (see `builders`): a setter per
//!   field taking `impl Into<T>` (lists: any iterable of such items), and `build()`, which fails
//!   naming a required field left unset. Models found only in responses have `new()` and
//!   `with_<field>` setters, for callers' tests. Request-only schemas keep required fields as
//!   plain `T`.
//! - **Enums** keep unlisted values in `Unknown(String)` / `Unknown(i64)`; a listed value whose
//!   name would be `Unknown` becomes `Unknown2`.
//! - **Secrets** (see [`is_sensitive`]) print as `REDACTED` in a hand-written `Debug`.
//! - **Pagination**: a list operation gets `<op>_stream(…, query, page_size)` and an
//!   `impl Page`. An *offset* list has no body, integer `offset` and `limit` query parameters,
//!   and a response with exactly one array plus an integer count field (`count`, `total*`,
//!   `*_count`, `*_num`). A *marker* list has no body, a text `marker` and a `limit` (integer,
//!   or a number typed as text), and a response with exactly one array of named models (arrays
//!   of links aside); its next marker is a response field whose name contains `marker` (top
//!   level or one level down, like `page_info.next_marker`), else the last item's field that
//!   the `marker` parameter's description names (`The value is request_id`), else its `id`;
//!   without one, no stream (see `plan::pages`).
//! - **Responses**: the method returns the body type of the first 2xx response that has one,
//!   else `()`; other statuses are the runtime's `Error::Api`.
//! - **Numbers**: `integer` and `long` are `i64`, `float`/`double`/`number` are `f64` (documents
//!   label 64-bit values `Integer`); types holding floats derive `PartialEq` only, others `Eq` too.
//! - **Names**: std types are written with absolute paths, so schemas named `Result`, `Option` or
//!   `Box` keep their names; see [`ident`] for keywords, digits and collisions.
//! - **Headers** the runtime sets (`X-Auth-Token`, `Content-Type`, …; its `RUNTIME_HEADERS`)
//!   are not method arguments; `{project_id}` is filled by the runtime.
//! - **Endpoint**: `pub const SERVICE` holds the spec's service name and endpoint template; the
//!   client's `new` binds the runtime client to it, and the runtime resolves the endpoint
//!   (explicit override, the service's environment variable, or the template in the region).
//! - **Dependencies**: generated code needs only the runtime crate; it uses the runtime's
//!   re-exports of `serde` (with `#[serde(crate = "…")]`), `serde_json` and `futures_core`, and
//!   its hand-written helpers (`lenient`, `paginate`, `query_pairs`, …), so no fixed code is
//!   copied into every client.
//!
//! # Layout
//! `plan` (a module of its own per question: schema graph, enums, models, operations,
//! pages) decides every name and shape; `types` writes spec types as Rust types and decides how
//! each argument is passed; `models`, `enums`, `operations` and `error_codes` emit tokens from
//! the plan; `assemble` formats them on several threads: `print` writes the shapes it knows
//! (most items) straight from the tokens, as prettyplease would, and prettyplease the rest.
#![forbid(unsafe_code)]

mod assemble;
pub mod build_script;
mod builders;
pub mod diff;
mod docs;
mod docs_report;
mod enums;
mod error;
mod error_codes;
mod examples;
mod features;
pub mod ident;
mod markdown;
mod mock;
mod models;
mod operations;
mod plan;
mod prelude;
mod print;
mod sensitive;
mod types;
mod validate;
mod waiters;

use std::path::Path;

use apiref_spec::Spec;
use proc_macro2::TokenStream;
use quote::quote;

pub use error::CodegenError;
pub use features::{
    enabled_groups, feature_env_var, features_block, group_features, update_manifest, GroupFeature,
    FULL_FEATURE,
};
pub use sensitive::is_sensitive;

pub use docs_report::{docs_report, DocsCounts, DOCS_REPORT_FILE};
pub use markdown::Stats as DescriptionStats;

/// The test module of the examples in the methods' docs (see `examples::source`): one
/// `async fn` per operation with the code its doc shows, and the table `EXAMPLES` of the
/// requests they must send, for one test binary to compile and run them all.
pub fn examples_source(spec: &Spec, opts: &Options) -> Result<String, CodegenError> {
    examples::source(spec, opts)
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Name of the client type; `None`: the spec's (`service.client`, else `<Name>Client`).
    pub client_name: Option<String>,
    /// Emit only the operations of these groups (and the schemas they use); `None`: all.
    pub groups: Option<Vec<String>>,
    /// Path of the runtime crate in generated code. Default `huaweicloud_runtime`; use an absolute path
    /// (a crate name or `crate::…`).
    pub runtime_crate: String,
    /// Also emit `pub mod mock`: `<Service>Mock`, a test double of the client with a typed stub
    /// method per operation (needs the runtime's `mock` feature). The build script sets it from
    /// the crate's `mock` feature.
    pub mock: bool,
    /// Every model implements both `Serialize` and `Deserialize`. Off, a request body or query
    /// only serializes and a reply model only deserializes (a model in both roles does both),
    /// which is all the client needs and about halves what serde adds to the crate's build. On
    /// for code that stores replies as JSON or reads request bodies back; [`Options::mock`]
    /// turns it on (the mock serializes stubbed replies and reads recorded requests). The build
    /// script sets it from the crate's `serde-both` feature.
    pub serde_both: bool,
    /// The crate the examples in the methods' docs import from (`dcs_client`); `None`:
    /// `<service>_client`, the name of the workspace's client crates. The build script sets it to
    /// the crate being built.
    pub crate_name: Option<String>,
    /// Show the Chinese description of an operation, parameter or field beside the English one,
    /// where the spec has one (off by default; the build script turns it on with
    /// [`build_script::DOCS_ZH_VAR`]).
    pub docs_zh: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            client_name: None,
            groups: None,
            runtime_crate: "huaweicloud_runtime".into(),
            mock: false,
            serde_both: false,
            crate_name: None,
            docs_zh: false,
        }
    }
}

/// Counts of what [`generate_with_summary`] emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Structs: schemas plus query-parameter structs.
    pub models: usize,
    pub enums: usize,
    pub operations: usize,
    /// Operations with a page stream.
    pub streams: usize,
    pub error_codes: usize,
    /// Lines of formatted source.
    pub lines: usize,
}

/// Environment variable that caps the threads [`generate`] formats on (default: the machine's
/// available parallelism). The output does not depend on it.
pub const THREADS_VAR: &str = "APIREF_CODEGEN_THREADS";

/// The formatted source of the client (prettyplease).
pub fn generate(spec: &Spec, opts: &Options) -> Result<String, CodegenError> {
    generate_with_summary(spec, opts).map(|(source, _)| source)
}

/// [`generate`], plus counts for a summary line.
///
/// The pieces of the client (chunks of models, the error codes, chunks of methods, …) are
/// emitted, parsed and formatted on as many threads as the machine offers, then stitched into one
/// file; the result equals formatting [`generate_tokens`] in one piece, byte for byte, whatever
/// the number of threads.
pub fn generate_with_summary(
    spec: &Spec,
    opts: &Options,
) -> Result<(String, Summary), CodegenError> {
    let threads = std::env::var(THREADS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let gen = Gen::new(spec, opts)?;
    let source = assemble::format(&gen, threads)?;
    let mut summary = gen.summary();
    summary.lines = line_count(&source);
    Ok((source, summary))
}

/// `str::lines().count()` without slicing lines: a line per `\n`, one more for an unterminated
/// tail. Counted in blocks of 255 bytes into a `u8`, which the compiler turns into vector code.
fn line_count(text: &str) -> usize {
    let newlines: usize = text
        .as_bytes()
        .chunks(255)
        .map(|block| usize::from(block.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
        .sum();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The client as tokens (for the proc macro).
pub fn generate_tokens(spec: &Spec, opts: &Options) -> Result<TokenStream, CodegenError> {
    let gen = Gen::new(spec, opts)?;
    let rt = gen.runtime_path();
    let units = gen.units();
    Ok(gen.skeleton(&rt, &mut |slot| {
        let mut out = TokenStream::new();
        for unit in units.iter().filter(|u| u.slot() == slot) {
            out.extend(gen.emit(unit, &rt));
        }
        out
    }))
}

/// Reads, parses and validates a spec file; errors name the file and line.
pub fn load_spec(path: &Path) -> Result<Spec, CodegenError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CodegenError::new(format!("cannot read the spec: {e}")).in_file(&file))?;
    let spec = Spec::from_yaml(&file, &text)?;
    validate_spec(&file, &text, &spec)?;
    Ok(spec)
}

/// Checks what the generator relies on (type names resolve, operation names are unique, names are
/// not empty, parameters say where they travel, …). The error names `file`, the item and its line
/// in `yaml_text`.
pub fn validate_spec(file: &str, yaml_text: &str, spec: &Spec) -> Result<(), CodegenError> {
    match validate::first_error(Some(file), Some(yaml_text), &validate::check(spec)) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every problem [`validate_spec`] would report, each positioned in `yaml_text`.
pub fn spec_problems(file: &str, yaml_text: &str, spec: &Spec) -> Vec<CodegenError> {
    validate::check(spec)
        .iter()
        .filter_map(|issue| {
            validate::first_error(Some(file), Some(yaml_text), std::slice::from_ref(issue))
        })
        .collect()
}

/// Names the generated file takes at its root, besides the client type.
const ROOT_NAMES: [&str; 15] = [
    "BuildError",
    "models",
    "mock",
    "waiters",
    "WaitError",
    "WaitPolicy",
    "operations",
    "error_codes",
    "runtime",
    "RuntimeClient",
    "Config",
    "ConfigBuilder",
    "Credentials",
    "Error",
    "RetryPolicy",
];

/// A checked spec and its plan: everything the emitters read. Plain data (no tokens), so the
/// formatting threads share it.
struct Gen<'a> {
    spec: &'a Spec,
    opts: &'a Options,
    /// The client type's name (from the options, else the spec).
    client: String,
    plan: plan::Plan<'a>,
}

/// Where a unit's items go in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Inside `pub mod models`.
    Models,
    /// At the top level, before the client type.
    RootBefore,
    /// Inside `impl Client`, after `new` and `inner`.
    Impl,
    /// At the top level, after the client type.
    RootAfter,
}

/// A piece of the client emitted on its own: a run of items of one slot.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    Models(std::ops::Range<usize>),
    Enums(std::ops::Range<usize>),
    Infos,
    ErrorCodes,
    Methods(std::ops::Range<usize>),
    Pages,
    /// `pub mod mock` (see [`Options::mock`]).
    Mock,
    /// `pub mod waiters` (see `waiters`).
    Waiters,
    /// The `wait_until_…` methods.
    WaitMethods,
}

impl Unit {
    fn slot(&self) -> Slot {
        match self {
            Unit::Models(_) | Unit::Enums(_) => Slot::Models,
            Unit::Infos | Unit::ErrorCodes | Unit::Waiters => Slot::RootBefore,
            Unit::Methods(_) | Unit::WaitMethods => Slot::Impl,
            Unit::Pages | Unit::Mock => Slot::RootAfter,
        }
    }
}

/// Items per unit: small enough to spread over threads, large enough that the per-unit cost
/// (a parse and a print of a wrapper) stays negligible.
const MODELS_PER_UNIT: usize = 12;
const ENUMS_PER_UNIT: usize = 8;
const OPS_PER_UNIT: usize = 8;

fn chunks(len: usize, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..len)
        .step_by(size)
        .map(move |at| at..(at + size).min(len))
}

impl<'a> Gen<'a> {
    fn new(spec: &'a Spec, opts: &'a Options) -> Result<Self, CodegenError> {
        if let Some(e) = validate::first_error(None, None, &validate::check(spec)) {
            return Err(e);
        }
        if syn::parse_str::<syn::Path>(&opts.runtime_crate).is_err() {
            return Err(CodegenError::new(format!(
                "runtime_crate `{}` is not a Rust path",
                opts.runtime_crate
            )));
        }
        let client = opts
            .client_name
            .clone()
            .unwrap_or_else(|| spec.service.client_name());
        let client_ok = syn::parse_str::<syn::Ident>(&client).is_ok()
            && !client.starts_with("r#")
            && !ROOT_NAMES.contains(&client.as_str());
        if !client_ok {
            return Err(CodegenError::new(format!(
                "client name `{client}` is not a usable type name"
            )));
        }
        if let Some(groups) = &opts.groups {
            let known: std::collections::BTreeSet<&str> =
                spec.operations.iter().map(|o| o.group.as_str()).collect();
            if let Some(unknown) = groups.iter().find(|g| !known.contains(g.as_str())) {
                let known: Vec<&str> = known.into_iter().collect();
                return Err(CodegenError::new(format!(
                    "unknown group `{unknown}`; the spec has: {}",
                    known.join(", ")
                )));
            }
        }
        let mut plan = plan::build(spec, opts.groups.as_deref());
        plan.root_std = prelude::StdPaths::shadowed_by([client.as_str()]);
        plan.serde_both = opts.serde_both || opts.mock;
        plan.links.client = client.clone();
        plan.links.zh = opts.docs_zh;
        plan.links.example_crate = opts
            .crate_name
            .clone()
            .filter(|c| syn::parse_str::<syn::Path>(c).is_ok())
            .unwrap_or_else(|| format!("{}_client", spec.service.name.replace('-', "_")));
        Ok(Gen {
            spec,
            opts,
            client,
            plan,
        })
    }

    /// The runtime crate's path (checked in [`Gen::new`]). Tokens are not `Send`: each thread
    /// parses its own.
    fn runtime_path(&self) -> syn::Path {
        syn::parse_str(&self.opts.runtime_crate)
            .unwrap_or_else(|_| syn::parse_quote!(huaweicloud_runtime))
    }

    /// The units of the client in file order, leaving out those that emit nothing.
    fn units(&self) -> Vec<Unit> {
        let plan = &self.plan;
        let mut units: Vec<Unit> = chunks(plan.models.len(), MODELS_PER_UNIT)
            .map(Unit::Models)
            .collect();
        units.extend(chunks(plan.enums.len(), ENUMS_PER_UNIT).map(Unit::Enums));
        units.push(Unit::Infos);
        units.push(Unit::ErrorCodes);
        if !plan.waiters.is_empty() {
            units.push(Unit::Waiters);
        }
        units.extend(chunks(plan.ops.len(), OPS_PER_UNIT).map(Unit::Methods));
        if !plan.waiters.is_empty() {
            units.push(Unit::WaitMethods);
        }
        if plan
            .ops
            .iter()
            .any(|o| o.page.as_ref().is_some_and(|p| p.emit_impl))
        {
            units.push(Unit::Pages);
        }
        if self.opts.mock {
            units.push(Unit::Mock);
        }
        units
    }

    fn emit(&self, unit: &Unit, rt: &syn::Path) -> TokenStream {
        let plan = &self.plan;
        match unit {
            Unit::Models(range) => plan.models[range.clone()]
                .iter()
                .map(|m| models::emit(plan, m, rt))
                .collect(),
            Unit::Enums(range) => plan.enums[range.clone()]
                .iter()
                .map(|e| enums::emit(e, rt, &plan.models_std, &plan.env(markdown::Site::Models)))
                .collect(),
            Unit::Infos => operations::emit_infos(plan, rt),
            Unit::ErrorCodes => error_codes::emit(self.spec, rt),
            Unit::Methods(range) => plan.ops[range.clone()]
                .iter()
                .map(|o| operations::emit_methods(plan, o, rt))
                .collect(),
            Unit::Pages => plan
                .ops
                .iter()
                .filter_map(|o| o.page.as_ref())
                .filter(|p| p.emit_impl)
                .map(|p| operations::emit_page(plan, p, rt))
                .collect(),
            Unit::Mock => mock::emit(plan, &self.client, rt),
            Unit::Waiters => waiters::emit_infos(plan, rt),
            Unit::WaitMethods => waiters::emit_methods(plan, rt),
        }
    }

    /// The file around the units; `fill` gives each slot's items.
    fn skeleton(&self, rt: &syn::Path, fill: &mut dyn FnMut(Slot) -> TokenStream) -> TokenStream {
        let models = self.models_module(rt, fill(Slot::Models));
        let before = fill(Slot::RootBefore);
        let service = self.service_const(rt);
        let client = self.client_type(rt, fill(Slot::Impl));
        let after = fill(Slot::RootAfter);
        quote! {
            pub use #rt::{BuildError, Client as RuntimeClient, Config, ConfigBuilder, Credentials, Error, RetryPolicy};
            /// The runtime crate: HTTP, signing, retries, paging; what generated code calls is in
            /// its `plumbing` module.
            pub use #rt as runtime;

            #models

            #before

            #service

            #client

            /// The documented error code of an API error (see [`error_codes::ErrorCode`]), for
            /// matching on it; `None` for other errors and for replies without an `error_code`.
            pub fn documented_error(error: &Error) -> ::std::option::Option<error_codes::ErrorCode> {
                error.error_code().map(error_codes::ErrorCode::from_code)
            }

            #after
        }
    }

    /// `pub mod models` around its items. It imports only the serde derives and lenient readers
    /// its models use: an unused import would warn in every client crate.
    fn models_module(&self, rt: &syn::Path, items: TokenStream) -> TokenStream {
        let derived = models::derived_serde(&self.plan);
        let serde_import = (self.plan.serde_imported && !derived.is_empty())
            .then(|| quote!(use #rt::serde::{#(#derived),*};));
        let readers = models::reply_readers(&self.plan);
        let readers_import =
            (!readers.is_empty()).then(|| quote!(use #rt::plumbing::{#(#readers),*};));
        quote! {
            /// Request and response types.
            pub mod models {
                #readers_import
                #serde_import
                #items
            }
        }
    }

    /// `pub const SERVICE`: the spec's service name and endpoint template as data, so the runtime
    /// (not generated code) resolves the endpoint and one runtime client can serve several
    /// services.
    fn service_const(&self, rt: &syn::Path) -> TokenStream {
        let service_doc = self.service_doc();
        let (name, endpoint) = (
            &self.spec.service.name,
            &self.spec.service.endpoint_template(),
        );
        quote! {
            #(#[doc = #service_doc])*
            pub const SERVICE: #rt::ServiceInfo = #rt::ServiceInfo {
                name: #name,
                endpoint: #endpoint,
            };
        }
    }

    /// The client type and its constructors, around `methods` (the operations' methods). It wraps
    /// the runtime client, which keeps the configuration, credentials, HTTP and retries, so clones
    /// of one runtime client can back the clients of several services.
    fn client_type(&self, rt: &syn::Path, methods: TokenStream) -> TokenStream {
        let client = ident::ident(&self.client);
        let client_doc = format!(
            " Client of {} ({}): one method per operation of the API reference.",
            docs::escape_line(&self.spec.service.title),
            docs::code(&self.spec.service.name)
        );
        quote! {
            #[doc = #client_doc]
            ///
            /// Wraps the runtime client, which holds the configuration, credentials, HTTP and retries.
            #[derive(Clone)]
            pub struct #client {
                inner: #rt::Client,
            }

            impl #client {
                /// Wraps a configured runtime client, bound to [`SERVICE`]: requests go to this
                /// service's endpoint. Clones of one runtime client (one connection pool) can back
                /// the clients of several services.
                pub fn new(inner: #rt::Client) -> Self {
                    Self {
                        inner: inner.for_service(&SERVICE),
                    }
                }

                /// A client with a runtime client of its own, from a configuration
                /// (`Config::builder()…build()?`, or `Config::from_env()?`).
                pub fn from_config(config: #rt::Config) -> ::std::result::Result<Self, #rt::Error> {
                    #rt::Client::new(config).map(Self::new)
                }

                /// The runtime client, bound to [`SERVICE`].
                pub fn inner(&self) -> &#rt::Client {
                    &self.inner
                }

                #methods
            }
        }
    }

    /// The lines of the doc of `SERVICE`.
    fn service_doc(&self) -> Vec<String> {
        let service = &self.spec.service;
        vec![
            format!(
                " The service this client calls, {}: requests go to its endpoint template",
                docs::code(&service.name)
            ),
            format!(
                " {} in the configured region, unless the",
                docs::code(&service.endpoint_template())
            ),
            " configuration overrides it (see [`Config::endpoint_for`]).".to_string(),
        ]
    }

    fn summary(&self) -> Summary {
        let plan = &self.plan;
        Summary {
            models: plan.models.len(),
            enums: plan.enums.len(),
            operations: plan.ops.len(),
            streams: plan.ops.iter().filter(|o| o.page.is_some()).count(),
            error_codes: self.spec.error_codes.len(),
            lines: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_counted_as_str_lines_counts_them() {
        let long = "x\n".repeat(700) + "tail";
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\n\nb\n",
            "a\r\nb\r\n",
            long.as_str(),
        ] {
            assert_eq!(super::line_count(text), text.lines().count(), "{text:?}");
        }
    }
}
