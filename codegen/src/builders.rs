//! Builders of the request models: a setter per field, named like it and taking anything that
//! converts into it, and `build()`, which fails naming the first required field left unset.
//!
//! Why a builder checked at `build()` rather than a typestate that fails to compile: the
//! documents mark a field required where the service needs it, and a new edition may add one;
//! a typestate would turn that into a compile error in every caller, and multiply the types the
//! compiler has to check (generated SDKs are known for slow builds). Here a caller's code keeps
//! compiling, and the request that lacks the new field fails before it is sent, with an error
//! that names the model and the field.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::{ident, snake_join, unraw};
use crate::models::{field_type, setter_input};
use crate::plan::{Model, ModelField, Plan};

/// Method names of a builder that a setter must not take.
pub(crate) const TAKEN: [&str; 3] = ["build", "clone", "default"];

/// The builder struct of `m` and its methods.
pub fn emit(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let Some(builder) = m.builder.as_deref() else {
        return TokenStream::new();
    };
    let b = ident(builder);
    let option = &plan.models_std.option;
    let slots = m.fields.iter().map(|f| {
        let n = ident(&f.rust);
        let ty = field_type(plan, f, rt);
        quote!(#n: #option<#ty>,)
    });
    let setters = m.fields.iter().map(|f| setter(plan, m, f, rt));
    let build = build(plan, m, rt);
    let debug = (!m.fields.iter().any(|f| f.sensitive)).then(|| quote!(Debug,));
    let doc = format!(
        " Builds a [`{}`]: set the fields by name, then [`build`]({builder}::build).",
        unraw(&m.rust)
    );
    quote! {
        #[doc = #doc]
        #[derive(#debug Clone, Default)]
        #[must_use]
        pub struct #b { #(#slots)* }

        impl #b {
            #(#setters)*
            #build
        }
    }
}

/// A setter: the field's name (`set_<name>` where a builder method has it).
fn setter(plan: &Plan<'_>, m: &Model<'_>, f: &ModelField<'_>, rt: &syn::Path) -> TokenStream {
    let n = ident(&f.rust);
    let method = if TAKEN.contains(&unraw(&f.rust)) {
        ident(&snake_join("set_", &f.rust, ""))
    } else {
        ident(&f.rust)
    };
    let (input, value) = setter_input(plan, f, rt);
    let wire = f.field.name.replace('`', "'");
    // Rustdoc cannot link to a raw identifier; those fields are named without the link.
    let doc = if f.rust.starts_with("r#") {
        format!(" Sets `{wire}`.")
    } else {
        format!(" Sets [`{}::{}`] (`{wire}`).", unraw(&m.rust), f.rust)
    };
    quote! {
        #[doc = #doc]
        pub fn #method(mut self, value: #input) -> Self {
            self.#n = ::std::option::Option::Some(#value);
            self
        }
    }
}

/// `build()`: the model, or the first required field that is not set.
fn build(plan: &Plan<'_>, m: &Model<'_>, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.rust);
    let result = &plan.models_std.result;
    let model = unraw(&m.rust).to_string();
    let inits = m.fields.iter().map(|f| init(f, &model, rt));
    quote! {
        /// The value; fails naming the first field the document marks required that is not set.
        pub fn build(self) -> #result<#name, #rt::BuildError> {
            ::std::result::Result::Ok(#name { #(#inits)* })
        }
    }
}

fn init(f: &ModelField<'_>, model: &str, rt: &syn::Path) -> TokenStream {
    let n = ident(&f.rust);
    let wire = &f.field.name;
    let missing = quote!(self.#n.ok_or(#rt::BuildError::missing(#model, #wire))?);
    match (f.required, f.option) {
        (false, _) => quote!(#n: self.#n,),
        (true, false) => quote!(#n: #missing,),
        (true, true) => quote!(#n: ::std::option::Option::Some(#missing),),
    }
}
