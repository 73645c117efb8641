//! List operations: which get a page stream, and what the runtime's `Page` reads.
//!
//! Two kinds of list, told apart by their query parameters:
//!
//! - **Offset** lists: integer `offset` and `limit`, and a reply with one array and an integer
//!   count (`count`, `total*`, `*_count`, `*_num`).
//! - **Marker** lists: a text `marker` and a `limit` (an integer, or a number the document
//!   types as text), and a reply with one array of named models (an array of links, items with
//!   `href` and `rel` like `servers_links`, is not the list). The next page's marker is read
//!   from the reply when it has a field whose name contains `marker` (top level, or one level
//!   down like `page_info.next_marker`; several: the one with `next`); else from the page's last
//!   item: the one item field whose name the marker parameter's description mentions
//!   (`The value is request_id`), else its `id`. No marker field, no stream.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use apiref_spec::TypeRef;

use super::waiters::Step;
use super::{MarkerFrom, Model, ModelField, Op, PageBy, PagePlan};
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

fn is_text(t: &FieldType) -> bool {
    t.enum_name.is_none() && matches!(t.tref, TypeRef::String)
}

/// Finds list operations (see the module docs) and names their stream methods.
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
    // Per response type, the marker its `Page` impl reads (if any). The first operation with
    // the type emits the impl; one that would need the impl to read another marker gets no
    // stream.
    let mut impls: BTreeMap<String, Option<MarkerFrom>> = BTreeMap::new();
    for op in ops.iter_mut() {
        op.stream_method = None;
        let Some(mut page) = page_of(op, models, type_names) else {
            continue;
        };
        if let TypeRef::Named(resp) = &page.response {
            let from = match &page.by {
                PageBy::Offset { .. } => None,
                PageBy::Marker { from, .. } => Some(from.clone()),
            };
            match impls.entry(resp.clone()) {
                Entry::Vacant(e) => {
                    e.insert(from);
                    page.emit_impl = true;
                }
                Entry::Occupied(mut e) => {
                    if let Some(from) = from {
                        match e.get() {
                            Some(read) if *read != from => continue,
                            Some(_) => {}
                            None => {
                                e.insert(Some(from));
                            }
                        }
                    }
                }
            }
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
    let Some(TypeRef::Named(resp)) = &op.response else {
        return None;
    };
    let model = model_of(resp, models, type_names)?;
    let find = |wire: &str| query.fields.iter().find(|f| f.field.name == wire);
    let offset = find("offset").filter(|f| is_int(&f.ty));
    let limit = find("limit");
    if let (Some(offset), Some(limit)) = (offset, limit.filter(|f| is_int(&f.ty))) {
        if let Some(page) = offset_page(resp, model, offset, limit) {
            return Some(page);
        }
    }
    let marker = find("marker").filter(|f| is_text(&f.ty))?;
    let limit = limit.filter(|f| is_int(&f.ty) || is_text(&f.ty))?;
    marker_page(resp, model, marker, limit, models, type_names)
}

fn model_of<'m, 'a>(
    schema: &str,
    models: &'m [Model<'a>],
    type_names: &BTreeMap<String, String>,
) -> Option<&'m Model<'a>> {
    let rust = type_names.get(schema)?;
    models.iter().find(|m| &m.rust == rust)
}

/// An offset list: its reply has exactly one array, and a count.
fn offset_page(
    resp: &str,
    model: &Model<'_>,
    offset: &ModelField<'_>,
    limit: &ModelField<'_>,
) -> Option<PagePlan> {
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
        response: TypeRef::Named(resp.to_string()),
        items_field: items.rust.clone(),
        items_option: items.option,
        item: FieldType {
            tref: (**item).clone(),
            enum_name: items.ty.enum_name.clone(),
        },
        total: Some((total.rust.clone(), total.option)),
        limit_field: limit.rust.clone(),
        limit_option: limit.option,
        limit_text: false,
        by: PageBy::Offset {
            field: offset.rust.clone(),
            option: offset.option,
        },
        emit_impl: false,
    })
}

