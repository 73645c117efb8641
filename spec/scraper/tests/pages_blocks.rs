//! The 2025 layout on an excerpt of `004_…`: 参数解释 / 约束限制 / 取值范围 / 默认取值 blocks.

use apiref_scrape::layouts::{self, blocks, Layout};
use apiref_scrape::model::Location;
use apiref_scrape::raw::TableRole;

fn fixture() -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/pages/blocks_2025.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn description_blocks_map_onto_description_range_and_default() {
    let text = fixture();
    assert_eq!(layouts::detect(&text), Some(Layout::Blocks));
    let doc = blocks::parse("004.txt", &text).unwrap();
    assert_eq!(doc.updated.as_deref(), Some("2025-08-05"));
    let op = &doc.operations[0];
    let body = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::RequestBody)
        .unwrap();
    let remark = &body.rows[0];
    assert_eq!(remark.name, "remark");
    // 不涉及 means none.
    assert_eq!(
        (
            remark.description.as_str(),
            &remark.constraints,
            &remark.range,
            &remark.default
        ),
        ("备份缓存实例的备注信息。", &None, &None, &None)
    );
    let format = &body.rows[1];
    assert_eq!(
        (format.name.as_str(), format.line, format.required),
        ("backup_format", 101, None)
    );
    assert_eq!(format.range.as_deref(), Some("● aof\n● rdb"));
    assert_eq!(format.default.as_deref(), Some("rdb"));
    assert_eq!(
        format.description,
        "备份缓存实例的格式。\nEnumeration values:\n● aof\n● rdb"
    );
    let path = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::Params(Location::Path))
        .unwrap();
    assert_eq!(
        path.rows[1].description,
        "实例ID。可通过DCS控制台进入实例详情界面查看。"
    );
}

#[test]
fn normalized_2025_field_has_enum_and_default() {
    let doc = blocks::parse("004.txt", &fixture()).unwrap();
    let spec =
        apiref_scrape::normalize::normalize(std::slice::from_ref(&doc), &Default::default()).spec;
    let body = &spec.schemas[spec.operations[0].body.as_deref().unwrap()];
    let f = body
        .fields
        .iter()
        .find(|f| f.name == "backup_format")
        .unwrap();
    assert_eq!(f.enum_values, ["aof", "rdb"]);
    assert_eq!(f.default.as_deref(), Some("rdb"));
    assert_eq!(f.source, "004.txt:101");
}
