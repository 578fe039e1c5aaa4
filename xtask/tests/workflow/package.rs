//! The `leadhit` crate as a registry gets it: `cargo package -p leadhit --allow-dirty` (which
//! also builds the packaged sources on their own), the `.crate` file's list checked against
//! the tree, and a program depending on the unpacked `.crate` built in a scratch workspace,
//! with every feature too (docs.rs builds it that way). All builds share the scratch target
//! directory, so dependencies compile once for this and the other scratch builds.

use crate::support::scratch::Scratch;
use crate::support::{heavy, workspace_root};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

/// What cargo adds to every package: the normalised manifest beside the original, the lock
/// file the verification build used.
const CARGO_FILES: [&str; 2] = ["Cargo.toml.orig", "Cargo.lock"];

/// Where the crate was committed from; present when packaged inside a git checkout.
const VCS_INFO: &str = ".cargo_vcs_info.json";

/// The files beside the sources that a user of the crate reads.
const DOCUMENTS: [&str; 5] = [
    "Cargo.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
];

/// Folders whose every file is packaged, when they exist: the sources (generated ones
/// included), the OpenRPC documents, the examples.
const FOLDERS: [&str; 3] = ["src", "openrpc", "examples"];

const CONSUMER_MANIFEST: &str = r#"[package]
name = "package-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
leadhit = { path = "../unpacked" }
"#;

const CONSUMER_MAIN: &str = r#"fn main() {
    let client = leadhit::Client::new("key");
    let _orders = client.orders();
    println!("{}", leadhit::DEFAULT_BASE_URL);
}
"#;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_ok(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// Every file under `root/dir`, as `/`-separated paths relative to `root`.
fn files_under(root: &Path, dir: &str, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().unwrap().is_dir() {
            files_under(root, &path, out);
        } else {
            out.insert(path);
        }
    }
}

/// What the package must hold, read from the tree rather than listed here.
fn expected_files(crate_dir: &Path) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = DOCUMENTS
        .iter()
        .chain(&CARGO_FILES)
        .map(|f| (*f).to_owned())
        .collect();
    for folder in FOLDERS {
        files_under(crate_dir, folder, &mut files);
    }
    files
}

fn version(manifest: &str) -> String {
    let table: toml::Table = toml::from_str(manifest).unwrap();
    table["package"]["version"].as_str().unwrap().to_owned()
}

/// No dependency of the packaged manifest is a path: the crate builds from the registry alone.
fn assert_no_path_dependencies(manifest: &str) {
    let table: toml::Table = toml::from_str(manifest).unwrap();
    let mut tables: Vec<&toml::Value> = ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|k| table.get(*k))
        .collect();
    if let Some(targets) = table.get("target").and_then(|t| t.as_table()) {
        for target in targets.values() {
            tables.extend(target.as_table().into_iter().flat_map(|t| t.values()));
        }
    }
    for deps in tables.iter().filter_map(|t| t.as_table()) {
        for (name, dep) in deps {
            assert!(
                dep.get("path").is_none(),
                "{name} is a path dependency: {dep}"
            );
        }
    }
}

#[test]
fn the_packaged_crate_holds_its_files_and_builds_on_its_own() {
    let ws = Scratch::new("package");
    let crate_dir = workspace_root().join("leadhit-generated");
    let packaged = {
        let _heavy = heavy();
        Command::new(env!("CARGO"))
            .args(["package", "-p", "leadhit", "--allow-dirty"])
            .current_dir(workspace_root())
            .env("CARGO_TARGET_DIR", &ws.target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    };
    assert_ok("cargo package -p leadhit --allow-dirty", &packaged);

    let version = version(&std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap());
    let crate_file = ws.target.join(format!("package/leadhit-{version}.crate"));
    let unpacked = ws.dir.join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let untar = Command::new("tar")
        .arg("-xzf")
        .arg(&crate_file)
        .arg("-C")
        .arg(&unpacked)
        .args(["--strip-components", "1"])
        .output()
        .expect("run tar (it unpacks the .crate file)");
    assert_ok(&format!("tar -xzf {}", crate_file.display()), &untar);

    let mut found = BTreeSet::new();
    files_under(&unpacked, ".", &mut found);
    let found: BTreeSet<String> = found
        .into_iter()
        .map(|f| f.trim_start_matches("./").to_owned())
        .filter(|f| f != VCS_INFO)
        .collect();
    assert_eq!(found, expected_files(&crate_dir), "the package's files");
    let licence = std::fs::read_to_string(unpacked.join("LICENSE-MIT")).unwrap();
    assert!(
        licence.contains("Permission is hereby granted"),
        "{licence}"
    );
    let manifest = std::fs::read_to_string(unpacked.join("Cargo.toml")).unwrap();
    assert_no_path_dependencies(&manifest);
    assert!(
        manifest.contains("[package.metadata.docs.rs]"),
        "{manifest}"
    );

    build_against(&ws, &unpacked);
}

/// A program depending on the unpacked crate builds, and so does the crate with every feature.
fn build_against(ws: &Scratch, unpacked: &Path) {
    let consumer = ws.dir.join("consumer");
    std::fs::create_dir_all(consumer.join("src")).unwrap();
    std::fs::write(consumer.join("Cargo.toml"), CONSUMER_MANIFEST).unwrap();
    std::fs::write(consumer.join("src/main.rs"), CONSUMER_MAIN).unwrap();
    std::fs::write(
        ws.dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"consumer\", \"unpacked\"]\n",
    )
    .unwrap();
    // The versions the package was verified with.
    std::fs::copy(unpacked.join("Cargo.lock"), ws.dir.join("Cargo.lock")).unwrap();
    assert_ok(
        "building a program against the packaged crate",
        &ws.cargo(&["build", "--quiet", "-p", "package-consumer"], &[]),
    );
    assert_ok(
        "building the packaged crate with every feature",
        &ws.cargo(
            &["build", "--quiet", "-p", "leadhit", "--all-features"],
            &[],
        ),
    );
}
