//! Behaviour of the generated code for `small.yaml`.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures_core::Stream;
use serde_json::{json, Value};

use super::error_codes::{ErrorBody, ErrorCode};
// Not a glob import: the fixture's `Option`, `Result` and `Box` models would shadow the prelude.
use super::models::{
    self, CreateInstanceBody, CreateInstanceBodyCacheMode, CreateInstanceBodyType,
    CreateInstanceResponse, CreateInstanceXLanguage, Engine, ErrorInfo, InstanceListInfo,
    ListInstancesQuery, ListInstancesResponse, OptionNoPasswordAccess, ResourceTag, ResultResult,
    Status, TypeQuery, TypeShardNo,
};
use super::{operations, DcsClient};

struct NoopWake;

impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

/// Polls a future that never waits (the stand-in runtime answers at once).
fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::from(Arc::new(NoopWake));
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn collect<S: Stream>(stream: S) -> Vec<S::Item> {
    let mut stream = Box::pin(stream);
    let mut out = Vec::new();
    block_on(std::future::poll_fn(|cx| loop {
        match stream.as_mut().poll_next(cx) {
            Poll::Ready(Some(item)) => out.push(item),
            Poll::Ready(None) => return Poll::Ready(()),
            Poll::Pending => return Poll::Pending,
        }
    }));
    out
}

/// Keys of `original` that the reserialized value lacks must be `null` or listed as unknown to
/// the schema; everything else must be equal.
fn assert_round_trip(original: &Value, back: &Value, unknown: &[&str], at: &str) {
    match (original, back) {
        (Value::Object(o), Value::Object(b)) => {
            for (k, v) in o {
                match b.get(k) {
                    Some(bv) => assert_round_trip(v, bv, unknown, &format!("{at}.{k}")),
                    None => assert!(
                        v.is_null() || unknown.contains(&k.as_str()),
                        "{at}.{k} was dropped"
                    ),
                }
            }
            for k in b.keys() {
                assert!(o.contains_key(k), "{at}.{k} was added");
            }
        }
        (Value::Array(o), Value::Array(b)) => {
            assert_eq!(o.len(), b.len(), "{at}");
            for (i, (ov, bv)) in o.iter().zip(b).enumerate() {
                assert_round_trip(ov, bv, unknown, &format!("{at}[{i}]"));
            }
        }
        (Value::Number(o), Value::Number(b)) => assert_eq!(o.as_f64(), b.as_f64(), "{at}"),
        _ => assert_eq!(original, back, "{at}"),
    }
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str, unknown: &[&str]) {
    let original: Value = serde_json::from_str(json).expect("example is JSON");
    let typed: T = serde_json::from_value(original.clone()).expect("example deserializes");
    let back = serde_json::to_value(&typed).expect("serializes");
    assert_round_trip(&original, &back, unknown, "$");
}

#[derive(serde::Deserialize)]
struct Example {
    operation: String,
    kind: String,
    status: Option<u16>,
    json: Option<String>,
}

#[test]
fn every_example_of_the_spec_round_trips() {
    let examples: Vec<Example> =
        serde_json::from_str(include_str!(env!("DCS_EXAMPLES"))).expect("examples");
    assert_eq!(examples.len(), 3);
    for e in &examples {
        let Some(json) = e.json.as_deref() else {
            continue;
        };
        match (e.operation.as_str(), e.kind.as_str(), e.status) {
            ("CreateInstance", "request", _) => round_trip::<CreateInstanceBody>(json, &[]),
            ("CreateInstance", "response", Some(200)) => {
                round_trip::<CreateInstanceResponse>(json, &[])
            }
            ("ListInstances", "response", Some(200)) => {
                round_trip::<ListInstancesResponse>(json, &["unlisted_field"])
            }
            other => panic!("no type known for example {other:?}"),
        }
    }
}

#[test]
fn keywords_digits_dots_and_dashes_keep_their_wire_names() {
    let body = CreateInstanceBody::new("dcs-demo".into(), Engine::Redis, 0.125)
        .with_type(CreateInstanceBodyType::Single)
        .with_async(true)
        .with_2fa_enabled(false)
        .with_instance_id("x".into())
        .with_instance_id_2("y".into())
        .with_instance_id_3("z".into())
        .with_cache_mode(CreateInstanceBodyCacheMode::VMinus1);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"name": "dcs-demo", "engine": "Redis", "capacity": 0.125, "type": "single", "async": true,
               "2fa_enabled": false, "instance.id": "x", "instance-id": "y", "instanceId": "z", "cache_mode": -1})
    );
}

#[test]
fn response_models_tolerate_omitted_required_fields_and_unknown_ones() {
    let info: InstanceListInfo =
        serde_json::from_value(json!({"instance_id": "i-1", "surprise": [1]})).unwrap();
    assert_eq!(info.instance_id.as_deref(), Some("i-1"));
    assert_eq!(info.name, None);
    assert_eq!(info.status, None);
    // Request-only models keep required fields required.
    assert!(
        serde_json::from_value::<CreateInstanceBody>(json!({"name": "x", "engine": "Redis"}))
            .is_err()
    );
    // The constructor still takes what the document requires.
    let built = InstanceListInfo::new("i".into(), "n".into(), Status::Running, Engine::Redis, 2.0);
    assert_eq!(built.status, Some(Status::Running));
}

