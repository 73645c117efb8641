//! 429 on a POST: the throttled request was not processed, so it is sent again.

use std::time::{Duration, Instant, SystemTime};

use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, config, create, fast_retries};

async fn throttled_once(retry_after: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", retry_after)
                .set_body_json(json!({"error_code": "APIGW.0308", "error_msg": "throttled"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"instance_id": "i-1"})))
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

#[tokio::test]
async fn a_throttled_post_is_retried_after_retry_after_seconds() {
    let server = throttled_once("1").await;
    let start = Instant::now();
    let got: serde_json::Value = client(config(&server.uri(), fast_retries(3)))
        .execute(create())
        .await
        .expect("retried after the 429");
    assert_eq!(got["instance_id"], "i-1");
    assert_eq!(requests(&server).await, 2);
    // The policy's own backoff is at most 40 ms: waiting a second means Retry-After ruled.
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_throttled_post_honours_an_http_date() {
    // Whole seconds on the wire: two seconds ahead is at least one second's wait.
    let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = throttled_once(&at).await;
    let start = Instant::now();
    let _: serde_json::Value = client(config(&server.uri(), fast_retries(3)))
        .execute(create())
        .await
        .expect("retried after the 429");
    assert_eq!(requests(&server).await, 2);
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_throttled_post_beyond_the_cap_or_the_attempts_is_returned() {
    let server = throttled_once("3600").await;
    let err = client(config(&server.uri(), fast_retries(3)))
        .execute::<serde_json::Value>(create())
        .await
        .expect_err("not waiting an hour");
    assert_eq!(err.status(), Some(429));
    assert_eq!(requests(&server).await, 1);

    let server = throttled_once("0").await;
    let err = client(config(&server.uri(), fast_retries(1)))
        .execute::<serde_json::Value>(create())
        .await
        .expect_err("one attempt allowed");
    assert_eq!(err.error_code(), Some("APIGW.0308"));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_post_failing_with_5xx_is_still_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    let err = client(config(&server.uri(), fast_retries(3)))
        .execute::<serde_json::Value>(create())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 1);
}
