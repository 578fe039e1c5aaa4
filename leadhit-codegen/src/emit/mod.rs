//! The model → the generated part of the `leadhit` crate, as formatted Rust source files.
//!
//! Code is built with `quote`, checked by parsing it with `syn`, and formatted with
//! `prettyplease`: no Rust is ever assembled from strings. Identifiers come only from names the
//! model made valid; every text from a map goes in as a string literal (docs, wire names).

mod docs;
mod node;
mod types;

use crate::diagnostics::Diagnostic;
use crate::lower::Lowered;
use crate::model::{Api, Node};
use crate::names::type_ident;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the generated files live, relative to the `leadhit-generated` crate root.
pub const GENERATED_DIR: &str = "src/generated";

/// The base URL named in docs.
pub const DEFAULT_BASE_URL: &str = "https://service.leadhit.ru/api/v1/";

/// Methods the runtime's `Request` already has; an optional-param setter with one of these
/// names is emitted as `set_<name>`. Keep in step with `leadhit-generated/src/request.rs`.
pub const REQUEST_METHODS: &[&str] = &["send", "params", "into_future"];

/// Methods the runtime's `Client` already has; a node accessor with one of these names gets a
/// `_node` suffix. Keep in step with `leadhit-generated/src/client.rs`.
pub const CLIENT_METHODS: &[&str] = &["new", "builder", "call", "clone", "fmt"];

/// Names of the runtime's own modules in `leadhit-generated/src/lib.rs`; a node module with one
/// of these names would be shadowed, so it gets a `_node` suffix too.
pub const RUNTIME_MODULES: &[&str] = &["client", "error", "request", "transport", "generated"];

/// One file to write under the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the `leadhit-generated` crate root, with `/` separators.
    pub path: String,
    pub contents: String,
}

/// Emits every generated file for `api`, in a fixed order. Errors in the diagnostics mean the
/// files must not be written.
///
/// Nodes are independent, so their files are emitted and formatted on all cores; the result
/// (files and diagnostics, in node order) is the same as [`emit_tokens`] then [`format_files`].
pub fn emit(api: &Api) -> Lowered<Vec<GeneratedFile>> {
    // Token streams cannot cross threads, so each worker formats what it emits and hands back
    // text; the root module is built here from the modules that made it.
    let per_node = parallel_map(&api.nodes, |node| {
        let mut diagnostics = Vec::new();
        let file = node_names(node, &mut diagnostics).and_then(|names| {
            let emitted = emit_node_file(node, &names, &mut diagnostics)?;
            let formatted = format_one(emitted, &mut diagnostics)?;
            Some((names.module_name, formatted))
        });
        (file, diagnostics)
    });
    let mut diagnostics = Vec::new();
    let mut files = Vec::with_capacity(api.nodes.len() + 1);
    let mut emitted = Vec::with_capacity(api.nodes.len());
    for (node, (file, node_diagnostics)) in api.nodes.iter().zip(per_node) {
        diagnostics.extend(node_diagnostics);
        if let Some((module_name, file)) = file {
            emitted.push((node, module_name));
            files.push(file);
        }
    }
    let modules: Vec<(&Node, NodeNames)> = emitted
        .into_iter()
        .filter_map(|(node, module_name)| {
            let names = NodeNames::new(node, module_name)?;
            Some((node, names))
        })
        .collect();
    if let Some(root) = format_one(root_file(&modules), &mut diagnostics) {
        files.insert(0, root);
    }
    Lowered {
        value: files,
        diagnostics,
    }
}

/// One generated file before formatting: its path and the tokens of its items.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    /// Path relative to the `leadhit-generated` crate root, with `/` separators.
    pub path: String,
    /// The node the file is for (`None` for `mod.rs`), to place a formatting failure.
    pub node: Option<String>,
    pub tokens: TokenStream,
}

/// The first half of [`emit`], on one thread: every file as tokens, `mod.rs` first. Split
/// from formatting so that the two can be measured separately.
pub fn emit_tokens(api: &Api) -> Lowered<Vec<EmittedFile>> {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for node in &api.nodes {
        let Some(names) = node_names(node, &mut diagnostics) else {
            continue;
        };
        let Some(file) = emit_node_file(node, &names, &mut diagnostics) else {
            continue;
        };
        files.push(file);
        modules.push((node, names));
    }
    files.insert(0, root_file(&modules));
    Lowered {
        value: files,
        diagnostics,
    }
}

/// The second half of [`emit`], on one thread: parses and pretty-prints every file. A file
/// that does not parse is an error diagnostic (a bug in emission) and is left out.
pub fn format_files(emitted: Lowered<Vec<EmittedFile>>) -> Lowered<Vec<GeneratedFile>> {
    let mut diagnostics = emitted.diagnostics;
    let files = emitted
        .value
        .into_iter()
        .filter_map(|file| format_one(file, &mut diagnostics))
        .collect();
    Lowered {
        value: files,
        diagnostics,
    }
}

/// A node's module name and the identifiers made from it.
struct NodeNames {
    module_name: String,
    module: Ident,
    handle: Ident,
}

