//! Hand-written runtime of the generated Huawei Cloud API clients: configuration, credentials,
//! the `SDK-HMAC-SHA256` signer, endpoints per service and region, HTTP with retries, errors,
//! pagination, and the serde helpers generated models use.
//!
//! It names no service. A generated crate describes its service with a [`ServiceInfo`] (name and
//! endpoint template) and each operation with a static [`OperationInfo`], fills a [`Request`] and
//! calls [`Client::execute`] on a runtime client bound to the service:
//!
//! ```no_run
//! # async fn demo() -> Result<(), huaweicloud_runtime::Error> {
//! use huaweicloud_runtime::{Client, Config, Credentials, OperationInfo, Request, ServiceInfo};
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
#![forbid(unsafe_code)]

mod client;
mod config;
mod credentials;
mod endpoint;
mod error;
pub mod lenient;
mod paginate;
mod request;
mod retry;
pub mod signer;
mod time;

pub use client::Client;
pub use config::{env, Config, ConfigBuilder, RetryPolicy};
pub use credentials::{Credentials, Sensitive, REDACTED};
pub use endpoint::ServiceInfo;
pub use error::Error;
pub use paginate::{paginate, Page};
pub use request::{
    is_runtime_header, query_pairs, to_body, OperationInfo, ParamInfo, ParamLocation, Request,
    RUNTIME_HEADERS,
};
pub use time::sdk_date;

/// Re-exported so generated code and users name the same versions.
pub use {futures_core, serde, serde_json};
