//! The OpenAPI export of the committed DCS spec: it parses as OpenAPI 3.0, holds every operation
//! and schema, and a few places checked by hand against the API reference come out right.

use std::collections::BTreeSet;
use std::path::Path;

use apiref_spec::openapi::{render, to_openapi, Format};
use apiref_spec::Spec;
use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::{json, Value};

fn spec() -> Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dcs/spec.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    Spec::from_yaml("spec.yaml", &text).unwrap()
}

fn operation_ids(api: &OpenAPI) -> BTreeSet<String> {
    api.operations()
        .filter_map(|(_, _, op)| op.operation_id.clone())
        .collect()
}

#[test]
fn json_and_yaml_parse_as_openapi_with_every_operation_and_schema() {
    let spec = spec();
    let doc = to_openapi(&spec);
    let want_ops: BTreeSet<String> = spec.operations.iter().map(|o| o.name.clone()).collect();
    let want_schemas: BTreeSet<String> = spec.schemas.keys().cloned().collect();
    assert_eq!(
        want_ops.len(),
        spec.operations.len(),
        "operation names are unique"
    );

    let from_json: OpenAPI = serde_json::from_str(&render(&doc, Format::Json).unwrap()).unwrap();
    let from_yaml: OpenAPI = serde_yaml::from_str(&render(&doc, Format::Yaml).unwrap()).unwrap();
    for api in [&from_json, &from_yaml] {
        assert_eq!(api.openapi, "3.0.3");
        assert_eq!(operation_ids(api), want_ops);
        assert_eq!(api.operations().count(), spec.operations.len());
        let components = api.components.as_ref().unwrap();
        let schemas: BTreeSet<String> = components.schemas.keys().cloned().collect();
        assert_eq!(schemas, want_schemas);
        let schemes: Vec<&String> = components.security_schemes.keys().collect();
        assert_eq!(schemes, ["AkSk", "Token"]);
    }
}

#[test]
fn every_reference_resolves() {
    let spec = spec();
    let doc = to_openapi(&spec);
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(refs.len() > 300, "only {} references", refs.len());
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        assert!(spec.schemas.contains_key(name), "dangling {r}");
    }
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("$ref", Value::String(s)) => out.push(s.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// CopyInstance, "Backing Up a DCS Instance" in the reference (`004_…txt` lines 3-258).
#[test]
fn copy_instance_by_hand() {
    let doc = to_openapi(&spec());
    let op = &doc["paths"]["/v2/{project_id}/instances/{instance_id}/backups"]["post"];
    assert_eq!(op["operationId"], "CopyInstance");
    assert_eq!(op["summary"], "Backing Up a DCS Instance");
    assert_eq!(op["tags"], json!(["Backup and Restoration"]));
    assert!(op.get("deprecated").is_none());
    let params = op["parameters"].as_array().unwrap();
    let names: Vec<(&str, &str, bool)> = params
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["in"].as_str().unwrap(),
                p["required"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("instance_id", "path", true), ("project_id", "path", true)]
    );
    let body = &op["requestBody"]["content"]["application/json"];
    assert_eq!(
        body["schema"]["$ref"],
        "#/components/schemas/BackupInstanceBody"
    );
    // The English and Chinese documents print the same request example: it appears once.
    assert_eq!(
        body["example"],
        json!({"remark": "Backup instances", "backup_format": "aof"})
    );
    let responses = op["responses"].as_object().unwrap();
    assert_eq!(responses.keys().collect::<Vec<_>>(), ["200", "400", "500"]);
    let ok = &responses["200"]["content"]["application/json"];
    assert_eq!(
        ok["schema"]["$ref"],
        "#/components/schemas/CopyInstanceResponse"
    );
    assert_eq!(
        ok["example"],
        json!({"backup_id": "548ceeff-2cbb-47ab-9a1c-7b085a8c08d7"})
    );
    assert_eq!(
        responses["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorResponse"
    );

    let format = &doc["components"]["schemas"]["BackupInstanceBody"]["properties"]["backup_format"];
    assert_eq!(format["type"], "string");
    assert_eq!(format["enum"], json!(["aof", "rdb"]));
    assert_eq!(format["default"], "rdb");
}

#[test]
fn deprecated_v1_operation_is_marked() {
    let spec = spec();
    let dep = spec
        .operations
        .iter()
        .find(|o| o.deprecated && o.version == "v1")
        .expect("the reference has deprecated v1 APIs");
    let doc = to_openapi(&spec);
    let op = &doc["paths"][&dep.path][dep.method.to_ascii_lowercase()];
    assert_eq!(op["operationId"], dep.name.as_str());
    assert_eq!(op["deprecated"], true);
    let live = spec.operations.iter().find(|o| !o.deprecated).unwrap();
    let op = &doc["paths"][&live.path][live.method.to_ascii_lowercase()];
    assert!(op.get("deprecated").is_none());
}

#[test]
fn security_schemes_are_header_api_keys() {
    let api: OpenAPI = serde_json::from_value(to_openapi(&spec())).unwrap();
    let schemes = &api.components.unwrap().security_schemes;
    for (name, header) in [("AkSk", "Authorization"), ("Token", "X-Auth-Token")] {
        match &schemes[name] {
            ReferenceOr::Item(openapiv3::SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Header,
                name: n,
                ..
            }) => assert_eq!(n, header),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(api.security.unwrap().len(), 2);
}

#[test]
fn the_server_is_the_services_endpoint_template() {
    let doc = to_openapi(&spec());
    assert_eq!(
        doc["servers"][0]["url"],
        json!("https://dcs.{region}.myhuaweicloud.com")
    );
    assert_eq!(
        doc["servers"][0]["variables"]["region"]["default"],
        json!("ap-southeast-1")
    );
    // A service without a configured endpoint gets Huawei Cloud's usual one.
    let mut other = spec();
    other.service.name = "ecs".into();
    other.service.endpoint = None;
    assert_eq!(
        to_openapi(&other)["servers"][0]["url"],
        json!("https://ecs.{region}.myhuaweicloud.com")
    );
}
