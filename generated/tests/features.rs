//! The crate's `[features]` block matches the spec's operation groups (rust-analyzer style: fails
//! when the committed manifest is stale and prints the command that fixes it).

use std::path::PathBuf;

#[test]
fn manifest_declares_one_feature_per_operation_group() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let spec = dcs_codegen::load_spec(&dir.join("dcs.yaml")).expect("spec loads");
    let features = dcs_codegen::group_features(&spec).expect("groups name features");
    // A packaged crate keeps the manifest as written in Cargo.toml.orig (Cargo.toml is rewritten).
    let orig = dir.join("Cargo.toml.orig");
    let path = if orig.exists() {
        orig
    } else {
        dir.join("Cargo.toml")
    };
    let manifest = std::fs::read_to_string(&path).expect("manifest reads");
    let expected = dcs_codegen::update_manifest("Cargo.toml", &manifest, &features)
        .expect("the manifest has the generated block");
    assert!(
        manifest == expected,
        "{} has stale group features; run `cargo regen`",
        path.display()
    );
    // Every group of the spec is reachable through a feature that `full` enables.
    let groups: std::collections::BTreeSet<&str> =
        spec.operations.iter().map(|o| o.group.as_str()).collect();
    assert_eq!(features.len(), groups.len());
    assert_eq!(
        features.iter().map(|f| f.operations).sum::<usize>(),
        spec.operations.len()
    );
}

/// With the default features the build script generated every operation.
#[test]
fn default_features_generate_every_operation() {
    let spec = dcs_codegen::load_spec(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dcs.yaml"))
        .expect("spec loads");
    assert_eq!(dcs_client::operations::ALL.len(), spec.operations.len());
}
