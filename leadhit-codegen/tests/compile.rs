//! Compiles the code emitted for every fixture map against the real runtime of the `leadhit`
//! crate, with warnings denied: a snapshot that does not build would be a broken client.
//!
//! Each fixture becomes one member of a scratch workspace under `target/`, holding a copy of
//! `leadhit-generated`'s runtime and that fixture's generated module; one `cargo check` builds
//! them all, sharing the dependencies.

use leadhit_codegen::diagnostics::has_errors;
use leadhit_codegen::generate::generate;
use leadhit_codegen::lower::{lower_api, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                workspace_root().join(p)
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn copy_dir(from: &Path, to: &Path) {
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

#[test]
fn every_fixture_snapshot_compiles_without_warnings() {
    let root = workspace_root();
    let scratch = target_dir().join("emit-compile");
    let _ = std::fs::remove_dir_all(scratch.join("ws"));
    let ws = scratch.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let runtime_manifest =
        std::fs::read_to_string(root.join("leadhit-generated/Cargo.toml")).unwrap();
    let mut members = Vec::new();
    let mut fixtures: Vec<PathBuf> =
        std::fs::read_dir(root.join("leadhit-codegen/tests/fixtures/maps"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
    fixtures.sort();
    for path in &fixtures {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let pages = vec![(stem.clone(), std::fs::read(path).unwrap())];
        let lowered = lower_api(&pages, &Options::default());
        let generated = generate(&lowered.value);
        if has_errors(&lowered.diagnostics) || generated.value.is_none() {
            // Such fixtures snapshot their errors instead; there is no code to build.
            continue;
        }
        let member = format!("fx_{}", stem.replace('-', "_"));
        let dir = ws.join(&member);
        copy_dir(&root.join("leadhit-generated/src"), &dir.join("src"));
        let _ = std::fs::remove_dir_all(dir.join("src/generated"));
        for file in generated.value.unwrap() {
            let dest = dir.join(&file.path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, file.contents).unwrap();
        }
        let manifest =
            runtime_manifest.replace("name = \"leadhit\"", &format!("name = \"{member}\""));
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        members.push(member);
    }
    assert!(
        members.len() >= 10,
        "only {} fixtures produced code",
        members.len()
    );
    let root_manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let package_section = root_manifest
        .split("[workspace.package]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("the root manifest has [workspace.package]");
    std::fs::write(
        ws.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = {members:?}\n\n[workspace.package]{package_section}\n"
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--quiet",
            "--message-format",
            "short",
        ])
        .current_dir(&ws)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "emitted code does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
