//! Per operation, an example call built from the document's own example request: the query and
//! the body written with the generated API (builders, enum variants, lists, maps, nested models)
//! and the call of the method. The same code is shown in the method's doc and compiled (and run
//! against a local server) by one test binary (see [`crate::examples_source`]).
//!
//! A value of the example that does not fit the typed API is never dropped silently: it is
//! converted (a number where the field takes text) or left out, with the reason, in [`Note`]s
//! that the doc lists under the code and `reports/docs.txt` counts.

use std::collections::{BTreeMap, BTreeSet};

use apiref_spec::url::{decode_escapes, split_url};
use apiref_spec::{ExampleKind, Location, TypeRef, ARRAY_ITEMS_FIELD};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::ident::{ident, snake_join, unraw};
use crate::plan::{Arg, Model, ModelField, ModelKind, Op, Plan};
use crate::types::{FieldType, Pass};

/// What happened to one value of the document's example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where in the request: `body.rename_commands.keys`, `query.limit`, `path.instance_id`.
    pub at: String,
    pub kind: NoteKind,
    /// Why, as Markdown: plain words and code spans (values, names).
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// Sent in the field's type (`0` as `"0"`).
    Converted,
    /// Not in the code: the typed API has no place for it.
    Skipped,
    /// The example lacks what the call needs (a required field, a path value): the code uses
    /// a placeholder, or `build()` names the field.
    Missing,
    /// The document's own placeholder (`{instance_id}`): kept as text in a path, left out of a
    /// query. Counted, not shown in the doc.
    Placeholder,
}

impl NoteKind {
    pub fn word(self) -> &'static str {
        match self {
            NoteKind::Converted => "converted",
            NoteKind::Skipped => "left out",
            NoteKind::Missing => "missing",
            NoteKind::Placeholder => "placeholder",
        }
    }
}

/// One operation's example.
#[derive(Debug, Clone)]
pub struct Example {
    /// `file:line` of the document's example request.
    pub source: String,
    /// Model and enum names the code uses (imported from `models`).
    pub imports: BTreeSet<String>,
    /// Whether the code uses `BTreeMap`, `serde_json` (`json!`), `models::Name`.
    pub uses_map: bool,
    pub uses_json: bool,
    pub uses_models: bool,
    /// The statements, up to and including the call.
    pub statements: TokenStream,
    pub notes: Vec<Note>,
    /// What the request must carry, for the test that runs the code.
    pub expected: Expected,
    /// The operation is deprecated (calling it warns).
    pub deprecated: bool,
}

/// The request the example sends, as the document shows it after the notes' conversions.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    pub method: String,
    /// The path template.
    pub path: String,
    /// Values of the template's placeholders (not `project_id`).
    pub path_values: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    /// The body as JSON text.
    pub body: Option<String>,
    /// Required fields the example leaves unset: `build()` fails naming the first.
    pub build_fails: bool,
}

/// Why an operation has no example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoExample {
    /// The document shows no example request.
    NoneInDocument,
    /// It shows one the generated API cannot express, and why.
    Unusable(String),
}

/// Query pairs, in order.
type Pairs = Vec<(String, String)>;

