// A spec that is not valid YAML: the error gives the line and column in the spec.
apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/yaml_syntax.yaml");

fn main() {}
