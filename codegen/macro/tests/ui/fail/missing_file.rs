// A spec path that does not exist: the error names the resolved path.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/no_such_spec.yaml");

fn main() {}
