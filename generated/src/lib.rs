//! Typed client for Huawei Cloud DCS.
#![forbid(unsafe_code)]
