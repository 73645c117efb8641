//! A list whose element table only wraps another object (`item objects`: one row `item`,
//! Object): the example decides whether the elements carry the wrapper key. Made-up pages, both
//! ways.

mod common;

use apiref_scrape::model::Spec;
use apiref_scrape::raw::Severity;
use apiref_scrape::Scrape;

fn page(example: &str) -> String {
    page_with(example, "")
}

/// The page with more rows in the response table.
fn page_with(example: &str, more_rows: &str) -> String {
    let head = "<thead><tr><th>Parameter</th><th>Mandatory</th><th>Type</th><th>Description</th></tr></thead>";
    format!(
        "<h1>Listing Items</h1>\n\
         <div class=\"section\"><h4>Function</h4><p>Lists the items.</p></div>\n\
         <div class=\"section\"><h4>URI</h4><p>GET /v2/{{project_id}}/items</p>\n\
         <table><caption>Table 1 Parameter description</caption><thead><tr><th>Parameter</th><th>Mandatory</th><th>Description</th></tr></thead>\n\
         <tbody><tr><td>project_id</td><td>Yes</td><td>Project ID.</td></tr></tbody></table></div>\n\
         <div class=\"section\"><h4>Request</h4><p>None</p></div>\n\
         <div class=\"section\"><h4>Response</h4>\n\
         <table><caption>Table 2 Response parameters</caption>{head}<tbody>\n\
         <tr><td>items</td><td>Yes</td><td>Array of objects</td><td>The items. See <a href=\"#t3\">Table 3</a>.</td></tr>{more_rows}</tbody></table>\n\
         <table id=\"t3\"><caption>Table 3 item objects</caption>{head}<tbody>\n\
         <tr><td>item</td><td>Yes</td><td>Object</td><td>An item.</td></tr></tbody></table>\n\
         <table><caption>Table 4 item attributes</caption>{head}<tbody>\n\
         <tr><td>id</td><td>Yes</td><td>String</td><td>Item ID.</td></tr>\n\
         <tr><td>size</td><td>Yes</td><td>Integer</td><td>Item size.</td></tr></tbody></table></div>\n\
         <div class=\"section\"><h4>Example Response</h4><pre class=\"screen\">{example}</pre></div>\n"
    )
}

fn scrape(example: &str) -> Scrape {
    let s = common::scrape_text("ListItems.html", &page(example));
    assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
    s
}

/// The type of the response's `items` and the fields of its element model.
fn items(spec: &Spec) -> (String, Vec<String>) {
    let body = spec.operations[0].responses[0].body.as_deref().unwrap();
    let ty = spec.schemas[body].fields[0].ty.clone();
    let elem = ty
        .strip_prefix("array<")
        .unwrap()
        .strip_suffix('>')
        .unwrap();
    let fields = spec.schemas[elem]
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect();
    (ty, fields)
}

#[test]
fn elements_without_the_wrapper_key_are_the_inner_object() {
    let s = scrape(r#"{"items": [{"id": "a", "size": 1}, {"id": "b", "size": 2}]}"#);
    assert_eq!(items(&s.spec).1, ["id", "size"]);
    assert!(
        s.diagnostics.iter().any(|d| d.severity == Severity::Warning
            && d.message.contains("only wraps its field `item`")),
        "{:?}",
        s.diagnostics
    );
    assert_eq!(
        (s.report.fields, s.report.fields_ok),
        (5, 5),
        "{}",
        s.report
    );
}

#[test]
fn elements_with_the_wrapper_key_keep_it() {
    let s = scrape(r#"{"items": [{"item": {"id": "a", "size": 1}}]}"#);
    assert_eq!(items(&s.spec).1, ["item"]);
    assert!(!s
        .diagnostics
        .iter()
        .any(|d| d.message.contains("only wraps")));
    assert_eq!(
        (s.report.fields, s.report.fields_ok),
        (4, 4),
        "{}",
        s.report
    );
}

#[test]
fn elements_of_something_else_change_nothing() {
    let s = scrape(r#"{"items": [{"colour": "red"}]}"#);
    assert_eq!(items(&s.spec).1, ["item"]);
    assert_eq!(s.report.fields_ok, 1, "{}", s.report);
}

/// A wrapper another field uses as well stays; the field whose example leaves it out is typed
/// with the wrapped model instead.
#[test]
fn a_shared_wrapper_stays_and_the_field_is_retyped() {
    let spare = "<tr><td>spare</td><td>Yes</td><td>Array of objects</td><td>Spares. See <a href=\"#t3\">Table 3</a>.</td></tr>";
    let example =
        r#"{"items": [{"id": "a", "size": 1}], "spare": [{"item": {"id": "b", "size": 2}}]}"#;
    let s = common::scrape_text("ListItems.html", &page_with(example, spare));
    assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
    let body = s.spec.operations[0].responses[0].body.as_deref().unwrap();
    let fields = &s.spec.schemas[body].fields;
    let ty = |name: &str| fields.iter().find(|f| f.name == name).unwrap().ty.clone();
    let wrapper = ty("spare");
    let wrapper = wrapper
        .strip_prefix("array<")
        .unwrap()
        .strip_suffix('>')
        .unwrap();
    let inner = &s.spec.schemas[wrapper].fields[0];
    assert_eq!(inner.name, "item");
    assert_eq!(ty("items"), format!("array<{}>", inner.ty));
    assert_eq!(
        (s.report.fields, s.report.fields_ok),
        (7, 7),
        "{}",
        s.report
    );
}
