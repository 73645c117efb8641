//! One API page written many ways: headings in other words, case and number, one level deeper
//! or shallower, captions reworded or missing, a language other than English. The spec must not
//! change: what a section or a table is comes from its structure, the words are only hints.

mod common;

use apiref_scrape::model::{Location, Spec};

/// How a variant writes the page.
struct Variant {
    heading: &'static str,
    uri: &'static str,
    request: &'static str,
    response: &'static str,
    request_caption: Option<&'static str>,
    response_caption: Option<&'static str>,
    nested_caption: Option<&'static str>,
    header: [&'static str; 4],
}

const BASE: Variant = Variant {
    heading: "h4",
    uri: "URI",
    request: "Request",
    response: "Response",
    request_caption: Some("Table 2 Request parameters"),
    response_caption: Some("Table 4 Response parameters"),
    nested_caption: Some("Table 3 server field description"),
    header: ["Parameter", "Mandatory", "Type", "Description"],
};

fn caption(c: Option<&str>) -> String {
    c.map(|c| format!("<caption>{c}</caption>"))
        .unwrap_or_default()
}

fn table(id: &str, c: Option<&str>, header: &[&str; 4], rows: &[[&str; 4]]) -> String {
    let head: String = header.iter().map(|h| format!("<th>{h}</th>")).collect();
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<tr>{}</tr>\n",
                r.iter()
                    .map(|c| format!("<td>{c}</td>"))
                    .collect::<String>()
            )
        })
        .collect();
    format!(
        "<table id=\"{id}\">{}<thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n",
        caption(c)
    )
}

fn page(v: &Variant) -> String {
    let h = v.heading;
    let link = "<a href=\"#t3\">Table 3</a>";
    let server_desc = format!("The server. For details, see {link}.");
    format!(
        "<h1>Starting an ECS</h1>\n<div class=\"section\"><{h}>Function</{h}><p>Starts an ECS.</p></div>\n\
         <div class=\"section\"><{h}>{uri}</{h}><p>POST /v2.1/{{project_id}}/servers/{{server_id}}/action</p>\n{t1}</div>\n\
         <div class=\"section\"><{h}>{req}</{h}>\n{t2}{t3}</div>\n\
         <div class=\"section\"><{h}>{resp}</{h}>\n{t4}</div>\n",
        uri = v.uri,
        req = v.request,
        resp = v.response,
        t1 = table(
            "t1",
            Some("Table 1 Parameter description"),
            &[v.header[0], v.header[1], v.header[3], ""],
            &[["project_id", "Yes", "Project ID.", ""], ["server_id", "Yes", "ECS ID.", ""]]
        ),
        t2 = table(
            "t2",
            v.request_caption,
            &v.header,
            &[["os-start", "Yes", "Object", &server_desc]]
        ),
        t3 = table(
            "t3",
            v.nested_caption,
            &v.header,
            &[["id", "Yes", "String", "ECS ID."], ["force", "No", "Boolean", "Force it."]]
        ),
        t4 = table("t4", v.response_caption, &v.header, &[["job_id", "No", "String", "Task ID."]]),
    )
}

/// What must come out whatever the wording: (path params, body fields and their types, the
/// nested model's fields, the response's fields).
type Shape = (Vec<String>, Vec<(String, String)>, Vec<String>, Vec<String>);

fn shape(spec: &Spec) -> Shape {
    let op = &spec.operations[0];
    let path = op
        .params
        .iter()
        .filter(|p| p.location == Some(Location::Path))
        .map(|p| p.name.clone())
        .collect();
    let body = &spec.schemas[op.body.as_deref().expect("a body")];
    // Types by kind: a model's name may come from its caption, which variants reword.
    let fields = body
        .fields
        .iter()
        .map(|f| {
            let kind = if spec.schemas.contains_key(&f.ty) {
                "model".into()
            } else {
                f.ty.clone()
            };
            (f.name.clone(), kind)
        })
        .collect();
    let nested = &spec.schemas[&body.fields[0].ty];
    let nested_fields = nested.fields.iter().map(|f| f.name.clone()).collect();
    let response = op
        .responses
        .iter()
        .find_map(|r| r.body.as_ref())
        .map(|b| {
            spec.schemas[b]
                .fields
                .iter()
                .map(|f| f.name.clone())
                .collect()
        })
        .unwrap_or_default();
    (path, fields, nested_fields, response)
}

