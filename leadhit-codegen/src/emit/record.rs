//! A record `overrides.toml` declares → a serde struct of the generated root module, which
//! keeps every key it does not declare so that nothing the server adds is lost.

use super::docs::{code, inline};
use super::method_doc::shown_type;
use super::syntax::{doc_attrs, documented};
use super::types::{emit_enum, rust_type};
use crate::resolve::{EnumOf, ResolvedRecord, RustType};
use quote::quote;

/// The struct of `record` and the enums of its fields.
pub fn emit_record(record: &ResolvedRecord) -> Vec<syn::Item> {
    let name = record.name.ident();
    let fields = record
        .model
        .fields
        .iter()
        .zip(&record.fields)
        .map(|(f, r)| {
            let mut doc = format!("The {} key ({}", code(&f.name), shown_type(&r.ty));
            doc.push_str(&format!(", declared as {}", code(&f.raw_type)));
            doc.push_str(if f.optional { ", may be absent)" } else { ")" });
            if let Some(d) = f.doc.as_deref().filter(|d| !d.trim().is_empty()) {
                doc.push_str(": ");
                doc.push_str(&inline(d));
            } else {
                doc.push('.');
            }
            let docs = doc_attrs(&doc, false);
            let (field, wire, ty) = (r.name.ident(), &f.name, rust_type(&r.ty));
            // An absent optional key is `None`, and a `None` is left out again, so a record read
            // from the server is written back as it came.
            let optional = matches!(r.ty, RustType::Option { .. }).then(|| {
            quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")])
        });
            quote! {
                #(#docs)*
                #[serde(rename = #wire)]
                #optional
                pub #field: #ty,
            }
        });
    let extra = record.extra.ident();
    let doc = format!(
        "The {} record, declared in `maps-cache/overrides.toml`.\n\nKeys it does not declare are kept in [`{}::{}`], so nothing the server adds is lost.",
        code(&record.model.name),
        record.name,
        record.extra
    );
    let item: syn::ItemStruct = documented(
        doc_attrs(&doc, false),
        quote! {
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #(#fields)*
                /// The keys the record does not declare, as the server sent them.
                #[serde(flatten)]
                pub #extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            }
        },
    );
    let mut items = vec![syn::Item::Struct(item)];
    for e in &record.enums {
        let what = match &e.of {
            EnumOf::Field { field, .. } => {
                format!("the {} key of [`{}`]", code(field), record.name)
            }
            _ => format!("a field of [`{}`]", record.name),
        };
        items.extend(emit_enum(e, &what));
    }
    items
}
