//! [`RawDoc`] → spec operations and schemas. All rules for names, types, enums, defaults and
//! ranges live here, whatever layout the document came in.
//!
//! Per operation: its name (SDK sample, else derived from the title; a deprecated operation's
//! names get a version suffix, `V1`: the most common path version of the edition's deprecated
//! operations, so that the few of them on a newer path keep the suffix of their chapter),
//! then its nested tables registered children first (so a parent's field types already carry the
//! children's final names when the parent is compared with tables of the same name), then the
//! request body and the responses.

pub mod constraints;
pub mod naming;
pub mod schemas;
pub mod types;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use crate::model::{
    ErrorCode, Field, Location, Operation, Response, Schema, Service, Source, Spec, TypeRef,
};
use crate::raw::{Diagnostic, Pos, RawDoc, RawOperation, RawRow, RawTable, Severity, TableRole};
use schemas::{rename_fields, Registered, Registry};

/// The normalized spec and what the normalizer had to tell.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub spec: Spec,
    pub diagnostics: Vec<Diagnostic>,
}

/// The source entry of a document.
pub fn source(doc: &RawDoc) -> Source {
    Source {
        file: doc.file.clone(),
        format: doc.format.clone(),
        language: doc.language.clone(),
        updated: doc.updated.clone(),
    }
}

/// `v2` of `/v2/{project_id}/…`, `v2.1` of `/v2.1/…`, `v1` of `/v1.0/…` (a `.0` adds nothing);
/// empty when the path has no version segment.
pub fn path_version(path: &str) -> String {
    path.split('/')
        .find(|s| !s.is_empty())
        .filter(|s| {
            s.strip_prefix('v').is_some_and(|n| {
                !n.is_empty() && n.starts_with(|c: char| c.is_ascii_digit()) && n.chars().all(|c| c.is_ascii_digit() || c == '.')
            })
        })
        .map(|s| s.strip_suffix(".0").unwrap_or(s).to_string())
        .unwrap_or_default()
}

/// The suffix a deprecated operation's names carry: `V1` for `v1`, `V21` for `v2.1`.
fn version_suffix(version: &str) -> String {
    let digits: String = version.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        "Deprecated".to_string()
    } else {
        format!("V{digits}")
    }
}

/// What normalizing needs to know beyond the documents.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The service's short name as titles print it (`DCS`), which names leave out where it only
    /// qualifies a noun.
    pub service_word: String,
}

/// Normalizes the documents of one edition (a whole reference, or the pages of one) into a spec
/// whose service block lists only those documents. Schemas are shared across the documents.
pub fn normalize(docs: &[RawDoc], cx: &Context) -> Normalized {
    let deprecated_versions = docs
        .iter()
        .flat_map(|d| &d.operations)
        .filter(|o| o.deprecated)
        .map(|o| path_version(&o.path));
    let mut n = Normalizer {
        file: String::new(),
        service_word: &cx.service_word,
        deprecated_suffix: version_suffix(&most_common(deprecated_versions).unwrap_or_default()),
        registry: Registry::default(),
        diagnostics: Vec::new(),
        tables: HashMap::new(),
    };
    let mut operations = Vec::new();
    let mut names = HashSet::new();
    let mut error_codes = Vec::new();
    for doc in docs {
        n.file = doc.file.clone();
        // Table numbers count per document.
        n.tables.clear();
        for raw in &doc.operations {
            let op = n.operation(raw);
            operations.push(n.unique_name(op, raw.line, &mut names));
        }
        error_codes.extend(n.error_codes(doc));
    }
    let spec = Spec {
        service: Service {
            sources: docs.iter().map(source).collect(),
            ..Service::default()
        },
        operations,
        schemas: n.registry.schemas,
        error_codes,
    };
    Normalized {
        spec,
        diagnostics: n.diagnostics,
    }
}

/// The most common item (the smallest among equals), if any.
pub fn most_common<T: Ord>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(i, _)| i)
}

