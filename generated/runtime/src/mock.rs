//! A test double for code that calls a generated client (cargo feature `mock`): the client's
//! requests are answered in process by stubbed replies, and every request is recorded.
//!
//! A client crate generates a typed front end over this module (`DcsMock` for `dcs-client`, one
//! stub method per operation); this module is the service-agnostic part:
//!
//! - [`Client::in_process`] backs a runtime client by a [`Handler`] instead of HTTP: no socket,
//!   no HTTP server, no TLS. Everything else is the real code path: required parameters are
//!   checked, the path is filled and encoded, the body serialized, the request signed when the
//!   configuration has credentials, retries follow the configuration's policy, and the reply is
//!   decoded (and an error reply parsed into [`Error::Api`]) exactly as an HTTP reply would be.
//!   A stubbed value is serialized to JSON and decoded back, so the caller's code sees what it
//!   would see from a server that sends that value.
//! - [`Mock`] is a [`Handler`] that answers from stubs and keeps a log of [`MockCall`]s (one per
//!   attempt: a retried call is logged once per attempt, as a server would see it).
//! - [`OperationMock`] is one operation's typed view of a [`Mock`]: it registers replies (a value
//!   of the operation's response type, a documented error, a raw reply; after a delay, a number
//!   of times, for calls that match) and reads the operation's calls back as its typed query and
//!   body.
//!
//! Stubs of an operation form a queue: each call takes the first stub that matches it and still
//! has replies left. A stub answers once unless [`OperationMock::times`] or
//! [`OperationMock::always`] says otherwise, so registering two replies makes a sequence. A call
//! no stub answers fails with [`Error::Config`] naming the operation, and is listed by
//! [`Mock::unexpected_calls`]: a test notices it even when the code under test swallows the
//! error. [`Mock::verify`] reports such calls and stubs left unused.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), huaweicloud_runtime::Error> {
//! use huaweicloud_runtime::mock::{Failure, Mock};
//! use huaweicloud_runtime::{OperationInfo, Request, ServiceInfo};
//!
//! static SERVICE: ServiceInfo = ServiceInfo {
//!     name: "dcs",
//!     endpoint: "https://dcs.{region}.myhuaweicloud.com",
//! };
//! static SHOW: OperationInfo = OperationInfo {
//!     name: "ShowInstance",
//!     method: "GET",
//!     path: "/v2/{project_id}/instances/{instance_id}",
//!     params: &[],
//!     deprecated: false,
//!     has_body: false,
//! };
//! let mock = Mock::new();
//! let show = || mock.operation::<serde_json::Value, (), ()>(&SHOW);
//! show().respond(serde_json::json!({"status": "RUNNING"}));
//! show().fail_with(Failure::new(404).with_code("DCS.3022"));
//!
//! // A generated client does this in its `new`; `DcsMock::client()` in one call.
//! let client = mock.client(Mock::config()).for_service(&SERVICE);
//! let mut request = Request::new(&SHOW);
//! request.path_params.push(("instance_id", "i-1".into()));
//! let reply: serde_json::Value = client.execute(request.clone()).await?;
//! assert_eq!(reply["status"], "RUNNING");
//! let error = client.execute::<serde_json::Value>(request).await.unwrap_err();
//! assert_eq!((error.status(), error.error_code()), (Some(404), Some("DCS.3022")));
//! assert_eq!(error.request_id(), Some("mock-2"), "the second call");
//!
//! let calls = show().calls();
//! assert_eq!(calls[0].path, "/v2/mock-project/instances/i-1");
//! assert!(mock.verify().is_ok(), "every stub used, no unexpected call");
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::de::{self, DeserializeOwned, IntoDeserializer};
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::config::{Config, RetryPolicy};
use crate::credentials::REDACTED;
use crate::error::Error;
use crate::request::{OperationInfo, Request};

/// The project of [`Mock::config`]: `{project_id}` in paths reads `mock-project`.
pub const MOCK_PROJECT_ID: &str = "mock-project";

/// The region of [`Mock::config`]: endpoints resolve as for a real region, and nothing is sent.
pub const MOCK_REGION: &str = "cn-north-4";

