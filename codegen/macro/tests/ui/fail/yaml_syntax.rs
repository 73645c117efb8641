// A spec that is not valid YAML: the error gives the line and column in the spec.
dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/specs/yaml_syntax.yaml");

fn main() {}
