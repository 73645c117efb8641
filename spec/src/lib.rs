//! The DCS API spec: its model (the contract between scraper and generator) and the scraper that
//! builds it from the published API reference.
#![forbid(unsafe_code)]

pub mod model;
pub mod raw;
#[cfg(feature = "scrape")]
pub mod regen;

pub use model::*;
#[cfg(feature = "scrape")]
pub mod build;
#[cfg(feature = "scrape")]
pub mod merge;
#[cfg(feature = "scrape")]
pub mod normalize;
pub mod openapi;
#[cfg(feature = "scrape")]
pub mod pages;
#[cfg(feature = "scrape")]
pub mod pdf;
#[cfg(feature = "scrape")]
pub mod validate;
pub mod write;
