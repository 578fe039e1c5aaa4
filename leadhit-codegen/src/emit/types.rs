//! Model types → Rust types, and the enums that `Literal[...]` types become.

use super::docs;
use super::syntax::{doc_attrs, documented, named_type, path_type, unit_type, word, Internal};
use crate::model::Type;
use crate::names::{is_reserved, type_ident};
use proc_macro2::{Ident, Span};
use quote::quote;
use std::collections::BTreeSet;
use syn::GenericArgument;

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
) -> syn::Type {
    let mut generic = |segments: &[&str], inner: &Type| {
        let inner = rust_type(inner, name_hint, what, enums);
        path_type(true, segments, vec![GenericArgument::Type(inner)])
    };
    match ty {
        Type::Str | Type::Date | Type::DateTime => string_type(),
        Type::Int => named_type(word("i64")),
        Type::Float | Type::Decimal => named_type(word("f64")),
        Type::Bool => named_type(word("bool")),
        Type::None => unit_type(),
        Type::Map { value } => match value.as_ref() {
            Type::Json { .. } => path_type(
                true,
                &["serde_json", "Map"],
                vec![
                    GenericArgument::Type(string_type()),
                    GenericArgument::Type(json_type()),
                ],
            ),
            value => {
                let value = rust_type(value, name_hint, what, enums);
                path_type(
                    true,
                    &["std", "collections", "BTreeMap"],
                    vec![
                        GenericArgument::Type(string_type()),
                        GenericArgument::Type(value),
                    ],
                )
            }
        },
        Type::List { item } => generic(&["std", "vec", "Vec"], item),
        Type::Optional { inner } => generic(&["std", "option", "Option"], inner),
        Type::Literal { values } => match literal_enum(values, name_hint, what) {
            Some(e) => {
                let ident = e.ident.clone();
                enums.push(e);
                named_type(ident)
            }
            None => string_type(),
        },
        Type::Union { .. } | Type::Json { .. } => json_type(),
    }
}

/// `::std::string::String`.
fn string_type() -> syn::Type {
    path_type(true, &["std", "string", "String"], Vec::new())
}

/// `::serde_json::Value`, what a result or param of no usable type is taken as.
pub fn json_type() -> syn::Type {
    path_type(true, &["serde_json", "Value"], Vec::new())
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

/// Emits a literal enum that serializes as, and deserializes from, its wire values: the
/// enum, and one call of the runtime's `literal_serde!` for its serde impls (see
/// `leadhit-generated/src/literal.rs`: spelled out per enum, they were 40 % of the generated
/// source).
pub fn emit_enum(e: &LiteralEnum) -> Result<[syn::Item; 2], Internal> {
    let ident = &e.ident;
    let names: Vec<&Ident> = e.variants.iter().map(|(v, _)| v).collect();
    let wires = e.variants.iter().map(|(_, wire)| wire);
    let mut item: syn::ItemEnum = documented(
        doc_attrs(&e.doc, false),
        quote! {
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #ident {
                #(#names,)*
            }
        },
    )?;
    for (variant, (_, wire)) in item.variants.iter_mut().zip(&e.variants) {
        variant.attrs = doc_attrs(&docs::code(&format!("{wire:?}")), false);
    }
    let serde: syn::ItemMacro = syn::parse2(quote! {
        crate::literal::literal_serde!(#ident { #(#names = #wires),* });
    })?;
    Ok([syn::Item::Enum(item), syn::Item::Macro(serde)])
}

/// An identifier from a name the model has already made valid; `None` instead of panicking
/// if it somehow is not.
pub fn ident(name: &str) -> Option<Ident> {
    // The model's names are ASCII words; one that starts with a letter and is no keyword is an
    // identifier as it stands, without asking `syn`'s parser (which showed in the profile).
    // Anything else gets the parser's verdict.
    if is_plain_word(name) {
        return Some(Ident::new(name, Span::call_site()));
    }
    ident_str(name)
}

/// An ASCII letter, then ASCII letters, digits and `_`, and not a reserved word.
fn is_plain_word(name: &str) -> bool {
    name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !is_reserved(name)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut in [`ident`] gives what the parser gives, for every keyword and the shapes
    /// of names around them.
    #[test]
    fn plain_words_are_what_the_parser_accepts() {
        let keywords = [
            "_",
            "abstract",
            "as",
            "async",
            "await",
            "become",
            "box",
            "break",
            "const",
            "continue",
            "crate",
            "do",
            "dyn",
            "else",
            "enum",
            "extern",
            "false",
            "final",
            "fn",
            "for",
            "gen",
            "if",
            "impl",
            "in",
            "let",
            "loop",
            "macro",
            "match",
            "mod",
            "move",
            "mut",
            "override",
            "priv",
            "pub",
            "ref",
            "return",
            "Self",
            "self",
            "static",
            "struct",
            "super",
            "trait",
            "true",
            "try",
            "type",
            "typeof",
            "union",
            "unsafe",
            "unsized",
            "use",
            "virtual",
            "where",
            "while",
            "yield",
            "macro_rules",
            "raw",
            "safe",
        ];
        let mut names: Vec<String> = Vec::new();
        for word in keywords {
            names.extend([
                word.to_owned(),
                format!("r#{word}"),
                format!("{word}_"),
                format!("_{word}"),
                format!("{word}1"),
                word.to_uppercase(),
            ]);
        }
        names.extend(
            [
                "",
                "1a",
                "a-b",
                "a b",
                "ё",
                "a\u{301}",
                "get_report",
                "GetReport",
                "__x",
            ]
            .map(String::from),
        );
        for name in &names {
            let parsed = ident_str(name).map(|i| i.to_string());
            assert_eq!(ident(name).map(|i| i.to_string()), parsed, "{name:?}");
            if is_plain_word(name) {
                assert_eq!(parsed.as_deref(), Some(name.as_str()), "{name:?}");
            }
        }
    }
}
