//! Pages + overrides → model → resolved API: the one way every command builds the API.
//!
//! `cargo xtask codegen`, `check`, `parse` and `diff` all come through here, so a method looks
//! the same to each of them: lowered from its page, then with the overrides applied (the one
//! place they are), then resolved. [`build_api`] takes pages already in memory, so `diff` can
//! feed it the pages of a git revision; [`load_cache`] reads a `maps-cache/` folder.

use crate::cache::read_pages;
use crate::diagnostics::Diagnosed;
use crate::lower::{lower_api, lower_node};
use crate::model::{Api, Node};
use crate::overrides::{apply, apply_to_node, records, Overrides, OverridesError, OVERRIDES_FILE};
use crate::resolve::{resolve, ResolvedApi, ResolvedNode};
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

/// The resolved API of `(node, page)` pairs with `overrides` applied, and every diagnostic of
/// building it (the overrides' among them). Generate from it only when none is an error.
pub fn build_api(pages: &[(String, Vec<u8>)], overrides: &Overrides) -> Diagnosed<ResolvedApi> {
    let model = build_model(pages, overrides);
    let mut resolved = resolve(model.value);
    let mut diagnostics = model.diagnostics;
    diagnostics.append(&mut resolved.diagnostics);
    Diagnosed {
        value: resolved.value,
        diagnostics,
    }
}

/// The model of `(node, page)` pairs with `overrides` applied, before any name is chosen. Its
/// diagnostics are lowering's and the overrides'; the methods' own notes are still on them.
pub fn build_model(pages: &[(String, Vec<u8>)], overrides: &Overrides) -> Diagnosed<Api> {
    let mut lowered = lower_api(pages);
    let paged: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    let applied = apply(&mut lowered.value, overrides, &paged);
    lowered.diagnostics.extend(applied);
    lowered
}

/// One node, resolved, with its overrides applied (only that node's tables, so the rest of the
/// file is not reported stale); for looking at one page. `None` when the page is not a usable
/// map.
pub fn build_node(
    name: &str,
    page: &[u8],
    overrides: &Overrides,
) -> Diagnosed<Option<ResolvedNode>> {
    let mut diagnostics = Vec::new();
    let node: Option<Node> = lower_node(name, page, &mut diagnostics).map(|mut node| {
        diagnostics.extend(apply_to_node(&mut node, overrides));
        node
    });
    let mut resolved = resolve(Api {
        nodes: node.into_iter().collect(),
        records: records(overrides),
    });
    diagnostics.append(&mut resolved.diagnostics);
    Diagnosed {
        value: resolved.value.nodes.pop(),
        diagnostics,
    }
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

/// The resolved API of every page in `cache_dir`, with the cache's overrides applied.
pub fn load_cache(cache_dir: &Path) -> Result<Diagnosed<ResolvedApi>, LoadError> {
    let overrides = load_overrides(cache_dir)?;
    let pages = read_pages(cache_dir).map_err(|error| LoadError::Io {
        path: cache_dir.to_owned(),
        error,
    })?;
    Ok(build_api(&pages, &overrides))
}