#[test]
fn enums_keep_unlisted_values() {
    let s: Status = serde_json::from_value(json!("FROZEN")).unwrap();
    assert_eq!(s, Status::Unknown("FROZEN".into()));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!("FROZEN"));
    assert_eq!("RUNNING".parse::<Status>(), Ok(Status::Running));
    assert_eq!(Status::Creating.to_string(), "CREATING");
    let t: Vec<CreateInstanceBodyType> =
        serde_json::from_value(json!(["", "Self", "unknown", "other"])).unwrap();
    assert_eq!(
        t,
        vec![
            CreateInstanceBodyType::Empty,
            CreateInstanceBodyType::SelfType,
            CreateInstanceBodyType::Unknown2,
            CreateInstanceBodyType::Unknown("other".into())
        ]
    );
    let m: CreateInstanceBodyCacheMode = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(m, CreateInstanceBodyCacheMode::Unknown(7));
    assert_eq!(serde_json::to_value(m).unwrap(), json!(7));
    assert_eq!(
        "-1".parse::<CreateInstanceBodyCacheMode>(),
        Ok(CreateInstanceBodyCacheMode::VMinus1)
    );
    assert!("x".parse::<CreateInstanceBodyCacheMode>().is_err());
}

#[test]
fn secrets_are_redacted_in_debug() {
    let body =
        CreateInstanceBody::new("n".into(), Engine::Redis, 2.0).with_password("S3cret!pass".into());
    let printed = format!("{body:?}");
    assert!(
        printed.contains("password: Some(** redacted **)"),
        "{printed}"
    );
    assert!(!printed.contains("S3cret"), "{printed}");
    let change = models::Option::new("old-pw".into(), "new-pw".into())
        .with_no_password_access(OptionNoPasswordAccess::False)
        .with_remark("marked".into());
    let printed = format!("{change:?}");
    assert!(
        !printed.contains("old-pw") && !printed.contains("new-pw") && !printed.contains("marked"),
        "{printed}"
    );
    assert!(
        printed.contains("no_password_access: Some(False)"),
        "{printed}"
    );
    let result = models::Result::new(ResultResult::PasswordFailed);
    assert!(format!("{result:?}").contains("token: None"));
    // Models without secrets derive Debug.
    assert!(format!("{:?}", ResourceTag::new("k".into())).contains("\"k\""));
}

#[test]
fn requests_are_built_without_sending() {
    let client = DcsClient::new(huaweicloud_runtime::Client::default());
    let body = CreateInstanceBody::new("n".into(), Engine::Memcached, 2.0);
    let req = client
        .create_instance_request(Some(&CreateInstanceXLanguage::EnUs), &body)
        .unwrap();
    assert_eq!(req.operation.name, "CreateInstance");
    assert_eq!(req.operation.method, "POST");
    assert_eq!(
        req.headers,
        vec![("X-Language".to_string(), "en-us".to_string())]
    );
    assert_eq!(
        req.body,
        Some(json!({"name": "n", "engine": "Memcached", "capacity": 2.0}))
    );
    assert!(req.path_params.is_empty(), "project_id is the runtime's");

    let query = ListInstancesQuery::new()
        .with_status(Status::Error)
        .with_tags(vec!["a".into(), "b".into()]);
    let req = client.list_instances_request(&query).unwrap();
    assert_eq!(
        req.query,
        vec![
            ("status".into(), "ERROR".into()),
            ("tags".into(), "a".into()),
            ("tags".into(), "b".into())
        ]
    );

    let req = client
        .type_request(7, &TypeShardNo::V2, "g", None, &TypeQuery::new(true))
        .unwrap();
    assert_eq!(
        req.path_params,
        vec![
            ("node-id", "7".into()),
            ("shard.no", "2".into()),
            ("group", "g".into())
        ]
    );
    assert_eq!(req.query, vec![("self".into(), "true".into())]);
    assert!(req.headers.is_empty());
}

#[test]
fn operation_infos_describe_every_operation() {
    assert_eq!(operations::ALL.len(), 6);
    let op = operations::TYPE;
    assert_eq!(op.path, "/v2/{project_id}/odd/{node-id}/{shard.no}/{group}");
    let names: Vec<_> = op.params.iter().map(|p| (p.name, p.location)).collect();
    use huaweicloud_runtime::ParamLocation::*;
    // Placeholders the spec does not declare (`project_id`, `group`) are listed after the others.
    assert_eq!(
        names,
        vec![
            ("node-id", Path),
            ("shard.no", Path),
            ("X-Trace", Header),
            ("self", Query),
            ("project_id", Path),
            ("group", Path)
        ]
    );
    let flags = |op: &huaweicloud_runtime::OperationInfo| (op.deprecated, op.has_body);
    assert_eq!(flags(&operations::CHANGE_PASSWORD), (true, true));
    assert_eq!(flags(&operations::LIST_INSTANCES), (false, false));
    // The token header is documented but left to the runtime.
    assert!(operations::CREATE_INSTANCE
        .params
        .iter()
        .any(|p| p.name == "X-Auth-Token"));
}

