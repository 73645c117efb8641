//! This crate's own logic against `DcsMock`, the client's test double: paging through instances,
//! backing up, and what each documented error does, without a network or an HTTP server.

use std::time::Duration;

use dcs_client::error_codes::ErrorCode;
use dcs_client::mock::DcsMock;
use dcs_client::models::{
    BackupInstanceBody, CopyInstanceResponse, InstanceListInfo, ListInstancesQuery,
    ListInstancesResponse, ShowInstanceResponse,
};
use dcs_client::runtime::mock::Failure;
use dcs_client::{documented_error, operations, Config, Error, RetryPolicy};
use dcs_downstream::{BackupReport, Caches, PAGE_SIZE};

fn instance(id: &str, status: &str) -> InstanceListInfo {
    InstanceListInfo::new()
        .with_instance_id(id)
        .with_name(format!("cache-{id}"))
        .with_status(status)
}

/// One list page out of `total` instances.
fn page(total: i64, instances: Vec<InstanceListInfo>) -> ListInstancesResponse {
    ListInstancesResponse::new()
        .with_instance_num(total)
        .with_instances(instances)
}

fn caches(mock: &DcsMock) -> Caches {
    Caches::with_client(mock.client())
}

#[tokio::test]
async fn instance_names_pages_through_every_instance() {
    let mock = DcsMock::new();
    // 120 instances: pages of 50, 50 and 20.
    let all: Vec<InstanceListInfo> = (0..120)
        .map(|n| instance(&format!("{n:03}"), "RUNNING"))
        .collect();
    for chunk in all.chunks(50) {
        mock.list_instances().respond(page(120, chunk.to_vec()));
    }
    let names = caches(&mock).instance_names().await.unwrap();
    assert_eq!(names.len(), 120);
    assert_eq!(
        (names[0].as_str(), names[50].as_str(), names[119].as_str()),
        ("cache-000", "cache-050", "cache-119")
    );
    // Three requests, each for the next 50.
    let asked: Vec<(Option<i64>, Option<i64>)> = mock
        .list_instances()
        .queries()
        .unwrap()
        .into_iter()
        .map(|q: ListInstancesQuery| (q.offset, q.limit))
        .collect();
    assert_eq!(
        asked,
        [
            (Some(0), Some(50)),
            (Some(50), Some(50)),
            (Some(100), Some(50))
        ]
    );
    assert_eq!(PAGE_SIZE, 50);
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn a_failing_page_ends_the_listing_with_its_error() {
    let mock = DcsMock::new();
    let stopped: Vec<InstanceListInfo> = (0..50)
        .map(|n| instance(&n.to_string(), "STOPPED"))
        .collect();
    mock.list_instances().respond(page(80, stopped));
    mock.list_instances()
        .fail_with(Failure::new(503).with_message("Service unavailable"));
    let err = caches(&mock).instance_names().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.to_string(),
        "HTTP 503: Service unavailable (request id mock-2)"
    );
    assert_eq!(mock.calls().len(), 2);
}

#[tokio::test]
async fn back_up_sends_the_remark_and_returns_the_backup_id() {
    let mock = DcsMock::new();
    mock.copy_instance()
        .respond(CopyInstanceResponse::new().with_backup_id("b-1"));
    let backup = caches(&mock).back_up("i-1", "nightly").await.unwrap();
    assert_eq!(backup.as_deref(), Some("b-1"));

    let calls = mock.calls_to(&operations::COPY_INSTANCE);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].path, "/v2/mock-project/instances/i-1/backups");
    assert_eq!(calls[0].path_param("instance_id"), Some("i-1"));
    assert_eq!(
        mock.copy_instance().bodies().unwrap(),
        [BackupInstanceBody::builder()
            .remark("nightly")
            .build()
            .unwrap()]
    );
}