/// Answers the requests of a client made with [`Client::in_process`], one attempt at a time.
///
/// [`Mock`] is the handler generated mocks use; implement it for a fake with state of its own
/// (a test server in process). The reply goes through the client's real decoding; an `Err` is
/// returned to the caller as it is, without retries.
pub trait Handler: Send + Sync {
    /// The reply to one attempt of `call`.
    fn handle(&self, call: &MockCall) -> Result<MockReply, Error>;
}

/// One request as an in-process [`Handler`] receives it and a [`Mock`] records it: what the
/// generated method put in the [`Request`], after the client's checks, with the path filled.
///
/// `Debug` shows header names and hides the body (it may carry passwords), as [`Request`]'s.
#[derive(Clone)]
#[non_exhaustive]
pub struct MockCall {
    pub operation: &'static OperationInfo,
    /// The path as sent: placeholders filled (`{project_id}` from the configuration) and
    /// percent-encoded, without the endpoint's base path.
    pub path: String,
    /// Path parameters as the caller gave them, unencoded; `project_id` only when given.
    pub path_params: Vec<(&'static str, String)>,
    /// Query pairs, unencoded, repeated keys allowed.
    pub query: Vec<(String, String)>,
    /// The operation's own headers (documented header parameters), not those the runtime adds
    /// (authentication, content type, host).
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl fmt::Debug for MockCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("MockCall")
            .field("operation", &self.operation.name)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("body", &self.body.as_ref().map(|_| REDACTED))
            .finish_non_exhaustive()
    }
}

impl MockCall {
    pub(crate) fn new(path: String, request: &Request) -> MockCall {
        MockCall {
            operation: request.operation,
            path,
            path_params: request.path_params.clone(),
            query: request.query.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        }
    }

    /// The value of path parameter `name` (its wire name, `instance_id`).
    pub fn path_param(&self, name: &str) -> Option<&str> {
        pair_value(self.path_params.iter().map(|(k, v)| (*k, v)), name, false)
    }

    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        pair_value(self.query.iter().map(|(k, v)| (k.as_str(), v)), name, false)
    }

    /// The value of header `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        pair_value(
            self.headers.iter().map(|(k, v)| (k.as_str(), v)),
            name,
            true,
        )
    }

    /// The query read back as `T` (the operation's `<Op>Query` model): repeated keys fill a
    /// list, text fills numbers, booleans and enums as a server would read them.
    pub fn query_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        T::deserialize(QueryPairs(&self.query)).map_err(|e| {
            Error::InvalidRequest(format!(
                "{}: the recorded query does not read as {}: {e}",
                self.operation.name,
                std::any::type_name::<T>()
            ))
        })
    }

    /// The body read back as `T` (the operation's body model); no body reads as JSON `null`.
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let body = self.body.clone().unwrap_or(Value::Null);
        serde_json::from_value(body).map_err(|e| {
            Error::InvalidRequest(format!(
                "{}: the recorded body does not read as {}: {e}",
                self.operation.name,
                std::any::type_name::<T>()
            ))
        })
    }
}

fn pair_value<'a>(
    mut pairs: impl Iterator<Item = (&'a str, &'a String)>,
    name: &str,
    any_case: bool,
) -> Option<&'a str> {
    pairs
        .find(|(k, _)| {
            if any_case {
                k.eq_ignore_ascii_case(name)
            } else {
                *k == name
            }
        })
        .map(|(_, v)| v.as_str())
}

/// A reply of an in-process [`Handler`]: what a server would send, and how long it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MockReply {
    pub status: u16,
    /// Response headers; the client reads `X-Request-Id` and `Retry-After` as from a server.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// How long the reply takes (tokio time, so a test with paused time does not wait). One
    /// longer than the configuration's timeout fails the attempt with [`Error::Timeout`] after
    /// the timeout, as a slow server would.
    pub delay: Duration,
}

