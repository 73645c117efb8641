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
//!
//! # Where to start
//!
//! - [`DcsClient`]: a method per operation of the reference, each documented from it (lists,
//!   notes, links to the operations it refers to) with the document's example request written
//!   in this crate's API; `<op>_request` builds a request without sending it, `<op>_stream`
//!   walks a list page by page.
//! - [`Config`] and [`Credentials`]: region, project and keys (or [`Config::from_env`]);
//!   [`DcsClient::from_config`] makes the client.
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
//! With the `mock` feature, `mock::DcsMock` is a test double of `DcsClient`. Its `client()` is a
//! real `DcsClient` whose requests the mock answers in process (no server, no socket), so the
//! code under test takes a `DcsClient` in tests as it does in production. Request building,
//! checks and reply decoding are the real ones: a stubbed value reaches the caller as the client
//! decodes it from JSON. Enable the feature for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! dcs-client = { version = "0.1", features = ["mock"] }
//! ```
//!
//! Each operation has a stub method named like the client's, typed by its response, query and
//! body. `respond` with a response value, `fail_with` a documented `ErrorCode` (sent with the
//! status and message the reference lists for it) or a runtime `Failure`, `reply` with any
//! status and body; `delay`, `times`, `always` and `when`/`when_path` shape a stub, and stubs of
//! one operation answer in order. `calls`, `queries` and `bodies` read the requests back, the
//! query and body as their models. A call no stub answers fails naming the operation, and
//! `verify()` lists such calls and stubs left unused. `client()` retries nothing and has no
//! credentials; `client_with(config)` takes a configuration of the test's (a retry policy, a
//! timeout that a stub's `delay` can exceed).
//!
//! ```
//! # #[cfg(feature = "mock")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), dcs_client::Error> {
//! use dcs_client::error_codes::ErrorCode;
//! use dcs_client::mock::DcsMock;
//! use dcs_client::models::ShowInstanceResponse;
//! use dcs_client::{documented_error, DcsClient, Error};
//!
//! /// The code under test: it takes a client.
//! async fn is_running(dcs: &DcsClient, id: &str) -> Result<bool, Error> {
//!     match dcs.show_instance(id).await {
//!         Ok(instance) => Ok(instance.status.as_deref() == Some("RUNNING")),
//!         // "This DCS instance does not exist." (404)
//!         Err(e) if documented_error(&e) == Some(ErrorCode::Dcs3022) => Ok(false),
//!         Err(e) => Err(e),
//!     }
//! }
//!
//! let mock = DcsMock::new();
//! mock.show_instance()
//!     .when_path("instance_id", "i-1")
//!     .respond(ShowInstanceResponse::new().with_status("RUNNING"));
//! mock.show_instance().fail_with(ErrorCode::Dcs3022);
//!
//! let dcs = mock.client();
//! assert!(is_running(&dcs, "i-1").await?);
//! assert!(!is_running(&dcs, "i-2").await?);
//! assert_eq!(mock.show_instance().calls()[1].path, "/v2/mock-project/instances/i-2");
//! assert_eq!(mock.verify(), Ok(()), "every stub used, no unexpected call");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "mock"))]
//! # fn main() {}
//! ```
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));
