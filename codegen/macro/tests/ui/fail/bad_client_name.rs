// A client name that would collide with the generated `models` module.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/tiny.yaml", client = models);

fn main() {}
