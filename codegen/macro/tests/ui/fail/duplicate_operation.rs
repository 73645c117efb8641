// Two operations with the same name.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/duplicate_operation.yaml");

fn main() {}
