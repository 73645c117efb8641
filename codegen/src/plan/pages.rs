//! List operations: which get a page stream, and what the runtime's `Page` reads.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::TypeRef;

use super::{Model, ModelField, Op, PagePlan};
use crate::ident::{snake_join, Names, Style};
use crate::types::FieldType;

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
pub(super) fn plan_pages(
    ops: &mut [Op<'_>],
    models: &[Model<'_>],
    type_names: &BTreeMap<String, String>,
) {
    let mut methods = Names::with_reserved(&["new", "inner"]);
    for op in ops.iter() {
        methods.claim(&op.method, Style::Snake);
        methods.claim(&op.request_method, Style::Snake);
    }
    // The first operation with a response type emits its `Page` impl.
    let mut impls = BTreeSet::new();
    for op in ops.iter_mut() {
        op.stream_method = None;
        let Some(mut page) = page_of(op, models, type_names) else {
            continue;
        };
        if let TypeRef::Named(resp) = &page.response {
            page.emit_impl = impls.insert(resp.clone());
        }
        op.page = Some(page);
        op.stream_method =
            Some(methods.claim(&snake_join("", &op.method, "_stream"), Style::Snake));
    }
}

/// The page plan of a list operation; `None` for other operations.
fn page_of(
    op: &Op<'_>,
    models: &[Model<'_>],
    type_names: &BTreeMap<String, String>,
) -> Option<PagePlan> {
    if op.body.is_some() {
        return None;
    }
    let query = op
        .query
        .as_ref()
        .and_then(|q| models.iter().find(|m| &m.rust == q))?;
    let find = |wire: &str| {
        query
            .fields
            .iter()
            .find(|f| f.field.name == wire && is_int(&f.ty))
    };
    let (offset, limit) = (find("offset")?, find("limit")?);
    let Some(TypeRef::Named(resp)) = &op.response else {
        return None;
    };
    let rust = type_names.get(resp)?;
    let model = models.iter().find(|m| &m.rust == rust)?;
    let arrays: Vec<&ModelField> = model
        .fields
        .iter()
        .filter(|f| matches!(f.ty.tref, TypeRef::Array(_)))
        .collect();
    let [items] = arrays.as_slice() else {
        return None;
    };
    let total = model
        .fields
        .iter()
        .find(|f| is_int(&f.ty) && is_count_name(&f.field.name))?;
    let TypeRef::Array(item) = &items.ty.tref else {
        return None;
    };
    Some(PagePlan {
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
        emit_impl: false,
    })
}
