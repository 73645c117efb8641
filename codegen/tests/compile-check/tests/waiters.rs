//! The generated `wait_until_…` methods of the fixture's waiters against a local HTTP server:
//! done after some reads, a failure state at once (with the resource read), the timeout (with the
//! last resource), a failed read, a status inside a wrapper object, a resource found in a paged
//! list and in a list read in one call. Delays are a few milliseconds: the runtime's own tests
//! check the schedule of the delays with a paused clock.

use std::time::{Duration, Instant};

use apiref_compile_check::small::models::{JobReply, JobSummaryPhase};
use apiref_compile_check::small::{
    waiters, Config, Credentials, DcsClient, Error, RetryPolicy, RuntimeClient, WaitError,
    WaitPolicy,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "p-1";

fn client(server: &MockServer) -> DcsClient {
    let config = Config::builder()
        .region("cn-north-4")
        .project_id(PROJECT)
        .credentials(Credentials::aksk("AK", "SK"))
        .endpoint(server.uri())
        .retry(RetryPolicy::none())
        .build()
        .expect("valid config");
    DcsClient::new(RuntimeClient::new(config).expect("client"))
}

/// Reads every 2 ms, for at most `timeout`.
fn quick(timeout: Duration) -> WaitPolicy {
    WaitPolicy::fixed(Duration::from_millis(2), timeout)
}

fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Answers `GET at` with `first` `times` times, then with `then`.
async fn answer(
    server: &MockServer,
    at: &str,
    first: serde_json::Value,
    times: u64,
    then: serde_json::Value,
) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ok(first))
        .up_to_n_times(times)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ok(then))
        .mount(server)
        .await;
}

async fn requests(server: &MockServer, at: &str) -> Vec<wiremock::Request> {
    let received = server.received_requests().await.unwrap_or_default();
    received
        .into_iter()
        .filter(|r| r.method.as_str() == "GET" && r.url.path() == at)
        .collect()
}

fn job(status: &str) -> serde_json::Value {
    json!({"job": {"job_id": "j-1", "status": status}})
}

fn status(reply: &JobReply) -> Option<&str> {
    reply.job.as_ref().and_then(|j| j.status.as_deref())
}

#[test]
fn the_waiters_are_listed_with_their_values() {
    let names: Vec<&str> = waiters::ALL.iter().map(|w| w.name).collect();
    assert_eq!(names, ["job_done", "job_listed_done", "task_finished"]);
    let job = waiters::JOB_DONE;
    assert_eq!(
        (job.operation, job.status, job.success, job.failure),
        (
            "ShowJob",
            "job.status",
            &["DONE"][..],
            &["FAILED", "CANCELLED"][..]
        )
    );
    assert_eq!(waiters::JOB_LISTED_DONE.status, "jobs[].phase");
    assert_eq!(waiters::TASK_FINISHED.success, ["finished", "skipped"]);
}

#[tokio::test]
async fn done_after_three_reads_with_the_header_on_each() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs/j-1");
    answer(&server, &at, job("QUEUED"), 2, job("DONE")).await;
    let done = client(&server)
        .wait_until_job_done("j-1", Some("en-us"), &quick(Duration::from_secs(5)))
        .await
        .expect("done");
    assert_eq!(status(&done), Some("DONE"));
    let reads = requests(&server, &at).await;
    assert_eq!(reads.len(), 3);
    for r in &reads {
        let lang = r.headers.get("X-Language").and_then(|v| v.to_str().ok());
        assert_eq!(lang, Some("en-us"));
    }
}

