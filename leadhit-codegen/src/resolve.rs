//! The model, overrides applied → the [`ResolvedApi`]: every Rust name the generated code uses,
//! decided once, and every check on names made.
//!
//! **Invariants.** This is the only place a Rust name is chosen: node modules, handle types and
//! accessors (renamed `<name>_node` where the runtime owns the name), methods, params, setters
//! (`set_<name>` where the runtime's `Request` owns the name), per-method marker types, enums
//! and their variants (and whether an enum is open to values the maps do not list), the
//! records `overrides.toml` declares and their fields, and the kebab-case command names a
//! command-line client would use. Every
//! clash and every name that cannot be Rust is reported here, located by node, method and map
//! line, and all of them together. What it hands on holds only [`Name`]s, which are valid
//! identifiers by construction, so an emitter reading a `ResolvedApi` cannot fail and renames
//! nothing. An item with an error is left out of the result, and nothing may be generated from a
//! result whose diagnostics hold an error.
//!
//! Resolution does not read pages or overrides: a `skip` has already removed its method, and a
//! `rust_name` is on the method it names ([`Method::rust_name`]).

mod method;
mod name;
mod record;
mod rust_type;

pub use name::{Name, RUNTIME_MODULES, RUNTIME_TYPES};
pub use record::{ResolvedField, ResolvedRecord};
pub use rust_type::{EnumOf, LiteralEnum, RustType};

use crate::cache::is_reserved_file_stem;
use crate::diagnostics::{Diagnosed, Diagnostic};
use crate::model::{Api, Method, Param};
use crate::names::{rust_ident, type_ident};
use crate::parallel::parallel_map_owned;
use name::CLIENT_METHODS;
use std::collections::BTreeMap;

/// The API with every generated name decided; nodes and records in model order (sorted by name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResolvedApi {
    pub nodes: Vec<ResolvedNode>,
    pub records: Vec<ResolvedRecord>,
}

/// One node and the names made for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedNode {
    /// The URL path segment, e.g. `orders`.
    pub name: String,
    /// The node's module (and file) and its accessor on `Client`: `orders`, or `client_node`
    /// where the runtime already has a `client`.
    pub module: Name,
    /// The node's handle type, e.g. `Orders`.
    pub handle: Name,
    /// The node's command name in kebab case, e.g. `order-items`.
    pub command: String,
    /// Methods in page order.
    pub methods: Vec<ResolvedMethod>,
}

/// One method, its model and the names made for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMethod {
    /// The method as the maps and overrides describe it. Its params are exactly those in
    /// [`ResolvedMethod::params`], in the same order (a param whose name cannot be Rust is
    /// left out of both).
    pub model: Method,
    /// The method on the node handle, e.g. `get_report` or `r#type`.
    pub name: Name,
    /// The method's command name in kebab case, e.g. `get-report`.
    pub command: String,
    /// The marker type of the requests the method returns.
    pub marker: Marker,
    /// One per param of `model.params`, in the same order.
    pub params: Vec<ResolvedParam>,
    /// The type the result is deserialised into.
    pub returns: RustType,
    /// The enums the method's types made: its result's first, then its required params' and
    /// its optional params', each in documented order.
    pub enums: Vec<LiteralEnum>,
}

/// What the request a method returns is marked with, which decides the calls it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `()`: every param is an argument.
    Unit,
    /// `RawParams`: the params are unknown (or extra), set with `.params(...)`.
    RawParams,
    /// A per-method marker type, named here, whose requests have the optional params' setters.
    Setters(Name),
}

/// One param and the names made for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedParam {
    /// The argument's name, e.g. `order_id` or `self_`.
    pub name: Name,
    /// `Some` for a param the caller may leave out: the name of its setter on the request
    /// (the argument name, or `set_<name>` where `Request` already has the method).
    pub setter: Option<Name>,
    pub ty: RustType,
}

impl ResolvedMethod {
    /// Each param of the model with its resolved names, in documented order.
    pub fn params(&self) -> impl Iterator<Item = (&Param, &ResolvedParam)> {
        self.model.params.iter().flatten().zip(&self.params)
    }
}

