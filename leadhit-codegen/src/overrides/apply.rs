//! Applying [`Overrides`] to the lowered model: the one place an override changes the API.
//!
//! Every table must reach something the maps list, or it is an error (overrides cannot rot
//! silently). Names are not checked here: a `rust_name` is recorded on its method, and
//! [`crate::resolve`] decides and checks every name afterwards.

use super::{name_list, table_name, MethodOverride, Overrides, ParamOverride};
use super::{INJECTED_PARAMS_KEY, OVERRIDES_FILE, RECORDS_KEY};
use crate::diagnostics::Diagnostic;
use crate::model::{Api, Field, Method, Node, Optionality, Param, Record, Returns, Type};
use crate::type_text::parse_type;
use std::collections::{BTreeMap, BTreeSet};

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
    api.records = records(overrides);
    let names: BTreeSet<String> = api.records.iter().map(|r| r.name.clone()).collect();
    for node in &mut api.nodes {
        link_node(node, &names);
    }
    diagnostics.extend(unused_records(api));
    diagnostics
}

/// The records the overrides declare, their field types linked to the records they name.
pub fn records(overrides: &Overrides) -> Vec<Record> {
    let names: BTreeSet<String> = overrides.records.keys().cloned().collect();
    let field = |(key, f): &(String, super::FieldOverride)| {
        let mut ty = parse_type(&f.type_text);
        link(&mut ty, &names);
        Field {
            name: key.clone(),
            raw_type: f.type_text.clone(),
            ty,
            optional: f.optional,
            doc: f.doc.clone(),
        }
    };
    overrides
        .records
        .iter()
        .map(|(name, fields)| Record {
            name: name.clone(),
            fields: fields.iter().map(field).collect(),
        })
        .collect()
}

/// Every param and result type of the node that names a record, linked to it.
fn link_node(node: &mut Node, names: &BTreeSet<String>) {
    for method in &mut node.methods {
        for param in method.params.iter_mut().flatten() {
            link(&mut param.ty, names);
        }
        if let Some(returns) = &mut method.returns {
            link(&mut returns.ty, names);
        }
    }
}

/// A type naming a record (`Order`, `list[Order]`) becomes that record's type.
fn link(ty: &mut Type, names: &BTreeSet<String>) {
    match ty {
        Type::Json { raw } if names.contains(raw.trim()) => {
            *ty = Type::Record {
                name: raw.trim().to_owned(),
            }
        }
        Type::Map { value: inner } | Type::List { item: inner } | Type::Optional { inner } => {
            link(inner, names)
        }
        Type::Union { variants } => variants.iter_mut().for_each(|v| link(v, names)),
        _ => {}
    }
}

/// An error for each declared record that no param, result or other record uses.
fn unused_records(api: &Api) -> Vec<Diagnostic> {
    let mut used = BTreeSet::new();
    let types = api.nodes.iter().flat_map(|n| &n.methods).flat_map(|m| {
        let params = m.params.iter().flatten().map(|p| &p.ty);
        params.chain(m.returns.iter().map(|r| &r.ty))
    });
    let fields = api.records.iter().flat_map(|r| &r.fields).map(|f| &f.ty);
    for ty in types.chain(fields) {
        named_records(ty, &mut used);
    }
    api.records
        .iter()
        .filter(|r| !used.contains(r.name.as_str()))
        .map(|r| {
            Diagnostic::error(format!(
                "{OVERRIDES_FILE} declares the record `{}` ([{RECORDS_KEY}.{}]), but no param, result or \
                 other record uses it; name it in a `type` or `returns`, or remove the table",
                r.name, r.name
            ))
        })
        .collect()
}

/// The names of the records `ty` holds.
pub fn named_records<'a>(ty: &'a Type, out: &mut BTreeSet<&'a str>) {
    match ty {
        Type::Record { name } => {
            out.insert(name);
        }
        Type::Map { value: inner } | Type::List { item: inner } | Type::Optional { inner } => {
            named_records(inner, out)
        }
        Type::Union { variants } => variants.iter().for_each(|v| named_records(v, out)),
        _ => {}
    }
}

/// Applies the overrides of one node (if it has any) to it; for `cargo xtask parse`, which
/// looks at one page and must not call every other node stale.
/// Its types are linked to the declared records (see [`records`]), which are not checked for use.
pub fn apply_to_node(node: &mut Node, overrides: &Overrides) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let injected = overrides.injected_params();
    drop_injected(node, &injected);
    if let Some(methods) = overrides.nodes.get(&node.name) {
        apply_methods(node, methods, &injected, &mut diagnostics);
    }
    link_node(node, &overrides.records.keys().cloned().collect());
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