#[test]
fn sending_decodes_the_reply_and_204_is_unit() {
    let runtime = huaweicloud_runtime::Client::with_replies(vec![
        json!({"instance_id": "i-9", "status": "RUNNING"}),
        Value::Null,
        json!({"result": "locked", "retry_times_left": 0}),
        json!([{"id": "b", "parent": {"id": "a"}}]),
    ]);
    let client = DcsClient::new(runtime);
    let info = block_on(client.show_instance("i-9")).unwrap();
    assert_eq!(info.status, Some(Status::Running));
    block_on(client.delete_instance("i-9")).unwrap();
    #[allow(deprecated)]
    let result =
        block_on(client.change_password("i-9", &models::Option::new("a".into(), "b".into())))
            .unwrap();
    assert_eq!(result.result, Some(ResultResult::Locked));
    let boxes: Vec<models::Box> =
        block_on(client.r#type(1, &TypeShardNo::V1, "g", Some(5), &TypeQuery::new(false))).unwrap();
    assert_eq!(
        boxes[0].parent.as_ref().and_then(|p| p.id.clone()),
        Some("a".into())
    );
    let sent = client.inner().sent();
    assert_eq!(
        sent[1].path_params,
        vec![("instance_id", "i-9".to_string())]
    );
    assert_eq!(
        sent[3].headers,
        vec![("X-Trace".to_string(), "5".to_string())]
    );
}

#[test]
fn list_streams_page_until_the_total() {
    let item = |n: u32| json!({"instance_id": format!("i-{n}"), "name": "x", "status": "RUNNING", "engine": "Redis", "capacity": 1});
    let runtime = huaweicloud_runtime::Client::with_replies(vec![
        json!({"instance_num": 5, "instances": [item(1), item(2), item(3)]}),
        json!({"instance_num": 5, "instances": [item(4), item(5)]}),
    ]);
    let client = DcsClient::new(runtime);
    let items =
        collect(client.list_instances_stream(&ListInstancesQuery::new().with_name("x".into()), 3));
    let ids: Vec<_> = items
        .into_iter()
        .map(|i| i.unwrap().instance_id.unwrap())
        .collect();
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);
    let queries: Vec<_> = client.inner().sent().into_iter().map(|r| r.query).collect();
    let q = |o: &str| {
        vec![
            ("offset".to_string(), o.to_string()),
            ("limit".into(), "3".into()),
            ("name".into(), "x".into()),
        ]
    };
    assert_eq!(queries, vec![q("0"), q("3")]);
}

#[test]
fn error_codes_match_and_keep_unknown_codes() {
    assert_eq!(ErrorCode::from_code("DCS.4001"), ErrorCode::Dcs4001);
    assert_eq!(ErrorCode::Dcs4008.status(), Some(404));
    assert_eq!(ErrorCode::E111400063.as_str(), "111400063");
    assert_eq!(
        ErrorCode::Dcs4001.message(),
        Some("Invalid request parameter.")
    );
    assert_eq!(
        "DCS.9999".parse::<ErrorCode>().unwrap(),
        ErrorCode::Unknown("DCS.9999".into())
    );
    let body: ErrorBody =
        serde_json::from_value(json!({"error_code": "DCS.4008", "error_msg": "gone", "x": 1}))
            .unwrap();
    assert_eq!(body.code(), Some(ErrorCode::Dcs4008));
    let info: ErrorInfo = serde_json::from_value(json!({"error_msg": "no code"})).unwrap();
    assert_eq!(info.error_code, None);
}

#[test]
fn optional_scalars_accept_other_scalar_forms() {
    let info: InstanceListInfo = serde_json::from_value(
        json!({"instance_id": 12, "max_memory": "1536", "capacity": "0.5", "name": null}),
    )
    .unwrap();
    assert_eq!(info.instance_id.as_deref(), Some("12"));
    assert_eq!(info.max_memory, Some(1536));
    assert_eq!(info.capacity, Some(0.5));
    assert_eq!(info.name, None);
    let body: CreateInstanceBody = serde_json::from_value(
        json!({"name": "n", "engine": "Redis", "capacity": 1, "async": "true"}),
    )
    .unwrap();
    assert_eq!(body.r#async, Some(true));
    let err =
        serde_json::from_value::<InstanceListInfo>(json!({"max_memory": "lots"})).unwrap_err();
    assert!(
        err.to_string().contains("unexpected value \"lots\""),
        "{err}"
    );
    assert!(serde_json::from_value::<InstanceListInfo>(json!({"instance_id": {"x": 1}})).is_err());
}
