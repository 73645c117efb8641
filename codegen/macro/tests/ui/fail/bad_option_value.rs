// `client` takes a type name, not a string.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/tiny.yaml", client = "Tiny");

fn main() {}
