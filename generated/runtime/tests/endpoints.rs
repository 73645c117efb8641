//! Where a runtime client sends requests, on the wire: bound to a service, to the service's
//! endpoint template in the configured region; one runtime client shared by several services;
//! the explicit endpoint for all of them; clear errors, before anything is sent, when the
//! endpoint cannot be resolved.

use huaweicloud_runtime::{Client, Config, Error, OperationInfo, Request, ServiceInfo};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static LIST: OperationInfo = OperationInfo {
    name: "ListThings",
    method: "GET",
    path: "/v1/{project_id}/things",
    params: &[],
    deprecated: false,
    has_body: false,
};

/// A service whose endpoint template points at `server`, its region in the path (a host name
/// with the region would need a resolver for it).
fn service_at(server: &MockServer, name: &'static str) -> &'static ServiceInfo {
    let endpoint = format!("{}/{name}/{{region}}", server.uri());
    Box::leak(Box::new(ServiceInfo {
        name,
        endpoint: Box::leak(endpoint.into_boxed_str()),
    }))
}

fn runtime(config: huaweicloud_runtime::ConfigBuilder) -> Client {
    Client::new(config.project_id("p").build().expect("valid config")).expect("client")
}

async fn list(client: &Client) -> Result<serde_json::Value, Error> {
    client.execute(Request::new(&LIST)).await
}

async fn reply_ok(server: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"things": []})))
        .mount(server)
        .await;
}

async fn paths(server: &MockServer) -> Vec<String> {
    let received = server.received_requests().await.unwrap_or_default();
    received.iter().map(|r| r.url.path().to_string()).collect()
}

#[tokio::test]
async fn bound_clients_go_to_their_services_endpoint_in_the_region() {
    let (first, second) = (MockServer::start().await, MockServer::start().await);
    reply_ok(&first).await;
    reply_ok(&second).await;
    let shared = runtime(Config::builder().region("ap-southeast-1"));
    let a = shared.clone().for_service(service_at(&first, "alpha"));
    let b = shared.for_service(service_at(&second, "beta"));
    assert_eq!(a.service().map(|s| s.name), Some("alpha"));
    list(&a).await.expect("alpha answers");
    list(&b).await.expect("beta answers");
    list(&a).await.expect("alpha answers again");
    assert_eq!(
        paths(&first).await,
        [
            "/alpha/ap-southeast-1/v1/p/things",
            "/alpha/ap-southeast-1/v1/p/things"
        ]
    );
    assert_eq!(paths(&second).await, ["/beta/ap-southeast-1/v1/p/things"]);
}

#[tokio::test]
async fn the_explicit_endpoint_serves_every_service() {
    let (server, elsewhere) = (MockServer::start().await, MockServer::start().await);
    Mock::given(path("/gateway/v1/p/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let shared = runtime(
        Config::builder()
            .region("cn-north-4")
            .endpoint(format!("{}/gateway/", server.uri())),
    );
    // The services' own endpoints point elsewhere: the explicit endpoint wins.
    for name in ["alpha", "beta"] {
        let client = shared.clone().for_service(service_at(&elsewhere, name));
        list(&client).await.expect("the gateway answers");
    }
    list(&shared).await.expect("unbound clients use it too");
    assert_eq!(paths(&server).await.len(), 3);
    assert!(paths(&elsewhere).await.is_empty());
}

#[tokio::test]
async fn an_unresolvable_endpoint_fails_before_sending() {
    let server = MockServer::start().await;
    reply_ok(&server).await;
    let no_region = runtime(Config::builder()).for_service(service_at(&server, "alpha"));
    let err = list(&no_region).await.expect_err("no region");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("no region for service alpha")
            && text.contains("HUAWEICLOUD_SDK_ALPHA_ENDPOINT"),
        "{text}"
    );
    let unbound = runtime(Config::builder().region("cn-north-4"));
    let err = list(&unbound).await.expect_err("no service");
    assert!(err.to_string().contains("bound to no service"), "{err}");
    assert!(paths(&server).await.is_empty());
}

#[tokio::test]
async fn retry_policies_keep_the_binding() {
    let server = MockServer::start().await;
    reply_ok(&server).await;
    let client = runtime(Config::builder().region("cn-north-4"))
        .for_service(service_at(&server, "alpha"))
        .with_retry(huaweicloud_runtime::RetryPolicy::none());
    list(&client).await.expect("answers");
    assert_eq!(paths(&server).await, ["/alpha/cn-north-4/v1/p/things"]);
}
