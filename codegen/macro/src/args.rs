//! The macro's arguments: `"path" (, key = value)*`, parsed with syn.

use apiref_codegen::Options;
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitStr, Token};

/// The option names, in the order the error message lists them.
const KNOWN: &[&str] = &["client", "groups", "runtime", "serde_both"];

/// Parsed arguments; spans are kept so errors can point at the option they concern.
pub struct Args {
    /// The spec path as written.
    pub path: LitStr,
    /// The client type's name, if given.
    pub client: Option<Ident>,
    /// The operation groups to emit, if given.
    pub groups: Option<Vec<LitStr>>,
    /// The runtime crate's path, if given.
    pub runtime: Option<syn::Path>,
    /// Every model both `Serialize` and `Deserialize`, if given.
    pub serde_both: Option<syn::LitBool>,
}

impl Args {
    /// The generator options these arguments ask for.
    pub fn options(&self) -> Options {
        let mut opts = Options::default();
        if let Some(client) = &self.client {
            opts.client_name = Some(client.to_string());
        }
        if let Some(groups) = &self.groups {
            opts.groups = Some(groups.iter().map(LitStr::value).collect());
        }
        if let Some(runtime) = &self.runtime {
            opts.runtime_crate = quote::quote!(#runtime).to_string().replace(' ', "");
        }
        if let Some(both) = &self.serde_both {
            opts.serde_both = both.value;
        }
        opts
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected the spec path: generate_client!(\"spec/dcs/spec.yaml\")",
            ));
        }
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "the first argument must be the spec path as a string literal, \
                 e.g. generate_client!(\"spec/dcs/spec.yaml\")",
            )
        })?;
        let mut args = Args {
            path,
            client: None,
            groups: None,
            runtime: None,
            serde_both: None,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("expected an option: {}", KNOWN.join(", ")),
                )
            })?;
            input.parse::<Token![=]>()?;
            let name = key.to_string();
            let duplicate = match name.as_str() {
                "client" => args.client.replace(parse_client(input)?).is_some(),
                "groups" => args.groups.replace(parse_groups(input)?).is_some(),
                "runtime" => args.runtime.replace(parse_runtime(input)?).is_some(),
                "serde_both" => args.serde_both.replace(parse_bool(input)?).is_some(),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{name}`; the options are: {}",
                            KNOWN.join(", ")
                        ),
                    ))
                }
            };
            if duplicate {
                return Err(syn::Error::new(
                    key.span(),
                    format!("option `{name}` is given twice"),
                ));
            }
        }
        Ok(args)
    }
}

/// The client type's name: an identifier that is not taken by a generated module.
fn parse_client(input: ParseStream) -> syn::Result<Ident> {
    let client: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "`client` takes the client type's name, e.g. `client = MyClient`",
        )
    })?;
    let name = client.to_string();
    if name.starts_with("r#") || ["models", "operations", "error_codes"].contains(&name.as_str()) {
        return Err(syn::Error::new(
            client.span(),
            format!(
                "`{name}` cannot name the client type: the expansion has modules `models`, \
                 `operations` and `error_codes`; use a type name such as `MyClient`"
            ),
        ));
    }
    Ok(client)
}

/// The runtime crate's path (`huaweicloud_runtime`, `::huaweicloud_runtime`, `crate::rt`).
fn parse_runtime(input: ParseStream) -> syn::Result<syn::Path> {
    input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "`runtime` takes the path of the runtime crate, e.g. `runtime = huaweicloud_runtime`",
        )
    })
}

/// `true` or `false`.
fn parse_bool(input: ParseStream) -> syn::Result<syn::LitBool> {
    input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "`serde_both` takes `true` (every model both `Serialize` and `Deserialize`) or `false`",
        )
    })
}

/// `["A", "B"]`: at least one group name.
fn parse_groups(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    if !input.peek(syn::token::Bracket) {
        return Err(syn::Error::new(
            input.span(),
            "`groups` takes a list of group names, e.g. `groups = [\"Lifecycle Management\"]`",
        ));
    }
    let content;
    let brackets = bracketed!(content in input);
    let groups: Punctuated<LitStr, Token![,]> = Punctuated::parse_terminated(&content)
        .map_err(|e| syn::Error::new(e.span(), "a group name must be a string literal"))?;
    if groups.is_empty() {
        return Err(syn::Error::new(
            brackets.span.join(),
            "`groups` needs at least one group name; leave the option out to emit every group",
        ));
    }
    Ok(groups.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> syn::Result<Args> {
        syn::parse_str(src)
    }

    fn error(src: &str) -> String {
        match parse(src) {
            Ok(_) => panic!("`{src}` parsed"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn options_map_to_the_generator_options() {
        let args =
            parse(r#""spec.yaml", client = MyClient, groups = ["A b", "C"], runtime = crate::rt, serde_both = true,"#)
                .unwrap();
        assert_eq!(args.path.value(), "spec.yaml");
        let opts = args.options();
        assert_eq!(opts.client_name.as_deref(), Some("MyClient"));
        assert_eq!(opts.groups, Some(vec!["A b".to_string(), "C".to_string()]));
        assert_eq!(opts.runtime_crate, "crate::rt");
        assert!(opts.serde_both);
    }

    #[test]
    fn the_path_alone_gives_the_default_options() {
        let args = parse(r#""spec.yaml""#).unwrap();
        assert_eq!(args.options(), Options::default());
    }

    #[test]
    fn bad_arguments_are_errors_naming_the_problem() {
        assert!(error(r#""s.yaml", colour = Red"#).contains("unknown option `colour`"));
        assert!(error(r#""s.yaml", client = A, client = B"#).contains("given twice"));
        assert!(error(r#""s.yaml", groups = []"#).contains("at least one group"));
        assert!(error(r#"spec"#).contains("string literal"));
        assert!(error("").contains("expected the spec path"));
        assert!(error(r#""s.yaml", groups = [1]"#).contains("must be a string literal"));
        assert!(error(r#""s.yaml", groups = "A""#).contains("list of group names"));
        assert!(error(r#""s.yaml", client = "A""#).contains("client type's name"));
        assert!(error(r#""s.yaml", client = models"#).contains("`models` cannot name"));
        assert!(error(r#""s.yaml", runtime = 1"#).contains("path of the runtime crate"));
        assert!(error(r#""s.yaml", serde_both = yes"#).contains("takes `true`"));
    }
}
