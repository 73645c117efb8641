// A client name that would collide with the generated `models` module.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/tiny.yaml", client = models);

fn main() {}
