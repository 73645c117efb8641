// The first argument must be the spec path.
dcs_codegen_macro::generate_client!(client = Tiny);

fn main() {}
