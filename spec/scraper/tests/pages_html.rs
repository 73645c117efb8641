//! HTML pages of the ECS reference: nested objects reached only through links, column orders,
//! query templates.

mod common;

use apiref_scrape::layouts::{self, html, Layout};
use apiref_scrape::model::{ExampleKind, Location};
use apiref_scrape::raw::TableRole;

/// A vendored ECS page, by topic number: the real documents are the fixtures.
fn ecs_page(topic: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../ecs/sources/en-us_topic_{topic}.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The parameters at `location` of the page's operation, as the spec gets them: (name, required).
fn params(text: &str, location: Location) -> Vec<(String, bool)> {
    let s = common::scrape_text("p.html", text);
    s.spec.operations[0]
        .params
        .iter()
        .filter(|p| p.location == Some(location))
        .map(|p| (p.name.clone(), p.required))
        .collect()
}

/// The page whose nested object is reached only through a link.
const LINKED_NESTED: &str = "0020212663";
/// The page whose URI carries a query template.
const QUERY_TEMPLATE: &str = "0065962600";
/// The page with nested tables no description links to.
const UNLINKED_NESTED: &str = "0102606095";

#[test]
fn nested_object_reached_only_through_a_link() {
    let text = ecs_page(LINKED_NESTED);
    assert_eq!(layouts::detect(&text), Some(Layout::Html));
    let doc = html::parse("x.html", &text).unwrap();
    let op = &doc.operations[0];
    assert_eq!(op.title, "Adding NICs to an ECS in a Batch");
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("POST", "/v1/{project_id}/cloudservers/{server_id}/nics")
    );
    assert_eq!(op.group.as_deref(), Some("NIC Management"));
    // `nics` is "Array of objects", and only "see Table 3" says which table describes it.
    let body = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::RequestBody)
        .unwrap();
    assert_eq!(body.rows[0].type_text, "Array of Nics objects");
    let nics = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::Nested("Nics".into()))
        .unwrap();
    assert_eq!(
        nics.caption.as_deref(),
        Some("Table 3 nics field description")
    );
    let names: Vec<&str> = nics.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["subnet_id", "security_groups", "ip_address"]);
    assert_eq!(nics.rows[1].type_text, "Array of SecurityGroups objects");
    assert_eq!(nics.rows[0].required, Some(true));
    assert_eq!(nics.rows[1].required, Some(false));
    // Parameter / Mandatory / Description: no type column; the URI's parameters.
    let uri = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::UriParams)
        .unwrap();
    assert_eq!(
        uri.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["project_id", "server_id"]
    );
    assert_eq!(uri.rows[0].type_text, "String");
    assert_eq!(
        params(&text, Location::Path),
        [
            ("project_id".to_string(), true),
            ("server_id".to_string(), true)
        ]
    );
    let request = &op.examples[0];
    assert_eq!(request.kind, ExampleKind::Request);
    assert_eq!(
        request.url.as_deref(),
        Some("POST https://{endpoint}/v1/{project_id}/cloudservers/{server_id}/nics")
    );
    assert!(request
        .json
        .as_deref()
        .is_some_and(|j| j.contains("\"security_groups\"")));
}

#[test]
fn query_template_becomes_query_parameters() {
    let doc = html::parse("q.html", &ecs_page(QUERY_TEMPLATE)).unwrap();
    let op = &doc.operations[0];
    assert_eq!(op.path, "/v1/{project_id}/cloudservers/fpga_image/detail");
    assert_eq!(
        op.query_template.as_deref(),
        Some("fpga_image_id={fpga_image_id}&page={page}&size={size}")
    );
    assert_eq!(
        params(&ecs_page(QUERY_TEMPLATE), Location::Query),
        [
            ("fpga_image_id".to_string(), false),
            ("page".to_string(), false),
            ("size".to_string(), false)
        ]
    );
    // The response's nested table is not linked: its caption names the field.
    let resp = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::ResponseBody(None))
        .unwrap();
    assert_eq!(resp.rows[1].type_text, "Array of Fpgaimages objects");
}

#[test]
fn unlinked_nested_table_is_taken_in_order_and_type_column_order_differs() {
    let doc = html::parse("t.html", &ecs_page(UNLINKED_NESTED)).unwrap();
    let op = &doc.operations[0];
    let resource = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::Nested("Resource".into()))
        .unwrap();
    let tags = resource.rows.iter().find(|r| r.name == "tags").unwrap();
    assert_eq!(tags.type_text, "Array of ResourceTag objects");
    let body = op
        .tables
        .iter()
        .find(|t| t.role == TableRole::RequestBody)
        .unwrap();
    let types: Vec<&str> = body.rows.iter().map(|r| r.type_text.as_str()).collect();
    assert_eq!(
        types,
        [
            "Array of Tag objects",
            "Array of strings",
            "String",
            "String",
            "String",
            "Array of Match objects"
        ]
    );
    let titles: Vec<Option<&str>> = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response)
        .map(|e| e.title.as_deref())
        .collect();
    assert_eq!(
        titles,
        [
            Some("Response body when action is set to filter"),
            Some("Response body when action is set to count")
        ]
    );
}

#[test]
fn html_without_title_is_an_error() {
    assert!(html::parse("x.html", "<html><body><p>nothing</p></body></html>").is_err());
}

#[test]
fn query_template_names_without_rows_become_query_parameters() {
    let text = ecs_page(QUERY_TEMPLATE).replace(
        "fpga_image_id={fpga_image_id}&amp;page",
        "fpga_image_id={fpga_image_id}&amp;sort={sort}&amp;page",
    );
    let doc = html::parse("q.html", &text).unwrap();
    let names: Vec<String> = params(&text, Location::Query)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["fpga_image_id", "page", "size", "sort"]);
    let sort = doc.operations[0]
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .find(|r| r.name == "sort")
        .unwrap();
    assert_eq!(sort.required, None);
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("`sort`")));
}