/// The example of `o` from the first example request of the document (the first with a body,
/// when the operation takes one).
pub fn example(plan: &Plan<'_>, o: &Op<'_>) -> Result<Example, NoExample> {
    let ex = chosen_request(o).ok_or(NoExample::NoneInDocument)?;
    let mut b = Writer {
        plan,
        imports: BTreeSet::new(),
        notes: Vec::new(),
        uses_map: false,
        uses_json: false,
        uses_models: false,
        build_fails: false,
    };
    let line = ex.url.as_deref().unwrap_or_default();
    let (path, query) = split_url(request_url(line)).unwrap_or_default();
    let mut statements = TokenStream::new();
    let mut call_args = Vec::new();
    let mut expected = Expected {
        method: o.op.method.clone(),
        path: o.op.path.clone(),
        ..Expected::default()
    };
    let values = path_values(&o.op.path, path);
    for a in &o.args {
        let (arg, value) = b.arg(a, &values);
        call_args.push(arg);
        if let Some(v) = value {
            expected.path_values.push((a.wire.clone(), v));
        }
    }
    if let Some((expr, sent)) = query_of(&mut b, o, &query)? {
        expected.query = sent;
        statements.extend(quote!(let query = #expr;));
        call_args.push(quote!(&query));
    }
    if let Some((expr, sent)) = body_of(&mut b, o, ex)? {
        expected.body = Some(sent);
        statements.extend(quote!(let body = #expr;));
        call_args.push(quote!(&body));
    }
    let method = ident(&o.method);
    let call = quote!(client.#method(#(#call_args),*).await?);
    statements.extend(match &o.response {
        Some(_) => quote! {
            let reply = #call;
            println!("{reply:?}");
        },
        None => quote!(#call;),
    });
    expected.build_fails = b.build_fails;
    Ok(Example {
        source: ex.source.clone(),
        imports: b.imports,
        uses_map: b.uses_map,
        uses_json: b.uses_json,
        uses_models: b.uses_models,
        statements,
        notes: b.notes,
        expected,
        deprecated: o.op.deprecated,
    })
}

/// The document's first example request; for an operation with a body, the first that has one.
fn chosen_request<'a>(o: &Op<'a>) -> Option<&'a apiref_spec::Example> {
    let mut requests =
        o.op.examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Request);
    let first = requests.clone().next();
    if o.body.is_none() {
        return first;
    }
    requests
        .find(|e| e.json.as_deref().is_some_and(|j| !j.trim().is_empty()))
        .or(first)
}

/// The query model's value built from the example's query pairs, and the pairs it sends; `None`
/// when the operation takes no query (its example's pairs are noted as left out).
fn query_of(
    b: &mut Writer<'_, '_>,
    o: &Op<'_>,
    query: &[(String, String)],
) -> Result<Option<(TokenStream, Pairs)>, NoExample> {
    let Some(q) = &o.query else {
        for (k, v) in query {
            b.note(
                format!("query.{k}"),
                NoteKind::Skipped,
                format!(
                    "{}: the operation has no query parameters",
                    shown(&Value::String(v.clone()))
                ),
            );
        }
        return Ok(None);
    };
    let model = b
        .plan
        .models
        .iter()
        .find(|m| matches!(m.kind, ModelKind::Query(op) if op.name == o.op.name))
        .ok_or_else(|| NoExample::Unusable(format!("no query model `{q}`")))?;
    Ok(Some(b.query(model, query)))
}

/// The body model's value built from the example's JSON, and the JSON it sends; `None` when
/// the operation takes no body (an example body is then noted as left out).
fn body_of(
    b: &mut Writer<'_, '_>,
    o: &Op<'_>,
    ex: &apiref_spec::Example,
) -> Result<Option<(TokenStream, String)>, NoExample> {
    let json = ex.json.as_deref().map(str::trim).filter(|j| !j.is_empty());
    let Some(body) = &o.body else {
        if json.is_some() {
            b.note(
                "body".into(),
                NoteKind::Skipped,
                "the operation takes no body".into(),
            );
        }
        return Ok(None);
    };
    let value = match json {
        Some(text) => serde_json::from_str::<Value>(text)
            .map_err(|e| NoExample::Unusable(format!("the example body is not JSON ({e})")))?,
        None => {
            b.note(
                "body".into(),
                NoteKind::Missing,
                "the document's example has no body".into(),
            );
            Value::Object(Default::default())
        }
    };
    let TypeRef::Named(schema) = body else {
        return Err(NoExample::Unusable(format!(
            "the body is `{body}`, not a model"
        )));
    };
    let model = b
        .schema_model(schema)
        .ok_or_else(|| NoExample::Unusable(format!("no model for the body schema `{schema}`")))?;
    let (expr, sent) = b
        .model(model, &value, "body")
        .map_err(NoExample::Unusable)?;
    Ok(Some((expr, sent.to_string())))
}

/// The URL of a request line (`POST https://{endpoint}/v2/{project_id}/instances?limit=10`): the
/// word after the method, or the first word when the line has no method. A line that runs on
/// (two request lines) ends at the URL, so the example is the first request's.
fn request_url(line: &str) -> &str {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default();
    if first.contains('/') {
        first
    } else {
        words.next().unwrap_or_default()
    }
}

/// The value of each `{placeholder}` of `template` in `path`, segment by segment (the example's
/// own `{placeholder}` where it keeps one); none when the shapes differ.
fn path_values(template: &str, path: &str) -> BTreeMap<String, String> {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut out = BTreeMap::new();
    if t.len() != p.len() {
        return out;
    }
    for (ts, ps) in t.iter().zip(&p) {
        if let Some(name) = ts.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            let value = decode_escapes(ps);
            if !value.is_empty() {
                out.insert(name.to_string(), value);
            }
        }
    }
    out
}

/// Writes the code of one example.
struct Writer<'p, 'a> {
    plan: &'p Plan<'a>,
    imports: BTreeSet<String>,
    notes: Vec<Note>,
    uses_map: bool,
    uses_json: bool,
    uses_models: bool,
    build_fails: bool,
}

/// Names the example code uses for something else than a model: a model of that name is written
/// `models::Name`.
const TAKEN_NAMES: [&str; 16] = [
    "Vec",
    "String",
    "BTreeMap",
    "Some",
    "None",
    "Ok",
    "Err",
    "Option",
    "Result",
    "Box",
    "Into",
    "From",
    "ToOwned",
    "Default",
    "serde_json",
    "models",
];

/// An integer as a literal of its type: unsuffixed where an `i32` holds it (the setters take
/// `impl Into<i64>`), `_i64` beyond.
fn int_lit(n: i64) -> TokenStream {
    if i32::try_from(n).is_ok() {
        let lit = Literal::i64_unsuffixed(n.abs());
        if n < 0 {
            quote!(-#lit)
        } else {
            quote!(#lit)
        }
    } else {
        let lit = Literal::i64_suffixed(n.abs());
        if n < 0 {
            quote!(-#lit)
        } else {
            quote!(#lit)
        }
    }
}

fn f64_lit(x: f64) -> TokenStream {
    let lit = Literal::f64_unsuffixed(x.abs());
    if x < 0.0 {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}

/// A JSON value as the document writes it, short, as a code span (notes are Markdown: code
/// spans and plain words).
fn shown(v: &Value) -> String {
    let text = v.to_string().replace('`', "'");
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("`{cut}…`")
    } else {
        format!("`{text}`")
    }
}

impl<'p, 'a> Writer<'p, 'a> {
    fn note(&mut self, at: String, kind: NoteKind, reason: String) {
        self.notes.push(Note { at, kind, reason });
    }

    fn schema_model(&self, schema: &str) -> Option<&'p Model<'a>> {
        let plan: &'p Plan<'a> = self.plan;
        plan.models
            .iter()
            .find(|m| matches!(m.kind, ModelKind::Schema { name, .. } if name == schema))
    }

    /// A type name from `models`: imported, unless the name is one the code uses otherwise
    /// (`Vec`, `String`, …), then written `models::Name`.
    fn import(&mut self, rust: &str) -> TokenStream {
        let id = ident(rust);
        if TAKEN_NAMES.contains(&unraw(rust)) {
            self.uses_models = true;
            return quote!(models::#id);
        }
        self.imports.insert(unraw(rust).to_string());
        quote!(#id)
    }

    /// A path or header argument: the example's value, or a placeholder (noted).
    fn arg(
        &mut self,
        a: &Arg<'_>,
        values: &BTreeMap<String, String>,
    ) -> (TokenStream, Option<String>) {
        let at = match a.location {
            Location::Header => format!("header.{}", a.wire),
            _ => format!("path.{}", a.wire),
        };
        if a.location == Location::Header && !a.required {
            return (quote!(None), None);
        }
        let value = match values.get(&a.wire) {
            Some(v) if is_placeholder(v) => {
                self.note(
                    at.clone(),
                    NoteKind::Placeholder,
                    format!("the document's {}", shown(&Value::String(v.clone()))),
                );
                v.clone()
            }
            Some(v) => v.clone(),
            None => {
                self.note(
                    at.clone(),
                    NoteKind::Placeholder,
                    "the example's request line shows no value: the placeholder stands in".into(),
                );
                format!("{{{}}}", a.wire)
            }
        };
        let expr = match self.scalar(&a.ty, &Value::String(value.clone()), &at, true) {
            Ok(e) => e,
            Err(reason) => {
                self.note(
                    at,
                    NoteKind::Missing,
                    format!("{reason}: a placeholder stands in"),
                );
                self.placeholder(&a.ty)
            }
        };
        let arg = match (Pass::of(&a.ty), a.required) {
            (Pass::Ref, true) => quote!(&#expr),
            (Pass::Ref, false) => quote!(Some(&#expr)),
            (_, true) => expr,
            (_, false) => quote!(Some(#expr)),
        };
        (arg, Some(value))
    }

    /// A value of the type when the example's does not fit.
    fn placeholder(&mut self, ty: &FieldType) -> TokenStream {
        match (&ty.tref, &ty.enum_name) {
            (TypeRef::String, Some(e)) => {
                let e = self.import(e);
                quote!(#e::from("…"))
            }
            (TypeRef::Integer | TypeRef::Long, Some(e)) => {
                let e = self.import(e);
                quote!(#e::from(0_i64))
            }
            (TypeRef::Integer | TypeRef::Long, None) => quote!(0),
            (TypeRef::Float | TypeRef::Double | TypeRef::Number, _) => quote!(0.0),
            (TypeRef::Boolean, _) => quote!(false),
            _ => quote!("…"),
        }
    }

    /// The query struct from the example's query pairs; the pairs it sends.
    fn query(
        &mut self,
        model: &Model<'_>,
        pairs: &[(String, String)],
    ) -> (TokenStream, Vec<(String, String)>) {
        // Repeated keys make a list.
        let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
        for (k, v) in pairs {
            match grouped.iter_mut().find(|(g, _)| g == k) {
                Some((_, vs)) => vs.push(v.clone()),
                None => grouped.push((k.clone(), vec![v.clone()])),
            }
        }
        let mut obj = serde_json::Map::new();
        for (k, mut vs) in grouped {
            vs.retain(|v| {
                let keep = !is_placeholder(v);
                if !keep {
                    self.note(
                        format!("query.{k}"),
                        NoteKind::Placeholder,
                        format!(
                            "the document's {}: left out",
                            shown(&Value::String(v.clone()))
                        ),
                    );
                }
                keep
            });
            if vs.is_empty() {
                continue;
            }
            let is_list = model
                .fields
                .iter()
                .find(|f| f.field.name == k)
                .is_some_and(|f| matches!(f.ty.tref, TypeRef::Array(_)));
            let value = if is_list {
                Value::Array(vs.into_iter().map(Value::String).collect())
            } else {
                let mut vs = vs;
                let last = vs.pop().unwrap_or_default();
                for extra in vs {
                    self.note(
                        format!("query.{k}"),
                        NoteKind::Skipped,
                        format!(
                            "{}: the parameter takes one value",
                            shown(&Value::String(extra))
                        ),
                    );
                }
                Value::String(last)
            };
            obj.insert(k, value);
        }
        let (expr, sent) = self.model_fields(model, &obj, "query", true);
        let mut pairs = Vec::new();
        if let Value::Object(map) = sent {
            for (k, v) in map {
                match v {
                    Value::Array(items) => {
                        pairs.extend(items.iter().map(|i| (k.clone(), query_text(i))))
                    }
                    v => pairs.push((k, query_text(&v))),
                }
            }
        }
        (expr, pairs)
    }

    /// A model from a JSON value: its builder with a setter per field the example sets. The
    /// JSON this sends.
    fn model(
        &mut self,
        model: &Model<'_>,
        value: &Value,
        at: &str,
    ) -> Result<(TokenStream, Value), String> {
        let transparent =
            model.fields.len() == 1 && model.fields[0].field.name == ARRAY_ITEMS_FIELD;
        let obj = match (value, transparent) {
            (Value::Array(_), true) => {
                let mut m = serde_json::Map::new();
                m.insert(ARRAY_ITEMS_FIELD.to_string(), value.clone());
                m
            }
            (Value::Object(o), _) => o.clone(),
            (other, _) => {
                return Err(format!(
                    "{} where the model `{}` takes an object",
                    shown(other),
                    unraw(&model.rust)
                ))
            }
        };
        if model.builder.is_none() {
            return Err(format!(
                "the model `{}` has no builder (it is found only in responses)",
                unraw(&model.rust)
            ));
        }
        let (expr, sent) = self.model_fields(model, &obj, at, false);
        let sent = match (transparent, sent) {
            (true, Value::Object(mut m)) => m.remove(ARRAY_ITEMS_FIELD).unwrap_or(Value::Null),
            (_, sent) => sent,
        };
        Ok((expr, sent))
    }

    /// `Model::builder().a(…).b(…).build()?` of the keys of `obj` that fit, in document order.
    /// `from_text`: the values are query text, parsed into the fields' types.
    fn model_fields(
        &mut self,
        model: &Model<'_>,
        obj: &serde_json::Map<String, Value>,
        at: &str,
        from_text: bool,
    ) -> (TokenStream, Value) {
        let ty = self.import(&model.rust);
        let mut calls = Vec::new();
        let mut sent = serde_json::Map::new();
        for (key, value) in obj {
            let here = format!("{at}.{key}");
            // A key written in another case than the field (`adminpass` of `adminPass`).
            let exact = model.fields.iter().find(|f| &f.field.name == key);
            let folded = exact.is_none().then(|| {
                let mut same = model
                    .fields
                    .iter()
                    .filter(|f| f.field.name.eq_ignore_ascii_case(key));
                match (same.next(), same.next()) {
                    (Some(f), None) => Some(f),
                    _ => None,
                }
            });
            if let Some(Some(f)) = folded {
                self.note(
                    here.clone(),
                    NoteKind::Converted,
                    format!(
                        "sent as `{}`, the documented field",
                        f.field.name.replace('`', "'")
                    ),
                );
            }
            let Some(f) = exact.or(folded.flatten()) else {
                self.note(
                    here,
                    NoteKind::Skipped,
                    format!(
                        "{}: `{}` has no such field",
                        shown(value),
                        unraw(&model.rust)
                    ),
                );
                continue;
            };
            // `null` is a value only of a free-form JSON field (`{"lock": null}`).
            if value.is_null() && f.ty.tref != TypeRef::Object {
                self.note(here, NoteKind::Skipped, "`null`: left unset".into());
                continue;
            }
            match self.field_value(f, value, &here, from_text) {
                Ok((expr, v)) => {
                    let setter = ident(&setter_name(f));
                    calls.push(quote!(.#setter(#expr)));
                    sent.insert(f.field.name.clone(), v);
                }
                Err(reason) => self.note(here, NoteKind::Skipped, reason),
            }
        }
        for f in model.fields.iter().filter(|f| f.required) {
            if !sent.contains_key(&f.field.name) && f.field.name != ARRAY_ITEMS_FIELD {
                self.build_fails = true;
                self.note(
                    format!("{at}.{}", f.field.name),
                    NoteKind::Missing,
                    "required, not in the example: `build()` fails naming it".into(),
                );
            }
        }
        (
            quote!(#ty::builder() #(#calls)* .build()?),
            Value::Object(sent),
        )
    }

    /// A setter's argument for `value`, and the JSON it sends.
    fn field_value(
        &mut self,
        f: &ModelField<'_>,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<(TokenStream, Value), String> {
        match &f.ty.tref {
            TypeRef::Array(item) if !f.boxed => {
                let Value::Array(items) = value else {
                    return Err(format!(
                        "{}: a single value where the field takes a list",
                        shown(value)
                    ));
                };
                let item_ty = FieldType {
                    tref: (**item).clone(),
                    enum_name: f.ty.enum_name.clone(),
                };
                let mut exprs = Vec::new();
                let mut sent = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    let (e, s) = self.value(&item_ty, v, &format!("{at}[{i}]"), from_text)?;
                    exprs.push(e);
                    sent.push(s);
                }
                if exprs.is_empty() {
                    let t = self.type_tokens(&item_ty);
                    return Ok((quote!(Vec::<#t>::new()), Value::Array(sent)));
                }
                Ok((quote!([#(#exprs),*]), Value::Array(sent)))
            }
            _ => self.value(&f.ty, value, at, from_text),
        }
    }

    /// An expression of type `ty` (or that converts into it) for `value`, and the JSON it sends.
    fn value(
        &mut self,
        ty: &FieldType,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<(TokenStream, Value), String> {
        match &ty.tref {
            TypeRef::Named(schema) => {
                let model = self
                    .schema_model(schema)
                    .ok_or_else(|| format!("no model for `{schema}`"))?;
                self.model(model, value, at)
            }
            TypeRef::Object => {
                self.uses_json = true;
                let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
                let tokens: TokenStream = text
                    .parse()
                    .map_err(|_| format!("{}: not expressible with `json!`", shown(value)))?;
                Ok((quote!(serde_json::json!(#tokens)), value.clone()))
            }
            TypeRef::Array(item) => self.list(ty, item, value, at, from_text),
            TypeRef::Map(inner) => self.map(ty, inner, value, at, from_text),
            _ => {
                let e = self.scalar(ty, value, at, from_text)?;
                let sent = self.sent_scalar(ty, value);
                Ok((e, sent))
            }
        }
    }

    /// A list inside a list or a map: each item in its type.
    fn list(
        &mut self,
        ty: &FieldType,
        item: &TypeRef,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<(TokenStream, Value), String> {
        let Value::Array(items) = value else {
            return Err(format!(
                "{}: a single value where a list is expected",
                shown(value)
            ));
        };
        let item_ty = FieldType {
            tref: item.clone(),
            enum_name: ty.enum_name.clone(),
        };
        let mut exprs = Vec::new();
        let mut sent = Vec::new();
        for (i, v) in items.iter().enumerate() {
            let (e, s) = self.exact(&item_ty, v, &format!("{at}[{i}]"), from_text)?;
            exprs.push(e);
            sent.push(s);
        }
        if exprs.is_empty() {
            let t = self.type_tokens(&item_ty);
            return Ok((quote!(Vec::<#t>::new()), Value::Array(sent)));
        }
        Ok((quote!(vec![#(#exprs),*]), Value::Array(sent)))
    }

    /// A map of values: each entry in the value type; `null` and unusable entries are noted
    /// and left out.
    fn map(
        &mut self,
        ty: &FieldType,
        inner: &TypeRef,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<(TokenStream, Value), String> {
        let Value::Object(entries) = value else {
            return Err(format!(
                "{}: the field takes an object of values",
                shown(value)
            ));
        };
        self.uses_map = true;
        let item_ty = FieldType {
            tref: inner.clone(),
            enum_name: ty.enum_name.clone(),
        };
        let mut pairs = Vec::new();
        let mut sent = serde_json::Map::new();
        for (k, v) in entries {
            let here = format!("{at}.{k}");
            if v.is_null() {
                self.note(here, NoteKind::Skipped, "`null`: left out".into());
                continue;
            }
            match self.exact(&item_ty, v, &here, from_text) {
                Ok((e, s)) => {
                    let key = Literal::string(k);
                    pairs.push(quote!((#key.to_owned(), #e)));
                    sent.insert(k.clone(), s);
                }
                Err(reason) => self.note(here, NoteKind::Skipped, reason),
            }
        }
        if pairs.is_empty() {
            let t = self.type_tokens(&item_ty);
            return Ok((quote!(BTreeMap::<String, #t>::new()), Value::Object(sent)));
        }
        Ok((quote!(BTreeMap::from([#(#pairs),*])), Value::Object(sent)))
    }

    /// Like [`Writer::value`], for places that take exactly the type (items of nested lists,
    /// map values): text as `String`, numbers suffixed.
    fn exact(
        &mut self,
        ty: &FieldType,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<(TokenStream, Value), String> {
        let (e, sent) = self.value(ty, value, at, from_text)?;
        let e = match (&ty.tref, &ty.enum_name) {
            (TypeRef::String, None) => quote!(#e.to_owned()),
            (TypeRef::Integer | TypeRef::Long, None) => match sent.as_i64() {
                Some(n) => {
                    let lit = Literal::i64_suffixed(n);
                    quote!(#lit)
                }
                None => e,
            },
            (TypeRef::Float | TypeRef::Double | TypeRef::Number, None) => match sent.as_f64() {
                Some(x) => {
                    let lit = Literal::f64_suffixed(x);
                    quote!(#lit)
                }
                None => e,
            },
            _ => e,
        };
        Ok((e, sent))
    }

    /// The Rust type of `ty`, with model and enum names as imported.
    fn type_tokens(&mut self, ty: &FieldType) -> TokenStream {
        match (&ty.tref, &ty.enum_name) {
            (TypeRef::String | TypeRef::Integer | TypeRef::Long, Some(e)) => self.import(e),
            (TypeRef::String, None) => quote!(String),
            (TypeRef::Integer | TypeRef::Long, None) => quote!(i64),
            (TypeRef::Float | TypeRef::Double | TypeRef::Number, _) => quote!(f64),
            (TypeRef::Boolean, _) => quote!(bool),
            (TypeRef::Object, _) => {
                self.uses_json = true;
                quote!(serde_json::Value)
            }
            (TypeRef::Array(item), e) => {
                let t = self.type_tokens(&FieldType {
                    tref: (**item).clone(),
                    enum_name: e.clone(),
                });
                quote!(Vec<#t>)
            }
            (TypeRef::Map(item), e) => {
                self.uses_map = true;
                let t = self.type_tokens(&FieldType {
                    tref: (**item).clone(),
                    enum_name: e.clone(),
                });
                quote!(BTreeMap<String, #t>)
            }
            (TypeRef::Named(n), _) => {
                let rust = self
                    .plan
                    .type_names
                    .get(n)
                    .cloned()
                    .unwrap_or_else(|| n.clone());
                self.import(&rust)
            }
        }
    }

    /// A text, number or boolean (or an enum of one) for `value`, converting what the field's
    /// type reads the same (noted).
    fn scalar(
        &mut self,
        ty: &FieldType,
        value: &Value,
        at: &str,
        from_text: bool,
    ) -> Result<TokenStream, String> {
        let taken = |what: &str| format!("{}: the field takes {what}", shown(value));
        // Noted before the value is written: a value's own notes (an unknown enum value) follow.
        let note = |w: &mut Self, converted: bool, what: &str| {
            if converted && !from_text {
                w.note(
                    at.to_string(),
                    NoteKind::Converted,
                    format!("{}: {what}", shown(value)),
                );
            }
        };
        match (&ty.tref, &ty.enum_name) {
            (TypeRef::String, e) => {
                let (text, conv) = as_text(value).ok_or_else(|| taken("text"))?;
                note(self, conv, "sent as text, the field's type");
                Ok(match e {
                    Some(e) => self.enum_value(e, &text, false),
                    None => {
                        let lit = Literal::string(&text);
                        quote!(#lit)
                    }
                })
            }
            (TypeRef::Integer | TypeRef::Long, e) => {
                let (n, conv) = as_integer(value).ok_or_else(|| taken("an integer"))?;
                note(self, conv, "sent as a number, the field's type");
                Ok(match e {
                    Some(e) => self.enum_value(e, &n.to_string(), true),
                    None => int_lit(n),
                })
            }
            (TypeRef::Float | TypeRef::Double | TypeRef::Number, _) => {
                let (x, conv) = as_number(value).ok_or_else(|| taken("a number"))?;
                note(self, conv, "sent as a number, the field's type");
                Ok(f64_lit(x))
            }
            (TypeRef::Boolean, _) => {
                let (b, conv) = as_boolean(value).ok_or_else(|| taken("a boolean"))?;
                note(self, conv, "sent as a boolean, the field's type");
                Ok(quote!(#b))
            }
            _ => Err(format!("{}: not a plain value", shown(value))),
        }
    }

    /// What the field sends for `value` (after the conversion [`Writer::scalar`] made).
    fn sent_scalar(&self, ty: &FieldType, value: &Value) -> Value {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match &ty.tref {
            TypeRef::String => Value::String(text),
            TypeRef::Integer | TypeRef::Long => match value {
                Value::Number(n) if n.is_i64() => value.clone(),
                Value::Number(n) => n
                    .as_f64()
                    .map(|x| Value::from(x as i64))
                    .unwrap_or(Value::Null),
                _ => text
                    .trim()
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::Null),
            },
            TypeRef::Float | TypeRef::Double | TypeRef::Number => match value {
                Value::Number(_) => value.clone(),
                _ => text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or(Value::Null),
            },
            TypeRef::Boolean => match value {
                Value::Bool(_) => value.clone(),
                _ => Value::Bool(text.trim() == "true"),
            },
            _ => value.clone(),
        }
    }

    /// An enum value: its variant when the document lists it, else the wire value through the
    /// enum's `From` (kept as `Unknown`).
    fn enum_value(&mut self, enum_rust: &str, wire: &str, int: bool) -> TokenStream {
        let e = self.import(enum_rust);
        let variant = self
            .plan
            .enums
            .iter()
            .find(|d| d.rust == enum_rust)
            .and_then(|d| d.variants.iter().find(|(_, w)| w == wire))
            .map(|(v, _)| ident(v));
        match variant {
            Some(v) => quote!(#e::#v),
            None if int => {
                let n = wire.parse::<i64>().unwrap_or_default();
                let lit = Literal::i64_suffixed(n);
                quote!(#e::from(#lit))
            }
            None => {
                let lit = Literal::string(wire);
                quote!(#e::from(#lit))
            }
        }
    }
}

/// Whether a value is one of the document's `{placeholders}`.
fn is_placeholder(v: &str) -> bool {
    let v = v.trim();
    v.len() > 2 && v.starts_with('{') && v.ends_with('}')
}

/// A query value as the runtime sends it.
fn query_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The builder's setter of a field (see `builders`).
fn setter_name(f: &ModelField<'_>) -> String {
    if crate::builders::TAKEN.contains(&unraw(&f.rust)) {
        snake_join("set_", &f.rust, "")
    } else {
        f.rust.clone()
    }
}

impl Example {
    /// The `use` lines and statements of the example, for a crate named `krate`.
    pub fn body(&self, krate: &syn::Path) -> TokenStream {
        let mut uses = TokenStream::new();
        if !self.imports.is_empty() {
            let names = self.imports.iter().map(|n| ident(n));
            uses.extend(quote!(use #krate::models::{#(#names),*};));
        }
        if self.uses_models {
            uses.extend(quote!(use #krate::models;));
        }
        if self.uses_json {
            uses.extend(quote!(use #krate::runtime::serde_json;));
        }
        if self.uses_map {
            uses.extend(quote!(
                use std::collections::BTreeMap;
            ));
        }
        let statements = &self.statements;
        quote!(#uses #statements)
    }

    /// The example as the lines of a doc's code block: formatted, `use` lines apart.
    pub fn doc_lines(&self, krate: &syn::Path) -> Vec<String> {
        let body = self.body(krate);
        let wrapped = quote! {
            async fn example() {
                #body
            }
        };
        let Ok(file) = syn::parse2::<syn::File>(wrapped) else {
            return Vec::new();
        };
        let text = prettyplease::unparse(&file);
        let mut lines: Vec<String> = text
            .lines()
            .skip(1)
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
            .collect();
        // The closing brace of the wrapper.
        while lines
            .last()
            .is_some_and(|l| l.trim().is_empty() || l == "}")
        {
            lines.pop();
        }
        // A blank line after the imports (a `use` may take several lines).
        let mut end_of_uses = 0;
        let mut in_use = false;
        for (i, l) in lines.iter().enumerate() {
            if l.starts_with("use ") {
                in_use = true;
            }
            if !in_use {
                break;
            }
            if l.ends_with(';') {
                in_use = false;
                end_of_uses = i + 1;
            }
        }
        if end_of_uses > 0 && end_of_uses < lines.len() {
            lines.insert(end_of_uses, String::new());
        }
        lines
    }
}

/// The test module of every example of a spec: per operation an `async fn <method>(client)`
/// holding the code its doc shows, and `EXAMPLES`, a table of `super::ExampleCase` (defined by
/// the including test: `operation`, `source`, `method`, `path`, `path_values`, `query`, `body`,
/// `build_fails`, `run`) with the request each example must send. `run` takes the runtime client
/// and calls the example on the service's client made from it.
pub fn source(
    spec: &apiref_spec::Spec,
    opts: &crate::Options,
) -> Result<String, crate::CodegenError> {
    let gen = crate::Gen::new(spec, opts)?;
    let plan = &gen.plan;
    let krate: syn::Path = syn::parse_str(&plan.links.example_crate).map_err(|e| {
        crate::CodegenError::new(format!(
            "crate name `{}` is not a path: {e}",
            plan.links.example_crate
        ))
    })?;
    let client = ident(&gen.client);
    let mut items = TokenStream::new();
    let mut cases = Vec::new();
    for o in &plan.ops {
        let Ok(ex) = example(plan, o) else {
            continue;
        };
        let name = ident(&o.method);
        let run = ident(&snake_join("run_", &o.method, ""));
        let body = ex.body(&krate);
        let allow = ex.deprecated.then(|| quote!(#[allow(deprecated)]));
        let doc = format!(
            " `{}`: the example of its doc, from `{}`.",
            o.op.name, ex.source
        );
        items.extend(quote! {
            #[doc = #doc]
            #allow
            pub async fn #name(client: &#krate::#client) -> ::std::result::Result<(), #krate::Error> {
                #body
                Ok(())
            }

            fn #run(runtime: &#krate::runtime::Client) -> super::ExampleFuture<'_> {
                ::std::boxed::Box::pin(async move {
                    #name(&#krate::#client::new(runtime.clone())).await
                })
            }
        });
        let e = &ex.expected;
        let (op, source, method, path) = (&o.op.name, &ex.source, &e.method, &e.path);
        let path_values = e.path_values.iter().map(|(k, v)| quote!((#k, #v)));
        let query = e.query.iter().map(|(k, v)| quote!((#k, #v)));
        let body = match &e.body {
            Some(b) => quote!(Some(#b)),
            None => quote!(None),
        };
        let build_fails = e.build_fails;
        cases.push(quote! {
            super::ExampleCase {
                operation: #op,
                source: #source,
                method: #method,
                path: #path,
                path_values: &[#(#path_values),*],
                query: &[#(#query),*],
                body: #body,
                build_fails: #build_fails,
                run: #run,
            }
        });
    }
    let file = quote! {
        #items

        /// Every example, with the request it must send.
        pub const EXAMPLES: &[super::ExampleCase] = &[#(#cases),*];
    };
    let file: syn::File = syn::parse2(file).map_err(|e| {
        crate::CodegenError::new(format!("internal error: the examples do not parse: {e}"))
    })?;
    Ok(prettyplease::unparse(&file))
}

/// A JSON scalar as text, and whether it was not text.
fn as_text(value: &Value) -> Option<(String, bool)> {
    match value {
        Value::String(s) => Some((s.clone(), false)),
        Value::Number(n) => Some((n.to_string(), true)),
        Value::Bool(b) => Some((b.to_string(), true)),
        _ => None,
    }
}

/// A JSON number with no fraction, or text of one, as an integer; whether it was text.
fn as_integer(value: &Value) -> Option<(i64, bool)> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|x| x.fract() == 0.0).map(|x| x as i64))
            .map(|n| (n, false)),
        Value::String(s) => s.trim().parse::<i64>().ok().map(|n| (n, true)),
        _ => None,
    }
}

/// A JSON number, or text of a finite one; whether it was text.
fn as_number(value: &Value) -> Option<(f64, bool)> {
    match value {
        Value::Number(n) => n.as_f64().map(|x| (x, false)),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map(|x| (x, true)),
        _ => None,
    }
}

/// A JSON boolean, or the text `true`/`false`; whether it was text.
fn as_boolean(value: &Value) -> Option<(bool, bool)> {
    match value {
        Value::Bool(b) => Some((*b, false)),
        Value::String(s) => match s.trim() {
            "true" => Some((true, true)),
            "false" => Some((false, true)),
            _ => None,
        },
        _ => None,
    }
}
