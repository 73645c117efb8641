//! `generate_client!`: the API client generator as a proc macro.
//!
//! Expands to the same items as a client crate's build script (`apiref_codegen::generate_tokens`
//! on a spec loaded with `apiref_codegen::load_spec`), inside the calling crate, with no build
//! script:
//!
//! ```ignore
//! mod dcs {
//!     apiref_macro::generate_client!(
//!         "spec/dcs/spec.yaml",
//!         client = CacheClient,
//!         groups = ["Lifecycle Management"],
//!         runtime = huaweicloud_runtime,
//!     );
//! }
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`; a path starting with
//! `$NAME/` starts at the directory in environment variable `NAME` (`$OUT_DIR/spec.yaml` for a
//! spec a build script writes). The expansion `include_bytes!`s the spec, so editing it rebuilds
//! the caller. The caller depends on `huaweicloud-runtime` only.
#![forbid(unsafe_code)]

mod args;
mod expand;
mod path;

/// Generates a client from a spec file; see the crate documentation for the options.
#[proc_macro]
pub fn generate_client(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::expand(input.into()).into()
}
