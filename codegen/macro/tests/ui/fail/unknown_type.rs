// A field whose type names no schema.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/unknown_type.yaml");

fn main() {}
