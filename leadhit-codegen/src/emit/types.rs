//! Model types → Rust types, and the enums that `Literal[...]` types become.

use super::docs;
use crate::model::Type;
use crate::names::type_ident;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// A `Literal[...]` enum to emit in the node's module.
#[derive(Debug, Clone)]
pub struct LiteralEnum {
    pub ident: Ident,
    pub doc: String,
    /// `(variant identifier, wire value)`, in documented order.
    pub variants: Vec<(Ident, String)>,
}

/// The Rust type of a model type. A `Literal` becomes an enum named `name_hint` (pushed onto
/// `enums`), or `String` when its values do not make distinct identifiers.
pub fn rust_type(
    ty: &Type,
    name_hint: &str,
    what: &str,
    enums: &mut Vec<LiteralEnum>,
) -> TokenStream {
    match ty {
        Type::Str | Type::Date | Type::DateTime => quote!(::std::string::String),
        Type::Int => quote!(i64),
        Type::Float | Type::Decimal => quote!(f64),
        Type::Bool => quote!(bool),
        Type::None => quote!(()),
        Type::Map { value } => match value.as_ref() {
            Type::Json { .. } => {
                quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>)
            }
            value => {
                let value = rust_type(value, name_hint, what, enums);
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
        },
        Type::List { item } => {
            let item = rust_type(item, name_hint, what, enums);
            quote!(::std::vec::Vec<#item>)
        }
        Type::Optional { inner } => {
            let inner = rust_type(inner, name_hint, what, enums);
            quote!(::std::option::Option<#inner>)
        }
        Type::Literal { values } => match literal_enum(values, name_hint, what) {
            Some(e) => {
                let ident = e.ident.clone();
                enums.push(e);
                quote!(#ident)
            }
            None => quote!(::std::string::String),
        },
        Type::Union { .. } | Type::Json { .. } => quote!(::serde_json::Value),
    }
}

/// True when an argument of this type is best taken as `impl Into<String>`.
pub fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::Date | Type::DateTime)
}

fn literal_enum(values: &[String], name: &str, what: &str) -> Option<LiteralEnum> {
    let ident = ident(name)?;
    let mut seen = BTreeSet::new();
    let mut variants = Vec::with_capacity(values.len());
    for value in values {
        let variant = type_ident(value).ok().and_then(|v| ident_str(&v))?;
        if !seen.insert(variant.to_string()) {
            return None;
        }
        variants.push((variant, value.clone()));
    }
    if variants.is_empty() {
        return None;
    }
    Some(LiteralEnum {
        ident,
        doc: format!("The allowed values of {what}."),
        variants,
    })
}

/// Emits a literal enum with serde names equal to the wire values.
pub fn emit_enum(e: &LiteralEnum) -> TokenStream {
    let ident = &e.ident;
    let doc = &e.doc;
    let variants = e.variants.iter().map(|(v, wire)| {
        let vdoc = format!(" {}", docs::code(&format!("{wire:?}")));
        quote! {
            #[doc = #vdoc]
            #[serde(rename = #wire)]
            #v,
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #ident {
            #(#variants)*
        }
    }
}

/// An identifier from a name the model has already made valid; `None` instead of panicking
/// if it somehow is not.
pub fn ident(name: &str) -> Option<Ident> {
    ident_str(name)
}

fn ident_str(name: &str) -> Option<Ident> {
    let parsed: Ident = syn::parse_str(name).ok()?;
    // `syn` accepts raw identifiers; re-create with a call-site span so output is stable.
    let text = parsed.to_string();
    Some(match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(&text, Span::call_site()),
    })
}