impl NodeNames {
    fn new(node: &Node, module_name: String) -> Option<NodeNames> {
        Some(NodeNames {
            module: types::ident(&module_name)?,
            handle: type_ident(&node.rust_name)
                .ok()
                .and_then(|t| types::ident(&t))?,
            module_name,
        })
    }
}

/// The names of a node's module and handle; `None` (with an error) if they are not
/// identifiers, which the model should have made impossible.
fn node_names(node: &Node, diagnostics: &mut Vec<Diagnostic>) -> Option<NodeNames> {
    let bare = node.rust_name.trim_start_matches("r#");
    let module_name = if RUNTIME_MODULES.contains(&bare) || CLIENT_METHODS.contains(&bare) {
        diagnostics.push(
            Diagnostic::warning(format!(
                "the node's module and accessor are named `{bare}_node`: `{bare}` is taken by the runtime"
            ))
            .on_node(&node.name),
        );
        format!("{bare}_node")
    } else {
        node.rust_name.clone()
    };
    let names = NodeNames::new(node, module_name);
    if names.is_none() {
        diagnostics.push(
            Diagnostic::error("internal: the node name is not a valid identifier")
                .on_node(&node.name),
        );
    }
    names
}

fn emit_node_file(
    node: &Node,
    names: &NodeNames,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EmittedFile> {
    let tokens = node::emit_node(node, DEFAULT_BASE_URL, diagnostics)?;
    Some(EmittedFile {
        path: format!("{GENERATED_DIR}/{}.rs", names.module_name),
        node: Some(node.name.clone()),
        tokens,
    })
}

/// `mod.rs`: one `pub mod` per node module and the accessors on `Client`.
fn root_file(modules: &[(&Node, NodeNames)]) -> EmittedFile {
    let mut items = doc_attrs(
        "Generated by `cargo xtask codegen` from `maps-cache/`; do not edit.\n\nThe generated part of the client: one module per node.",
        true,
    );
    let mut accessors = TokenStream::new();
    for (node, names) in modules {
        let NodeNames { module, handle, .. } = names;
        items.extend(quote!(pub mod #module;));
        accessors.extend(doc_attrs(
            &format!("The {} node's methods.", docs::code(&node.name)),
            false,
        ));
        accessors.extend(quote! {
            pub fn #module(&self) -> #module::#handle<'_> {
                #module::#handle { client: self }
            }
        });
    }
    items.extend(quote! {
        impl crate::Client {
            #accessors
        }
    });
    EmittedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        node: None,
        tokens: items,
    }
}

/// Formats one file; a failure is an error diagnostic on the file's node.
fn format_one(file: EmittedFile, diagnostics: &mut Vec<Diagnostic>) -> Option<GeneratedFile> {
    match format_file(file.tokens) {
        Ok(contents) => Some(GeneratedFile {
            path: file.path,
            contents,
        }),
        Err(e) => {
            let d = Diagnostic::error(format!("internal: emitted code does not parse: {e}"));
            diagnostics.push(match &file.node {
                Some(node) => d.on_node(node),
                None => d,
            });
            None
        }
    }
}

/// `f` over `items` on up to one thread per core, results in the order of `items`. Workers
/// take the next item as they finish one, so a few large nodes do not leave a core idle.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker panics only if `f` does, which is a bug; re-raise it here.
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Parses tokens as a file and pretty-prints them; the parse is the guarantee that what we
/// write is Rust.
fn format_file(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}

/// Doc attributes for text, one per line so they print as `///` (or `//!`) comments.
fn doc_attrs(text: &str, inner: bool) -> TokenStream {
    let mut attrs = TokenStream::new();
    for line in text.lines() {
        let line = doc_literal(line);
        attrs.extend(if inner {
            quote!(#![doc = #line])
        } else {
            quote!(#[doc = #line])
        });
    }
    attrs
}

/// The literal of one doc line: ` line`, or empty for an empty line.
///
/// It is written raw (`r"…"`, or `r#"…"#` when the text holds `"`), with more `#`s than follow
/// any `"` in the text so that nothing in it can end the literal. The formatter reads a raw
/// literal back by slicing rather than unescaping char by char, which was the largest part of
/// the cost of doc comments; the printed comment is the same either way. Should the lexer
/// still refuse it, the line goes in as an ordinary escaped literal.
fn doc_literal(line: &str) -> Literal {
    if line.is_empty() {
        return Literal::string("");
    }
    let hashes = "#".repeat(raw_hashes(line));
    format!("r{hashes}\" {line}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(&format!(" {line}")))
}

/// How many `#`s a raw string holding `text` needs: one more than the longest run of `#`
/// after a `"`, and none when there is no `"`.
fn raw_hashes(text: &str) -> usize {
    text.split('"')
        .skip(1)
        .map(|after| 1 + after.bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_literals_hold_their_text_exactly() {
        for text in [
            "plain",
            "say \"hi\"",
            "r#\"raw\"#",
            "\"##### and \"#",
            "ends with \"",
            "back\\slash \\\" and \u{7f} and ё",
            "\"",
        ] {
            let literal = doc_literal(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), format!(" {text}"), "{literal}");
        }
        assert_eq!(doc_literal("").to_string(), "\"\"");
        assert_eq!(doc_literal("a").to_string(), "r\" a\"");
        assert_eq!(raw_hashes("a \"## b\" c"), 3);
    }
}
