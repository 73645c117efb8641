//! The PDF-text parser on excerpts cut from the reference (`002_a0060ea259f01ceb.txt`). Each
//! fixture is a contiguous range of the document; expected values were read off the document.

mod common;

use apiref_scrape::layouts::pdf;
use apiref_scrape::model::{ExampleKind, Location};
use apiref_scrape::raw::{RawDoc, RawOperation, RawRow, RawTable, Severity, TableRole};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(name: &str) -> RawDoc {
    let doc = pdf::parse(name, &fixture(name));
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    doc
}

fn only_op(doc: &RawDoc) -> &RawOperation {
    assert_eq!(doc.operations.len(), 1);
    &doc.operations[0]
}

fn table<'a>(op: &'a RawOperation, role: &TableRole) -> &'a RawTable {
    op.tables
        .iter()
        .find(|t| &t.role == role)
        .unwrap_or_else(|| panic!("no {role:?} table"))
}

fn row<'a>(t: &'a RawTable, name: &str) -> &'a RawRow {
    t.rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name} in {:?}", t.caption))
}

fn names(t: &RawTable) -> Vec<&str> {
    t.rows.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn backup_page_sections_sdk_names_and_examples() {
    let doc = parse("backup_5_5_5.txt");
    let op = only_op(&doc);
    assert_eq!(op.title, "Backing Up a DCS Instance");
    assert_eq!(op.line, 1);
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("POST", "/v2/{project_id}/instances/{instance_id}/backups")
    );
    assert_eq!(op.sdk_operation.as_deref(), Some("CopyInstance"));
    assert_eq!(op.sdk_body.as_deref(), Some("BackupInstanceBody"));
    assert_eq!(op.description, "This API is used to back up a specific DCS instance.\nNOTE\nOnly master/standby and cluster DCS instances can be backed up and restored, while single-node instances cannot.");

    let path = table(op, &TableRole::Params(Location::Path));
    assert_eq!(names(path), ["instance_id", "project_id"]);
    assert_eq!(
        row(path, "project_id").description,
        "Project ID. For details, see Obtaining a Project ID."
    );

    let body = table(op, &TableRole::RequestBody);
    assert_eq!(
        body.caption.as_deref(),
        Some("Table 5-214 Request body parameters")
    );
    assert_eq!(names(body), ["remark", "backup_format"]);
    let fmt = row(body, "backup_format");
    // The name is printed `backup_forma` / `t`.
    assert_eq!(
        (fmt.required, fmt.type_text.as_str()),
        (Some(false), "String")
    );
    assert_eq!(
        fmt.description,
        "Format of the DCS instance backup.\nEnumeration values:\n● aof\n● rdb"
    );

    let ok = table(op, &TableRole::ResponseBody(Some(200)));
    assert_eq!(names(ok), ["backup_id"]);
    assert_eq!(row(ok, "backup_id").required, None);
    let err = table(op, &TableRole::ResponseBody(Some(500)));
    assert_eq!(names(err), ["error_msg", "error_code", "error_ext_msg"]);

    let statuses: Vec<u16> = op.status_codes.iter().map(|s| s.0).collect();
    assert_eq!(statuses, [200, 400, 500]);

    assert_eq!(op.examples.len(), 2);
    let req = &op.examples[0];
    assert_eq!(req.kind, ExampleKind::Request);
    assert_eq!(
        req.title.as_deref(),
        Some("Backing up a specified DCS instance to an AOF file")
    );
    assert_eq!(
        req.url.as_deref(),
        Some("POST https://{dcs_endpoint}/v2/{project_id}/instances/{instance_id}/backups")
    );
    assert_eq!(
        req.json.as_deref(),
        Some("{\n  \"remark\" : \"Backup instances\",\n  \"backup_format\" : \"aof\"\n}")
    );
    let resp = &op.examples[1];
    assert_eq!((resp.kind, resp.status), (ExampleKind::Response, Some(200)));
    assert_eq!(
        resp.json.as_deref(),
        Some("{\n  \"backup_id\" : \"548ceeff-2cbb-47ab-9a1c-7b085a8c08d7\"\n}")
    );
}