struct Normalizer<'a> {
    file: String,
    service_word: &'a str,
    /// What deprecated operations' names end with (`V1`).
    deprecated_suffix: String,
    registry: Registry,
    diagnostics: Vec<Diagnostic>,
    /// Table number (`8-4`) → schema registered for it, for cross-page references.
    tables: HashMap<String, String>,
}

impl Normalizer<'_> {
    /// `op` under a name no earlier operation has: a taken name gets a number.
    fn unique_name(&mut self, mut op: Operation, line: usize, names: &mut HashSet<String>) -> Operation {
        if !names.insert(op.name.clone()) {
            let mut k = 2;
            while names.contains(&format!("{}{k}", op.name)) {
                k += 1;
            }
            self.warn(
                line,
                format!(
                    "operation name `{}` is taken; using `{}{k}`",
                    op.name, op.name
                ),
            );
            op.name = format!("{}{k}", op.name);
            names.insert(op.name.clone());
        }
        op
    }
}

/// `Table 8-4 instance_backup_policy …` → `8-4`.
fn table_number(caption: &str) -> Option<&str> {
    caption.strip_prefix("Table ")?.split_whitespace().next()
}

/// Resolves type cells of one operation's tables.
struct PageResolver<'a> {
    /// Caption key (model name or v1 field name) → current schema name.
    nested: BTreeMap<String, String>,
    examples: &'a [Value],
    tables: &'a HashMap<String, String>,
}

impl types::Resolver for PageResolver<'_> {
    fn nested(&self, name: &str) -> Option<String> {
        // v1 captions do not always agree with the field in number (`instances` is described
        // by `Parameter description of the instance array`).
        let singular = name.strip_suffix('s');
        let plural = format!("{name}s");
        self.nested
            .get(name)
            .or_else(|| singular.and_then(|s| self.nested.get(s)))
            .or_else(|| self.nested.get(&plural))
            .cloned()
    }

    fn example_element(&self, field: &str) -> Option<TypeRef> {
        self.examples
            .iter()
            .find_map(|v| find_array_element(v, field))
            .map(json_type)
    }

    fn example_is_array(&self, field: &str) -> bool {
        self.examples
            .iter()
            .any(|v| find_array_element(v, field).is_some())
    }

    fn table_ref(&self, desc: &str) -> Option<String> {
        let at = desc.find("Table ")?;
        let num = table_number(&desc[at..])?.trim_end_matches(['.', ',']);
        self.tables.get(num).cloned()
    }
}

fn find_array_element<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(a)) = m.get(key) {
                if let Some(first) = a.first() {
                    return Some(first);
                }
            }
            m.values().find_map(|x| find_array_element(x, key))
        }
        Value::Array(a) => a.iter().find_map(|x| find_array_element(x, key)),
        _ => None,
    }
}

fn json_type(v: &Value) -> TypeRef {
    match v {
        Value::Bool(_) => TypeRef::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef::Integer,
        Value::Number(_) => TypeRef::Number,
        Value::String(_) => TypeRef::String,
        _ => TypeRef::Object,
    }
}

