// A field whose type names no schema.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/unknown_type.yaml");

fn main() {}