#[test]
fn names_broken_mid_word_and_repeated_header_rows() {
    let doc = parse("create_instance_5_1_1.txt");
    let op = only_op(&doc);
    let body = table(op, &TableRole::RequestBody);
    // 28 rows, over eleven page starts that repeat ` Parameter Mandatory Type Description`.
    assert_eq!(
        names(body),
        [
            "name",
            "engine",
            "engine_version",
            "capacity",
            "spec_code",
            "az_codes",
            "vpc_id",
            "subnet_id",
            "security_group_id",
            "publicip_id",
            "enterprise_project_id",
            "enterprise_project_name",
            "description",
            "enable_ssl",
            "private_ip",
            "instance_num",
            "maintain_begin",
            "maintain_end",
            "password",
            "no_password_access",
            "bss_param",
            "instance_backup_policy",
            "tags",
            "access_user",
            "enable_publicip",
            "port",
            "rename_commands",
            "template_id"
        ]
    );
    // `engine_versio` / `n`, and the repeated header that follows its description.
    let ev = row(body, "engine_version");
    assert_eq!(
        (ev.required, ev.type_text.as_str()),
        (Some(false), "String")
    );
    assert!(
        ev.description.ends_with("optional and can be left blank."),
        "{}",
        ev.description
    );
    assert!(body
        .rows
        .iter()
        .all(|r| !r.description.contains("Parameter Mandatory")));
    assert_eq!(row(body, "capacity").type_text, "Float");
    assert_eq!(
        row(body, "instance_num").description,
        "Number of instances to be created in batches. This parameter is available for DCS Redis and Memcached instances.\nDefault value: 1.\nValue range: 1 to 100\nDefault: 1"
    );
}

