//! Naming and shaping decisions, made once before any tokens are emitted.
//!
//! Everything that needs a global view lives here: which schemas are emitted, the Rust name of
//! every type, field, enum, variant and method (with collisions resolved in a fixed order, so the
//! output is deterministic), which fields are optional or boxed, which types may derive `Eq`, and
//! which list operations get a page stream.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::{Field, Location, Operation, Spec, TypeRef};

use crate::ident::{camel, snake, snake_join, unraw, Names, Style};
use crate::sensitive::is_sensitive;
use crate::types::{Ctx, StdPaths};
use crate::validate::path_placeholders;

/// Headers the runtime sets itself (authentication, content negotiation); operations do not take
/// them as arguments even when the document lists them.
pub const MANAGED_HEADERS: &[&str] = &[
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

/// A field's Rust type: the spec type, with the innermost string or integer replaced by an enum.
#[derive(Debug, Clone)]
pub struct FieldType {
    pub tref: TypeRef,
    pub enum_name: Option<String>,
}

#[derive(Debug)]
pub struct ModelField<'a> {
    pub field: &'a Field,
    pub rust: String,
    pub ty: FieldType,
    /// The document calls it required.
    pub required: bool,
    /// Emitted as `Option<T>` (optional, or required in a response model).
    pub option: bool,
    pub sensitive: bool,
    /// Wrapped in `Box` to break a cycle of directly nested schemas.
    pub boxed: bool,
}

#[derive(Debug)]
pub enum ModelKind<'a> {
    Schema {
        name: &'a str,
        description: Option<&'a str>,
        source: &'a str,
    },
    Query(&'a Operation),
}

#[derive(Debug)]
pub struct Model<'a> {
    pub rust: String,
    pub kind: ModelKind<'a>,
    pub fields: Vec<ModelField<'a>>,
    /// Reachable from a response: required fields are `Option` too.
    pub tolerant: bool,
    /// Only in responses (not reachable from a request body): no `with_*` setters, since
    /// callers read these values; tests build them with `..Default::default()`.
    pub response_only: bool,
    pub eq: bool,
}

#[derive(Debug)]
pub struct EnumDef {
    pub rust: String,
    pub int: bool,
    /// (variant, wire value) in first-listed order.
    pub variants: Vec<(String, String)>,
    pub description: String,
    /// `Schema.field` of every field using it.
    pub sites: Vec<String>,
}

#[derive(Debug)]
pub struct Arg<'a> {
    pub wire: String,
    pub rust: String,
    pub location: Location,
    pub ty: FieldType,
    pub required: bool,
    /// `None` for a path placeholder the document does not list.
    pub field: Option<&'a Field>,
}

#[derive(Debug)]
pub struct PagePlan {
    pub response: TypeRef,
    pub items_field: String,
    pub items_option: bool,
    pub item: FieldType,
    pub total_field: String,
    pub total_option: bool,
    pub offset_field: String,
    pub offset_option: bool,
    pub limit_field: String,
    pub limit_option: bool,
    /// The first operation with this response type emits the `Page` impl.
    pub emit_impl: bool,
}

#[derive(Debug)]
pub struct Op<'a> {
    pub op: &'a Operation,
    pub const_name: String,
    pub method: String,
    pub request_method: String,
    pub stream_method: Option<String>,
    /// Path arguments, then header arguments.
    pub args: Vec<Arg<'a>>,
    pub query: Option<String>,
    pub body: Option<TypeRef>,
    pub response: Option<TypeRef>,
    pub page: Option<PagePlan>,
}

#[derive(Debug)]
pub struct Plan<'a> {
    /// Prelude paths inside `mod models` and beside it.
    pub models_std: StdPaths,
    pub root_std: StdPaths,
    /// `mod models` imports serde's `Serialize` and `Deserialize` (for short derive lists):
    /// when it has models and no type of its own takes either name.
    pub serde_imported: bool,
    /// Schema name → Rust type name.
    pub type_names: BTreeMap<String, String>,
    pub models: Vec<Model<'a>>,
    pub enums: Vec<EnumDef>,
    pub ops: Vec<Op<'a>>,
}

/// Where an enumerated field sits: (owner key, index in its field list).
type SiteKey = (String, usize);

struct Site<'a> {
    key: SiteKey,
    owner: String,
    field: &'a Field,
    int: bool,
    values: Vec<String>,
}

