//! The in-process transport and the generic test double (feature `mock`): stubbed replies go
//! through the client's real checks, retries and decoding; calls are recorded and read back as
//! typed queries and bodies; delays, timeouts, sequences, conditions, unexpected calls.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use huaweicloud_runtime::mock::{Failure, Mock, MockReply, MOCK_PROJECT_ID};
use huaweicloud_runtime::{
    Client, Config, Credentials, Error, OperationInfo, ParamInfo, Request, RetryPolicy, ServiceInfo,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

static SERVICE: ServiceInfo = ServiceInfo {
    name: "dcs",
    endpoint: "https://dcs.{region}.myhuaweicloud.com",
};

static SHOW: OperationInfo = OperationInfo {
    name: "ShowInstance",
    method: "GET",
    path: "/v2/{project_id}/instances/{instance_id}",
    params: &[ParamInfo::path("instance_id")],
    deprecated: false,
    has_body: false,
};

static LIST: OperationInfo = OperationInfo {
    name: "ListInstances",
    method: "GET",
    path: "/v2/{project_id}/instances",
    params: &[ParamInfo::query("limit", true)],
    deprecated: false,
    has_body: false,
};

static BACKUP: OperationInfo = OperationInfo {
    name: "CopyInstance",
    method: "POST",
    path: "/v2/{project_id}/instances/{instance_id}/backups",
    params: &[
        ParamInfo::path("instance_id"),
        ParamInfo::header("X-Language", false),
    ],
    deprecated: false,
    has_body: true,
};

/// A reply model as generated: optional fields, lenient scalars.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Instance {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "huaweicloud_runtime::lenient::text"
    )]
    name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "huaweicloud_runtime::lenient::num"
    )]
    capacity: Option<f64>,
}

/// A query model as generated: lenient optional scalars, a list, a required flag, an enum.
#[derive(Debug, PartialEq, Deserialize)]
struct Query {
    #[serde(default, deserialize_with = "huaweicloud_runtime::lenient::int")]
    offset: Option<i64>,
    limit: i64,
    #[serde(default)]
    tags: Option<Vec<String>>,
    include_failure: bool,
    #[serde(default)]
    status: Option<Status>,
    ratio: f64,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Status {
    #[serde(rename = "RUNNING")]
    Running,
    #[serde(rename = "ERROR")]
    Error,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct BackupBody {
    remark: String,
}

fn show(id: &str) -> Request {
    let mut request = Request::new(&SHOW);
    request.path_params.push(("instance_id", id.to_string()));
    request
}

fn list(pairs: &[(&str, &str)]) -> Request {
    let mut request = Request::new(&LIST);
    request.query = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    request
}

fn client(mock: &Mock) -> Client {
    mock.client(Mock::config()).for_service(&SERVICE)
}

fn with_config(mock: &Mock, config: Config) -> Client {
    mock.client(config).for_service(&SERVICE)
}

#[test]
fn the_mock_configuration_names_a_project_and_sends_no_retries() {
    let config = Mock::config();
    assert_eq!(config.project_id(), Some(MOCK_PROJECT_ID));
    assert_eq!(config.region(), Some("cn-north-4"));
    assert_eq!(config.retry().max_attempts, 1);
    assert!(config.credentials().is_none());
}

#[tokio::test]
async fn a_stubbed_value_comes_back_decoded_and_the_call_is_recorded() {
    let mock = Mock::new();
    let instance = Instance {
        name: Some("cache-1".into()),
        capacity: Some(0.125),
    };
    mock.operation::<Instance, (), ()>(&SHOW)
        .respond(instance.clone());
    let got: Instance = client(&mock).execute(show("i/1")).await.unwrap();
    assert_eq!(got, instance);

    let calls = mock.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.operation.name, "ShowInstance");
    // Filled from the configuration, and encoded as one path segment.
    assert_eq!(call.path, "/v2/mock-project/instances/i%2F1");
    assert_eq!(call.path_param("instance_id"), Some("i/1"));
    assert_eq!(call.path_param("project_id"), None);
    assert!(call.query.is_empty() && call.headers.is_empty() && call.body.is_none());
    assert_eq!(mock.calls_to(&SHOW).len(), 1);
    assert!(mock.calls_to(&LIST).is_empty());
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn stubs_answer_in_order_and_a_call_past_them_names_the_operation() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, (), ()>(&SHOW);
    op().times(2).respond(json!({"name": "first"}));
    op().respond(json!({"name": "second"}));
    let client = client(&mock);
    let mut names = Vec::new();
    for _ in 0..3 {
        let v: Value = client.execute(show("i-1")).await.unwrap();
        names.push(v["name"].as_str().unwrap_or_default().to_string());
    }
    assert_eq!(names, ["first", "first", "second"]);

    let err = client.execute::<Value>(show("i-1")).await.unwrap_err();
    let Error::Config(message) = &err else {
        panic!("expected a configuration error, got {err:?}");
    };
    assert_eq!(
        message,
        "mock: no stub left that answers ShowInstance (GET /v2/mock-project/instances/i-1); \
         stub a reply for it, or check the stubs' counts and conditions"
    );
    assert_eq!(mock.calls().len(), 4, "the unanswered call is logged too");
    assert_eq!(mock.unexpected_calls().len(), 1);
    assert_eq!(
        mock.verify(),
        Err("unexpected call: ShowInstance GET /v2/mock-project/instances/i-1".to_string())
    );
}

#[tokio::test]
async fn a_failure_is_an_api_error_with_status_code_message_and_request_id() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, (), ()>(&SHOW);
    op().fail_with(
        Failure::new(404)
            .with_code("DCS.3022")
            .with_message("This DCS instance does not exist."),
    );
    op().fail_with(Failure::new(400).with_request_id("req-7"));
    let client = client(&mock);

