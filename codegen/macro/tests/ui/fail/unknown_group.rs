// A group the spec does not have.
dcs_codegen_macro::generate_client!(
    "$DCS_MACRO_TESTS/specs/tiny.yaml",
    groups = ["Instances", "Backups"],
);

fn main() {}
