//! Scraped entries and parsed docstrings → the [`Api`] model, by wire name.
//!
//! Lowering keeps every entry a page lists, whatever its name: whether a name can become Rust,
//! and whether two names clash, is decided by [`crate::resolve`] once overrides have had their
//! say (a `skip` or a `rust_name` settles such a method). A docstring's problems stay with its
//! method ([`Method::notes`]); a page that is not a map is an error and its node is left out.
//! Lowering does not drop params: the ones the server injects are removed with the overrides,
//! which say which they are.

use crate::cache::check_node_name;
use crate::diagnostics::{Diagnosed, Diagnostic};
use crate::docstring::{parse_docstring, DocParam, ParsedDoc};
use crate::model::{Api, DocStyle, Method, Node, Param};
use crate::parallel::parallel_map;
use crate::scrape::{scrape, Entry};

/// Param names that by Python convention document `*args` and `**kwargs` even without the
/// stars (`:param kwargs: ...`); they mark the method as taking extra arguments instead.
pub const VARIADIC_NAMES: &[&str] = &["args", "kwargs"];

/// Builds the API from `(node name, page bytes)` pairs; nodes come out sorted by name.
/// A page that is not a map is an error diagnostic and its node is left out.
pub fn lower_api(pages: &[(String, Vec<u8>)]) -> Diagnosed<Api> {
    // Pages are independent, so they are lowered on every core and then taken in page order,
    // as one thread would.
    let lowered = parallel_map(pages, |(name, bytes)| {
        let mut diagnostics = Vec::new();
        let node = lower_node(name, bytes, &mut diagnostics);
        (node, diagnostics)
    });
    let mut diagnostics = Vec::new();
    let mut nodes: Vec<Node> = Vec::with_capacity(pages.len());
    for (node, node_diagnostics) in lowered {
        diagnostics.extend(node_diagnostics);
        nodes.extend(node);
    }
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    Diagnosed {
        value: Api {
            nodes,
            records: Vec::new(),
        },
        diagnostics,
    }
}

/// Builds one node from its page; `None` (with an error pushed) when the page is not a map or
/// the node name is not one a cache may hold.
pub fn lower_node(name: &str, page: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Node> {
    // The name comes from a file name in the cache, which anyone can create.
    if let Err(e) = check_node_name(name) {
        diagnostics
            .push(Diagnostic::error(format!("{e}; rename or remove its page")).on_node(name));
        return None;
    }
    let scraped = match scrape(page) {
        Ok(s) => s,
        Err(e) => {
            diagnostics.push(Diagnostic::error(e.to_string()).on_node(name));
            return None;
        }
    };
    diagnostics.extend(scraped.warnings.into_iter().map(|d| d.on_node(name)));
    let methods = scraped
        .entries
        .iter()
        .map(|entry| lower_method(name, entry))
        .collect();
    Some(Node {
        name: name.to_owned(),
        methods,
    })
}

fn lower_method(node: &str, entry: &Entry) -> Method {
    let mut method = Method {
        wire_name: entry.name.clone(),
        rust_name: None,
        summary: None,
        doc: None,
        style: DocStyle::Missing,
        params: None,
        extra_args: false,
        returns: None,
        raises: Vec::new(),
        deprecated: None,
        line: entry.line,
        notes: Vec::new(),
    };
    if let Some(doc) = &entry.doc {
        fill_from_docstring(&mut method, node, parse_docstring(doc));
    }
    method
}

fn fill_from_docstring(method: &mut Method, node: &str, parsed: ParsedDoc) {
    for problem in &parsed.problems {
        // The docstring starts on the entry's line; problems count from its first non-blank
        // line.
        method.notes.push(
            Diagnostic::warning(problem.message.clone())
                .on_node(node)
                .on_method(&method.wire_name)
                .at_line(method.line + parsed.first_line + problem.line),
        );
    }
    method.extra_args = parsed.extra_args;
    method.params = parsed.params.map(|params| {
        let (variadic, named): (Vec<DocParam>, Vec<DocParam>) = params
            .into_iter()
            .partition(|p| VARIADIC_NAMES.contains(&p.name.as_str()));
        method.extra_args |= !variadic.is_empty();
        named.into_iter().map(lower_param).collect()
    });
    method.summary = parsed.summary;
    method.doc = parsed.description;
    method.style = parsed.style;
    method.returns = parsed.returns;
    method.raises = parsed.raises;
    method.deprecated = parsed.deprecated;
}

fn lower_param(p: DocParam) -> Param {
    Param {
        wire_name: p.name,
        raw_type: p.raw_type,
        ty: p.ty,
        optional: p.optional,
        default: p.default,
        doc: p.doc,
    }
}
