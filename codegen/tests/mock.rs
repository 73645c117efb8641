//! The `mock` option: the test double is emitted only when asked for, after everything else
//! (the rest of the file is byte for byte the same), one stub method per generated operation,
//! with names that never collide with the mock's own methods. The compile-check crate compiles
//! and runs the fixture's mock.

use std::path::Path;

use apiref_codegen::{generate, generate_tokens, load_spec, Options};
use apiref_spec::Spec;

fn small() -> Spec {
    load_spec(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/small.yaml"
    )))
    .unwrap()
}

fn with_mock() -> Options {
    Options {
        mock: true,
        ..Options::default()
    }
}

/// The stub methods of a generated mock, in order: `(method, operation constant)`.
fn stubs(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut method = None;
    for line in source.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("pub fn ") {
            method = rest.split('(').next().map(str::to_string);
        }
        if let Some(rest) = line.strip_prefix("self.mock.operation(&super::operations::") {
            let constant = rest.trim_end_matches(')').to_string();
            out.push((method.clone().unwrap_or_default(), constant));
        }
    }
    out
}

#[test]
fn the_mock_comes_only_when_asked_and_only_adds_to_the_file() {
    let spec = small();
    // The mock needs both serde directions (it serializes stubbed replies and reads recorded
    // requests back), so it is compared with a client that has them.
    let both = Options {
        serde_both: true,
        ..Options::default()
    };
    let without = generate(&spec, &both).unwrap();
    let with = generate(&spec, &with_mock()).unwrap();
    assert!(!without.contains("pub mod mock"));
    let (head, mock) = with.split_at(without.len());
    assert_eq!(head, without, "the mock is appended; nothing else changes");
    assert!(mock.contains("pub mod mock {") && mock.contains("pub struct DcsMock {"));
    // One stub per operation, in document order (the fixture's first six, by hand).
    let stubs = stubs(mock);
    assert_eq!(stubs.len(), spec.operations.len());
    assert_eq!(
        stubs[..6],
        [
            ("create_instance", "CREATE_INSTANCE"),
            ("list_instances", "LIST_INSTANCES"),
            ("show_instance", "SHOW_INSTANCE"),
            ("delete_instance", "DELETE_INSTANCE"),
            ("change_password", "CHANGE_PASSWORD"),
            ("r#type", "TYPE"),
        ]
        .map(|(m, c)| (m.to_string(), c.to_string()))
    );
    // Deterministic, and the tokens path (the proc macro's) agrees.
    assert_eq!(generate(&spec, &with_mock()).unwrap(), with);
    let file: syn::File = syn::parse2(generate_tokens(&spec, &with_mock()).unwrap()).unwrap();
    assert_eq!(prettyplease::unparse(&file), with);
}

#[test]
fn the_mock_follows_the_group_selection_and_the_client_name() {
    let opts = Options {
        groups: Some(vec!["Passwords".into()]),
        client_name: Some("SmallClient".into()),
        ..with_mock()
    };
    let source = generate(&small(), &opts).unwrap();
    assert!(source.contains("pub struct SmallMock {"));
    assert!(source.contains("pub fn client(&self) -> super::SmallClient {"));
    assert_eq!(
        stubs(&source),
        [("change_password".to_string(), "CHANGE_PASSWORD".to_string())]
    );
    let opts = Options {
        client_name: Some("Caches".into()),
        ..with_mock()
    };
    assert!(generate(&small(), &opts)
        .unwrap()
        .contains("pub struct CachesMock {"));
}

/// A spec whose operations are named like the mock's own methods, and use no model.
fn colliding() -> Spec {
    let mut yaml =
        String::from("service: {name: odd, title: Odd, sources: []}\nschemas: {}\noperations:\n");
    for (i, name) in ["Verify", "Client", "Calls", "ClientWith", "Ping"]
        .iter()
        .enumerate()
    {
        yaml.push_str(&format!(
            "- {{name: {name}, title: t, group: G, version: v1, method: POST, path: /p{i}, source: 'x:1'}}\n"
        ));
    }
    Spec::from_yaml("odd.yaml", &yaml).unwrap()
}

#[test]
fn stub_methods_named_like_the_mocks_own_are_numbered() {
    let source = generate(&colliding(), &with_mock()).unwrap();
    assert_eq!(
        stubs(&source),
        [
            ("verify_2", "VERIFY"),
            ("client_2", "CLIENT"),
            ("calls_2", "CALLS"),
            ("client_with_2", "CLIENT_WITH"),
            ("ping", "PING"),
        ]
        .map(|(m, c)| (m.to_string(), c.to_string()))
    );
    // The mock's own methods are still there, once each.
    for own in ["verify", "client", "calls", "client_with"] {
        let signature = format!("fn {own}(");
        assert_eq!(
            source.matches(&signature).count(),
            2,
            "{own}: the client's and the mock's"
        );
    }
    // No model is named, so none is imported (an unused import would warn).
    assert!(!source.contains("use super::models;"));
    assert!(source.contains("OperationMock<(), (), ()>"));
}