impl MockReply {
    /// A reply with `status` and a raw `body` (not necessarily JSON: a gateway's HTML page).
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        MockReply {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// A reply with `status` and `value` as its JSON body.
    pub fn json(status: u16, value: &impl Serialize) -> Result<Self, Error> {
        let body = serde_json::to_vec(value)
            .map_err(|e| Error::InvalidRequest(format!("mock reply body: {e}")))?;
        Ok(MockReply::new(status, body))
    }

    /// The reply with a header more (`Retry-After`, `X-Request-Id`).
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The reply after `delay`.
    #[must_use]
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The first value of header `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        pair_value(
            self.headers.iter().map(|(k, v)| (k.as_str(), v)),
            name,
            true,
        )
    }
}

/// An error reply: the status, and the body the services send
/// (`{"error_code": "DCS.4001", "error_msg": "…"}`), which the client turns into
/// [`Error::Api`]. A generated client converts its `ErrorCode` into one: the code with the status
/// and message the API reference lists for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    status: u16,
    error_code: Option<String>,
    error_msg: Option<String>,
    request_id: Option<String>,
}

impl Failure {
    /// A failure with `status` and an empty body.
    pub fn new(status: u16) -> Self {
        Failure {
            status,
            error_code: None,
            error_msg: None,
            request_id: None,
        }
    }

    /// `error_code` of the body.
    #[must_use]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.error_code = Some(code.into());
        self
    }

    /// `error_msg` of the body.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.error_msg = Some(message.into());
        self
    }

    /// Another HTTP status (a documented code the service sends with another status).
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The `X-Request-Id` of the reply; by default `mock-<n>` for the log's `n`th call.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn code(&self) -> Option<&str> {
        self.error_code.as_deref()
    }

    pub fn message(&self) -> Option<&str> {
        self.error_msg.as_deref()
    }

    /// The reply a server would send.
    fn reply(&self) -> MockReply {
        let mut body = serde_json::Map::new();
        if let Some(code) = &self.error_code {
            body.insert("error_code".into(), Value::String(code.clone()));
        }
        if let Some(msg) = &self.error_msg {
            body.insert("error_msg".into(), Value::String(msg.clone()));
        }
        let body = if body.is_empty() {
            Vec::new()
        } else {
            Value::Object(body).to_string().into_bytes()
        };
        let reply = MockReply::new(self.status, body);
        match &self.request_id {
            Some(id) => reply.with_header(REQUEST_ID, id.clone()),
            None => reply,
        }
    }
}

const REQUEST_ID: &str = "X-Request-Id";

/// A predicate on calls, shared by the stubs of clones of one [`OperationMock`].
type Matcher = Arc<dyn Fn(&MockCall) -> bool + Send + Sync>;

/// One registered answer.
struct Stub {
    id: u64,
    operation: &'static OperationInfo,
    matcher: Option<Matcher>,
    /// Replies left; `None`: any number.
    remaining: Option<u32>,
    /// What it answers; `Err` when the stubbed value could not be serialized.
    reply: Result<MockReply, String>,
}

#[derive(Default)]
struct State {
    stubs: Vec<Stub>,
    next_stub: u64,
    calls: Vec<MockCall>,
    /// Indexes into `calls` of the calls no stub answered.
    unexpected: Vec<usize>,
}

/// The service-agnostic test double: stubs per operation and a log of calls. Cheap to clone:
/// clones share stubs and log, so a test keeps one while the code under test owns a client made
/// by [`Mock::client`]. See the [module documentation](self) for the rules.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("Mock")
            .field("stubs", &state.stubs.len())
            .field("calls", &state.calls.len())
            .field("unexpected", &state.unexpected.len())
            .finish()
    }
}

impl Mock {
    pub fn new() -> Self {
        Mock::default()
    }

    /// The configuration of a mock client unless the test gives its own: region
    /// [`MOCK_REGION`], project [`MOCK_PROJECT_ID`], no credentials (nothing is signed), and no
    /// retries, so each call takes exactly one stub. A test of retries passes a configuration
    /// with a [`RetryPolicy`] (and runs with paused tokio time to skip the backoff).
    pub fn config() -> Config {
        let built = Config::builder()
            .region(MOCK_REGION)
            .project_id(MOCK_PROJECT_ID)
            .retry(RetryPolicy::none())
            .build();
        // Constant, valid values: a test of this module checks that it builds.
        built.unwrap_or_else(|e| unreachable!("the mock configuration is valid: {e}"))
    }

    /// A runtime client whose requests this mock answers (see [`Client::in_process`]); a
    /// generated client's `new` binds it to its service, as it does any runtime client.
    pub fn client(&self, config: Config) -> Client {
        Client::in_process(config, Arc::new(self.clone()))
    }

    /// The typed view of `operation`: `R` is its response type, `Q` its query model and `B` its
    /// body model (`()` for none). Generated mocks have one method per operation that returns
    /// this with the right types.
    pub fn operation<R, Q, B>(&self, operation: &'static OperationInfo) -> OperationMock<R, Q, B> {
        OperationMock {
            mock: self.clone(),
            operation,
            times: Some(1),
            delay: Duration::ZERO,
            matcher: None,
            types: PhantomData,
        }
    }

    /// Every call so far, in order, answered or not.
    pub fn calls(&self) -> Vec<MockCall> {
        self.lock().calls.clone()
    }

    /// The calls of `operation`, in order.
    pub fn calls_to(&self, operation: &OperationInfo) -> Vec<MockCall> {
        let state = self.lock();
        state
            .calls
            .iter()
            .filter(|c| c.operation == operation)
            .cloned()
            .collect()
    }

    /// The calls no stub answered (they failed with [`Error::Config`]).
    pub fn unexpected_calls(&self) -> Vec<MockCall> {
        let state = self.lock();
        state
            .unexpected
            .iter()
            .filter_map(|&i| state.calls.get(i).cloned())
            .collect()
    }

    /// `Ok` when no call went unanswered and every stub with a count gave all its replies
    /// ([`OperationMock::always`] stubs need not be used); else the list of both, one per line.
    pub fn verify(&self) -> Result<(), String> {
        let state = self.lock();
        let mut problems: Vec<String> = state
            .unexpected
            .iter()
            .filter_map(|&i| state.calls.get(i))
            .map(|c| {
                format!(
                    "unexpected call: {} {} {}",
                    c.operation.name, c.operation.method, c.path
                )
            })
            .collect();
        for stub in &state.stubs {
            if let Some(left) = stub.remaining.filter(|&n| n > 0) {
                let s = if left == 1 { "" } else { "s" };
                problems.push(format!(
                    "unused stub: {} has {left} reply{s} left",
                    stub.operation.name
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    /// The state; a panic in another thread while it held the lock leaves it usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, stub: Stub) {
        let mut state = self.lock();
        let id = state.next_stub;
        state.next_stub += 1;
        state.stubs.push(Stub { id, ..stub });
    }
}

impl Handler for Mock {
    fn handle(&self, call: &MockCall) -> Result<MockReply, Error> {
        let (number, candidates) = {
            let mut state = self.lock();
            state.calls.push(call.clone());
            let candidates: Vec<(u64, Option<Matcher>)> = state
                .stubs
                .iter()
                .filter(|s| s.operation == call.operation && s.remaining != Some(0))
                .map(|s| (s.id, s.matcher.clone()))
                .collect();
            (state.calls.len(), candidates)
        };
        // Predicates run without the lock, so one may read the mock.
        let matching: Vec<u64> = candidates
            .into_iter()
            .filter(|(_, m)| m.as_ref().map_or(true, |m| m(call)))
            .map(|(id, _)| id)
            .collect();
        let mut state = self.lock();
        // The first matching stub that another call did not use up in the meantime.
        let stub = state
            .stubs
            .iter_mut()
            .find(|s| matching.contains(&s.id) && s.remaining != Some(0));
        let Some(stub) = stub else {
            state.unexpected.push(number - 1);
            let op = call.operation;
            return Err(Error::Config(format!(
                "mock: no stub left that answers {} ({} {}); stub a reply for it, or check \
                 the stubs' counts and conditions",
                op.name, op.method, call.path
            )));
        };
        if let Some(n) = &mut stub.remaining {
            *n -= 1;
        }
        let reply = stub.reply.clone().map_err(|e| {
            Error::Config(format!(
                "mock: the stubbed reply of {} does not serialize: {e}",
                call.operation.name
            ))
        })?;
        Ok(if reply.header(REQUEST_ID).is_some() {
            reply
        } else {
            reply.with_header(REQUEST_ID, format!("mock-{number}"))
        })
    }
}

/// One operation of a [`Mock`], typed: `R` is the operation's response type, `Q` its query
/// model, `B` its body model (`()` for none).
///
/// Set how a stub answers (`delay`, `times`, `when`), then register it with `respond` (a value),
/// `fail_with` (an API error) or `reply` (anything a server could send). `calls`, `queries` and
/// `bodies` read the operation's calls back.
#[must_use = "a stub answers nothing until `respond`, `fail_with` or `reply` registers it"]
pub struct OperationMock<R, Q = (), B = ()> {
    mock: Mock,
    operation: &'static OperationInfo,
    times: Option<u32>,
    delay: Duration,
    matcher: Option<Matcher>,
    types: Types<R, Q, B>,
}

/// The types an [`OperationMock`] stands for; it holds no value of them (and is `Send` and
/// `Sync` whatever they are).
type Types<R, Q, B> = PhantomData<fn() -> (R, Q, B)>;

impl<R, Q, B> Clone for OperationMock<R, Q, B> {
    fn clone(&self) -> Self {
        OperationMock {
            mock: self.mock.clone(),
            operation: self.operation,
            times: self.times,
            delay: self.delay,
            matcher: self.matcher.clone(),
            types: PhantomData,
        }
    }
}

impl<R, Q, B> fmt::Debug for OperationMock<R, Q, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OperationMock")
            .field("operation", &self.operation.name)
            .field("times", &self.times)
            .field("delay", &self.delay)
            .field("conditional", &self.matcher.is_some())
            .finish()
    }
}

impl<R, Q, B> OperationMock<R, Q, B> {
    /// The stub answers `n` calls (default 1); `times(0)` registers a stub that never answers.
    pub fn times(self, n: u32) -> Self {
        OperationMock {
            times: Some(n),
            ..self
        }
    }

    /// The stub answers every call that reaches it; later stubs of the operation are reached
    /// only by calls it does not match.
    pub fn always(self) -> Self {
        OperationMock {
            times: None,
            ..self
        }
    }

    /// The stub's replies take `delay`; longer than the client's timeout, the call times out.
    pub fn delay(self, delay: Duration) -> Self {
        OperationMock { delay, ..self }
    }

    /// The stub answers only calls for which `matches` holds (calls it does not match go on to
    /// the next stub). Replaces an earlier condition.
    pub fn when(self, matches: impl Fn(&MockCall) -> bool + Send + Sync + 'static) -> Self {
        OperationMock {
            matcher: Some(Arc::new(matches)),
            ..self
        }
    }

    /// The stub answers only calls whose path parameter `name` (the wire name) is `value`.
    pub fn when_path(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let (name, value) = (name.into(), value.into());
        self.when(move |call| call.path_param(&name) == Some(value.as_str()))
    }

    /// Registers a stub that sends `failure`: the call fails with [`Error::Api`] carrying its
    /// status, code, message and request id.
    pub fn fail_with(self, failure: impl Into<Failure>) {
        let reply = failure.into().reply();
        self.register(Ok(reply));
    }

    /// Registers a stub that sends `reply` as it is: a status the documents do not list, a body
    /// that does not parse, a `Retry-After` header.
    pub fn reply(self, reply: MockReply) {
        self.register(Ok(reply));
    }

    /// The operation's calls so far, in order.
    pub fn calls(&self) -> Vec<MockCall> {
        self.mock.calls_to(self.operation)
    }

    fn register(self, reply: Result<MockReply, String>) {
        let delay = self.delay;
        self.mock.add(Stub {
            id: 0,
            operation: self.operation,
            matcher: self.matcher,
            remaining: self.times,
            reply: reply.map(|r| {
                if delay.is_zero() {
                    r
                } else {
                    r.with_delay(delay)
                }
            }),
        });
    }
}

impl<R: Serialize, Q, B> OperationMock<R, Q, B> {
    /// Registers a stub that sends `value` with status 200: the call returns `value` as the
    /// client decodes it from JSON.
    pub fn respond(self, value: R) {
        let reply = MockReply::json(200, &value).map_err(|e| e.to_string());
        self.register(reply);
    }
}

impl<R, Q: DeserializeOwned, B> OperationMock<R, Q, B> {
    /// The query of each call, read back as the operation's query model.
    pub fn queries(&self) -> Result<Vec<Q>, Error> {
        self.calls().iter().map(MockCall::query_as).collect()
    }
}

impl<R, Q, B: DeserializeOwned> OperationMock<R, Q, B> {
    /// The body of each call, read back as the operation's body model.
    pub fn bodies(&self) -> Result<Vec<B>, Error> {
        self.calls().iter().map(MockCall::body_as).collect()
    }
}

/// The reply of an in-process attempt, as `Client::attempt` reads a reply off the wire: status,
/// request id, `Retry-After` text and body. The delay is waited here; past `timeout` the attempt
/// fails with [`Error::Timeout`].
pub(crate) async fn answer(
    handler: &dyn Handler,
    call: &MockCall,
    timeout: Duration,
) -> Result<(u16, Option<String>, Option<String>, Vec<u8>), Error> {
    let reply = handler.handle(call)?;
    if reply.delay > timeout {
        tokio::time::sleep(timeout).await;
        return Err(Error::Timeout(timeout));
    }
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let request_id = reply.header(REQUEST_ID).map(str::to_string);
    let retry_after = reply.header("Retry-After").map(str::to_string);
    Ok((reply.status, request_id, retry_after, reply.body))
}

/// Query pairs as a serde deserializer: a map from each key, in first-seen order, to its values.
struct QueryPairs<'a>(&'a [(String, String)]);

impl<'de> de::Deserializer<'de> for QueryPairs<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let mut keys: Vec<(&str, Vec<&str>)> = Vec::new();
        for (key, value) in self.0 {
            match keys.iter_mut().find(|(k, _)| k == key) {
                Some((_, values)) => values.push(value),
                None => keys.push((key, vec![value])),
            }
        }
        let entries = keys.into_iter().map(|(k, values)| (k, Values(values)));
        visitor.visit_map(de::value::MapDeserializer::new(entries))
    }

    fn deserialize_unit<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// The values of one query key: one value reads as text, and as a number, boolean or enum
/// when the field asks for one; a list takes every value.
struct Values<'a>(Vec<&'a str>);

impl Values<'_> {
    fn one(&self) -> Result<&str, de::value::Error> {
        match self.0.as_slice() {
            [one] => Ok(one),
            many => Err(de::Error::custom(format_args!(
                "expected one value, got {}",
                many.len()
            ))),
        }
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, de::value::Error> {
        let text = self.one()?;
        text.trim()
            .parse()
            .map_err(|_| de::Error::invalid_value(de::Unexpected::Str(text), &what))
    }
}

impl<'de, 'a> IntoDeserializer<'de, de::value::Error> for Values<'a> {
    type Deserializer = Values<'a>;

    fn into_deserializer(self) -> Self::Deserializer {
        self
    }
}

/// Deserializer methods that parse the one value as `$ty` and hand it to `$visit` (the narrower
/// integer types check their range in serde's own visitors).
macro_rules! parsed {
    ($($($method:ident)+ => $visit:ident($ty:ty, $what:literal);)+) => {
        $($(
            fn $method<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                visitor.$visit(self.parse::<$ty>($what)?)
            }
        )+)+
    };
}

impl<'de> de::Deserializer<'de> for Values<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0.as_slice() {
            [one] => visitor.visit_str(one),
            _ => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_seq<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let items = self.0.into_iter().map(|v| Values(vec![v]));
        visitor.visit_seq(de::value::SeqDeserializer::new(items))
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_bool<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_bool(self.parse("true or false")?)
    }

    parsed! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 => visit_i64(i64, "an integer");
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 =>
            visit_u64(u64, "a non-negative integer");
        deserialize_i128 => visit_i128(i128, "an integer");
        deserialize_u128 => visit_u128(u128, "a non-negative integer");
        deserialize_f32 deserialize_f64 => visit_f64(f64, "a number");
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let text: &str = self.one()?;
        visitor.visit_enum(text.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier
        ignored_any
    }
}
