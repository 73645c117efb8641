// A downstream caller, written against the fixture as it is (`small`): `tests/growth.rs` compiles
// it against each edition of the generated client, imported as `api`.

use api::models::{
    CreateInstanceBody, CreateInstanceResponse, Engine, InstanceRef, ListInstancesQuery, Status,
};
use api::DcsClient;

/// The create request the caller sends.
pub fn create_request(client: &DcsClient) -> Result<huaweicloud_runtime::Request, huaweicloud_runtime::Error> {
    let body = CreateInstanceBody::builder()
        .name("dcs-demo")
        .engine(Engine::Redis)
        .capacity(0.125)
        .build()?;
    client.create_instance_request(None, &body)
}

/// A query with one filter set.
pub fn running_query() -> ListInstancesQuery {
    ListInstancesQuery::builder()
        .status(Status::Running)
        .build()
        .expect("the query has no required field")
}

/// A reply as a downstream crate's test builds it.
pub fn canned_reply() -> CreateInstanceResponse {
    CreateInstanceResponse::new()
        .with_instance_id("i-1")
        .with_instances(vec![InstanceRef::new()
            .with_instance_id("i-1")
            .with_instance_name("dcs-demo")])
}

/// What the caller shows of an engine: a match that must not be exhaustive to keep compiling.
pub fn engine_label(engine: &Engine) -> &str {
    match engine {
        Engine::Redis => "redis",
        Engine::Memcached => "memcached",
        other => other.as_str(),
    }
}