/// Unwraps arrays and maps down to the element type.
fn innermost(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Array(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}

/// Whether the field becomes an enum, and of which kind (`Some(true)` for integers).
fn enum_kind(field: &Field) -> Option<bool> {
    if field.enum_values.is_empty() {
        return None;
    }
    match innermost(&field.type_ref().ok()?) {
        TypeRef::String => Some(false),
        TypeRef::Integer | TypeRef::Long => field
            .enum_values
            .iter()
            .all(|v| v.trim().parse::<i64>().is_ok())
            .then_some(true),
        _ => None,
    }
}

pub fn build<'a>(spec: &'a Spec, groups: Option<&[String]>) -> Plan<'a> {
    let selected_ops: Vec<&Operation> = spec
        .operations
        .iter()
        .filter(|op| groups.map_or(true, |gs| gs.contains(&op.group)))
        .collect();
    let schemas = selected_schemas(spec, &selected_ops, groups.is_some());
    let responses = reachable(
        spec,
        selected_ops
            .iter()
            .flat_map(|op| op.responses.iter().filter_map(|r| r.body.as_deref())),
    );
    let requests = reachable(
        spec,
        selected_ops.iter().filter_map(|op| op.body.as_deref()),
    );

    // Type names: schemas first (sorted), then query structs (document order), then enums.
    let mut types = Names::default();
    let mut type_names = BTreeMap::new();
    for name in &schemas {
        let rust = types.claim(&camel(name, "T", "Schema"), Style::Camel);
        type_names.insert(name.to_string(), rust);
    }
    let mut query_names = BTreeMap::new();
    for op in &selected_ops {
        if op
            .params
            .iter()
            .any(|p| p.location == Some(Location::Query))
        {
            let rust = types.claim(
                &format!("{}Query", unraw(&camel(&op.name, "Op", "Operation"))),
                Style::Camel,
            );
            query_names.insert(op.name.as_str(), rust);
        }
    }

    // Enum sites, in a fixed order: schema fields, then operation parameters.
    let mut sites = Vec::new();
    for name in &schemas {
        let Some(schema) = spec.schemas.get(*name) else {
            continue;
        };
        for (i, f) in schema.fields.iter().enumerate() {
            if let Some(int) = enum_kind(f) {
                sites.push(Site {
                    key: (format!("schema:{name}"), i),
                    owner: type_names.get(*name).cloned().unwrap_or_default(),
                    field: f,
                    int,
                    values: f.enum_values.clone(),
                });
            }
        }
    }
    for op in &selected_ops {
        for (i, p) in op.params.iter().enumerate() {
            let Some(int) = enum_kind(p) else { continue };
            let owner = match (p.location, query_names.get(op.name.as_str())) {
                (Some(Location::Query), Some(q)) => q.clone(),
                _ => unraw(&camel(&op.name, "Op", "Operation")).to_string(),
            };
            sites.push(Site {
                key: (format!("op:{}", op.name), i),
                owner,
                field: p,
                int,
                values: p.enum_values.clone(),
            });
        }
    }
    let (enums, enum_of) = plan_enums(&sites, &mut types);

    let eq_free = float_free(spec, &schemas);
    let mut models = Vec::new();
    for name in &schemas {
        let Some(schema) = spec.schemas.get(*name) else {
            continue;
        };
        let key = format!("schema:{name}");
        let tolerant = responses.contains(*name);
        let fields = plan_fields(
            spec,
            &schema.fields.iter().collect::<Vec<_>>(),
            &key,
            &enum_of,
            tolerant,
            Some(name),
        );
        models.push(Model {
            rust: type_names.get(*name).cloned().unwrap_or_default(),
            kind: ModelKind::Schema {
                name,
                description: schema.description.as_deref(),
                source: &schema.source,
            },
            fields,
            tolerant,
            response_only: tolerant && !requests.contains(*name),
            eq: eq_free.contains(*name),
        });
    }

    let mut ops = plan_ops(&selected_ops, &query_names, &enum_of);
    for op in &selected_ops {
        let Some(rust) = query_names.get(op.name.as_str()) else {
            continue;
        };
        let key = format!("op:{}", op.name);
        let params: Vec<&Field> = op.params.iter().collect();
        let mut fields = plan_fields(spec, &params, &key, &enum_of, false, None);
        // Query structs hold only the query parameters (the indices above count all of them).
        fields.retain(|f| f.field.location == Some(Location::Query));
        let eq = fields
            .iter()
            .all(|f| type_is_float_free(&f.ty.tref, &eq_free));
        models.push(Model {
            rust: rust.clone(),
            kind: ModelKind::Query(op),
            fields,
            tolerant: false,
            response_only: false,
            eq,
        });
    }
    plan_pages(&mut ops, &models, &type_names);
    let models_std = StdPaths::shadowed_by(
        models
            .iter()
            .map(|m| unraw(&m.rust))
            .chain(enums.iter().map(|e| unraw(&e.rust))),
    );
    let serde_imported = !models.is_empty()
        && !models
            .iter()
            .map(|m| unraw(&m.rust))
            .chain(enums.iter().map(|e| unraw(&e.rust)))
            .any(|n| n == "Serialize" || n == "Deserialize");
    Plan {
        models_std,
        root_std: StdPaths::shadowed_by([]),
        serde_imported,
        type_names,
        models,
        enums,
        ops,
    }
}

