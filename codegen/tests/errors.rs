//! An invalid spec is an error naming the spec file, the item and its line; never a panic.

use std::path::PathBuf;

use apiref_codegen::{generate, load_spec, validate_spec, CodegenError, Options};
use apiref_spec::Spec;

const VALID: &str = "\
service:
  name: dcs
  title: DCS
  sources: []
operations:
- name: ShowInstance
  title: Show
  group: Instances
  version: v2
  method: GET
  path: /v2/{project_id}/instances/{instance_id}
  params:
  - {name: instance_id, in: path, type: string, required: true, source: d:1}
  responses:
  - {status: 200, body: Instance}
  source: d:1
- name: ListInstances
  title: List
  group: Instances
  version: v2
  method: GET
  path: /v2/{project_id}/instances
  responses:
  - {status: 200, body: Instance}
  source: d:2
schemas:
  Instance:
    fields:
    - {name: instance_id, type: string, required: true, source: d:3}
    - {name: tags, type: array<Tag>, required: false, source: d:4}
    source: d:3
  Tag:
    fields:
    - {name: key, type: string, required: true, source: d:5}
    source: d:5
";

fn check(text: &str) -> Result<(), CodegenError> {
    let spec = Spec::from_yaml("spec/x.yaml", text)?;
    validate_spec("spec/x.yaml", text, &spec)
}

fn error_for(text: &str) -> CodegenError {
    let err = check(text).expect_err("the spec is invalid");
    assert_eq!(err.file.as_deref(), Some("spec/x.yaml"), "{err}");
    err
}

#[test]
fn the_valid_spec_passes() {
    check(VALID).unwrap();
}

#[test]
fn unknown_type_names_the_field_and_its_type_line() {
    let err = error_for(&VALID.replace("type: array<Tag>", "type: array<Tagg>"));
    assert_eq!(err.line, Some(30), "{err}");
    assert!(
        err.message
            .contains("schema `Instance`, field `tags`: unknown type `Tagg`"),
        "{err}"
    );
    assert_eq!(
        err.to_string().split(": ").next(),
        Some("spec/x.yaml:30:20"),
        "{err}"
    );
}

#[test]
fn unknown_response_body_names_the_operation() {
    let err = error_for(&VALID.replacen("body: Instance}", "body: Instanz}", 1));
    assert_eq!(err.line, Some(15), "{err}");
    assert!(
        err.message
            .contains("operation `ShowInstance`, response 200: unknown type `Instanz`"),
        "{err}"
    );
}

#[test]
fn duplicate_operation_points_at_the_second() {
    let err = error_for(&VALID.replace("name: ListInstances", "name: ShowInstance"));
    assert_eq!(err.line, Some(17), "{err}");
    assert!(
        err.message
            .contains("operation `ShowInstance`: duplicate operation name"),
        "{err}"
    );
}

#[test]
fn empty_names_are_errors() {
    let err = error_for(&VALID.replace("name: ListInstances", "name: ''"));
    assert_eq!(err.line, Some(22), "{err}");
    assert!(
        err.message
            .contains("operation `GET /v2/{project_id}/instances`: empty `name`"),
        "{err}"
    );

    let err = error_for(&VALID.replace("{name: key,", "{name: '',"));
    assert_eq!(err.line, Some(34), "{err}");
    assert!(
        err.message.contains("schema `Tag`, field ``: empty `name`"),
        "{err}"
    );

    let err = error_for(
        &VALID
            .replace("  Tag:\n", "  '':\n")
            .replace("array<Tag>", "string"),
    );
    assert_eq!(err.line, Some(32), "{err}");
    assert!(err.message.contains("schema with an empty name"), "{err}");
}

#[test]
fn parameter_problems() {
    let err = error_for(&VALID.replace("in: path, type: string", "type: string"));
    assert_eq!(err.line, Some(13), "{err}");
    assert!(
        err.message
            .contains("parameter `instance_id`: missing `in`"),
        "{err}"
    );

    let err = error_for(&VALID.replace("/instances/{instance_id}", "/instances/{id}"));
    assert!(
        err.message.contains("path parameter not in the path"),
        "{err}"
    );

    let err = error_for(&VALID.replace("method: GET", "method: FETCH"));
    assert_eq!(err.line, Some(10), "{err}");
}

#[test]
fn several_problems_are_counted() {
    let text = VALID
        .replace("type: array<Tag>", "type: Nope")
        .replace("name: ListInstances", "name: ShowInstance");
    let err = error_for(&text);
    assert!(err.message.ends_with("(and 1 more problem)"), "{err}");
}

#[test]
fn yaml_errors_carry_line_and_column() {
    let err = Spec::from_yaml(
        "spec/x.yaml",
        &VALID.replace("  title: DCS\n", "  title: DCS\n  bogus: 1\n"),
    )
    .map_err(CodegenError::from)
    .unwrap_err();
    assert_eq!(
        (err.file.as_deref(), err.line),
        (Some("spec/x.yaml"), Some(4)),
        "{err}"
    );
}

#[test]
fn load_spec_names_missing_files_and_validates() {
    let err = load_spec(&PathBuf::from("/nonexistent/dcs.yaml")).unwrap_err();
    assert_eq!(err.file.as_deref(), Some("/nonexistent/dcs.yaml"));
    assert!(err.message.contains("cannot read the spec"), "{err}");

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("errors-bad.yaml");
    std::fs::write(&path, VALID.replace("type: array<Tag>", "type: Nope")).unwrap();
    let err = load_spec(&path).unwrap_err();
    assert_eq!(
        (err.line, err.file),
        (Some(30), Some(path.display().to_string()))
    );
}

#[test]
fn generate_rejects_an_unchecked_invalid_spec_without_panicking() {
    let spec =
        Spec::from_yaml("x", &VALID.replace("type: array<Tag>", "type: array<Nope>")).unwrap();
    let err = generate(&spec, &Options::default()).unwrap_err();
    assert_eq!((err.file, err.line), (None, None));
    assert!(
        err.message.contains("unknown type `Nope`"),
        "{}",
        err.message
    );
}
