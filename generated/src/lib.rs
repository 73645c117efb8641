//! Typed client for Huawei Cloud Distributed Cache Service (DCS).
//!
//! The operations, models and enums are generated at build time from the API spec (`dcs.yaml`,
//! scraped from the published API reference) by `dcs-codegen`; the hand-written runtime
//! (`dcs-runtime`) does HTTP, AK/SK signing, retries, errors and pagination.
//!
//! ```no_run
//! # fn demo() -> Result<(), dcs_client::Error> {
//! use dcs_client::{Config, Credentials};
//!
//! // From code …
//! let config = Config::builder()
//!     .region("cn-north-4")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .build()?;
//! // … or from HUAWEICLOUD_SDK_AK / _SK / _PROJECT_ID / _REGION.
//! let from_env = Config::from_env();
//! # let _ = (config, from_env);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

pub use dcs_runtime::{
    env, paginate, query_pairs, signer, to_body, Client as RuntimeClient, Config, ConfigBuilder,
    Credentials, Error, OperationInfo, Page, ParamInfo, ParamLocation, Request, RetryPolicy,
    Sensitive, REDACTED,
};

/// The runtime crate, for items not re-exported above.
pub use dcs_runtime as runtime;

include!(concat!(env!("OUT_DIR"), "/dcs_client.rs"));

/// The reference's documented error code of an API error (`DCS.4001` → [`error_codes::ErrorCode`]),
/// for matching on it; `None` for other errors and for replies without an `error_code`.
pub fn documented_error(error: &Error) -> Option<error_codes::ErrorCode> {
    error.error_code().map(error_codes::ErrorCode::from_code)
}
