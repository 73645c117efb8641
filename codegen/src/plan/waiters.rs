//! Waiters (the spec's `waiters`): the `wait_until_<name>` method of each, and how it reaches
//! the resource, its id and its status in the generated models.
//!
//! A waiter is planned only when its read operation is emitted (a client crate built with some
//! operation groups leaves out the waiters of the others). Its method is named
//! `wait_until_<waiter name>`, after every operation method has its name, so a waiter never
//! renames an operation's method.

use std::collections::BTreeMap;

use apiref_spec::{Location, Spec, TypeRef, Waiter};

use super::{Model, ModelField, ModelKind, Op};
use crate::ident::{shouty, snake, Names, Style};
use crate::types::Pass;

/// One field on the way from a value to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The Rust field name.
    pub rust: String,
    /// `Option<T>` (every field of a reply model).
    pub option: bool,
    /// `Box<T>`.
    pub boxed: bool,
    /// Text without an enum: read as `&str` rather than formatted.
    pub text: bool,
}

impl Step {
    /// The step through `field`.
    pub fn of(field: &ModelField<'_>) -> Step {
        Step {
            rust: field.rust.clone(),
            option: field.option,
            boxed: field.boxed,
            text: Pass::of(&field.ty) == Pass::Str,
        }
    }
}

#[derive(Debug)]
pub struct WaiterPlan<'a> {
    pub waiter: &'a Waiter,
    /// Index of the read operation in [`super::Plan::ops`].
    pub op: usize,
    /// `wait_until_<name>`.
    pub method: String,
    /// The constant in `pub mod waiters`.
    pub const_name: String,
    /// The type the waiter returns: the read's reply, or an item of its list.
    pub resource: TypeRef,
    /// From the reply to the array of resources (empty: the reply is the resource).
    pub items: Vec<Step>,
    /// The item field compared with the caller's id, and the argument that takes the id.
    pub id: Option<(Step, String)>,
    /// From the resource to its status.
    pub status: Vec<Step>,
    /// Items per page when the list is read with the operation's page stream.
    pub page_size: Option<u32>,
    /// Method names of the emitted operations whose reply carries the id.
    pub started_by: Vec<String>,
}

/// The waiters whose read operation is among `ops`, in spec order.
pub(super) fn plan_waiters<'a>(
    spec: &'a Spec,
    ops: &[Op<'a>],
    models: &[Model<'a>],
    type_names: &BTreeMap<String, String>,
) -> Vec<WaiterPlan<'a>> {
    let mut methods = Names::with_reserved(&["new", "inner", "from_config"]);
    for o in ops {
        methods.claim(&o.method, Style::Snake);
        methods.claim(&o.request_method, Style::Snake);
        if let Some(s) = &o.stream_method {
            methods.claim(s, Style::Snake);
        }
    }
    let mut consts = Names::with_reserved(&["ALL"]);
    let models = Models { models, type_names };
    let mut out = Vec::new();
    for w in &spec.waiters {
        let Some(op) = ops.iter().position(|o| o.op.name == w.operation) else {
            continue;
        };
        let Some(TypeRef::Named(reply)) = &ops[op].response else {
            continue;
        };
        let Some(planned) = resolve(w, reply, &models) else {
            continue;
        };
        let (resource, items, status, id_step) = planned;
        if items.is_empty() != id_step.is_none() {
            continue;
        }
        let id = id_step.map(|step| {
            let mut args = Names::with_reserved(&["self", "policy"]);
            for a in &ops[op].args {
                args.claim(&a.rust, Style::Snake);
            }
            let wire = w.id.as_deref().unwrap_or("id");
            (step, args.claim(&snake(wire, "id"), Style::Snake))
        });
        let page_size = (!items.is_empty())
            .then(|| ops[op].page.as_ref().map(|_| page_size(ops[op].op)))
            .flatten();
        let started_by = w
            .started_by
            .iter()
            .filter_map(|name| ops.iter().find(|o| &o.op.name == name))
            .map(|o| o.method.clone())
            .collect();
        out.push(WaiterPlan {
            waiter: w,
            op,
            method: methods.claim(
                &snake(&format!("wait_until_{}", w.name), "wait_until"),
                Style::Snake,
            ),
            const_name: consts.claim(&shouty(&w.name, "WAITER"), Style::Snake),
            resource,
            items,
            id,
            status,
            page_size,
            started_by,
        });
    }
    out
}

type Resolved = (TypeRef, Vec<Step>, Vec<Step>, Option<Step>);

/// The models by schema name.
struct Models<'m, 'a> {
    models: &'m [Model<'a>],
    type_names: &'m BTreeMap<String, String>,
}

impl Models<'_, '_> {
    fn of(&self, schema: &str) -> Option<&Model<'_>> {
        let rust = self.type_names.get(schema)?;
        self.models
            .iter()
            .find(|m| &m.rust == rust && matches!(m.kind, ModelKind::Schema { .. }))
    }
}

/// The resource type and the steps to the items, the status and the id, through the models.
fn resolve(w: &Waiter, reply: &str, model_of: &Models<'_, '_>) -> Option<Resolved> {
    let (items, resource) = if w.items.is_empty() {
        (Vec::new(), reply.to_string())
    } else {
        let (steps, last) = walk(reply, &w.items, model_of)?;
        match last {
            TypeRef::Array(t) => match *t {
                TypeRef::Named(n) => (steps, n),
                _ => return None,
            },
            _ => return None,
        }
    };
    let (status, _) = walk(&resource, &w.status, model_of)?;
    let id = match &w.id {
        Some(id) => Some(
            walk(&resource, std::slice::from_ref(id), model_of)?
                .0
                .pop()?,
        ),
        None => None,
    };
    Some((TypeRef::Named(resource), items, status, id))
}

/// The steps along `path` from the model of `schema`, and the type at its end.
fn walk(schema: &str, path: &[String], models: &Models<'_, '_>) -> Option<(Vec<Step>, TypeRef)> {
    let mut steps = Vec::new();
    let mut at = TypeRef::Named(schema.to_string());
    for name in path {
        let TypeRef::Named(schema) = &at else {
            return None;
        };
        let field = models
            .of(schema)?
            .fields
            .iter()
            .find(|f| &f.field.name == name)?;
        steps.push(Step::of(field));
        at = field.ty.tref.clone();
    }
    Some((steps, at))
}

/// Items per page of a list read: the documented maximum of its `limit` (up to 1000), else its
/// default, else 10 (the most common default of these references).
fn page_size(op: &apiref_spec::Operation) -> u32 {
    let limit = op
        .params
        .iter()
        .find(|p| p.location == Some(Location::Query) && p.name == "limit");
    let Some(limit) = limit else {
        return 10;
    };
    let max = limit
        .maximum
        .filter(|m| *m >= 1.0 && *m <= 1000.0)
        .map(|m| m as u32);
    let default = limit
        .default
        .as_deref()
        .and_then(|d| d.trim().parse::<u32>().ok())
        .filter(|d| (1..=1000).contains(d));
    max.or(default).unwrap_or(10)
}
