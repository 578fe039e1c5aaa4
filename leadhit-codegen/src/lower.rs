//! Scraped entries and parsed docstrings → the [`Api`] model, with sanitised names.
//!
//! This is where wire names get their Rust identifiers, server-injected params are dropped,
//! and name clashes are found. Problems are collected, never raised one by one.

use crate::cache::{check_node_name, is_reserved_file_stem};
use crate::diagnostics::Diagnostic;
use crate::docstring::{parse_docstring, DocParam};
use crate::model::{Api, DocStyle, Method, Node, Param, Returns};
use crate::names::{rust_ident, type_ident};
use crate::parallel::parallel_map;
use crate::scrape::{scrape, Entry};
use std::collections::{BTreeMap, BTreeSet};

/// The params the Django backend passes itself (the HTTP request); a client never sends them.
pub const DEFAULT_INJECTED: &[&str] = &["request"];

/// Param names that by Python convention document `*args` and `**kwargs` even without the
/// stars (`:param kwargs: ...`); they mark the method as taking extra arguments instead.
pub const VARIADIC_NAMES: &[&str] = &["args", "kwargs"];

/// Settings for turning pages into a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Param names dropped from every method because the server supplies them.
    pub injected_params: Vec<String>,
    /// `(node, wire name)` → Rust name, from overrides. Applied here rather than after lowering
    /// so that a method whose own name clashes or cannot be an identifier can still be named.
    pub rust_names: BTreeMap<(String, String), String>,
    /// `(node, wire name)` of methods to leave out, from overrides.
    pub skipped: BTreeSet<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            injected_params: DEFAULT_INJECTED.iter().map(|s| s.to_string()).collect(),
            rust_names: BTreeMap::new(),
            skipped: BTreeSet::new(),
        }
    }
}

/// A model and everything noticed while building it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowered<T> {
    pub value: T,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the API from `(node name, page bytes)` pairs; nodes come out sorted by name.
/// A page that is not a map is an error diagnostic and its node is left out.
pub fn lower_api(pages: &[(String, Vec<u8>)], options: &Options) -> Lowered<Api> {
    // Pages are independent until names are compared across nodes, so they are lowered on
    // every core and then taken in page order, as one thread would.
    let lowered = parallel_map(pages, |(name, bytes)| {
        let mut diagnostics = Vec::new();
        let node = lower_node(name, bytes, options, &mut diagnostics);
        (node, diagnostics)
    });
    let mut diagnostics = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_rust: BTreeMap<String, String> = BTreeMap::new();
    for ((name, _), (node, node_diagnostics)) in pages.iter().zip(lowered) {
        diagnostics.extend(node_diagnostics);
        let Some(node) = node else {
            continue;
        };
        if let Some(other) = by_rust.insert(node.rust_name.clone(), name.clone()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "nodes `{other}` and `{name}` both map to the Rust name `{}`",
                    node.rust_name
                ))
                .on_node(name),
            );
            continue;
        }
        nodes.push(node);
    }
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    Lowered {
        value: Api { nodes },
        diagnostics,
    }
}

/// Builds one node from its page; `None` (with an error pushed) when the page is not a map
/// or the node name cannot become an identifier.
pub fn lower_node(
    name: &str,
    page: &[u8],
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node> {
    // The name comes from a file name in the cache, which anyone can create.
    if let Err(e) = check_node_name(name) {
        diagnostics
            .push(Diagnostic::error(format!("{e}; rename or remove its page")).on_node(name));
        return None;
    }
    let rust_name = match rust_ident(name) {
        // The module is written to `<rust_name>.rs`, which must be a file on every system.
        Ok(ident) if is_reserved_file_stem(&ident) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "node name `{name}` makes the module `{ident}`, whose file `{ident}.rs` is reserved on Windows"
                ))
                .on_node(name),
            );
            return None;
        }
        Ok(ident) if !ident.starts_with("r#") => ident,
        Ok(ident) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "node name `{name}` is a Rust keyword (`{ident}`), which cannot name a module"
                ))
                .on_node(name),
            );
            return None;
        }
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "node name `{name}` cannot become a Rust identifier: {e}"
                ))
                .on_node(name),
            );
            return None;
        }
    };
    let scraped = match scrape(page) {
        Ok(s) => s,
        Err(e) => {
            diagnostics.push(Diagnostic::error(e.to_string()).on_node(name));
            return None;
        }
    };
    diagnostics.extend(scraped.warnings.into_iter().map(|d| d.on_node(name)));
    let mut methods = Vec::with_capacity(scraped.entries.len());
    let mut by_rust: BTreeMap<String, String> = BTreeMap::new();
    for entry in &scraped.entries {
        let Some(method) = lower_method(name, entry, options, diagnostics) else {
            continue;
        };
        if let Some(other) = by_rust.insert(method.rust_name.clone(), entry.name.clone()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "methods `{other}` and `{}` both map to the Rust name `{}`; rename one with an override",
                    entry.name, method.rust_name
                ))
                .on_node(name)
                .on_method(&entry.name)
                .at_line(entry.line),
            );
            continue;
        }
        methods.push(method);
    }
    Some(Node {
        name: name.to_owned(),
        rust_name,
        methods,
    })
}

