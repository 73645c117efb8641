//! The runtime against real HTTP servers on 127.0.0.1: signing on the wire, and the fault cases
//! (retried 500, 429 with Retry-After, connection reset, timeout, truncated and HTML bodies, API
//! error bodies).

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use huaweicloud_runtime::{
    signer, Client, Config, Credentials, Error, OperationInfo, ParamInfo, ParamLocation, Request,
    RetryPolicy, REDACTED,
};
use serde::Deserialize;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{method, path};
use wiremock::{Match, Mock, MockServer, ResponseTemplate};

const AK: &str = "AKTESTACCESSKEY00001";
const SK: &str = "SKtestSecretKeyThatMustNeverBeLogged42";
const PROJECT: &str = "proj0123";

static SHOW_INSTANCE: OperationInfo = OperationInfo {
    name: "ShowInstance",
    method: "GET",
    path: "/v2/{project_id}/instances/{instance_id}",
    params: &[ParamInfo {
        name: "instance_id",
        location: ParamLocation::Path,
        required: true,
    }],
    deprecated: false,
    has_body: false,
};

static CREATE_BACKUP: OperationInfo = OperationInfo {
    name: "CopyInstance",
    method: "POST",
    path: "/v2/{project_id}/instances/{instance_id}/backups",
    params: &[ParamInfo {
        name: "instance_id",
        location: ParamLocation::Path,
        required: true,
    }],
    deprecated: false,
    has_body: true,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Instance {
    instance_id: String,
    name: String,
}

fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
        retry_non_idempotent: false,
    }
}

fn client_for(endpoint: &str, retry: RetryPolicy, timeout: Duration) -> Client {
    let config = Config::builder()
        .endpoint(endpoint)
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .retry(retry)
        .timeout(timeout)
        .build()
        .expect("valid config");
    Client::new(config).expect("client")
}

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    client_for(&server.uri(), retry, Duration::from_secs(5))
}

fn show(instance_id: &str) -> Request {
    let mut r = Request::new(&SHOW_INSTANCE);
    r.path_params.push(("instance_id", instance_id.to_string()));
    r
}

fn backup(instance_id: &str) -> Request {
    let mut r = Request::new(&CREATE_BACKUP);
    r.path_params.push(("instance_id", instance_id.to_string()));
    r.body = Some(json!({"remark": "nightly", "backup_format": "rdb"}));
    r
}

fn instance_json() -> serde_json::Value {
    json!({"instance_id": "i-1", "name": "cache"})
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

/// Matches only requests whose AK/SK signature verifies with the runtime's own algorithm.
struct ValidSignature;

impl Match for ValidSignature {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let target = match request.url.query() {
            Some(q) => format!("{}?{q}", request.url.path()),
            None => request.url.path().to_string(),
        };
        signer::verify_http(
            request.method.as_str(),
            &target,
            &request.headers,
            &request.body,
            |ak| (ak == AK).then(|| SK.to_string()),
        )
        .is_ok()
    }
}

#[tokio::test]
async fn signed_request_carries_path_query_headers_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(ValidSignature)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"backup_id": "b-1"})))
        .mount(&server)
        .await;
    let mut request = backup("实例 a/b?");
    request.query = vec![
        ("tag".into(), "z".into()),
        ("tag".into(), "a b".into()),
        ("limit".into(), "10".into()),
    ];
    request.headers.push(("X-Language".into(), "en-us".into()));
    let reply: serde_json::Value = client(&server, RetryPolicy::none())
        .execute(request)
        .await
        .expect("signed request accepted");
    assert_eq!(reply, json!({"backup_id": "b-1"}));

    let got = requests(&server).await;
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(
        r.url.path(),
        "/v2/proj0123/instances/%E5%AE%9E%E4%BE%8B%20a%2Fb%3F/backups"
    );
    assert_eq!(r.url.query(), Some("limit=10&tag=a%20b&tag=z"));
    let header = |name: &str| {
        r.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(header("content-type"), "application/json;charset=UTF-8");
    assert_eq!(header("x-project-id"), PROJECT);
    assert_eq!(header("x-language"), "en-us");
    assert_eq!(header("x-sdk-date").len(), "20260101T000000Z".len());
    assert!(header("authorization").starts_with(&format!(
        "SDK-HMAC-SHA256 Access={AK}, SignedHeaders=content-type;host;x-language;x-project-id;x-sdk-date, Signature="
    )));
    let body: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON body");
    assert_eq!(body, json!({"remark": "nightly", "backup_format": "rdb"}));
}