/// A marker list: its reply has exactly one array of named models (links aside), and a marker
/// in the reply or in its items.
fn marker_page(
    resp: &str,
    model: &Model<'_>,
    marker: &ModelField<'_>,
    limit: &ModelField<'_>,
    models: &[Model<'_>],
    type_names: &BTreeMap<String, String>,
) -> Option<PagePlan> {
    let arrays: Vec<(&ModelField, &str, &Model)> = model
        .fields
        .iter()
        .filter_map(|f| match &f.ty.tref {
            TypeRef::Array(item) => match &**item {
                TypeRef::Named(n) => Some((f, n.as_str(), model_of(n, models, type_names)?)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let lists: Vec<_> = arrays
        .iter()
        .filter(|(_, _, m)| arrays.len() == 1 || !is_link(m))
        .collect();
    let [(items, item, item_model)] = lists.as_slice() else {
        return None;
    };
    let (from, wire) = match reply_marker(model, models, type_names) {
        Some(found) => found,
        None => {
            let (step, wire) = item_marker(item_model, &marker.field.description)?;
            (MarkerFrom::LastItem(step), wire)
        }
    };
    Some(PagePlan {
        response: TypeRef::Named(resp.to_string()),
        items_field: items.rust.clone(),
        items_option: items.option,
        item: FieldType::plain(&TypeRef::Named(item.to_string())),
        total: None,
        limit_field: limit.rust.clone(),
        limit_option: limit.option,
        limit_text: is_text(&limit.ty),
        by: PageBy::Marker {
            field: marker.rust.clone(),
            option: marker.option,
            from,
            wire,
        },
        emit_impl: false,
    })
}

/// A link object (`{"rel": "next", "href": …}`): an array of them points at pages, it is not
/// the list.
fn is_link(model: &Model<'_>) -> bool {
    let has = |wire: &str| model.fields.iter().any(|f| f.field.name == wire);
    has("href") && has("rel")
}

/// A scalar a marker can be written from: text or an integer, without an enum.
fn is_marker_type(f: &ModelField<'_>) -> bool {
    is_text(&f.ty) || is_int(&f.ty)
}

/// The reply field naming the next marker: a field whose name contains `marker`, at the top
/// of the reply or in a model one level down; among several, the one whose name also has
/// `next`. With its wire path (`page_info.next_marker`).
fn reply_marker(
    model: &Model<'_>,
    models: &[Model<'_>],
    type_names: &BTreeMap<String, String>,
) -> Option<(MarkerFrom, String)> {
    let named = |f: &ModelField<'_>| {
        is_marker_type(f) && f.field.name.to_ascii_lowercase().contains("marker")
    };
    let mut found: Vec<(Vec<Step>, String)> = Vec::new();
    for f in &model.fields {
        if named(f) {
            found.push((vec![Step::of(f)], f.field.name.clone()));
        }
        let TypeRef::Named(n) = &f.ty.tref else {
            continue;
        };
        let Some(inner) = model_of(n, models, type_names) else {
            continue;
        };
        for g in inner.fields.iter().filter(|g| named(g)) {
            found.push((
                vec![Step::of(f), Step::of(g)],
                format!("{}.{}", f.field.name, g.field.name),
            ));
        }
    }
    if found.len() > 1 {
        found.retain(|(_, wire)| {
            let last = wire.rsplit('.').next().unwrap_or(wire);
            last.to_ascii_lowercase().contains("next")
        });
    }
    let [(steps, wire)] = <[_; 1]>::try_from(found).ok()?;
    Some((MarkerFrom::Reply(steps), wire))
}

/// The item field a page's last item gives as the next marker: the one the marker parameter's
/// `description` names (as a whole word), else `id`. `None` when the description names several,
/// or none and the item has no `id`.
fn item_marker(item: &Model<'_>, description: &str) -> Option<(Step, String)> {
    let scalars = || item.fields.iter().filter(|f| is_marker_type(f));
    let named: Vec<&ModelField> = scalars()
        .filter(|f| mentions(description, &f.field.name))
        .collect();
    let field = match named.as_slice() {
        [one] => *one,
        [] => scalars().find(|f| f.field.name == "id")?,
        _ => return None,
    };
    Some((Step::of(field), field.field.name.clone()))
}

/// `word` occurs in `text` as a whole word: not inside a longer name (`server_id` does not
/// mention `id`).
fn mentions(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let name_char = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(name_char) && !after.is_some_and(name_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use apiref_spec::Spec;

    /// The page plans of `spec`: `(operation, stream method, items field, how)` per list
    /// operation, where `how` is `offset`, `reply:<wire path>` or `item:<wire name>`.
    fn pages(spec: &str) -> Vec<(String, String, String, String)> {
        let spec = Spec::from_yaml("test", spec).expect("spec");
        let plan = crate::plan::build(&spec, None);
        plan.ops
            .iter()
            .filter_map(|o| {
                let page = o.page.as_ref()?;
                let by = match &page.by {
                    PageBy::Offset { .. } => "offset".to_string(),
                    PageBy::Marker {
                        from: MarkerFrom::Reply(_),
                        wire,
                        ..
                    } => format!("reply:{wire}"),
                    PageBy::Marker {
                        from: MarkerFrom::LastItem(_),
                        wire,
                        ..
                    } => format!("item:{wire}"),
                };
                Some((
                    o.op.name.clone(),
                    o.stream_method.clone().unwrap_or_default(),
                    page.items_field.clone(),
                    by,
                ))
            })
            .collect()
    }

    fn row(op: &str, stream: &str, items: &str, by: &str) -> (String, String, String, String) {
        (op.into(), stream.into(), items.into(), by.into())
    }

    /// A spec with one `GET` list operation: its query parameters (`name: type` lines), the
    /// description of `marker`, and the reply's schemas.
    fn list_spec(params: &[(&str, &str)], marker_doc: &str, schemas: &str) -> String {
        let mut out = String::from(
            "service:\n  name: t\n  title: T\n  sources: []\noperations:\n- name: ListThings\n  title: List things\n  group: Things\n  version: v1\n  method: GET\n  path: /v1/things\n  description: Lists.\n  params:\n",
        );
        for (name, ty) in params {
            let doc = if *name == "marker" {
                marker_doc
            } else {
                "A parameter."
            };
            out.push_str(&format!(
                "  - name: {name}\n    in: query\n    type: {ty}\n    required: false\n    description: '{doc}'\n    source: t.txt:1\n"
            ));
        }
        out.push_str(
            "  responses:\n  - status: 200\n    description: OK.\n    body: ListThingsResponse\n  source: t.txt:1\nschemas:\n",
        );
        out.push_str(schemas);
        out
    }

    /// `Name: [field: type, …]` schemas.
    fn schemas(defs: &[(&str, &[(&str, &str)])]) -> String {
        let mut out = String::new();
        for (name, fields) in defs {
            out.push_str(&format!("  {name}:\n    source: t.txt:2\n    fields:\n"));
            for (f, ty) in *fields {
                out.push_str(&format!(
                    "    - name: {f}\n      type: {ty}\n      required: false\n      description: A field.\n      source: t.txt:2\n"
                ));
            }
        }
        out
    }

    const MARKER_LIMIT: &[(&str, &str)] = &[("limit", "integer"), ("marker", "string")];

    #[test]
    fn the_last_items_id_is_the_marker_by_default() {
        let spec = list_spec(
            MARKER_LIMIT,
            "The ID of the last thing on the previous page.",
            &schemas(&[
                ("ListThingsResponse", &[("things", "array<Thing>")]),
                ("Thing", &[("id", "string"), ("name", "string")]),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row("ListThings", "list_things_stream", "things", "item:id")]
        );
    }

    #[test]
    fn the_item_field_the_marker_description_names_is_the_marker() {
        // Named differently: `request_id`, not `id` (which the item has too).
        let spec = list_spec(
            MARKER_LIMIT,
            "Points to the operation. The value is request_id.",
            &schemas(&[
                ("ListThingsResponse", &[("actions", "array<Action>")]),
                (
                    "Action",
                    &[
                        ("id", "string"),
                        ("request_id", "string"),
                        ("action", "string"),
                    ],
                ),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row(
                "ListThings",
                "list_things_stream",
                "actions",
                "item:request_id"
            )]
        );
    }

    #[test]
    fn a_marker_the_reply_names_wins_over_the_items() {
        let spec = list_spec(
            MARKER_LIMIT,
            "The query starts after the thing this marker names.",
            &schemas(&[
                (
                    "ListThingsResponse",
                    &[("things", "array<Thing>"), ("page_info", "PageInfo")],
                ),
                ("PageInfo", &[("next_marker", "string")]),
                ("Thing", &[("id", "string")]),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row(
                "ListThings",
                "list_things_stream",
                "things",
                "reply:page_info.next_marker"
            )]
        );
        // At the top of the reply, named otherwise; an echo of the request's marker beside it.
        let spec = list_spec(
            MARKER_LIMIT,
            "Where the list starts.",
            &schemas(&[
                (
                    "ListThingsResponse",
                    &[
                        ("Marker", "string"),
                        ("NextMarker", "string"),
                        ("Contents", "array<Thing>"),
                    ],
                ),
                ("Thing", &[("Key", "string")]),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row(
                "ListThings",
                "list_things_stream",
                "contents",
                "reply:NextMarker"
            )]
        );
    }

    #[test]
    fn a_text_limit_and_an_array_of_links_beside_the_list() {
        let spec = list_spec(
            &[("limit", "string"), ("marker", "string")],
            "The ID of the last server.",
            &schemas(&[
                (
                    "ListThingsResponse",
                    &[
                        ("servers", "array<Server>"),
                        ("servers_links", "array<Link>"),
                    ],
                ),
                ("Server", &[("id", "string"), ("name", "string")]),
                ("Link", &[("rel", "string"), ("href", "string")]),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row(
                "ListThings",
                "list_things_stream",
                "servers",
                "item:id"
            )]
        );
    }

    #[test]
    fn no_marker_field_or_an_ambiguous_one_gives_no_stream() {
        // No `id`, and the description names no field of the item.
        let no_id = list_spec(
            MARKER_LIMIT,
            "The last one seen.",
            &schemas(&[
                ("ListThingsResponse", &[("things", "array<Thing>")]),
                ("Thing", &[("uuid", "string"), ("name", "string")]),
            ]),
        );
        assert!(pages(&no_id).is_empty());
        // The description names two item fields: no guess.
        let two = list_spec(
            MARKER_LIMIT,
            "Either the uuid or the name of the last thing.",
            &schemas(&[
                ("ListThingsResponse", &[("things", "array<Thing>")]),
                (
                    "Thing",
                    &[("id", "string"), ("uuid", "string"), ("name", "string")],
                ),
            ]),
        );
        assert!(pages(&two).is_empty());
        // Two lists in the reply.
        let two_lists = list_spec(
            MARKER_LIMIT,
            "The ID of the last thing.",
            &schemas(&[
                (
                    "ListThingsResponse",
                    &[("things", "array<Thing>"), ("others", "array<Thing>")],
                ),
                ("Thing", &[("id", "string")]),
            ]),
        );
        assert!(pages(&two_lists).is_empty());
    }

    #[test]
    fn marker_lists_need_a_text_marker_and_a_limit() {
        let reply = schemas(&[
            ("ListThingsResponse", &[("things", "array<Thing>")]),
            ("Thing", &[("id", "string")]),
        ]);
        let doc = "The ID of the last thing.";
        for params in [
            &[("marker", "string")][..],
            &[("limit", "integer"), ("marker", "integer")][..],
            &[("limit", "boolean"), ("marker", "string")][..],
            &[("limit", "integer"), ("cursor", "string")][..],
        ] {
            assert!(
                pages(&list_spec(params, doc, &reply)).is_empty(),
                "{params:?}"
            );
        }
        // An array of plain values is no list of named models.
        let ids = schemas(&[("ListThingsResponse", &[("ids", "array<string>")])]);
        assert!(pages(&list_spec(MARKER_LIMIT, doc, &ids)).is_empty());
    }

    #[test]
    fn an_offset_list_stays_an_offset_list() {
        let spec = list_spec(
            &[
                ("offset", "integer"),
                ("limit", "integer"),
                ("marker", "string"),
            ],
            "The ID of the last thing.",
            &schemas(&[
                (
                    "ListThingsResponse",
                    &[("things", "array<Thing>"), ("total_count", "integer")],
                ),
                ("Thing", &[("id", "string")]),
            ]),
        );
        assert_eq!(
            pages(&spec),
            [row("ListThings", "list_things_stream", "things", "offset")]
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(mentions("The value is request_id.", "request_id"));
        assert!(!mentions("The value is request_id.", "id"));
        assert!(mentions("id", "id"));
        assert!(!mentions("an identifier", "id"));
        assert!(!mentions("anything", ""));
    }
}
