//! Scratch Cargo workspaces under `target/` holding copies of the `leadhit` runtime, for tests
//! that build generated code the way a user's project does.

use super::{copy_dir, target_dir, workspace_root};
use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh (emptied) workspace folder at `<target>/scratch/<name>`. All scratch workspaces
/// build into one target directory, `<target>/scratch/target`, kept between runs, so the
/// dependencies are built once for every test that uses one (cargo's lock serialises the
/// builds, and [`Scratch::cargo`] holds [`super::heavy`] while one runs).
pub struct Scratch {
    pub dir: PathBuf,
    pub target: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let base = target_dir().join("scratch");
        let dir = base.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch {
            dir,
            target: base.join("target"),
        }
    }

    /// Adds a copy of the `leadhit` runtime (manifest and `src/` without the generated part)
    /// as member `member`, renaming the package so several copies can live side by side.
    pub fn add_runtime(&self, member: &str, package: &str) -> PathBuf {
        let dest = self.dir.join(member);
        copy_dir(
            &workspace_root().join("leadhit-generated/src"),
            &dest.join("src"),
        );
        let _ = std::fs::remove_dir_all(dest.join("src/generated"));
        std::fs::create_dir_all(dest.join("src/generated")).unwrap();
        let manifest =
            std::fs::read_to_string(workspace_root().join("leadhit-generated/Cargo.toml")).unwrap();
        // Examples, tests and benches are not copied, so their manifest sections must go, and
        // so must their dependencies (one is a path into this workspace). The binaries' stay:
        // their sources are under `src/`.
        let mut tables = manifest.split("\n[[");
        let mut manifest = tables.next().unwrap().to_owned();
        for table in tables.filter(|table| table.starts_with("bin]]")) {
            manifest.push_str("\n[[");
            manifest.push_str(table);
        }
        let manifest = manifest.replace("name = \"leadhit\"", &format!("name = \"{package}\""));
        let manifest = without_table(&manifest, "[dev-dependencies]");
        std::fs::write(dest.join("Cargo.toml"), manifest).unwrap();
        dest
    }

    /// Writes the workspace manifest (members plus the real `[workspace.package]`) and copies
    /// the real lock file, so the scratch builds use the versions the project tested.
    pub fn write_manifest(&self, members: &[String]) {
        let real = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
        let package = real
            .split("[workspace.package]")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .expect("the root manifest has [workspace.package]");
        std::fs::write(
            self.dir.join("Cargo.toml"),
            format!("[workspace]\nresolver = \"2\"\nmembers = {members:?}\n\n[workspace.package]{package}\n"),
        )
        .unwrap();
        std::fs::copy(
            workspace_root().join("Cargo.lock"),
            self.dir.join("Cargo.lock"),
        )
        .unwrap();
    }

    /// Runs cargo in the scratch workspace with its own target directory.
    pub fn cargo(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let _heavy = super::heavy();
        let mut command = Command::new(env!("CARGO"));
        command
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS");
        for (k, v) in env {
            command.env(k, v);
        }
        command.output().unwrap()
    }
}

/// `manifest` without the table headed `header` (up to the next table).
fn without_table(manifest: &str, header: &str) -> String {
    let Some(start) = manifest.find(&format!("\n{header}\n")) else {
        return manifest.to_owned();
    };
    let rest = &manifest[start + 1..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |i| i + 2);
    format!("{}\n{}", &manifest[..start], &rest[end..])
}