#[tokio::test]
async fn token_auth_sends_x_auth_token_and_no_signature() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(instance_json()))
        .mount(&server)
        .await;
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id(PROJECT)
        .credentials(Credentials::token("tok-123"))
        .build()
        .expect("config");
    let got: Instance = Client::new(config)
        .expect("client")
        .execute(show("i-1"))
        .await
        .expect("ok");
    assert_eq!(got.name, "cache");
    let r = &requests(&server).await[0];
    assert_eq!(
        r.headers.get("x-auth-token").and_then(|v| v.to_str().ok()),
        Some("tok-123")
    );
    assert!(r.headers.get("authorization").is_none());
    assert!(r.headers.get("x-project-id").is_none());
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/proj0123/instances/i-1"))
        .respond_with(ResponseTemplate::new(500).set_body_string("oops"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/proj0123/instances/i-1"))
        .and(ValidSignature)
        .respond_with(ResponseTemplate::new(200).set_body_json(instance_json()))
        .mount(&server)
        .await;
    let got: Instance = client(&server, fast_retries(3))
        .execute(show("i-1"))
        .await
        .expect("second attempt succeeds");
    assert_eq!(got.instance_id, "i-1");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(3))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("always 503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn post_is_not_retried_unless_opted_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"backup_id": "b"})))
        .mount(&server)
        .await;
    let plain = client(&server, fast_retries(3));
    let err = plain
        .execute::<serde_json::Value>(backup("i-1"))
        .await
        .expect_err("POST not retried");
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await.len(), 1);

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"backup_id": "b"})))
        .mount(&server)
        .await;
    let opted_in = plain.with_retry(RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retries(3)
    });
    let ok: serde_json::Value = opted_in
        .execute(backup("i-1"))
        .await
        .expect("opted-in POST retried");
    assert_eq!(ok["backup_id"], "b");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(instance_json()))
        .mount(&server)
        .await;
    let start = Instant::now();
    let got: Instance = client(&server, fast_retries(3))
        .execute(show("i-1"))
        .await
        .expect("retried after 429");
    // The policy's own backoff is at most 40 ms, so waiting a second means Retry-After ruled.
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(got.name, "cache");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_returns_the_429() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "3600")
                .set_body_json(json!({"error_code": "APIGW.0308", "error_msg": "throttled"})),
        )
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(3))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("not waiting an hour");
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.error_code(), Some("APIGW.0308"));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn api_error_body_and_request_id_are_kept() {
    let server = MockServer::start().await;
    let body = json!({"error_code": "DCS.4033", "error_msg": "The instance does not exist."});
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("X-Request-Id", "a7c1e2d9b3f04e5f")
                .set_body_json(body.clone()),
        )
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(3))
        .execute::<Instance>(show("missing"))
        .await
        .expect_err("404");
    match &err {
        Error::Api {
            status,
            error_code,
            error_msg,
            request_id,
            body: raw,
        } => {
            assert_eq!(*status, 404);
            assert_eq!(error_code.as_deref(), Some("DCS.4033"));
            assert_eq!(error_msg.as_deref(), Some("The instance does not exist."));
            assert_eq!(request_id.as_deref(), Some("a7c1e2d9b3f04e5f"));
            let parsed: serde_json::Value = serde_json::from_str(raw).expect("raw body kept");
            assert_eq!(parsed, body);
        }
        other => panic!("expected Api error, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "HTTP 404 DCS.4033: The instance does not exist. (request id a7c1e2d9b3f04e5f)"
    );
    // 4xx other than 429 is final.
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn html_error_page_is_an_api_error_with_the_page() {
    let server = MockServer::start().await;
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("Content-Type", "text/html")
                .set_body_string(page),
        )
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(2))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("502");
    assert!(
        matches!(&err, Error::Api { status: 502, error_code: None, error_msg: None, body, .. } if body == page),
        "{err:?}"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn html_page_with_200_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>login</html>"))
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(2))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("not JSON");
    assert!(
        matches!(&err, Error::Decode { status: 200, body, .. } if body == "<html>login</html>"),
        "{err:?}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_keeping_the_body() {
    let server = MockServer::start().await;
    let cut = r#"{"instance_id": "i-1", "name": "ca"#;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(cut))
        .mount(&server)
        .await;
    let err = client(&server, fast_retries(2))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("truncated");
    match err {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(body, cut);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    // Decoding errors are not retried: the server answered.
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn empty_204_decodes_as_unit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let () = client(&server, RetryPolicy::none())
        .execute(show("i-1"))
        .await
        .expect("204");
}

#[tokio::test]
async fn slow_server_hits_the_timeout_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(instance_json())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let c = client_for(&server.uri(), fast_retries(3), Duration::from_millis(300));
    let err = c
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(err, Error::Timeout(d) if d == Duration::from_millis(300)));
    assert_eq!(requests(&server).await.len(), 1);
}

