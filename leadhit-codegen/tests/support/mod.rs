//! Shared checks for the tests that feed hostile or random maps through the whole generator:
//! run a page from bytes to files, and check that what came out is safe Rust.
//!
//! Include it with `mod support;`. Each test file uses its own part of it; [`FIXTURES`] names
//! the fixture folder for all of them.
#![allow(dead_code)]

use leadhit_codegen::{build_api, generate, Diagnostic, GeneratedFile, Overrides};

/// The fixtures this crate shares with `xtask`: `fixtures/` at the workspace root (a sibling of
/// this crate's folder), holding `maps/`, `not-maps/` and the before/after pairs of `diff/`.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures");

/// A map page exactly as the json-rpc library renders one: `NAME: DOC` entries joined by a
/// blank line inside the `<pre>` after the heading.
pub fn render(entries: &[(&str, &str)]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|(name, doc)| format!("{name}: {doc}"))
        .collect();
    render_entries(&entries)
}

/// [`render`] for entries already written as `NAME: DOC`.
pub fn render_entries(entries: &[String]) -> String {
    format!("<h1>JSON-RPC map</h1><pre>{}</pre>", entries.join("\n\n"))
}

/// What `cargo xtask codegen` would do with one page: the diagnostics of building the API, and
/// the files, `None` when any diagnostic is an error (nothing would be written).
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Option<Vec<GeneratedFile>>,
}

impl Outcome {
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error()).collect()
    }

    pub fn warnings(&self) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error()).collect()
    }

    /// The files, failing the test with the diagnostics when there are none.
    pub fn files(&self) -> &[GeneratedFile] {
        match &self.files {
            Some(files) => files,
            None => panic!(
                "no code was generated:\n{}",
                self.diagnostics
                    .iter()
                    .map(|d| format!("{d}\n"))
                    .collect::<String>()
            ),
        }
    }

    /// The generated module of node `node`.
    pub fn module(&self, node: &str) -> &str {
        let path = format!("src/generated/{node}.rs");
        &self
            .files()
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
    }
}

/// Runs `(node, page)` pairs through the pipeline (no overrides) and emission, then checks every
/// file that came out with [`check_file`]. Never returns files alongside an error.
pub fn run_pages(pages: &[(String, Vec<u8>)]) -> Outcome {
    let api = build_api(pages, &Overrides::default());
    let files = (!api.has_errors()).then(|| generate(&api.value));
    let diagnostics = api.diagnostics;
    for file in files.iter().flatten() {
        check_file(file);
    }
    Outcome { diagnostics, files }
}

/// [`run_pages`] for one page.
pub fn run(node: &str, page: impl Into<Vec<u8>>) -> Outcome {
    run_pages(&[(node.to_owned(), page.into())])
}

/// The checks every generated file must pass, whatever the map said:
///
/// - it parses as a Rust file;
/// - every identifier is ASCII (only `names.rs` makes identifiers, and it makes ASCII ones);
/// - it holds no control character but newline and no Unicode direction override;
/// - no doc comment can become a doctest or code: every fenced block is a `text` block and
///   nothing is indented into a code block.
pub fn check_file(file: &GeneratedFile) {
    if file.path.ends_with(".json") {
        return check_json(file);
    }
    let parsed = syn::parse_file(&file.contents)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path));
    let tokens: proc_macro2::TokenStream = file.contents.parse().expect("parsed above");
    check_idents(tokens, &file.path);
    if let Some(c) = file
        .contents
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_direction_control(c))
    {
        panic!("{} holds the character {c:?}", file.path);
    }
    for doc in docs_of_file(&parsed) {
        check_docs(&doc, &file.path);
    }
}

/// A generated JSON document: it parses, and holds no control or direction character raw (a
/// string's are escaped).
fn check_json(file: &GeneratedFile) {
    serde_json::from_str::<serde_json::Value>(&file.contents)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.path));
    if let Some(c) = file
        .contents
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_direction_control(c))
    {
        panic!("{} holds the character {c:?}", file.path);
    }
}