#[tokio::test]
async fn a_failure_state_ends_the_wait_at_once_with_the_resource() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs/j-1");
    answer(&server, &at, job("RUNNING"), 1, job("CANCELLED")).await;
    let err = client(&server)
        .wait_until_job_done("j-1", None, &quick(Duration::from_secs(5)))
        .await
        .unwrap_err();
    assert_eq!(requests(&server, &at).await.len(), 2);
    assert_eq!(
        err.to_string(),
        "job_done: the resource is in the failure state CANCELLED"
    );
    match err {
        WaitError::Failed {
            waiter,
            status: failed,
            resource,
        } => {
            assert_eq!((waiter, failed.as_str()), ("job_done", "CANCELLED"));
            assert_eq!(status(&resource), Some("CANCELLED"));
            let id = resource.job.as_ref().and_then(|j| j.job_id.as_deref());
            assert_eq!(id, Some("j-1"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_timeout_ends_the_wait_with_the_last_resource() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs/j-1");
    answer(&server, &at, job("QUEUED"), 1, job("RUNNING")).await;
    let started = Instant::now();
    let err = client(&server)
        .wait_until_job_done("j-1", None, &quick(Duration::from_millis(60)))
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(60), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let made = requests(&server, &at).await.len();
    match &err {
        WaitError::TimedOut {
            reads,
            status: last_status,
            last,
            elapsed,
            ..
        } => {
            assert_eq!(*reads as usize, made);
            assert!(made >= 2, "{made} reads");
            assert!(*elapsed >= Duration::from_millis(60), "{elapsed:?}");
            assert_eq!(last_status.as_deref(), Some("RUNNING"));
            let last = last.as_ref().expect("a resource was read");
            assert_eq!(status(last), Some("RUNNING"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().ends_with("; last status RUNNING"), "{err}");
}

#[tokio::test]
async fn a_failed_read_ends_the_wait() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs/gone");
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"error_code": "DCS.4008", "error_msg": "The job does not exist."}),
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .wait_until_job_done("gone", None, &quick(Duration::from_secs(5)))
        .await
        .unwrap_err();
    assert_eq!(requests(&server, &at).await.len(), 1);
    match err {
        WaitError::Request { source, last, .. } => {
            assert!(last.is_none());
            assert!(
                matches!(source, Error::Api { status: 404, .. }),
                "{source:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_resource_found_in_a_paged_list() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs");
    let other = json!({"job_id": "j-0", "phase": "FAILED"});
    // First read: the job is not listed yet (the failure state of another one does not count).
    // Then it is listed running, then done.
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(ok(json!({"count": 1, "jobs": [other]})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer(
        &server,
        &at,
        json!({"count": 2, "jobs": [other, {"job_id": "j-2", "phase": "RUNNING"}]}),
        1,
        json!({"count": 2, "jobs": [other, {"job_id": "j-2", "phase": "DONE"}]}),
    )
    .await;
    let done = client(&server)
        .wait_until_job_listed_done("j-2", &quick(Duration::from_secs(5)))
        .await
        .expect("done");
    assert_eq!(done.phase, Some(JobSummaryPhase::Done));
    assert_eq!(done.job_id.as_deref(), Some("j-2"));
    // Three reads of the first page (the whole list fits in it), each asking for the documented
    // default of `limit`.
    let queries: Vec<Vec<(String, String)>> = requests(&server, &at)
        .await
        .iter()
        .map(|r| r.url.query_pairs().into_owned().collect())
        .collect();
    let page = vec![
        ("limit".to_string(), "50".to_string()),
        ("offset".to_string(), "0".to_string()),
    ];
    assert_eq!(queries, [page.clone(), page.clone(), page]);
}

#[tokio::test]
async fn an_item_of_a_list_read_in_one_call_with_an_integer_id() {
    let server = MockServer::start().await;
    let at = format!("/v2/{PROJECT}/jobs/j-1/tasks");
    answer(
        &server,
        &at,
        json!({"tasks": [{"id": 3, "state": "running"}]}),
        1,
        json!({"tasks": [{"id": 2, "state": "failed"}, {"id": 3, "state": "skipped"}]}),
    )
    .await;
    let dcs = client(&server);
    let task = dcs
        .wait_until_task_finished("j-1", "3", &quick(Duration::from_secs(5)))
        .await
        .expect("one of the success values");
    assert_eq!((task.id, task.state.as_deref()), (Some(3), Some("skipped")));
    assert_eq!(requests(&server, &at).await.len(), 2);
    // A task the list never shows: the wait times out with nothing read.
    let err = dcs
        .wait_until_task_finished("j-1", "9", &quick(Duration::from_millis(20)))
        .await
        .unwrap_err();
    assert!(err.resource().is_none());
    assert!(err.to_string().ends_with("; no status read"), "{err}");
}
