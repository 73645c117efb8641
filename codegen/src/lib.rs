//! Spec → Rust source generator.
#![forbid(unsafe_code)]