    let err = client.execute::<Value>(show("i-9")).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.error_code(), Some("DCS.3022"));
    assert_eq!(err.request_id(), Some("mock-1"), "the log's first call");
    assert_eq!(
        err.to_string(),
        "HTTP 404 DCS.3022: This DCS instance does not exist. (request id mock-1)"
    );
    let err = client.execute::<Value>(show("i-9")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 400, error_code: None, request_id: Some(id), body, .. }
            if id == "req-7" && body.is_empty()),
        "{err:?}"
    );
}

#[tokio::test]
async fn conditions_pick_the_stub_and_always_answers_every_call() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, (), ()>(&SHOW);
    op().when_path("instance_id", "i-2")
        .always()
        .respond(json!({"name": "two"}));
    op().when(|call| call.path.ends_with("/i-1"))
        .respond(json!({"name": "one"}));
    let client = client(&mock);
    let name = |v: Value| v["name"].as_str().unwrap_or_default().to_string();
    assert_eq!(name(client.execute(show("i-1")).await.unwrap()), "one");
    assert_eq!(name(client.execute(show("i-2")).await.unwrap()), "two");
    assert_eq!(name(client.execute(show("i-2")).await.unwrap()), "two");
    assert!(client.execute::<Value>(show("i-3")).await.is_err());
    assert_eq!(
        mock.unexpected_calls()[0].path_param("instance_id"),
        Some("i-3")
    );
}

#[tokio::test]
async fn the_query_reads_back_typed_as_a_server_would_read_it() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, Query, ()>(&LIST);
    op().times(3).respond(json!({}));
    let client = client(&mock);
    let pairs = [
        ("offset", "50"),
        ("limit", "25"),
        ("tags", "a"),
        ("tags", "b"),
        ("include_failure", "true"),
        ("status", "ERROR"),
        ("ratio", "0.5"),
        ("unlisted", "x"),
    ];
    client.execute::<Value>(list(&pairs)).await.unwrap();
    // One value of a list is a list of one.
    client
        .execute::<Value>(list(&[
            ("limit", "1"),
            ("tags", "only"),
            ("include_failure", "false"),
            ("ratio", "2"),
        ]))
        .await
        .unwrap();
    let queries = op().queries().unwrap();
    assert_eq!(
        queries,
        [
            Query {
                offset: Some(50),
                limit: 25,
                tags: Some(vec!["a".into(), "b".into()]),
                include_failure: true,
                status: Some(Status::Error),
                ratio: 0.5,
            },
            Query {
                offset: None,
                limit: 1,
                tags: Some(vec!["only".into()]),
                include_failure: false,
                status: None,
                ratio: 2.0,
            },
        ]
    );
    assert_eq!(mock.calls()[0].query_param("tags"), Some("a"));

    // Text that does not read as the field's type is an error, not a panic.
    client
        .execute::<Value>(list(&[
            ("limit", "ten"),
            ("include_failure", "true"),
            ("ratio", "1"),
        ]))
        .await
        .unwrap();
    let err = op().queries().unwrap_err();
    let Error::InvalidRequest(message) = &err else {
        panic!("{err:?}");
    };
    assert!(
        message.starts_with("ListInstances: the recorded query does not read as ")
            && message.contains("invalid value: string \"ten\", expected an integer"),
        "{message}"
    );
    let call = mock.calls().pop().unwrap();
    let err = call.query_as::<BTreeMap<String, i64>>().unwrap_err();
    assert!(err.to_string().contains("\"ten\""), "{err}");
}

