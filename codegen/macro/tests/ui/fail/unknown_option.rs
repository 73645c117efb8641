// An option the macro does not know.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/tiny.yaml", client_name = Tiny);

fn main() {}
