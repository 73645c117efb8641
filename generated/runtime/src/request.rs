//! What generated code hands to the runtime: static operation facts plus one call's values.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::credentials::REDACTED;
use crate::error::Error;
use crate::signer::encode_component;

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// One documented parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamInfo {
    /// Wire name, exactly as documented.
    pub name: &'static str,
    pub location: ParamLocation,
    pub required: bool,
}

impl ParamInfo {
    /// A path parameter (always required).
    pub const fn path(name: &'static str) -> Self {
        ParamInfo {
            name,
            location: ParamLocation::Path,
            required: true,
        }
    }

    /// A query parameter.
    pub const fn query(name: &'static str, required: bool) -> Self {
        ParamInfo {
            name,
            location: ParamLocation::Query,
            required,
        }
    }

    /// A header parameter.
    pub const fn header(name: &'static str, required: bool) -> Self {
        ParamInfo {
            name,
            location: ParamLocation::Header,
            required,
        }
    }
}

/// The static description of one operation, emitted by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// UpperCamelCase name (`CopyInstance`), used in tracing spans.
    pub name: &'static str,
    /// Upper case HTTP method.
    pub method: &'static str,
    /// Path template such as `/v2/{project_id}/instances/{instance_id}/backups`.
    pub path: &'static str,
    pub params: &'static [ParamInfo],
    pub deprecated: bool,
    pub has_body: bool,
}

/// One call of an operation. `Debug` shows header names only and hides the body, which may
/// carry passwords.
#[derive(Clone)]
pub struct Request {
    pub operation: &'static OperationInfo,
    /// Unencoded path parameter values; `project_id` defaults to the configured project.
    pub path_params: Vec<(&'static str, String)>,
    /// Unencoded query pairs, repeated keys allowed (see [`query_pairs`]).
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Request")
            .field("operation", &self.operation.name)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("body", &self.body.as_ref().map(|_| REDACTED))
            .finish()
    }
}

impl Request {
    /// A request without parameters or body.
    pub fn new(operation: &'static OperationInfo) -> Request {
        Request {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }
}

/// Flattens a serializable struct into query pairs: `None`/null fields are skipped, arrays become
/// repeated keys, booleans and numbers their JSON text. Nested objects are rejected.
pub fn query_pairs<T: Serialize>(value: &T) -> Result<Vec<(String, String)>, Error> {
    let value = serde_json::to_value(value)
        .map_err(|e| Error::InvalidRequest(format!("query parameters: {e}")))?;
    let map = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Object(map) => map,
        other => {
            return Err(Error::InvalidRequest(format!(
                "query parameters must be a struct, got {other}"
            )))
        }
    };
    let mut pairs = Vec::new();
    for (key, value) in map {
        match value {
            Value::Array(items) => {
                for item in items {
                    if let Some(text) = scalar_text(&key, item)? {
                        pairs.push((key.clone(), text));
                    }
                }
            }
            other => {
                if let Some(text) = scalar_text(&key, other)? {
                    pairs.push((key, text));
                }
            }
        }
    }
    Ok(pairs)
}

fn scalar_text(key: &str, value: Value) -> Result<Option<String>, Error> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::String(s) => Ok(Some(s)),
        Value::Array(_) | Value::Object(_) => Err(Error::InvalidRequest(format!(
            "query parameter {key} is nested; only scalars and arrays of scalars are allowed"
        ))),
    }
}

/// Serializes a request body.
pub fn to_body<T: Serialize>(value: &T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::InvalidRequest(format!("request body: {e}")))
}