/// Schema names to emit: all, or (when filtering by group) those the selected operations reach.
fn selected_schemas<'a>(spec: &'a Spec, ops: &[&'a Operation], filtered: bool) -> Vec<&'a str> {
    if !filtered {
        return spec.schemas.keys().map(String::as_str).collect();
    }
    let roots = ops.iter().flat_map(|op| {
        op.params
            .iter()
            .map(|p| p.ty.as_str())
            .chain(op.body.as_deref())
            .chain(op.responses.iter().filter_map(|r| r.body.as_deref()))
    });
    let set = reachable(spec, roots);
    spec.schemas
        .keys()
        .map(String::as_str)
        .filter(|k| set.contains(*k))
        .collect()
}

/// Schema names reachable from the given type strings.
fn reachable<'a>(spec: &'a Spec, roots: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = roots
        .filter_map(|t| t.parse::<TypeRef>().ok()?.named().map(str::to_string))
        .collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = spec.schemas.get(&name) {
            for f in &schema.fields {
                if let Some(n) = f.type_ref().ok().as_ref().and_then(TypeRef::named) {
                    stack.push(n.to_string());
                }
            }
        }
    }
    seen
}

/// Schemas that contain no float anywhere inside (so they can derive `Eq`).
fn float_free(spec: &Spec, schemas: &[&str]) -> BTreeSet<String> {
    // Fixpoint: start from "all float-free" and remove until stable; cycles stay float-free
    // unless something on them holds a float.
    let mut free: BTreeSet<String> = schemas.iter().map(|s| s.to_string()).collect();
    loop {
        let before = free.len();
        let snapshot = free.clone();
        free.retain(|name| {
            spec.schemas.get(name).is_some_and(|s| {
                s.fields.iter().all(|f| {
                    f.type_ref()
                        .is_ok_and(|t| type_is_float_free(&t, &snapshot))
                })
            })
        });
        if free.len() == before {
            return free;
        }
    }
}

fn type_is_float_free(t: &TypeRef, free: &BTreeSet<String>) -> bool {
    match innermost(t) {
        TypeRef::Float | TypeRef::Double | TypeRef::Number => false,
        TypeRef::Named(n) => free.contains(n),
        _ => true,
    }
}

/// Whether schema `to` directly (not through an array or map) contains schema `from`.
/// Whether `schema` reaches itself through its fields: only then can a field need a `Box`.
/// One search per schema, rather than one per field.
fn on_cycle(spec: &Spec, schema: &str) -> bool {
    let children = spec
        .schemas
        .get(schema)
        .into_iter()
        .flat_map(|s| s.fields.iter().map(|f| f.ty.as_str()));
    reachable(spec, children).contains(schema)
}

fn directly_reaches(spec: &Spec, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(name) = stack.pop() {
        if name == to {
            return true;
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = spec.schemas.get(&name) {
            for f in &schema.fields {
                if let Ok(TypeRef::Named(n)) = f.type_ref() {
                    stack.push(n);
                }
            }
        }
    }
    false
}

fn plan_fields<'a>(
    spec: &Spec,
    fields: &[&'a Field],
    key: &str,
    enum_of: &BTreeMap<SiteKey, String>,
    tolerant: bool,
    schema: Option<&str>,
) -> Vec<ModelField<'a>> {
    let mut names = Names::default();
    let cyclic = schema.is_some_and(|s| on_cycle(spec, s));
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let tref = f.type_ref().unwrap_or(TypeRef::Object);
            let boxed = match (&tref, schema) {
                (TypeRef::Named(t), Some(s)) => cyclic && directly_reaches(spec, t, s),
                _ => false,
            };
            // Query structs never hold path or header parameters, so those take no name.
            let rust = if f.location.is_none() || f.location == Some(Location::Query) {
                names.claim(&snake(&f.name, "field"), Style::Snake)
            } else {
                String::new()
            };
            ModelField {
                field: f,
                rust,
                ty: FieldType {
                    tref,
                    enum_name: enum_of.get(&(key.to_string(), i)).cloned(),
                },
                required: f.required,
                option: !f.required || tolerant,
                sensitive: is_sensitive(f),
                boxed,
            }
        })
        .collect()
}

