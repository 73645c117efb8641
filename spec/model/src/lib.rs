//! The API spec model: what the scraper writes (`spec/<service>/spec.yaml`) and the generator
//! reads. It names no service: one model for every reference of the documentation tooling.
#![forbid(unsafe_code)]

pub mod model;
pub mod openapi;
pub mod text;
pub mod url;
pub mod write;
mod yaml_fast;

pub use model::*;
