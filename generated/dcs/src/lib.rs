//! Typed client for Huawei Cloud Distributed Cache Service (DCS).
//!
//! The operations, models and enums are generated at build time from the API spec
//! (`spec/dcs/spec.yaml`, scraped from the published API reference) by `apiref-codegen`; the
//! hand-written runtime (`huaweicloud-runtime`) does HTTP, AK/SK signing, retries, errors and
//! pagination. How the generated API is shaped (a method per operation, builders for request
//! bodies and queries, `#[non_exhaustive]` models, enums with an `Unknown` case) and why: see
//! [the runtime's documentation](huaweicloud_runtime#the-generated-api).
//!
//! ```no_run
//! # fn demo() -> Result<(), dcs_client::Error> {
//! use dcs_client::models::BackupInstanceBody;
//! use dcs_client::{Config, Credentials, DcsClient};
//!
//! // From code …
//! let config = Config::builder()
//!     .region("cn-north-4")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .build()?;
//! // … or from HUAWEICLOUD_SDK_AK / _SK / _PROJECT_ID / _REGION; HUAWEICLOUD_SDK_DCS_ENDPOINT,
//! // when set, replaces the region's endpoint.
//! let from_env = Config::from_env();
//! let dcs = DcsClient::from_config(config)?;
//! // Request bodies and queries are built; `build()` names a required field left unset.
//! let backup = BackupInstanceBody::builder().remark("nightly").build()?;
//! // `copy_instance` sends it; `copy_instance_request` only builds the request.
//! let request = dcs.copy_instance_request("instance-id", &backup)?;
//! # let _ = (request, from_env);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