/// Fills the path template: each `{name}` from `path_params` (or the project for `project_id`),
/// percent-encoded as one path segment.
pub(crate) fn fill_path(
    op: &OperationInfo,
    path_params: &[(&'static str, String)],
    project_id: Option<&str>,
) -> Result<String, Error> {
    let mut out = String::with_capacity(op.path.len() + 64);
    let mut rest = op.path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Error::InvalidRequest(format!("{}: unclosed '{{' in path {}", op.name, op.path))
        })?;
        let name = &after[..close];
        let value = path_params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .or_else(|| (name == "project_id").then_some(project_id).flatten())
            .ok_or_else(|| {
                Error::InvalidRequest(format!("{}: path parameter {name} is missing", op.name))
            })?;
        // Empty, `.` and `..` segments would change which resource the URL names.
        if value.is_empty() || value == "." || value == ".." {
            return Err(Error::InvalidRequest(format!(
                "{}: path parameter {name} must not be {value:?}",
                op.name
            )));
        }
        out.push_str(&encode_component(value));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Headers the runtime sets itself (authentication, signing, body type, user agent), lowercase:
/// callers may not pass them, and a documented parameter with such a name needs no value from
/// the caller. The generator leaves them out of method arguments (a test of `apiref-codegen`
/// checks that its list is this one).
pub const RUNTIME_HEADERS: &[&str] = &[
    "authorization",
    "content-length",
    "content-type",
    "host",
    "user-agent",
    "x-auth-token",
    "x-project-id",
    "x-sdk-date",
    "x-security-token",
];

/// Whether the runtime sets header `name` itself (case-insensitive).
pub fn is_runtime_header(name: &str) -> bool {
    RUNTIME_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Checks that required query and header parameters are present.
pub(crate) fn check_required(request: &Request) -> Result<(), Error> {
    let op = request.operation;
    for p in op.params.iter().filter(|p| p.required) {
        let present = match p.location {
            ParamLocation::Path => true, // checked when the path is filled
            ParamLocation::Query => request.query.iter().any(|(k, _)| k == p.name),
            ParamLocation::Header => {
                is_runtime_header(p.name)
                    || request
                        .headers
                        .iter()
                        .any(|(k, _)| k.eq_ignore_ascii_case(p.name))
            }
        };
        if !present {
            return Err(Error::InvalidRequest(format!(
                "{}: required parameter {} is missing",
                op.name, p.name
            )));
        }
    }
    if op.has_body && request.body.is_none() {
        return Err(Error::InvalidRequest(format!(
            "{}: the request body is missing",
            op.name
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: OperationInfo = OperationInfo {
        name: "DeleteTag",
        method: "DELETE",
        path: "/v2/{project_id}/instances/{instance_id}/tags/{key}",
        params: &[
            ParamInfo {
                name: "instance_id",
                location: ParamLocation::Path,
                required: true,
            },
            ParamInfo {
                name: "force",
                location: ParamLocation::Query,
                required: true,
            },
            ParamInfo {
                name: "X-Auth-Token",
                location: ParamLocation::Header,
                required: true,
            },
        ],
        deprecated: false,
        has_body: false,
    };

    #[test]
    fn path_is_filled_and_encoded_per_segment() {
        let params = vec![
            ("instance_id", "i-1".to_string()),
            ("key", "a/b c?é".into()),
        ];
        assert_eq!(
            fill_path(&OP, &params, Some("proj")).expect("complete"),
            "/v2/proj/instances/i-1/tags/a%2Fb%20c%3F%C3%A9"
        );
        let explicit = vec![
            ("project_id", "other".to_string()),
            ("instance_id", "i".into()),
            ("key", "k".into()),
        ];
        assert_eq!(
            fill_path(&OP, &explicit, Some("proj")).expect("complete"),
            "/v2/other/instances/i/tags/k"
        );
    }

    #[test]
    fn missing_or_dangerous_path_params_are_rejected() {
        let params = vec![("instance_id", "i".to_string()), ("key", "k".into())];
        assert!(fill_path(&OP, &params, None).is_err());
        for bad in ["", ".", ".."] {
            let params = vec![("instance_id", bad.to_string()), ("key", "k".into())];
            assert!(fill_path(&OP, &params, Some("p")).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn debug_hides_body_and_header_values() {
        let mut r = Request::new(&OP);
        r.headers.push(("X-Secret".into(), "hv".into()));
        r.body = Some(serde_json::json!({"password": "pw-123"}));
        let s = format!("{r:?}");
        assert!(
            s.contains("DeleteTag") && s.contains("X-Secret") && s.contains(REDACTED),
            "{s}"
        );
        assert!(!s.contains("pw-123") && !s.contains("hv"), "{s}");
    }

    #[test]
    fn required_query_params_are_checked() {
        let mut r = Request::new(&OP);
        assert!(check_required(&r).is_err());
        r.query.push(("force".into(), "true".into()));
        // X-Auth-Token is documented as required but set by the runtime.
        assert!(check_required(&r).is_ok());
        assert!(is_runtime_header("Content-Type") && !is_runtime_header("X-Language"));
        assert!(
            is_runtime_header("User-Agent"),
            "set from the configuration"
        );
    }

    #[derive(Serialize)]
    struct ListQuery {
        offset: Option<u32>,
        limit: Option<u32>,
        name: Option<String>,
        status: Vec<&'static str>,
        include_failure: Option<bool>,
        ratio: f64,
    }

    #[test]
    fn query_pairs_flatten_a_struct() {
        let q = ListQuery {
            offset: Some(0),
            limit: None,
            name: Some("a b".into()),
            status: vec!["RUNNING", "ERROR"],
            include_failure: Some(true),
            ratio: 0.5,
        };
        let got = query_pairs(&q).expect("flat");
        let want: Vec<(String, String)> = [
            ("offset", "0"),
            ("name", "a b"),
            ("status", "RUNNING"),
            ("status", "ERROR"),
            ("include_failure", "true"),
            ("ratio", "0.5"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(got, want);
        assert_eq!(query_pairs(&()).expect("unit"), vec![]);
        assert!(query_pairs(&serde_json::json!({"a": {"b": 1}})).is_err());
        assert!(query_pairs(&serde_json::json!({"a": [[1]]})).is_err());
        assert!(query_pairs(&3).is_err());
    }
}
