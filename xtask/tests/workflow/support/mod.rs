//! What the workflow tests share: where the workspace, its fixtures and cargo's folders are, the
//! `xtask` binary under test, git, scratch folders, and the gate that keeps the tests that time
//! a run apart from the tests that load the machine.
//!
//! `http` is the scripted loopback server of the fetch tests, `pyenv` the Python venv and the
//! JSON-RPC test server, `npm` the OpenRPC validator's Node packages, `repo` the scratch git
//! workspaces of `diff` and `bump`, `scratch` the scratch Cargo workspaces that build generated
//! code, `v1_client` the one the `cli` and `mock` tests share.

pub mod http;
pub mod npm;
pub mod pyenv;
pub mod repo;
pub mod scratch;
pub mod v1_client;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The fixtures `xtask` shares with `leadhit-codegen`, relative to the workspace root: map pages
/// and pages that are not maps (`maps/`, `not-maps/`, rendered by `generate.py`) and the
/// before/after pairs of `diff/` (rendered by `diff/generate.py`).
pub const FIXTURES: &str = "fixtures";

/// The workspace root: the parent of the `xtask` crate.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` (relative paths are taken from the workspace
/// root) or `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => workspace_root().join("target"),
    }
}

/// A file or folder under [`FIXTURES`], e.g. `fixture("maps/server-v1-orders.html")`.
pub fn fixture(path: &str) -> PathBuf {
    workspace_root().join(FIXTURES).join(path)
}

/// The files of `extension` in the fixture folder `dir` (e.g. `maps`, `html`), sorted by name.
pub fn fixture_files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap_or_else(|e| panic!("{}: {e}", fixture(dir).display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// Git variables a hook may set (the tests can run inside one); they would point git at the
/// outer repository instead of the scratch one.
const GIT_ENV: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_COMMON_DIR",
];

/// The `xtask` binary under test, working on `workspace` (`XTASK_WORKSPACE`), without the git
/// variables of [`GIT_ENV`].
pub fn xtask(workspace: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    for var in GIT_ENV {
        command.env_remove(var);
    }
    command.env("XTASK_WORKSPACE", workspace);
    command
}

/// Runs git in `repo` as a committer of its own, failing the test when git fails.
pub fn git(repo: &Path, args: &[&str]) {
    let mut command = Command::new("git");
    for var in GIT_ENV {
        command.env_remove(var);
    }
    let out = command
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=xtask tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh, empty folder of one test under cargo's temp dir for integration tests, named
/// `<name>-<process>-<n>` so that no two tests (or test runs) share one. Removed when the test
/// passes, kept for a look when it fails.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// The tests of this binary run on parallel threads. Some keep both cores of a small machine busy
/// for seconds (cargo builds in scratch workspaces, building the venv) while others assert how
/// long a run took (the fetch tests' deadlines). A [`timed`] section and a [`heavy`] one never
/// overlap; timed sections run beside each other, heavy ones one at a time, and everything else
/// beside both.
static MACHINE: RwLock<()> = RwLock::new(());

/// Held while something runs whose duration a test asserts.
pub fn timed() -> RwLockReadGuard<'static, ()> {
    MACHINE.read().unwrap_or_else(PoisonError::into_inner)
}

/// Held while something loads the machine for seconds.
pub fn heavy() -> RwLockWriteGuard<'static, ()> {
    MACHINE.write().unwrap_or_else(PoisonError::into_inner)
}
