//! Uses dcs-client as a downstream crate would.
#![forbid(unsafe_code)]
