//! Tracing: one span per attempt, each with its own number, status and request id.
//!
//! A binary of its own, with one test: tracing caches whether a callsite is enabled, and a span
//! first reached on another test's thread (no subscriber there) while this test's thread-local
//! subscriber is the only one registered is cached as disabled for every thread.

mod support;

use huaweicloud_runtime::RetryPolicy;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{client, config, create, fast_retries, AK, SK};

#[tokio::test]
async fn a_retried_request_logs_one_span_per_attempt() {
    let (captured, _guard) = support::capture_traces();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).insert_header("X-Request-Id", "rid-first"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-Request-Id", "rid-second")
                .set_body_json(json!({"instance_id": "i-1"})),
        )
        .mount(&server)
        .await;
    let retry = RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retries(2)
    };
    let _: serde_json::Value = client(config(&server.uri(), retry))
        .execute(create())
        .await
        .expect("second attempt succeeds");

    let log = String::from_utf8_lossy(&captured.0.lock().expect("lock")).into_owned();
    let closed: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("huaweicloud.attempt{") && is_span_close(l))
        .collect();
    assert_eq!(closed.len(), 2, "{log}");
    let (first, second) = (closed[0], closed[1]);
    for (line, own, other, number) in [
        (first, "rid-first", "rid-second", "attempt=1"),
        (second, "rid-second", "rid-first", "attempt=2"),
    ] {
        assert!(line.contains(&format!("request_id=\"{own}\"")), "{line}");
        assert!(!line.contains(other), "{line}");
        assert!(line.contains(number), "{line}");
        // A child of the request's span, which names the operation.
        assert!(
            line.contains("huaweicloud.request{") && line.contains("CreateInstance"),
            "{line}"
        );
    }
    assert!(
        first.contains("status=500") && !first.contains("status=201"),
        "{first}"
    );
    assert!(
        second.contains("status=201") && !second.contains("attempt=1"),
        "{second}"
    );
    for secret in [AK, SK, "Signature="] {
        assert!(!log.contains(secret), "{secret} leaked into {log}");
    }
}

/// The fmt subscriber's line for a span closing: `…: close time.busy=… time.idle=…`.
fn is_span_close(line: &str) -> bool {
    line.contains(": close time.busy=")
}