fn lower_method(
    node: &str,
    entry: &Entry,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Method> {
    let at = |d: Diagnostic| d.on_node(node).on_method(&entry.name).at_line(entry.line);
    let key = (node.to_owned(), entry.name.clone());
    if options.skipped.contains(&key) {
        return None;
    }
    let named = match options.rust_names.get(&key) {
        Some(name) => Ok(name.clone()),
        None => rust_ident(&entry.name),
    };
    let rust_name = match named.and_then(|r| type_ident(&r).map(|_| r)) {
        Ok(r) => r,
        Err(e) => {
            diagnostics.push(at(Diagnostic::warning(format!(
                "skipped: the name cannot become a Rust identifier ({e}); call it with `Client::call` or name it in overrides.toml"
            ))));
            return None;
        }
    };
    let Some(doc) = &entry.doc else {
        return Some(Method {
            wire_name: entry.name.clone(),
            rust_name,
            summary: None,
            doc: None,
            style: DocStyle::Missing,
            params: None,
            extra_args: false,
            returns: None,
            raises: Vec::new(),
            deprecated: None,
            line: entry.line,
        });
    };
    let parsed = parse_docstring(doc);
    for problem in &parsed.problems {
        // The docstring starts on the entry's line; problems count from its first non-blank
        // line.
        diagnostics.push(
            Diagnostic::warning(problem.message.clone())
                .on_node(node)
                .on_method(&entry.name)
                .at_line(entry.line + parsed.first_line + problem.line),
        );
    }
    let mut extra_args = parsed.extra_args;
    let params = parsed.params.map(|params| {
        let (variadic, named): (Vec<DocParam>, Vec<DocParam>) = params
            .into_iter()
            .partition(|p| VARIADIC_NAMES.contains(&p.name.as_str()));
        extra_args |= !variadic.is_empty();
        lower_params(named, options, &mut |d| diagnostics.push(at(d)))
    });
    Some(Method {
        wire_name: entry.name.clone(),
        rust_name,
        summary: parsed.summary,
        doc: parsed.description,
        style: parsed.style,
        params,
        extra_args,
        returns: parsed.returns.map(|r| Returns {
            raw_type: r.raw_type,
            ty: r.ty,
            doc: r.doc,
        }),
        raises: parsed.raises,
        deprecated: parsed.deprecated,
        line: entry.line,
    })
}

fn lower_params(
    params: Vec<DocParam>,
    options: &Options,
    report: &mut dyn FnMut(Diagnostic),
) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::with_capacity(params.len());
    let mut by_rust: BTreeMap<String, String> = BTreeMap::new();
    for p in params {
        if options.injected_params.contains(&p.name) {
            continue;
        }
        let rust_name = match rust_ident(&p.name) {
            Ok(r) => r,
            Err(e) => {
                report(Diagnostic::warning(format!(
                    "param `{}` skipped: it cannot become a Rust identifier ({e})",
                    p.name
                )));
                continue;
            }
        };
        if let Some(other) = by_rust.insert(rust_name.clone(), p.name.clone()) {
            report(Diagnostic::error(format!(
                "params `{other}` and `{}` both map to the Rust name `{rust_name}`",
                p.name
            )));
            continue;
        }
        out.push(Param {
            wire_name: p.name,
            rust_name,
            raw_type: p.raw_type,
            ty: p.ty,
            optional: p.optional,
            default: p.default,
            doc: p.doc,
        });
    }
    out
}
