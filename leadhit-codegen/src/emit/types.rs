//! Resolved types → Rust syntax, and the enums that `Literal[...]` types become.

use super::docs;
use super::syntax::{doc_attrs, documented, named_type, parse, path_type, unit_type, word};
use crate::model::Type;
use crate::resolve::{LiteralEnum, RustType};
use proc_macro2::Ident;
use quote::quote;
use syn::GenericArgument;

/// The Rust syntax of a resolved type.
pub fn rust_type(ty: &RustType) -> syn::Type {
    let generic = |segments: &[&str], inner: &RustType| {
        path_type(
            true,
            segments,
            vec![GenericArgument::Type(rust_type(inner))],
        )
    };
    match ty {
        RustType::String => string_type(),
        RustType::I64 => named_type(word("i64")),
        RustType::F64 => named_type(word("f64")),
        RustType::Bool => named_type(word("bool")),
        RustType::Unit => unit_type(),
        RustType::Json => json_type(),
        RustType::JsonMap => path_type(
            true,
            &["serde_json", "Map"],
            vec![
                GenericArgument::Type(string_type()),
                GenericArgument::Type(json_type()),
            ],
        ),
        RustType::Map { value } => path_type(
            true,
            &["std", "collections", "BTreeMap"],
            vec![
                GenericArgument::Type(string_type()),
                GenericArgument::Type(rust_type(value)),
            ],
        ),
        RustType::List { item } => generic(&["std", "vec", "Vec"], item),
        RustType::Option { inner } => generic(&["std", "option", "Option"], inner),
        RustType::Enum { name } => named_type(name.ident()),
        RustType::Record { name } => {
            let segments = ["crate", name.as_str()];
            path_type(false, &segments, Vec::new())
        }
    }
}

/// `::std::string::String`.
fn string_type() -> syn::Type {
    path_type(true, &["std", "string", "String"], Vec::new())
}

/// `::serde_json::Value`, what a result or param of no usable type is taken as.
fn json_type() -> syn::Type {
    path_type(true, &["serde_json", "Value"], Vec::new())
}

/// True when an argument of this type is best taken as `impl Into<String>`.
pub fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Str | Type::Date | Type::DateTime)
}

/// Emits a literal enum, whose doc says it holds the values of `what` (Markdown), that
/// serializes as, and deserializes from, its wire values: the enum, and one call of the
/// runtime's `literal_serde!` for its serde impls (see `leadhit-generated/src/literal.rs`:
/// spelled out per enum, they were 40 % of the generated source). An open enum (of values the
/// server sends) has a last variant holding any other string.
pub fn emit_enum(e: &LiteralEnum, what: &str) -> [syn::Item; 2] {
    let ident = e.name.ident();
    let names: Vec<Ident> = e.variants.iter().map(|(v, _)| v.ident()).collect();
    let wires = e.variants.iter().map(|(_, wire)| wire);
    let mut doc = format!("The allowed values of {what}.");
    let (derives, other, serde_other) = match &e.other {
        Some(other) => {
            doc.push_str(&format!(
                "\n\nA value the maps did not list (one the API added later) is kept in [`{ident}::{other}`]."
            ));
            let variant = other.ident();
            (
                quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)]),
                Some(quote! {
                    /// A value the maps did not list, as the server sent it.
                    #variant(::std::string::String),
                }),
                Some(quote!(else #variant)),
            )
        }
        None => (
            quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]),
            None,
            None,
        ),
    };
    let mut item: syn::ItemEnum = documented(
        doc_attrs(&doc, false),
        quote! {
            #derives
            pub enum #ident {
                #(#names,)*
                #other
            }
        },
    );
    for (variant, (_, wire)) in item.variants.iter_mut().zip(&e.variants) {
        variant.attrs = doc_attrs(&docs::code(&format!("{wire:?}")), false);
    }
    let serde: syn::ItemMacro = parse(quote! {
        crate::literal::literal_serde!(#ident { #(#names = #wires),* } #serde_other);
    });
    [syn::Item::Enum(item), syn::Item::Macro(serde)]
}
