//! Typed client for Huawei Cloud Distributed Cache Service (DCS).
//!
//! The operations, models and enums are generated at build time from the API spec
//! (`spec/dcs/spec.yaml`, scraped from the published API reference) by `apiref-codegen`; the
//! hand-written runtime (`huaweicloud-runtime`) does HTTP, AK/SK signing, retries, errors and
//! pagination.
//!
//! ```no_run
//! # fn demo() -> Result<(), dcs_client::Error> {
//! use dcs_client::{Config, Credentials, DcsClient, RuntimeClient};
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
//! let dcs = DcsClient::new(RuntimeClient::new(config)?);
//! # let _ = (dcs, from_env);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
