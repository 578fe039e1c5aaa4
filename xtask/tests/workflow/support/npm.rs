//! The OpenRPC validator: `xtask/openrpc-validator/` (a script, its `package.json` and
//! `package-lock.json`), installed with `npm ci` into `<target>/openrpc-validator` on first use.
//!
//! As with the venv (`pyenv.rs`), a stamp in the install holds the lock file it was installed
//! from, and a changed lock file means a fresh install; the test threads share one install
//! through a `OnceLock` and test processes serialise on a lock file. A machine without `node`
//! and `npm` fails with what to install: these tests never skip silently.

use super::pyenv::LockFile;
use super::{target_dir, workspace_root};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The validator's sources, relative to the workspace root.
pub const VALIDATOR_SOURCES: &str = "xtask/openrpc-validator";

const FILES: [&str; 3] = ["package.json", "package-lock.json", "validate.cjs"];

const STAMP_FILE: &str = "installed.stamp";

const INSTALL_HINT: &str =
    "install Node.js and npm (Debian/Ubuntu: `apt-get install nodejs npm`), \
     then run the tests again";

/// Runs the validator on `documents`: exit 0 when all are valid OpenRPC, one line per file.
pub fn validate(documents: &[PathBuf]) -> Output {
    Command::new("node")
        .arg(validator().join("validate.cjs"))
        .args(documents)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}; {INSTALL_HINT}"))
}

/// The installed validator's folder.
fn validator() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(ensure_installed).clone()
}

/// The sources as the stamp records them: every file, in order.
fn sources() -> String {
    let dir = workspace_root().join(VALIDATOR_SOURCES);
    FILES
        .iter()
        .map(|f| {
            let path = dir.join(f);
            fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        })
        .collect::<Vec<_>>()
        .join("\0")
}

fn is_fresh(dir: &Path, sources: &str) -> bool {
    dir.join("node_modules").is_dir()
        && fs::read_to_string(dir.join(STAMP_FILE)).is_ok_and(|stamp| stamp == sources)
}

fn ensure_installed() -> PathBuf {
    let dir = target_dir().join("openrpc-validator");
    let sources = sources();
    if is_fresh(&dir, &sources) {
        return dir;
    }
    let _lock = LockFile::acquire(&target_dir().join("openrpc-validator.lock"));
    if !is_fresh(&dir, &sources) {
        install(&dir, &sources);
    }
    dir
}

fn install(dir: &Path, sources: &str) {
    eprintln!("npm: installing {VALIDATOR_SOURCES} into {}", dir.display());
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("cannot remove {}: {e}", dir.display()));
    }
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    for file in FILES {
        let from = workspace_root().join(VALIDATOR_SOURCES).join(file);
        fs::copy(&from, dir.join(file))
            .unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
    }
    // `npm ci`: exactly the committed lock file; no install scripts run.
    let installed = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run npm: {e}; {INSTALL_HINT}"));
    assert!(
        installed.status.success(),
        "`npm ci` in {} failed:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&installed.stdout),
        String::from_utf8_lossy(&installed.stderr)
    );
    fs::write(dir.join(STAMP_FILE), sources)
        .unwrap_or_else(|e| panic!("cannot write the stamp in {}: {e}", dir.display()));
}
