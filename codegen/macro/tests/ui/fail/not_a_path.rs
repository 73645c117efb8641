// The first argument must be the spec path.
apiref_macro::generate_client!(client = Tiny);

fn main() {}
