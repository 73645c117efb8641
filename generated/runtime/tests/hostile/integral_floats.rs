//! Integers sent as floats, read through a generated-style model.

use huaweicloud_runtime::{lenient, Error};
use serde::Deserialize;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, config, fast_retries, list};

#[derive(Debug, Deserialize)]
struct ListInstancesResponse {
    #[serde(default)]
    instances: Vec<InstanceListInfo>,
    #[serde(default, deserialize_with = "lenient::int")]
    instance_num: Option<i64>,
}

/// As the generator writes an optional integer field.
#[derive(Debug, Deserialize)]
struct InstanceListInfo {
    #[serde(default, deserialize_with = "lenient::int")]
    capacity: Option<i64>,
    #[serde(default, deserialize_with = "lenient::int")]
    port: Option<i64>,
}

async fn reply_with(body: &str) -> Result<ListInstancesResponse, Error> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    client(config(&server.uri(), fast_retries(1)))
        .execute(list(0, 10))
        .await
}

#[tokio::test]
async fn integral_floats_are_integers() {
    let got = reply_with(
        r#"{"instances": [{"capacity": 2.0, "port": "6379"}, {"capacity": 1e3, "port": 6.379e3}],
            "instance_num": 2.0}"#,
    )
    .await
    .expect("integral floats accepted");
    assert_eq!(got.instance_num, Some(2));
    let read: Vec<_> = got.instances.iter().map(|i| (i.capacity, i.port)).collect();
    assert_eq!(read, [(Some(2), Some(6379)), (Some(1000), Some(6379))]);
}

#[tokio::test]
async fn a_fraction_is_rejected_naming_the_field() {
    let err = reply_with(r#"{"instances": [{"capacity": 2}, {"port": 1, "capacity": 2.5}]}"#)
        .await
        .expect_err("2.5 is no integer");
    match &err {
        Error::Decode { status, path, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(path.as_deref(), Some("instances[1].capacity"));
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.starts_with(
            "HTTP 200: response body does not parse at instances[1].capacity \
             (unexpected value 2.5 at line 1 column"
        ),
        "{text}"
    );
}
