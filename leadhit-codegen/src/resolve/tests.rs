//! The naming rules and checks of the resolve stage, one test per rule.

use super::*;
use crate::diagnostics::Severity;
use crate::model::samples::{method, param};
use crate::model::{Node, Optionality, Returns, Type};

fn node(name: &str, methods: Vec<Method>) -> Node {
    Node {
        name: name.to_owned(),
        methods,
    }
}

fn run(nodes: Vec<Node>) -> Diagnosed<ResolvedApi> {
    resolve(Api {
        nodes,
        records: Vec::new(),
    })
}

fn literal(values: &[&str]) -> Type {
    Type::Literal {
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

fn messages(d: &Diagnosed<ResolvedApi>, severity: Severity) -> Vec<String> {
    d.diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn node_names_avoid_the_runtime() {
    let r = run(vec![node("client", vec![]), node("order_items", vec![])]);
    let names: Vec<(&str, &str, &str)> = r
        .value
        .nodes
        .iter()
        .map(|n| (n.module.as_str(), n.handle.as_str(), n.command.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("client_node", "Client", "client"),
            ("order_items", "OrderItems", "order-items")
        ]
    );
    assert_eq!(
        messages(&r, Severity::Warning),
        ["the node's module and accessor are named `client_node`: `client` is taken by the runtime"]
    );
}

/// Clashes are checked on the final module names, renames included.
#[test]
fn nodes_clash_on_their_final_module_names() {
    let r = run(vec![node("client", vec![]), node("client_node", vec![])]);
    assert_eq!(r.value.nodes.len(), 1);
    let errors = messages(&r, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("`client` and `client_node`"),
        "{errors:?}"
    );
}

#[test]
fn node_names_that_cannot_be_modules_are_errors() {
    let r = run(vec![node("type", vec![]), node("nul", vec![])]);
    assert!(r.value.nodes.is_empty());
    let errors = messages(&r, Severity::Error);
    assert!(errors[0].contains("is a Rust keyword"), "{errors:?}");
    assert!(errors[1].contains("reserved on Windows"), "{errors:?}");
}

#[test]
fn methods_get_snake_case_names_and_kebab_case_commands() {
    let mut renamed = method("getOrder", None);
    renamed.rust_name = Some("fetch_order".to_owned());
    let r = run(vec![node(
        "orders",
        vec![method("getReport", None), method("type", None), renamed],
    )]);
    let names: Vec<(&str, &str)> = r.value.nodes[0]
        .methods
        .iter()
        .map(|m| (m.name.as_str(), m.command.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("get_report", "get-report"),
            ("r#type", "type"),
            ("fetch_order", "fetch-order")
        ]
    );
}

#[test]
fn unnameable_methods_and_params_are_left_out_with_a_warning() {
    let mut noted = method("заказ", None);
    noted.notes.push(Diagnostic::warning("a docstring problem"));
    let kept = method(
        "get",
        Some(vec![
            param("id", Optionality::Required, Type::Str),
            param("1st", Optionality::Optional, Type::Str),
        ]),
    );
    let r = run(vec![node("orders", vec![noted, kept])]);
    let methods = &r.value.nodes[0].methods;
    assert_eq!(methods.len(), 1);
    let wires: Vec<&str> = methods[0]
        .params()
        .map(|(p, _)| p.wire_name.as_str())
        .collect();
    assert_eq!(wires, ["id"], "the model loses the param too");
    let warnings = messages(&r, Severity::Warning);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("skipped: the name cannot become"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("param `1st` skipped"),
        "{warnings:?}"
    );
    let located = &r.diagnostics[1];
    assert_eq!(
        (
            located.node.as_deref(),
            located.method.as_deref(),
            located.line
        ),
        (Some("orders"), Some("get"), Some(3))
    );
}

#[test]
fn method_clashes_say_whether_an_override_made_them() {
    let r = run(vec![node(
        "orders",
        vec![method("get_order", None), method("getOrder", None)],
    )]);
    assert!(messages(&r, Severity::Error)[0].contains("rename one with an override"));
    let mut renamed = method("list", None);
    renamed.rust_name = Some("get_order".to_owned());
    let r = run(vec![node(
        "orders",
        vec![method("get_order", None), renamed],
    )]);
    let errors = messages(&r, Severity::Error);
    assert!(
        errors[0].contains("once overrides.toml is applied"),
        "{errors:?}"
    );
    assert_eq!(r.value.nodes[0].methods.len(), 1);
}

#[test]
fn setters_keep_clear_of_request_methods_and_of_each_other() {
    let m = method(
        "list",
        Some(vec![
            param("send", Optionality::Optional, Type::Str),
            param("limit", Optionality::Unknown, Type::Int),
            param("id", Optionality::Required, Type::Str),
        ]),
    );
    let r = run(vec![node("orders", vec![m])]);
    let setters: Vec<Option<&str>> = r.value.nodes[0].methods[0]
        .params
        .iter()
        .map(|p| p.setter.as_ref().map(Name::as_str))
        .collect();
    assert_eq!(setters, [Some("set_send"), Some("limit"), None]);

    let m = method(
        "list",
        Some(vec![
            param("send", Optionality::Optional, Type::Str),
            param("set_send", Optionality::Optional, Type::Str),
        ]),
    );
    let r = run(vec![node("orders", vec![m])]);
    let errors = messages(&r, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("both have the setter `set_send`"),
        "{errors:?}"
    );
}

#[test]
fn params_clash_on_their_rust_names() {
    let m = method(
        "list",
        Some(vec![
            param("order-id", Optionality::Required, Type::Str),
            param("order_id", Optionality::Required, Type::Str),
        ]),
    );
    let r = run(vec![node("orders", vec![m])]);
    let errors = messages(&r, Severity::Error);
    assert!(
        errors[0].contains("both map to the Rust name `order_id`"),
        "{errors:?}"
    );
}

#[test]
fn markers_follow_the_params() {
    let mut extra = method("extra", Some(vec![]));
    extra.extra_args = true;
    let methods = vec![
        method("unknown", None),
        method("none", Some(vec![])),
        extra,
        method(
            "some",
            Some(vec![param("x", Optionality::Optional, Type::Int)]),
        ),
    ];
    let r = run(vec![node("orders", methods)]);
    let markers: Vec<&Marker> = r.value.nodes[0].methods.iter().map(|m| &m.marker).collect();
    assert_eq!(
        markers,
        [
            &Marker::RawParams,
            &Marker::Unit,
            &Marker::RawParams,
            &Marker::Setters(Name::new("Some").unwrap())
        ]
    );
}

/// Enums are named for the method and what they type, in the order the method's code names
/// them (result, required params, setters); values that make no distinct identifiers stay text.
#[test]
fn literal_enums_are_named_here() {
    let mut m = method(
        "set_status",
        Some(vec![
            param("mode", Optionality::Optional, literal(&["a", "b"])),
            param("status", Optionality::Required, literal(&["paid", "new"])),
            param("same", Optionality::Required, literal(&["x-y", "x_y"])),
        ]),
    );
    m.returns = Some(Returns {
        raw_type: None,
        ty: Type::List {
            item: Box::new(literal(&["ok"])),
        },
        doc: None,
    });
    let r = run(vec![node("orders", vec![m])]);
    let m = &r.value.nodes[0].methods[0];
    let enums: Vec<(&str, bool)> = m
        .enums
        .iter()
        .map(|e| (e.name.as_str(), e.other.is_some()))
        .collect();
    // Only the result's enum is open to values the maps do not list.
    assert_eq!(
        enums,
        [
            ("SetStatusOutput", true),
            ("SetStatusStatus", false),
            ("SetStatusMode", false)
        ]
    );
    assert_eq!(m.enums[0].other, Name::new("Other"));
    assert_eq!(
        m.enums[1].of,
        EnumOf::Param {
            name: "status".to_owned()
        }
    );
    assert_eq!(m.params[2].ty, RustType::String);
    let variants: Vec<(&str, &str)> = m.enums[1]
        .variants
        .iter()
        .map(|(v, w)| (v.as_str(), w.as_str()))
        .collect();
    assert_eq!(variants, [("Paid", "paid"), ("New", "new")]);
}

#[test]
fn generated_types_may_not_clash() {
    // The marker of method `orders` would be `Orders`, the node's handle.
    let m = method(
        "orders",
        Some(vec![param("x", Optionality::Optional, Type::Int)]),
    );
    let r = run(vec![node("orders", vec![m])]);
    let errors = messages(&r, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("`Orders` clashes with one made for the handle of node `orders`"),
        "{errors:?}"
    );
    assert!(r.value.nodes[0].methods.is_empty());
}
