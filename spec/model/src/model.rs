//! The spec model: the single contract between the scraper (which writes it) and the generator
//! (which reads it), one spec per service. Every struct rejects unknown keys so a typo in a hand-edited spec is an error,
//! not a silently ignored line.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A whole API spec (`spec/<service>/spec.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub service: Service,
    /// In document order.
    pub operations: Vec<Operation>,
    /// Keyed by schema name (UpperCamelCase).
    pub schemas: BTreeMap<String, Schema>,
    /// The reference's error-code table, for documenting and matching errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_codes: Vec<ErrorCode>,
    /// How to wait for a resource to reach a state: the read operations to poll, and which
    /// values of their status field end the wait. In the order the scraper found them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<Waiter>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Short lowercase name (`dcs`), used for crate and module names.
    pub name: String,
    pub title: String,
    /// Name of the generated client type; [`Service::client_name`] gives the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// Endpoint template with a `{region}` placeholder; [`Service::endpoint_template`] gives the
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Prefix of the service's own error codes (`DCS` of `DCS.4001`), when the reference has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_prefix: Option<String>,
    pub sources: Vec<Source>,
}

impl Service {
    /// The client type name: as configured, else `<Name>Client` (`dcs` → `DcsClient`).
    pub fn client_name(&self) -> String {
        if let Some(c) = &self.client {
            return c.clone();
        }
        let mut out = String::new();
        for word in self.name.split(|c: char| !c.is_ascii_alphanumeric()) {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
        out.push_str("Client");
        out
    }

    /// The endpoint template: as configured, else Huawei Cloud's usual
    /// `https://<name>.{region}.myhuaweicloud.com`.
    pub fn endpoint_template(&self) -> String {
        match &self.endpoint {
            Some(e) => e.clone(),
            None => format!("https://{}.{{region}}.myhuaweicloud.com", self.name),
        }
    }
}

/// One document the spec was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path relative to the service folder's `sources/`.
    pub file: String,
    /// Layout: `pdf-text`, `cell-lines`, `pipe-rows`, `blocks` or `html`.
    pub format: String,
    /// `en` or `zh`.
    pub language: String,
    /// `YYYY-MM-DD` when the document states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// UpperCamelCase, unique (`CopyInstance`).
    pub name: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    pub group: String,
    /// The API version of the path (`v2` of `/v2/{project_id}/…`, `v2.1`); empty when the path
    /// has none.
    pub version: String,
    #[serde(default)]
    pub deprecated: bool,
    /// Upper case: `GET`, `POST`, `PUT`, `DELETE`, `PATCH`.
    pub method: String,
    /// Path template with `{param}` placeholders, without the query string.
    pub path: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    /// Path, query and header parameters (each with `in`).
    #[serde(default)]
    pub params: Vec<Field>,
    /// Schema name of the request body; absent when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// What tells the request apart from other operations with the same method and path (the
    /// "action" APIs): the body's top-level key only it has (`os-start`), or a top-level key
    /// and the value only it sends (`action=create`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub examples: Vec<Example>,
    /// `file:line` of the operation's title.
    pub source: String,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Path,
    Query,
    Header,
}

/// A field of a schema, or (with `in`) a parameter of an operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The wire name, exactly as documented.
    pub name: String,
    /// Only for operation parameters.
    #[serde(rename = "in", default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A type in the grammar of [`TypeRef`].
    #[serde(rename = "type")]
    pub ty: String,
    pub required: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    /// Allowed values, as written on the wire (numbers as their decimal text).
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Overrides the generator's guess (from name and description) of whether the value is a
    /// secret that must not be printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    /// `file:line` of the table row.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status: u16,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Request,
    Response,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub kind: ExampleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// For requests: the example's request line, e.g. `POST https://{dcs_endpoint}/v2/…?limit=10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The JSON body exactly as printed in the document (absent for body-less requests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
    pub source: String,
}

/// The name of the one field of a schema that describes a body which is not an object of
/// named fields: a bare JSON array (`[…]`), or a map whose keys are data (`{"demo_net": […]}`,
/// typed `map<…>`). The field's type is the body's type.
pub const ARRAY_ITEMS_FIELD: &str = "[items]";

/// A model. A schema whose only field is named [`ARRAY_ITEMS_FIELD`] is that field's JSON array
/// (or map), not an object with the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub fields: Vec<Field>,
    /// `file:line` of the table caption.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// As the server sends it in `error_code` (`DCS.4001`, `111400002`).
    pub code: String,
    pub status: u16,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    pub source: String,
}

/// A waiter: poll a read operation until the status of the resource it returns is one of
/// `success` (done), one of `failure` (failed for good), or the caller's timeout passes. Any
/// other value, documented or not, means "not yet".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// snake_case, unique: the resource and the state waited for (`instance_running`); the
    /// generated method is `wait_until_<name>`.
    pub name: String,
    /// The `GET` operation polled.
    pub operation: String,
    /// For a read that lists the resources (no operation reads one): the field names from the
    /// reply down to the array that holds them (`[backup_record_response]`). Empty when the
    /// reply is the resource.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// With `items`: the field of an item that the caller's id is compared with (`backup_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The field names from the resource (the reply, or an item of `items`) down to the status
    /// (`[server, status]`).
    pub status: Vec<String>,
    /// The values that end the wait: the resource is in the state waited for.
    pub success: Vec<String>,
    /// The values that end the wait with an error: the resource will not get there.
    #[serde(default)]
    pub failure: Vec<String>,
    /// The values that mean "in progress", for the record (any value not in `success` or
    /// `failure` keeps the wait going).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<String>,
    /// Operations whose reply carries the id the waiter takes (the `job_id` of an asynchronous
    /// operation, the `backup_id` of a backup just started): what the waiter follows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub started_by: Vec<String>,
    /// What classified the values.
    pub decided_by: WaiterBasis,
    /// `file:line` of what classified them: the status field's row, or the manifest's entry.
    pub source: String,
}

