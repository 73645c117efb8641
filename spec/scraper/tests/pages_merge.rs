//! Merging single pages into a spec: hand-made specs for each rule, then the vendored documents.

use std::collections::BTreeSet;

mod common;

use apiref_scrape::merge::{merge, precedence, ChangeKind, Merged, Precedence};
use apiref_scrape::model::{Field, Location, Operation, Response, Schema, Service, Source, Spec};

fn field(name: &str, ty: &str, required: bool, source: &str) -> Field {
    Field {
        name: name.into(),
        location: None,
        ty: ty.into(),
        required,
        description: format!("{name} text"),
        description_zh: None,
        enum_values: Vec::new(),
        default: None,
        minimum: None,
        maximum: None,
        min_length: None,
        max_length: None,
        sensitive: None,
        source: source.into(),
    }
}

fn source(file: &str, language: &str, updated: Option<&str>) -> Source {
    Source {
        file: file.into(),
        format: "x".into(),
        language: language.into(),
        updated: updated.map(str::to_string),
    }
}

/// One operation `POST /v2/{project_id}/things` with body `Body` and a 200 response `Resp`.
fn spec(file: &str, body: Vec<Field>, nested: Vec<Field>) -> Spec {
    let mut path_param = field("project_id", "string", true, &format!("{file}:2"));
    path_param.location = Some(Location::Path);
    let op = Operation {
        name: "CreateThing".into(),
        title: "Creating a Thing".into(),
        title_zh: None,
        group: "Things".into(),
        version: "v2".into(),
        deprecated: false,
        method: "POST".into(),
        path: "/v2/{project_id}/things".into(),
        description: "Creates a thing.".into(),
        description_zh: None,
        params: vec![path_param],
        body: Some("Body".into()),
        discriminator: None,
        responses: vec![Response {
            status: 200,
            description: "OK".into(),
            body: None,
        }],
        examples: Vec::new(),
        source: format!("{file}:1"),
    };
    let mut schemas = std::collections::BTreeMap::new();
    schemas.insert(
        "Body".to_string(),
        Schema {
            description: None,
            fields: body,
            source: format!("{file}:3"),
        },
    );
    if !nested.is_empty() {
        schemas.insert(
            "Inner".to_string(),
            Schema {
                description: None,
                fields: nested,
                source: format!("{file}:9"),
            },
        );
    }
    Spec {
        service: Service {
            name: "dcs".into(),
            title: "t".into(),
            sources: vec![source(file, "en", Some("2024-04-09"))],
            ..Service::default()
        },
        operations: vec![op],
        schemas,
        error_codes: Vec::new(),
        waiters: Vec::new(),
    }
}

/// Merges `page` as the document `src` describes.
fn merge_page(base: Spec, page: &Spec, src: &Source, unknown: &BTreeSet<String>) -> Merged {
    let mut page = page.clone();
    page.service.sources = vec![src.clone()];
    merge(base, &page, unknown)
}

fn pdf() -> Spec {
    spec(
        "pdf.txt",
        vec![
            field("name", "string", true, "pdf.txt:4"),
            field("size", "integer", false, "pdf.txt:5"),
            field("old", "string", false, "pdf.txt:6"),
            field("inner", "Inner", false, "pdf.txt:7"),
        ],
        vec![field("a", "string", false, "pdf.txt:10")],
    )
}

/// The page's own names for the same schemas differ: pairing goes by the referring fields.
fn page(file: &str) -> Spec {
    let mut s = spec(
        file,
        vec![
            field("name", "string", false, &format!("{file}:4")),
            field("size", "long", false, &format!("{file}:5")),
            field("inner", "Inner", false, &format!("{file}:7")),
            field("added", "boolean", false, &format!("{file}:8")),
        ],
        vec![
            field("a", "string", false, &format!("{file}:10")),
            field("b", "integer", false, &format!("{file}:11")),
        ],
    );
    let format = s
        .schemas
        .get_mut("Body")
        .unwrap()
        .fields
        .iter_mut()
        .find(|f| f.name == "size")
        .unwrap();
    format.default = Some("1".into());
    s
}

