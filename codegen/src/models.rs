//! Structs for schemas and query parameters.

use apiref_spec::{Field, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, escape_line, Doc};
use crate::ident::{ident, snake_join, unraw};
use crate::markdown::{Env, Site};
use crate::plan::{Model, ModelField, ModelKind, Plan};
use crate::types::{tokens, Ctx, FieldType};

/// The facts of a field or parameter as doc lines: requiredness, values, default, range, source.
pub fn field_doc(
    doc: &mut Doc,
    env: &Env<'_>,
    field: &Field,
    tolerant_required: bool,
    sensitive: bool,
) {
    doc.text(&field.description, &env.for_field(field));
    if env.zh {
        doc.zh(field.description_zh.as_deref(), env);
    }
    let mut facts = Vec::new();
    if tolerant_required {
        facts.push("Required by the document; `None` when a server omits it.".to_string());
    } else if field.required {
        facts.push("Required.".to_string());
    }
    if !field.enum_values.is_empty() {
        let values: Vec<String> = field.enum_values.iter().map(|v| code(v)).collect();
        facts.push(format!("Allowed values: {}.", values.join(", ")));
    }
    if let Some(default) = &field.default {
        facts.push(format!("Default: {}.", code(default)));
    }
    match (field.minimum, field.maximum) {
        (Some(lo), Some(hi)) => facts.push(format!("Range: {lo} to {hi}.")),
        (Some(lo), None) => facts.push(format!("Minimum: {lo}.")),
        (None, Some(hi)) => facts.push(format!("Maximum: {hi}.")),
        (None, None) => {}
    }
    match (field.min_length, field.max_length) {
        (Some(lo), Some(hi)) => facts.push(format!("Length: {lo} to {hi} characters.")),
        (Some(lo), None) => facts.push(format!("Length: at least {lo} characters.")),
        (None, Some(hi)) => facts.push(format!("Length: at most {hi} characters.")),
        (None, None) => {}
    }
    if !facts.is_empty() {
        doc.para(facts.remove(0));
        for f in facts {
            doc.line(f);
        }
    }
    if sensitive {
        doc.para("Secret: `Debug` prints it redacted.");
    }
    doc.para(format!("Source: {}.", code(&field.source)));
}

