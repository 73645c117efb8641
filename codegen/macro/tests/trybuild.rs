//! Compiles crates that use `generate_client!`: passing cases must build, failing cases must fail
//! with the committed `.stderr` (refresh with `TRYBUILD=overwrite`, then review by hand).

#[test]
fn ui() {
    // The cases name their specs as `$APIREF_MACRO_TESTS/…`: trybuild compiles them in a crate of its
    // own under the target directory, so a path relative to that crate would depend on where the
    // target directory is.
    std::env::set_var(
        "APIREF_MACRO_TESTS",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
    );
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