fn plan_enums(sites: &[Site<'_>], types: &mut Names) -> (Vec<EnumDef>, BTreeMap<SiteKey, String>) {
    // Sites with the same field name, kind and set of values share one enum.
    let mut groups: Vec<(String, bool, BTreeSet<String>, Vec<usize>)> = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        let field = unraw(&camel(&s.field.name, "V", "Value")).to_string();
        let set: BTreeSet<String> = s.values.iter().cloned().collect();
        match groups
            .iter_mut()
            .find(|g| g.0 == field && g.1 == s.int && g.2 == set)
        {
            Some(g) => g.3.push(i),
            None => groups.push((field, s.int, set, vec![i])),
        }
    }
    let mut per_field: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &groups {
        *per_field.entry(g.0.as_str()).or_default() += 1;
    }
    let mut enums = Vec::new();
    let mut enum_of = BTreeMap::new();
    for (field, int, _, members) in &groups {
        let first = &sites[members[0]];
        let shared = members.len() > 1 && per_field.get(field.as_str()) == Some(&1);
        let want = if shared && !types.is_taken(field) && field != "Unknown" {
            field.clone()
        } else {
            format!("{}{}", unraw(&first.owner), field)
        };
        let rust = types.claim(&want, Style::Camel);
        let mut variants_names = Names::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        let mut seen = BTreeSet::new();
        for v in &first.values {
            // The canonical wire value: duplicates would make unreachable match arms.
            let (want, wire) = if *int {
                let n: i64 = v.trim().parse().unwrap_or_default();
                let want = if n < 0 {
                    format!("VMinus{}", n.unsigned_abs())
                } else {
                    format!("V{n}")
                };
                (want, n.to_string())
            } else {
                (camel(v, "V", "Empty"), v.trim().to_string())
            };
            if seen.insert(wire.clone()) {
                variants.push((variants_names.claim(&want, Style::Camel), wire));
            }
        }
        let mut site_names = Vec::new();
        for &m in members {
            enum_of.insert(sites[m].key.clone(), rust.clone());
            site_names.push(format!("{}.{}", sites[m].owner, sites[m].field.name));
        }
        enums.push(EnumDef {
            rust,
            int: *int,
            variants,
            description: first.field.description.clone(),
            sites: site_names,
        });
    }
    (enums, enum_of)
}

fn plan_ops<'a>(
    ops: &[&'a Operation],
    query_names: &BTreeMap<&str, String>,
    enum_of: &BTreeMap<SiteKey, String>,
) -> Vec<Op<'a>> {
    let mut consts = Names::with_reserved(&["ALL"]);
    let mut methods = Names::with_reserved(&["new", "inner"]);
    let bases: Vec<String> = ops.iter().map(|op| snake(&op.name, "operation")).collect();
    let method_names: Vec<String> = bases
        .iter()
        .map(|b| methods.claim(b, Style::Snake))
        .collect();
    let request_names: Vec<String> = method_names
        .iter()
        .map(|m| methods.claim(&snake_join("", m, "_request"), Style::Snake))
        .collect();
    let mut out = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let key = format!("op:{}", op.name);
        let mut arg_names =
            Names::with_reserved(&["self", "query", "body", "request", "client", "page_size"]);
        let mut args = Vec::new();
        let placeholders = path_placeholders(&op.path);
        for ph in &placeholders {
            if *ph == "project_id" {
                continue;
            }
            let declared = op
                .params
                .iter()
                .enumerate()
                .find(|(_, p)| p.location == Some(Location::Path) && p.name == *ph);
            let (ty, field) = match declared {
                Some((j, p)) => (
                    FieldType {
                        tref: p.type_ref().unwrap_or(TypeRef::String),
                        enum_name: enum_of.get(&(key.clone(), j)).cloned(),
                    },
                    Some(p),
                ),
                None => (
                    FieldType {
                        tref: TypeRef::String,
                        enum_name: None,
                    },
                    None,
                ),
            };
            args.push(Arg {
                wire: ph.to_string(),
                rust: arg_names.claim(&snake(ph, "param"), Style::Snake),
                location: Location::Path,
                ty,
                required: true,
                field,
            });
        }
        for (j, p) in op.params.iter().enumerate() {
            if p.location != Some(Location::Header)
                || MANAGED_HEADERS.contains(&p.name.to_ascii_lowercase().as_str())
            {
                continue;
            }
            args.push(Arg {
                wire: p.name.clone(),
                rust: arg_names.claim(&snake(&p.name, "header"), Style::Snake),
                location: Location::Header,
                ty: FieldType {
                    tref: p.type_ref().unwrap_or(TypeRef::String),
                    enum_name: enum_of.get(&(key.clone(), j)).cloned(),
                },
                required: p.required,
                field: Some(p),
            });
        }
        let response = op
            .responses
            .iter()
            .filter(|r| (200..300).contains(&r.status))
            .find_map(|r| r.body.as_deref()?.parse::<TypeRef>().ok());
        out.push(Op {
            op,
            const_name: consts.claim(&crate::ident::shouty(&op.name, "OPERATION"), Style::Snake),
            method: method_names[i].clone(),
            request_method: request_names[i].clone(),
            stream_method: None,
            args,
            query: query_names.get(op.name.as_str()).cloned(),
            body: op.body.as_deref().and_then(|b| b.parse().ok()),
            response,
            page: None,
        });
    }
    out
}

