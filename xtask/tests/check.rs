//! `cargo xtask check` and `codegen` on a scratch copy of the workspace (`XTASK_WORKSPACE`):
//! check fails once a map or `overrides.toml` changes and passes after codegen, codegen writes
//! only what differs (a second run touches no file), a stale override stops codegen, and
//! `parse` shows a page with its node's overrides applied.
//!
//! Only `maps-cache/` and `leadhit-generated/src/generated/` are copied: they are all that
//! check and codegen read and write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn fixture(case: &str, side: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
        .join(side)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    if !from.is_dir() {
        return;
    }
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A scratch folder, removed when the test passes and kept for a look when it fails.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A scratch workspace holding copies of the real cache and generated files.
fn scratch_workspace(name: &str) -> Scratch {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&workspace().join("maps-cache"), &dir.join("maps-cache"));
    copy_dir(
        &workspace().join("leadhit-generated/src/generated"),
        &dir.join("leadhit-generated/src/generated"),
    );
    Scratch(dir)
}

fn xtask(root: &Path, command: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg(command)
        .env("XTASK_WORKSPACE", root)
        .output()
        .expect("run xtask")
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
fn check_follows_maps_and_codegen_writes_only_changes() {
    let root = scratch_workspace("maps");
    std::fs::copy(
        fixture("method-added", "before").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = xtask(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let out = xtask(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // A map changes: check fails and names the file and the fix.
    std::fs::copy(
        fixture("method-added", "after").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = xtask(&root, "check");
    assert!(!ok(&out), "check passed with a changed map");
    let err = stderr(&out);
    assert!(
        err.contains("orders.rs") && err.contains("cargo xtask codegen"),
        "{err}"
    );

    let out = xtask(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let out = xtask(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // Nothing changed since: a second codegen rewrites no file.
    let before = mtimes(&root);
    let out = xtask(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    assert!(stderr(&out).contains(" 0 of "), "{}", stderr(&out));
    assert_eq!(mtimes(&root), before);
}

#[test]
fn check_follows_overrides() {
    let root = scratch_workspace("overrides");
    std::fs::copy(
        fixture("override-added", "before").join("orders.html"),
        root.join("maps-cache/orders.html"),
    )
    .unwrap();
    let out = xtask(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));

    // Giving the undocumented method a signature changes the generated code.
    std::fs::copy(
        fixture("override-added", "after").join("overrides.toml"),
        root.join("maps-cache/overrides.toml"),
    )
    .unwrap();
    let out = xtask(&root, "check");
    assert!(!ok(&out), "check passed with new overrides");
    let out = xtask(&root, "codegen");
    assert!(ok(&out), "codegen: {}", stderr(&out));
    let generated =
        std::fs::read_to_string(root.join("leadhit-generated/src/generated/orders.rs")).unwrap();
    assert!(
        generated.contains("order_id"),
        "the override's param is in the client:\n{generated}"
    );
    let out = xtask(&root, "check");
    assert!(ok(&out), "check after codegen: {}", stderr(&out));

    // A stale override stops codegen before it writes anything, naming the method.
    let before = mtimes(&root);
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.gone]\nskip = true\n",
    )
    .unwrap();
    let out = xtask(&root, "codegen");
    assert!(!ok(&out), "codegen accepted a stale override");
    assert!(stderr(&out).contains("method `gone`"), "{}", stderr(&out));
    assert_eq!(mtimes(&root), before);
    let out = xtask(&root, "check");
    assert!(!ok(&out), "check accepted a stale override");

    // A syntax error names the file and line.
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.archive_order]\nreturns = bool\n",
    )
    .unwrap();
    let out = xtask(&root, "check");
    assert!(!ok(&out));
    assert!(
        stderr(&out).contains("overrides.toml: line 2"),
        "{}",
        stderr(&out)
    );
}

/// `parse` shows the model codegen will use: the overrides of the page's node applied.
#[test]
fn parse_applies_the_overrides_of_the_node() {
    let root = scratch_workspace("parse");
    let page = root.join("maps-cache/orders.html");
    std::fs::copy(
        fixture("override-added", "before").join("orders.html"),
        &page,
    )
    .unwrap();
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.get_order]\nrust_name = \"fetch_order\"\n\n[other.x]\nskip = true\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("parse")
        .arg(&page)
        .env("XTASK_WORKSPACE", &*root)
        .output()
        .expect("run xtask");
    assert!(ok(&out), "parse: {}", stderr(&out));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).expect("parse prints JSON");
    let get = model["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "get_order")
        .expect("get_order is listed");
    assert_eq!(get["rust_name"], "fetch_order");
    // Only this node's tables apply: the stale `other` node is codegen's to report.
    assert!(!stderr(&out).contains("other"), "{}", stderr(&out));
}
