//! Structs for schemas and query parameters.

use apiref_spec::{Field, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, escape_line, Doc};
use crate::ident::{ident, snake_join, unraw};
use crate::plan::{Model, ModelField, ModelKind, Plan};
use crate::types::{tokens, Ctx, StdPaths};

/// Clippy's default `too_many_arguments` threshold.
const MAX_ARGS: usize = 7;

/// The facts of a field or parameter as doc lines: requiredness, values, default, range, source.
pub fn field_doc(doc: &mut Doc, field: &Field, tolerant_required: bool, sensitive: bool) {
    doc.prose(&field.description);
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

fn field_type(plan: &Plan<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let mut ty = tokens(&f.ty, plan, Ctx::Models, rt);
    let boxed = &plan.models_std.boxed;
    if f.boxed {
        ty = quote!(#boxed<#ty>);
    }
    ty
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
    let transparent = matches!(m.kind, ModelKind::Schema { .. })
        && m.fields.len() == 1
        && m.fields[0].field.name == apiref_spec::ARRAY_ITEMS_FIELD;
    let mut doc = Doc::new();
    match &m.kind {
        ModelKind::Schema {
            name,
            description,
            source,
        } => {
            if let Some(d) = description {
                doc.prose(d);
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
    let doc = doc.tokens();

    let any_sensitive = m.fields.iter().any(|f| f.sensitive);
    let all_option = m.fields.iter().all(|f| f.option);
    let mut derives = Vec::new();
    if !any_sensitive {
        derives.push(quote!(Debug));
    }
    derives.push(quote!(Clone));
    if all_option {
        derives.push(quote!(Default));
    }
    derives.push(quote!(PartialEq));
    if m.eq {
        derives.push(quote!(Eq));
    }
    if plan.serde_imported {
        derives.push(quote!(Serialize));
        derives.push(quote!(Deserialize));
    } else {
        derives.push(quote!(#rt::serde::Serialize));
        derives.push(quote!(#rt::serde::Deserialize));
    }
    let serde_crate = crate::types::serde_crate(rt);

    // `Option::is_none` unless a model named `Option` shadows it.
    let is_none = format!("{}::is_none", plan.models_std.option.path_text());
    let fields = m.fields.iter().map(|f| {
        let mut d = Doc::new();
        field_doc(&mut d, f.field, f.required && f.option, f.sensitive);
        let d = d.tokens();
        let fname = ident(&f.rust);
        let ty = full_type(plan, f, rt);
        if transparent {
            return quote! { #d pub #fname: #ty, };
        }
        let rename = (unraw(&f.rust) != f.field.name).then(|| {
            let wire = &f.field.name;
            quote!(#[serde(rename = #wire)])
        });
        let skip = f.option.then(|| match lenient_fn(f) {
            Some(func) => {
                let with = format!("lenient::{func}");
                quote!(#[serde(default, skip_serializing_if = #is_none, deserialize_with = #with)])
            }
            None => quote!(#[serde(default, skip_serializing_if = #is_none)]),
        });
        quote! { #d #rename #skip pub #fname: #ty, }
    });

    let ctor = constructor(plan, m, rt);
    let setters = m.fields.iter().filter(|_| !m.response_only).map(|f| {
        let fname = ident(&f.rust);
        let setter = ident(&snake_join("with_", &f.rust, ""));
        let ty = field_type(plan, f, rt);
        let value = if f.option {
            quote!(Some(value))
        } else {
            quote!(value)
        };
        let doc = format!(" Sets `{}`.", f.field.name.replace('`', "'"));
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#fname = #value;
                self
            }
        }
    });
    let debug = any_sensitive.then(|| redacting_debug(m, rt));
    let transparent = transparent.then(|| quote!(#[serde(transparent)]));
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[serde(crate = #serde_crate)]
        #transparent
        pub struct #name { #(#fields)* }

        impl #name {
            #ctor
            #(#setters)*
        }

        #debug
    }
}

/// The `lenient` function that reads an optional scalar field, if it is one.
fn lenient_fn(f: &ModelField<'_>) -> Option<&'static str> {
    if !f.option || f.boxed || f.ty.enum_name.is_some() {
        return None;
    }
    match f.ty.tref {
        // Short names keep a field's serde attribute on one line.
        TypeRef::String => Some("text"),
        TypeRef::Integer | TypeRef::Long => Some("int"),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => Some("num"),
        TypeRef::Boolean => Some("flag"),
        _ => None,
    }
}

/// Whether any field needs a `lenient` reader (else [`lenient_module`] emits nothing).
pub fn needs_lenient_module(plan: &Plan<'_>) -> bool {
    plan.models
        .iter()
        .any(|m| m.fields.iter().any(|f| lenient_fn(f).is_some()))
}

/// `mod lenient`: readers for optional scalars that accept what servers and the documents'
/// examples really send where the document names another scalar type: a number or boolean for
/// text, numeric text for numbers, `"true"`/`"false"` for booleans. `null` is `None`. Only the
/// readers some field uses are emitted; nothing when none is.
pub fn lenient_module(plan: &Plan<'_>, rt: &syn::Path) -> TokenStream {
    let used: std::collections::BTreeSet<&str> = plan
        .models
        .iter()
        .flat_map(|m| m.fields.iter().filter_map(lenient_fn))
        .collect();
    if used.is_empty() {
        return TokenStream::new();
    }
    let StdPaths {
        option,
        result,
        string,
        ..
    } = plan.std(Ctx::Models);
    // Per reader: its name, the type it reads, what it expects, and how it takes each scalar form
    // (`None`: not accepted).
    let reader = |name: &str, ty: TokenStream, expecting: &str, forms: TokenStream| {
        if !used.contains(name) {
            return TokenStream::new();
        }
        let name = ident(name);
        quote! {
            impl Read for #ty {
                const EXPECTING: &'static str = #expecting;
                #forms
            }

            pub(super) fn #name<'de, D: de::Deserializer<'de>>(deserializer: D) -> #result<#option<#ty>, D::Error> {
                deserializer.deserialize_option(Lenient::<#ty>(::std::marker::PhantomData))
            }
        }
    };
    let text = reader(
        "text",
        quote!(#string),
        "text, a number or a boolean",
        quote! {
            fn from_str(v: &str) -> #option<Self> { Some(v.into()) }
            fn from_i64(v: i64) -> #option<Self> { Some(v.to_string()) }
            fn from_u64(v: u64) -> #option<Self> { Some(v.to_string()) }
            fn from_f64(v: f64) -> #option<Self> { #rt::serde_json::Number::from_f64(v).map(|n| n.to_string()) }
            fn from_bool(v: bool) -> #option<Self> { Some(v.to_string()) }
        },
    );
    let int = reader(
        "int",
        quote!(i64),
        "an integer or integer text",
        quote! {
            fn from_str(v: &str) -> #option<Self> { v.trim().parse().ok() }
            fn from_i64(v: i64) -> #option<Self> { Some(v) }
            fn from_u64(v: u64) -> #option<Self> { i64::try_from(v).ok() }
            fn from_f64(_: f64) -> #option<Self> { None }
            fn from_bool(_: bool) -> #option<Self> { None }
        },
    );
    let num = reader(
        "num",
        quote!(f64),
        "a number or numeric text",
        quote! {
            fn from_str(v: &str) -> #option<Self> { v.trim().parse().ok() }
            fn from_i64(v: i64) -> #option<Self> { Some(v as f64) }
            fn from_u64(v: u64) -> #option<Self> { Some(v as f64) }
            fn from_f64(v: f64) -> #option<Self> { Some(v) }
            fn from_bool(_: bool) -> #option<Self> { None }
        },
    );
    let flag = reader(
        "flag",
        quote!(bool),
        "a boolean, \"true\" or \"false\"",
        quote! {
            fn from_str(v: &str) -> #option<Self> {
                match v {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                }
            }
            fn from_i64(_: i64) -> #option<Self> { None }
            fn from_u64(_: u64) -> #option<Self> { None }
            fn from_f64(_: f64) -> #option<Self> { None }
            fn from_bool(v: bool) -> #option<Self> { Some(v) }
        },
    );
    quote! {
        /// Readers for optional scalars that accept the value in another scalar form. They take
        /// each form straight from the deserializer (no intermediate `serde_json::Value`), and
        /// name the whole value in the error when no form fits.
        mod lenient {
            use #rt::serde::de;
            use #rt::serde_json::Value;

            /// How a scalar type takes each JSON form (`None`: not accepted).
            trait Read: Sized {
                const EXPECTING: &'static str;
                fn from_str(v: &str) -> #option<Self>;
                fn from_i64(v: i64) -> #option<Self>;
                fn from_u64(v: u64) -> #option<Self>;
                fn from_f64(v: f64) -> #option<Self>;
                fn from_bool(v: bool) -> #option<Self>;
            }

            struct Lenient<T>(::std::marker::PhantomData<T>);

            fn unexpected<E: de::Error>(value: Value) -> E {
                E::custom(::std::format_args!("unexpected value {value}"))
            }

            fn or_unexpected<T, E: de::Error>(read: #option<T>, value: impl Into<Value>) -> #result<#option<T>, E> {
                match read {
                    Some(v) => Ok(Some(v)),
                    None => Err(unexpected(value.into())),
                }
            }

            impl<'de, T: Read> de::Visitor<'de> for Lenient<T> {
                type Value = #option<T>;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(T::EXPECTING)
                }

                fn visit_none<E: de::Error>(self) -> #result<Self::Value, E> {
                    Ok(None)
                }

                fn visit_unit<E: de::Error>(self) -> #result<Self::Value, E> {
                    Ok(None)
                }

                fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> #result<Self::Value, D::Error> {
                    deserializer.deserialize_any(self)
                }

                fn visit_str<E: de::Error>(self, v: &str) -> #result<Self::Value, E> {
                    or_unexpected(T::from_str(v), v)
                }

                fn visit_i64<E: de::Error>(self, v: i64) -> #result<Self::Value, E> {
                    or_unexpected(T::from_i64(v), v)
                }

                fn visit_u64<E: de::Error>(self, v: u64) -> #result<Self::Value, E> {
                    or_unexpected(T::from_u64(v), v)
                }

                fn visit_f64<E: de::Error>(self, v: f64) -> #result<Self::Value, E> {
                    or_unexpected(T::from_f64(v), v)
                }

                fn visit_bool<E: de::Error>(self, v: bool) -> #result<Self::Value, E> {
                    or_unexpected(T::from_bool(v), v)
                }

                fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> #result<Self::Value, A::Error> {
                    let value = <Value as #rt::serde::Deserialize>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                    Err(unexpected(value))
                }

                fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> #result<Self::Value, A::Error> {
                    let value = <Value as #rt::serde::Deserialize>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                    Err(unexpected(value))
                }
            }

            #text
            #int
            #num
            #flag
        }
    }
}

fn constructor(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let required: Vec<&ModelField> = m.fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let n = ident(&f.rust);
        let ty = field_type(plan, f, rt);
        quote!(#n: #ty)
    });
    let inits = m.fields.iter().map(|f| {
        let n = ident(&f.rust);
        match (f.required, f.option) {
            (true, false) => quote!(#n),
            (true, true) => quote!(#n: Some(#n)),
            (false, _) => quote!(#n: None),
        }
    });
    let allow = (required.len() > MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    if required.is_empty() && m.fields.iter().all(|f| f.option) {
        // Every field starts unset: that is the derived `Default`.
        return quote! {
            /// Creates a value with every field unset.
            pub fn new() -> Self {
                Self::default()
            }
        };
    }
    let doc = if required.is_empty() {
        " Creates a value with every field unset.".to_string()
    } else {
        " Creates a value from the fields the document marks required; the others start unset."
            .to_string()
    };
    quote! {
        #[doc = #doc]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
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
            (true, false) => quote!(d.field(#label, &::std::format_args!("{}", #rt::REDACTED));),
            (true, true) => quote! {
                if self.#n.is_some() {
                    d.field(#label, &::std::format_args!("Some({})", #rt::REDACTED));
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
