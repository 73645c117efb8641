//! The generated source for `fixtures/small.yaml`, reviewed by hand and kept as a snapshot.

use std::path::Path;

use apiref_codegen::{generate, load_spec, Options};

#[test]
fn small_spec_output() {
    let spec = load_spec(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/small.yaml"
    )))
    .unwrap();
    let source = generate(&spec, &Options::default()).unwrap();
    insta::assert_snapshot!("small", source);
}