/// Where a waiter's success and failure values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WaiterBasis {
    /// The documents: each value's own word and its description.
    Documents,
    /// The service manifest (`service.yaml`), where the documents do not tell.
    Manifest,
}

/// The type grammar of the spec: `string integer long float double number boolean object
/// array<T> map<string,T>` or a schema name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Integer,
    Long,
    Float,
    Double,
    Number,
    Boolean,
    /// Free-form JSON object.
    Object,
    Array(Box<TypeRef>),
    /// Always keyed by string.
    Map(Box<TypeRef>),
    /// A schema of `Spec::schemas`.
    Named(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid type `{text}`: {reason}")]
pub struct TypeParseError {
    pub text: String,
    pub reason: String,
}

impl FromStr for TypeRef {
    type Err = TypeParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| TypeParseError {
            text: s.to_string(),
            reason: reason.to_string(),
        };
        let t = s.trim();
        if let Some(inner) = t.strip_prefix("array<").and_then(|r| r.strip_suffix('>')) {
            return Ok(TypeRef::Array(Box::new(
                inner.parse().map_err(|_| err("bad element type"))?,
            )));
        }
        if let Some(inner) = t.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
            let value = inner
                .trim_start()
                .strip_prefix("string")
                .and_then(|r| r.trim_start().strip_prefix(','))
                .ok_or_else(|| err("map keys must be `string`"))?;
            return Ok(TypeRef::Map(Box::new(
                value.parse().map_err(|_| err("bad value type"))?,
            )));
        }
        Ok(match t {
            "string" => TypeRef::String,
            "integer" => TypeRef::Integer,
            "long" => TypeRef::Long,
            "float" => TypeRef::Float,
            "double" => TypeRef::Double,
            "number" => TypeRef::Number,
            "boolean" => TypeRef::Boolean,
            "object" => TypeRef::Object,
            "" => return Err(err("empty")),
            name => {
                let mut chars = name.chars();
                let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
                if !first_ok || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(err(
                        "not a primitive type and not an UpperCamelCase schema name",
                    ));
                }
                TypeRef::Named(name.to_string())
            }
        })
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("string"),
            TypeRef::Integer => f.write_str("integer"),
            TypeRef::Long => f.write_str("long"),
            TypeRef::Float => f.write_str("float"),
            TypeRef::Double => f.write_str("double"),
            TypeRef::Number => f.write_str("number"),
            TypeRef::Boolean => f.write_str("boolean"),
            TypeRef::Object => f.write_str("object"),
            TypeRef::Array(t) => write!(f, "array<{t}>"),
            TypeRef::Map(t) => write!(f, "map<string,{t}>"),
            TypeRef::Named(n) => f.write_str(n),
        }
    }
}

impl TypeRef {
    /// Schema names this type refers to, outermost first.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Array(t) | TypeRef::Map(t) => t.named(),
            _ => None,
        }
    }
}

impl Field {
    /// The parsed type.
    pub fn type_ref(&self) -> Result<TypeRef, TypeParseError> {
        self.ty.parse()
    }
}

impl Spec {
    /// Parses a spec from YAML text. `file` names the text in errors.
    pub fn from_yaml(file: &str, text: &str) -> Result<Spec, SpecError> {
        // The fast path reads the YAML that `to_yaml` writes several times faster than
        // serde_yaml. It declines anything it is not sure to read as serde_yaml would, and then
        // serde_yaml reads the text: results and errors are always serde_yaml's.
        if let Some(spec) = Self::from_yaml_fast(text) {
            return Ok(spec);
        }
        serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            SpecError {
                file: file.to_string(),
                line,
                column,
                message: e.to_string(),
            }
        })
    }

    /// The fast path of [`Spec::from_yaml`] alone: `None` when it declines the text.
    pub(crate) fn from_yaml_fast(text: &str) -> Option<Spec> {
        crate::yaml_fast::from_str(text)
    }

    /// Serializes to YAML. Deterministic: operations keep their order, schemas are sorted.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).expect("the spec model always serializes")
    }
}

/// An error in a spec file, with its position (1-based; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct SpecError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_grammar_round_trips() {
        for t in [
            "string",
            "integer",
            "long",
            "float",
            "double",
            "number",
            "boolean",
            "object",
            "array<string>",
            "array<ResourceTag>",
            "map<string,string>",
            "map<string,array<Tag>>",
            "BssParam",
        ] {
            let parsed: TypeRef = t.parse().unwrap();
            assert_eq!(parsed.to_string(), t);
        }
    }

    #[test]
    fn type_grammar_rejects_garbage() {
        for t in [
            "",
            "Array of strings",
            "map<int,string>",
            "array<>",
            "lowercaseName",
            "Foo Bar",
        ] {
            assert!(t.parse::<TypeRef>().is_err(), "{t} should be rejected");
        }
    }

    #[test]
    fn unknown_keys_are_rejected_with_position() {
        let text =
            "service: {name: dcs, title: t, sources: []}\noperations: []\nschemas: {}\nbogus: 1\n";
        let err = Spec::from_yaml("x.yaml", text).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("bogus"), "{err}");
    }
}
