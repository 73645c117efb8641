// A group the spec does not have.
apiref_macro::generate_client!(
    "$APIREF_MACRO_TESTS/specs/tiny.yaml",
    groups = ["Instances", "Backups"],
);

fn main() {}
