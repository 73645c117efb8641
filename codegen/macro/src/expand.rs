//! The expansion, as a plain function of `proc_macro2` tokens (so unit tests can run it).

use std::path::{Path, PathBuf};

use apiref_codegen::CodegenError;
use apiref_spec::Spec;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Error;

use crate::args::Args;
use crate::path;

/// Expands `generate_client!(input)` for the crate being compiled.
pub fn expand(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    expand_in(manifest_dir.as_deref(), input, |name| {
        std::env::var(name).ok()
    })
}

/// [`expand`] with the manifest directory and environment given; errors become
/// `compile_error!` tokens pointing at the argument concerned.
pub fn expand_in(
    manifest_dir: Option<&Path>,
    input: TokenStream,
    env: impl Fn(&str) -> Option<String>,
) -> TokenStream {
    try_expand(manifest_dir, input, env).unwrap_or_else(|e| e.to_compile_error())
}

fn try_expand(
    manifest_dir: Option<&Path>,
    input: TokenStream,
    env: impl Fn(&str) -> Option<String>,
) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(input)?;
    let lit = &args.path;
    let at_path = |message: String| Error::new(lit.span(), message);
    let resolved = path::resolve(&lit.value(), manifest_dir, env).map_err(at_path)?;
    let file = &resolved.path;
    if !file.is_file() {
        let what = if file.exists() {
            "is not a file"
        } else {
            "does not exist"
        };
        let hint = if resolved.env_var.is_none() && Path::new(&lit.value()).is_relative() {
            " (a relative path starts at the calling crate's directory, CARGO_MANIFEST_DIR)"
        } else {
            ""
        };
        return Err(at_path(format!(
            "spec file {} {what}{hint}",
            file.display()
        )));
    }
    let tracked = file.to_str().ok_or_else(|| {
        at_path(format!(
            "spec path {} is not UTF-8, so it cannot be tracked",
            file.display()
        ))
    })?;
    let spec =
        apiref_codegen::load_spec(file).map_err(|e| at_path(format!("invalid spec: {e}")))?;
    check_groups(&spec, &args)?;
    let client = apiref_codegen::generate_tokens(&spec, &args.options())
        .map_err(|e| Error::new(option_span(&args, &e), e.to_string()))?;
    // Rustc records the included file (and the variable read by `option_env!`) as inputs of the
    // crate, so cargo rebuilds it when they change; `const _` leaves nothing in the binary.
    let env_tracking = resolved.env_var.map(|name| {
        quote! { const _: ::core::option::Option<&str> = ::core::option_env!(#name); }
    });
    Ok(quote! {
        const _: &[u8] = ::core::include_bytes!(#tracked);
        #env_tracking
        #client
    })
}

/// Every requested group must exist: the error points at the unknown one.
fn check_groups(spec: &Spec, args: &Args) -> syn::Result<()> {
    let known: std::collections::BTreeSet<&str> =
        spec.operations.iter().map(|o| o.group.as_str()).collect();
    for group in args.groups.iter().flatten() {
        if !known.contains(group.value().as_str()) {
            let known: Vec<String> = known.iter().map(|g| format!("\"{g}\"")).collect();
            return Err(Error::new(
                group.span(),
                format!(
                    "unknown group \"{}\"; the spec's groups are: {}",
                    group.value(),
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// The argument a generator error is about: the option it names, else the spec path.
fn option_span(args: &Args, e: &CodegenError) -> Span {
    let client = args.client.as_ref().map(|c| c.span());
    let runtime = args.runtime.as_ref().map(syn::spanned::Spanned::span);
    match () {
        _ if e.message.starts_with("client name") => client,
        _ if e.message.starts_with("runtime_crate") => runtime,
        _ => None,
    }
    .unwrap_or_else(|| args.path.span())
}

#[cfg(test)]
mod tests {
    use super::*;
    use apiref_codegen::{generate, load_spec, Options};

    fn manifest_dir() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    /// The macro's output as a file, its tracking item split off.
    fn expand_file(input: TokenStream) -> (syn::Item, syn::File) {
        let tokens = try_expand(Some(manifest_dir()), input, no_env).unwrap();
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        let tracking = file.items.remove(0);
        (tracking, file)
    }

    fn error(input: TokenStream) -> String {
        try_expand(Some(manifest_dir()), input, no_env)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn expands_to_the_build_scripts_output_for_the_dcs_spec() {
        let (tracking, rest) = expand_file(quote!("../../spec/dcs/spec.yaml"));
        let expected = manifest_dir().join("../../spec/dcs/spec.yaml");
        let expected = expected.to_str().unwrap();
        assert_eq!(
            prettyplease::unparse(&syn::parse_quote!(#tracking)),
            prettyplease::unparse(&syn::parse_quote!(
                const _: &[u8] = ::core::include_bytes!(#expected);
            ))
        );
        // What generated/dcs/build.rs does with the same file (its `spec.yaml` links to it).
        let build_script_spec = manifest_dir().join("../../generated/dcs/spec.yaml");
        let spec = load_spec(&build_script_spec).unwrap();
        let build_script_output = generate(&spec, &Options::default()).unwrap();
        let macro_output = prettyplease::unparse(&rest);
        assert!(macro_output.contains("pub struct DcsClient"));
        assert!(macro_output == build_script_output, "the outputs differ");
    }

    #[test]
    fn options_reach_the_generator() {
        let (_, rest) = expand_file(quote!(
            "../tests/fixtures/small.yaml",
            client = SmallClient,
            groups = ["Passwords"],
            runtime = crate::rt,
        ));
        let spec = load_spec(&manifest_dir().join("../tests/fixtures/small.yaml")).unwrap();
        let opts = Options {
            client_name: Some("SmallClient".into()),
            groups: Some(vec!["Passwords".into()]),
            runtime_crate: "crate::rt".into(),
            ..Options::default()
        };
        let expected = generate(&spec, &opts).unwrap();
        assert_eq!(prettyplease::unparse(&rest), expected);
        assert!(expected.contains("pub struct SmallClient"));
        assert!(!expected.contains("fn list_instances"));
    }

    #[test]
    fn an_env_var_path_is_tracked_too() {
        let env =
            |name: &str| (name == "SPECS").then(|| format!("{}/..", env!("CARGO_MANIFEST_DIR")));
        let tokens = try_expand(
            Some(manifest_dir()),
            quote!("$SPECS/tests/fixtures/small.yaml"),
            env,
        )
        .unwrap();
        let file: syn::File = syn::parse2(tokens).unwrap();
        let second = &file.items[1];
        assert_eq!(
            quote!(#second).to_string(),
            quote!(
                const _: ::core::option::Option<&str> = ::core::option_env!("SPECS");
            )
            .to_string()
        );
    }

    #[test]
    fn a_missing_file_names_the_resolved_path() {
        let e = error(quote!("nope/dcs.yaml"));
        let resolved = manifest_dir().join("nope/dcs.yaml");
        assert_eq!(
            e,
            format!(
                "spec file {} does not exist (a relative path starts at the calling crate's \
                 directory, CARGO_MANIFEST_DIR)",
                resolved.display()
            )
        );
    }

    #[test]
    fn spec_errors_give_the_spec_position() {
        let e = error(quote!("tests/specs/yaml_syntax.yaml"));
        assert!(e.starts_with("invalid spec: "), "{e}");
        assert!(e.contains("yaml_syntax.yaml:4:"), "{e}");
        assert!(e.contains("mapping values are not allowed"), "{e}");
        let e = error(quote!("tests/specs/unknown_type.yaml"));
        assert!(e.contains("unknown type `Tagg`"), "{e}");
        let e = error(quote!("tests/specs/duplicate_operation.yaml"));
        assert!(e.contains("duplicate operation name"), "{e}");
    }

    #[test]
    fn bad_options_are_errors() {
        let spec = "tests/specs/tiny.yaml";
        let e = error(quote!(#spec, groups = ["Instances", "Nope"]));
        assert!(e.starts_with("unknown group \"Nope\""), "{e}");
        let e = error(quote!(#spec, client = r#type));
        assert!(e.starts_with("`r#type` cannot name the client type"), "{e}");
        let e = error(quote!(#spec, colour = red));
        assert!(e.starts_with("unknown option `colour`"), "{e}");
    }

    /// Prints the expansion time on the DCS spec (no assertion: timing is machine-dependent).
    /// `cargo test -p apiref-macro --lib -- --ignored --nocapture expansion_time`
    #[test]
    #[ignore = "prints a timing; run on demand"]
    fn expansion_time_on_the_dcs_spec() {
        let input = quote!("../../spec/dcs/spec.yaml");
        let runs = 5;
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let tokens = try_expand(Some(manifest_dir()), input.clone(), no_env).unwrap();
            times.push(start.elapsed());
            assert!(!tokens.is_empty());
        }
        let spec = load_spec(&manifest_dir().join("../../spec/dcs/spec.yaml")).unwrap();
        let start = std::time::Instant::now();
        let _ = apiref_codegen::generate_tokens(&spec, &Options::default()).unwrap();
        let tokens_only = start.elapsed();
        times.sort();
        println!(
            "expansion of spec/dcs/spec.yaml over {runs} runs: min {:?}, median {:?}, max {:?} \
             (of which generate_tokens alone: {tokens_only:?})",
            times[0],
            times[runs / 2],
            times[runs - 1]
        );
    }
}
