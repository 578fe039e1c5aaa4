//! `cargo xtask codegen` node by node: after each kind of change to the maps or overrides, the
//! run builds again only the nodes the change affects, writes only the files that differ, and
//! leaves the generated folder exactly as a full regeneration would (a `check` in a fresh copy
//! of the workspace, which has no stamp and so builds everything, passes and reports the same
//! diagnostics).

use crate::support::{copy_dir, fixture, xtask, TempDir};
use std::collections::BTreeSet;
use std::path::Path;

struct Run {
    stderr: String,
}

impl Run {
    /// The files the run wrote or removed, by file name.
    fn touched(&self) -> BTreeSet<String> {
        self.stderr
            .lines()
            .filter_map(|line| {
                let path = line
                    .strip_prefix("wrote ")
                    .or_else(|| line.strip_prefix("removed "))?;
                Some(Path::new(path).file_name()?.to_string_lossy().into_owned())
            })
            .collect()
    }

    /// How many nodes were built again, when not all were.
    fn built(&self) -> Option<usize> {
        let line = self
            .stderr
            .lines()
            .find(|l| l.contains(" nodes built again"))?;
        line.split_whitespace().next()?.parse().ok()
    }

    fn diagnostics(&self) -> Vec<&str> {
        diagnostics(&self.stderr)
    }
}

fn diagnostics(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:") || l.starts_with("error:"))
        .collect()
}

fn codegen(root: &Path) -> Run {
    let out = xtask(root).arg("codegen").output().expect("run xtask");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "codegen: {stderr}");
    Run { stderr }
}

/// Asserts that a full regeneration from the same maps gives the same files and diagnostics.
fn agrees_with_full(root: &Path, run: &Run) {
    let fresh = TempDir::new("incremental-full");
    copy_dir(&root.join("maps-cache"), &fresh.join("maps-cache"));
    for generated in [
        "leadhit-generated/src/generated",
        "leadhit-generated/openrpc",
    ] {
        if root.join(generated).is_dir() {
            copy_dir(&root.join(generated), &fresh.join(generated));
        }
    }
    let out = xtask(&fresh).arg("check").output().expect("run xtask");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a full build differs: {stderr}");
    assert_eq!(run.diagnostics(), diagnostics(&stderr));
}

fn put(root: &Path, from: &Path, node: &str) {
    std::fs::copy(from, root.join("maps-cache").join(format!("{node}.html"))).unwrap();
}

fn diff_page(case: &str, side: &str) -> std::path::PathBuf {
    fixture("diff").join(case).join(side).join("orders.html")
}

/// `orders.html` goes from a diff case's `before` to its `after`: only that node is built again,
/// and only its files (its module and its OpenRPC document) are written.
fn change_orders(root: &Path, case: &str) {
    put(root, &diff_page(case, "before"), "orders");
    codegen(root);
    put(root, &diff_page(case, "after"), "orders");
    let run = codegen(root);
    assert_eq!(run.built(), Some(1), "{case}: {}", run.stderr);
    assert_eq!(
        run.touched(),
        files(&["orders.rs", "orders.json"]),
        "{case}"
    );
    agrees_with_full(root, &run);
}

fn overrides(root: &Path, text: &str) {
    std::fs::write(root.join("maps-cache/overrides.toml"), text).unwrap();
}

/// A record two nodes' methods return, under the name given.
fn record_overrides(name: &str) -> String {
    format!(
        "[records.{name}]\nemail = \"str\"\n\n\
         [server-v1-clients.find_client]\nreturns = \"{name}\"\n\n\
         [google.list_orders]\nreturns = \"list[{name}]\"\n"
    )
}

fn files(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

#[test]
fn codegen_rebuilds_only_what_each_change_affects() {
    let root = TempDir::new("incremental");
    copy_dir(&fixture("diff/mixed/before"), &root.join("maps-cache"));
    put(&root, &fixture("maps/google.html"), "google");
    put(
        &root,
        &fixture("maps/server-v1-clients.html"),
        "server-v1-clients",
    );
    std::fs::create_dir_all(root.join("leadhit-generated/src/generated")).unwrap();
    let first = codegen(&root);
    assert_eq!(first.built(), None, "the first run builds every node");
    agrees_with_full(&root, &first);

    for case in ["doc-only", "method-added", "method-removed"] {
        change_orders(&root, case);
    }

    // An override of one node's method: that node only.
    put(&root, &diff_page("override-added", "before"), "orders");
    codegen(&root);
    let text = std::fs::read_to_string(fixture("diff/override-added/after/overrides.toml"));
    overrides(&root, &text.unwrap());
    let run = codegen(&root);
    assert_eq!(run.built(), Some(1), "{}", run.stderr);
    assert_eq!(run.touched(), files(&["orders.rs", "orders.json"]));
    agrees_with_full(&root, &run);

    // A record two nodes use, renamed: every node is built again (records are every node's
    // input), and the record's module and both nodes' files change.
    overrides(&root, &record_overrides("Contact"));
    codegen(&root);
    overrides(&root, &record_overrides("Customer"));
    let run = codegen(&root);
    assert_eq!(run.built(), None, "{}", run.stderr);
    assert_eq!(
        run.touched(),
        files(&[
            "mod.rs",
            "google.rs",
            "google.json",
            "server_v1_clients.rs",
            "server-v1-clients.json"
        ])
    );
    agrees_with_full(&root, &run);

    // A node added: its file and the root module.
    put(&root, &fixture("maps/numpy.html"), "numpy");
    let run = codegen(&root);
    assert_eq!(run.built(), Some(1), "{}", run.stderr);
    assert_eq!(run.touched(), files(&["mod.rs", "numpy.rs", "numpy.json"]));
    agrees_with_full(&root, &run);

    // A node removed: the root module, and its file goes.
    std::fs::remove_file(root.join("maps-cache/reports.html")).unwrap();
    let run = codegen(&root);
    assert_eq!(run.built(), Some(0), "{}", run.stderr);
    assert_eq!(
        run.touched(),
        files(&["mod.rs", "reports.rs", "reports.json"])
    );
    assert!(!root
        .join("leadhit-generated/src/generated/reports.rs")
        .exists());
    agrees_with_full(&root, &run);

    // A generated file edited by hand is built again, not trusted.
    let google = root.join("leadhit-generated/src/generated/google.rs");
    std::fs::write(&google, "// edited\n").unwrap();
    let run = codegen(&root);
    assert_eq!(run.built(), Some(1), "{}", run.stderr);
    assert_eq!(run.touched(), files(&["google.rs"]));
    agrees_with_full(&root, &run);
}
