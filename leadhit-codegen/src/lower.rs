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
    // Only a starred entry (`*args`, `**kwargs`) means extra arguments, and the docstring
    // parser has already taken those out; a param named `args` is a param like any other
    // (`validate_args(fname, args, max_fname_arg_count)`).
    method.extra_args = parsed.extra_args;
    method.params = parsed
        .params
        .map(|params| params.into_iter().map(lower_param).collect());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn method(doc: &str) -> Method {
        let page = format!("<h1>JSON-RPC map</h1><pre>m: {doc}</pre>");
        let mut diagnostics = Vec::new();
        let node = lower_node("n", page.as_bytes(), &mut diagnostics).expect("a map");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        node.methods.into_iter().next().expect("one method")
    }

    fn names(method: &Method) -> Vec<&str> {
        method
            .params
            .iter()
            .flatten()
            .map(|p| p.wire_name.as_str())
            .collect()
    }

    /// `validate_args(fname, args, max_fname_arg_count)`: `args` is a param the server needs.
    #[test]
    fn params_called_args_and_kwargs_are_params() {
        let m = method(
            "Validate.\n\n    :param fname: The name.\n    :param args: The args.\n    \
             :param kwargs: The keyword args.\n    :param max_fname_arg_count: The count.\n    ",
        );
        assert_eq!(
            names(&m),
            ["fname", "args", "kwargs", "max_fname_arg_count"]
        );
        assert!(!m.extra_args);
    }

    #[test]
    fn only_starred_entries_mean_extra_args() {
        for doc in [
            ":param name: The name.\n:param *args: More.",
            ":param name: The name.\n:param **kwargs: More.",
            ":param name: The name.\n:param \\*\\*kwargs: More.",
            "Args:\n    name: The name.\n    **options: More.",
        ] {
            let m = method(doc);
            assert_eq!(names(&m), ["name"], "{doc}");
            assert!(m.extra_args, "{doc}");
        }
    }
}
