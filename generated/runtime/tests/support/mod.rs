//! What the hostile-server tests share: operations, clients, and a raw TCP server.
// Each test binary uses part of it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_runtime::{
    Client, ConfigBuilder, Credentials, OperationInfo, ParamInfo, ParamLocation, Request,
    RetryPolicy,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const AK: &str = "AKHOSTILE0000000001";
pub const SK: &str = "SKhostileSecretThatMustNeverShow99";
pub const PROJECT: &str = "proj0123";

pub static LIST_INSTANCES: OperationInfo = OperationInfo {
    name: "ListInstances",
    method: "GET",
    path: "/v2/{project_id}/instances",
    params: &[
        ParamInfo::query("offset", false),
        ParamInfo::query("limit", false),
    ],
    deprecated: false,
    has_body: false,
};

pub static CREATE_INSTANCE: OperationInfo = OperationInfo {
    name: "CreateInstance",
    method: "POST",
    path: "/v2/{project_id}/instances",
    params: &[ParamInfo {
        name: "X-Client-Token",
        location: ParamLocation::Header,
        required: false,
    }],
    deprecated: false,
    has_body: true,
};

/// Retries with short backoffs, so a test's timing shows whether `Retry-After` ruled.
pub fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
        retry_non_idempotent: false,
    }
}

/// A configuration for `endpoint` with AK/SK credentials; tests add their own settings.
pub fn config(endpoint: &str, retry: RetryPolicy) -> ConfigBuilder {
    huaweicloud_runtime::Config::builder()
        .endpoint(endpoint)
        .project_id(PROJECT)
        .credentials(Credentials::aksk(AK, SK))
        .retry(retry)
        .timeout(Duration::from_secs(10))
}

pub fn client(builder: ConfigBuilder) -> Client {
    Client::new(builder.build().expect("valid config")).expect("client")
}

pub fn list(offset: u64, limit: u32) -> Request {
    let mut r = Request::new(&LIST_INSTANCES);
    r.query.push(("offset".into(), offset.to_string()));
    r.query.push(("limit".into(), limit.to_string()));
    r
}

pub fn create() -> Request {
    let mut r = Request::new(&CREATE_INSTANCE);
    r.body = Some(serde_json::json!({"name": "cache", "capacity": 2}));
    r
}

/// A raw HTTP/1.1 server taking up to `connections` connections: each reads the request, then
/// `serve(n, socket)` answers connection `n` (0-based). Returns the base URL and the count of
/// connections taken.
pub async fn raw_server<F, Fut>(connections: usize, serve: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        for _ in 0..connections {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = vec![0u8; 16 * 1024];
            // One read gets the whole small test request (headers plus body).
            let _ = socket.read(&mut buf).await;
            serve(n, socket).await;
        }
    });
    (format!("http://{addr}"), count)
}

/// Writes `head` and closes.
pub async fn reply(mut socket: TcpStream, head: String) {
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.flush().await;
}

/// Everything the fmt subscriber of [`capture_traces`] writes.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Captures every event and span close on this thread (TRACE level, no colours) until the
/// guard drops.
pub fn capture_traces() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}
