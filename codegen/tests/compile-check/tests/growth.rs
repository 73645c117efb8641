//! A caller written against today's fixture keeps compiling when the next edition adds an
//! optional request field, an optional response field and an enum value (`grown`), and when a
//! required field is added (`required`) its request fails before it is sent, naming the field.
//! The same source, `caller/calls.rs`, is compiled against each edition: this file compiling is
//! half of the test.

use apiref_compile_check::small::{Config, Error, RuntimeClient};
use serde_json::{json, Value};

#[allow(dead_code)] // Each edition compiles the whole caller; the tests call a part of each.
mod today {
    use apiref_compile_check::small as api;
    include!("caller/calls.rs");
}

#[allow(dead_code)] // Each edition compiles the whole caller; the tests call a part of each.
mod grown {
    use apiref_compile_check::grown as api;
    include!("caller/calls.rs");
}

#[allow(dead_code)] // Each edition compiles the whole caller; the tests call a part of each.
mod required {
    use apiref_compile_check::required as api;
    include!("caller/calls.rs");
}

fn runtime() -> RuntimeClient {
    let config = Config::builder()
        .region("region-1")
        .project_id("p-1")
        .build()
        .expect("config");
    RuntimeClient::new(config).expect("client")
}

fn body_json(request: &huaweicloud_runtime::Request) -> Value {
    request.body.clone().expect("a body")
}

#[test]
fn the_same_call_sends_the_same_body_after_additive_changes() {
    let expected = json!({"name": "dcs-demo", "engine": "Redis", "capacity": 0.125});
    let old = today::create_request(&apiref_compile_check::small::DcsClient::new(runtime()));
    let new = grown::create_request(&apiref_compile_check::grown::DcsClient::new(runtime()));
    assert_eq!(body_json(&old.expect("today's request")), expected);
    assert_eq!(body_json(&new.expect("grown request")), expected);
}

#[test]
fn replies_built_in_tests_and_enum_matches_survive_the_new_edition() {
    let reply = grown::canned_reply();
    assert_eq!(reply.instance_id.as_deref(), Some("i-1"));
    assert_eq!(reply.task_id, None);
    let tair: apiref_compile_check::grown::models::Engine =
        serde_json::from_value(json!("Tair")).expect("a listed value");
    assert_eq!(grown::engine_label(&tair), "Tair");
    // Today's client reads the new value too, as `Unknown`.
    let unknown: apiref_compile_check::small::models::Engine =
        serde_json::from_value(json!("Tair")).expect("an unlisted value");
    assert_eq!(today::engine_label(&unknown), "Tair");
    assert_eq!(today::running_query(), today::running_query());
    assert!(grown::running_query().status.is_some());
}

#[test]
fn a_new_required_field_fails_the_request_naming_it() {
    let client = apiref_compile_check::required::DcsClient::new(runtime());
    let err = required::create_request(&client).expect_err("vpc_id is required and unset");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid request: CreateInstanceBody: the required field `vpc_id` is not set"
    );
}
