//! The HTTP client: builds, signs, sends and retries requests, and decodes the replies.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::{field, Instrument};

use crate::body::{kept_text, read_limited, ReadError};
use crate::config::{Config, RetryPolicy};
use crate::credentials::Credentials;
use crate::endpoint::ServiceInfo;
use crate::error::{parse_error_body, Error};
use crate::json_path::path_of_error;
use crate::request::{check_required, fill_path, is_runtime_header, Request};
use crate::retry::{next_delay, parse_retry_after, Outcome};
use crate::signer::{self, SignableRequest};
use crate::time::sdk_date;

/// The HTTP client behind generated clients. Cheap to clone: clones share the connection pool,
/// so one client can back the generated clients of several services.
///
/// `Debug` shows the service and the [`Config`], secrets redacted; not the connection pool.
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
    transport: Transport,
    /// The service whose endpoint requests go to (see [`Client::for_service`]).
    service: Option<&'static ServiceInfo>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // reqwest's own `Debug` would add pool and proxy internals (proxy URLs from the
        // environment may carry passwords) and nothing a user can act on.
        f.debug_struct("Client")
            .field("service", &self.service.map(|s| s.name))
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Where attempts go: HTTP, or (feature `mock`) a handler in process.
#[derive(Clone)]
enum Transport {
    Http(reqwest::Client),
    #[cfg(feature = "mock")]
    InProcess(Arc<dyn crate::mock::Handler>),
}

/// A request with everything but the per-attempt date and signature.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// What an in-process handler is given; `None` for HTTP.
    #[cfg(feature = "mock")]
    call: Option<crate::mock::MockCall>,
}

