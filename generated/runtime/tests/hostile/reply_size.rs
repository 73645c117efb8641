//! Replies larger than the limit, and long bodies kept in errors.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use huaweicloud_runtime::{Config, Error, RetryPolicy};
use tokio::io::AsyncWriteExt;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, config, fast_retries, list, raw_server, reply};

const MIB: usize = 1024 * 1024;

#[tokio::test]
async fn the_limit_defaults_to_64_mib_and_is_a_setting() {
    let default = Config::builder().build().expect("valid");
    assert_eq!(default.max_response_bytes(), 64 * MIB);
    let set = Config::builder()
        .max_response_bytes(10)
        .build()
        .expect("valid");
    assert_eq!(set.max_response_bytes(), 10);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[1,2,3,45]"))
        .mount(&server)
        .await;
    let at_limit = client(config(&server.uri(), fast_retries(1)).max_response_bytes(10));
    let got: Vec<u32> = at_limit.execute(list(0, 1)).await.expect("10 bytes pass");
    assert_eq!(got, [1, 2, 3, 45]);
    let below = client(config(&server.uri(), fast_retries(3)).max_response_bytes(9));
    let err = below
        .execute::<Vec<u32>>(list(0, 1))
        .await
        .expect_err("10 bytes > 9");
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                status: 200,
                limit: 9,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("larger than the limit of 9 bytes"),
        "{err}"
    );
    // One request from each client: a reply too large is final, as sending again brings it
    // again.
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );
}

#[tokio::test]
async fn a_content_length_over_the_limit_fails_before_reading() {
    let announced = 70 * MIB;
    let (url, connections) = raw_server(4, move |_, socket| {
        // A body far shorter than announced: reading it would end in a transport error.
        reply(
            socket,
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: rid-big\r\n\
                 Content-Length: {announced}\r\n\r\n[1,2,3"
            ),
        )
    })
    .await;
    let err = client(config(&url, fast_retries(3)))
        .execute::<serde_json::Value>(list(0, 1))
        .await
        .expect_err("70 MiB announced");
    assert!(
        matches!(err, Error::ResponseTooLarge { status: 200, limit, .. } if limit == 64 * MIB),
        "{err:?}"
    );
    assert_eq!(err.request_id(), Some("rid-big"));
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_body_without_length_is_cut_off_at_the_limit() {
    const OFFERED: usize = 256 * MIB;
    let written = Arc::new(AtomicUsize::new(0));
    let counter = written.clone();
    let done = Arc::new(AtomicBool::new(false));
    let finished = done.clone();
    let (url, _) = raw_server(1, move |_, mut socket| {
        let counter = counter.clone();
        let finished = finished.clone();
        async move {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            let chunk = vec![b' '; 64 * 1024];
            // Bounded: stops at OFFERED bytes or when the client hangs up.
            while counter.load(Ordering::SeqCst) < OFFERED {
                if socket.write_all(&chunk).await.is_err() {
                    break;
                }
                counter.fetch_add(chunk.len(), Ordering::SeqCst);
            }
            finished.store(true, Ordering::SeqCst);
        }
    })
    .await;
    let start = Instant::now();
    let err = client(config(&url, RetryPolicy::none()).max_response_bytes(MIB))
        .execute::<serde_json::Value>(list(0, 1))
        .await
        .expect_err("endless body");
    assert!(
        matches!(err, Error::ResponseTooLarge { status: 200, limit, .. } if limit == MIB),
        "{err:?}"
    );
    for _ in 0..200 {
        if done.load(Ordering::SeqCst) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(done.load(Ordering::SeqCst), "the server stops writing");
    let sent = written.load(Ordering::SeqCst);
    eprintln!(
        "endless body: client stopped after {:?}; server wrote {} KiB of {} MiB offered",
        start.elapsed(),
        sent / 1024,
        OFFERED / MIB
    );
    // What the server got out is the 1 MiB read plus what the sockets buffer, far from all.
    assert!(sent < OFFERED / 4, "{sent} bytes written");
}

#[tokio::test]
async fn long_error_bodies_are_cut_to_a_few_kib() {
    let page = format!("<html>{}</html>", "é".repeat(50_000));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string(page.clone()))
        .mount(&server)
        .await;
    let err = client(config(&server.uri(), RetryPolicy::none()))
        .execute::<serde_json::Value>(list(0, 1))
        .await
        .expect_err("502");
    let Error::Api { body, .. } = &err else {
        panic!("expected Api, got {err:?}");
    };
    let mark = format!("… [cut: {} bytes in all]", page.len());
    assert!(body.ends_with(&mark), "{}", &body[body.len() - 60..]);
    let head = &body[..body.len() - mark.len()];
    assert!(page.starts_with(head) && head.len() > 4000 && head.len() <= 4096);
    assert!(err.to_string().chars().count() < 400, "Display stays short");

    server.reset().await;
    let not_json = "x".repeat(100_000);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(not_json))
        .mount(&server)
        .await;
    let err = client(config(&server.uri(), RetryPolicy::none()))
        .execute::<serde_json::Value>(list(0, 1))
        .await
        .expect_err("not JSON");
    let Error::Decode { body, path, .. } = &err else {
        panic!("expected Decode, got {err:?}");
    };
    assert!(body.ends_with("… [cut: 100000 bytes in all]"));
    assert_eq!(body.len(), 4096 + "… [cut: 100000 bytes in all]".len());
    assert_eq!(*path, None);
}
