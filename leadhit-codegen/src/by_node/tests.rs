//! Building node by node and assembling gives what `build_api` and `generate` give: the same
//! diagnostics in the same order and the same files, byte for byte; and where `build_api` finds
//! an error, `assemble` gives up.

use super::*;
use crate::{build_api, generate, generate_nodes, generate_shared, parse_overrides, read_pages};
use crate::{GeneratedFile, Overrides};
use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// The by-node path's diagnostics and files (sorted by path), or `None` where it gives up.
fn by_node(
    pages: &[(String, Vec<u8>)],
    overrides: &Overrides,
) -> Option<(Vec<Diagnostic>, Vec<GeneratedFile>)> {
    let prepared = prepare(overrides);
    let refs: Vec<(&str, &[u8])> = pages.iter().map(|(n, p)| (n.as_str(), &p[..])).collect();
    let builds = build_nodes(&refs, overrides, &prepared);
    let summaries: Vec<&NodeSummary> = builds.iter().map(|b| &b.summary).collect();
    let assembled = assemble(&summaries, overrides, &prepared)?;
    let nodes: Vec<ResolvedNode> = builds.iter().filter_map(|b| b.node.clone()).collect();
    let mut files = generate_shared(&assembled.outlines, &assembled.records);
    files.extend(
        generate_nodes(&nodes, &assembled.records)
            .into_iter()
            .flatten(),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some((assembled.diagnostics, files))
}

/// Asserts the two paths agree on `pages`; true when there was something to generate.
fn agree(pages: &[(String, Vec<u8>)], overrides: &Overrides) -> bool {
    let full = build_api(pages, overrides);
    let parts = by_node(pages, overrides);
    if full.has_errors() {
        assert!(parts.is_none(), "build_api found errors, assemble did not");
        return false;
    }
    let (diagnostics, files) = parts.expect("assemble gave up without an error");
    assert_eq!(diagnostics, full.diagnostics);
    let mut expected = generate(&full.value);
    expected.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(files, expected);
    true
}

#[test]
fn the_shipped_cache_by_node_is_the_full_build() {
    let cache = repo("maps-cache");
    let text = std::fs::read_to_string(cache.join("overrides.toml")).unwrap();
    let overrides = parse_overrides(&text, Path::new("overrides.toml")).unwrap();
    assert!(agree(&read_pages(&cache).unwrap(), &overrides));
}

#[test]
fn every_fixture_page_by_node_is_the_full_build() {
    let pages = read_pages(&repo("fixtures/maps")).unwrap();
    let none = Overrides::default();
    // Each page alone (many warn, some are errors), then all of them together.
    let generated = pages
        .iter()
        .filter(|page| agree(std::slice::from_ref(*page), &none))
        .count();
    assert!(generated > 10, "only {generated} fixture pages generate");
    agree(&pages, &none);
}

#[test]
fn overrides_across_nodes_by_node_are_the_full_build() {
    let pages = read_pages(&repo("fixtures/maps")).unwrap();
    let pages: Vec<_> = pages
        .into_iter()
        .filter(|(name, _)| name.starts_with("server-"))
        .collect();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    // A node's table, the injected params, and each failure across nodes.
    let cases = [
        (
            String::from("injected_params = [\"request\", \"limit\"]\n"),
            true,
        ),
        (
            format!("[{}.nonexistent_method]\nskip = true\n", names[0]),
            false,
        ),
        (
            String::from("[no-such-node.some_method]\nskip = true\n"),
            false,
        ),
        (String::from("[records.Unused]\nid = \"str\"\n"), false),
    ];
    for (text, generates) in cases {
        let overrides = parse_overrides(&text, Path::new("overrides.toml")).unwrap();
        assert_eq!(agree(&pages, &overrides), generates, "{text}");
    }
}