#[tokio::test]
async fn a_scalar_field_given_twice_is_an_error() {
    let mock = Mock::new();
    mock.operation::<Value, Query, ()>(&LIST).respond(json!({}));
    client(&mock)
        .execute::<Value>(list(&[
            ("limit", "1"),
            ("limit", "2"),
            ("include_failure", "true"),
            ("ratio", "1"),
        ]))
        .await
        .unwrap();
    let err = mock
        .operation::<Value, Query, ()>(&LIST)
        .queries()
        .unwrap_err();
    assert!(
        err.to_string().contains("expected one value, got 2"),
        "{err}"
    );
}

#[tokio::test]
async fn the_body_and_headers_are_recorded_and_signed_requests_work_too() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, (), BackupBody>(&BACKUP);
    op().respond(json!({"backup_id": "b-1"}));
    let config = Config::builder()
        .region("cn-north-4")
        .project_id("p-1")
        .credentials(Credentials::aksk("AK", "SK"))
        .build()
        .unwrap();
    let mut request = Request::new(&BACKUP);
    request.path_params.push(("instance_id", "i-1".into()));
    request.headers.push(("X-Language".into(), "en-us".into()));
    request.body = Some(json!({"remark": "nightly"}));
    let reply: Value = with_config(&mock, config).execute(request).await.unwrap();
    assert_eq!(reply, json!({"backup_id": "b-1"}));
    assert_eq!(
        op().bodies().unwrap(),
        [BackupBody {
            remark: "nightly".into()
        }]
    );
    let call = &op().calls()[0];
    assert_eq!(call.path, "/v2/p-1/instances/i-1/backups");
    assert_eq!(call.header("x-language"), Some("en-us"));
    assert_eq!(
        call.headers,
        [("X-Language".to_string(), "en-us".to_string())],
        "only the operation's own headers"
    );
    let debug = format!("{call:?}");
    assert!(debug.contains("X-Language") && !debug.contains("nightly") && !debug.contains("en-us"));
    assert!(
        call.body_as::<Instance>().is_ok(),
        "unknown fields are ignored"
    );
    assert!(call.body_as::<Vec<String>>().is_err());
}

