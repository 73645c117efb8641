//! Fault cases through the generated, typed client: a value the document does not list, and an
//! error reply carrying a documented error code.

use dcs_client::error_codes::ErrorCode;
use dcs_client::models::{BackupRecordResponseStatus, CreateInstanceBody, ListBackupRecordsQuery};
use dcs_client::{documented_error, Config, DcsClient, Error, RetryPolicy, RuntimeClient};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> DcsClient {
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id("p")
        .retry(RetryPolicy::none())
        .build()
        .expect("config");
    DcsClient::new(RuntimeClient::new(config).expect("client"))
}

#[tokio::test]
async fn unlisted_enum_value_is_kept_as_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "total_num": 2,
            "backup_record_response": [
                {"backup_id": "b1", "status": "succeed"},
                {"backup_id": "b2", "status": "archived_to_obs"}
            ]
        })))
        .mount(&server)
        .await;
    let page = client(&server)
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect("an unlisted value is not an error");
    let records = page.backup_record_response.expect("records");
    assert_eq!(records[0].status, Some(BackupRecordResponseStatus::Succeed));
    let unknown = records[1].status.clone().expect("status");
    assert_eq!(
        unknown,
        BackupRecordResponseStatus::Unknown("archived_to_obs".to_string())
    );
    // It serializes back to the same wire value.
    assert_eq!(
        serde_json::to_value(&unknown).expect("serializes"),
        json!("archived_to_obs")
    );
}

#[tokio::test]
async fn documented_error_code_is_matchable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("X-Request-Id", "0f6c7d3e2b1a")
                .set_body_json(json!({
                    "error_code": "DCS.1004",
                    "error_msg": "Project ID does not match the token."
                })),
        )
        .mount(&server)
        .await;
    let body = CreateInstanceBody::builder()
        .name("dcs-demo")
        .engine("Redis")
        .capacity(0.125)
        .spec_code("redis.single.xu1.tiny.128")
        .az_codes(["region01"])
        .vpc_id("vpc")
        .subnet_id("subnet")
        .build()
        .expect("every required field is set");
    let err = client(&server)
        .create_instance(&body)
        .await
        .expect_err("401");
    assert!(matches!(err, Error::Api { status: 401, .. }), "{err:?}");
    assert_eq!(err.request_id(), Some("0f6c7d3e2b1a"));
    let code = documented_error(&err).expect("has a code");
    assert_eq!(code, ErrorCode::Dcs1004);
    // The reference's table agrees with the reply's status.
    assert_eq!(code.status(), Some(401));
}
