//! End-to-end support: for every service folder, the client generated from its documents by
//! this crate's build script and a generated module that drives every typed method from JSON
//! ([`SERVICES`]); and helpers to read the documents' examples and compare JSON the way the
//! tests need. The tests live in `tests/tests/`.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;

use huaweicloud_runtime::serde::de::DeserializeOwned;
use huaweicloud_runtime::serde::Serialize;

pub mod compare;
pub mod example;
pub mod minimal;
pub mod signature;

include!(concat!(env!("OUT_DIR"), "/services.rs"));

/// What a test needs of one service: its spec, and its generated client driven from JSON.
#[derive(Clone, Copy)]
pub struct Service {
    /// The service's name (`dcs`).
    pub name: &'static str,
    /// The spec the build script scraped, as JSON.
    pub spec_json: &'static str,
    /// Every generated client method, in the client's order.
    pub methods: &'static [MethodMeta],
    /// Every spec schema that became a model struct.
    pub schemas: &'static [&'static str],
    /// Every operation's description, as the generated code has it.
    pub operations: &'static [&'static huaweicloud_runtime::plumbing::OperationInfo],
    /// Calls the typed method of an operation, on the service's client made from a runtime
    /// client.
    pub call: for<'a> fn(&'a huaweicloud_runtime::Client, &'a str, &'a CallInput) -> CallFuture<'a>,
    /// Round-trips JSON text through the model of a schema (`None`: no such model).
    pub round_trip: fn(&str, &str) -> Option<Result<serde_json::Value, serde_json::Error>>,
}

/// What [`Service::call`] returns.
pub type CallFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<serde_json::Value, CallError>> + 'a>>;

impl Service {
    /// The spec the build script scraped from the documents.
    pub fn spec(&self) -> Result<apiref_spec::Spec, serde_json::Error> {
        serde_json::from_str(self.spec_json)
    }
}

/// The service called `name`.
pub fn service(name: &str) -> &'static Service {
    SERVICES
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service folder `{name}`"))
}

/// What the generated code knows about one client method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodMeta {
    /// Spec operation name (`CopyInstance`).
    pub operation: &'static str,
    /// Method name (`copy_instance`).
    pub method: &'static str,
    /// Wire names of the path (and header) arguments, in argument order.
    pub path_args: &'static [&'static str],
    /// Query type, when the method takes one.
    pub query: Option<&'static str>,
    /// Body type, when the method takes one.
    pub body: Option<&'static str>,
    /// Result type; `None` for `()`.
    pub returns: Option<&'static str>,
}

/// The untyped input of one call: decoded into the method's typed arguments by `support::call`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallInput {
    /// Path (and header) values by wire name.
    pub path: BTreeMap<String, String>,
    /// The query parameters as a JSON object keyed by wire name.
    pub query: serde_json::Map<String, serde_json::Value>,
    pub body: Option<serde_json::Value>,
    /// The body as the document prints it: decoded from this text when present, so errors
    /// carry the line.
    pub body_text: Option<String>,
}

impl CallInput {
    /// The value of path parameter `wire`.
    pub fn path_value(&self, wire: &str) -> Result<&str, CallError> {
        self.path
            .get(wire)
            .map(String::as_str)
            .ok_or_else(|| CallError::Path(wire.to_string()))
    }

    /// The query parameters as the method's query type.
    pub fn query_as<T: DeserializeOwned>(&self) -> Result<T, CallError> {
        serde_json::from_value(serde_json::Value::Object(self.query.clone()))
            .map_err(CallError::Query)
    }

    /// The body as the method's body type (`{}` when there is none).
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, CallError> {
        if let Some(text) = &self.body_text {
            return serde_json::from_str(text).map_err(CallError::Body);
        }
        let body = self.body.clone().unwrap_or_else(|| serde_json::json!({}));
        serde_json::from_value(body).map_err(CallError::Body)
    }
}

/// Why `support::call` did not return a typed result.
#[derive(Debug)]
pub enum CallError {
    UnknownOperation(String),
    /// A path value is missing or does not parse as the argument's type.
    Path(String),
    /// The query object does not deserialize into the query type.
    Query(serde_json::Error),
    /// The body does not deserialize into the body type.
    Body(serde_json::Error),
    /// The generated method failed.
    Api(huaweicloud_runtime::Error),
    /// The typed result does not serialize.
    Serialize(serde_json::Error),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::UnknownOperation(op) => write!(f, "no method for operation {op}"),
            CallError::Path(p) => write!(f, "path value `{p}` missing or invalid"),
            CallError::Query(e) => write!(f, "query does not deserialize: {e}"),
            CallError::Body(e) => write!(f, "body does not deserialize: {e}"),
            CallError::Api(e) => write!(f, "call failed: {e}"),
            CallError::Serialize(e) => write!(f, "result does not serialize: {e}"),
        }
    }
}

impl std::error::Error for CallError {}

/// A typed result as JSON (used by the generated `support::call`).
pub fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, CallError> {
    serde_json::to_value(value).map_err(CallError::Serialize)
}

/// JSON text → `T` → JSON (used by the generated `support::round_trip`); read from the text so
/// errors carry the line.
pub fn round_trip_as<T: DeserializeOwned + Serialize>(
    json: &str,
) -> Result<serde_json::Value, serde_json::Error> {
    let typed: T = serde_json::from_str(json)?;
    serde_json::to_value(&typed)
}
