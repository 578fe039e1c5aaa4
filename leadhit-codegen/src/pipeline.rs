//! Pages + overrides → model: the one way every command builds the API from a cache.
//!
//! `cargo xtask codegen`, `check`, `parse` and `diff` all come through here, so a method
//! looks the same to each of them: lowered with the overrides' lowering options, then with
//! the overrides applied. [`build_api`] takes pages already in memory, so `diff` can feed it the
//! pages of a git revision; [`load_cache`] reads a `maps-cache/` folder.
//!
//! Overrides are applied to the lowered model, except `skip` and `rust_name`, which lowering
//! itself takes (through `lower::Options`) so that they can settle a method whose own name
//! clashes or cannot be an identifier; other overrides cannot reach such a method.

use crate::cache::read_pages;
use crate::diagnostics::Diagnostic;
use crate::lower::{lower_api, lower_node, Lowered};
use crate::model::{Api, Node};
use crate::overrides::{apply, apply_to_node, Overrides, OverridesError, OVERRIDES_FILE};
use crate::scrape::scrape;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// Why a cache could not be read into a model at all (problems *in* the maps are diagnostics).
/// The message includes the cause, so it is not chained again as a `source`.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("reading {}: {error}", .path.display())]
    Io { path: PathBuf, error: io::Error },
    #[error("{}: {error}", .path.display())]
    Overrides {
        path: PathBuf,
        error: OverridesError,
    },
}

/// The model of `(node, page)` pairs with `overrides` applied, and every diagnostic of building
/// it (the overrides' among them).
pub fn build_api(pages: &[(String, Vec<u8>)], overrides: &Overrides) -> Lowered<Api> {
    let mut lowered = lower_api(pages, &overrides.options());
    let applicable = settle_unlowered(
        pages,
        &lowered.value.nodes,
        overrides,
        &mut lowered.diagnostics,
    );
    lowered
        .diagnostics
        .extend(apply(&mut lowered.value, &applicable));
    lowered
}

/// One node's model with its overrides applied (only that node's tables, so the rest of the
/// file is not reported stale); for looking at one page.
pub fn build_node(name: &str, page: &[u8], overrides: &Overrides) -> Lowered<Option<Node>> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut node = lower_node(name, page, &overrides.options(), &mut diagnostics);
    let pages = [(name.to_owned(), page.to_vec())];
    let applicable = settle_unlowered(&pages, node.as_slice(), overrides, &mut diagnostics);
    if let Some(node) = &mut node {
        diagnostics.extend(apply_to_node(node, &applicable));
    }
    Lowered {
        value: node,
        diagnostics,
    }
}

/// Deals with the tables that name something on a page which lowering left out of the model,
/// and returns the rest for [`apply`]:
///
/// - a node whose page is not a map: its tables are dropped (the page's error says why);
/// - a method lowering dropped (its name has no identifier, or clashes with an earlier one):
///   `skip = true` is honoured (it is out, as asked); any other override is an error, since it
///   cannot reach a method the model does not have.
///
/// Diagnostics about a skipped method are removed too: it is not generated, so its problems
/// are not the user's any more.
fn settle_unlowered(
    pages: &[(String, Vec<u8>)],
    lowered: &[Node],
    overrides: &Overrides,
    diagnostics: &mut Vec<Diagnostic>,
) -> Overrides {
    let mut applicable = overrides.clone();
    for (node_name, bytes) in pages {
        let Some(methods) = applicable.nodes.get_mut(node_name) else {
            continue;
        };
        let Some(node) = lowered.iter().find(|n| n.name == *node_name) else {
            applicable.nodes.remove(node_name);
            continue;
        };
        let listed: BTreeSet<String> = scrape(bytes)
            .map(|s| s.entries.into_iter().map(|e| e.name).collect())
            .unwrap_or_default();
        let unlowered: Vec<String> = methods
            .keys()
            .filter(|wire| {
                listed.contains(*wire) && !node.methods.iter().any(|m| m.wire_name == **wire)
            })
            .cloned()
            .collect();
        for wire in unlowered {
            if methods.remove(&wire).is_some_and(|o| !o.skip) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "{OVERRIDES_FILE} has a table for this method, but lowering left the method out \
                         (see its other diagnostics), so only `skip = true` or a `rust_name` can apply to it"
                    ))
                    .on_node(node_name)
                    .on_method(&wire),
                );
            }
        }
        let skipped: BTreeSet<&str> = overrides.nodes[node_name]
            .iter()
            .filter(|(_, o)| o.skip)
            .map(|(wire, _)| wire.as_str())
            .collect();
        diagnostics.retain(|d| {
            !(d.node.as_deref() == Some(node_name.as_str())
                && d.method.as_deref().is_some_and(|m| skipped.contains(m)))
        });
    }
    applicable
}

/// Parses `overrides.toml` text; `path` only names the file in the error.
pub fn parse_overrides(text: &str, path: &Path) -> Result<Overrides, LoadError> {
    Overrides::parse(text).map_err(|error| LoadError::Overrides {
        path: path.to_owned(),
        error,
    })
}

/// Reads `<cache_dir>/overrides.toml`; an absent file means no overrides.
pub fn load_overrides(cache_dir: &Path) -> Result<Overrides, LoadError> {
    let path = cache_dir.join(OVERRIDES_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_overrides(&text, &path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Overrides::default()),
        Err(error) => Err(LoadError::Io { path, error }),
    }
}

/// The model of every page in `cache_dir`, with the cache's overrides applied.
pub fn load_cache(cache_dir: &Path) -> Result<Lowered<Api>, LoadError> {
    let overrides = load_overrides(cache_dir)?;
    let pages = read_pages(cache_dir).map_err(|error| LoadError::Io {
        path: cache_dir.to_owned(),
        error,
    })?;
    Ok(build_api(&pages, &overrides))
}
