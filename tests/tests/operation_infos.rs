//! Every generated operation description of every service works with the runtime: its request
//! reaches the local server with the documented method and path, correctly signed.

use apiref_tests::signature::ValidSignature;
use apiref_tests::SERVICES;
use huaweicloud_runtime::plumbing::{is_runtime_header, OperationInfo, ParamLocation, Request};
use huaweicloud_runtime::{Client as RuntimeClient, Config, Credentials, RetryPolicy};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AK: &str = "AKEVERYOPERATION0001";
const SK: &str = "SKeveryOperationSecret";
const PROJECT: &str = "proj-1";

fn value_for(name: &str) -> String {
    format!("v-{name}")
}

#[tokio::test]
async fn every_operation_reaches_its_documented_path_signed() {
    for service in SERVICES {
        check(service.name, service.operations).await;
    }
}

async fn check(name: &str, operations: &[&'static OperationInfo]) {
    let server = MockServer::start().await;
    Mock::given(ValidSignature { ak: AK, sk: SK })
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .retry(RetryPolicy::none())
        .build()
        .expect("config");
    let client = RuntimeClient::new(config).expect("client");
    assert!(!operations.is_empty(), "{name}");
    for (i, op) in operations.iter().enumerate() {
        let mut request = Request::new(op);
        let mut expected_path = op.path.to_string();
        for p in op.params {
            match p.location {
                ParamLocation::Path if p.name == "project_id" => {}
                ParamLocation::Path => request.path_params.push((p.name, value_for(p.name))),
                ParamLocation::Query if p.required => {
                    request.query.push((p.name.to_string(), "1".to_string()))
                }
                ParamLocation::Header if p.required && !is_runtime_header(p.name) => {
                    request.headers.push((p.name.to_string(), "h".to_string()))
                }
                _ => {}
            }
            if p.location == ParamLocation::Path {
                let value = if p.name == "project_id" {
                    PROJECT.to_string()
                } else {
                    value_for(p.name)
                };
                expected_path = expected_path.replace(&format!("{{{}}}", p.name), &value);
            }
        }
        if op.has_body {
            request.body = Some(serde_json::json!({}));
        }
        let reply: serde_json::Value = client
            .execute(request)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", op.name));
        assert_eq!(reply, serde_json::json!({}), "{}", op.name);
        let received = server.received_requests().await.unwrap_or_default();
        assert_eq!(received.len(), i + 1, "{}", op.name);
        let last = &received[i];
        assert_eq!(last.method.as_str(), op.method, "{}", op.name);
        assert_eq!(last.url.path(), expected_path, "{}", op.name);
        assert!(
            !expected_path.contains('{'),
            "{}: unfilled {expected_path}",
            op.name
        );
    }
}
