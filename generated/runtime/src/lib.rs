//! Hand-written runtime of the generated DCS client.
#![forbid(unsafe_code)]
