//! Waiters found by structure and classified by words, on specs of made-up services worded
//! unlike DCS and ECS: reads of one resource (also inside a wrapper object), reads that list
//! resources, values described in English, in Chinese, only by their own words, or not at all;
//! the manifest completing what the documents leave open. Expected values were worked out by
//! hand from the rules in `src/waiters.rs`.

mod common;

use std::collections::BTreeMap;

use apiref_scrape::model::{
    Field, Location, Operation, Response, Schema, Service, Spec, WaiterBasis,
};
use apiref_scrape::pipeline::scrape_documents;
use apiref_scrape::raw::{Diagnostic, Severity};
use apiref_scrape::service::{Document, WaiterHint};
use apiref_scrape::waiters::find;
use apiref_scrape::Manifest;

fn field(name: &str, ty: &str, desc: &str, values: &[&str], line: usize) -> Field {
    Field {
        name: name.into(),
        ty: ty.into(),
        description: desc.into(),
        enum_values: values.iter().map(|v| v.to_string()).collect(),
        source: format!("api.html:{line}"),
        ..Field::default()
    }
}

fn path_param(name: &str) -> Field {
    Field {
        location: Some(Location::Path),
        required: true,
        ..field(name, "string", "An id.", &[], 1)
    }
}

fn op(name: &str, method: &str, path: &str, reply: Option<&str>) -> Operation {
    let params = path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(path_param)
        .collect();
    Operation {
        name: name.into(),
        title: name.into(),
        title_zh: None,
        group: "G".into(),
        version: "v1".into(),
        deprecated: false,
        method: method.into(),
        path: path.into(),
        description: String::new(),
        description_zh: None,
        params,
        body: None,
        discriminator: None,
        responses: vec![Response {
            status: 200,
            description: "OK".into(),
            body: reply.map(str::to_string),
        }],
        examples: Vec::new(),
        source: format!("api.html:{}", name.len()),
    }
}

