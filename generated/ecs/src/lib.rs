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
//!
//! # Where to start
//!
//! - [`EcsClient`]: a method per operation of the reference, each documented from it (lists,
//!   notes, links to the operations it refers to) with the document's example request written
//!   in this crate's API; `<op>_request` builds a request without sending it, `<op>_stream`
//!   walks a list page by page.
//! - [`Config`] and [`Credentials`]: region, project and keys (or [`Config::from_env`]);
//!   [`EcsClient::from_config`] makes the client.
//! - [`models`]: request bodies and queries (each with a builder), replies and enums. Request
//!   models implement `Serialize`, replies `Deserialize`; with the `serde-both` feature every
//!   model implements both.
//! - [`Error`] (and [`BuildError`], a required field left unset) for what a call can fail
//!   with; [`documented_error`] and [`error_codes`] for the reference's error codes.
//! - [`operations`]: each operation's method, path and parameters, to inspect without sending.
//! - [`runtime`]: the runtime crate; what generated code calls is in `runtime::plumbing`.
//!
//! # Testing code that uses the client
//!
//! With the `mock` feature (for tests: `[dev-dependencies] ecs-client = { version = "0.1",
//! features = ["mock"] }`), `mock::EcsMock` is a test double of `EcsClient`: `client()` gives a
//! real `EcsClient` whose requests the mock answers in process, a stub method per operation
//! takes that operation's response type or a documented `ErrorCode`, and the requests read back
//! as their query and body models. The DCS client's documentation (`dcs-client`) has an example.
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
