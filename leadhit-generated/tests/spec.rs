//! `leadhit::spec` against the model it was generated from: the shipped crate's table lists
//! every node, method and param of `maps-cache/` exactly as the generator resolved them.

use leadhit::spec::{self, MethodSpec, ParamSpec, TypeSpec, NODES};
use leadhit_codegen::{load_cache, Param, ResolvedApi, ResolvedMethod, Type};
use std::path::Path;

fn model() -> ResolvedApi {
    let cache = Path::new(env!("CARGO_MANIFEST_DIR")).join("../maps-cache");
    let api = load_cache(&cache).expect("maps-cache/ loads");
    assert!(!api.has_errors(), "{:?}", api.diagnostics);
    api.value
}

/// Whether `spec` describes `ty`, as the wire sees it.
fn describes(spec: &TypeSpec, ty: &Type, api: &ResolvedApi) -> bool {
    match (spec, ty) {
        (TypeSpec::String, Type::Str | Type::Date | Type::DateTime)
        | (TypeSpec::Integer, Type::Int)
        | (TypeSpec::Number, Type::Float | Type::Decimal)
        | (TypeSpec::Boolean, Type::Bool)
        | (TypeSpec::Null, Type::None)
        | (TypeSpec::Any, Type::Json { .. }) => true,
        (TypeSpec::List(s), Type::List { item }) => describes(s, item, api),
        (TypeSpec::Map(s), Type::Map { value }) => describes(s, value, api),
        (TypeSpec::Enum(values), Type::Literal { values: model }) => values == model,
        (TypeSpec::Union([s, TypeSpec::Null]), Type::Optional { inner }) => {
            describes(s, inner, api)
        }
        (TypeSpec::Union(specs), Type::Union { variants }) => {
            specs.len() == variants.len()
                && specs
                    .iter()
                    .zip(variants)
                    .all(|(s, t)| describes(s, t, api))
        }
        (TypeSpec::Record(record), Type::Record { name }) => {
            let Some(model) = api.records.iter().find(|r| &r.model.name == name) else {
                return false;
            };
            record.name == name
                && record.fields.len() == model.model.fields.len()
                && record.fields.iter().zip(&model.model.fields).all(|(f, m)| {
                    f.name == m.name
                        && f.required != m.optional
                        && f.python_type == m.raw_type
                        && f.doc == m.doc.as_deref()
                        && describes(&f.ty, &m.ty, api)
                })
        }
        // A record left out for an error is any value, as in the typed client.
        (TypeSpec::Any, Type::Record { name }) => {
            !api.records.iter().any(|r| &r.model.name == name)
        }
        _ => false,
    }
}

fn assert_param(spec: &ParamSpec, model: &Param, rust_name: &str, api: &ResolvedApi) {
    assert_eq!(spec.name, model.wire_name);
    assert_eq!(spec.rust_name, rust_name);
    assert_eq!(
        spec.required,
        model.optional == leadhit_codegen::Optionality::Required
    );
    assert_eq!(spec.default, model.default.as_deref());
    assert_eq!(spec.python_type, model.raw_type.as_deref());
    assert_eq!(spec.doc, model.doc.as_deref());
    assert!(
        describes(&spec.ty, &model.ty, api),
        "{spec:?} for {model:?}"
    );
}

fn assert_method(spec: &MethodSpec, m: &ResolvedMethod, api: &ResolvedApi) {
    let model = &m.model;
    assert_eq!(spec.name, model.wire_name);
    assert_eq!(spec.rust_name, m.name.as_str());
    assert_eq!(spec.command, m.command);
    assert_eq!(spec.summary, model.summary.as_deref());
    assert_eq!(spec.description, model.doc.as_deref());
    assert_eq!(spec.extra_args, model.extra_args);
    assert_eq!(spec.deprecated, model.deprecated.is_some());
    assert_eq!(spec.deprecation, model.deprecated.as_deref());
    match (spec.params, &model.params) {
        (None, None) => {}
        (Some(params), Some(_)) => {
            assert_eq!(params.len(), m.params.len(), "{}", spec.name);
            for (p, (model, resolved)) in params.iter().zip(m.params()) {
                assert_param(p, model, resolved.name.as_str(), api);
            }
        }
        (params, model) => panic!("{}: params {params:?} for {model:?}", spec.name),
    }
    match (&spec.returns, &model.returns) {
        (None, None) => {}
        (Some(s), Some(r)) => {
            assert!(describes(s, &r.ty, api), "{s:?} for {r:?}");
            assert_eq!(spec.returns_python_type, r.raw_type.as_deref());
            assert_eq!(spec.returns_doc, r.doc.as_deref());
        }
        (s, r) => panic!("{}: returns {s:?} for {r:?}", spec.name),
    }
    let raises: Vec<_> = spec.raises.iter().map(|r| (r.kind, r.doc)).collect();
    let documented: Vec<_> = model
        .raises
        .iter()
        .map(|r| (r.kind.as_deref(), r.doc.as_deref()))
        .collect();
    assert_eq!(raises, documented);
}

#[test]
fn the_table_lists_every_node_method_and_param_of_the_maps() {
    let api = model();
    assert!(!api.nodes.is_empty(), "maps-cache/ holds maps");
    let nodes: Vec<&str> = NODES.iter().map(|n| n.name).collect();
    let modelled: Vec<&str> = api.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(nodes, modelled);
    for (spec, node) in NODES.iter().zip(&api.nodes) {
        assert_eq!(spec.rust_name, node.module.as_str());
        assert_eq!(spec.command, node.command);
        assert_eq!(spec.methods.len(), node.methods.len(), "{}", node.name);
        for (method, m) in spec.methods.iter().zip(&node.methods) {
            assert_method(method, m, &api);
        }
    }
}

#[test]
fn methods_are_found_by_wire_names() {
    for node in NODES {
        assert_eq!(spec::node(node.name), Some(node));
        for method in node.methods {
            assert_eq!(spec::method(node.name, method.name), Some(method));
            assert_eq!(node.method(method.name), Some(method));
        }
    }
    let orders = spec::method("orders", "set_order_status").expect("the documented method");
    assert_eq!(orders.rust_name, "set_order_status");
    assert_eq!(spec::method("orders", "set-order-status"), None);
    assert_eq!(spec::method("no_such_node", "set_order_status"), None);
    assert_eq!(spec::node("no_such_node"), None);
}

#[test]
fn a_nullable_type_names_the_type_besides_null() {
    static INT: TypeSpec = TypeSpec::Integer;
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Integer, TypeSpec::Null]).non_null(),
        Some(&INT)
    );
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Null, TypeSpec::Integer]).non_null(),
        Some(&INT)
    );
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Integer, TypeSpec::String]).non_null(),
        None
    );
    assert_eq!(TypeSpec::Integer.non_null(), None);
}