#[test]
fn multi_line_types_and_nested_tables_by_caption() {
    let doc = parse("create_instance_5_1_1.txt");
    let op = only_op(&doc);
    let body = table(op, &TableRole::RequestBody);
    // `Array of` / `strings`, `Array of` / `ResourceTag` / `objects`, `BssParam` / `object`.
    assert_eq!(row(body, "az_codes").type_text, "Array of strings");
    assert_eq!(row(body, "tags").type_text, "Array of ResourceTag objects");
    assert_eq!(row(body, "bss_param").type_text, "BssParam object");
    assert_eq!(
        row(body, "instance_backup_policy").type_text,
        "BackupPolicy object"
    );
    assert_eq!(row(body, "rename_commands").type_text, "Object");

    let nested: Vec<&str> = op
        .tables
        .iter()
        .filter_map(|t| match &t.role {
            TableRole::Nested(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        nested,
        [
            "BssParam",
            "BackupPolicy",
            "BackupPlan",
            "ResourceTag",
            "Instances"
        ]
    );
    let bss = table(op, &TableRole::Nested("BssParam".into()));
    assert_eq!(bss.caption.as_deref(), Some("Table 5-3 BssParam"));
    assert_eq!(
        names(bss),
        [
            "is_auto_renew",
            "charging_mode",
            "is_auto_pay",
            "period_type",
            "period_num"
        ]
    );
    // `period_type`'s options run into a repeated header without a blank line.
    assert!(row(bss, "period_type")
        .description
        .ends_with("Options:\n● month: monthly\n● year: yearly"));
    let plan = table(op, &TableRole::Nested("BackupPlan".into()));
    assert_eq!(row(plan, "backup_at").type_text, "Array of integers");
}

#[test]
fn page_header_and_footer_cut_through_a_table() {
    let doc = parse("list_instances_5_1_2.txt");
    let op = only_op(&doc);
    assert_eq!(op.sdk_operation.as_deref(), Some("ListInstances"));
    let query = table(op, &TableRole::Params(Location::Query));
    assert_eq!(row(query, "include_failure").type_text, "String");
    let info = table(op, &TableRole::Nested("InstanceListInfo".into()));
    // `user_name` ends the page, `Distributed Cache Service` / `API Reference 5 API V2` /
    // `Issue 01 …` follow, and `domain_name` starts the next one: the table goes on.
    let n = names(info);
    let user = n.iter().position(|x| *x == "user_name").unwrap();
    assert_eq!(n[user + 1], "domain_name");
    assert_eq!(row(info, "user_name").description, "Username.");
    assert_eq!(row(info, "readonly_domain_name").type_text, "String");
    assert_eq!(row(info, "features").type_text, "Features object");
    for t in &op.tables {
        for r in &t.rows {
            assert!(
                !r.description.contains("Distributed Cache Service"),
                "{}",
                r.name
            );
            assert!(!r.description.contains("Issue 01"), "{}", r.name);
        }
    }
    // The wrapped request line of the example is glued back together.
    let req = op
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Request)
        .unwrap();
    assert_eq!(
        req.url.as_deref(),
        Some("GET https://{dcs_endpoint}/v2/{project_id}/instances?offset=0&limit=10&name={name}&status={status}&id={id}&include_failure=true&include_delete=true&name_equal=false")
    );
}

#[test]
fn v1_tables_type_before_mandatory_with_split_headers() {
    let doc = parse("v1_create_instance_8_1_1.txt");
    let op = only_op(&doc);
    assert_eq!(
        op.chapter.as_deref(),
        Some("Out-of-Date APIs (Unavailable Soon)")
    );
    assert_eq!(op.group.as_deref(), Some("Lifecycle Management APIs"));
    assert_eq!(op.path, "/v1.0/{project_id}/instances");
    // The URI's table is captioned `Parameter description`: path and query parameters together.
    let path = table(op, &TableRole::UriParams);
    assert_eq!(names(path), ["project_id"]);
    assert_eq!(row(path, "project_id").required, Some(true));

    // Header `Parameter Type Manda` / `tory` / `Description`, repeated as `Mand` / `atory`.
    let body = table(op, &TableRole::RequestBody);
    assert_eq!(body.rows.len(), 26);
    let npa = row(body, "no_password_access"); // `no_passwo` / `rd_access`
    assert_eq!(
        (npa.type_text.as_str(), npa.required),
        ("String", Some(true))
    );
    let pub_ip = row(body, "enable_publicip"); // `enable_pu` / `blicip`, `Boolea` / `n`
    assert_eq!(
        (pub_ip.type_text.as_str(), pub_ip.required),
        ("Boolean", Some(false))
    );
    let tags = row(body, "tags"); // `tags Array` / `of` / `objects`, then `No …`
    assert_eq!(
        (tags.type_text.as_str(), tags.required),
        ("Array of objects", Some(false))
    );
    assert_eq!(
        tags.description,
        "Instance tag key and value. For details, see Table 8-3."
    );
    assert_eq!(row(body, "instance_backup_policy").type_text, "JSON");
    assert_eq!(row(body, "available_zones").type_text, "Array");

    // Table 8-3 puts Mandatory before Type (`Man` / `dator` / `y`) and is cut by a page break.
    let t83 = table(op, &TableRole::Nested("tags".into()));
    assert_eq!(names(t83), ["key", "value"]);
    assert_eq!(
        (row(t83, "key").required, row(t83, "key").type_text.as_str()),
        (Some(false), "String")
    );
    let policy = table(op, &TableRole::Nested("instance_backup_policy".into()));
    assert_eq!(
        names(policy),
        ["save_days", "backup_type", "periodical_backup_plan"]
    );
    assert_eq!(row(policy, "periodical_backup_plan").required, Some(true));
    let plan = table(op, &TableRole::Nested("periodical_backup_plan".into()));
    assert_eq!(
        names(plan),
        ["begin_at", "period_type", "backup_at", "timezone_offset"]
    );

    let resp = table(op, &TableRole::ResponseBody(Some(200)));
    assert_eq!(names(resp), ["instance_id", "instances"]);
    assert_eq!(
        names(table(op, &TableRole::Nested("instances".into()))),
        ["instance_id", "instance_name"]
    );

    // Three request examples under one request URL, and the response JSON printed right after
    // the response tables (its status comes from the status-code table).
    let reqs: Vec<_> = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Request)
        .collect();
    assert_eq!(reqs.len(), 3);
    assert!(reqs.iter().all(
        |e| e.url.as_deref() == Some("POST https://{dcs_endpoint}/v1.0/{project_id}/instances")
    ));
    assert_eq!(
        reqs[0].title.as_deref(),
        Some("Creating a DCS Redis instance")
    );
    let resp: Vec<_> = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .collect();
    assert_eq!(resp.len(), 1);
    assert_eq!(resp[0].status, Some(200));
    for e in &op.examples {
        let json = e.json.as_deref().unwrap();
        serde_json::from_str::<serde_json::Value>(json)
            .unwrap_or_else(|err| panic!("{}: {err}", e.source));
    }
}

