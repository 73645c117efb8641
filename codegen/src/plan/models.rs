//! Model structs: their names, which are response models, their fields.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::{Field, Location, Operation, Spec, TypeRef};

use super::enums::SiteKey;
use super::graph::{directly_reaches, on_cycle, reachable, type_is_float_free};
use super::{Model, ModelField, ModelKind};
use crate::ident::{camel, snake, unraw, Names, Style};
use crate::sensitive::is_sensitive;
use crate::types::FieldType;

/// Rust names of the schemas (sorted by schema name): schema name → type name.
pub(super) fn name_schemas(schemas: &[&str], types: &mut Names) -> BTreeMap<String, String> {
    schemas
        .iter()
        .map(|name| {
            let rust = types.claim(&camel(name, "T", "Schema"), Style::Camel);
            (name.to_string(), rust)
        })
        .collect()
}

/// Rust names of the query structs (document order): operation name → `<Op>Query`.
pub(super) fn name_queries<'a>(
    ops: &[&'a Operation],
    types: &mut Names,
) -> BTreeMap<&'a str, String> {
    let mut names = BTreeMap::new();
    for op in ops {
        if op
            .params
            .iter()
            .any(|p| p.location == Some(Location::Query))
        {
            let rust = types.claim(
                &format!("{}Query", unraw(&camel(&op.name, "Op", "Operation"))),
                Style::Camel,
            );
            names.insert(op.name.as_str(), rust);
        }
    }
    names
}

/// A model per schema. Schemas reachable from a response are tolerant; those only in responses
/// get no setters.
pub(super) fn schema_models<'a>(
    spec: &'a Spec,
    ops: &[&'a Operation],
    schemas: &[&'a str],
    type_names: &BTreeMap<String, String>,
    enum_of: &BTreeMap<SiteKey, String>,
    eq_free: &BTreeSet<String>,
) -> Vec<Model<'a>> {
    let responses = reachable(
        spec,
        ops.iter()
            .flat_map(|op| op.responses.iter().filter_map(|r| r.body.as_deref())),
    );
    let requests = reachable(spec, ops.iter().filter_map(|op| op.body.as_deref()));
    let mut models = Vec::new();
    for name in schemas {
        let Some(schema) = spec.schemas.get(*name) else {
            continue;
        };
        let tolerant = responses.contains(*name);
        let fields: Vec<&Field> = schema.fields.iter().collect();
        models.push(Model {
            rust: type_names.get(*name).cloned().unwrap_or_default(),
            kind: ModelKind::Schema {
                name,
                description: schema.description.as_deref(),
                source: &schema.source,
            },
            fields: plan_fields(
                spec,
                &fields,
                &format!("schema:{name}"),
                enum_of,
                tolerant,
                Some(name),
            ),
            tolerant,
            response_only: tolerant && !requests.contains(*name),
            request: requests.contains(*name),
            eq: eq_free.contains(*name),
            builder: None,
        });
    }
    models
}

/// A model per operation with query parameters, holding just those.
pub(super) fn query_models<'a>(
    spec: &'a Spec,
    ops: &[&'a Operation],
    query_names: &BTreeMap<&str, String>,
    enum_of: &BTreeMap<SiteKey, String>,
    eq_free: &BTreeSet<String>,
) -> Vec<Model<'a>> {
    let mut models = Vec::new();
    for op in ops {
        let Some(rust) = query_names.get(op.name.as_str()) else {
            continue;
        };
        let params: Vec<&Field> = op.params.iter().collect();
        let mut fields = plan_fields(
            spec,
            &params,
            &format!("op:{}", op.name),
            enum_of,
            false,
            None,
        );
        // Query structs hold only the query parameters (the indices above count all of them).
        fields.retain(|f| f.field.location == Some(Location::Query));
        let eq = fields
            .iter()
            .all(|f| type_is_float_free(&f.ty.tref, eq_free));
        models.push(Model {
            rust: rust.clone(),
            kind: ModelKind::Query(op),
            fields,
            tolerant: false,
            response_only: false,
            request: true,
            eq,
            builder: None,
        });
    }
    models
}

/// The fields of a schema (`schema` is its name) or of an operation's parameters (`None`);
/// `key` finds their enums.
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

/// Names the builders of the request models (`<Model>Builder`), after every other type.
pub(super) fn name_builders(models: &mut [Model<'_>], types: &mut Names) {
    for m in models.iter_mut().filter(|m| !m.response_only) {
        m.builder = Some(types.claim(&format!("{}Builder", unraw(&m.rust)), Style::Camel));
    }
}

/// Names every model, builder and enum of `mod models` declares.
pub(super) fn declared<'p>(
    models: &'p [Model<'_>],
    enums: &'p [super::EnumDef],
) -> BTreeSet<&'p str> {
    models
        .iter()
        .map(|m| unraw(&m.rust))
        .chain(
            models
                .iter()
                .filter_map(|m| m.builder.as_deref())
                .map(unraw),
        )
        .chain(enums.iter().map(|e| unraw(&e.rust)))
        .collect()
}
