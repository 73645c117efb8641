// An option the macro does not know.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/tiny.yaml", client_name = Tiny);

fn main() {}
