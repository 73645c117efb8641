//! `generate_client!` proc macro.
#![forbid(unsafe_code)]
