//! Normalization of excerpts of the reference into spec operations and schemas: names, types,
//! enums, defaults, ranges, deduplication. Expected values were read off the document.

mod common;

use apiref_scrape::model::{Field, Operation, Spec};
use apiref_scrape::Scrape;
use common::{errors, fixture, scrape_text};

/// The excerpts joined into one document, scraped; no errors.
fn build(names: &[&str]) -> Scrape {
    let text: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    let s = scrape_text("excerpt.txt", &text.join("\n"));
    assert!(errors(&s).is_empty(), "{:?}", errors(&s));
    s
}

fn op<'a>(spec: &'a Spec, name: &str) -> &'a Operation {
    spec.operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn field<'a>(spec: &'a Spec, schema: &str, name: &str) -> &'a Field {
    let s = spec
        .schemas
        .get(schema)
        .unwrap_or_else(|| panic!("no schema {schema}"));
    s.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {schema}.{name}"))
}

#[test]
fn backup_operation_named_by_its_sdk_sample() {
    let b = build(&["backup_5_5_5.txt"]);
    let o = op(&b.spec, "CopyInstance");
    assert_eq!(o.title, "Backing Up a DCS Instance");
    assert_eq!((o.version.as_str(), o.deprecated), ("v2", false));
    assert_eq!(o.body.as_deref(), Some("BackupInstanceBody"));
    assert_eq!(o.source, "excerpt.txt:1");
    let responses: Vec<(u16, Option<&str>)> = o
        .responses
        .iter()
        .map(|r| (r.status, r.body.as_deref()))
        .collect();
    assert_eq!(
        responses,
        [
            (200, Some("CopyInstanceResponse")),
            (400, Some("ErrorResponse")),
            (500, Some("ErrorResponse"))
        ]
    );
    let params: Vec<(&str, bool)> = o
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(params, [("instance_id", true), ("project_id", true)]);

    let fmt = field(&b.spec, "BackupInstanceBody", "backup_format");
    assert_eq!((fmt.ty.as_str(), fmt.required), ("string", false));
    assert_eq!(fmt.enum_values, ["aof", "rdb"]);
    assert_eq!(fmt.source, "excerpt.txt:40");
    assert_eq!(
        field(&b.spec, "ErrorResponse", "error_msg").max_length,
        Some(1024)
    );
    assert_eq!(
        field(&b.spec, "ErrorResponse", "error_code").max_length,
        Some(9)
    );
    // The first error table (status 400), `Table 5-216`.
    assert_eq!(b.spec.schemas["ErrorResponse"].source, "excerpt.txt:64");
}

#[test]
fn types_defaults_ranges_and_one_error_schema() {
    let b = build(&["create_instance_5_1_1.txt"]);
    let s = &b.spec;
    let o = op(s, "CreateInstance");
    assert_eq!(o.body.as_deref(), Some("CreateInstanceBody"));
    let ty = |schema: &str, name: &str| field(s, schema, name).ty.clone();
    assert_eq!(ty("CreateInstanceBody", "capacity"), "float");
    assert_eq!(ty("CreateInstanceBody", "az_codes"), "array<string>");
    assert_eq!(ty("CreateInstanceBody", "tags"), "array<ResourceTag>");
    assert_eq!(ty("CreateInstanceBody", "bss_param"), "BssParam");
    assert_eq!(
        ty("CreateInstanceBody", "instance_backup_policy"),
        "BackupPolicy"
    );
    assert_eq!(ty("CreateInstanceBody", "enable_ssl"), "boolean");
    assert_eq!(ty("CreateInstanceBody", "rename_commands"), "object");
    assert_eq!(ty("BackupPolicy", "periodical_backup_plan"), "BackupPlan");
    assert_eq!(ty("BackupPlan", "backup_at"), "array<integer>");
    assert_eq!(
        ty("CreateInstanceResponse", "instances"),
        "array<Instances>"
    );

    let num = field(s, "CreateInstanceBody", "instance_num");
    assert_eq!(
        (num.default.as_deref(), num.minimum, num.maximum),
        (Some("1"), Some(1.0), Some(100.0))
    );
    assert!(field(s, "CreateInstanceBody", "name").required);
    assert!(!field(s, "CreateInstanceBody", "engine_version").required);
    assert_eq!(
        field(s, "BssParam", "period_type").enum_values,
        ["month", "year"]
    );
    assert_eq!(
        field(s, "BssParam", "charging_mode").default.as_deref(),
        Some("postPaid")
    );

    // Five identical error tables (400, 401, 403, 404, 500) are one schema.
    let errors: Vec<_> = o.responses.iter().filter(|r| r.status >= 400).collect();
    assert_eq!(errors.len(), 5);
    assert!(errors
        .iter()
        .all(|r| r.body.as_deref() == Some("ErrorResponse")));
    assert_eq!(s.schemas.keys().filter(|k| k.contains("Error")).count(), 1);
}

