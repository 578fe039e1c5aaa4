//! The resolved API → the data of `leadhit::spec`: one `SPEC` constant per node module and the
//! `SPEC_NODES` table in the root module that lists them.
//!
//! Static data only, no code per method (its build cost: `BENCHMARKS.md`, "The `leadhit::spec`
//! table"). Each node's entry lives in its own module, so a change to one map touches one file. Every
//! text from a map goes in as a string literal; paths are fully qualified because a node's
//! marker types could be named `Some` or `None`.

use super::syntax::parse;
use crate::model::{Method, Param, Raise, Type};
use crate::resolve::{ResolvedMethod, ResolvedNode, ResolvedRecord};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The records a type may name, by wire name: only those resolved without error.
pub struct Records<'a>(BTreeMap<&'a str, &'a ResolvedRecord>);

impl<'a> Records<'a> {
    pub fn of(records: &'a [ResolvedRecord]) -> Records<'a> {
        Records(records.iter().map(|r| (r.model.name.as_str(), r)).collect())
    }
}

/// `pub(crate) const SPEC: NodeSpec = ...;`, the node's entry in the table.
pub fn node_spec(node: &ResolvedNode, records: &Records) -> syn::Item {
    let name = &node.name;
    let rust_name = node.module.as_str();
    let command = &node.command;
    let methods = node.methods.iter().map(|m| method_spec(m, records));
    parse(quote! {
        /// This node in [`crate::spec::NODES`].
        pub(crate) const SPEC: crate::spec::NodeSpec = crate::spec::NodeSpec {
            name: #name,
            rust_name: #rust_name,
            command: #command,
            methods: &[#(#methods),*],
        };
    })
}

/// `pub(crate) const SPEC_NODES: &[NodeSpec] = &[orders::SPEC, ...];`, in node order.
pub fn nodes_table(nodes: &[super::NodeOutline]) -> syn::Item {
    let modules = nodes.iter().map(|n| n.module.ident());
    parse(quote! {
        /// Every node's entry, read by [`crate::spec::NODES`].
        pub(crate) const SPEC_NODES: &[crate::spec::NodeSpec] = &[#(#modules::SPEC),*];
    })
}

fn method_spec(m: &ResolvedMethod, records: &Records) -> TokenStream {
    let Method {
        wire_name,
        summary,
        doc,
        params,
        extra_args,
        returns,
        raises,
        deprecated,
        ..
    } = &m.model;
    let rust_name = m.name.as_str();
    let command = &m.command;
    let params = match params {
        Some(_) => {
            let params = m
                .params()
                .map(|(p, r)| param_spec(p, r.name.as_str(), records));
            some(quote!(&[#(#params),*]))
        }
        None => none(),
    };
    let returns_ty = returns.as_ref().map(|r| type_spec(&r.ty, records));
    let returns_ty = returns_ty.map_or_else(none, some);
    let returns_python = opt_str(returns.as_ref().and_then(|r| r.raw_type.as_deref()));
    let returns_doc = opt_str(returns.as_ref().and_then(|r| r.doc.as_deref()));
    let is_deprecated = deprecated.is_some();
    let (summary, description) = (opt_str(summary.as_deref()), opt_str(doc.as_deref()));
    let deprecation = opt_str(deprecated.as_deref());
    let raises = raises.iter().map(raise_spec);
    quote! {
        crate::spec::MethodSpec {
            name: #wire_name,
            rust_name: #rust_name,
            command: #command,
            summary: #summary,
            description: #description,
            params: #params,
            extra_args: #extra_args,
            deprecated: #is_deprecated,
            deprecation: #deprecation,
            returns: #returns_ty,
            returns_python_type: #returns_python,
            returns_doc: #returns_doc,
            raises: &[#(#raises),*],
        }
    }
}

fn param_spec(p: &Param, rust_name: &str, records: &Records) -> TokenStream {
    let name = &p.wire_name;
    let required = p.optional == crate::model::Optionality::Required;
    let default = opt_str(p.default.as_deref());
    let ty = type_spec(&p.ty, records);
    let python_type = opt_str(p.raw_type.as_deref());
    let doc = opt_str(p.doc.as_deref());
    quote! {
        crate::spec::ParamSpec {
            name: #name,
            rust_name: #rust_name,
            required: #required,
            default: #default,
            ty: #ty,
            python_type: #python_type,
            doc: #doc,
        }
    }
}

fn raise_spec(r: &Raise) -> TokenStream {
    let kind = opt_str(r.kind.as_deref());
    let doc = opt_str(r.doc.as_deref());
    quote!(crate::spec::RaiseSpec { kind: #kind, doc: #doc })
}

/// The `TypeSpec` of a model type. `Optional[T]` is the union of `T` and `Null`; a record that
/// was left out for an error (and reported) is `Any`, as it is `Value` in the typed client.
fn type_spec(ty: &Type, records: &Records) -> TokenStream {
    let t = |ty: &Type| type_spec(ty, records);
    match ty {
        Type::Str | Type::Date | Type::DateTime => quote!(crate::spec::TypeSpec::String),
        Type::Int => quote!(crate::spec::TypeSpec::Integer),
        Type::Float | Type::Decimal => quote!(crate::spec::TypeSpec::Number),
        Type::Bool => quote!(crate::spec::TypeSpec::Boolean),
        Type::None => quote!(crate::spec::TypeSpec::Null),
        Type::Map { value } => {
            let value = t(value);
            quote!(crate::spec::TypeSpec::Map(&#value))
        }
        Type::List { item } => {
            let item = t(item);
            quote!(crate::spec::TypeSpec::List(&#item))
        }
        Type::Optional { inner } => {
            let inner = t(inner);
            quote!(crate::spec::TypeSpec::Union(&[#inner, crate::spec::TypeSpec::Null]))
        }
        Type::Union { variants } => {
            let variants = variants.iter().map(t);
            quote!(crate::spec::TypeSpec::Union(&[#(#variants),*]))
        }
        Type::Literal { values } => quote!(crate::spec::TypeSpec::Enum(&[#(#values),*])),
        Type::Record { name } => match records.0.get(name.as_str()) {
            Some(record) => {
                let record = record_spec(record, records);
                quote!(crate::spec::TypeSpec::Record(&#record))
            }
            None => quote!(crate::spec::TypeSpec::Any),
        },
        Type::Json { .. } => quote!(crate::spec::TypeSpec::Any),
    }
}

/// A record's spec, written out where it is used: records cannot contain themselves (resolve
/// checks), so this ends.
fn record_spec(record: &ResolvedRecord, records: &Records) -> TokenStream {
    let name = &record.model.name;
    let fields = record.model.fields.iter().map(|f| {
        let (field, raw) = (&f.name, &f.raw_type);
        let required = !f.optional;
        let ty = type_spec(&f.ty, records);
        let doc = opt_str(f.doc.as_deref());
        quote! {
            crate::spec::FieldSpec {
                name: #field,
                required: #required,
                ty: #ty,
                python_type: #raw,
                doc: #doc,
            }
        }
    });
    quote!(crate::spec::RecordSpec { name: #name, fields: &[#(#fields),*] })
}

fn opt_str(text: Option<&str>) -> TokenStream {
    text.map_or_else(none, |text| some(quote!(#text)))
}

fn some(value: TokenStream) -> TokenStream {
    quote!(::core::option::Option::Some(#value))
}

fn none() -> TokenStream {
    quote!(::core::option::Option::None)
}
