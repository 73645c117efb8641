//! The ECS lists paged by marker, through the generated client against a local server: the
//! marker the reply names (`page_info.next_marker`), and the last item's (`request_id`, `id`).

use ecs_client::models::{ShowEcssQuery, ShowGroupsQuery, ShowOperationsOnEcsQuery};
use ecs_client::{Config, EcsClient, RetryPolicy, RuntimeClient};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> EcsClient {
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id("p")
        .retry(RetryPolicy::none())
        .build()
        .expect("config");
    EcsClient::new(RuntimeClient::new(config).expect("client"))
}

/// Answers GET `at` with `first`, and with `after` when the request's marker is `marker`.
async fn pages(
    server: &MockServer,
    at: &str,
    first: serde_json::Value,
    marker: &str,
    after: serde_json::Value,
) {
    Mock::given(method("GET"))
        .and(path(at))
        .and(query_param("marker", marker))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(server)
        .await;
}

async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn groups_follow_the_next_marker_of_the_reply() {
    let server = MockServer::start().await;
    pages(
        &server,
        "/v1/p/cloudservers/os-server-groups",
        json!({"server_groups": [{"id": "g1"}, {"id": "g2"}], "page_info": {"next_marker": "g2"}}),
        "g2",
        json!({"server_groups": [{"id": "g3"}], "page_info": {}}),
    )
    .await;
    let got: Vec<_> = client(&server)
        .show_groups_stream(&ShowGroupsQuery::default(), 2)
        .collect()
        .await;
    let ids: Vec<_> = got.into_iter().map(|g| g.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&marker=g2"]);
}

#[tokio::test]
async fn operations_start_after_the_last_request_id() {
    let server = MockServer::start().await;
    pages(
        &server,
        "/v2.1/p/servers/srv-1/os-instance-actions",
        json!({"instanceActions": [{"request_id": "req-1"}, {"request_id": "req-2"}]}),
        "req-2",
        json!({"instanceActions": [{"request_id": "req-3"}]}),
    )
    .await;
    let got: Vec<_> = client(&server)
        .show_operations_on_ecs_stream("srv-1", &ShowOperationsOnEcsQuery::default(), 2)
        .collect()
        .await;
    let ids: Vec<_> = got
        .into_iter()
        .map(|a| a.unwrap().request_id.unwrap())
        .collect();
    assert_eq!(ids, ["req-1", "req-2", "req-3"]);
    // The document types this `limit` as text; the third page is short, so no more requests.
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&marker=req-2"]);
}

#[tokio::test]
async fn servers_start_at_the_callers_marker_then_after_the_last_id() {
    let server = MockServer::start().await;
    let link = json!([{"rel": "next", "href": "http://x/servers?marker=s-2"}]);
    pages(
        &server,
        "/v2.1/p/servers",
        json!({"servers": [{"id": "s-1"}, {"id": "s-2"}], "servers_links": link}),
        "s-2",
        json!({"servers": []}),
    )
    .await;
    let query = ShowEcssQuery::builder().marker("s-0").build().unwrap();
    let got: Vec<_> = client(&server).show_ecss_stream(&query, 2).collect().await;
    let ids: Vec<_> = got.into_iter().map(|s| s.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["s-1", "s-2"]);
    assert_eq!(
        queries(&server).await,
        ["limit=2&marker=s-0", "limit=2&marker=s-2"]
    );
}
