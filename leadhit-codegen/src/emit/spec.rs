//! The resolved API → the data of `leadhit::spec`: one `spec` module per node module, holding
//! that node's entry, and the `SPEC_NODES` table in the root module that lists them. All of it
//! is behind the crate's `spec` feature: it is as much code to compile as the typed client, and
//! only tools built on the table (the CLI, the mock) read it.
//!
//! Static data only, no code per method, each node's entry in its own module (so a change to
//! one map touches one file). It is written with the runtime's `const fn` constructors
//! (`leadhit-generated/src/spec/table.rs`): one call per item and one per thing its docstring
//! says, so what a map leaves out costs nothing to print or compile (figures: `BENCHMARKS.md`,
//! "Compile cost of the `leadhit::spec` table"). The entry's module is a child of the node's, so
//! the node's own types (a marker may be called `None` or `Option`, an enum `TypeSpec`) are not
//! in scope there: only the prelude and the constructors are. Every text from a map goes in as
//! a string literal. The syntax is built directly as `syn` nodes: the table is most of a node's
//! syntax, and parsing it from `quote!` tokens was most of a regeneration's cost.

use super::syntax::{bool_expr, call, method_call, parse, path_expr, reference, slice, str_expr};
use crate::model::{Method, Param, Raise, Type};
use crate::resolve::{ResolvedMethod, ResolvedNode, ResolvedRecord};
use quote::quote;
use std::collections::BTreeMap;
use syn::Expr;

/// The records a type may name, by wire name: only those resolved without error.
pub struct Records<'a>(BTreeMap<&'a str, &'a ResolvedRecord>);

impl<'a> Records<'a> {
    pub fn of(records: &'a [ResolvedRecord]) -> Records<'a> {
        Records(records.iter().map(|r| (r.model.name.as_str(), r)).collect())
    }
}

/// `pub(crate) mod spec { ... pub(crate) const NODE: NodeSpec = node(...); }`, the node's
/// entry in the table.
pub fn node_spec(node: &ResolvedNode, records: &Records) -> syn::Item {
    let mut module: syn::ItemMod = parse(quote! {
        /// This node's entry in [`crate::spec::NODES`].
        #[cfg(feature = "spec")]
        pub(crate) mod spec {
            use crate::spec::table::*;
            pub(crate) const NODE: NodeSpec = ();
        }
    });
    let methods = node.methods.iter().map(|m| method_spec(m, records));
    let entry = call(
        &["node"],
        vec![
            str_expr(&node.name),
            str_expr(node.module.as_str()),
            str_expr(&node.command),
            slice(methods),
        ],
    );
    if let Some((_, items)) = &mut module.content {
        if let Some(syn::Item::Const(constant)) = items.last_mut() {
            *constant.expr = entry;
        }
    }
    syn::Item::Mod(module)
}

/// `pub(crate) const SPEC_NODES: &[NodeSpec] = &[orders::spec::NODE, ...];`, in node order.
pub fn nodes_table(nodes: &[super::NodeOutline]) -> syn::Item {
    let modules = nodes.iter().map(|n| n.module.ident());
    parse(quote! {
        /// Every node's entry, read by [`crate::spec::NODES`].
        #[cfg(feature = "spec")]
        pub(crate) const SPEC_NODES: &[crate::spec::NodeSpec] = &[#(#modules::spec::NODE),*];
    })
}

/// `method("wire", "command")`, then a call for each thing the docstring says.
fn method_spec(m: &ResolvedMethod, records: &Records) -> Expr {
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
    let mut spec = call(&["method"], vec![str_expr(wire_name), str_expr(&m.command)]);
    let text = |spec, name, text: Option<&str>| match text {
        Some(text) => method_call(spec, name, vec![str_expr(text)]),
        None => spec,
    };
    spec = text(spec, "rust_name", renamed(wire_name, m.name.as_str()));
    spec = text(spec, "summary", summary.as_deref());
    spec = text(spec, "description", doc.as_deref());
    if params.is_some() {
        let params = m
            .params()
            .map(|(p, r)| param_spec(p, r.name.as_str(), records));
        spec = method_call(spec, "params", vec![slice(params)]);
    }
    if *extra_args {
        spec = method_call(spec, "extra_args", Vec::new());
    }
    spec = text(spec, "deprecated", deprecated.as_deref());
    if let Some(r) = returns {
        spec = method_call(spec, "returns", vec![type_spec(&r.ty, records)]);
        spec = text(spec, "returns_python_type", r.raw_type.as_deref());
        spec = text(spec, "returns_doc", r.doc.as_deref());
    }
    if !raises.is_empty() {
        spec = method_call(spec, "raises", vec![slice(raises.iter().map(raise_spec))]);
    }
    spec
}

/// `required("wire", type)` or `optional(..)`, then a call for each thing the docstring says.
fn param_spec(p: &Param, rust_name: &str, records: &Records) -> Expr {
    let required = p.optional == crate::model::Optionality::Required;
    let constructor = if required { "required" } else { "optional" };
    let ty = type_spec(&p.ty, records);
    let mut spec = call(&[constructor], vec![str_expr(&p.wire_name), ty]);
    let text = |spec, name, text: Option<&str>| match text {
        Some(text) => method_call(spec, name, vec![str_expr(text)]),
        None => spec,
    };
    spec = text(spec, "rust_name", renamed(&p.wire_name, rust_name));
    spec = text(spec, "default", p.default.as_deref());
    spec = text(spec, "python_type", p.raw_type.as_deref());
    text(spec, "doc", p.doc.as_deref())
}

/// The Rust name when it is not the wire name: the constructors take the wire name for both.
fn renamed<'a>(wire_name: &str, rust_name: &'a str) -> Option<&'a str> {
    (wire_name != rust_name).then_some(rust_name)
}