fn scrape(v: &Variant) -> Spec {
    let s = common::scrape_text("StartServer.html", &page(v));
    assert!(common::errors(&s).is_empty(), "{:?}", s.diagnostics);
    s.spec
}

#[test]
fn the_base_page() {
    let spec = scrape(&BASE);
    let (path, body, nested, response) = shape(&spec);
    assert_eq!(path, ["project_id", "server_id"]);
    assert_eq!(body.len(), 1);
    assert_eq!(body[0].0, "os-start");
    assert_eq!(nested, ["id", "force"]);
    assert_eq!(response, ["job_id"]);
    // The file is named after the operation.
    assert_eq!(spec.operations[0].name, "StartServer");
}

#[test]
fn every_variant_gives_the_same_spec() {
    let expected = shape(&scrape(&BASE));
    let variants = [
        Variant {
            heading: "h3",
            ..BASE
        },
        Variant {
            heading: "h5",
            ..BASE
        },
        Variant {
            heading: "h2",
            ..BASE
        },
        Variant {
            request: "Request Parameters",
            response: "Response Parameters",
            ..BASE
        },
        Variant {
            request: "request parameter",
            response: "RESPONSE PARAMETER",
            ..BASE
        },
        Variant {
            request: "Request Body",
            response: "Responses",
            ..BASE
        },
        Variant {
            uri: "Request URI",
            ..BASE
        },
        Variant { uri: "URL", ..BASE },
        Variant {
            request: "请求参数",
            response: "响应参数",
            uri: "URI",
            ..BASE
        },
        Variant {
            request_caption: None,
            response_caption: None,
            ..BASE
        },
        Variant {
            nested_caption: None,
            ..BASE
        },
        Variant {
            request_caption: Some("Table 2 Request"),
            response_caption: Some("Table 4 Response parameter"),
            ..BASE
        },
        Variant {
            request_caption: Some("Table 2 Body of the request"),
            ..BASE
        },
        Variant {
            nested_caption: Some("Table 3 Data structure of the server"),
            ..BASE
        },
        Variant {
            header: ["Name", "Required", "Data Type", "Remarks"],
            ..BASE
        },
        Variant {
            header: ["参数", "是否必选", "参数类型", "描述"],
            ..BASE
        },
        Variant {
            header: ["Field", "Mandatory/Optional", "Type", "Description"],
            ..BASE
        },
    ];
    let mut failed = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        let spec = scrape(v);
        let got = std::panic::catch_unwind(|| shape(&spec));
        if got.as_ref().ok() != Some(&expected) {
            failed.push(i);
            eprintln!("variant {i}: {:?}", spec.operations[0]);
        }
    }
    assert!(failed.is_empty(), "variants {failed:?} differ");
}

#[test]
fn an_api_explorer_link_names_the_operation() {
    let text = page(&BASE).replace(
        "<p>Starts an ECS.</p>",
        "<p>Starts an ECS. Try it in <a href=\"https://console.example/apiexplorer/#/openapi/ECS/doc?api=BatchStartServers\">API Explorer</a>.</p>",
    );
    let s = common::scrape_text("en-us_topic_1.html", &text);
    assert_eq!(s.spec.operations[0].name, "BatchStartServers");
    // Without either, the title names it.
    let s = common::scrape_text("en-us_topic_1.html", &page(&BASE));
    assert_eq!(s.spec.operations[0].name, "StartEcs");
}
