//! The generator's view of one spec, read off its plan: what a caller of the generated client can
//! name (types, fields, enum variants, methods and their arguments) and which models are request
//! or response models. The classification compares two views, so it follows the generated code
//! rather than re-deriving it.

use std::collections::BTreeMap;

use apiref_spec::Spec;
use proc_macro2::TokenStream;
use quote::quote;

use crate::features::group_features;
use crate::ident::{camel, unraw, Names, Style};
use crate::plan::{self, Model, ModelField, ModelKind, Plan};
use crate::prelude::StdPaths;
use crate::types::{arg_tokens, tokens, Ctx, FieldType, Pass};

/// A field of a model, or a method argument, as the generated code types it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The Rust name (field or argument).
    pub rust: String,
    /// The whole Rust type as written beside `mod models` (`Option<models::Status>`).
    pub ty: String,
    /// The enum's name when the type holds one.
    pub enum_name: Option<String>,
}

/// A model struct: a schema, or an operation's query parameters.
#[derive(Debug, Clone)]
pub(crate) struct ModelView {
    pub rust: String,
    /// The builder type of a request model.
    pub builder: Option<String>,
    /// Reachable from a request body or query (built by the caller).
    pub request: bool,
    /// Reachable from a response (every field optional, read by the caller).
    pub response: bool,
    pub default: bool,
    pub eq: bool,
    /// Implements `Serialize` / `Deserialize` with the client crate's default features (a
    /// request model only serializes, a reply model only deserializes).
    pub serialize: bool,
    pub deserialize: bool,
    /// Wire name → field.
    pub fields: BTreeMap<String, Slot>,
}

/// The methods of an operation and what they take and return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OpView {
    /// Send, build-only and (list operations) stream methods.
    pub methods: Vec<String>,
    pub stream: Option<String>,
    /// Path arguments in order, then header arguments: (wire name, slot).
    pub args: Vec<(String, Slot)>,
    pub query: Option<String>,
    pub body: Option<String>,
    /// The send method's `Ok` type (`()` when there is no body).
    pub returns: String,
    pub const_name: String,
    /// The cargo feature that enables the operation's group.
    pub feature: Option<String>,
}

/// Everything a caller can name, keyed by the spec's names.
#[derive(Debug, Clone, Default)]
pub(crate) struct View {
    /// `schema:<Name>` or `query:<Operation>` → model.
    pub models: BTreeMap<String, ModelView>,
    /// Operation name → methods.
    pub ops: BTreeMap<String, OpView>,
    /// Enum name → (wire value → variant).
    pub enums: BTreeMap<String, BTreeMap<String, String>>,
    /// Error code → variant of `error_codes::ErrorCode`.
    pub error_variants: BTreeMap<String, String>,
    pub client: String,
}

/// The key of a schema's model in [`View::models`].
pub(crate) fn schema_key(name: &str) -> String {
    format!("schema:{name}")
}

/// The key of an operation's query model in [`View::models`].
pub(crate) fn query_key(op: &str) -> String {
    format!("query:{op}")
}

impl View {
    pub(crate) fn of(spec: &Spec) -> View {
        let mut plan = plan::build(spec, None);
        let client = spec.service.client_name();
        plan.root_std = StdPaths::shadowed_by([client.as_str()]);
        let features: BTreeMap<String, String> = group_features(spec)
            .map(|fs| fs.into_iter().map(|f| (f.group, f.feature)).collect())
            .unwrap_or_default();
        let models = plan
            .models
            .iter()
            .map(|m| (model_key(m), model_view(&plan, m)))
            .collect();
        let ops = plan
            .ops
            .iter()
            .map(|o| {
                let mut view = op_view(&plan, o);
                view.feature = features.get(&o.op.group).cloned();
                (o.op.name.clone(), view)
            })
            .collect();
        let enums = plan
            .enums
            .iter()
            .map(|e| {
                let variants = e.variants.iter().map(|(v, w)| (w.clone(), v.clone()));
                (e.rust.clone(), variants.collect())
            })
            .collect();
        View {
            models,
            ops,
            enums,
            error_variants: error_variants(spec),
            client,
        }
    }

    /// The variants (wire value → variant) of the slot's enum, if it has one.
    pub(crate) fn variants(&self, slot: &Slot) -> Option<&BTreeMap<String, String>> {
        self.enums.get(slot.enum_name.as_deref()?)
    }
}

