//! The runtime against a hostile local server (all on 127.0.0.1, every loop bounded): pages
//! that never end, floats in integer fields, throttled POSTs, oversized replies, and what
//! `Debug` shows meanwhile. Tracing has a binary of its own (`attempt_spans.rs`).

mod integral_floats;
mod paging;
mod redaction;
mod reply_size;
#[path = "../support/mod.rs"]
mod support;
mod throttling;
