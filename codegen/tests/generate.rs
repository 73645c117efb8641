//! Behaviour of the generator library: determinism, options, and the tokens/string agreement.

use std::path::Path;

use apiref_codegen::{generate, generate_tokens, generate_with_summary, load_spec, Options};
use apiref_spec::Spec;

fn small() -> Spec {
    load_spec(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/small.yaml"
    )))
    .unwrap()
}

#[test]
fn output_is_deterministic() {
    let spec = small();
    let first = generate(&spec, &Options::default()).unwrap();
    // A spec re-read from its own YAML (fresh maps, fresh allocations) gives the same bytes.
    let again = Spec::from_yaml("again", &spec.to_yaml()).unwrap();
    for _ in 0..3 {
        assert_eq!(generate(&again, &Options::default()).unwrap(), first);
    }
}

#[test]
fn string_output_is_the_formatted_tokens() {
    let spec = small();
    let tokens = generate_tokens(&spec, &Options::default()).unwrap();
    let file: syn::File = syn::parse2(tokens).unwrap();
    assert_eq!(
        prettyplease::unparse(&file),
        generate(&spec, &Options::default()).unwrap()
    );
}

#[test]
fn summary_counts_what_was_emitted() {
    let (source, summary) = generate_with_summary(&small(), &Options::default()).unwrap();
    // 17 schemas + 3 query structs; enums: engine and status shared, charging mode, type,
    // cache mode, no_password_access, result, X-Language, shard.no, phase.
    assert_eq!(
        (
            summary.models,
            summary.enums,
            summary.operations,
            summary.streams
        ),
        (21, 10, 9, 2)
    );
    assert_eq!(summary.error_codes, 3);
    assert_eq!(summary.lines, source.lines().count());
}

#[test]
fn groups_select_operations_and_the_schemas_they_use() {
    let opts = Options {
        groups: Some(vec!["Passwords".into()]),
        ..Options::default()
    };
    let source = generate(&small(), &opts).unwrap();
    assert!(source.contains("pub fn change_password("));
    assert!(!source.contains("pub fn create_instance("));
    assert!(source.contains("pub struct Option {") && source.contains("pub struct Result {"));
    assert!(!source.contains("pub struct CreateInstanceBody {"));
    // The error-code table is always there.
    assert!(source.contains("Dcs4001"));
}

#[test]
fn client_name_and_runtime_path_are_options() {
    let opts = Options {
        client_name: Some("Cache".into()),
        runtime_crate: "crate::rt".into(),
        ..Options::default()
    };
    let source = generate(&small(), &opts).unwrap();
    assert!(source.contains("pub struct Cache {"));
    assert!(source.contains("inner: crate::rt::Client,"));
    assert!(!source.contains("huaweicloud_runtime"));
}

#[test]
fn bad_options_are_errors() {
    let spec = small();
    for (opts, needle) in [
        (
            Options {
                groups: Some(vec!["Nope".into()]),
                ..Options::default()
            },
            "unknown group `Nope`",
        ),
        (
            Options {
                client_name: Some("fn".into()),
                ..Options::default()
            },
            "client name `fn`",
        ),
        (
            Options {
                client_name: Some("models".into()),
                ..Options::default()
            },
            "client name `models`",
        ),
        (
            Options {
                runtime_crate: "not a path".into(),
                ..Options::default()
            },
            "runtime_crate",
        ),
    ] {
        let err = generate(&spec, &opts).unwrap_err();
        assert!(err.message.contains(needle), "{err}");
    }
}

/// The derive line and the `ReadFields` impl of `model` in `source`.
fn serde_of(source: &str, model: &str) -> (String, bool) {
    let at = source
        .find(&format!("pub struct {model} {{"))
        .unwrap_or_else(|| panic!("no struct {model}"));
    let derive = source[..at]
        .rfind("#[derive(")
        .map(|d| source[d..].lines().next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let read = source.contains(&format!("plumbing::ReadFields for {model} {{"));
    (derive, read)
}

#[test]
fn models_implement_serde_in_the_direction_the_client_uses_them_unless_asked_for_both() {
    let spec = small();
    let directional = generate(&spec, &Options::default()).unwrap();
    // A request body serializes only; a reply deserializes only, through the runtime's
    // `ReadFields` rather than a derive.
    let (body, body_reads) = serde_of(&directional, "CreateInstanceBody");
    assert!(body.contains("Serialize") && !body.contains("Deserialize") && !body_reads);
    let (reply, reply_reads) = serde_of(&directional, "CreateInstanceResponse");
    assert!(!reply.contains("Serialize") && !reply.contains("Deserialize") && reply_reads);
    assert!(!directional.contains("deserialize_with"));
    for opts in [
        Options {
            serde_both: true,
            ..Options::default()
        },
        Options {
            mock: true,
            ..Options::default()
        },
    ] {
        let both = generate(&spec, &opts).unwrap();
        let (body, body_reads) = serde_of(&both, "CreateInstanceBody");
        assert!(
            body.contains("Serialize, Deserialize") && !body_reads,
            "{body}"
        );
        let (reply, reply_reads) = serde_of(&both, "CreateInstanceResponse");
        assert!(reply.contains("Serialize") && reply_reads, "{reply}");
        assert!(both.contains("deserialize_with = \"huaweicloud_runtime::lenient::"));
    }
}