fn spec(ops: Vec<Operation>, schemas: Vec<(&str, Vec<Field>)>) -> Spec {
    Spec {
        service: Service::default(),
        operations: ops,
        schemas: schemas
            .into_iter()
            .map(|(n, fields)| {
                (
                    n.to_string(),
                    Schema {
                        description: None,
                        fields,
                        source: "api.html:1".into(),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
        error_codes: Vec::new(),
        waiters: Vec::new(),
    }
}

fn hint(op: &str, success: &[&str], failure: &[&str], line: usize) -> WaiterHint {
    WaiterHint {
        operation: op.into(),
        success: success.iter().map(|s| s.to_string()).collect(),
        failure: failure.iter().map(|s| s.to_string()).collect(),
        line,
        ..WaiterHint::default()
    }
}

fn run(s: &mut Spec, hints: &[WaiterHint]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    find(s, hints, &mut diagnostics);
    diagnostics
}

fn names(s: &Spec) -> Vec<&str> {
    s.waiters.iter().map(|w| w.name.as_str()).collect()
}

/// A cluster service: the state inside a wrapper object, values explained in bullets, and an
/// asynchronous create that returns a job id.
fn clusters() -> Spec {
    let state = field(
        "state",
        "string",
        "Cluster state.\n● Provisioning: resources are being allocated.\n● Available: the cluster serves requests.\n● Degraded: the cluster cannot recover, see the logs.\n● Scaling: nodes are being added.",
        &["Provisioning", "Available", "Degraded", "Scaling"],
        40,
    );
    let job_status = field(
        "status",
        "string",
        "Status of the job.",
        &["QUEUED", "DONE", "FAILED"],
        60,
    );
    spec(
        vec![
            op(
                "CreateCluster",
                "POST",
                "/v1/{project_id}/clusters",
                Some("Created"),
            ),
            op(
                "DescribeCluster",
                "GET",
                "/v1/{project_id}/clusters/{cluster_id}",
                Some("ClusterReply"),
            ),
            op(
                "QueryJob",
                "GET",
                "/v1/{project_id}/jobs/{job_id}",
                Some("Job"),
            ),
        ],
        vec![
            (
                "Created",
                vec![field("job_id", "string", "The job.", &[], 10)],
            ),
            (
                "ClusterReply",
                vec![field("cluster", "ClusterInfo", "The cluster.", &[], 30)],
            ),
            (
                "ClusterInfo",
                vec![
                    field("id", "string", "Cluster id.", &[], 35),
                    field("node_state", "string", "Not the status.", &["X"], 36),
                    state,
                ],
            ),
            (
                "Job",
                vec![field("job_id", "string", "Job id.", &[], 55), job_status],
            ),
        ],
    )
}

#[test]
fn a_read_of_one_resource_is_classified_by_its_values_descriptions() {
    let mut s = clusters();
    let diags = run(&mut s, &[]);
    // `Degraded` cannot recover, its description says, in no word of failure: left open, the
    // cluster gets no waiter.
    assert_eq!(names(&s), ["job_done"]);
    let open: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(
        open[0].starts_with("api.html:40: warning: `DescribeCluster` (status `cluster.state`)"),
        "{}",
        open[0]
    );
    assert!(open[0].contains("Degraded"), "{}", open[0]);

    let job = &s.waiters[0];
    assert_eq!(job.operation, "QueryJob");
    assert_eq!(job.status, ["status"]);
    assert_eq!(
        (
            job.success.as_slice(),
            job.failure.as_slice(),
            job.pending.as_slice()
        ),
        (
            &["DONE".to_string()][..],
            &["FAILED".to_string()][..],
            &["QUEUED".to_string()][..]
        )
    );
    // The create's reply carries `job_id`, the read's last placeholder.
    assert_eq!(job.started_by, ["CreateCluster"]);
    assert_eq!(job.decided_by, WaiterBasis::Documents);
    assert_eq!(job.source, "api.html:60");
}

#[test]
fn a_failure_word_in_the_description_completes_the_classification() {
    let mut s = clusters();
    let info = s.schemas.get_mut("ClusterInfo").unwrap();
    let state = info.fields.iter_mut().find(|f| f.name == "state").unwrap();
    state.description = state
        .description
        .replace("cannot recover, see the logs", "is in error");
    let diags = run(&mut s, &[]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(names(&s), ["cluster_available", "job_done"]);
    let c = &s.waiters[0];
    assert_eq!(c.status, ["cluster", "state"]);
    assert_eq!(c.success, ["Available"]);
    assert_eq!(c.failure, ["Degraded"]);
    assert_eq!(c.pending, ["Provisioning", "Scaling"]);
    // Nothing returns a `cluster_id`.
    assert!(c.started_by.is_empty());

    // The create returns the new clusters' ids in an array of objects; a resize on
    // `…/{cluster_id}/resize` echoes the id it was given: only the create starts a cluster.
    s.schemas.get_mut("Created").unwrap().fields.push(field(
        "clusters",
        "array<ClusterRef>",
        "The clusters.",
        &[],
        11,
    ));
    s.schemas.insert(
        "ClusterRef".into(),
        Schema {
            description: None,
            fields: vec![field("cluster_id", "string", "Id.", &[], 12)],
            source: "api.html:12".into(),
        },
    );
    s.operations.push(op(
        "ResizeCluster",
        "POST",
        "/v1/{project_id}/clusters/{cluster_id}/resize",
        Some("ClusterRef"),
    ));
    run(&mut s, &[]);
    assert_eq!(s.waiters[0].started_by, ["CreateCluster"]);
}

#[test]
fn the_manifest_states_what_the_documents_leave_open() {
    let mut s = clusters();
    let hints = [hint(
        "DescribeCluster",
        &["Available"],
        &["Degraded", "Gone"],
        7,
    )];
    let diags = run(&mut s, &hints);
    assert_eq!(names(&s), ["cluster_available", "job_done"]);
    let c = &s.waiters[0];
    assert_eq!(c.decided_by, WaiterBasis::Manifest);
    assert_eq!(c.source, "service.yaml:7");
    assert_eq!(
        c.status,
        ["cluster", "state"],
        "the field the structure finds"
    );
    // `Gone` is not documented: kept, and said.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].pos.file, "service.yaml");
    assert_eq!(diags[0].pos.line, 7);
    assert!(diags[0].message.contains("Gone not among"), "{}", diags[0]);
}

#[test]
fn manifest_entries_that_cannot_work_are_reported_not_guessed() {
    let mut s = clusters();
    let mut skip = hint("DescribeCluster", &[], &[], 3);
    skip.skip = true;
    let mut wrong_field = hint("QueryJob", &["DONE"], &[], 5);
    wrong_field.status = vec!["phase".into()];
    let hints = [
        skip,
        hint("NoSuchRead", &["DONE"], &[], 4),
        wrong_field,
        hint("CreateCluster", &["DONE"], &[], 6),
    ];
    let diags = run(&mut s, &hints);
    // Skipped: no waiter, no warning. The bad entries: a warning each at their line, and the
    // job's read, named by a bad entry, gives no waiter either.
    assert!(names(&s).is_empty(), "{:?}", names(&s));
    let lines: Vec<(usize, Severity)> = diags.iter().map(|d| (d.pos.line, d.severity)).collect();
    assert_eq!(
        lines,
        [
            (4, Severity::Warning),
            (5, Severity::Warning),
            (6, Severity::Warning)
        ]
    );
    assert!(diags[0].message.contains("no such operation"));
    assert!(diags[1]
        .message
        .contains("`status: [phase]` is not a field"));
    assert!(diags[2].message.contains("polls a GET"));
}

/// A snapshot service: snapshots are only listed, with their status described in Chinese.
fn snapshots() -> Spec {
    let status = Field {
        description_zh: Some(
            "快照状态。\n● creating：创建中\n● ready：可以使用\n● error：创建失败".into(),
        ),
        ..field(
            "status",
            "string",
            "Snapshot status.",
            &["creating", "ready", "error"],
            80,
        )
    };
    let mut list = op(
        "ListSnapshots",
        "GET",
        "/v3/{project_id}/volumes/{volume_id}/snapshots",
        Some("SnapshotList"),
    );
    list.params.push(Field {
        location: Some(Location::Query),
        ..field("limit", "integer", "Page size.", &[], 70)
    });
    spec(
        vec![
            op(
                "TakeSnapshot",
                "POST",
                "/v3/{project_id}/volumes/{volume_id}/snapshots",
                Some("Taken"),
            ),
            list,
        ],
        vec![
            (
                "Taken",
                vec![field("snapshot_id", "string", "Id.", &[], 65)],
            ),
            (
                "SnapshotList",
                vec![
                    field("count", "integer", "Total.", &[], 75),
                    field("snapshots", "array<Snapshot>", "The snapshots.", &[], 76),
                ],
            ),
            (
                "Snapshot",
                vec![field("snapshot_id", "string", "Id.", &[], 79), status],
            ),
        ],
    )
}

#[test]
fn a_list_read_gives_a_waiter_on_its_items() {
    let mut s = snapshots();
    let diags = run(&mut s, &[]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(names(&s), ["snapshot_ready"]);
    let w = &s.waiters[0];
    assert_eq!(w.operation, "ListSnapshots");
    assert_eq!(w.items, ["snapshots"]);
    assert_eq!(w.id.as_deref(), Some("snapshot_id"));
    assert_eq!(w.status, ["status"]);
    assert_eq!(
        (w.failure.clone(), w.pending.clone()),
        (vec!["error".to_string()], vec!["creating".to_string()])
    );
    assert_eq!(w.started_by, ["TakeSnapshot"]);
}

#[test]
fn a_list_is_no_candidate_where_one_resource_can_be_read_or_a_query_is_required() {
    // A read of one snapshot: it is the better poll, the list gives nothing.
    let mut s = snapshots();
    s.operations.push(op(
        "ShowSnapshot",
        "GET",
        "/v3/{project_id}/volumes/{volume_id}/snapshots/{snapshot_id}",
        Some("Snapshot"),
    ));
    run(&mut s, &[]);
    assert_eq!(names(&s), ["snapshot_ready"]);
    assert_eq!(s.waiters[0].operation, "ShowSnapshot");
    assert!(s.waiters[0].items.is_empty());

    // A required query parameter: a waiter could not read the list.
    let mut s = snapshots();
    let limit = s.operations[1]
        .params
        .iter_mut()
        .find(|p| p.name == "limit");
    limit.expect("a limit").required = true;
    run(&mut s, &[]);
    assert!(names(&s).is_empty());

    // A deprecated read is not polled.
    let mut s = snapshots();
    s.operations[1].deprecated = true;
    run(&mut s, &[]);
    assert!(names(&s).is_empty());
}

#[test]
fn a_status_without_values_is_reported() {
    let mut s = snapshots();
    let snap = s.schemas.get_mut("Snapshot").unwrap();
    snap.fields[1].enum_values.clear();
    let diags = run(&mut s, &[]);
    assert!(names(&s).is_empty());
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string().split(": warning").next(),
        Some("api.html:80")
    );
    assert!(diags[0].message.contains("lists no values"), "{}", diags[0]);
    // The manifest names the values, and the list's id and items come from the structure.
    let mut h = hint("ListSnapshots", &["ready"], &["error"], 9);
    h.resource = Some("volume snapshot".into());
    let diags = run(&mut s, &[h]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(names(&s), ["volume_snapshot_ready"]);
    assert_eq!(s.waiters[0].id.as_deref(), Some("snapshot_id"));
}

#[test]
fn a_manifest_entry_without_values_only_names_the_waiter() {
    let mut s = snapshots();
    let mut h = hint("ListSnapshots", &[], &[], 2);
    h.resource = Some("DiskSnapshot".into());
    let diags = run(&mut s, &[h]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(names(&s), ["disk_snapshot_ready"]);
    assert_eq!(s.waiters[0].decided_by, WaiterBasis::Documents);
    assert_eq!(s.waiters[0].source, "api.html:80");
}

#[test]
fn odd_specs_do_not_panic() {
    let mut s = spec(
        vec![
            op("ShowRoot", "GET", "/{x}", Some("Missing")),
            op("ShowNothing", "GET", "/", None),
            op("ShowEmpty", "GET", "", Some("Empty")),
            op("ShowFloat", "GET", "/a/{id}", Some("Float")),
            op("ShowArray", "GET", "/b/{id}", Some("Array")),
        ],
        vec![
            ("Empty", vec![]),
            (
                "Float",
                vec![field("status", "float", "A number.", &["1.5"], 3)],
            ),
            (
                "Array",
                vec![field("[items]", "array<string>", "Bare.", &[], 4)],
            ),
        ],
    );
    let hints = [
        hint("ShowRoot", &["A"], &[], 1),
        hint("ShowEmpty", &["A"], &[], 2),
    ];
    let diags = run(&mut s, &hints);
    assert!(s.waiters.is_empty());
    assert_eq!(diags.len(), 2, "{diags:?}");
}

/// One HTML page of a made-up service, scraped whole: the values come from bullets without a
/// label, and the page's wording is not the references'.
#[test]
fn from_documents_to_a_waiter() {
    let page = "<h1>Getting an Export Task</h1>\n\
        <div class=\"section\"><h4>Function</h4><p>Gets an export task.</p></div>\n\
        <div class=\"section\"><h4>URI</h4><p>GET /v2/{project_id}/exports/{export_id}</p>\n\
        <table><thead><tr><th>Parameter</th><th>Mandatory</th><th>Type</th><th>Description</th></tr></thead><tbody>\n\
        <tr><td>project_id</td><td>Yes</td><td>String</td><td>Project ID.</td></tr>\n\
        <tr><td>export_id</td><td>Yes</td><td>String</td><td>Export ID.</td></tr>\n\
        </tbody></table></div>\n\
        <div class=\"section\"><h4>Response</h4>\n\
        <table><caption>Table 2 Response body</caption><thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead><tbody>\n\
        <tr><td>export_id</td><td>String</td><td>Export ID.</td></tr>\n\
        <tr><td>state</td><td>String</td><td><p>Where the export is.</p><ul><li>queued: waiting for a worker.</li><li>writing: the file is being written.</li><li>finished: the file can be downloaded.</li><li>aborted: the export was cancelled.</li></ul></td></tr>\n\
        </tbody></table></div>\n";
    let docs = [Document::new("export.html", page)];
    let manifest = Manifest::new("exp", "Export Service");
    let s = scrape_documents(&manifest, &docs, Vec::new());
    let state = s
        .spec
        .schemas
        .values()
        .flat_map(|x| &x.fields)
        .find(|f| f.name == "state")
        .expect("a state field");
    assert_eq!(
        state.enum_values,
        ["queued", "writing", "finished", "aborted"],
        "{:?}",
        state.description
    );
    let names: Vec<&str> = s.spec.waiters.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["export_finished"], "{:?}", s.diagnostics);
    let w = &s.spec.waiters[0];
    assert_eq!(w.failure, ["aborted"]);
    assert_eq!(w.pending, ["queued", "writing"]);
    assert!(w.source.starts_with("export.html:"), "{}", w.source);
}
