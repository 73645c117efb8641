//! The scraper: reads a service's API reference, in whatever layouts and languages it is
//! published, and normalizes it into one API spec ([`apiref_spec::Spec`]).
//!
//! Data flows one way: documents → [`layouts`] (one parser per layout, recognized by content) →
//! [`raw::RawDoc`] → [`editions`] → [`links`] → [`normalize`] → [`merge`] → [`waiters`] →
//! [`example_check`] → spec and reports. [`pipeline::scrape`] runs it over a service folder ([`service`]); [`outputs`] writes
//! the results. Nothing here names a service, a document file or a chapter number: what differs
//! between services lives in their folders' `service.yaml`.
#![forbid(unsafe_code)]

pub mod accounting;
pub mod discriminate;
pub mod editions;
pub mod example_check;
pub mod layouts;
pub mod links;
pub mod merge;
pub mod normalize;
pub mod outputs;
pub mod pipeline;
pub mod raw;
pub mod rejoin;
pub mod service;
pub mod shapes;
pub mod waiters;
pub mod words;

/// The spec model, under the name the scraper's modules use.
pub use apiref_spec as model;

pub use pipeline::{scrape, Scrape};
pub use service::{Manifest, ServiceDir};
