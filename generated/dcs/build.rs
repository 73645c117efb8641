//! Generates the client from `spec.yaml` (a link to `spec/dcs/spec.yaml`) for the enabled
//! operation-group features.
fn main() -> std::process::ExitCode {
    apiref_codegen::build_script::main("spec.yaml")
}
