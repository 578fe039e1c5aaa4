//! The pipeline one node at a time, so that a run can build and emit again only the nodes whose
//! inputs changed.
//!
//! [`build_api`](crate::build_api) takes every page at once, but what one node's files hold
//! depends only on its page, its own tables in the overrides and what the overrides say for
//! every node (the injected params, the records). Of the other nodes it needs only that no two
//! map to one module and that each declared record is used by some node. So each node is built
//! alone ([`build_nodes`]) into a [`NodeSummary`] a caller may keep, and [`assemble`] puts the
//! summaries together with the diagnostics `build_api` would report, in the same order (each
//! stage's for every node before the next stage's). Any error, on one node or across nodes,
//! makes `assemble` give up: the caller then runs `build_api`, which reports every problem as
//! usual. A test keeps the two paths equal.

use crate::diagnostics::{has_errors, Diagnostic};
use crate::emit::NodeOutline;
use crate::lower::lower_node;
use crate::model::Node;
use crate::overrides::{apply_to_node, named_records, records, Overrides};
use crate::parallel::parallel_map;
use crate::resolve::{resolve_node, resolve_records, Records, ResolvedNode, ResolvedRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the overrides say for every node, resolved once per run.
pub struct Prepared {
    records: Records,
    /// The records some record's field names.
    used_by_records: BTreeSet<String>,
}

/// Resolves the records `overrides` declares; every node is built against them.
pub fn prepare(overrides: &Overrides) -> Prepared {
    let records = records(overrides);
    let mut used = BTreeSet::new();
    for field in records.iter().flat_map(|r| &r.fields) {
        named_records(&field.ty, &mut used);
    }
    let used_by_records = used.into_iter().map(str::to_owned).collect();
    Prepared {
        records: resolve_records(records),
        used_by_records,
    }
}

/// One node built alone: what the whole needs of it, and the node to emit.
pub struct NodeBuild {
    pub summary: NodeSummary,
    /// `None` when the page is not a usable map or its name cannot be a module (errors say so).
    pub node: Option<ResolvedNode>,
}

/// What assembling the API needs of one node, once it is built: kept between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeSummary {
    pub name: String,
    pub outline: Option<NodeOutline>,
    /// Its methods, as resolved.
    pub methods: usize,
    /// Its diagnostics by stage: lowering the page, applying the overrides, resolving names.
    pub lowered: Vec<Diagnostic>,
    pub applied: Vec<Diagnostic>,
    pub resolved: Vec<Diagnostic>,
    /// The declared records its params and results name.
    pub records_used: Vec<String>,
}

/// Builds each `(node, page)` alone, on every core, in the order given.
pub fn build_nodes(
    pages: &[(&str, &[u8])],
    overrides: &Overrides,
    prepared: &Prepared,
) -> Vec<NodeBuild> {
    parallel_map(pages, |(name, page)| {
        build_node(name, page, overrides, prepared)
    })
}

fn build_node(name: &str, page: &[u8], overrides: &Overrides, prepared: &Prepared) -> NodeBuild {
    let mut summary = NodeSummary {
        name: name.to_owned(),
        outline: None,
        methods: 0,
        lowered: Vec::new(),
        applied: Vec::new(),
        resolved: Vec::new(),
        records_used: Vec::new(),
    };
    let Some(mut node) = lower_node(name, page, &mut summary.lowered) else {
        return NodeBuild {
            summary,
            node: None,
        };
    };
    summary.applied = apply_to_node(&mut node, overrides);
    summary.records_used = records_used(&node);
    let (node, resolved) = resolve_node(node, &prepared.records);
    summary.resolved = resolved;
    summary.outline = node.as_ref().map(NodeOutline::of);
    summary.methods = node.as_ref().map_or(0, |n| n.methods.len());
    NodeBuild { summary, node }
}

fn records_used(node: &Node) -> Vec<String> {
    let mut used = BTreeSet::new();
    for method in &node.methods {
        for param in method.params.iter().flatten() {
            named_records(&param.ty, &mut used);
        }
        if let Some(returns) = &method.returns {
            named_records(&returns.ty, &mut used);
        }
    }
    used.into_iter().map(str::to_owned).collect()
}

/// The whole API put together from every node's summary (in page order, every page).
pub struct Assembled {
    /// What `build_api` reports for the same inputs, in its order.
    pub diagnostics: Vec<Diagnostic>,
    pub outlines: Vec<NodeOutline>,
    pub records: Vec<ResolvedRecord>,
    pub methods: usize,
}

/// Puts the nodes together; `None` when anything is an error (then `build_api` reports it).
pub fn assemble(
    nodes: &[&NodeSummary],
    overrides: &Overrides,
    prepared: &Prepared,
) -> Option<Assembled> {
    let stage = |of: fn(&NodeSummary) -> &Vec<Diagnostic>| nodes.iter().flat_map(move |n| of(n));
    let diagnostics: Vec<Diagnostic> = stage(|n| &n.lowered)
        .chain(stage(|n| &n.applied))
        .chain(&prepared.records.diagnostics)
        .chain(stage(|n| &n.resolved))
        .cloned()
        .collect();
    if has_errors(&diagnostics) {
        return None;
    }
    let outlines: Vec<NodeOutline> = nodes
        .iter()
        .map(|n| n.outline.clone())
        .collect::<Option<_>>()?;
    // Tables for a node without a page, two nodes with one module, a record no one uses: the
    // errors `build_api` finds across nodes.
    let names: BTreeSet<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
    let modules: BTreeSet<&str> = outlines.iter().map(|o| o.module.as_str()).collect();
    let used: BTreeSet<&str> = nodes
        .iter()
        .flat_map(|n| &n.records_used)
        .chain(&prepared.used_by_records)
        .map(String::as_str)
        .collect();
    let unused = overrides.records.keys().any(|r| !used.contains(r.as_str()));
    let orphan = overrides.nodes.keys().any(|n| !names.contains(n.as_str()));
    if unused || orphan || modules.len() != outlines.len() {
        return None;
    }
    Some(Assembled {
        diagnostics,
        outlines,
        records: prepared.records.records.clone(),
        methods: nodes.iter().map(|n| n.methods).sum(),
    })
}

#[cfg(test)]
mod tests;
