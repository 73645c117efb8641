//! The generated models, enums and error codes of the fixture: round trips of the document's
//! examples, wire names of awkward fields, enums keeping unlisted values, redaction, lenient
//! scalars.

use apiref_compile_check::small::error_codes::{ErrorBody, ErrorCode};
// Not a glob import: the fixture's `Option`, `Result` and `Box` models would shadow the prelude.
use apiref_compile_check::small::models::{
    self, CreateInstanceBody, CreateInstanceBodyCacheMode, CreateInstanceBodyType,
    CreateInstanceResponse, Engine, ErrorInfo, InstanceListInfo, ListInstancesResponse,
    OptionNoPasswordAccess, ResourceTag, ResultResult, Status,
};
use apiref_compile_check::small::{documented_error, Error};
use apiref_spec::{ExampleKind, Spec};
use serde_json::{json, Value};

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

fn fixture() -> Spec {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/small.yaml");
    let text = std::fs::read_to_string(path).expect("fixture reads");
    Spec::from_yaml(path, &text).expect("fixture parses")
}

#[test]
fn every_example_of_the_spec_round_trips() {
    let spec = fixture();
    let mut checked = 0;
    for op in &spec.operations {
        for e in &op.examples {
            let Some(json) = e.json.as_deref() else {
                continue;
            };
            match (op.name.as_str(), e.kind, e.status) {
                ("CreateInstance", ExampleKind::Request, _) => {
                    round_trip::<CreateInstanceBody>(json, &[])
                }
                ("CreateInstance", ExampleKind::Response, Some(200)) => {
                    round_trip::<CreateInstanceResponse>(json, &[])
                }
                ("ListInstances", ExampleKind::Response, Some(200)) => {
                    round_trip::<ListInstancesResponse>(json, &["unlisted_field"])
                }
                other => panic!("no type known for example {other:?}"),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 3);
}

#[test]
fn keywords_digits_dots_and_dashes_keep_their_wire_names() {
    let body = CreateInstanceBody::builder()
        .name("dcs-demo")
        .engine(Engine::Redis)
        .capacity(0.125)
        .r#type(CreateInstanceBodyType::Single)
        .r#async(true)
        ._2fa_enabled(false)
        .instance_id("x")
        .instance_id_2("y")
        .instance_id_3("z")
        .cache_mode(CreateInstanceBodyCacheMode::VMinus1)
        .build()
        .unwrap();
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
    // Tests build response models from `Default` and setters.
    let built = InstanceListInfo::new()
        .with_instance_id("i")
        .with_status(Status::Running);
    assert_eq!(built.status, Some(Status::Running));
    assert_eq!(built.name, None);
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
    let body = CreateInstanceBody::builder()
        .name("n")
        .engine(Engine::Redis)
        .capacity(2.0)
        .password("S3cret!pass")
        .build()
        .unwrap();
    let printed = format!("{body:?}");
    let redacted = huaweicloud_runtime::REDACTED;
    assert!(
        printed.contains(&format!("password: Some({redacted})")),
        "{printed}"
    );
    assert!(!printed.contains("S3cret"), "{printed}");
    let change = models::Option::builder()
        .old_password("old-pw")
        .new_password("new-pw")
        .no_password_access(OptionNoPasswordAccess::False)
        .remark("marked")
        .build()
        .unwrap();
    let printed = format!("{change:?}");
    assert!(
        !printed.contains("old-pw") && !printed.contains("new-pw") && !printed.contains("marked"),
        "{printed}"
    );
    assert!(
        printed.contains("no_password_access: Some(False)"),
        "{printed}"
    );
    let result = models::Result::new().with_result(ResultResult::PasswordFailed);
    assert!(format!("{result:?}").contains("token: None"));
    // Models without secrets derive Debug.
    let tag = ResourceTag::builder().key("k").build().unwrap();
    assert!(format!("{tag:?}").contains("\"k\""));
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
    let api = Error::Api {
        status: 404,
        error_code: Some("DCS.4008".into()),
        error_msg: None,
        request_id: None,
        body: String::new(),
    };
    assert_eq!(documented_error(&api), Some(ErrorCode::Dcs4008));
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