#[test]
fn dates_decide_precedence() {
    assert_eq!(
        precedence(Some("2024-04-09"), Some("2025-08-05")),
        Precedence::PageWins
    );
    assert_eq!(
        precedence(Some("2024-04-09"), Some("2024-04-09")),
        Precedence::Equal
    );
    assert_eq!(precedence(Some("2024-04-09"), None), Precedence::FillOnly);
    assert_eq!(
        precedence(Some("2024-04-09"), Some("2023-01-01")),
        Precedence::FillOnly
    );
}

#[test]
fn newer_page_wins_for_structure_and_reports_each_field() {
    let src = source("new.txt", "en", Some("2025-01-01"));
    let m = merge_page(pdf(), &page("new.txt"), &src, &BTreeSet::new());
    let changes: Vec<String> = m
        .changes
        .iter()
        .map(|c| format!("{} {:?} {:?}->{:?}", c.path, c.kind, c.before, c.after))
        .collect();
    assert_eq!(
        changes,
        [
            "Body.name Attribute(\"required\") Some(\"true\")->Some(\"false\")",
            "Body.size Retyped Some(\"integer\")->Some(\"long\")",
            "Body.size Attribute(\"default\") None->Some(\"1\")",
            "Body.old FieldRemoved Some(\"string\")->None",
            "Inner.b FieldAdded None->Some(\"integer\")",
            "Body.added FieldAdded None->Some(\"boolean\")",
        ]
    );
    let retype = &m.changes[1];
    assert_eq!(
        (retype.base_source.as_deref(), retype.page_source.as_deref()),
        (Some("pdf.txt:5"), Some("new.txt:5"))
    );
    let body = &m.spec.schemas["Body"];
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "size", "inner", "added"]);
    // The winner's file:line everywhere.
    assert!(body.fields.iter().all(|f| f.source.starts_with("new.txt:")));
    assert_eq!(body.source, "new.txt:3");
    assert_eq!(m.spec.operations[0].source, "new.txt:1");
    assert_eq!(m.spec.service.sources.len(), 2);
}

#[test]
fn undated_page_fills_gaps_but_overrides_nothing() {
    let src = source("undated.txt", "zh", None);
    let mut p = page("undated.txt");
    p.operations[0].title = "创建".into();
    let m = merge_page(pdf(), &p, &src, &BTreeSet::new());
    let body = &m.spec.schemas["Body"];
    let size = body.fields.iter().find(|f| f.name == "size").unwrap();
    assert_eq!(
        (size.ty.as_str(), size.required, size.source.as_str()),
        ("integer", false, "pdf.txt:5")
    );
    // A gap: the default the PDF does not state.
    assert_eq!(size.default.as_deref(), Some("1"));
    // Both languages kept.
    assert_eq!(size.description, "size text");
    assert_eq!(size.description_zh.as_deref(), Some("size text"));
    assert_eq!(m.spec.operations[0].title_zh.as_deref(), Some("创建"));
    assert_eq!(m.spec.operations[0].source, "pdf.txt:1");
    // Structure stays: no field added or removed; each disagreement reported.
    let names: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "size", "old", "inner"]);
    let kinds: Vec<&ChangeKind> = m.changes.iter().map(|c| &c.kind).collect();
    assert!(kinds.contains(&&ChangeKind::Disagreement("type".into())));
    assert!(kinds.contains(&&ChangeKind::Disagreement("required".into())));
    assert!(m.changes.iter().all(|c| matches!(
        c.kind,
        ChangeKind::Disagreement(_) | ChangeKind::Attribute("default")
    )));
    assert!(!m.diagnostics.is_empty());
}

#[test]
fn equal_dates_keep_the_richer_value_and_report_disagreement() {
    let src = source("same.txt", "en", Some("2024-04-09"));
    let m = merge_page(pdf(), &page("same.txt"), &src, &BTreeSet::new());
    let body = &m.spec.schemas["Body"];
    let size = body.fields.iter().find(|f| f.name == "size").unwrap();
    assert_eq!(size.ty, "integer");
    assert_eq!(size.default.as_deref(), Some("1"));
    assert!(body.fields.iter().any(|f| f.name == "added"));
    assert!(body.fields.iter().any(|f| f.name == "old"));
    assert!(m
        .changes
        .iter()
        .any(|c| c.path == "Body.size" && c.kind == ChangeKind::Disagreement("type".into())));
}

