//! The pipe-row layout on an excerpt of `001_…`: captionless nested tables named from the types
//! that refer to them.

use apiref_scrape::layouts::{self, pipe, Layout};
use apiref_scrape::model::Location;
use apiref_scrape::raw::TableRole;

fn fixture() -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/pages/pipe_captionless_nested.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn captionless_nested_tables_are_named_from_their_references() {
    let text = fixture();
    assert_eq!(layouts::detect(&text), Some(Layout::Pipe));
    let doc = pipe::parse("001.txt", &text).unwrap();
    assert_eq!(doc.updated, None);
    assert_eq!(doc.format, "pipe-rows");
    let op = &doc.operations[0];
    let roles: Vec<(&TableRole, usize, usize)> = op
        .tables
        .iter()
        .map(|t| (&t.role, t.rows.len(), t.line))
        .collect();
    assert_eq!(
        roles,
        [
            (&TableRole::Params(Location::Path), 1, 8),
            (&TableRole::RequestBody, 8, 18),
            (&TableRole::Nested("BackupFilesBody".into()), 4, 57),
            (&TableRole::Nested("Files".into()), 3, 78),
            (&TableRole::Nested("SourceInstanceBody".into()), 9, 95),
            (&TableRole::Nested("TargetInstanceBody".into()), 9, 136),
            (&TableRole::ResponseBody(Some(200)), 4, 179),
        ]
    );
    assert!(op.tables.iter().all(|t| t.caption.is_none()));
}

#[test]
fn cells_running_over_lines_are_rejoined() {
    let doc = pipe::parse("001.txt", &fixture()).unwrap();
    let body = &doc.operations[0].tables[1];
    let migration = &body.rows[2];
    assert_eq!(migration.name, "migration_type");
    assert_eq!(migration.required, Some(true));
    assert_eq!(migration.description, "迁移任务类型。 取值范围:");
    assert_eq!(body.rows[3].name, "migration_method");
    let target = &body.rows[7];
    assert_eq!(
        (target.name.as_str(), target.type_text.as_str(), target.line),
        ("target_instance", "TargetInstanceBody object", 53)
    );
    let files = &doc.operations[0].tables[2].rows[2];
    assert_eq!(
        (files.type_text.as_str(), files.required),
        ("Array of Files objects", Some(true))
    );
}

#[test]
fn field_sets_from_the_examples_settle_the_order() {
    // Printed breadth first (A, B, then A's C) instead of the usual depth-first order: the
    // example's objects tell B's table from C's.
    let text = "创建\n功能介绍\n创建。\nURI\nPOST /v2/{project_id}/x\n请求参数\n\
参数 |\n是否必选 |\n参数类型 |\n描述 |\n---|---|---|---|\n\
a |\n否 |\nA object |\nA。 |\nb |\n否 |\nB object |\nB。 |\n\
参数 |\n是否必选 |\n参数类型 |\n描述 |\n---|---|---|---|\n\
c |\n否 |\nC object |\nC。 |\nx |\n否 |\nString |\nX。 |\n\
参数 |\n是否必选 |\n参数类型 |\n描述 |\n---|---|---|---|\n\
y |\n否 |\nString |\nY。 |\n\
参数 |\n是否必选 |\n参数类型 |\n描述 |\n---|---|---|---|\n\
z |\n否 |\nString |\nZ。 |\n\
请求示例\nPOST https://{e}/v2/{project_id}/x { \"a\" : { \"c\" : { \"z\" : \"1\" } }, \"b\" : { \"y\" : \"2\" } }\n";
    let doc = pipe::parse("bfs.txt", text).unwrap();
    let nested: Vec<(&TableRole, &str)> = doc.operations[0]
        .tables
        .iter()
        .skip(1)
        .map(|t| (&t.role, t.rows[0].name.as_str()))
        .collect();
    assert_eq!(
        nested,
        [
            (&TableRole::Nested("A".into()), "c"),
            (&TableRole::Nested("B".into()), "y"),
            (&TableRole::Nested("C".into()), "z"),
        ]
    );
}
