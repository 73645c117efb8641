//! The generator's side of waiters: a spec's waiter that cannot work is an error naming its line,
//! a waiter goes with its read operation's group, and a waiter never takes an operation's method
//! name. How the generated methods behave is tested in `compile-check/tests/waiters.rs`.

use std::path::Path;

use apiref_codegen::{generate, load_spec, validate_spec, Options};
use apiref_spec::{Operation, Spec};

fn small() -> Spec {
    load_spec(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/small.yaml"
    )))
    .unwrap()
}

/// The error `validate_spec` gives for the spec after `edit`, with its line in the YAML text.
fn problem(edit: impl FnOnce(&mut Spec)) -> (String, usize, String) {
    let mut spec = small();
    edit(&mut spec);
    let yaml = spec.to_yaml();
    let err = validate_spec("s.yaml", &yaml, &spec).expect_err("an invalid waiter");
    let text = err.to_string();
    let line: usize = text
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line in {text}"));
    let at = yaml.lines().nth(line - 1).unwrap_or_default().to_string();
    (text, line, at)
}

/// An edit of the spec and the error it must cause.
type Case = (fn(&mut Spec), &'static str);

#[test]
fn a_waiter_that_cannot_work_is_an_error_at_its_line() {
    let cases: Vec<Case> = vec![
        (
            |s| s.waiters[1].operation = "NoSuchOp".into(),
            "unknown operation `NoSuchOp`",
        ),
        (
            |s| s.waiters[1].operation = "CreateInstance".into(),
            "`CreateInstance` is a POST, not a GET",
        ),
        (
            |s| s.waiters[1].status = vec!["nope".into()],
            "`JobSummary` has no field `nope`",
        ),
        (
            |s| s.waiters[1].items = vec!["count".into()],
            "`items` is not an array of objects",
        ),
        (|s| s.waiters[1].id = None, "`items` without `id`"),
        (
            |s| s.waiters[1].failure.push("DONE".into()),
            "`DONE` is both a success and a failure value",
        ),
        (|s| s.waiters[1].success.clear(), "no `success` value"),
        (
            |s| s.waiters[1].started_by = vec!["Ghost".into()],
            "`started_by`: unknown operation `Ghost`",
        ),
        (
            |s| s.waiters[1].name = "Job-Listed".into(),
            "a waiter name is snake_case",
        ),
        (|s| s.waiters[1].name = "job_done".into(), "duplicate name"),
        (
            |s| {
                let list = s.operations.iter_mut().find(|o| o.name == "ListJobs");
                list.unwrap().params[1].required = true;
            },
            "takes the required query parameter `limit`",
        ),
    ];
    for (edit, words) in cases {
        let (text, _, at) = problem(edit);
        assert!(text.contains(words), "{text}");
        // The line is the waiter's own entry.
        assert!(
            at.contains("name: job_") || at.contains("name: Job-Listed"),
            "{text}: {at}"
        );
    }
    // A float status cannot be compared as text.
    let (text, _, _) = problem(|s| {
        let summary = s.schemas.get_mut("JobSummary").unwrap();
        summary.fields[1].ty = "float".into();
        summary.fields[1].enum_values.clear();
    });
    assert!(text.contains("the status is a `float`"), "{text}");
}

#[test]
fn waiters_go_with_their_operations_group() {
    let spec = small();
    let jobs = generate(
        &spec,
        &Options {
            groups: Some(vec!["Jobs".into()]),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(jobs.contains("pub mod waiters"));
    assert!(jobs.contains("pub async fn wait_until_job_done("));
    let instances = generate(
        &spec,
        &Options {
            groups: Some(vec!["Instances".into()]),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        !instances.contains("wait_until"),
        "no waiter without its read"
    );
    assert!(!instances.contains("pub mod waiters"));
    assert!(!instances.contains("WaitPolicy"));
}

#[test]
fn a_waiter_never_takes_an_operations_method_name() {
    let mut spec = small();
    let mut op: Operation = spec
        .operations
        .iter()
        .find(|o| o.name == "DeleteInstance")
        .cloned()
        .unwrap();
    op.name = "WaitUntilJobDone".into();
    op.path = "/v2/{project_id}/wait/{instance_id}".into();
    spec.operations.push(op);
    let source = generate(&spec, &Options::default()).unwrap();
    // The operation keeps its name; the waiter takes the next free one.
    assert!(
        source.contains("pub fn wait_until_job_done(\n        &self,\n        instance_id"),
        "the operation's method"
    );
    assert!(
        source.contains("pub async fn wait_until_job_done_2("),
        "the waiter's method"
    );
}
