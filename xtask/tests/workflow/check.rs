//! `cargo xtask check` and `codegen` on a scratch copy of the workspace (`XTASK_WORKSPACE`):
//! check fails once a map or `overrides.toml` changes and passes after codegen, codegen writes
//! only what differs (a second run touches no file), and a stale override stops codegen.
//!
//! Only `maps-cache/`, `leadhit-generated/src/generated/` and `leadhit-generated/openrpc/` are
//! copied: they are all that check and codegen read and write.

use crate::support::{copy_dir, fixture, workspace_root, xtask, TempDir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

/// One side (`before` or `after`) of a diff fixture pair.
fn diff_side(case: &str, side: &str) -> PathBuf {
    fixture("diff").join(case).join(side)
}

/// A scratch workspace holding copies of the real cache and generated files.
fn scratch_workspace(name: &str) -> TempDir {
    let dir = TempDir::new(&format!("check-{name}"));
    copy_dir(
        &workspace_root().join("maps-cache"),
        &dir.join("maps-cache"),
    );
    for generated in [
        "leadhit-generated/src/generated",
        "leadhit-generated/openrpc",
    ] {
        copy_dir(&workspace_root().join(generated), &dir.join(generated));
    }
    dir
}

fn run(root: &Path, command: &str) -> Output {
    xtask(root).arg(command).output().expect("run xtask")
}

fn ok(out: &Output) -> bool {
    out.status.success()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every generated file with its modification time.
fn mtimes(root: &Path) -> BTreeMap<PathBuf, SystemTime> {
    std::fs::read_dir(root.join("leadhit-generated/src/generated"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let time = std::fs::metadata(&path).unwrap().modified().unwrap();
            (path, time)
        })
        .collect()
}

#[test]
fn follows_maps_and_codegen_writes_only_changes() {
    let root = scratch_workspace("maps");
    std::fs::copy(
        diff_side("method-added", "before").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let out = run(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // A map changes: check fails and names the file and the fix.
    std::fs::copy(
        diff_side("method-added", "after").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = run(&root, "check");
    assert!(!ok(&out), "check passed with a changed map");
    let err = stderr(&out);
    assert!(
        err.contains("orders.rs") && err.contains("cargo xtask codegen"),
        "{err}"
    );

    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let out = run(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // Nothing changed since: a second codegen rewrites no file.
    let before = mtimes(&root);
    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    assert!(stderr(&out).contains(" 0 of "), "{}", stderr(&out));
    assert_eq!(mtimes(&root), before);
}

#[test]
fn follows_overrides() {
    let root = scratch_workspace("overrides");
    std::fs::copy(
        diff_side("override-added", "before").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));

    // Giving the undocumented method a signature changes the generated code.
    std::fs::copy(
        diff_side("override-added", "after").join("overrides.toml"),
        root.join("maps-cache/overrides.toml"),
    )
    .unwrap();
    let out = run(&root, "check");
    assert!(!ok(&out), "check passed with new overrides");
    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let generated =
        std::fs::read_to_string(root.join("leadhit-generated/src/generated/orders.rs")).unwrap();
    assert!(
        generated.contains("order_id"),
        "the override's param is in the client:\n{generated}"
    );
    let out = run(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // A stale override stops codegen before it writes anything, naming the method.
    let before = mtimes(&root);
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.gone]\nskip = true\n",
    )
    .unwrap();
    let out = run(&root, "codegen");
    assert!(!ok(&out), "codegen accepted a stale override");
    assert!(stderr(&out).contains("method `gone`"), "{}", stderr(&out));
    assert_eq!(mtimes(&root), before);
    let out = run(&root, "check");
    assert!(!ok(&out), "check accepted a stale override");

    // A syntax error names the file and line.
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.archive_order]\nreturns = bool\n",
    )
    .unwrap();
    let out = run(&root, "check");
    assert!(!ok(&out));
    assert!(
        stderr(&out).contains("overrides.toml: line 2"),
        "{}",
        stderr(&out)
    );
}

/// The OpenRPC documents are generated files like the Rust ones: a hand edit or a document no
/// node makes any more fails check (even right after an up-to-date run, whose record of the
/// files must see the stray one), and codegen restores the one and removes the other.
#[test]
fn openrpc_documents_are_checked_and_stale_ones_removed() {
    let root = scratch_workspace("openrpc");
    let out = run(&root, "check");
    assert!(ok(&out), "check of the copy: {}", stderr(&out));
    let docs = root.join("leadhit-generated/openrpc");
    let stray = docs.join("gone.json");
    std::fs::write(&stray, "{}\n").unwrap();
    let out = run(&root, "check");
    assert!(!ok(&out), "check passed with a stray document");
    assert!(
        stderr(&out).contains("stale: leadhit-generated/openrpc/gone.json"),
        "{}",
        stderr(&out)
    );

    let orders = docs.join("orders.json");
    let shipped = std::fs::read_to_string(&orders).unwrap();
    std::fs::write(&orders, shipped.replace("by-name", "by-position")).unwrap();
    let out = run(&root, "check");
    assert!(!ok(&out), "check passed with an edited document");
    assert!(
        stderr(&out).contains("differs: leadhit-generated/openrpc/orders.json"),
        "{}",
        stderr(&out)
    );

    let out = run(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    assert!(!stray.exists(), "codegen left the stray document");
    assert_eq!(std::fs::read_to_string(&orders).unwrap(), shipped);
    let out = run(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));
}