/// A raw HTTP/1.1 server: connection `n` (0-based) is handled by `script(n)`, which returns the
/// bytes to write before closing, or `None` to close without answering.
async fn raw_server(
    script: impl Fn(usize) -> Option<Vec<u8>> + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        // Bounded: a test needs only a few connections.
        for _ in 0..16 {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = vec![0u8; 8192];
            // One read gets the whole small test request (headers plus body).
            let _ = socket.read(&mut buf).await;
            if let Some(reply) = script(n) {
                let _ = socket.write_all(&reply).await;
                let _ = socket.flush().await;
            }
            drop(socket);
        }
    });
    (format!("http://{addr}"), count)
}

fn http_reply(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn connection_reset_is_retried_for_get() {
    let body = instance_json().to_string();
    let (url, count) = raw_server(move |n| (n > 0).then(|| http_reply("200 OK", &body))).await;
    let got: Instance = client_for(&url, fast_retries(3), Duration::from_secs(5))
        .execute(show("i-1"))
        .await
        .expect("second connection answers");
    assert_eq!(got.instance_id, "i-1");
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn connection_reset_is_a_transport_error_for_post() {
    let (url, count) = raw_server(|_| None).await;
    let err = client_for(&url, fast_retries(3), Duration::from_secs(5))
        .execute::<serde_json::Value>(backup("i-1"))
        .await
        .expect_err("closed without reply");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    // The request may have been processed, so a POST is not repeated.
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn body_cut_short_by_the_connection_is_a_transport_error() {
    let (url, count) = raw_server(|_| {
        Some(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"instance_id\": \"i"
                .to_vec(),
        )
    })
    .await;
    let err = client_for(&url, fast_retries(2), Duration::from_secs(5))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("short body");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn refused_connection_is_retried_even_for_post() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let start = Instant::now();
    let err = client_for(
        &format!("http://{addr}"),
        fast_retries(3),
        Duration::from_secs(5),
    )
    .execute::<serde_json::Value>(backup("i-1"))
    .await
    .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    // Two backoffs of at least 5 ms and 10 ms prove the request was tried three times.
    assert!(start.elapsed() >= Duration::from_millis(15));
}

#[tokio::test]
async fn garbage_status_line_does_not_panic() {
    let (url, _) = raw_server(|_| Some(b"NOT HTTP AT ALL\r\n\r\n".to_vec())).await;
    let err = client_for(&url, RetryPolicy::none(), Duration::from_secs(5))
        .execute::<Instance>(show("i-1"))
        .await
        .expect_err("garbage");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn tracing_names_operation_and_request_id_but_no_secrets() {
    let (captured, _guard) = support::capture_traces();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).insert_header("X-Request-Id", "rid-500"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-Id", "rid-42")
                .set_body_json(json!({"backup_id": "b"})),
        )
        .mount(&server)
        .await;
    let c = client(
        &server,
        RetryPolicy {
            retry_non_idempotent: true,
            ..fast_retries(2)
        },
    );
    let _: serde_json::Value = c.execute(backup("i-1")).await.expect("ok");
    let log = String::from_utf8_lossy(&captured.0.lock().expect("lock")).into_owned();
    assert!(log.contains("operation=\"CopyInstance\""), "{log}");
    assert!(log.contains("request_id=\"rid-42\""), "{log}");
    assert!(log.contains("retrying"), "{log}");
    for secret in [SK, AK, "Signature=", "nightly", "authorization"] {
        assert!(!log.contains(secret), "{secret} leaked into {log}");
    }
    // The config's Debug is what users are most likely to log.
    let config_debug = format!("{:?}", c.config());
    assert!(!config_debug.contains(SK) && config_debug.contains(REDACTED));
}