#[tokio::test]
async fn the_client_checks_requests_before_the_mock_sees_them() {
    let mock = Mock::new();
    mock.operation::<Value, (), ()>(&LIST)
        .always()
        .respond(json!({}));
    mock.operation::<Value, (), ()>(&BACKUP)
        .always()
        .respond(json!({}));
    let client = client(&mock);
    let err = client.execute::<Value>(list(&[])).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: ListInstances: required parameter limit is missing"
    );
    let mut request = Request::new(&BACKUP);
    request.path_params.push(("instance_id", "i-1".into()));
    let err = client.execute::<Value>(request.clone()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: CopyInstance: the request body is missing"
    );
    request.body = Some(json!({}));
    request
        .headers
        .push(("X-Language".into(), "bad\nvalue".into()));
    let err = client.execute::<Value>(request).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: bad value for header X-Language"
    );
    assert!(mock.calls().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn raw_replies_decode_as_from_a_server() {
    let mock = Mock::new();
    let op = || mock.operation::<Instance, (), ()>(&SHOW);
    op().reply(MockReply::new(200, r#"{"name": 7, "capacity": "2"}"#));
    op().reply(MockReply::new(200, r#"{"capacity": "lots"}"#));
    op().reply(MockReply::new(502, "<html>Bad Gateway</html>"));
    let client = client(&mock);
    let lenient: Instance = client.execute(show("i-1")).await.unwrap();
    assert_eq!(
        lenient,
        Instance {
            name: Some("7".into()),
            capacity: Some(2.0)
        }
    );
    let err = client.execute::<Instance>(show("i-1")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { status: 200, path: Some(p), .. } if p == "capacity"),
        "{err:?}"
    );
    let err = client.execute::<Instance>(show("i-1")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 502: <html>Bad Gateway</html> (request id mock-3)"
    );
}

#[tokio::test]
async fn a_delay_is_waited_and_one_past_the_timeout_times_out() {
    let mock = Mock::new();
    let op = || mock.operation::<Value, (), ()>(&SHOW);
    op().delay(Duration::from_millis(40)).respond(json!({}));
    op().delay(Duration::from_secs(30)).respond(json!({}));
    let config = Config::builder()
        .region("cn-north-4")
        .project_id("p")
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(60))
        .build()
        .unwrap();
    let client = with_config(&mock, config);
    let start = Instant::now();
    client.execute::<Value>(show("i-1")).await.unwrap();
    assert!(start.elapsed() >= Duration::from_millis(40));
    let start = Instant::now();
    let err = client.execute::<Value>(show("i-1")).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout(t) if t == Duration::from_millis(60)),
        "{err:?}"
    );
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(60) && waited < Duration::from_secs(10),
        "{waited:?}"
    );
}

#[tokio::test]
async fn retries_follow_the_policy_and_each_attempt_is_a_call() {
    let mock = Mock::new();
    let show_op = || mock.operation::<Value, (), ()>(&SHOW);
    show_op().reply(MockReply::new(503, "").with_header("Retry-After", "0"));
    show_op().respond(json!({"name": "after a retry"}));
    let backup_op = || mock.operation::<Value, (), ()>(&BACKUP);
    backup_op().times(2).fail_with(Failure::new(503));
    let policy = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let config = Mock::config().with_retry(policy);
    let client = with_config(&mock, config);
    let v: Value = client.execute(show("i-1")).await.unwrap();
    assert_eq!(v["name"], "after a retry");
    assert_eq!(show_op().calls().len(), 2);

    // A POST is not retried on a 5xx: one attempt, one stub reply used.
    let mut request = Request::new(&BACKUP);
    request.path_params.push(("instance_id", "i-1".into()));
    request.body = Some(json!({"remark": "r"}));
    let err = client.execute::<Value>(request).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(backup_op().calls().len(), 1);
    assert_eq!(
        mock.verify(),
        Err("unused stub: CopyInstance has 1 reply left".to_string())
    );
}

#[tokio::test]
async fn replies_past_the_size_limit_and_values_that_do_not_serialize_fail_cleanly() {
    let mock = Mock::new();
    let op = || mock.operation::<BTreeMap<(u8, u8), u8>, (), ()>(&SHOW);
    op().reply(MockReply::new(200, vec![b' '; 100]));
    // JSON object keys must be text: this value has no JSON form.
    op().respond(BTreeMap::from([((1, 2), 3)]));
    let config = Config::builder()
        .region("cn-north-4")
        .project_id("p")
        .max_response_bytes(10)
        .build()
        .unwrap();
    let client = with_config(&mock, config);
    let err = client.execute::<Value>(show("i-1")).await.unwrap_err();
    assert!(
        matches!(&err, Error::ResponseTooLarge { status: 200, limit: 10, request_id: Some(id) } if id == "mock-1"),
        "{err:?}"
    );
    let err = client.execute::<Value>(show("i-1")).await.unwrap_err();
    assert!(
        err.to_string().starts_with(
            "configuration error: mock: the stubbed reply of ShowInstance does not serialize"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn clones_share_stubs_and_log_across_tasks() {
    let mock = Mock::new();
    mock.operation::<Value, (), ()>(&SHOW)
        .times(8)
        .respond(json!({}));
    let client = client(&mock.clone());
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move { client.execute::<Value>(show(&format!("i-{i}"))).await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().is_ok());
    }
    assert_eq!(mock.calls().len(), 8);
    assert_eq!(mock.verify(), Ok(()));
    assert!(format!("{mock:?}").contains("calls: 8"));
}