impl Normalizer<'_> {
    fn pos(&self, line: usize) -> Pos {
        Pos {
            file: self.file.clone(),
            line,
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        let pos = self.pos(line);
        self.diagnostics.push(Diagnostic {
            pos,
            severity: Severity::Warning,
            message,
        });
    }

    fn source(&self, line: usize) -> String {
        format!("{}:{line}", self.file)
    }

    fn operation(&mut self, raw: &RawOperation) -> Operation {
        let version = path_version(&raw.path);
        // A deprecated operation usually has a current twin of the same name: it is named after
        // its own title (its SDK sample, if any, names the twin) and suffixed with its version.
        let deprecated = raw.deprecated;
        let base = match &raw.sdk_operation {
            Some(n) if !deprecated => n.clone(),
            _ => {
                let derived = naming::operation_name(&raw.title, self.service_word);
                if !deprecated {
                    self.warn(
                        raw.line,
                        format!(
                            "no SDK sample names `{}`; named `{derived}` after its title",
                            raw.title
                        ),
                    );
                }
                derived
            }
        };
        let suffix = if deprecated {
            self.deprecated_suffix.clone()
        } else {
            String::new()
        };
        let name = format!("{base}{suffix}");

        let examples: Vec<Value> = raw
            .examples
            .iter()
            .filter_map(|e| e.json.as_deref())
            .filter_map(|j| serde_json::from_str(j).ok())
            .collect();
        let known_tables = std::mem::take(&mut self.tables);
        let mut resolver = PageResolver {
            nested: BTreeMap::new(),
            examples: &examples,
            tables: &known_tables,
        };

        // Provisional names of the nested tables, then their fields.
        let nested: Vec<(&RawTable, String, String)> = raw
            .tables
            .iter()
            .filter_map(|t| match &t.role {
                TableRole::Nested(key) => {
                    let model = if key.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                        key.clone()
                    } else {
                        naming::upper_camel(key)
                    };
                    Some((t, key.clone(), format!("{model}{suffix}")))
                }
                _ => None,
            })
            .collect();
        for (_, key, provisional) in &nested {
            if resolver
                .nested
                .insert(key.clone(), provisional.clone())
                .is_some()
            {
                self.warn(
                    raw.line,
                    format!("two nested tables named `{key}` on one page"),
                );
            }
        }
        let mut registered_tables = Vec::new();
        let mut nested_fields: Vec<Vec<Field>> = nested
            .iter()
            .map(|(t, _, _)| self.fields(&t.rows, None, &resolver))
            .collect();
        // Children come after their parents in the document: register from the last one.
        for k in (0..nested.len()).rev() {
            let (table, key, provisional) = &nested[k];
            let schema = Schema {
                description: None,
                fields: nested_fields[k].clone(),
                source: self.source(table.line),
            };
            let reg = self.registry.register(provisional, &base, schema);
            if let Registered::Renamed(new) = &reg {
                for f in nested_fields.iter_mut() {
                    rename_fields(f, provisional, new);
                }
            }
            resolver.nested.insert(key.clone(), reg.name().to_string());
            if let Some(num) = table.caption.as_deref().and_then(table_number) {
                registered_tables.push((num.to_string(), reg.name().to_string()));
            }
        }

        let mut params = Vec::new();
        let mut body = None;
        let mut bodies: Vec<(Option<u16>, String)> = Vec::new();
        let mut first_success = true;
        for t in &raw.tables {
            match &t.role {
                TableRole::Params(loc) => {
                    let mut fields = self.fields(&t.rows, Some(*loc), &resolver);
                    if *loc == Location::Path {
                        for f in &mut fields {
                            f.required = true;
                        }
                    }
                    params.extend(fields);
                }
                TableRole::UriParams => {
                    for mut f in self.fields(&t.rows, None, &resolver) {
                        let in_path = raw.path.contains(&format!("{{{}}}", f.name));
                        f.location = Some(if in_path {
                            Location::Path
                        } else {
                            Location::Query
                        });
                        f.required |= in_path;
                        params.push(f);
                    }
                }
                TableRole::RequestBody => {
                    if body.is_some() {
                        self.warn(t.line, "a second request body table; ignored".to_string());
                        continue;
                    }
                    let preferred = match (&raw.sdk_body, deprecated) {
                        (Some(b), false) => b.clone(),
                        _ => format!("{base}Body{suffix}"),
                    };
                    let fields = self.fields(&t.rows, None, &resolver);
                    let schema = Schema {
                        description: None,
                        fields,
                        source: self.source(t.line),
                    };
                    body = Some(
                        self.registry
                            .register(&preferred, &base, schema)
                            .name()
                            .to_string(),
                    );
                }
                TableRole::ResponseBody(status) => {
                    let success = !matches!(status, Some(s) if !(200..300).contains(s));
                    let preferred = if success {
                        let p = if first_success {
                            format!("{base}Response{suffix}")
                        } else {
                            format!("{base}Response{}{suffix}", status.unwrap_or(200))
                        };
                        first_success = false;
                        p
                    } else {
                        format!("ErrorResponse{suffix}")
                    };
                    let fields = self.fields(&t.rows, None, &resolver);
                    let schema = Schema {
                        description: None,
                        fields,
                        source: self.source(t.line),
                    };
                    let reg = self.registry.register(&preferred, &base, schema);
                    bodies.push((*status, reg.name().to_string()));
                }
                TableRole::Nested(_) => {}
            }
        }
        self.check_params(raw, &params);
        self.tables = known_tables;
        self.tables.extend(registered_tables);

        let mut responses: Vec<Response> = Vec::new();
        for (status, desc, _) in &raw.status_codes {
            if responses.iter().any(|r| r.status == *status) {
                continue;
            }
            let body = bodies
                .iter()
                .find(|(s, _)| *s == Some(*status))
                .map(|(_, b)| b.clone());
            responses.push(Response {
                status: *status,
                description: desc.clone(),
                body,
            });
        }
        for (status, b) in &bodies {
            let status = status.unwrap_or(200);
            if !responses.iter().any(|r| r.status == status) {
                self.warn(
                    raw.line,
                    format!("response body for status {status} that the status codes do not list"),
                );
                responses.push(Response {
                    status,
                    description: String::new(),
                    body: Some(b.clone()),
                });
            }
        }
        if raw.status_codes.is_empty() {
            self.warn(raw.line, format!("`{}` lists no status codes", raw.title));
        }

        Operation {
            name,
            title: raw.title.clone(),
            title_zh: None,
            group: raw.group.clone().unwrap_or_default(),
            version,
            deprecated: raw.deprecated,
            method: raw.method.clone(),
            path: raw.path.clone(),
            description: raw.description.clone(),
            description_zh: None,
            params,
            body,
            responses,
            examples: raw.examples.clone(),
            source: self.source(raw.line),
        }
    }

    /// Path placeholders without a parameter row are reported (the generator needs them all).
    fn check_params(&mut self, raw: &RawOperation, params: &[Field]) {
        let mut rest = raw.path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            if !params
                .iter()
                .any(|p| p.name == name && p.location == Some(Location::Path))
            {
                self.warn(
                    raw.uri_line,
                    format!("path parameter `{name}` has no row in the parameter tables"),
                );
            }
            rest = &rest[open + close + 1..];
        }
    }

    fn fields(
        &mut self,
        rows: &[RawRow],
        location: Option<Location>,
        r: &PageResolver<'_>,
    ) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::with_capacity(rows.len());
        for row in rows {
            let mapped = match types::map_type(&row.type_text, &row.name, &row.description, r) {
                Ok(m) => m,
                Err(e) => {
                    self.warn(
                        row.line,
                        format!("field `{}`: {e}; typed `object`", row.name),
                    );
                    types::Mapped {
                        ty: TypeRef::Object,
                        note: None,
                    }
                }
            };
            if let Some(note) = mapped.note {
                self.warn(row.line, format!("field `{}`: {note}", row.name));
            }
            if out.iter().any(|f| f.name == row.name) {
                self.warn(
                    row.line,
                    format!(
                        "field `{}` appears twice in one table; the second is dropped",
                        row.name
                    ),
                );
                continue;
            }
            let mut c = constraints::extract(&row.description, &mapped.ty);
            if mapped.ty == TypeRef::Boolean {
                // `● true` / `● false` restate the type.
                c.enum_values.clear();
            }
            let default = c.default.or_else(|| row.default.clone());
            out.push(Field {
                name: row.name.clone(),
                location,
                ty: mapped.ty.to_string(),
                required: row.required.unwrap_or(false),
                description: row.description.clone(),
                description_zh: None,
                enum_values: c.enum_values,
                default,
                minimum: c.minimum,
                maximum: c.maximum,
                min_length: c.min_length,
                max_length: c.max_length,
                sensitive: None,
                source: self.source(row.line),
            });
        }
        out
    }

    fn error_codes(&mut self, doc: &RawDoc) -> Vec<ErrorCode> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for e in &doc.error_codes {
            if !seen.insert((e.code.clone(), e.status)) {
                self.warn(e.line, format!("error code {} listed twice", e.code));
                continue;
            }
            out.push(ErrorCode {
                code: e.code.clone(),
                status: e.status,
                message: e.message.clone(),
                solution: e.solution.clone(),
                source: self.source(e.line),
            });
        }
        out
    }
}
