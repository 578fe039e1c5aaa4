//! The semantic diff over the fixture pairs in `fixtures/diff/<case>/{before,after}/`
//! (rendered by the real `json-rpc` library, see `generate.py` there), snapshotted as Markdown
//! and as JSON; the broken case snapshots the error that stops the diff instead.

mod support;

use leadhit_codegen::{
    build_api, diff, load_overrides, read_pages, render, Class, Diagnosed, Diagnostic, ResolvedApi,
};
use std::path::Path;

/// One side of a case, built the way `cargo xtask diff` builds it: its pages lowered, its own
/// `overrides.toml` (if any) applied, then resolved.
fn side(dir: &Path) -> Diagnosed<ResolvedApi> {
    let pages = read_pages(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let overrides = load_overrides(dir).unwrap_or_else(|e| panic!("{e}"));
    build_api(&pages, &overrides)
}

fn errors(lowered: &Diagnosed<ResolvedApi>) -> Vec<&Diagnostic> {
    lowered
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect()
}

#[test]
fn fixture_pairs() {
    insta::glob!(support::FIXTURES, "diff/*", |case| {
        // `diff/*` also matches generate.py; the cases are the folders with sides.
        if !case.join("before").is_dir() {
            return;
        }
        let before = side(&case.join("before"));
        let after = side(&case.join("after"));
        let problems: Vec<String> = errors(&before)
            .iter()
            .map(|d| format!("before: {d}"))
            .chain(errors(&after).iter().map(|d| format!("after: {d}")))
            .collect();
        if !problems.is_empty() {
            insta::assert_snapshot!("errors", problems.join("\n"));
            return;
        }
        let changes = diff(&before.value, &after.value);
        insta::assert_snapshot!("markdown", render::markdown(&changes, "before"));
        insta::assert_snapshot!("json", render::json(&changes, "before").unwrap());
    });
}

/// The case names promise a class; the snapshots show the rest.
#[test]
fn each_case_has_its_class() {
    let root = Path::new(support::FIXTURES).join("diff");
    for (case, worst) in [
        ("no-change", None),
        ("node-added", Some(Class::NonBreaking)),
        ("node-removed", Some(Class::Breaking)),
        ("method-added", Some(Class::NonBreaking)),
        ("method-removed", Some(Class::Breaking)),
        ("required-param-added", Some(Class::Breaking)),
        ("optional-param-added", Some(Class::NonBreaking)),
        ("param-removed", Some(Class::Breaking)),
        ("optional-to-required", Some(Class::Breaking)),
        ("required-to-optional", Some(Class::Breaking)),
        ("param-type-changed", Some(Class::Breaking)),
        ("return-type-changed", Some(Class::Breaking)),
        ("doc-only", Some(Class::Docs)),
        ("override-added", Some(Class::Breaking)),
        ("skip-unlowerable", Some(Class::NonBreaking)),
    ] {
        let changes = diff(
            &side(&root.join(case).join("before")).value,
            &side(&root.join(case).join("after")).value,
        );
        let found = Class::ALL
            .into_iter()
            .find(|c| changes.summary.count(*c) > 0);
        assert_eq!(found, worst, "{case}: {changes:#?}");
    }
}

/// A page that is not a map is an error on its side, never a silently removed node.
#[test]
fn broken_side_is_an_error() {
    let root = Path::new(support::FIXTURES).join("diff/broken");
    assert!(errors(&side(&root.join("before"))).is_empty());
    let after = side(&root.join("after"));
    let errs = errors(&after);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].node.as_deref(), Some("orders"));
    assert!(
        errs[0].message.contains("not a JSON-RPC map"),
        "{}",
        errs[0]
    );
}