fn raise_spec(r: &Raise) -> Expr {
    let kind = opt_str(r.kind.as_deref());
    let doc = opt_str(r.doc.as_deref());
    call(&["raise"], vec![kind, doc])
}

/// The `TypeSpec` of a model type. `Optional[T]` is the union of `T` and `Null`; a record that
/// was left out for an error (and reported) is `Any`, as it is `Value` in the typed client.
fn type_spec(ty: &Type, records: &Records) -> Expr {
    let variant = |name| path_expr(&["TypeSpec", name]);
    let of = |name, arg| call(&["TypeSpec", name], vec![arg]);
    let t = |ty: &Type| type_spec(ty, records);
    match ty {
        Type::Str | Type::Date | Type::DateTime => variant("String"),
        Type::Int => variant("Integer"),
        Type::Float | Type::Decimal => variant("Number"),
        Type::Bool => variant("Boolean"),
        Type::None => variant("Null"),
        Type::Map { value } => of("Map", reference(t(value))),
        Type::List { item } => of("List", reference(t(item))),
        Type::Optional { inner } => of("Union", slice([t(inner), variant("Null")])),
        Type::Union { variants } => of("Union", slice(variants.iter().map(t))),
        Type::Literal { values } => of("Enum", slice(values.iter().map(|v| str_expr(v)))),
        Type::Record { name } => match records.0.get(name.as_str()) {
            Some(record) => of("Record", reference(record_spec(record, records))),
            None => variant("Any"),
        },
        Type::Json { .. } => variant("Any"),
    }
}

/// A record's spec, written out where it is used: records cannot contain themselves (resolve
/// checks), so this ends.
fn record_spec(record: &ResolvedRecord, records: &Records) -> Expr {
    let fields = record.model.fields.iter().map(|f| {
        let args = vec![
            str_expr(&f.name),
            bool_expr(!f.optional),
            type_spec(&f.ty, records),
            str_expr(&f.raw_type),
        ];
        let field = call(&["field"], args);
        match &f.doc {
            Some(doc) => method_call(field, "doc", vec![str_expr(doc)]),
            None => field,
        }
    });
    call(
        &["record"],
        vec![str_expr(&record.model.name), slice(fields)],
    )
}

/// `Some("text")` or `None`: the prelude's, since nothing else is in scope in the entry's module.
fn opt_str(text: Option<&str>) -> Expr {
    match text {
        Some(text) => call(&["Some"], vec![str_expr(text)]),
        None => path_expr(&["None"]),
    }
}
