//! Lists paged by marker against a local server: the marker read from the reply
//! (`page_info.next_marker`) or from the last item (`id`), where each walk stops, and the guards
//! against a server that ignores the marker.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;
use huaweicloud_runtime::{Error, OperationInfo, Page, Paging, ParamInfo, Request};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use support::{client, config, fast_retries};

static LIST_SERVERS: OperationInfo = OperationInfo {
    name: "ListServers",
    method: "GET",
    path: "/v2.1/{project_id}/servers",
    params: &[
        ParamInfo::query("limit", false),
        ParamInfo::query("marker", false),
    ],
    deprecated: false,
    has_body: false,
};

/// A page whose next marker is the `id` of its last item (as ECS's server lists).
#[derive(Debug, Deserialize)]
struct ServersPage {
    #[serde(default)]
    servers: Vec<Server>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Server {
    #[serde(default)]
    id: Option<String>,
}

impl Page for ServersPage {
    type Item = Server;
    fn into_items(self) -> Vec<Server> {
        self.servers
    }
    fn total(&self) -> Option<u64> {
        None
    }
    fn item_marker(item: &Server) -> Option<String> {
        item.id.clone()
    }
}

/// A page that names the next marker (as ECS's server groups: `page_info.next_marker`).
#[derive(Debug, Deserialize)]
struct GroupsPage {
    #[serde(default)]
    server_groups: Vec<Group>,
    #[serde(default)]
    page_info: Option<PageInfo>,
}

#[derive(Debug, Deserialize)]
struct PageInfo {
    #[serde(default)]
    next_marker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Group {
    id: String,
}

impl Page for GroupsPage {
    type Item = Group;
    fn into_items(self) -> Vec<Group> {
        self.server_groups
    }
    fn total(&self) -> Option<u64> {
        None
    }
    fn next_marker(&self) -> Option<String> {
        self.page_info.as_ref().and_then(|p| p.next_marker.clone())
    }
}

/// At most this many items are taken from a stream, so a stream that never ends still ends
/// the test, with its count showing it.
const CAP: usize = 500;

fn list(marker: Option<String>, limit: u32) -> Request {
    let mut r = Request::new(&LIST_SERVERS);
    r.query.push(("limit".into(), limit.to_string()));
    if let Some(m) = marker {
        r.query.push(("marker".into(), m));
    }
    r
}

/// The query of each request the server received, as `key=value` pairs joined by `&` (the
/// client sends them sorted).
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_string())
        .collect()
}

fn query_of(request: &wiremock::Request) -> HashMap<String, String> {
    request.url.query_pairs().into_owned().collect()
}

/// Serves the ids `1..=len` (as text) page by page: a page starts after the item the `marker`
/// names and holds `limit` items, less `short_by` (a server that filters); the reply names the
/// next marker (`page_info.next_marker`, while items remain) when `names_next`.
struct Listing {
    len: u64,
    names_next: bool,
    short_by: usize,
}

impl Respond for Listing {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let q = query_of(request);
        let limit: usize = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(25);
        let start: u64 = q.get("marker").and_then(|m| m.parse().ok()).unwrap_or(0);
        let end = self
            .len
            .min(start + limit.saturating_sub(self.short_by) as u64);
        let ids: Vec<String> = (start + 1..=end).map(|n| n.to_string()).collect();
        if self.names_next {
            let next = (end < self.len).then(|| end.to_string());
            let groups: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
            ResponseTemplate::new(200).set_body_json(json!({
                "server_groups": groups,
                "page_info": { "next_marker": next },
            }))
        } else {
            let servers: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
            ResponseTemplate::new(200).set_body_json(json!({ "servers": servers }))
        }
    }
}

async fn serve(listing: Listing) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(listing)
        .mount(&server)
        .await;
    server
}

async fn servers_by_id(server: &MockServer, paging: Paging) -> Vec<Result<Server, Error>> {
    let c = client(config(&server.uri(), fast_retries(1)));
    let stream = paging.by_item_marker(|marker, limit| {
        let c = c.clone();
        async move { c.execute::<ServersPage>(list(marker, limit)).await }
    });
    stream.take(CAP).collect().await
}

async fn groups_by_reply(server: &MockServer, paging: Paging) -> Vec<Result<Group, Error>> {
    let c = client(config(&server.uri(), fast_retries(1)));
    let stream = paging.by_reply_marker(|marker, limit| {
        let c = c.clone();
        async move { c.execute::<GroupsPage>(list(marker, limit)).await }
    });
    stream.take(CAP).collect().await
}

fn ids_of_servers(got: Vec<Result<Server, Error>>) -> Vec<String> {
    got.into_iter()
        .map(|r| r.expect("no error").id.expect("an id"))
        .collect()
}

fn ids_of_groups(got: Vec<Result<Group, Error>>) -> Vec<String> {
    got.into_iter().map(|r| r.expect("no error").id).collect()
}

