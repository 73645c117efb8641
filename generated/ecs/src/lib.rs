//! Typed client for Huawei Cloud Elastic Cloud Server (ECS).
//!
//! The operations, models and enums are generated at build time from the API spec
//! (`spec/ecs/spec.yaml`, scraped from the published API reference) by `apiref-codegen`; the
//! hand-written runtime (`huaweicloud-runtime`) does HTTP, AK/SK signing, retries, errors and
//! pagination. How the generated API is shaped (a method per operation, builders for request
//! bodies and queries, `#[non_exhaustive]` models, enums with an `Unknown` case) and why: see
//! [the runtime's documentation](huaweicloud_runtime#the-generated-api).
//!
//! ```no_run
//! # fn demo() -> Result<(), ecs_client::Error> {
//! use ecs_client::{Config, Credentials, EcsClient};
//!
//! let config = Config::builder()
//!     .region("eu-de")
//!     .project_id("0123456789abcdef0123456789abcdef")
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .build()?;
//! let ecs = EcsClient::from_config(config)?;
//! // Or from HUAWEICLOUD_SDK_AK / _SK / _PROJECT_ID / _REGION; HUAWEICLOUD_SDK_ECS_ENDPOINT,
//! // when set, replaces the region's endpoint.
//! let from_env = Config::from_env();
//! # let _ = (ecs, from_env);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
