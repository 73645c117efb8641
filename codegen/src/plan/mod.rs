//! Naming and shaping decisions, made once before any tokens are emitted.
//!
//! Everything that needs a global view lives here: which schemas are emitted, the Rust name of
//! every type, field, enum, variant and method (with collisions resolved in a fixed order, so the
//! output is deterministic), which fields are optional or boxed, which types may derive `Eq`, and
//! which list operations get a page stream.

mod enums;
mod graph;
mod models;
mod ops;
mod pages;
pub mod waiters;

use std::collections::BTreeMap;

use apiref_spec::{Field, Location, Operation, Spec, TypeRef};

use crate::ident::Names;
use crate::prelude::StdPaths;
use crate::types::{Ctx, FieldType, Scope};

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
    /// Only in responses (not reachable from a request body): built from `Default` and
    /// `with_*` setters (in tests), not with a builder.
    pub response_only: bool,
    /// Reachable from a request body, or an operation's query parameters.
    pub request: bool,
    pub eq: bool,
    /// The builder type of a request model (`CreateInstanceBodyBuilder`).
    pub builder: Option<String>,
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
    /// The reply's count field (Rust name, `Option`), which `Page::total` reads: offset lists.
    pub total: Option<(String, bool)>,
    pub limit_field: String,
    pub limit_option: bool,
    /// The document types `limit` as text: the page size is sent as its digits.
    pub limit_text: bool,
    pub by: PageBy,
    /// The first operation with this response type emits the `Page` impl.
    pub emit_impl: bool,
}

/// How the next page is asked for.
#[derive(Debug)]
pub enum PageBy {
    /// An `offset` query field: the items before the page.
    Offset { field: String, option: bool },
    /// A `marker` query field: where the next page starts, read from `from` (`wire`: where, as
    /// the document names it, like `page_info.next_marker` or `id`).
    Marker {
        field: String,
        option: bool,
        from: MarkerFrom,
        wire: String,
    },
}

/// Where a marker list's next marker is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerFrom {
    /// A field of the reply: at its top or one level down (`page_info.next_marker`).
    Reply(Vec<waiters::Step>),
    /// A field of the page's last item (`id`).
    LastItem(waiters::Step),
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
    /// Every model both serializes and deserializes ([`crate::Options::serde_both`]); else a
    /// request model only serializes and a reply model only deserializes.
    pub serde_both: bool,
    /// Schema name → Rust type name.
    pub type_names: BTreeMap<String, String>,
    pub models: Vec<Model<'a>>,
    pub enums: Vec<EnumDef>,
    pub ops: Vec<Op<'a>>,
    /// What "see <title>" in a description can link to: the emitted operations and models. The
    /// client's name is filled in when it is known.
    pub links: crate::markdown::Links,
    /// The spec's waiters whose read operation is emitted.
    pub waiters: Vec<waiters::WaiterPlan<'a>>,
}

pub fn build<'a>(spec: &'a Spec, groups: Option<&[String]>) -> Plan<'a> {
    let ops: Vec<&Operation> = spec
        .operations
        .iter()
        .filter(|op| groups.map_or(true, |gs| gs.contains(&op.group)))
        .collect();
    let schemas = graph::selected_schemas(spec, &ops, groups.is_some());
    // Type names: schemas first (sorted), then query structs (document order), then enums.
    let mut types = Names::default();
    let type_names = models::name_schemas(&schemas, &mut types);
    let query_names = models::name_queries(&ops, &mut types);
    let sites = enums::sites(spec, &schemas, &type_names, &ops, &query_names);
    let (enums, enum_of) = enums::plan_enums(&sites, &mut types);

    let eq_free = graph::float_free(spec, &schemas);
    let mut models = models::schema_models(spec, &ops, &schemas, &type_names, &enum_of, &eq_free);
    let mut planned_ops = ops::plan_ops(&ops, &query_names, &enum_of);
    models.extend(models::query_models(
        spec,
        &ops,
        &query_names,
        &enum_of,
        &eq_free,
    ));
    pages::plan_pages(&mut planned_ops, &models, &type_names);
    models::name_builders(&mut models, &mut types);
    let waiters = waiters::plan_waiters(spec, &planned_ops, &models, &type_names);

    let links = crate::markdown::Links::new(
        planned_ops.iter().map(|o| {
            let op = o.op;
            (
                op.title.as_str(),
                op.title_zh.as_deref(),
                o.method.as_str(),
                op.deprecated,
                op.version.as_str(),
            )
        }),
        type_names.clone(),
    );
    let declared = models::declared(&models, &enums);
    let models_std = StdPaths::shadowed_by(declared.iter().copied());
    let serde_imported =
        !models.is_empty() && !declared.contains("Serialize") && !declared.contains("Deserialize");
    Plan {
        models_std,
        root_std: StdPaths::shadowed_by([]),
        serde_imported,
        serde_both: false,
        type_names,
        models,
        enums,
        ops: planned_ops,
        waiters,
        links,
    }
}

impl Model<'_> {
    /// The model implements `Serialize`: a request model (the client sends it), a model of
    /// neither role, or any model when `plan.serde_both`.
    pub fn serializes(&self, plan: &Plan<'_>) -> bool {
        plan.serde_both || !self.response_only
    }

    /// The model implements `Deserialize`: a reply model (the client reads it), a model of
    /// neither role, or any model when `plan.serde_both`.
    pub fn deserializes(&self, plan: &Plan<'_>) -> bool {
        plan.serde_both || self.tolerant || !self.request
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

    /// How a description is rendered at `site`.
    pub fn env(&self, site: crate::markdown::Site) -> crate::markdown::Env<'_> {
        crate::markdown::Env::new(&self.links, site)
    }

    /// How types are written in `ctx`.
    pub fn scope(&self, ctx: Ctx) -> Scope<'_> {
        Scope {
            ctx,
            std: self.std(ctx),
            type_names: &self.type_names,
        }
    }
}