#[test]
fn identical_tables_across_pages_are_one_schema() {
    // `ResourceTag` appears in 5.1.1 (key required) and 5.1.2 (a response: nothing required).
    let b = build(&["create_instance_5_1_1.txt", "list_instances_5_1_2.txt"]);
    let s = &b.spec;
    assert!(field(s, "ResourceTag", "key").required);
    assert!(!field(s, "ListInstancesResourceTag", "key").required);
    assert_eq!(
        field(s, "InstanceListInfo", "tags").ty,
        "array<ListInstancesResourceTag>"
    );
    assert_eq!(
        field(s, "CreateInstanceBody", "tags").ty,
        "array<ResourceTag>"
    );
    // The error table of both pages is the same one.
    assert_eq!(
        op(s, "ListInstances").responses[1].body.as_deref(),
        Some("ErrorResponse")
    );
    let query: Vec<&str> = op(s, "ListInstances")
        .params
        .iter()
        .filter(|p| p.location == Some(apiref_scrape::model::Location::Query))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        query[..3],
        ["instance_id", "include_failure", "include_delete"]
    );
}

#[test]
fn v1_operation_gets_v1_names_and_nested_types() {
    let b = build(&["v1_create_instance_8_1_1.txt"]);
    let s = &b.spec;
    let o = op(s, "CreateInstanceV1");
    assert!(o.deprecated);
    assert_eq!(o.version, "v1");
    assert_eq!(o.body.as_deref(), Some("CreateInstanceBodyV1"));
    assert_eq!(
        o.responses[0].body.as_deref(),
        Some("CreateInstanceResponseV1")
    );
    let ty = |schema: &str, name: &str| field(s, schema, name).ty.clone();
    assert_eq!(ty("CreateInstanceBodyV1", "tags"), "array<TagsV1>");
    assert_eq!(
        ty("CreateInstanceBodyV1", "instance_backup_policy"),
        "InstanceBackupPolicyV1"
    );
    assert_eq!(ty("CreateInstanceBodyV1", "enable_publicip"), "boolean");
    assert_eq!(
        ty("InstanceBackupPolicyV1", "periodical_backup_plan"),
        "PeriodicalBackupPlanV1"
    );
    // `Array` cells say nothing of their elements: the examples do (AZ IDs, weekdays).
    assert_eq!(
        ty("CreateInstanceBodyV1", "available_zones"),
        "array<string>"
    );
    assert_eq!(ty("PeriodicalBackupPlanV1", "backup_at"), "array<integer>");
    // `instances JSON`, described by `Parameter description of the instances array`.
    assert_eq!(
        ty("CreateInstanceResponseV1", "instances"),
        "array<InstancesV1>"
    );
    let backup_type = field(s, "InstanceBackupPolicyV1", "backup_type");
    assert_eq!(backup_type.enum_values, ["auto", "manual"]);
    let save_days = field(s, "InstanceBackupPolicyV1", "save_days");
    assert_eq!(
        (save_days.minimum, save_days.maximum),
        (Some(1.0), Some(7.0))
    );
    let npa = field(s, "CreateInstanceBodyV1", "no_password_access");
    assert_eq!(
        (npa.ty.as_str(), npa.required, npa.default.as_deref()),
        ("string", true, Some("false"))
    );
}

#[test]
fn examples_are_validated_against_their_schemas() {
    let b = build(&["v1_create_instance_8_1_1.txt"]);
    let r = &b.report;
    assert_eq!((r.examples, r.valid_json), (4, 4));
    // The document's own inconsistencies in 8.1.1, each checked by hand: `no_password_access`
    // is a boolean in two examples (String in the table), `port` is "4040" (Integer), and the
    // third example puts `timezone_offset` at the top level (it belongs to the backup plan).
    let mut found: Vec<(&str, &str)> = r
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.source.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("no_password_access", "excerpt.txt:495"),
            ("no_password_access", "excerpt.txt:522"),
            ("port", "excerpt.txt:529"),
            ("timezone_offset", "excerpt.txt:584"),
        ]
    );
}
