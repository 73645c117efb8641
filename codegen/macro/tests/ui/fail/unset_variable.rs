// A path starting with an environment variable that is not set.
dcs_codegen_macro::generate_client!("$DCS_NO_SUCH_VARIABLE/dcs.yaml");

fn main() {}
