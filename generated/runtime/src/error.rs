//! The one error type of the client.

use std::time::Duration;

/// How much of a response body `Display` shows; the error keeps more (see `body::kept_text`).
const DISPLAY_BODY_CHARS: usize = 300;

/// Everything that can go wrong calling a service.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request did not get a complete HTTP response: connection refused or reset, DNS, TLS.
    #[error("transport error: {source}")]
    Transport {
        #[source]
        source: reqwest::Error,
    },
    /// No complete response within the configured timeout.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The server answered with a non-2xx status.
    #[error("{}", api_message(*status, error_code.as_deref(), error_msg.as_deref(), request_id.as_deref(), body))]
    Api {
        status: u16,
        /// `error_code` from the body (`DCS.4001`), when it has one.
        error_code: Option<String>,
        /// `error_msg` from the body, when it has one.
        error_msg: Option<String>,
        /// The `X-Request-Id` response header, to quote to support.
        request_id: Option<String>,
        /// The raw body, lossily decoded as UTF-8; past a few KiB it is cut at a character
        /// boundary, ending with a mark that gives the full size.
        body: String,
    },
    /// A 2xx body that is not the JSON the operation documents.
    #[error(
        "HTTP {status}: response body does not parse{} ({source}): {}",
        at_path(path.as_deref()),
        excerpt(body)
    )]
    Decode {
        status: u16,
        /// The raw body, lossily decoded as UTF-8 and cut after a few KiB (see
        /// [`Error::Api`]'s `body`).
        body: String,
        /// Where in the body a value did not fit its field (`instances[0].capacity`): serde's
        /// own errors give only a line and column. `None` for a body that is not JSON at all.
        path: Option<String>,
        #[source]
        source: serde_json::Error,
    },
    /// A reply larger than [`Config::max_response_bytes`](crate::Config::max_response_bytes):
    /// its `Content-Length` said so, or reading passed the limit (the rest is not read).
    #[error(
        "HTTP {status}: response body larger than the limit of {limit} bytes \
         (ConfigBuilder::max_response_bytes){}",
        in_request(request_id.as_deref())
    )]
    ResponseTooLarge {
        status: u16,
        /// The limit in bytes.
        limit: usize,
        request_id: Option<String>,
    },
    /// A paged list leads back to a page it sent, and would never end: a page equal item for
    /// item to the one before (the server ignores `offset`), or a next marker already sent (the
    /// server ignores the marker, or its markers loop). `page` is the 1-based number of the
    /// repeated page, whose items are not yielded; `offset` the number of items before it (the
    /// offset it was asked for).
    #[error(
        "page {page} (offset {offset}) repeats an earlier page: the server ignores the offset \
         or the marker, so paging stopped"
    )]
    RepeatedPage { page: u64, offset: u64 },
    /// A list paged after its last item sent a full page whose last item has no marker (the
    /// field the next request starts after, like its `id`): the rest of the list cannot be
    /// asked for. `page` is the 1-based number of that page; its items were yielded.
    #[error(
        "page {page} is full but its last item has no marker to ask for the next page, so \
         paging stopped"
    )]
    MissingMarker { page: u64 },
    /// A paged list needed more than the page limit
    /// ([`Paging::with_max_pages`](crate::Paging::with_max_pages)).
    #[error("the list has more than {max_pages} pages (the page limit); paging stopped")]
    TooManyPages { max_pages: u64 },
    /// The request cannot be built (missing path parameter, unserializable value, …).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The configuration is incomplete or inconsistent.
    #[error("configuration error: {0}")]
    Config(String),
}

fn excerpt(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(DISPLAY_BODY_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn at_path(path: Option<&str>) -> String {
    path.map(|p| format!(" at {p}")).unwrap_or_default()
}

fn in_request(request_id: Option<&str>) -> String {
    request_id
        .map(|id| format!(" (request id {id})"))
        .unwrap_or_default()
}

fn api_message(
    status: u16,
    code: Option<&str>,
    msg: Option<&str>,
    request_id: Option<&str>,
    body: &str,
) -> String {
    let mut out = format!("HTTP {status}");
    match (code, msg) {
        (Some(c), Some(m)) => out.push_str(&format!(" {c}: {m}")),
        (Some(c), None) => out.push_str(&format!(" {c}")),
        (None, Some(m)) => out.push_str(&format!(": {m}")),
        (None, None) if !body.trim().is_empty() => {
            out.push_str(&format!(": {}", excerpt(body.trim())))
        }
        (None, None) => {}
    }
    out.push_str(&in_request(request_id));
    out
}

impl Error {
    /// The HTTP status, for `Api`, `Decode` and `ResponseTooLarge` errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's `error_code`, for `Api` errors that carry one.
    pub fn error_code(&self) -> Option<&str> {
        match self {
            Error::Api { error_code, .. } => error_code.as_deref(),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the failed response.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } | Error::ResponseTooLarge { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// True for timeouts.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }
}

/// Pulls `error_code`/`error_msg` out of an error body. Services use the flat form (DCS does);
/// the API gateway in front of them answers `{"error": {"code", "message"}}` or
/// `{"error_code", "error_msg"}`.
pub(crate) fn parse_error_body(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return (None, None);
    };
    let text = |v: Option<&serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let code = text(map.get("error_code"));
    let msg = text(map.get("error_msg"));
    if code.is_some() || msg.is_some() {
        return (code, msg);
    }
    match map.get("error") {
        Some(serde_json::Value::Object(inner)) => (
            text(inner.get("code").or_else(|| inner.get("error_code"))),
            text(inner.get("message").or_else(|| inner.get("error_msg"))),
        ),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_in_both_shapes() {
        assert_eq!(
            parse_error_body(br#"{"error_code":"DCS.4001","error_msg":"bad"}"#),
            (Some("DCS.4001".into()), Some("bad".into()))
        );
        assert_eq!(
            parse_error_body(br#"{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}}"#),
            (
                Some("APIGW.0301".into()),
                Some("Incorrect IAM authentication information".into())
            )
        );
        assert_eq!(
            parse_error_body(br#"{"error_code":111400002}"#),
            (Some("111400002".into()), None)
        );
        assert_eq!(parse_error_body(b"<html>"), (None, None));
        assert_eq!(parse_error_body(b"[1]"), (None, None));
    }

    #[test]
    fn display_is_short_and_names_the_request_id() {
        let e = Error::Api {
            status: 400,
            error_code: Some("DCS.4001".into()),
            error_msg: Some("Invalid parameter".into()),
            request_id: Some("req-1".into()),
            body: String::new(),
        };
        assert_eq!(
            e.to_string(),
            "HTTP 400 DCS.4001: Invalid parameter (request id req-1)"
        );
        let long = Error::Api {
            status: 502,
            error_code: None,
            error_msg: None,
            request_id: None,
            body: "x".repeat(1000),
        };
        assert_eq!(long.to_string().chars().count(), "HTTP 502: ".len() + 301);
    }
}
