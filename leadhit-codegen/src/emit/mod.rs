//! The model → the generated part of the `leadhit` crate, as formatted Rust source files.
//!
//! Each file is a `syn` syntax tree printed by `prettyplease`: no Rust is ever assembled from
//! strings. The parts repeated per method (docs, methods, setters, types) are built as `syn`
//! nodes (`syntax.rs`); the rest is written with `quote!` and parsed by `syn`. Identifiers come
//! only from names the model made valid; every text from a map goes in as a string literal (docs,
//! wire names).

mod docs;
mod node;
mod syntax;
mod types;

use crate::diagnostics::Diagnostic;
use crate::lower::Lowered;
use crate::model::{Api, Node};
use crate::names::type_ident;
use crate::parallel::parallel_map;
use proc_macro2::Ident;
use quote::quote;
use syntax::{doc_attrs, documented, Internal};

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
pub const RUNTIME_MODULES: &[&str] = &[
    "client",
    "error",
    "generated",
    "literal",
    "request",
    "transport",
];

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
/// (files and diagnostics, in node order) is the same as [`emit_trees`] then [`format_files`].
pub fn emit(api: &Api) -> Lowered<Vec<GeneratedFile>> {
    // Syntax trees cannot cross threads, so each worker prints what it emits and hands back
    // text; the root module is built here from the modules that made it.
    let per_node = parallel_map(&api.nodes, |node| {
        let mut diagnostics = Vec::new();
        let file = node_names(node, &mut diagnostics).and_then(|names| {
            let emitted = emit_node_file(node, &names, &mut diagnostics)?;
            Some((names.module_name, format_file(emitted)))
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
    match root_file(&modules) {
        Ok(root) => files.insert(0, format_file(root)),
        Err(e) => diagnostics.push(Diagnostic::error(e.to_string())),
    }
    Lowered {
        value: files,
        diagnostics,
    }
}

/// One generated file before printing: its path and its syntax tree.
#[derive(Clone)]
pub struct EmittedFile {
    /// Path relative to the `leadhit-generated` crate root, with `/` separators.
    pub path: String,
    pub file: syn::File,
}

/// The first half of [`emit`], on one thread: every file as a syntax tree, `mod.rs` first.
/// Split from printing so that the two can be measured separately.
pub fn emit_trees(api: &Api) -> Lowered<Vec<EmittedFile>> {
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
    match root_file(&modules) {
        Ok(root) => files.insert(0, root),
        Err(e) => diagnostics.push(Diagnostic::error(e.to_string())),
    }
    Lowered {
        value: files,
        diagnostics,
    }
}

/// The second half of [`emit`], on one thread: pretty-prints every file.
pub fn format_files(emitted: Lowered<Vec<EmittedFile>>) -> Lowered<Vec<GeneratedFile>> {
    Lowered {
        value: emitted.value.into_iter().map(format_file).collect(),
        diagnostics: emitted.diagnostics,
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

/// A node's file; `None` (with an error on the node) when it could not be emitted.
fn emit_node_file(
    node: &Node,
    names: &NodeNames,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EmittedFile> {
    match node::emit_node(node, &names.module_name, DEFAULT_BASE_URL, diagnostics) {
        Ok(file) => Some(EmittedFile {
            path: format!("{GENERATED_DIR}/{}.rs", names.module_name),
            file,
        }),
        Err(e) => {
            diagnostics.push(Diagnostic::error(e.to_string()).on_node(&node.name));
            None
        }
    }
}

/// `mod.rs`: one `pub mod` per node module and the accessors on `Client`.
fn root_file(modules: &[(&Node, NodeNames)]) -> Result<EmittedFile, Internal> {
    let mut items: Vec<syn::Item> = Vec::with_capacity(modules.len() + 1);
    let mut accessors = Vec::with_capacity(modules.len());
    for (node, names) in modules {
        let NodeNames { module, handle, .. } = names;
        items.push(syn::parse2(quote!(pub mod #module;))?);
        let accessor: syn::ImplItemFn = documented(
            doc_attrs(
                &format!("The {} node's methods.", docs::code(&node.name)),
                false,
            ),
            quote! {
                pub fn #module(&self) -> #module::#handle<'_> {
                    #module::#handle { client: self }
                }
            },
        )?;
        accessors.push(syn::ImplItem::Fn(accessor));
    }
    let mut client_impl: syn::ItemImpl = syn::parse2(quote!(impl crate::Client {}))?;
    client_impl.items = accessors;
    items.push(syn::Item::Impl(client_impl));
    Ok(EmittedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        file: syn::File {
            shebang: None,
        frontmatter: None,
            attrs: doc_attrs(
                "Generated by `cargo xtask codegen` from `maps-cache/`; do not edit.\n\nThe generated part of the client: one module per node.",
                true,
            ),
            items,
        },
    })
}

/// Pretty-prints one file.
fn format_file(file: EmittedFile) -> GeneratedFile {
    GeneratedFile {
        path: file.path,
        contents: prettyplease::unparse(&file.file),
    }
}