fn texts(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn item_markers_walk_until_a_short_page() {
    let server = serve(Listing {
        len: 7,
        names_next: false,
        short_by: 0,
    })
    .await;
    let got = servers_by_id(&server, Paging::new(3)).await;
    assert_eq!(
        ids_of_servers(got),
        texts(&["1", "2", "3", "4", "5", "6", "7"])
    );
    // Each request starts after the last id of the page before; the third page (one item)
    // is short, so there is no fourth request.
    assert_eq!(
        queries(&server).await,
        ["limit=3", "limit=3&marker=3", "limit=3&marker=6"]
    );
}

#[tokio::test]
async fn item_markers_stop_at_an_empty_page() {
    let server = serve(Listing {
        len: 6,
        names_next: false,
        short_by: 0,
    })
    .await;
    let got = servers_by_id(&server, Paging::new(3)).await;
    assert_eq!(ids_of_servers(got), texts(&["1", "2", "3", "4", "5", "6"]));
    // Two full pages, then the empty one after id 6 ends the list.
    assert_eq!(
        queries(&server).await,
        ["limit=3", "limit=3&marker=3", "limit=3&marker=6"]
    );
}

#[tokio::test]
async fn reply_markers_walk_until_the_reply_names_none() {
    let server = serve(Listing {
        len: 5,
        names_next: true,
        short_by: 0,
    })
    .await;
    let got = groups_by_reply(&server, Paging::new(2)).await;
    assert_eq!(ids_of_groups(got), texts(&["1", "2", "3", "4", "5"]));
    assert_eq!(
        queries(&server).await,
        ["limit=2", "limit=2&marker=2", "limit=2&marker=4"]
    );
}

#[tokio::test]
async fn reply_markers_go_on_after_short_pages() {
    // A server that sends one item fewer than asked for, yet names the next marker: the walk
    // follows the marker, not the page length.
    let server = serve(Listing {
        len: 5,
        names_next: true,
        short_by: 1,
    })
    .await;
    let got = groups_by_reply(&server, Paging::new(3)).await;
    assert_eq!(ids_of_groups(got), texts(&["1", "2", "3", "4", "5"]));
    assert_eq!(
        queries(&server).await,
        ["limit=3", "limit=3&marker=2", "limit=3&marker=4"]
    );
}

#[tokio::test]
async fn an_empty_next_marker_ends_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "server_groups": [{"id": "a"}, {"id": "b"}],
            "page_info": {"next_marker": ""}
        })))
        .mount(&server)
        .await;
    let got = groups_by_reply(&server, Paging::new(2)).await;
    assert_eq!(ids_of_groups(got), texts(&["a", "b"]));
    assert_eq!(queries(&server).await, ["limit=2"]);
}

#[tokio::test]
async fn a_server_ignoring_the_marker_stops_at_the_repeated_item_marker() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "servers": [{"id": "s-1"}, {"id": "s-2"}]
        })))
        .mount(&server)
        .await;
    let got = servers_by_id(&server, Paging::new(2)).await;
    // The first page, then the same page again: its marker (s-2) was already sent, so its
    // items are not yielded.
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&marker=s-2"]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[..2].iter().all(Result::is_ok), "{got:?}");
    let err = got[2].as_ref().expect_err("the repeat is an error");
    assert!(
        matches!(err, Error::RepeatedPage { page: 2, offset: 2 }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("ignores the offset or the marker"),
        "{err}"
    );
}

#[tokio::test]
async fn a_reply_naming_a_marker_already_sent_is_a_repeated_page() {
    // Markers that loop: a, b, then a again.
    struct Loop(AtomicU64);
    impl Respond for Loop {
        fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            let next = ["a", "b", "a"][usize::try_from(n % 3).unwrap_or(0)];
            ResponseTemplate::new(200).set_body_json(json!({
                "server_groups": [{"id": format!("g{n}")}],
                "page_info": {"next_marker": next}
            }))
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Loop(AtomicU64::new(0)))
        .mount(&server)
        .await;
    let got = groups_by_reply(&server, Paging::new(1)).await;
    assert_eq!(
        queries(&server).await,
        ["limit=1", "limit=1&marker=a", "limit=1&marker=b"]
    );
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].as_ref().map(|g| g.id.as_str()).ok(), Some("g0"));
    assert_eq!(got[1].as_ref().map(|g| g.id.as_str()).ok(), Some("g1"));
    assert!(
        matches!(got[2], Err(Error::RepeatedPage { page: 3, offset: 2 })),
        "{got:?}"
    );
}

#[tokio::test]
async fn a_full_page_without_an_item_marker_is_an_error_after_its_items() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "servers": [{"id": "s-1"}, {}]
        })))
        .mount(&server)
        .await;
    let got = servers_by_id(&server, Paging::new(2)).await;
    assert_eq!(queries(&server).await, ["limit=2"]);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[1].as_ref().ok(), Some(&Server { id: None }));
    assert!(
        matches!(got[2], Err(Error::MissingMarker { page: 1 })),
        "{got:?}"
    );
}

#[tokio::test]
async fn an_endless_marker_list_stops_at_the_page_limit() {
    // A fresh marker on every reply: the list never ends on its own.
    struct Endless(AtomicU64);
    impl Respond for Endless {
        fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(json!({
                "server_groups": [{"id": format!("g{n}")}],
                "page_info": {"next_marker": format!("m{n}")}
            }))
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Endless(AtomicU64::new(0)))
        .mount(&server)
        .await;
    let got = groups_by_reply(&server, Paging::new(1).with_max_pages(3)).await;
    assert_eq!(queries(&server).await.len(), 3);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(
        matches!(got[3], Err(Error::TooManyPages { max_pages: 3 })),
        "{got:?}"
    );
}

#[tokio::test]
async fn an_error_reply_ends_the_walk_after_the_pages_before_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::query_param("marker", "2"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(Listing {
            len: 9,
            names_next: false,
            short_by: 0,
        })
        .mount(&server)
        .await;
    let got = servers_by_id(&server, Paging::new(2)).await;
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        matches!(got[2], Err(Error::Api { status: 500, .. })),
        "{got:?}"
    );
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&marker=2"]);
}
