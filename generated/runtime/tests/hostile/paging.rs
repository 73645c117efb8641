//! A list endpoint that ignores `offset` and sends no total.

use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;
use huaweicloud_runtime::{paginate, paginate_with, Error, Page, Paging};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use crate::support::{client, config, fast_retries, list};

/// Shaped as a generated list response: items, and an optional documented total.
#[derive(Debug, Clone, Deserialize)]
struct ListInstancesResponse {
    #[serde(default)]
    instances: Vec<InstanceListInfo>,
    #[serde(default)]
    instance_num: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct InstanceListInfo {
    instance_id: String,
}

impl Page for ListInstancesResponse {
    type Item = InstanceListInfo;
    fn into_items(self) -> Vec<InstanceListInfo> {
        self.instances
    }
    fn total(&self) -> Option<u64> {
        self.instance_num.and_then(|n| u64::try_from(n).ok())
    }
}

/// At most this many items are taken from a stream, so a stream that never ends still ends
/// the test, with its count showing it.
const CAP: usize = 500;

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

#[tokio::test]
async fn a_server_ignoring_offset_stops_at_the_repeated_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "instances": [{"instance_id": "i-1"}, {"instance_id": "i-2"}]
        })))
        .mount(&server)
        .await;
    let c = client(config(&server.uri(), fast_retries(1)));
    let stream = paginate(2, |offset, limit| {
        let c = c.clone();
        async move {
            c.execute::<ListInstancesResponse>(list(offset, limit))
                .await
        }
    });
    let got: Vec<_> = stream.take(CAP).collect().await;
    assert_eq!(requests(&server).await, 2, "stopped at the second page");
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[..2].iter().all(Result::is_ok), "{got:?}");
    let err = got[2].as_ref().expect_err("the repeat is an error");
    assert!(
        matches!(err, Error::RepeatedPage { page: 2, offset: 2 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("ignores the offset"), "{err}");
}

/// A fresh page on every request, whatever the offset: the list never ends.
struct Endless(AtomicU64);

impl Respond for Endless {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(200).set_body_json(json!({
            "instances": [{"instance_id": format!("a{n}")}, {"instance_id": format!("b{n}")}]
        }))
    }
}

#[tokio::test]
async fn an_endless_list_stops_at_the_page_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Endless(AtomicU64::new(0)))
        .mount(&server)
        .await;
    let c = client(config(&server.uri(), fast_retries(1)));
    let stream = paginate_with(Paging::new(2).with_max_pages(3), |offset, limit| {
        let c = c.clone();
        async move {
            c.execute::<ListInstancesResponse>(list(offset, limit))
                .await
        }
    });
    let got: Vec<_> = stream.take(CAP).collect().await;
    assert_eq!(requests(&server).await, 3);
    assert_eq!(got.len(), 7, "{got:?}");
    assert!(
        matches!(got[6], Err(Error::TooManyPages { max_pages: 3 })),
        "{got:?}"
    );
}