pub(crate) fn field_type(plan: &Plan<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let mut ty = tokens(&f.ty, plan.scope(Ctx::Models), rt);
    let boxed = &plan.models_std.boxed;
    if f.boxed {
        ty = quote!(#boxed<#ty>);
    }
    ty
}

/// A setter's parameter type and the field value it makes of `value`: a list takes any iterable
/// of values that convert into its items (`["a", "b"]`, `[&id]`, a `Vec`), anything else any
/// value that converts into the field.
pub(crate) fn setter_input(
    plan: &Plan<'_>,
    f: &ModelField<'_>,
    rt: &syn::Path,
) -> (TokenStream, TokenStream) {
    let (into, into_iter) = (&plan.models_std.into, &plan.models_std.into_iter);
    if let (TypeRef::Array(item), false) = (&f.ty.tref, f.boxed) {
        let item = FieldType {
            tref: (**item).clone(),
            enum_name: f.ty.enum_name.clone(),
        };
        let item = tokens(&item, plan.scope(Ctx::Models), rt);
        return (
            quote!(impl #into_iter<Item = impl #into<#item>>),
            quote!(value.into_iter().map(#into::into).collect()),
        );
    }
    let ty = field_type(plan, f, rt);
    (quote!(impl #into<#ty>), quote!(value.into()))
}

fn full_type(plan: &Plan<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let ty = field_type(plan, f, rt);
    let option = &plan.models_std.option;
    if f.option {
        quote!(#option<#ty>)
    } else {
        ty
    }
}

/// A model struct with its constructor, setters and (when it holds secrets) redacting `Debug`.
pub fn emit(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.rust);
    // A bare JSON array body: the struct (de)serializes as its one field, the array itself.
    let transparent = is_transparent(m);
    let serde = Serde::of(plan, m);
    let doc = model_doc(plan, m, transparent).tokens();
    let derives = derives(plan, m, serde, rt);
    let serde_attrs = (serde.ser || serde.derive_de).then(|| {
        let serde_crate = crate::types::serde_crate(rt);
        let transparent = transparent.then(|| quote!(, transparent));
        quote!(#[serde(crate = #serde_crate #transparent)])
    });
    let fields = m
        .fields
        .iter()
        .map(|f| field(plan, f, transparent, serde, rt));
    let debug = m
        .fields
        .iter()
        .any(|f| f.sensitive)
        .then(|| redacting_debug(m, rt));
    let read = serde.read_fields.then(|| read_fields(plan, m, rt));
    let (methods, builder) = match &m.builder {
        Some(b) => {
            let b = ident(b);
            let doc = format!(
                " A builder of `{}`: set fields by name, then `build()`.",
                unraw(&m.rust)
            );
            let builder = crate::builders::emit(plan, m, rt);
            (
                quote! {
                    #[doc = #doc]
                    pub fn builder() -> #b {
                        #b::default()
                    }
                },
                Some(builder),
            )
        }
        None => {
            let ctor = constructor();
            let setters = m.fields.iter().map(|f| setter(plan, f, rt));
            (quote!(#ctor #(#setters)*), None)
        }
    };
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #serde_attrs
        #[non_exhaustive]
        pub struct #name { #(#fields)* }

        impl #name {
            #methods
        }

        #builder
        #debug
        #read
    }
}

/// A bare JSON array body: the struct (de)serializes as its one field, the array itself.
fn is_transparent(m: &Model<'_>) -> bool {
    matches!(m.kind, ModelKind::Schema { .. })
        && m.fields.len() == 1
        && m.fields[0].field.name == apiref_spec::ARRAY_ITEMS_FIELD
}

/// Which serde traits a model implements, and how.
#[derive(Debug, Clone, Copy)]
struct Serde {
    /// Derives `Serialize`.
    ser: bool,
    /// Derives `Deserialize`.
    derive_de: bool,
    /// Implements `Deserialize` through the runtime's `ReadFields` (a reply model: every field
    /// optional), which compiles to far less than the derive.
    read_fields: bool,
}

impl Serde {
    fn of(plan: &Plan<'_>, m: &Model<'_>) -> Serde {
        let de = m.deserializes(plan);
        let read_fields =
            de && m.tolerant && !is_transparent(m) && m.fields.iter().all(|f| f.option);
        Serde {
            ser: m.serializes(plan),
            derive_de: de && !read_fields,
            read_fields,
        }
    }
}

/// The runtime's lenient readers the models' `ReadFields` impls call (`read_int`, …), to import
/// them into `mod models` (lower-case names: no model takes them).
pub(crate) fn reply_readers(plan: &Plan<'_>) -> Vec<syn::Ident> {
    let mut used: Vec<&str> = plan
        .models
        .iter()
        .filter(|m| Serde::of(plan, m).read_fields)
        .flat_map(|m| m.fields.iter().filter_map(lenient_fn))
        .collect();
    used.sort_unstable();
    used.dedup();
    used.into_iter()
        .map(|f| ident(&format!("read_{f}")))
        .collect()
}

/// The serde derives `mod models` uses (`Deserialize`, `Serialize`), to import them.
pub(crate) fn derived_serde(plan: &Plan<'_>) -> Vec<TokenStream> {
    let all: Vec<Serde> = plan.models.iter().map(|m| Serde::of(plan, m)).collect();
    let mut out = Vec::new();
    if all.iter().any(|s| s.derive_de) {
        out.push(quote!(Deserialize));
    }
    if all.iter().any(|s| s.ser) {
        out.push(quote!(Serialize));
    }
    out
}

fn model_doc(plan: &Plan<'_>, m: &Model<'_>, transparent: bool) -> Doc {
    let mut doc = Doc::new();
    let env = plan.env(Site::Models);
    match &m.kind {
        ModelKind::Schema {
            name,
            description,
            source,
        } => {
            if let Some(d) = description {
                doc.text(d, &env);
            }
            if !description.is_some_and(|d| !d.trim().is_empty()) {
                doc.para(format!("The `{name}` schema."));
            }
            if transparent {
                doc.para("The body is a JSON array: this type reads and writes the array itself.");
            }
            if m.tolerant {
                doc.para("Found in responses: fields the document marks required are `Option` here too, so a reply that omits one still parses. Unknown fields are ignored.");
            }
            doc.para(format!("Source: {}.", code(source)));
        }
        ModelKind::Query(op) => {
            doc.para(format!(
                "Query parameters of `{}` ({}).",
                op.name,
                escape_line(&op.title)
            ));
            doc.para(format!("Source: {}.", code(&op.source)));
        }
    }
    doc
}

/// `Debug` unless a field is secret (then it is written by hand), `Default` when every field is
/// optional, `Eq` without floats.
fn derives(plan: &Plan<'_>, m: &Model<'_>, serde: Serde, rt: &syn::Path) -> Vec<TokenStream> {
    let mut derives = Vec::new();
    if !m.fields.iter().any(|f| f.sensitive) {
        derives.push(quote!(Debug));
    }
    derives.push(quote!(Clone));
    if m.fields.iter().all(|f| f.option) {
        derives.push(quote!(Default));
    }
    derives.push(quote!(PartialEq));
    if m.eq {
        derives.push(quote!(Eq));
    }
    let path = |name: TokenStream| {
        if plan.serde_imported {
            name
        } else {
            quote!(#rt::serde::#name)
        }
    };
    if serde.ser {
        derives.push(path(quote!(Serialize)));
    }
    if serde.derive_de {
        derives.push(path(quote!(Deserialize)));
    }
    derives
}

/// A field with its doc and serde attributes: the wire name when it differs, and for optional
/// fields no output when unset, and (when deserialization is derived) a default and the runtime's
/// lenient reader for scalars.
fn field(
    plan: &Plan<'_>,
    f: &ModelField<'_>,
    transparent: bool,
    serde: Serde,
    rt: &syn::Path,
) -> TokenStream {
    let mut d = Doc::new();
    field_doc(
        &mut d,
        &plan.env(Site::Models),
        f.field,
        f.required && f.option,
        f.sensitive,
    );
    let d = d.tokens();
    let fname = ident(&f.rust);
    let ty = full_type(plan, f, rt);
    let derived = serde.ser || serde.derive_de;
    if transparent || !derived {
        return quote! { #d pub #fname: #ty, };
    }
    let rename = (unraw(&f.rust) != f.field.name).then(|| {
        let wire = &f.field.name;
        quote!(#[serde(rename = #wire)])
    });
    let mut attrs = Vec::new();
    if f.option {
        if serde.derive_de {
            attrs.push(quote!(default));
        }
        if serde.ser {
            // `Option::is_none` unless a model named `Option` shadows it.
            let is_none = format!("{}::is_none", plan.models_std.option.path_text());
            attrs.push(quote!(skip_serializing_if = #is_none));
        }
        if let (Some(func), true) = (lenient_fn(f), serde.derive_de) {
            let func = ident(func);
            let with = crate::types::path_text(&quote!(#rt::lenient::#func));
            attrs.push(quote!(deserialize_with = #with));
        }
    }
    let attrs = (!attrs.is_empty()).then(|| quote!(#[serde(#(#attrs),*)]));
    quote! { #d #rename #attrs pub #fname: #ty, }
}

/// `Deserialize` of a reply model through the runtime's `ReadFields`: the field numbered by its
/// wire name, then an arm per field reading it (with the lenient reader for scalars).
fn read_fields(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.rust);
    let type_name = unraw(&m.rust).to_string();
    let result = &plan.models_std.result;
    let option = &plan.models_std.option;
    let (number, read) = if m.fields.is_empty() {
        (
            quote!(let _ = key; #option::None),
            quote!(let _ = (field, map);),
        )
    } else {
        (key_dispatch(&m.fields, option), field_reads(&m.fields))
    };
    quote! {
        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> #result<Self, D::Error> {
                #rt::plumbing::read_fields(deserializer)
            }
        }
        impl #rt::plumbing::ReadFields for #name {
            const NAME: &'static str = #type_name;
            #[inline]
            fn field(key: &str) -> #option<u16> {
                #number
            }
            #[inline]
            fn read_field<'de, A: #rt::serde::de::MapAccess<'de>>(&mut self, field: u16, map: &mut A) -> #result<(), A::Error> {
                #read
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// The `match` from a key to its field's number.
fn key_dispatch(fields: &[ModelField<'_>], option: &crate::prelude::StdPath) -> TokenStream {
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let n = field_number(i);
        let wire = &f.field.name;
        quote!(#wire => #option::Some(#n),)
    });
    quote!(match key { #(#arms)* _ => #option::None, })
}

/// The body of `read_field`: reads field number `field` (of a model with fields).
fn field_reads(fields: &[ModelField<'_>]) -> TokenStream {
    let assign = |f: &ModelField<'_>| {
        let fname = ident(&f.rust);
        let value = read_value(f);
        quote!(self.#fname = #value)
    };
    if let [f] = fields {
        // `field` gives only 0: a one-arm `match` would be a lint.
        let assign = assign(f);
        return quote!(let _ = field; #assign;);
    }
    let arms = fields.iter().enumerate().map(|(i, f)| {
        // The last arm takes every number: `field` gives no other.
        let pat = if i + 1 == fields.len() {
            quote!(_)
        } else {
            let n = field_number(i);
            quote!(#n)
        };
        let assign = assign(f);
        quote!(#pat => #assign,)
    });
    quote!(match field { #(#arms)* })
}

/// The number of field `i` in `ReadFields` (a model has far fewer than 65,536 fields).
fn field_number(i: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::u16_unsuffixed(u16::try_from(i).unwrap_or(u16::MAX))
}

/// How a field's value is read: the lenient reader for scalars.
fn read_value(f: &ModelField<'_>) -> TokenStream {
    match lenient_fn(f) {
        // Imported into `mod models` ([`reply_readers`]).
        Some(func) => {
            let func = ident(&format!("read_{func}"));
            quote!(#func(map)?)
        }
        None => quote!(map.next_value()?),
    }
}

/// `with_<field>` of a model built from `Default` (a response model, which tests build).
fn setter(plan: &Plan<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let fname = ident(&f.rust);
    let setter = ident(&snake_join("with_", &f.rust, ""));
    let (input, value) = setter_input(plan, f, rt);
    let value = if f.option {
        quote!(Some(#value))
    } else {
        value
    };
    let doc = format!(" Sets `{}`.", f.field.name.replace('`', "'"));
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #setter(mut self, value: #input) -> Self {
            self.#fname = #value;
            self
        }
    }
}

/// The reader of `huaweicloud_runtime::lenient` for an optional scalar field, if it is one.
fn lenient_fn(f: &ModelField<'_>) -> Option<&'static str> {
    if !f.option || f.boxed || f.ty.enum_name.is_some() {
        return None;
    }
    match f.ty.tref {
        TypeRef::String => Some("text"),
        TypeRef::Integer | TypeRef::Long => Some("int"),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => Some("num"),
        TypeRef::Boolean => Some("flag"),
        _ => None,
    }
}

/// `new()` of a model built from `Default` (a response model: every field is optional).
fn constructor() -> TokenStream {
    quote! {
        /// Creates a value with every field unset; set them with the `with_*` methods.
        pub fn new() -> Self {
            Self::default()
        }
    }
}

fn redacting_debug(m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.rust);
    let type_name = unraw(&m.rust).to_string();
    let fields = m.fields.iter().map(|f| {
        let n = ident(&f.rust);
        let label = unraw(&f.rust).to_string();
        match (f.sensitive, f.option) {
            (false, _) => quote!(d.field(#label, &self.#n);),
            (true, false) => {
                quote!(d.field(#label, &::std::format_args!("{}", #rt::plumbing::REDACTED));)
            }
            (true, true) => quote! {
                if self.#n.is_some() {
                    d.field(#label, &::std::format_args!("Some({})", #rt::plumbing::REDACTED));
                } else {
                    d.field(#label, &::std::format_args!("None"));
                }
            },
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut d = f.debug_struct(#type_name);
                #(#fields)*
                d.finish()
            }
        }
    }
}
