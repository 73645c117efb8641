//! `generate_client!`: the DCS client generator as a proc macro.
//!
//! Expands to the same items as the `dcs-client` build script (`dcs_codegen::generate_tokens` on a
//! spec loaded with `dcs_codegen::load_spec`), inside the calling crate, with no build script:
//!
//! ```ignore
//! mod dcs {
//!     dcs_codegen_macro::generate_client!(
//!         "spec/dcs.yaml",
//!         client = CacheClient,
//!         groups = ["Lifecycle Management"],
//!         runtime = dcs_runtime,
//!     );
//! }
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`; a path starting with
//! `$NAME/` starts at the directory in environment variable `NAME` (`$OUT_DIR/spec.yaml` for a
//! spec a build script writes). The expansion `include_bytes!`s the spec, so editing it rebuilds
//! the caller. The caller depends on `dcs-runtime` only.
#![forbid(unsafe_code)]

mod args;
mod expand;
mod path;

/// Generates the DCS client from a spec file; see the crate documentation for the options.
#[proc_macro]
pub fn generate_client(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::expand(input.into()).into()
}
