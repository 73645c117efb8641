//! A body whose keys are data (network names): its table's one row is named in prose, not like
//! a field, and stands for any key. Made-up pages in several wordings: the body must come out a
//! map of the linked table's model whatever the words, and a one-row table named like a field
//! must stay an object with that field.

mod common;

use apiref_scrape::model::{Spec, ARRAY_ITEMS_FIELD};
use apiref_scrape::raw::Severity;
use apiref_scrape::Scrape;

struct Variant {
    /// The prose name of the one row (or a field name, for the counter-case).
    row: &'static str,
    ty: &'static str,
    /// Header of the linked table.
    header: &'static str,
    example: &'static str,
}

const BASE: Variant = Variant {
    row: "Name of the network where the ECS accesses",
    ty: "List(Dict)",
    header: "<th>Attribute</th><th>Type</th><th>CRUD</th><th>Default Value</th><th>Constraint</th><th>Remarks</th>",
    example: r#"{"demo_net": [{"version": 4, "addr": "10.0.0.4"}], "other net": [{"version": 6, "addr": "::1"}]}"#,
};

fn page(v: &Variant) -> String {
    let cols = v.header.matches("<th>").count();
    let pad = "<td>x</td>".repeat(cols - 3);
    format!(
        "<h1>Querying a Network of a Server</h1>\n\
         <div class=\"section\"><h4>Function</h4><p>Queries one network.</p></div>\n\
         <div class=\"section\"><h4>URI</h4><p>GET /v2.1/{{project_id}}/servers/{{server_id}}/ips/{{name}}</p>\n\
         <table><caption>Table 1 Parameter description</caption><thead><tr><th>Parameter</th><th>Mandatory</th><th>Description</th></tr></thead>\n\
         <tbody><tr><td>project_id</td><td>Yes</td><td>Project ID.</td></tr>\n\
         <tr><td>server_id</td><td>Yes</td><td>Server ID.</td></tr>\n\
         <tr><td>name</td><td>Yes</td><td>Network name.</td></tr></tbody></table></div>\n\
         <div class=\"section\"><h4>Request</h4><p>None</p></div>\n\
         <div class=\"section\"><h4>Response</h4>\n\
         <table><caption>Table 3 Response parameters</caption><thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead>\n\
         <tbody><tr><td>{row}</td><td>{ty}</td><td>The network. For details, see <a href=\"#t4\">Table 4</a>.</td></tr></tbody></table>\n\
         <table id=\"t4\"><caption>Table 4 Network structure description</caption><thead><tr>{header}</tr></thead>\n\
         <tbody><tr><td>version</td><td>Integer</td>{pad}<td>IP version.</td></tr>\n\
         <tr><td>addr</td><td>String</td>{pad}<td>IP address.</td></tr></tbody></table></div>\n\
         <div class=\"section\"><h4>Example Response</h4><pre class=\"screen\">{example}</pre></div>\n",
        row = v.row,
        ty = v.ty,
        header = v.header,
        example = v.example,
    )
}

fn scrape(v: &Variant) -> Scrape {
    let s = common::scrape_text("ShowServerNetwork.html", &page(v));
    assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
    s
}

/// The response body's fields: (name, type).
fn body(spec: &Spec) -> Vec<(String, String)> {
    let name = spec.operations[0].responses[0]
        .body
        .as_deref()
        .expect("a body");
    spec.schemas[name]
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.ty.clone()))
        .collect()
}

/// The model a `map<string,array<M>>` body holds, with its fields.
fn value_model(spec: &Spec) -> (String, Vec<String>) {
    let fields = body(spec);
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].0, ARRAY_ITEMS_FIELD);
    let model = fields[0]
        .1
        .strip_prefix("map<string,array<")
        .and_then(|t| t.strip_suffix(">>"))
        .unwrap_or_else(|| panic!("not a map of lists: {}", fields[0].1))
        .to_string();
    let names = spec.schemas[&model]
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect();
    (model, names)
}

#[test]
fn a_prose_row_makes_the_body_a_map_of_the_linked_model() {
    let s = scrape(&BASE);
    let (_, fields) = value_model(&s.spec);
    assert_eq!(fields, ["version", "addr"]);
    // Said, at the row.
    assert!(
        s.diagnostics.iter().any(|d| d.severity == Severity::Note
            && d.message.contains("is named in prose")
            && d.message.contains(BASE.row)),
        "{:?}",
        s.diagnostics
    );
    // Every key of the example is an entry of the map, every member a field of the model.
    let r = &s.report;
    assert_eq!((r.fields, r.fields_ok), (6, 6), "{}", r);
}

#[test]
fn other_words_and_spellings_give_the_same_map() {
    let expected = value_model(&scrape(&BASE).spec).1;
    for v in [
        Variant {
            row: "Network name",
            ..BASE
        },
        Variant {
            ty: "Array of objects",
            ..BASE
        },
        Variant {
            ty: "Array&lt;Object&gt;",
            header: "<th>Parameter</th><th>Type</th><th>Description</th>",
            ..BASE
        },
    ] {
        assert_eq!(value_model(&scrape(&v).spec).1, expected, "{}", v.row);
    }
}

#[test]
fn a_one_row_table_named_like_a_field_stays_an_object() {
    let v = Variant {
        row: "networks",
        example: r#"{"networks": [{"version": 4, "addr": "10.0.0.4"}]}"#,
        ..BASE
    };
    let s = scrape(&v);
    let fields = body(&s.spec);
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].0, "networks");
    assert!(fields[0].1.starts_with("array<"), "{fields:?}");
    assert_eq!(s.report.fields, s.report.fields_ok);
}

/// The example wraps the map in a key the table leaves out (`{"metadata": {…}}`): like a body
/// of named fields, the body is wrapped, with a warning at the example.
#[test]
fn a_map_the_example_wraps_in_a_key_is_wrapped() {
    let v = Variant {
        row: "User customization",
        ty: "String",
        example: r#"{"metadata": {"__os_bit": "64", "virtual_env_type": "Ironic"}}"#,
        ..BASE
    };
    let s = scrape(&v);
    let fields = body(&s.spec);
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].0, "metadata");
    let inner = &s.spec.schemas[&fields[0].1].fields;
    assert_eq!(inner.len(), 1);
    assert_eq!(
        (inner[0].name.as_str(), inner[0].ty.as_str()),
        (ARRAY_ITEMS_FIELD, "map<string,string>")
    );
    assert!(
        s.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && d.message.contains("wraps in `metadata`")),
        "{:?}",
        s.diagnostics
    );
    assert_eq!(
        (s.report.fields, s.report.fields_ok),
        (3, 3),
        "{}",
        s.report
    );
    // Values of another type than the map's are no map of it: nothing is wrapped.
    let v = Variant {
        example: r#"{"metadata": {"__os_bit": 64}}"#,
        ..v
    };
    assert_eq!(body(&scrape(&v).spec)[0].0, ARRAY_ITEMS_FIELD);
}