/// Every doc of a generated Rust file (none of a JSON one), one string per documented thing (the file, each item, field,
/// variant and method), each as rustdoc reads it.
pub fn docs(file: &GeneratedFile) -> Vec<String> {
    if file.path.ends_with(".json") {
        return Vec::new(); // An OpenRPC document: data, not docs.
    }
    let parsed = syn::parse_file(&file.contents)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path));
    docs_of_file(&parsed)
}

fn docs_of_file(file: &syn::File) -> Vec<String> {
    let mut docs = vec![doc_of(&file.attrs)];
    for item in &file.items {
        item_docs(item, &mut docs);
    }
    docs
}

fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn check_idents(tokens: proc_macro2::TokenStream, path: &str) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => {
                let text = ident.to_string();
                assert!(text.is_ascii(), "{path}: non-ASCII identifier {text:?}");
            }
            proc_macro2::TokenTree::Group(group) => check_idents(group.stream(), path),
            _ => {}
        }
    }
}

/// The doc text of some attributes, one line per `#[doc]`, as rustdoc joins them.
fn doc_of(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(syn::MetaNameValue {
            value:
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }),
            ..
        }) = &attr.meta
        {
            lines.push(text.value());
        }
    }
    lines.join("\n")
}

fn item_docs(item: &syn::Item, docs: &mut Vec<String>) {
    match item {
        syn::Item::Struct(s) => {
            docs.push(doc_of(&s.attrs));
            docs.extend(s.fields.iter().map(|f| doc_of(&f.attrs)));
        }
        syn::Item::Enum(e) => {
            docs.push(doc_of(&e.attrs));
            docs.extend(e.variants.iter().map(|v| doc_of(&v.attrs)));
        }
        syn::Item::Impl(i) => {
            docs.push(doc_of(&i.attrs));
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    docs.push(doc_of(&f.attrs));
                }
            }
        }
        syn::Item::Fn(f) => docs.push(doc_of(&f.attrs)),
        syn::Item::Const(c) => docs.push(doc_of(&c.attrs)),
        syn::Item::Mod(m) => {
            docs.push(doc_of(&m.attrs));
            for item in m.content.iter().flat_map(|(_, items)| items) {
                item_docs(item, docs);
            }
        }
        _ => {}
    }
}

/// Checks one item's Markdown as CommonMark (and so rustdoc) reads it: every fenced block is
/// a `text` block that closes, and no line outside a fence is indented into a code block
/// (rustdoc runs untagged and indented code blocks as doctests).
///
/// A fence is three or more backticks or tildes indented at most three spaces; a backtick
/// fence's info string cannot hold a backtick, so a line opening with an inline code span
/// (`` ```` a ``` b ```` ``) is not one.
pub fn check_docs(doc: &str, path: &str) {
    let mut fence: Option<(char, usize)> = None;
    let mut previous_blank = true;
    for line in doc.lines() {
        // `doc_attrs` puts one space before each line, as `/// text` has.
        let line = line.strip_prefix(' ').unwrap_or(line);
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|&c| c == m).count());
        let info = &trimmed[run..];
        match fence {
            Some((open_char, open_run)) => {
                if indent <= 3
                    && marker == Some(open_char)
                    && run >= open_run
                    && info.trim().is_empty()
                {
                    fence = None;
                }
            }
            None if indent <= 3 && run >= 3 && !(marker == Some('`') && info.contains('`')) => {
                assert_eq!(
                    (marker, info.trim()),
                    (Some('`'), "text"),
                    "{path}: a code block that is not a ```text block:\n{doc}"
                );
                fence = marker.map(|m| (m, run));
            }
            None => assert!(
                !(previous_blank && indent >= 4 && !trimmed.is_empty()),
                "{path}: an indented code block:\n{doc}"
            ),
        }
        previous_blank = trimmed.is_empty();
    }
    assert!(fence.is_none(), "{path}: a fence is never closed:\n{doc}");
}
