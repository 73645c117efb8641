//! How the example check counts a made-up page's examples: a scalar in another form than its
//! table's type is an inconsistency either way, and "read by the client" when the generated
//! runtime's lenient readers take it; an example that is almost JSON is repaired, said so at
//! its line, and its fields count.

mod common;

use apiref_scrape::Scrape;

fn page(examples: &[&str]) -> String {
    let pres: String = examples
        .iter()
        .map(|e| format!("<pre class=\"screen\">{e}</pre>\n"))
        .collect();
    let rows = [
        ("count", "Integer"),
        ("enabled", "Boolean"),
        ("name", "String"),
        ("ratio", "Float"),
        ("level", "Integer"),
    ];
    let rows: String = rows
        .iter()
        .map(|(n, t)| format!("<tr><td>{n}</td><td>{t}</td><td>The {n}.</td></tr>\n"))
        .collect();
    format!(
        "<h1>Querying a Widget</h1>\n\
         <div class=\"section\"><h4>Function</h4><p>Queries a widget.</p></div>\n\
         <div class=\"section\"><h4>URI</h4><p>GET /v1/{{project_id}}/widget</p>\n\
         <table><caption>Table 1 Parameter description</caption><thead><tr><th>Parameter</th><th>Mandatory</th><th>Description</th></tr></thead>\n\
         <tbody><tr><td>project_id</td><td>Yes</td><td>Project ID.</td></tr></tbody></table></div>\n\
         <div class=\"section\"><h4>Request</h4><p>None</p></div>\n\
         <div class=\"section\"><h4>Response</h4>\n\
         <table><caption>Table 2 Response parameters</caption><thead><tr><th>Parameter</th><th>Type</th><th>Description</th></tr></thead>\n\
         <tbody>{rows}</tbody></table></div>\n\
         <div class=\"section\"><h4>Example Response</h4>{pres}</div>\n"
    )
}

fn scrape(examples: &[&str]) -> Scrape {
    let s = common::scrape_text("ShowWidget.html", &page(examples));
    assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
    s
}

fn messages(s: &Scrape) -> Vec<String> {
    s.report
        .issues
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message))
        .collect()
}

#[test]
fn forms_the_client_reads_count_apart_from_those_it_does_not() {
    let s =
        scrape(&[r#"{"count": "40", "enabled": "yes", "name": 12, "ratio": "0.5", "level": 2.5}"#]);
    let r = &s.report;
    assert_eq!((r.fields, r.fields_ok, r.fields_read), (5, 0, 3), "{r}");
    assert_eq!(
        messages(&s),
        [
            "count: `count` is a string, the schema says integer (the client reads it)",
            "enabled: `enabled` is a string, the schema says boolean",
            "name: `name` is an integer, the schema says string (the client reads it)",
            "ratio: `ratio` is a string, the schema says float (the client reads it)",
            "level: `level` is a number, the schema says integer",
        ]
    );
    assert!(!r.outcomes[0].validates && !r.outcomes[0].read);
}

#[test]
fn an_example_the_client_reads_whole_is_counted_so() {
    let s = scrape(&[
        r#"{"count": " 7 ", "enabled": "true", "level": 2.0}"#,
        r#"{"count": 7, "enabled": true}"#,
    ]);
    let r = &s.report;
    assert_eq!((r.fields, r.fields_ok, r.fields_read), (5, 2, 5), "{r}");
    let o: Vec<(bool, bool)> = r.outcomes.iter().map(|o| (o.validates, o.read)).collect();
    assert_eq!(o, [(false, true), (true, true)]);
    let text = apiref_scrape::outputs::files(&s)
        .into_iter()
        .find(|(n, _)| *n == "reports/documents.txt")
        .unwrap()
        .1;
    assert!(text.contains("examples=1/2 read=2/2"), "{text}");
}

#[test]
fn almost_json_is_repaired_said_so_and_checked() {
    let s = scrape(&[
        "{\n  \"count\": 1, // how many\n  \"name\": \"a\",\n}",
        "{\n  \"count\": 1\n  \"name\": \"b\"\n}\nOr\n{\"count\": 2}",
        "{\"count\": 8abf6e1e}",
    ]);
    let r = &s.report;
    assert_eq!((r.examples, r.valid_json, r.repaired), (3, 0, 2), "{r}");
    // The repaired examples' four fields agree with the table.
    assert_eq!((r.fields, r.fields_ok), (4, 4), "{r}");
    let m = messages(&s);
    assert!(
        m[0].starts_with(
            ": example repaired (comment, trailing comma); as printed it is not valid JSON: "
        ),
        "{m:?}"
    );
    assert!(
        m[1].starts_with(": example repaired (missing comma, text after the value)"),
        "{m:?}"
    );
    assert!(m[2].starts_with(": example is not valid JSON: "), "{m:?}");
    // A repaired example is not one that validates as printed.
    assert!(r.outcomes.iter().all(|o| !o.validates));
    assert_eq!(r.outcomes.iter().filter(|o| o.read).count(), 2);
}
