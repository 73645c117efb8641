// Two operations with the same name.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/duplicate_operation.yaml");

fn main() {}
