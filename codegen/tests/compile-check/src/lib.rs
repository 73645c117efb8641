//! The generator's output for `small.yaml`, compiled as a crate of its own.
#![forbid(unsafe_code)]

include!(env!("DCS_GENERATED"));

#[cfg(test)]
mod tests;
