//! Faults seen through generated typed methods (the client built from the documents by this
//! crate's build script): an enum value the document does not list, an error body with a
//! documented error code, an HTML error page and a truncated JSON body.

use apiref_tests::dcs::client::error_codes::ErrorCode;
use apiref_tests::dcs::client::models::{BackupRecordResponseStatus, ListBackupRecordsQuery};
use apiref_tests::dcs::client::DcsClient;
use huaweicloud_runtime::{Client, Config, Credentials, Error, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const BACKUPS: &str = "/v2/0123456789abcdef0123456789abcdef/instances/i-1/backups";

async fn setup(status: u16, body: &str, content_type: &str) -> (MockServer, DcsClient) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(BACKUPS))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_string(), content_type))
        .mount(&server)
        .await;
    let config = Config::builder()
        .endpoint(server.uri())
        .project_id(PROJECT)
        .credentials(Credentials::aksk("AK", "SK"))
        .retry(RetryPolicy::none())
        .build()
        .expect("config");
    let client = DcsClient::new(Client::new(config).expect("client"));
    (server, client)
}

#[tokio::test]
async fn an_unlisted_enum_value_round_trips_as_unknown() {
    let body = r#"{"total_num": 2, "backup_record_response": [
        {"backup_id": "b1", "status": "hibernating"},
        {"backup_id": "b2", "status": "succeed"}]}"#;
    let (_server, client) = setup(200, body, "application/json").await;
    let reply = client
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect("a 200 reply parses");
    let records = reply.backup_record_response.clone().unwrap_or_default();
    let statuses: Vec<_> = records.iter().map(|r| r.status.clone()).collect();
    assert_eq!(
        statuses,
        vec![
            Some(BackupRecordResponseStatus::Unknown("hibernating".into())),
            Some(BackupRecordResponseStatus::Succeed),
        ]
    );
    let back = serde_json::to_value(&reply).expect("serializes");
    assert_eq!(back["backup_record_response"][0]["status"], "hibernating");
    assert_eq!(back["backup_record_response"][1]["status"], "succeed");
}

#[tokio::test]
async fn a_documented_error_code_maps_to_the_generated_error_code() {
    let body = r#"{"error_code": "111400002", "error_msg": "Invalid project ID format."}"#;
    let (_server, client) = setup(400, body, "application/json").await;
    let err = client
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect_err("a 400 is an error");
    assert_eq!(err.status(), Some(400));
    let code = err.error_code().map(ErrorCode::from_code);
    assert_eq!(code, Some(ErrorCode::E111400002));
    assert_eq!(
        code.and_then(|c| c.message()),
        Some("Invalid project ID format.")
    );
    // A DCS.xxxx code of the table too.
    let (_server, client) = setup(400, r#"{"error_code": "DCS.4002"}"#, "application/json").await;
    let err = client
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect_err("a 400 is an error");
    assert_eq!(
        err.error_code().map(ErrorCode::from_code),
        Some(ErrorCode::Dcs4002)
    );
}

#[tokio::test]
async fn an_html_error_page_is_an_api_error_keeping_the_page() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let (_server, client) = setup(502, page, "text/html").await;
    let err = client
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect_err("a 502 is an error");
    match err {
        Error::Api {
            status,
            error_code,
            body,
            ..
        } => {
            assert_eq!(status, 502);
            assert_eq!(error_code, None);
            assert_eq!(body, page);
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_truncated_json_body_is_a_decode_error_keeping_the_body() {
    let truncated = r#"{"total_num": 1, "backup_record_response": [{"backup_id": "b1", "sta"#;
    let (_server, client) = setup(200, truncated, "application/json").await;
    let err = client
        .list_backup_records("i-1", &ListBackupRecordsQuery::default())
        .await
        .expect_err("a truncated body does not parse");
    match err {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(body, truncated);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}
