// `client` takes a type name, not a string.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/tiny.yaml", client = "Tiny");

fn main() {}
