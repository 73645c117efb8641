//! The one-cell-per-line layout on excerpts of `000_…` (English) and `003_…` (Chinese, whose
//! 是否必选 cells are missing).

use apiref_scrape::layouts::{self, cells, Layout};
use apiref_scrape::model::Location;
use apiref_scrape::raw::{RawTable, TableRole};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/pages/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn table<'a>(tables: &'a [RawTable], role: &TableRole) -> &'a RawTable {
    tables
        .iter()
        .find(|t| &t.role == role)
        .unwrap_or_else(|| panic!("no {role:?} table"))
}

#[test]
fn chinese_path_table_without_mandatory_values_is_rebuilt_from_types() {
    let text = fixture("zh_path_table_no_mandatory.txt");
    assert_eq!(layouts::detect(&text), Some(Layout::Cells));
    let doc = cells::parse("003.txt", &text).unwrap();
    assert_eq!(doc.language, "zh");
    assert_eq!(doc.updated.as_deref(), Some("2024-11-06"));
    let op = &doc.operations[0];
    assert_eq!(op.title, "查询实例备份信息");
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("GET", "/v2/{project_id}/instances/{instance_id}/backups")
    );
    let path = table(&op.tables, &TableRole::Params(Location::Path));
    let rows: Vec<(&str, &str, usize)> = path
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.type_text.as_str(), r.line))
        .collect();
    assert_eq!(
        rows,
        [("instance_id", "String", 27), ("project_id", "String", 33)]
    );
    // The icon cells left nothing: required-ness is unknown, never silently false.
    assert!(path.rows.iter().all(|r| r.required.is_none()));
    assert_eq!(path.rows[1].description, "项目ID。获取方法请参见获取项目ID");
    let query = table(&op.tables, &TableRole::Params(Location::Query));
    let names: Vec<(&str, &str)> = query
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.type_text.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("begin_time", "String"),
            ("end_time", "String"),
            ("limit", "Integer"),
            ("offset", "Integer")
        ]
    );
    assert!(query.rows.iter().all(|r| r.required.is_none()));
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.pos.line == 27 && d.message.contains("required-ness is left unknown")));
}

#[test]
fn english_cells_keep_mandatory_and_enumerations() {
    let doc = cells::parse("000.txt", &fixture("cells_en.txt")).unwrap();
    assert_eq!(doc.language, "en");
    assert_eq!(doc.updated.as_deref(), Some("2024-04-09"));
    let op = &doc.operations[0];
    assert_eq!(op.title, "Asynchronously Exporting Instances");
    assert_eq!(op.path, "/v2/{project_id}/instances/export");
    let body = table(&op.tables, &TableRole::RequestBody);
    assert_eq!(
        body.caption.as_deref(),
        Some("Table 2 Request body parameters")
    );
    assert_eq!(body.rows.len(), 16);
    let region = body.rows.iter().find(|r| r.name == "region").unwrap();
    assert_eq!((region.required, region.line), (Some(true), 55));
    let included = &body.rows[0];
    assert_eq!(
        (
            included.name.as_str(),
            included.type_text.as_str(),
            included.required
        ),
        ("included_instances", "Array of strings", Some(false))
    );
    let cpu = body.rows.iter().find(|r| r.name == "cpu_type").unwrap();
    assert_eq!(cpu.description, "Filter instances by CPU type. The value can be x86_64 or aarch64.\nEnumeration values:\n● x86_64\n● aarch64");
    let ok = table(&op.tables, &TableRole::ResponseBody(Some(200)));
    assert_eq!(ok.rows[0].name, "job_id");
    assert_eq!(ok.rows[0].required, None);
    let err = table(&op.tables, &TableRole::ResponseBody(Some(400)));
    assert_eq!(err.rows[0].description, "Error message.\nMaximum: 1024");
}

#[test]
fn chinese_and_english_words_map_to_the_same_roles() {
    let zh = cells::parse("003.txt", &fixture("zh_path_table_no_mandatory.txt")).unwrap();
    let en = cells::parse("000.txt", &fixture("cells_en.txt")).unwrap();
    assert!(zh.operations[0]
        .tables
        .iter()
        .any(|t| t.role == TableRole::Params(Location::Path)));
    assert!(en.operations[0]
        .tables
        .iter()
        .any(|t| t.role == TableRole::Params(Location::Path)));
}

#[test]
fn a_page_without_uri_is_an_error_with_a_line() {
    let err = cells::parse(
        "bad.txt",
        "Updated on 2024-04-09 GMT+08:00\n\nTitle\n\nFunction\n\nNothing here.\n",
    )
    .unwrap_err();
    assert_eq!(err[0].pos.line, 3);
    assert!(err[0].message.contains("URI"), "{}", err[0]);
    assert!(cells::parse("empty.txt", "\n\n").is_err());
}
