//! Applying [`Overrides`] to the lowered model: the one place an override changes the API.
//!
//! Every table must reach something the maps list, or it is an error (overrides cannot rot
//! silently). Names are not checked here: a `rust_name` is recorded on its method, and
//! [`crate::resolve`] decides and checks every name afterwards.

use super::{name_list, table_name, MethodOverride, Overrides, ParamOverride};
use super::{INJECTED_PARAMS_KEY, OVERRIDES_FILE};
use crate::diagnostics::Diagnostic;
use crate::model::{Api, Method, Node, Optionality, Param, Returns, Type};
use crate::type_text::parse_type;
use std::collections::BTreeMap;

/// Applies the overrides to every node of the model. `paged` names every node that has a map
/// page: a table for one of those that is not in the model (its page is not a map) is left
/// alone, since the page's own error says why; a table for a node with no page is an error.
pub fn apply(api: &mut Api, overrides: &Overrides, paged: &[&str]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let injected = overrides.injected_params();
    for node in &mut api.nodes {
        drop_injected(node, &injected);
    }
    for (node_name, methods) in &overrides.nodes {
        match api.nodes.iter_mut().find(|n| n.name == *node_name) {
            Some(node) => apply_methods(node, methods, &injected, &mut diagnostics),
            None if paged.contains(&node_name.as_str()) => {}
            None => diagnostics.push(
                Diagnostic::error(format!(
                    "{OVERRIDES_FILE} has tables for node `{node_name}`, which has no map page; \
                     remove them, or fetch the node"
                ))
                .on_node(node_name),
            ),
        }
    }
    diagnostics
}

/// Applies the overrides of one node (if it has any) to it; for `cargo xtask parse`, which
/// looks at one page and must not call every other node stale.
pub fn apply_to_node(node: &mut Node, overrides: &Overrides) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let injected = overrides.injected_params();
    drop_injected(node, &injected);
    if let Some(methods) = overrides.nodes.get(&node.name) {
        apply_methods(node, methods, &injected, &mut diagnostics);
    }
    diagnostics
}

/// Removes the params the server injects itself from every documented signature.
fn drop_injected(node: &mut Node, injected: &[&str]) {
    for method in &mut node.methods {
        if let Some(params) = &mut method.params {
            params.retain(|p| !injected.contains(&p.wire_name.as_str()));
        }
    }
}

fn apply_methods(
    node: &mut Node,
    methods: &BTreeMap<String, MethodOverride>,
    injected: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (wire, method_override) in methods {
        let Some(index) = node.methods.iter().position(|m| m.wire_name == *wire) else {
            diagnostics.push(
                Diagnostic::error(format!(
                    "{OVERRIDES_FILE} has a table for this method ({}), but the map does not list it; \
                     remove the table",
                    table_name(&node.name, wire)
                ))
                .on_node(&node.name)
                .on_method(wire),
            );
            continue;
        };
        if method_override.skip {
            // Out before anything is checked about it: its notes go with it, unreported.
            node.methods.remove(index);
            continue;
        }
        let method = &mut node.methods[index];
        let line = method.line;
        let mut problems = Vec::new();
        apply_method(method, method_override, injected, &mut problems);
        diagnostics.extend(problems.into_iter().map(|message| {
            Diagnostic::error(message)
                .on_node(&node.name)
                .on_method(wire)
                .at_line(line)
        }));
    }
}

fn apply_method(
    method: &mut Method,
    o: &MethodOverride,
    injected: &[&str],
    problems: &mut Vec<String>,
) {
    if let Some(rust_name) = &o.rust_name {
        method.rust_name = Some(rust_name.clone());
    }
    if let Some(text) = &o.returns {
        method.returns = Some(Returns {
            raw_type: Some(text.clone()),
            ty: parse_type(text),
            doc: method.returns.take().and_then(|r| r.doc),
        });
    }
    if o.params.is_empty() {
        return;
    }
    match &mut method.params {
        Some(params) => retype_params(params, &o.params, problems),
        // The docstring documents no params: the overrides are the signature.
        None => method.params = Some(create_params(&o.params, injected, problems)),
    }
}

/// Applies param tables to documented params; a table naming no documented param is an error.
fn retype_params(
    params: &mut [Param],
    overrides: &[(String, ParamOverride)],
    problems: &mut Vec<String>,
) {
    for (wire, po) in overrides {
        match params.iter_mut().find(|p| p.wire_name == *wire) {
            Some(param) => apply_param(param, po),
            None => problems.push(format!(
                "{OVERRIDES_FILE} has a table for param `{wire}`, but the docstring documents no such param \
                 (it documents {}); fix the name or remove the table",
                name_list(params.iter().map(|p| p.wire_name.as_str()))
            )),
        }
    }
}

/// The params of a method whose docstring documents none, from its param tables.
fn create_params(
    overrides: &[(String, ParamOverride)],
    injected: &[&str],
    problems: &mut Vec<String>,
) -> Vec<Param> {
    let mut created = Vec::with_capacity(overrides.len());
    for (wire, po) in overrides {
        if injected.contains(&wire.as_str()) {
            problems.push(format!(
                "{OVERRIDES_FILE} gives the method param `{wire}`, which the server injects itself \
                 (`{INJECTED_PARAMS_KEY}`); remove the table"
            ));
            continue;
        }
        let mut param = Param {
            wire_name: wire.clone(),
            raw_type: None,
            ty: Type::unknown(),
            optional: Optionality::Unknown,
            default: None,
            doc: None,
        };
        apply_param(&mut param, po);
        created.push(param);
    }
    created
}

fn apply_param(param: &mut Param, o: &ParamOverride) {
    if let Some(text) = &o.type_text {
        param.raw_type = Some(text.clone());
        param.ty = parse_type(text);
    }
    if let Some(values) = &o.values {
        let ty = Type::Literal {
            values: values.clone(),
        };
        // The Python spelling, so the model's `raw_type` reads like documented type text.
        param.raw_type = Some(ty.python_text());
        param.ty = ty;
    }
    if let Some(optional) = o.optional {
        param.optional = if optional {
            Optionality::Optional
        } else {
            Optionality::Required
        };
    }
    if let Some(default) = &o.default {
        param.default = Some(default.clone());
    }
    if let Some(doc) = &o.doc {
        param.doc = Some(doc.clone());
    }
}
