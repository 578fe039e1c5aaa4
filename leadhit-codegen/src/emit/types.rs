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

/// True when the type holds a `Literal`, i.e. [`rust_type`] may make an enum of it.
pub fn has_literal(ty: &Type) -> bool {
    match ty {
        Type::Literal { .. } => true,
        Type::Map { value: inner } | Type::List { item: inner } | Type::Optional { inner } => {
            has_literal(inner)
        }
        _ => false,
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

/// Emits a literal enum that serializes as, and deserializes from, its wire values.
///
/// The serde impls are written out rather than derived: `serde_derive`'s expansion of an enum
/// is several times the size of these two small functions, and with thousands of enums it was
/// a large part of the generated crate's compile time. For JSON they behave as the derive with
/// `#[serde(rename = "...")]` on each variant did: a variant is its wire string, and an unknown
/// string is an error naming the expected ones.
pub fn emit_enum(e: &LiteralEnum) -> TokenStream {
    let ident = &e.ident;
    let doc = &e.doc;
    let variants = e.variants.iter().map(|(v, wire)| {
        let vdoc = format!(" {}", docs::code(&format!("{wire:?}")));
        quote! {
            #[doc = #vdoc]
            #v,
        }
    });
    let names = e.variants.iter().map(|(v, _)| v);
    let wires = e.variants.iter().map(|(_, wire)| wire);
    let serialize = quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    #(Self::#names => #wires,)*
                })
            }
        }
    };
    let names = e.variants.iter().map(|(v, _)| v);
    let wires = e.variants.iter().map(|(_, wire)| wire);
    let expected = e.variants.iter().map(|(_, wire)| wire);
    let deserialize = quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                match value.as_str() {
                    #(#wires => ::std::result::Result::Ok(Self::#names),)*
                    other => ::std::result::Result::Err(
                        <D::Error as ::serde::de::Error>::unknown_variant(other, &[#(#expected),*]),
                    ),
                }
            }
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#variants)*
        }

        #serialize
        #deserialize
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