#[tokio::test]
async fn back_up_running_backs_up_running_instances_and_skips_busy_ones() {
    let mock = DcsMock::new();
    mock.list_instances().respond(page(
        4,
        vec![
            instance("a", "RUNNING"),
            instance("b", "FROZEN"),
            instance("c", "RUNNING"),
            instance("d", "RUNNING"),
        ],
    ));
    let backup = || mock.copy_instance();
    backup()
        .when_path("instance_id", "a")
        .respond(CopyInstanceResponse::new().with_backup_id("b-a"));
    // Both of the documented "the instance is backuping" codes count as busy.
    backup()
        .when_path("instance_id", "c")
        .fail_with(ErrorCode::Dcs4096);
    backup()
        .when_path("instance_id", "d")
        .respond(CopyInstanceResponse::new().with_backup_id("b-d"));

    let report = caches(&mock).back_up_running("weekly").await.unwrap();
    assert_eq!(
        report,
        BackupReport {
            started: vec![("a".into(), "b-a".into()), ("d".into(), "b-d".into())],
            busy: vec!["c".into()],
        }
    );
    // The frozen instance was not touched; the list was read once (a short page ends it).
    let calls = mock.calls();
    let order: Vec<(&str, Option<&str>)> = calls
        .iter()
        .map(|c| (c.operation.name, c.path_param("instance_id")))
        .collect();
    assert_eq!(
        order,
        [
            ("ListInstances", None),
            ("CopyInstance", Some("a")),
            ("CopyInstance", Some("c")),
            ("CopyInstance", Some("d")),
        ]
    );
    let remarks: Vec<Option<String>> = backup()
        .bodies()
        .unwrap()
        .into_iter()
        .map(|b| b.remark)
        .collect();
    assert_eq!(remarks, vec![Some("weekly".to_string()); 3]);
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn back_up_running_stops_at_any_other_error() {
    let mock = DcsMock::new();
    mock.list_instances().respond(page(
        2,
        vec![instance("a", "RUNNING"), instance("b", "RUNNING")],
    ));
    mock.copy_instance().fail_with(ErrorCode::E111400096);
    mock.copy_instance().fail_with(ErrorCode::Dcs3022);
    mock.copy_instance()
        .respond(CopyInstanceResponse::new().with_backup_id("never"));

    let err = caches(&mock).back_up_running("r").await.unwrap_err();
    assert_eq!(documented_error(&err), Some(ErrorCode::Dcs3022));
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("mock-3"));
    assert_eq!(
        err.to_string(),
        "HTTP 404 DCS.3022: This DCS instance does not exist. (request id mock-3)"
    );
    assert_eq!(mock.copy_instance().calls().len(), 2);
    assert_eq!(
        mock.verify(),
        Err("unused stub: CopyInstance has 1 reply left".to_string())
    );
}

#[tokio::test]
async fn status_reads_the_reply_and_reports_a_missing_instance() {
    let mock = DcsMock::new();
    mock.show_instance()
        .when_path("instance_id", "i-1")
        .respond(ShowInstanceResponse::new().with_status("RUNNING"));
    mock.show_instance()
        .when_path("instance_id", "i-gone")
        .fail_with(ErrorCode::Dcs3022);
    let caches = caches(&mock);
    assert_eq!(
        caches.status("i-1").await.unwrap().as_deref(),
        Some("RUNNING")
    );
    let err = caches.status("i-gone").await.unwrap_err();
    assert_eq!(documented_error(&err), Some(ErrorCode::Dcs3022));
    // A call no stub answers fails, naming the operation, and the mock remembers it.
    let err = caches.status("i-other").await.unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("ShowInstance")),
        "{err}"
    );
    assert_eq!(mock.runtime().unexpected_calls().len(), 1);
}

#[tokio::test]
async fn a_slow_service_times_out_under_the_configured_timeout() {
    let mock = DcsMock::new();
    mock.show_instance()
        .delay(Duration::from_secs(30))
        .respond(ShowInstanceResponse::new());
    mock.show_instance()
        .delay(Duration::from_millis(20))
        .respond(ShowInstanceResponse::new().with_status("RUNNING"));
    let config = Config::builder()
        .region("cn-north-4")
        .project_id("p-1")
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let caches = Caches::with_client(mock.client_with(config));
    let err = caches.status("i-1").await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        caches.status("i-1").await.unwrap().as_deref(),
        Some("RUNNING")
    );
}
