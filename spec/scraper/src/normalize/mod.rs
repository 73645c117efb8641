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
    ErrorCode, ExampleKind, Field, Location, Operation, Response, Schema, Service, Source, Spec,
    TypeRef,
};
use crate::raw::{Diagnostic, Pos, RawDoc, RawOperation, RawTable, Severity, TableRole};
use schemas::{rename_fields, Registered, Registry};

/// The normalized spec and what the normalizer had to tell.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub spec: Spec,
    pub diagnostics: Vec<Diagnostic>,
    /// The rows that became a field of the spec (a parameter, or a field of a schema, also of a
    /// schema found identical to one already there), as `(file, line, name)`.
    pub placed: HashSet<(String, usize, String)>,
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
                !n.is_empty()
                    && n.starts_with(|c: char| c.is_ascii_digit())
                    && n.chars().all(|c| c.is_ascii_digit() || c == '.')
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
        placed: HashSet::new(),
    };
    let mut operations = Vec::new();
    let mut names = HashMap::new();
    let mut error_codes = Vec::new();
    for doc in docs {
        n.file = doc.file.clone();
        // Table numbers count per document.
        n.tables.clear();
        for raw in &doc.operations {
            let (base, suffix) = n.names(raw);
            let base = n.unique_base(raw, base, &suffix, &mut names);
            operations.push(n.operation(raw, &base, &suffix));
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
        waiters: Vec::new(),
    };
    Normalized {
        spec,
        diagnostics: n.diagnostics,
        placed: n.placed,
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
    placed: HashSet<(String, usize, String)>,
}

impl Normalizer<'_> {
    /// The base name of an operation that no earlier operation has (with its `suffix`): a
    /// taken name gets the suffix of its version when the operation holding it has another
    /// version (`CreateEcsV21`), else a number. The operation's models are named after it, so
    /// two operations of one title never share a model by name.
    fn unique_base(
        &mut self,
        raw: &RawOperation,
        base: String,
        suffix: &str,
        names: &mut HashMap<String, String>,
    ) -> String {
        let version = path_version(&raw.path);
        let Some(holder) = names.get(&format!("{base}{suffix}")).cloned() else {
            names.insert(format!("{base}{suffix}"), version);
            return base;
        };
        let mut candidates = Vec::new();
        if !version.is_empty() && version != holder {
            candidates.push(format!("{base}{}", version_suffix(&version)));
        }
        candidates.extend((2..).take(100).map(|k| format!("{base}{k}")));
        let Some(new) = candidates
            .into_iter()
            .find(|c| !names.contains_key(&format!("{c}{suffix}")))
        else {
            return base;
        };
        self.warn(
            raw.line,
            format!("operation name `{base}{suffix}` is taken; using `{new}{suffix}`"),
        );
        names.insert(format!("{new}{suffix}"), version);
        new
    }
}

/// The page's examples; a response example without a status shows the first success status
/// the page lists (200 when none is listed), or the first error status when its title calls it
/// a failure ("Abnormal response").
fn examples_with_status(raw: &RawOperation) -> Vec<crate::model::Example> {
    let error = raw.status_codes.iter().map(|s| s.0).find(|s| *s >= 400);
    let success = raw
        .status_codes
        .iter()
        .map(|s| s.0)
        .find(|s| (200..300).contains(s))
        .or(Some(200));
    raw.examples
        .iter()
        .cloned()
        .map(|mut e| {
            if e.kind == ExampleKind::Response && e.status.is_none() {
                let failure = e.title.as_deref().is_some_and(crate::words::says_failure);
                e.status = if failure { error } else { success };
            }
            e
        })
        .collect()
}

/// The `{name}` placeholders of a path.
fn placeholders(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// Names that differ by at most two letters (`flavors_id` / `flavor_id`), long enough for that
/// to mean a misprint.
fn near_names(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Levenshtein distance, one row at a time.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()] <= 2
}

/// `Table 8-4 instance_backup_policy …` → `8-4`.
fn table_number(caption: &str) -> Option<&str> {
    caption.strip_prefix("Table ")?.split_whitespace().next()
}

/// One operation's page as its tables are placed.
struct Page<'a> {
    raw: &'a RawOperation,
    base: &'a str,
    suffix: &'a str,
    resolver: &'a PageResolver<'a>,
}

/// What the tables of a page gave.
struct Placed {
    params: Vec<Field>,
    body: Option<String>,
    /// Response bodies by status (None: the success status).
    bodies: Vec<(Option<u16>, String)>,
    /// No success body yet: the first one is `<Op>Response`.
    first_success: bool,
}

impl Default for Placed {
    fn default() -> Self {
        Placed {
            params: Vec::new(),
            body: None,
            bodies: Vec::new(),
            first_success: true,
        }
    }
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