/// Resolves every name of `api`. Items with errors are left out; every problem is reported.
///
/// Node names are decided first, one node after another (their clashes span nodes); then each
/// node's methods, which only clash within their node, on every core. Diagnostics come in node
/// order either way.
pub fn resolve(api: Api) -> Diagnosed<ResolvedApi> {
    let mut diagnostics = Vec::new();
    let (records, record_names) = record::resolve_records(api.records, &mut diagnostics);
    let mut named = Vec::with_capacity(api.nodes.len());
    let mut modules: BTreeMap<Name, String> = BTreeMap::new();
    for node in api.nodes {
        let Some(names) = node_names(&node.name, &mut diagnostics) else {
            continue;
        };
        if let Some(other) = modules.get(&names.module) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "nodes `{other}` and `{}` both map to the Rust name `{}`",
                    node.name, names.module
                ))
                .on_node(&node.name),
            );
            continue;
        }
        modules.insert(names.module.clone(), node.name.clone());
        named.push((node, names));
    }
    let resolved = parallel_map_owned(named, |(node, names)| {
        resolve_named(node, names, &record_names)
    });
    let mut nodes = Vec::with_capacity(resolved.len());
    for (node, node_diagnostics) in resolved {
        diagnostics.extend(node_diagnostics);
        nodes.push(node);
    }
    Diagnosed {
        value: ResolvedApi { nodes, records },
        diagnostics,
    }
}

/// One node's methods resolved, once its names are known: its diagnostics are the methods', then
/// the module's renaming, then the checks made once all methods are named.
fn resolve_named(
    node: crate::model::Node,
    names: NodeNames,
    record_names: &BTreeMap<String, Name>,
) -> (ResolvedNode, Vec<Diagnostic>) {
    let methods = method::resolve_methods(&node.name, &names.handle, record_names, node.methods);
    let mut diagnostics = methods.diagnostics;
    diagnostics.extend(names.renamed.map(|d| d.on_node(&node.name)));
    diagnostics.extend(methods.late);
    let node = ResolvedNode {
        name: node.name,
        module: names.module,
        handle: names.handle,
        command: names.command,
        methods: methods.value,
    };
    (node, diagnostics)
}

/// The records `overrides.toml` declares, resolved, and the type name each took; what every
/// node's methods are resolved against. For building one node at a time ([`resolve_node`]).
pub(crate) struct Records {
    pub records: Vec<ResolvedRecord>,
    names: BTreeMap<String, Name>,
    pub diagnostics: Vec<Diagnostic>,
}

pub(crate) fn resolve_records(records: Vec<crate::model::Record>) -> Records {
    let mut diagnostics = Vec::new();
    let (records, names) = record::resolve_records(records, &mut diagnostics);
    Records {
        records,
        names,
        diagnostics,
    }
}

/// One node resolved alone, as [`resolve`] resolves it among the others: the same names and the
/// same diagnostics, its name errors first. Whether its module clashes with another node's is
/// for the caller to check. `None` when its name cannot be a module.
pub(crate) fn resolve_node(
    node: crate::model::Node,
    records: &Records,
) -> (Option<ResolvedNode>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(names) = node_names(&node.name, &mut diagnostics) else {
        return (None, diagnostics);
    };
    let (node, mut rest) = resolve_named(node, names, &records.names);
    diagnostics.append(&mut rest);
    (Some(node), diagnostics)
}

/// The names of one node.
struct NodeNames {
    module: Name,
    handle: Name,
    command: String,
    /// The warning that the module was renamed to keep clear of the runtime's names.
    renamed: Option<Diagnostic>,
}

fn node_names(node: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<NodeNames> {
    let mut refuse = |message: String| diagnostics.push(Diagnostic::error(message).on_node(node));
    let ident = match rust_ident(node) {
        // The module is written to `<module>.rs`, which must be a file on every system.
        Ok(ident) if is_reserved_file_stem(&ident) => {
            refuse(format!(
                "node name `{node}` makes the module `{ident}`, whose file `{ident}.rs` is reserved on Windows"
            ));
            return None;
        }
        Ok(ident) if !ident.starts_with("r#") => ident,
        Ok(ident) => {
            refuse(format!(
                "node name `{node}` is a Rust keyword (`{ident}`), which cannot name a module"
            ));
            return None;
        }
        Err(e) => {
            refuse(format!(
                "node name `{node}` cannot become a Rust identifier: {e}"
            ));
            return None;
        }
    };
    let taken =
        RUNTIME_MODULES.contains(&ident.as_str()) || CLIENT_METHODS.contains(&ident.as_str());
    let renamed = taken.then(|| {
        Diagnostic::warning(format!(
            "the node's module and accessor are named `{ident}_node`: `{ident}` is taken by the runtime"
        ))
    });
    let module = if taken {
        format!("{ident}_node")
    } else {
        ident.clone()
    };
    let names = Name::new(&module).zip(type_ident(&ident).ok().as_deref().and_then(Name::new));
    let Some((module, handle)) = names else {
        refuse(format!(
            "node name `{node}` cannot become a Rust identifier"
        ));
        return None;
    };
    Some(NodeNames {
        command: ident.replace('_', "-"),
        module,
        handle,
        renamed,
    })
}

#[cfg(test)]
mod tests;
