// A path starting with an environment variable that is not set.
apiref_macro::generate_client!("$APIREF_NO_SUCH_VARIABLE/dcs.yaml");

fn main() {}