    fn example_is_map_of_arrays(&self, field: &str) -> bool {
        self.examples.iter().any(|v| {
            find_object(v, field).is_some_and(|m| !m.is_empty() && m.values().all(Value::is_array))
        })
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

/// The first object the examples hold under `key`, anywhere.
fn find_object<'v>(v: &'v Value, key: &str) -> Option<&'v serde_json::Map<String, Value>> {
    match v {
        Value::Object(m) => match m.get(key) {
            Some(Value::Object(o)) => Some(o),
            _ => m.values().find_map(|x| find_object(x, key)),
        },
        Value::Array(a) => a.iter().find_map(|x| find_object(x, key)),
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

    /// `file:line` of a line of `table`, which may stand in another document of the edition.
    fn table_source(&self, table: &RawTable, line: usize) -> String {
        match &table.origin {
            Some(file) => format!("{file}:{line}"),
            None => self.source(line),
        }
    }

    /// A warning at a line of `table` (see [`Self::table_source`]).
    fn warn_in(&mut self, table: &RawTable, line: usize, message: String) {
        let file = table.origin.clone().unwrap_or_else(|| self.file.clone());
        self.diagnostics
            .push(Diagnostic::new(&file, line, Severity::Warning, message));
    }

    fn source(&self, line: usize) -> String {
        format!("{}:{line}", self.file)
    }

    fn operation(&mut self, raw: &RawOperation, base: &str, suffix: &str) -> Operation {
        let (base, suffix) = (base.to_string(), suffix.to_string());
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
        let numbered = self.register_nested(raw, &base, &suffix, &mut resolver);
        let page = Page {
            raw,
            base: &base,
            suffix: &suffix,
            resolver: &resolver,
        };
        let mut placed = Placed::default();
        for t in &raw.tables {
            self.place(&page, t, &mut placed);
        }
        self.match_placeholders(raw, &mut placed.params);
        self.tables = known_tables;
        self.tables.extend(numbered);
        let responses = self.responses(raw, &placed.bodies);
        Operation {
            name: format!("{base}{suffix}"),
            title: raw.title.clone(),
            title_zh: None,
            group: raw.group.clone().unwrap_or_default(),
            version: path_version(&raw.path),
            deprecated: raw.deprecated,
            method: raw.method.clone(),
            path: raw.path.clone(),
            description: raw.description.clone(),
            description_zh: None,
            params: placed.params,
            body: placed.body,
            discriminator: None,
            responses,
            examples: examples_with_status(raw),
            source: self.source(raw.line),
        }
    }

    /// The operation's base name (its SDK sample's, else its title's) and the suffix its names
    /// and its models' names get (`V1` when it is deprecated: it usually has a current twin of
    /// the same name, which its SDK sample, if any, names).
    fn names(&mut self, raw: &RawOperation) -> (String, String) {
        if let (Some(n), false) = (&raw.sdk_operation, raw.deprecated) {
            return (n.clone(), String::new());
        }
        let derived = naming::operation_name(&raw.title, self.service_word);
        if raw.deprecated {
            return (derived, self.deprecated_suffix.clone());
        }
        let message = format!(
            "no SDK sample names `{}`; named `{derived}` after its title",
            raw.title
        );
        let pos = self.pos(raw.line);
        self.diagnostics.push(Diagnostic {
            pos,
            severity: Severity::Note,
            message,
        });
        (derived, String::new())
    }

    /// Registers the page's nested tables; returns (table number, schema) of the numbered ones,
    /// for later pages that refer to them by number.
    fn register_nested(
        &mut self,
        raw: &RawOperation,
        base: &str,
        suffix: &str,
        resolver: &mut PageResolver<'_>,
    ) -> Vec<(String, String)> {
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
        let mut numbered = Vec::new();
        let mut nested_fields: Vec<Vec<Field>> = nested
            .iter()
            .map(|(t, _, _)| self.fields(t, None, resolver))
            .collect();
        // Children come after their parents in the document: register from the last one.
        for k in (0..nested.len()).rev() {
            let (table, key, provisional) = &nested[k];
            let schema = Schema {
                description: None,
                fields: nested_fields[k].clone(),
                source: self.table_source(table, table.line),
            };
            let reg = self.registry.register(provisional, base, schema);
            if let Registered::Renamed(new) = &reg {
                for f in nested_fields.iter_mut() {
                    rename_fields(f, provisional, new);
                }
            }
            resolver.nested.insert(key.clone(), reg.name().to_string());
            if let Some(num) = table.caption.as_deref().and_then(table_number) {
                numbered.push((num.to_string(), reg.name().to_string()));
            }
        }
        numbered
    }

    /// Places one table of the page: parameters, the request body, a response body.
    fn place(&mut self, page: &Page<'_>, t: &RawTable, placed: &mut Placed) {
        let raw = page.raw;
        match &t.role {
            TableRole::Params(loc) => {
                let mut fields = self.fields(t, Some(*loc), page.resolver);
                if *loc == Location::Path {
                    for f in &mut fields {
                        f.required = true;
                    }
                }
                placed.params.extend(fields);
            }
            TableRole::UriParams => {
                for mut f in self.fields(t, None, page.resolver) {
                    let in_path = raw.path.contains(&format!("{{{}}}", f.name));
                    f.location = Some(if in_path {
                        Location::Path
                    } else {
                        Location::Query
                    });
                    f.required |= in_path;
                    placed.params.push(f);
                }
            }
            TableRole::RequestBody if placed.body.is_some() => {
                self.warn(t.line, "a second request body table; ignored".to_string());
            }
            TableRole::RequestBody => {
                let preferred = match (&raw.sdk_body, raw.deprecated) {
                    (Some(b), false) => b.clone(),
                    _ => format!("{}Body{}", page.base, page.suffix),
                };
                placed.body = Some(self.register_table(page, t, &preferred));
            }
            TableRole::ResponseBody(status) => {
                let success = !matches!(status, Some(s) if !(200..300).contains(s));
                let (base, suffix) = (page.base, page.suffix);
                let preferred = match (success, placed.first_success) {
                    (false, _) => format!("ErrorResponse{suffix}"),
                    (true, true) => format!("{base}Response{suffix}"),
                    (true, false) => format!("{base}Response{}{suffix}", status.unwrap_or(200)),
                };
                placed.first_success &= !success;
                let name = self.register_table(page, t, &preferred);
                placed.bodies.push((*status, name));
            }
            TableRole::Nested(_) | TableRole::Describes(_) => {}
            // Its row is the value type of a map its referring row was retyped to.
            TableRole::MapValue(_) => {
                let file = t.origin.clone().unwrap_or_else(|| self.file.clone());
                for row in &t.rows {
                    self.placed
                        .insert((file.clone(), row.line, row.name.clone()));
                }
            }
            TableRole::Unplaced => self.warn(
                t.line,
                format!(
                    "table `{}` is not placed: nothing on the page says what it describes",
                    t.caption.as_deref().unwrap_or("(no caption)")
                ),
            ),
        }
    }

    /// Registers a body table as a schema under `preferred` (or a name the registry picks);
    /// returns the schema's name.
    fn register_table(&mut self, page: &Page<'_>, t: &RawTable, preferred: &str) -> String {
        let schema = Schema {
            description: None,
            fields: self.fields(t, None, page.resolver),
            source: self.table_source(t, t.line),
        };
        self.registry
            .register(preferred, page.base, schema)
            .name()
            .to_string()
    }

    /// The status codes the page lists, each with the body its tables give; a body without a
    /// status is the first success status's (200 when none is listed).
    fn responses(&mut self, raw: &RawOperation, bodies: &[(Option<u16>, String)]) -> Vec<Response> {
        let success = raw
            .status_codes
            .iter()
            .map(|s| s.0)
            .find(|s| (200..300).contains(s))
            .unwrap_or(200);
        let bodies: Vec<(u16, &String)> = bodies
            .iter()
            .map(|(s, b)| (s.unwrap_or(success), b))
            .collect();
        let mut responses: Vec<Response> = Vec::new();
        for (status, desc, _) in &raw.status_codes {
            if responses.iter().any(|r| r.status == *status) {
                continue;
            }
            let body = bodies
                .iter()
                .find(|(s, _)| s == status)
                .map(|(_, b)| (*b).clone());
            responses.push(Response {
                status: *status,
                description: desc.clone(),
                body,
            });
        }
        for (status, b) in bodies {
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
        responses
    }

    /// Every path placeholder needs a path parameter. A placeholder without one takes the query
    /// row whose name differs only slightly (`flavors_id` for `{flavor_id}`) and that the query
    /// template does not name, with a warning; else it is reported.
    fn match_placeholders(&mut self, raw: &RawOperation, params: &mut [Field]) {
        let template = raw.query_template.as_deref().unwrap_or("");
        for name in placeholders(&raw.path) {
            let has = |p: &Field| p.name == name && p.location == Some(Location::Path);
            if params.iter().any(has) {
                continue;
            }
            let near = params.iter().position(|p| {
                p.location == Some(Location::Query)
                    && !template.contains(&format!("{}=", p.name))
                    && near_names(&p.name, name)
            });
            match near {
                Some(i) => {
                    self.warn(
                        raw.uri_line,
                        format!(
                            "path parameter `{name}` has no row; the row `{}` is taken for it",
                            params[i].name
                        ),
                    );
                    let p = &mut params[i];
                    p.name = name.to_string();
                    p.location = Some(Location::Path);
                    p.required = true;
                }
                None => self.warn(
                    raw.uri_line,
                    format!("path parameter `{name}` has no row in the parameter tables"),
                ),
            }
        }
    }

    fn fields(
        &mut self,
        table: &RawTable,
        location: Option<Location>,
        r: &PageResolver<'_>,
    ) -> Vec<Field> {
        let rows = &table.rows;
        let mut out: Vec<Field> = Vec::with_capacity(rows.len());
        for row in rows {
            let mapped = match types::map_type(&row.type_text, &row.name, &row.description, r) {
                Ok(m) => m,
                Err(e) => {
                    self.warn_in(
                        table,
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
                self.warn_in(table, row.line, format!("field `{}`: {note}", row.name));
            }
            if out.iter().any(|f| f.name == row.name) {
                self.warn_in(
                    table,
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
            let file = table.origin.clone().unwrap_or_else(|| self.file.clone());
            self.placed.insert((file, row.line, row.name.clone()));
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
                source: self.table_source(table, row.line),
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