#[test]
fn bare_array_body_and_a_name_broken_before_a_page_break() {
    let doc = parse("replica_status_5_3_6.txt");
    let op = only_op(&doc);
    let body = table(op, &TableRole::ResponseBody(Some(200)));
    assert_eq!(names(body), ["[items]"]);
    // `Array of` / `InstanceRepli` / `cationListInf` / `o objects`
    assert_eq!(
        body.rows[0].type_text,
        "Array of InstanceReplicationListInfo objects"
    );
    let info = table(op, &TableRole::Nested("InstanceReplicationListInfo".into()));
    assert_eq!(
        &names(info)[..3],
        ["replication_role", "replication_ip", "is_replication"]
    );
}

#[test]
fn error_code_table_with_wrapped_cells() {
    let doc = pdf::parse("error_codes_7_2.txt", &fixture("error_codes_7_2.txt"));
    // An excerpt without operation pages is not a usable reference: that is the one error.
    assert!(doc.operations.is_empty());
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(
        doc.diagnostics[0].message,
        "no operation pages (a section with a `URI` block and a request line)"
    );
    let codes: Vec<&str> = doc.error_codes.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "111400002",
            "111400004",
            "111400005",
            "111400007",
            "111400008",
            "111400009",
            "111400010"
        ]
    );
    let e = &doc.error_codes[2];
    assert_eq!(e.status, 400);
    assert_eq!(
        e.message,
        "The message body contains invalid characters or is not in JSON format."
    );
    assert_eq!(
        e.solution.as_deref(),
        Some("Check whether the request parameters are valid.")
    );
    assert_eq!(doc.error_codes[0].line, 10);
}

/// The same page with its captions and section headings worded otherwise: case, number, fewer
/// words, no caption at all. The spec does not change.
#[test]
fn captions_and_headings_in_other_words_give_the_same_spec() {
    let base = fixture("backup_5_5_5.txt");
    let spec_of = |text: &str| {
        let s = common::scrape_text("p.txt", text);
        assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
        let op = s.spec.operations[0].clone();
        let body: Vec<String> = s.spec.schemas[op.body.as_deref().unwrap()]
            .fields
            .iter()
            .map(|f| format!("{}:{}:{}", f.name, f.ty, f.required))
            .collect();
        let params: Vec<String> = op
            .params
            .iter()
            .map(|p| format!("{}:{:?}", p.name, p.location))
            .collect();
        (params, body, op.responses.len())
    };
    let expected = spec_of(&base);
    for (from, to) in [
        ("Table 5-213 Path Parameters", "Table 5-213 path parameter"),
        ("Table 5-213 Path Parameters", "Table 5-213 URI Parameters"),
        (
            "Table 5-214 Request body parameters",
            "Table 5-214 REQUEST BODY PARAMETER",
        ),
        ("Table 5-214 Request body parameters", "Table 5-214 Request"),
        (
            "Table 5-214 Request body parameters",
            "Table 5-214 Parameter description",
        ),
        (
            "Table 5-216 Response body parameters",
            "Table 5-216 Response Parameters",
        ),
        ("Request Parameters", "Request"),
    ] {
        let text = base.replace(from, to);
        assert_ne!(text, base, "{from}");
        assert_eq!(spec_of(&text), expected, "{from} → {to}");
    }
}
