//! Hand-written runtime of the generated Huawei Cloud API clients: configuration, credentials,
//! the `SDK-HMAC-SHA256` signer, endpoints per service and region, HTTP with retries, errors,
//! pagination, and the serde helpers generated models use.
//!
//! It names no service. A generated crate describes its service with a [`ServiceInfo`] (name and
//! endpoint template) and each operation with a static
//! [`OperationInfo`], fills a [`Request`] and calls
//! [`Client::execute`] on a runtime client bound to the service. What only generated code needs
//! is in [`plumbing`]:
//!
//! ```no_run
//! # async fn demo() -> Result<(), huaweicloud_runtime::Error> {
//! use huaweicloud_runtime::plumbing::{OperationInfo, Request};
//! use huaweicloud_runtime::{Client, Config, Credentials, ServiceInfo};
//!
//! static SERVICE: ServiceInfo = ServiceInfo {
//!     name: "dcs",
//!     endpoint: "https://dcs.{region}.myhuaweicloud.com",
//! };
//! static LIST: OperationInfo = OperationInfo {
//!     name: "ListInstances",
//!     method: "GET",
//!     path: "/v2/{project_id}/instances",
//!     params: &[],
//!     deprecated: false,
//!     has_body: false,
//! };
//! let config = Config::builder()
//!     .region("cn-north-4")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .build()?;
//! // One runtime client (one connection pool) can back several services.
//! let client = Client::new(config)?.for_service(&SERVICE);
//! let mut request = Request::new(&LIST);
//! request.query.push(("limit".into(), "10".into()));
//! let reply: serde_json::Value = client.execute(request).await?;
//! # let _ = reply;
//! # Ok(())
//! # }
//! ```
//!
//! # The generated API
//!
//! What every generated client crate offers, and why:
//!
//! - **One method per operation**, named after it (`create_instance`), taking the path
//!   parameters in the order of the URI, then the query object or the body. Path parameters take
//!   `impl AsRef<str>`. No operation of DCS or ECS takes more than four arguments, and the query
//!   and body are typed, so a fluent builder per call would add code without making a call
//!   safer. The method returns the call's future ([`Client::send`]), which borrows the client
//!   only: the request is built, and its arguments read, when the method is called.
//!   `<op>_request` builds the [`Request`] without sending it; list operations add
//!   `<op>_stream`, every item page by page.
//! - **Request bodies and queries are built with builders**: `CreateInstanceBody::builder()`, a
//!   setter per field named like it and taking anything that converts into it (`&str`,
//!   `String`, an enum value; a list takes any iterable), then `build()`. `build()` fails with a
//!   [`BuildError`] naming the model and the first required field left unset, rather than a
//!   typestate builder that would not compile: a new edition of the documents that makes a
//!   field required then fails the request that lacks it, with that message, instead of breaking
//!   the build of every caller; and the compiler has one builder type per model to check, not
//!   one per combination of set fields. `?` turns a `BuildError` into [`Error::InvalidRequest`].
//! - **Models are `#[non_exhaustive]`**: a field the next edition adds does not break code that
//!   reads or builds them. Reply models, which a caller's tests build, have `new()` and a
//!   `with_<field>` setter per field.
//! - **Enums keep an `Unknown(String)` case** and are `#[non_exhaustive]`: a value the documents
//!   do not list reads as `Unknown` and is sent back unchanged, and a value the next edition adds
//!   does not break a `match` with a `_` arm.
//! - **Serde in the direction the client uses a model**: request bodies and queries implement
//!   `Serialize`, reply models `Deserialize` (models in both roles, and enums, both). Reply
//!   models read through one visitor of this crate, [`plumbing::ReadFields`], with the
//!   [`lenient`] readers, instead of a derive each: serde's code was most of what the compiler
//!   checked in a client crate. A client crate's `serde-both` feature (which `mock` turns on)
//!   gives every model both traits, to store replies as JSON or read request bodies back.
//!
//! # Features
//!
//! - `rustls` (default): TLS by rustls with the webpki roots, no system library.
//! - `native-tls`: TLS by the platform's library and certificate store (OpenSSL on Linux).
//! - Neither: `http://` endpoints only (a proxy, a local test server). Client crates pass their
//!   own `rustls` / `native-tls` features on to these.
//! - `mock`: `Client::in_process` and the `mock` module, the test double of generated clients.
#![forbid(unsafe_code)]

mod body;
mod build_error;
mod client;
mod config;
mod credentials;
mod endpoint;
mod error;
mod json_path;
pub mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
mod paginate;
mod reply;
mod request;
mod retry;
pub mod signer;
mod time;
mod waiter;

pub use build_error::BuildError;
pub use client::Client;
pub use config::{env, Config, ConfigBuilder, RetryPolicy};
pub use credentials::Credentials;
pub use endpoint::ServiceInfo;
pub use error::Error;

/// What generated clients call, not needed to use one: the static facts of an operation
/// ([`OperationInfo`]), one call's values
/// ([`Request`], what a client's `<op>_request` methods return), the encoding
/// of bodies and queries, the reading of replies ([`ReadFields`]), the page stream behind `<op>_stream`, and the wrapper that keeps
/// secrets out of `Debug`.
pub mod plumbing {
    pub use crate::credentials::{Sensitive, REDACTED};
    pub use crate::paginate::{paginate, paginate_with, Page, Paging};
    pub use crate::reply::{read_fields, read_flag, read_int, read_num, read_text, ReadFields};
    pub use crate::request::{
        is_runtime_header, query_pairs, to_body, OperationInfo, ParamInfo, ParamLocation, Request,
        RUNTIME_HEADERS,
    };
    pub use crate::time::sdk_date;
    pub use crate::waiter::{find_item, wait_until, WaitState, WaiterInfo};
}

// The plumbing at its former paths, for code written against them; documented in `plumbing`.
#[doc(hidden)]
pub use plumbing::*;
pub use waiter::{WaitError, WaitPolicy};

/// Re-exported so generated code and users name the same versions.
pub use {futures_core, serde, serde_json};