fn is_count_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "count"
        || n == "total"
        || n.ends_with("_count")
        || n.ends_with("_num")
        || n.starts_with("total")
}

fn is_int(t: &FieldType) -> bool {
    t.enum_name.is_none() && matches!(t.tref, TypeRef::Integer | TypeRef::Long)
}

/// Finds list operations (offset + limit query parameters, a response with one array and a
/// count) and names their stream methods.
fn plan_pages(ops: &mut [Op<'_>], models: &[Model<'_>], type_names: &BTreeMap<String, String>) {
    let mut methods = Names::with_reserved(&["new", "inner"]);
    for op in ops.iter() {
        methods.claim(&op.method, Style::Snake);
        methods.claim(&op.request_method, Style::Snake);
    }
    let mut impls = BTreeSet::new();
    for op in ops.iter_mut() {
        op.stream_method = None;
        if op.body.is_some() {
            continue;
        }
        let Some(query) = op
            .query
            .as_ref()
            .and_then(|q| models.iter().find(|m| &m.rust == q))
        else {
            continue;
        };
        let find = |wire: &str| {
            query
                .fields
                .iter()
                .find(|f| f.field.name == wire && is_int(&f.ty))
        };
        let (Some(offset), Some(limit)) = (find("offset"), find("limit")) else {
            continue;
        };
        let Some(TypeRef::Named(resp)) = &op.response else {
            continue;
        };
        let Some(rust) = type_names.get(resp) else {
            continue;
        };
        let Some(model) = models.iter().find(|m| &m.rust == rust) else {
            continue;
        };
        let arrays: Vec<&ModelField> = model
            .fields
            .iter()
            .filter(|f| matches!(f.ty.tref, TypeRef::Array(_)))
            .collect();
        let [items] = arrays.as_slice() else { continue };
        let Some(total) = model
            .fields
            .iter()
            .find(|f| is_int(&f.ty) && is_count_name(&f.field.name))
        else {
            continue;
        };
        let TypeRef::Array(item) = &items.ty.tref else {
            continue;
        };
        op.page = Some(PagePlan {
            response: TypeRef::Named(resp.clone()),
            items_field: items.rust.clone(),
            items_option: items.option,
            item: FieldType {
                tref: (**item).clone(),
                enum_name: items.ty.enum_name.clone(),
            },
            total_field: total.rust.clone(),
            total_option: total.option,
            offset_field: offset.rust.clone(),
            offset_option: offset.option,
            limit_field: limit.rust.clone(),
            limit_option: limit.option,
            emit_impl: impls.insert(resp.clone()),
        });
        op.stream_method =
            Some(methods.claim(&snake_join("", &op.method, "_stream"), Style::Snake));
    }
}

impl Plan<'_> {
    /// Prelude paths for code written in `ctx`.
    pub fn std(&self, ctx: Ctx) -> StdPaths {
        match ctx {
            Ctx::Models => self.models_std,
            Ctx::Root => self.root_std,
        }
    }
}
