//! Generated clients go to their own service's endpoint: the `cache` client, generated from a
//! spec whose endpoint template is `http://cache.{region}.example.test/api`, sends to that host in
//! the configured region, while the `dcs` client sharing its runtime client resolves its own.
//!
//! The host is seen on the wire through a proxy: the test points `HTTP_PROXY` at a local server,
//! which receives the absolute URL. The variable is process-wide, so this test is alone in its
//! binary.

use apiref_compile_check::{cache, small};
use huaweicloud_runtime::{Client as RuntimeClient, Config};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn each_generated_client_goes_to_its_services_endpoint() {
    let proxy = MockServer::start().await;
    Mock::given(wiremock::matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"instance_id": "i-1"})))
        .mount(&proxy)
        .await;
    std::env::set_var("HTTP_PROXY", proxy.uri());
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    // Only the proxy variable is set: the runtime resolves endpoints from the region.
    let config = Config::builder()
        .region("ap-southeast-1")
        .project_id("p")
        .build()
        .expect("valid config");
    let runtime = RuntimeClient::new(config).expect("client");
    let cache = cache::CacheClient::new(runtime.clone());
    let dcs = small::DcsClient::new(runtime);

    assert_eq!(cache::SERVICE.name, "cache");
    assert_eq!(
        cache.inner().endpoint().expect("resolves").as_str(),
        "http://cache.ap-southeast-1.example.test/api"
    );
    assert_eq!(
        dcs.inner().endpoint().expect("resolves").as_str(),
        "https://dcs.ap-southeast-1.myhuaweicloud.com/"
    );

    let info = cache.show_instance("i-1").await.expect("the proxy answers");
    assert_eq!(info.instance_id.as_deref(), Some("i-1"));
    let received = proxy.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 1);
    let url = &received[0].url;
    assert_eq!(url.host_str(), Some("cache.ap-southeast-1.example.test"));
    assert_eq!(url.path(), "/api/v2/p/instances/i-1");
}
