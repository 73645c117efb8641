//! Stand-in for `huaweicloud_runtime`: the same API, answering from canned replies.
#![forbid(unsafe_code)]

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
}

/// A parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamInfo {
    /// Wire name.
    pub name: &'static str,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether the document requires it.
    pub required: bool,
}

impl ParamInfo {
    /// A path parameter.
    pub const fn path(name: &'static str) -> Self {
        ParamInfo { name, location: ParamLocation::Path, required: true }
    }

    /// A query parameter.
    pub const fn query(name: &'static str, required: bool) -> Self {
        ParamInfo { name, location: ParamLocation::Query, required }
    }

    /// A header parameter.
    pub const fn header(name: &'static str, required: bool) -> Self {
        ParamInfo { name, location: ParamLocation::Header, required }
    }
}

/// What an operation sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// Operation name.
    pub name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'static str,
    /// Parameters.
    pub params: &'static [ParamInfo],
    /// Deprecated in the reference.
    pub deprecated: bool,
    /// Has a request body.
    pub has_body: bool,
}

/// A request, built but not sent.
#[derive(Debug, Clone)]
pub struct Request {
    /// The operation.
    pub operation: &'static OperationInfo,
    /// Path parameters by wire name.
    pub path_params: Vec<(&'static str, String)>,
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<serde_json::Value>,
}

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// A value could not be encoded.
    Encode(String),
    /// A reply could not be decoded.
    Decode(String),
    /// No canned reply left.
    NoReply,
}

/// Flattens a struct into query pairs: `None` skipped, arrays as repeated keys.
pub fn query_pairs<T: serde::Serialize>(value: &T) -> Result<Vec<(String, String)>, Error> {
    let serde_json::Value::Object(map) =
        serde_json::to_value(value).map_err(|e| Error::Encode(e.to_string()))?
    else {
        return Err(Error::Encode("query is not a struct".into()));
    };
    let mut out = Vec::new();
    for (key, value) in map {
        let values = match value {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        for v in values {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::String(s) => out.push((key.clone(), s)),
                other => out.push((key.clone(), other.to_string())),
            }
        }
    }
    Ok(out)
}

/// Encodes a body.
pub fn to_body<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Encode(e.to_string()))
}

/// Answers requests from a queue of replies and records them.
#[derive(Clone, Default)]
pub struct Client {
    replies: Arc<Mutex<VecDeque<serde_json::Value>>>,
    sent: Arc<Mutex<Vec<Request>>>,
}

impl Client {
    /// A client that answers with `replies`, in order.
    pub fn with_replies(replies: Vec<serde_json::Value>) -> Self {
        Client {
            replies: Arc::new(Mutex::new(replies.into())),
            sent: Arc::default(),
        }
    }

    /// The requests sent so far.
    pub fn sent(&self) -> Vec<Request> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Records the request and decodes the next reply.
    pub async fn execute<T: serde::de::DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<T, Error> {
        if let Ok(mut sent) = self.sent.lock() {
            sent.push(request);
        }
        let reply = self
            .replies
            .lock()
            .ok()
            .and_then(|mut r| r.pop_front())
            .ok_or(Error::NoReply)?;
        serde_json::from_value(reply).map_err(|e| Error::Decode(e.to_string()))
    }
}

/// A list response.
pub trait Page {
    /// One item.
    type Item;
    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
    /// The total the server reports.
    fn total(&self) -> Option<u64>;
}

/// All items of a list operation, page by page.
pub fn paginate<P, F, Fut>(
    page_size: u32,
    fetch: F,
) -> impl futures_core::Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    Paginate {
        page_size,
        fetch,
        offset: 0,
        pending: None,
        buffer: VecDeque::new(),
        done: false,
    }
}

struct Paginate<P: Page, F, Fut> {
    page_size: u32,
    fetch: F,
    offset: u64,
    pending: Option<Pin<Box<Fut>>>,
    buffer: VecDeque<P::Item>,
    done: bool,
}

// Nothing is pinned in place: the pending future is boxed.
impl<P: Page, F, Fut> Unpin for Paginate<P, F, Fut> {}

impl<P, F, Fut> futures_core::Stream for Paginate<P, F, Fut>
where
    P: Page,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    type Item = Result<P::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.done {
                return Poll::Ready(None);
            }
            let offset = this.offset;
            let page_size = this.page_size;
            let fut = this
                .pending
                .get_or_insert_with(|| Box::pin((this.fetch)(offset, page_size)));
            let page = match fut.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            this.pending = None;
            match page {
                Err(e) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(page) => {
                    let total = page.total();
                    let items = page.into_items();
                    this.offset += items.len() as u64;
                    this.done =
                        items.len() < page_size as usize || total.is_some_and(|t| this.offset >= t);
                    this.buffer.extend(items);
                }
            }
        }
    }
}

/// Stands in for the real placeholder text.
pub const REDACTED: &str = "** redacted **";

/// Re-exported so generated code names the same versions.
pub use {futures_core, serde, serde_json};
