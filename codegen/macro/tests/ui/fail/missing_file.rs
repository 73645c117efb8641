// A spec path that does not exist: the error names the resolved path.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/no_such_spec.yaml");

fn main() {}