impl Client {
    /// Creates a client; fails only if the TLS backend cannot be initialised.
    pub fn new(config: Config) -> Result<Client, Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout())
            .connect_timeout(config.connect_timeout())
            .user_agent(config.user_agent())
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            config: Arc::new(config),
            transport: Transport::Http(http),
            service: None,
        })
    }

    /// A client whose requests `handler` answers in process instead of a server (feature
    /// `mock`; see [`mock`](crate::mock)): nothing is sent, and every step but the transport is
    /// the real one (checks, path, body, signing, retries, decoding), so a test of code that
    /// calls a generated client runs the same request building and reply decoding.
    #[cfg(feature = "mock")]
    pub fn in_process(config: Config, handler: Arc<dyn crate::mock::Handler>) -> Client {
        Client {
            config: Arc::new(config),
            transport: Transport::InProcess(handler),
            service: None,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// This client bound to `service`: requests go to the service's endpoint (see
    /// [`Config::endpoint_for`]). A generated client's `new` does this with its `SERVICE`;
    /// the connection pool stays shared with every other binding.
    pub fn for_service(self, service: &'static ServiceInfo) -> Client {
        Client {
            service: Some(service),
            ..self
        }
    }

    /// The service this client is bound to, if any.
    pub fn service(&self) -> Option<&'static ServiceInfo> {
        self.service
    }

    /// The base URL requests go to: the service's endpoint, or for a client bound to no service
    /// the configured [`endpoint`](Config::endpoint).
    pub fn endpoint(&self) -> Result<reqwest::Url, Error> {
        self.config.resolve_endpoint(self.service)
    }

    /// A client sharing this one's connections but using another retry policy, e.g. to opt a
    /// non-idempotent call into retries.
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client {
            config: Arc::new(self.config.with_retry(retry)),
            transport: self.transport.clone(),
            service: self.service,
        }
    }

    /// Sends `request` (with retries) and decodes a 2xx body as `T`. An empty body decodes as
    /// JSON `null`, and `T = ()` ignores the body, so operations without a documented response
    /// body work with any reply.
    ///
    /// Tracing: one `huaweicloud.request` span (service, operation, method) holds one
    /// `huaweicloud.attempt` span per attempt, each with its own number, status and request id.
    pub async fn execute<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        // Only the decoding depends on `T`: the sending is compiled once, not once per reply
        // type.
        let (status, body) = self.execute_bytes(request).await?;
        decode(status, &body)
    }

    /// [`execute`](Client::execute) of a request that may have failed to build: what a
    /// generated client's operation methods return, so that they are plain functions around
    /// this one future rather than an `async fn` (a state machine to compile) each. The future
    /// borrows the client only; the request was built when it was made.
    pub async fn send<T: DeserializeOwned>(
        &self,
        request: Result<Request, Error>,
    ) -> Result<T, Error> {
        self.execute(request?).await
    }

    /// [`send`](Client::send) with a client of its own (a clone: one connection pool), for a
    /// future that borrows nothing, such as a page of a list stream.
    pub async fn send_owned<T: DeserializeOwned>(
        self,
        request: Result<Request, Error>,
    ) -> Result<T, Error> {
        self.execute(request?).await
    }

    /// Sends `request` with retries: the status and body of the reply that ends it.
    async fn execute_bytes(&self, request: Request) -> Result<(u16, Vec<u8>), Error> {
        let op = request.operation;
        let span = tracing::info_span!(
            "huaweicloud.request",
            service = self.service.map(|s| s.name),
            operation = op.name,
            method = op.method,
        );
        async move {
            let prepared = self.prepare(request)?;
            self.send_with_retries(&prepared).await
        }
        .instrument(span)
        .await
    }

    fn prepare(&self, request: Request) -> Result<Prepared, Error> {
        let op = request.operation;
        check_required(&request)?;
        let path = fill_path(op, &request.path_params, self.config.project_id())?;
        #[cfg(feature = "mock")]
        let call = matches!(self.transport, Transport::InProcess(_))
            .then(|| crate::mock::MockCall::new(path.clone(), &request));
        let method = reqwest::Method::from_bytes(op.method.to_ascii_uppercase().as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("{}: bad method {}", op.name, op.method)))?;
        let endpoint = self.endpoint()?;
        let base = endpoint.as_str().trim_end_matches('/');
        let query_string = signer::canonical_query_string(&request.query);
        let full_path = format!("{}{path}", endpoint.path().trim_end_matches('/'));
        let url_text = if query_string.is_empty() {
            format!("{base}{path}")
        } else {
            format!("{base}{path}?{query_string}")
        };
        let url = reqwest::Url::parse(&url_text)
            .map_err(|e| Error::InvalidRequest(format!("{}: URL {url_text}: {e}", op.name)))?;
        let host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => return Err(Error::Config("endpoint has no host".into())),
        };
        let mut headers = Vec::with_capacity(request.headers.len() + 4);
        for (name, value) in request.headers {
            if is_runtime_header(&name) {
                return Err(Error::InvalidRequest(format!(
                    "{}: header {name} is set by the client",
                    op.name
                )));
            }
            headers.push((name, value));
        }
        let body = match &request.body {
            Some(value) => {
                headers.push((
                    "Content-Type".to_string(),
                    "application/json;charset=UTF-8".to_string(),
                ));
                serde_json::to_vec(value)
                    .map_err(|e| Error::InvalidRequest(format!("{}: body: {e}", op.name)))?
            }
            None => Vec::new(),
        };
        if let (Some(project), Some(Credentials::AkSk { .. })) =
            (self.config.project_id(), self.config.credentials())
        {
            headers.push(("X-Project-Id".to_string(), project.to_string()));
        }
        Ok(Prepared {
            method,
            url,
            host,
            path: full_path,
            query: request.query,
            headers,
            body,
            #[cfg(feature = "mock")]
            call,
        })
    }

    /// The headers of one attempt: fixed ones plus date, host and authentication.
    fn attempt_headers(&self, p: &Prepared) -> Result<HeaderMap, Error> {
        let mut list = p.headers.clone();
        list.push(("Host".to_string(), p.host.clone()));
        match self.config.credentials() {
            Some(Credentials::AkSk {
                ak,
                sk,
                security_token,
            }) => {
                list.push((signer::HEADER_DATE.to_string(), sdk_date(SystemTime::now())));
                if let Some(token) = security_token {
                    list.push(("X-Security-Token".to_string(), token.clone()));
                }
                let signature = signer::sign(
                    &SignableRequest {
                        method: p.method.as_str(),
                        path: &p.path,
                        query: &p.query,
                        headers: &list,
                        body: &p.body,
                    },
                    ak,
                    sk,
                )
                .map_err(|e| Error::InvalidRequest(e.to_string()))?;
                list.push(("Authorization".to_string(), signature.authorization));
            }
            Some(Credentials::Token(token)) => {
                list.push(("X-Auth-Token".to_string(), token.clone()));
            }
            None => {}
        }
        let mut map = HeaderMap::with_capacity(list.len());
        for (name, value) in list {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("bad header name {name:?}")))?;
            // Only the name goes into the message: values may be secrets.
            let header_value = HeaderValue::from_bytes(value.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("bad value for header {name}")))?;
            map.append(header_name, header_value);
        }
        Ok(map)
    }

    async fn send_with_retries(&self, p: &Prepared) -> Result<(u16, Vec<u8>), Error> {
        let policy = self.config.retry();
        let mut attempt = 1u32;
        loop {
            // A span of its own per attempt (a child of the request's), so one attempt's status
            // and request id never show on another's lines.
            let span = tracing::info_span!(
                "huaweicloud.attempt",
                attempt,
                status = field::Empty,
                request_id = field::Empty,
            );
            let (outcome, error) = match self.attempt(p).instrument(span).await {
                Ok(AttemptResult::Done(status, body)) => return Ok((status, body)),
                Ok(AttemptResult::Retryable { outcome, error }) => (outcome, error),
                Err(AttemptError::Final(error)) => return Err(error),
                Err(AttemptError::Transport { not_sent, error }) => {
                    let outcome = if not_sent {
                        Outcome::NotSent
                    } else {
                        Outcome::MaybeSent
                    };
                    (outcome, error)
                }
            };
            match next_delay(policy, p.method.as_str(), attempt, &outcome) {
                Some(delay) => {
                    tracing::debug!(
                        attempt,
                        delay_ms = delay.as_millis() as u64,
                        error = %error,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => return Err(error),
            }
        }
    }

    async fn attempt(&self, p: &Prepared) -> Result<AttemptResult, AttemptError> {
        // Built (and signed) for an in-process handler too: a bad header fails the same way.
        let headers = self.attempt_headers(p).map_err(AttemptError::Final)?;
        match &self.transport {
            Transport::Http(http) => self.attempt_http(http, p, headers).await,
            #[cfg(feature = "mock")]
            Transport::InProcess(handler) => self.attempt_in_process(handler.as_ref(), p).await,
        }
    }

    /// One attempt answered by an in-process handler: its reply is read as one off the wire.
    #[cfg(feature = "mock")]
    async fn attempt_in_process(
        &self,
        handler: &dyn crate::mock::Handler,
        p: &Prepared,
    ) -> Result<AttemptResult, AttemptError> {
        let call = p.call.as_ref().ok_or_else(|| {
            AttemptError::Final(Error::Config("in-process call not prepared".into()))
        })?;
        let (status, request_id, retry_after, body) =
            crate::mock::answer(handler, call, self.config.timeout())
                .await
                .map_err(AttemptError::Final)?;
        record_reply(status, request_id.as_deref());
        let retry_after = retry_after.and_then(|v| parse_retry_after(&v, SystemTime::now()));
        let limit = self.config.max_response_bytes();
        if body.len() > limit {
            return Err(AttemptError::Final(Error::ResponseTooLarge {
                status,
                limit,
                request_id,
            }));
        }
        reply(status, request_id, retry_after, body)
    }

    async fn attempt_http(
        &self,
        http: &reqwest::Client,
        p: &Prepared,
        headers: HeaderMap,
    ) -> Result<AttemptResult, AttemptError> {
        let mut response = http
            .request(p.method.clone(), p.url.clone())
            .headers(headers)
            .body(p.body.clone())
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        record_reply(status, request_id.as_deref());
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let limit = self.config.max_response_bytes();
        let body = match read_limited(&mut response, limit).await {
            Ok(body) => body,
            Err(ReadError::Transport(e)) => return Err(self.transport_error(e)),
            Err(ReadError::TooLarge) => {
                return Err(AttemptError::Final(Error::ResponseTooLarge {
                    status,
                    limit,
                    request_id,
                }))
            }
        };
        reply(status, request_id, retry_after, body)
    }

    fn transport_error(&self, e: reqwest::Error) -> AttemptError {
        if e.is_timeout() {
            // A timed-out request may still be running on the server; it is not retried.
            return AttemptError::Final(Error::Timeout(self.config.timeout()));
        }
        AttemptError::Transport {
            not_sent: e.is_connect(),
            error: Error::Transport { source: e },
        }
    }
}

/// Records a reply's status and request id on the attempt's span, before its body is read.
fn record_reply(status: u16, request_id: Option<&str>) {
    let span = tracing::Span::current();
    span.record("status", status);
    if let Some(id) = request_id {
        span.record("request_id", id);
    }
}

/// What a whole reply means for the attempt, from HTTP or in process: a 2xx is done, 429 and
/// 5xx may be retried, anything else is an [`Error::Api`].
fn reply(
    status: u16,
    request_id: Option<String>,
    retry_after: Option<std::time::Duration>,
    body: Vec<u8>,
) -> Result<AttemptResult, AttemptError> {
    if (200..300).contains(&status) {
        return Ok(AttemptResult::Done(status, body));
    }
    let (error_code, error_msg) = parse_error_body(&body);
    let error = Error::Api {
        status,
        error_code,
        error_msg,
        request_id,
        body: kept_text(&body),
    };
    let outcome = match status {
        429 => Outcome::Throttled { retry_after },
        500..=599 => Outcome::ServerError { retry_after },
        _ => return Err(AttemptError::Final(error)),
    };
    Ok(AttemptResult::Retryable { outcome, error })
}

enum AttemptResult {
    Done(u16, Vec<u8>),
    /// 429 or 5xx: retried as the policy allows.
    Retryable {
        outcome: Outcome,
        error: Error,
    },
}

enum AttemptError {
    Final(Error),
    Transport { not_sent: bool, error: Error },
}

fn decode<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let is_unit = std::any::type_name::<T>() == "()";
    let text: &[u8] = if is_unit || body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|source| Error::Decode {
        status,
        body: kept_text(body),
        path: path_of_error(body, &source),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_empty_unit_and_garbage() {
        let unit: () = decode(204, b"").expect("empty is null");
        let () = unit;
        let () = decode::<()>(200, b"{\"job_id\":\"1\"}").expect("unit ignores the body");
        let v: Option<u32> = decode(200, b"  ").expect("blank is null");
        assert_eq!(v, None);
        let err = decode::<serde_json::Value>(200, b"{\"a\":").expect_err("truncated");
        assert!(matches!(err, Error::Decode { status: 200, ref body, .. } if body == "{\"a\":"));
    }
}
