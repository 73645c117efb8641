//! Structs for schemas and query parameters.

use dcs_spec::Field;
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{code, escape_line, Doc};
use crate::ident::{ident, snake_join, unraw};
use crate::plan::{Model, ModelField, ModelKind, Plan};
use crate::types::{tokens, Ctx};

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
    let mut ty = tokens(&f.ty, &plan.type_names, Ctx::Models, rt);
    if f.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    ty
}

fn full_type(plan: &Plan<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let ty = field_type(plan, f, rt);
    if f.option {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// A model struct with its constructor, setters and (when it holds secrets) redacting `Debug`.
pub fn emit(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.rust);
    let mut doc = Doc::new();
    match &m.kind {
        ModelKind::Schema { name, description, source } => {
            if let Some(d) = description {
                doc.prose(d);
            }
            if !description.is_some_and(|d| !d.trim().is_empty()) {
                doc.para(format!("The `{name}` schema."));
            }
            if m.tolerant {
                doc.para("Found in responses: fields the document marks required are `Option` here too, so a reply that omits one still parses. Unknown fields are ignored.");
            }
            doc.para(format!("Source: {}.", code(source)));
        }
        ModelKind::Query(op) => {
            doc.para(format!("Query parameters of `{}` ({}).", op.name, escape_line(&op.title)));
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
    derives.push(quote!(#rt::serde::Serialize));
    derives.push(quote!(#rt::serde::Deserialize));
    let serde_crate = crate::types::serde_crate(rt);

    let fields = m.fields.iter().map(|f| {
        let mut d = Doc::new();
        field_doc(&mut d, f.field, f.required && f.option, f.sensitive);
        let d = d.tokens();
        let fname = ident(&f.rust);
        let ty = full_type(plan, f, rt);
        let rename = (unraw(&f.rust) != f.field.name).then(|| {
            let wire = &f.field.name;
            quote!(#[serde(rename = #wire)])
        });
        let skip = f.option.then(|| quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]));
        quote! { #d #rename #skip pub #fname: #ty, }
    });

    let ctor = constructor(plan, m, rt);
    let setters = m.fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let setter = ident(&snake_join("with_", &f.rust, ""));
        let ty = field_type(plan, f, rt);
        let value = if f.option { quote!(::std::option::Option::Some(value)) } else { quote!(value) };
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
    quote! {
        #doc
        #[derive(#(#derives),*)]
        #[serde(crate = #serde_crate)]
        pub struct #name { #(#fields)* }

        impl #name {
            #ctor
            #(#setters)*
        }

        #debug
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
            (true, true) => quote!(#n: ::std::option::Option::Some(#n)),
            (false, _) => quote!(#n: ::std::option::Option::None),
        }
    });
    let allow = (required.len() > MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = if required.is_empty() {
        " Creates a value with every field unset.".to_string()
    } else {
        " Creates a value from the fields the document marks required; the others start unset.".to_string()
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