fn model_key(m: &Model<'_>) -> String {
    match &m.kind {
        ModelKind::Schema { name, .. } => schema_key(name),
        ModelKind::Query(op) => query_key(&op.name),
    }
}

fn runtime() -> syn::Path {
    syn::parse_quote!(huaweicloud_runtime)
}

/// Type tokens as short text: `Option<models::Status>`, `Vec<String>`, `serde_json::Value`.
pub(crate) fn type_text(ty: &TokenStream) -> String {
    // Token text has spaces everywhere; keep them only between two words (`impl AsRef`).
    let raw = ty.to_string();
    let chars: Vec<char> = raw.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let mut text = String::new();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            text.push(*c);
        } else if word(text.chars().last().as_ref()) && word(chars.get(i + 1)) {
            text.push(' ');
        }
    }
    for (full, short) in [
        ("::std::option::Option", "Option"),
        ("::std::string::String", "String"),
        ("::std::vec::Vec", "Vec"),
        ("::std::boxed::Box", "Box"),
        ("::std::collections::BTreeMap", "BTreeMap"),
        ("huaweicloud_runtime::", ""),
    ] {
        text = text.replace(full, short);
    }
    text.replace(',', ", ")
}

fn field_slot(plan: &Plan<'_>, f: &ModelField<'_>) -> Slot {
    let rt = runtime();
    let mut ty = tokens(&f.ty, plan.scope(Ctx::Root), &rt);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    if f.option {
        ty = quote!(Option<#ty>);
    }
    Slot {
        rust: f.rust.clone(),
        ty: type_text(&ty),
        enum_name: f.ty.enum_name.clone(),
    }
}

fn model_view(plan: &Plan<'_>, m: &Model<'_>) -> ModelView {
    ModelView {
        rust: m.rust.clone(),
        builder: m.builder.clone(),
        request: !m.response_only,
        response: m.tolerant,
        default: m.fields.iter().all(|f| f.option),
        eq: m.eq,
        serialize: m.serializes(plan),
        deserialize: m.deserializes(plan),
        fields: m
            .fields
            .iter()
            .map(|f| (f.field.name.clone(), field_slot(plan, f)))
            .collect(),
    }
}

fn op_view(plan: &Plan<'_>, o: &plan::Op<'_>) -> OpView {
    let rt = runtime();
    let scope = plan.scope(Ctx::Root);
    let args = o
        .args
        .iter()
        .map(|a| {
            // As the emitter types arguments: required text takes anything that reads as text.
            let ty = match (a.required, Pass::of(&a.ty)) {
                (true, Pass::Str) => quote!(impl AsRef<str>),
                (true, _) => arg_tokens(&a.ty, scope, &rt),
                (false, _) => {
                    let t = arg_tokens(&a.ty, scope, &rt);
                    quote!(Option<#t>)
                }
            };
            let slot = Slot {
                rust: a.rust.clone(),
                ty: type_text(&ty),
                enum_name: a.ty.enum_name.clone(),
            };
            (a.wire.clone(), slot)
        })
        .collect();
    let returns = o.response.as_ref().map_or_else(
        || "()".to_string(),
        |t| type_text(&tokens(&FieldType::plain(t), scope, &rt)),
    );
    OpView {
        methods: vec![o.method.clone(), o.request_method.clone()],
        stream: o.stream_method.clone(),
        args,
        query: o.query.clone(),
        body: o
            .body
            .as_ref()
            .map(|b| type_text(&arg_tokens(&FieldType::plain(b), scope, &rt))),
        returns,
        const_name: o.const_name.clone(),
        feature: None,
    }
}

/// The variant of `error_codes::ErrorCode` per listed code, named as the generator names them
/// (first listing wins, `Unknown` reserved).
fn error_variants(spec: &Spec) -> BTreeMap<String, String> {
    let mut names = Names::with_reserved(&["Unknown"]);
    let mut out = BTreeMap::new();
    for ec in &spec.error_codes {
        let wire = ec.code.trim();
        if wire.is_empty() || out.contains_key(wire) {
            continue;
        }
        let variant = names.claim(&camel(wire, "E", "Code"), Style::Camel);
        out.insert(wire.to_string(), unraw(&variant).to_string());
    }
    out
}
