//! Runs `dcs-client`'s `examples/lifecycle.rs` against a local server that answers like DCS
//! (bodies from the API reference's examples) and checks every signature: the instance is
//! created, the waiter reads it until it runs, the backup's waiter finds it in the backup records
//! until it succeeds; and a run whose instance fails to be created stops at the first read.

#[allow(dead_code)]
#[path = "../../generated/dcs/examples/lifecycle.rs"]
mod lifecycle;

use std::time::Duration;

use apiref_tests::signature::ValidSignature;
use dcs_client::models::BackupRecordResponseStatus;
use dcs_client::{Config, Credentials, DcsClient, WaitPolicy};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AK: &str = "AKLIFECYCLEEXAMPLE01";
const SK: &str = "SKlifecycleExampleSecret";
const PROJECT: &str = "0504201cd2a7427a8d1bc0ad1a5b6a8b";
const INSTANCE: &str = "3c49fd6b-fc7c-419e-9644-b6cce008653f";

fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// A backup record of the reference's example, with `status`.
fn backup_record(status: &str) -> serde_json::Value {
    json!({"total_num": 1, "backup_record_response": [{
        "backup_type": "manual",
        "created_at": "2019-05-10T08:31:16.166Z",
        "remark": "001",
        "is_support_restore": "TRUE",
        "backup_id": "548ceeff-2cbb-47ab-9a1c-7b085a8c08d7",
        "backup_name": "backup_20190510163116",
        "instance_id": INSTANCE,
        "size": 880232,
        "updated_at": "2019-05-10T08:32:30.546Z",
        "progress": if status == "succeed" { "100.00" } else { "40.00" },
        "status": status,
        "execution_at": "2019-05-11T08:31:16.166Z",
        "backup_format": "aof"
    }]})
}

fn listed(name: &str) -> serde_json::Value {
    json!({"instance_id": format!("id-{name}"), "name": name, "status": "RUNNING", "engine": "Redis"})
}

async fn dcs_like_server() -> MockServer {
    let server = MockServer::start().await;
    let instances = format!("/v2/{PROJECT}/instances");
    let instance = format!("{instances}/{INSTANCE}");
    let backups = format!("{instance}/backups");
    Mock::given(method("POST"))
        .and(path(instances.as_str()))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(json!({"instances": [
            {"instance_id": INSTANCE, "instance_name": "dcs-demo"}
        ]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(instance.as_str()))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(json!({"instance_id": INSTANCE, "status": "CREATING"})))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(instance.as_str()))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(json!({"instance_id": INSTANCE, "status": "RUNNING"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(instances.as_str()))
        .and(query_param("offset", "0"))
        .and(query_param("limit", "2"))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(
            json!({"instance_num": 3, "instances": [listed("a"), listed("b")]}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(instances.as_str()))
        .and(query_param("offset", "2"))
        .and(query_param("limit", "2"))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(
            json!({"instance_num": 3, "instances": [listed("dcs-demo")]}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(backups.as_str()))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(
            json!({"backup_id": "548ceeff-2cbb-47ab-9a1c-7b085a8c08d7"}),
        ))
        .mount(&server)
        .await;
    // The backup is in progress at the first read, done at the next ones.
    Mock::given(method("GET"))
        .and(path(backups.as_str()))
        .and(query_param("offset", "0"))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(backup_record("backuping")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(backups.as_str()))
        .and(query_param("offset", "0"))
        .and(ValidSignature { ak: AK, sk: SK })
        .respond_with(ok(backup_record("succeed")))
        .mount(&server)
        .await;
    server
}

fn settings() -> lifecycle::Settings {
    lifecycle::Settings {
        name: "dcs-demo".to_string(),
        vpc_id: "5e37b3be-950a-48e1-b498-65b63d336481".to_string(),
        subnet_id: "a4112635-3ec0-471c-95c3-5cf49b9533af".to_string(),
        az_code: "region01".to_string(),
        wait: WaitPolicy::fixed(Duration::from_millis(5), Duration::from_secs(10)),
        page_size: 2,
    }
}

fn client(server: &MockServer) -> DcsClient {
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .build()
        .expect("config");
    DcsClient::from_config(config).expect("client")
}

#[tokio::test]
async fn the_lifecycle_example_runs_against_a_dcs_like_server() {
    let server = dcs_like_server().await;
    let dcs = client(&server);
    let summary = lifecycle::run(&dcs, &settings())
        .await
        .expect("lifecycle runs");
    assert_eq!(summary.instance_id, INSTANCE);
    assert_eq!(summary.instance_names, ["a", "b", "dcs-demo"]);
    assert_eq!(summary.backup_id, "548ceeff-2cbb-47ab-9a1c-7b085a8c08d7");
    assert_eq!(
        summary.backup_status,
        Some(BackupRecordResponseStatus::Succeed)
    );
    assert_eq!(
        summary.backups,
        [(
            "548ceeff-2cbb-47ab-9a1c-7b085a8c08d7".to_string(),
            Some(BackupRecordResponseStatus::Succeed)
        )]
    );

    let received = server.received_requests().await.unwrap_or_default();
    let create = &received[0];
    let body: serde_json::Value = serde_json::from_slice(&create.body).expect("JSON body");
    assert_eq!(
        body,
        json!({
            "name": "dcs-demo",
            "engine": "Redis",
            "engine_version": "5.0",
            "capacity": 0.125,
            "spec_code": "redis.single.xu1.tiny.128",
            "az_codes": ["region01"],
            "vpc_id": "5e37b3be-950a-48e1-b498-65b63d336481",
            "subnet_id": "a4112635-3ec0-471c-95c3-5cf49b9533af",
            "description": "created by the dcs-rs lifecycle example"
        })
    );
    let shows = received
        .iter()
        .filter(|r| r.method.as_str() == "GET" && r.url.path().ends_with(INSTANCE))
        .count();
    assert_eq!(shows, 3, "two CREATING answers, then RUNNING");
    // Total 3 with pages of 2: exactly two list calls, no empty third page.
    let lists = received
        .iter()
        .filter(|r| {
            r.url.path() == format!("/v2/{PROJECT}/instances") && r.method.as_str() == "GET"
        })
        .count();
    assert_eq!(lists, 2);
    // The backup's waiter read the records twice (backuping, then succeed), with its own page
    // size; the listing of step 6 once more, with the example's.
    let backup_reads: Vec<String> = received
        .iter()
        .filter(|r| r.method.as_str() == "GET" && r.url.path().ends_with("/backups"))
        .map(|r| r.url.query().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        backup_reads,
        ["limit=10&offset=0", "limit=10&offset=0", "limit=2&offset=0"]
    );
}

#[tokio::test]
async fn an_instance_that_fails_to_be_created_stops_the_run_at_once() {
    let server = MockServer::start().await;
    let instances = format!("/v2/{PROJECT}/instances");
    Mock::given(method("POST"))
        .and(path(instances.as_str()))
        .respond_with(ok(json!({"instances": [{"instance_id": INSTANCE}]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{instances}/{INSTANCE}").as_str()))
        .respond_with(ok(
            json!({"instance_id": INSTANCE, "name": "dcs-demo", "status": "CREATEFAILED"}),
        ))
        .mount(&server)
        .await;
    let err = lifecycle::run(&client(&server), &settings())
        .await
        .expect_err("the instance failed");
    assert_eq!(
        err.to_string(),
        format!("instance {INSTANCE} (dcs-demo) ended in CREATEFAILED")
    );
    let received = server.received_requests().await.unwrap_or_default();
    let methods: Vec<&str> = received.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["POST", "GET"], "one read, no backup");
}
