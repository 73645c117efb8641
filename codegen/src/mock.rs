//! `pub mod mock` ([`crate::Options::mock`]; a client crate's `mock` feature): `<Service>Mock`, a
//! test double of the client, for the tests of code that calls it.
//!
//! The machinery is the runtime's (`huaweicloud_runtime::mock`: an in-process transport behind
//! the real client, stubs, a log of calls); what is generated is the typed front end, one method
//! per operation returning the runtime's `OperationMock<Response, Query, Body>` for that
//! operation, so `mock.list_instances().respond(value)` takes exactly what `list_instances`
//! returns, and `mock.list_instances().queries()` reads the calls back as its query model. The
//! module also converts the spec's `ErrorCode` into a runtime `Failure` (the code with its
//! documented status and message), for `fail_with(ErrorCode::…)`.
//!
//! Emitted only when asked for, rather than always behind `#[cfg(feature = "mock")]`: the build
//! script sees the crate's features anyway (one run per feature set either way), a client built
//! without the feature formats and compiles none of it, and generated code that names no cargo
//! feature works in a crate that has none (the proc macro's, the compile-check crate's).

use apiref_spec::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::code;
use crate::ident::{ident, Names, Style};
use crate::plan::Plan;
use crate::types::{tokens, Ctx, FieldType};

/// The mock's own methods, which an operation's stub method must not take.
const OWN_METHODS: [&str; 7] = [
    "new",
    "client",
    "client_with",
    "runtime",
    "calls",
    "calls_to",
    "verify",
];

/// The mock's type name: the client's without a trailing `Client`, then `Mock` (`DcsMock`).
pub fn mock_name(client: &str) -> String {
    let stem = client.strip_suffix("Client").unwrap_or(client);
    format!("{stem}Mock")
}

/// The name of each operation's stub method, in plan order: the client method's name, unless
/// the mock has a method of its own by that name (then a numbered one, as plan names collide).
pub fn stub_methods(plan: &Plan<'_>) -> Vec<String> {
    let mut names = Names::with_reserved(&OWN_METHODS);
    plan.ops
        .iter()
        .map(|o| names.claim(&o.method, Style::Snake))
        .collect()
}

fn names_a_model(t: &TypeRef) -> bool {
    match t {
        TypeRef::Named(_) => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => names_a_model(inner),
        _ => false,
    }
}

/// `pub mod mock` for the client type `client`.
pub fn emit(plan: &Plan<'_>, client: &str, rt: &syn::Path) -> TokenStream {
    let client_ty = ident(client);
    let mock = ident(&mock_name(client));
    let methods = stubs(plan, rt);
    // Types are written as beside the client (`models::X`).
    let uses_models = plan.ops.iter().any(|o| {
        o.query.is_some()
            || o.response.as_ref().is_some_and(names_a_model)
            || o.body.as_ref().is_some_and(names_a_model)
    });
    let models = uses_models.then(|| {
        quote!(
            use super::models;
        )
    });
    let module_doc = format!(
        " A test double of [`{client}`](super::{client}), for the tests of code that calls it: see [`{}`].",
        mock_name(client)
    );
    let mock_doc = format!(
        " A test double of [`{client}`](super::{client}): [`client`](Self::client) gives a client whose requests this mock answers in process, with the real request building and reply decoding."
    );
    let common = common_methods(&client_ty, rt);
    // An inner doc: rustdoc resolves its links in the module itself, wherever the file is included.
    quote! {
        pub mod mock {
            #![doc = #module_doc]
            #models

            #[doc = #mock_doc]
            ///
            /// One method per operation, named like the client's, returns that operation's
            /// stubs and calls, typed by its response, query and body: `respond` with a value
            /// of the response type, `fail_with` an [`ErrorCode`](super::error_codes::ErrorCode)
            /// (its documented status and message) or a runtime `Failure`, `reply` with
            /// anything else; `delay`, `times`, `always` and `when` shape a stub; `calls`,
            /// `queries` and `bodies` read the calls back. Rules and examples: the runtime's
            /// [`mock`](super::runtime::mock) module.
            #[derive(Debug, Clone, Default)]
            pub struct #mock {
                mock: #rt::mock::Mock,
            }

            impl #mock {
                #common

                #(#methods)*
            }

            /// The code with the status and message the API reference lists for it (400 and
            /// no message for a code it does not list).
            impl ::std::convert::From<super::error_codes::ErrorCode> for #rt::mock::Failure {
                fn from(code: super::error_codes::ErrorCode) -> Self {
                    let failure = #rt::mock::Failure::new(code.status().unwrap_or(400))
                        .with_code(code.as_str());
                    match code.message() {
                        ::std::option::Option::Some(message) => failure.with_message(message),
                        ::std::option::Option::None => failure,
                    }
                }
            }
        }
    }
}

/// The stub method of each operation: its `OperationMock`, typed by response, query and body.
fn stubs(plan: &Plan<'_>, rt: &syn::Path) -> Vec<TokenStream> {
    let scope = plan.scope(Ctx::Root);
    let ty = |t: &Option<TypeRef>| match t {
        Some(t) => tokens(&FieldType::plain(t), scope, rt),
        None => quote!(()),
    };
    plan.ops
        .iter()
        .zip(stub_methods(plan))
        .map(|(o, method)| {
            let method = ident(&method);
            let constant = ident(&o.const_name);
            let response = ty(&o.response);
            let query = match &o.query {
                Some(q) => {
                    let q = ident(q);
                    quote!(models::#q)
                }
                None => quote!(()),
            };
            let body = ty(&o.body);
            let doc = format!(
                " {} ({}): stub its replies, read its calls.",
                code(&o.op.name),
                code(&format!("{} {}", o.op.method, o.op.path))
            );
            quote! {
                #[doc = #doc]
                pub fn #method(&self) -> #rt::mock::OperationMock<#response, #query, #body> {
                    self.mock.operation(&super::operations::#constant)
                }
            }
        })
        .collect()
}

/// The mock's methods that are the same for every service: making clients, reading calls.
fn common_methods(client_ty: &syn::Ident, rt: &syn::Path) -> TokenStream {
    quote! {
        /// A mock without stubs: every call fails until one is stubbed.
        pub fn new() -> Self {
            Self::default()
        }

        /// A client whose requests this mock answers, configured for tests: region
        /// `cn-north-4`, project `mock-project`, no credentials, no retries.
        pub fn client(&self) -> super::#client_ty {
            self.client_with(#rt::mock::Mock::config())
        }

        /// A client with `config` (a retry policy, a timeout, a project) whose
        /// requests this mock answers.
        pub fn client_with(&self, config: super::Config) -> super::#client_ty {
            super::#client_ty::new(self.mock.client(config))
        }

        /// The service-agnostic mock behind this one (stubs by `OperationInfo`,
        /// unexpected calls).
        pub fn runtime(&self) -> &#rt::mock::Mock {
            &self.mock
        }

        /// Every call so far, in order, answered or not (one per attempt).
        pub fn calls(&self) -> ::std::vec::Vec<#rt::mock::MockCall> {
            self.mock.calls()
        }

        /// The calls of one operation (`operations::LIST_INSTANCES`), in order.
        pub fn calls_to(&self, operation: &#rt::OperationInfo) -> ::std::vec::Vec<#rt::mock::MockCall> {
            self.mock.calls_to(operation)
        }

        /// `Ok` when no call went unanswered and every counted stub was used up; else
        /// what was not, one line each.
        pub fn verify(&self) -> ::std::result::Result<(), ::std::string::String> {
            self.mock.verify()
        }
    }
}