#[test]
fn unknown_required_is_kept_and_path_parameters_stay_required() {
    let src = source("icons.txt", "zh", Some("2025-01-01"));
    let mut p = page("icons.txt");
    p.operations[0].params[0].required = false;
    let unknown: BTreeSet<String> = ["icons.txt:2", "icons.txt:4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = merge_page(pdf(), &p, &src, &unknown);
    let name = m.spec.schemas["Body"]
        .fields
        .iter()
        .find(|f| f.name == "name")
        .unwrap();
    assert!(
        name.required,
        "the PDF's Yes stays where the page has no Mandatory value"
    );
    assert!(m.spec.operations[0].params[0].required);
    assert!(!m
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::Attribute("required")));
}

#[test]
fn a_shared_schema_is_copied_before_a_page_changes_it() {
    let mut base = pdf();
    let mut other = base.operations[0].clone();
    other.name = "OtherThing".into();
    other.path = "/v2/{project_id}/others".into();
    base.operations.push(other);
    let src = source("new.txt", "en", Some("2025-01-01"));
    let m = merge_page(base, &page("new.txt"), &src, &BTreeSet::new());
    assert_eq!(
        m.spec.operations[0].body.as_deref(),
        Some("CreateThingBody")
    );
    assert_eq!(m.spec.operations[1].body.as_deref(), Some("Body"));
    assert!(m.spec.schemas["Body"]
        .fields
        .iter()
        .any(|f| f.name == "old"));
}

#[test]
fn a_new_operation_is_added_with_its_schemas() {
    let mut p = page("new.txt");
    p.operations[0].path = "/v2/{project_id}/new".into();
    p.operations[0].name = "CreateThing".into();
    let src = source("new.txt", "en", None);
    let m = merge_page(pdf(), &p, &src, &BTreeSet::new());
    assert_eq!(m.spec.operations.len(), 2);
    let added = &m.spec.operations[1];
    assert_eq!(added.name, "CreateThing2");
    // `Body` is taken by a different table: the page's copy gets the operation's name.
    assert_eq!(added.body.as_deref(), Some("CreateThingBody"));
    assert!(m
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::OperationAdded));
}

#[test]
fn merging_the_vendored_pages_changes_exactly_what_the_newer_pages_change() {
    let service = apiref_scrape::ServiceDir::open(&common::service_dir("dcs")).unwrap();
    let built = apiref_scrape::scrape(&service);
    let changes: Vec<String> = built
        .changes
        .iter()
        .filter(|c| !matches!(c.kind, ChangeKind::Disagreement(_)))
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        changes,
        ["CopyInstance: BackupInstanceBody.backup_format: default: (none) -> rdb [002_a0060ea259f01ceb.txt:14092 | 004_e55e7f00ef4b1a64.txt:101]"]
    );
    // The undated page (001) disagrees with the PDF twice and changes nothing.
    let disagreements: Vec<String> = built
        .changes
        .iter()
        .filter(|c| matches!(c.kind, ChangeKind::Disagreement(_)))
        .map(|c| c.to_string())
        .collect();
    assert_eq!(disagreements.len(), 2, "{disagreements:#?}");
    assert!(disagreements
        .iter()
        .all(|d| d.starts_with("CreateMigrationTask: ")));
    let spec = &built.spec;
    let op = spec
        .operations
        .iter()
        .find(|o| o.name == "ListBackupRecords")
        .unwrap();
    assert_eq!(op.title_zh.as_deref(), Some("查询实例备份信息"));
    assert_eq!(op.source, "003_ad913a10cab215c6.txt:3");
    // 003 has no Mandatory values: the PDF's required-ness stays.
    let path: Vec<(&str, bool)> = op
        .params
        .iter()
        .filter(|p| p.location == Some(Location::Path))
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(path, [("instance_id", true), ("project_id", true)]);
    assert!(op
        .params
        .iter()
        .filter(|p| p.location == Some(Location::Query))
        .all(|p| !p.required));
    let sources: Vec<&str> = spec
        .service
        .sources
        .iter()
        .map(|s| s.file.as_str())
        .collect();
    assert_eq!(sources.len(), 5, "{sources:?}");
}
