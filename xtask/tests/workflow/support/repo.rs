//! Scratch git workspaces for the commands that compare a revision with the working tree
//! (`diff`, `bump`): a repository of its own under a [`TempDir`], with `maps-cache/` filled
//! from a fixture folder and whatever else a test writes, committed as the base.

use super::{git, xtask, TempDir};
use std::path::Path;
use std::process::Output;

pub struct Repo(TempDir);

impl Repo {
    /// An empty repository.
    pub fn new(name: &str) -> Repo {
        let dir = TempDir::new(name);
        git(&dir, &["init", "--quiet"]);
        Repo(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.0
    }

    /// Replaces `maps-cache/` with the files of `from`.
    pub fn put_maps(&self, from: &Path) {
        put_maps(self.dir(), from);
    }

    /// Writes `text` to `path` (relative to the repository), creating its folder.
    pub fn write(&self, path: &str, text: &str) {
        let path = self.dir().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The text of `path`; empty when it does not exist.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir().join(path)).unwrap_or_default()
    }

    /// Commits everything in the working tree.
    pub fn commit(&self, message: &str) {
        git(self.dir(), &["add", "--all"]);
        git(
            self.dir(),
            &["commit", "--quiet", "--allow-empty", "-m", message],
        );
    }

    /// Runs the `xtask` binary on this workspace.
    pub fn xtask(&self, args: &[&str]) -> Output {
        xtask(self.dir())
            .args(args)
            // The scratch folders may sit inside the project's own checkout (`target/tmp`);
            // git must not find that repository above a folder that is not one.
            .env("GIT_CEILING_DIRECTORIES", self.dir().parent().unwrap())
            .output()
            .expect("run xtask")
    }
}

/// Replaces `<repo>/maps-cache/` with the files of `from`.
pub fn put_maps(repo: &Path, from: &Path) {
    let cache = repo.join("maps-cache");
    let _ = std::fs::remove_dir_all(&cache);
    std::fs::create_dir_all(&cache).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, cache.join(path.file_name().unwrap())).unwrap();
    }
}
