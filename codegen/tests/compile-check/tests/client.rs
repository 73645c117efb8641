//! The generated client of the fixture against a local HTTP server: requests built without
//! sending, operation infos, replies decoded (204 as `()`), list streams paging until the
//! reported total, documented error codes of failed calls.

use apiref_compile_check::small::error_codes::ErrorCode;
use apiref_compile_check::small::models::{
    self, CreateInstanceBody, CreateInstanceXLanguage, Engine, ListInstancesQuery, ResultResult,
    Status, TypeQuery, TypeShardNo,
};
use apiref_compile_check::small::{
    documented_error, operations, Config, Credentials, DcsClient, RetryPolicy, RuntimeClient,
};
use futures_util::StreamExt;
use huaweicloud_runtime::{OperationInfo, ParamLocation};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "p-1";

fn client(server: &MockServer) -> DcsClient {
    let config = Config::builder()
        .region("cn-north-4")
        .project_id(PROJECT)
        .credentials(Credentials::aksk("AK", "SK"))
        .endpoint(server.uri())
        .retry(RetryPolicy::none())
        .build()
        .expect("valid config");
    DcsClient::new(RuntimeClient::new(config).expect("client"))
}

/// A client that sends nothing: its requests are only built.
fn offline() -> DcsClient {
    let config = Config::builder()
        .region("cn-north-4")
        .build()
        .expect("valid config");
    DcsClient::new(RuntimeClient::new(config).expect("client"))
}

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

#[test]
fn requests_are_built_without_sending() {
    let client = offline();
    let body = CreateInstanceBody::builder()
        .name("n")
        .engine(Engine::Memcached)
        .capacity(2.0)
        .build()
        .unwrap();
    let req = client
        .create_instance_request(Some(&CreateInstanceXLanguage::EnUs), &body)
        .unwrap();
    assert_eq!(req.operation.name, "CreateInstance");
    assert_eq!(req.operation.method, "POST");
    assert_eq!(
        req.headers,
        vec![("X-Language".to_string(), "en-us".to_string())]
    );
    assert_eq!(
        req.body,
        Some(json!({"name": "n", "engine": "Memcached", "capacity": 2.0}))
    );
    assert!(req.path_params.is_empty(), "project_id is the runtime's");

    let query = ListInstancesQuery::builder()
        .status(Status::Error)
        .tags(["a".to_string(), "b".to_string()])
        .build()
        .unwrap();
    let req = client.list_instances_request(&query).unwrap();
    assert_eq!(
        req.query,
        vec![
            ("status".into(), "ERROR".into()),
            ("tags".into(), "a".into()),
            ("tags".into(), "b".into())
        ]
    );

    let req = client
        .type_request(
            7,
            &TypeShardNo::V2,
            "g",
            None,
            &TypeQuery::builder().self_(true).build().unwrap(),
        )
        .unwrap();
    assert_eq!(
        req.path_params,
        vec![
            ("node-id", "7".into()),
            ("shard.no", "2".into()),
            ("group", "g".into())
        ]
    );
    assert_eq!(req.query, vec![("self".into(), "true".into())]);
    assert!(req.headers.is_empty());
}

#[test]
fn operation_infos_describe_every_operation() {
    assert_eq!(operations::ALL.len(), 9);
    let op = operations::TYPE;
    assert_eq!(op.path, "/v2/{project_id}/odd/{node-id}/{shard.no}/{group}");
    let names: Vec<_> = op.params.iter().map(|p| (p.name, p.location)).collect();
    use ParamLocation::*;
    // Placeholders the spec does not declare (`project_id`, `group`) are listed after the others.
    assert_eq!(
        names,
        vec![
            ("node-id", Path),
            ("shard.no", Path),
            ("X-Trace", Header),
            ("self", Query),
            ("project_id", Path),
            ("group", Path)
        ]
    );
    let flags = |op: &OperationInfo| (op.deprecated, op.has_body);
    assert_eq!(flags(&operations::CHANGE_PASSWORD), (true, true));
    assert_eq!(flags(&operations::LIST_INSTANCES), (false, false));
    // The token header is documented but left to the runtime.
    assert!(operations::CREATE_INSTANCE
        .params
        .iter()
        .any(|p| p.name == "X-Auth-Token"));
}

#[tokio::test]
async fn sending_decodes_the_reply_and_204_is_unit() {
    let server = MockServer::start().await;
    let instance = format!("/v2/{PROJECT}/instances/i-9");
    Mock::given(method("GET"))
        .and(path(instance.as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"instance_id": "i-9", "status": "RUNNING"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(instance.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("/v1.0/{PROJECT}/instances/i-9/password")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"result": "locked", "retry_times_left": 0})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/{PROJECT}/odd/1/1/g")))
        .and(query_param("self", "false"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{"id": "b", "parent": {"id": "a"}}])),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let info = client.show_instance("i-9").await.unwrap();
    assert_eq!(info.status, Some(Status::Running));
    let () = client.delete_instance("i-9").await.unwrap();
    #[allow(deprecated)]
    let result = client
        .change_password(
            "i-9",
            &models::Option::builder()
                .old_password("a")
                .new_password("b")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(result.result, Some(ResultResult::Locked));
    let boxes: Vec<models::Box> = client
        .r#type(
            1,
            &TypeShardNo::V1,
            "g",
            Some(5),
            &TypeQuery::builder().self_(false).build().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        boxes[0].parent.as_ref().and_then(|p| p.id.clone()),
        Some("a".into())
    );

    let sent = received(&server).await;
    assert_eq!(sent.len(), 4);
    let password: serde_json::Value = sent[2].body_json().unwrap();
    assert_eq!(password, json!({"old_password": "a", "new_password": "b"}));
    let trace = sent[3].headers.get("x-trace").and_then(|v| v.to_str().ok());
    assert_eq!(trace, Some("5"));
}

#[tokio::test]
async fn list_streams_page_until_the_total() {
    let server = MockServer::start().await;
    let item = |n: u32| json!({"instance_id": format!("i-{n}"), "name": "x", "status": "RUNNING", "engine": "Redis", "capacity": 1});
    for (offset, items) in [
        ("0", vec![item(1), item(2), item(3)]),
        ("3", vec![item(4), item(5)]),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("/v2/{PROJECT}/instances")))
            .and(query_param("offset", offset))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"instance_num": 5, "instances": items})),
            )
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let query = ListInstancesQuery::builder().name("x").build().unwrap();
    let items: Vec<_> = client.list_instances_stream(&query, 3).collect().await;
    let ids: Vec<_> = items
        .into_iter()
        .map(|i| i.unwrap().instance_id.unwrap())
        .collect();
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);
    // Two pages: the total says there is no third.
    let queries: Vec<_> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        queries,
        ["limit=3&name=x&offset=0", "limit=3&name=x&offset=3"]
    );
}

#[tokio::test]
async fn failed_calls_carry_their_documented_error_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error_code": "DCS.4008", "error_msg": "gone"})),
        )
        .mount(&server)
        .await;
    let err = client(&server).show_instance("i-0").await.unwrap_err();
    assert_eq!(documented_error(&err), Some(ErrorCode::Dcs4008));
    assert_eq!(
        documented_error(&err).and_then(|code| code.status()),
        Some(404)
    );
}
