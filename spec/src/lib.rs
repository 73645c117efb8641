//! The DCS API spec: its model (the contract between scraper and generator) and the scraper that
//! builds it from the published API reference.
#![forbid(unsafe_code)]

pub mod model;
pub mod raw;
pub mod regen;

pub use model::*;
pub mod build;
pub mod merge;
pub mod normalize;
pub mod openapi;
pub mod pages;
pub mod pdf;
pub mod validate;
pub mod write;
