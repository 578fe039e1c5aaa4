//! Every OpenRPC document the generator writes is valid OpenRPC: those of each fixture map and
//! the shipped ones of `maps-cache/`, checked against the official meta-schema with the OpenRPC
//! project's own tooling (`support::npm`). And the validator does reject a broken document, so
//! a pass means something.

use crate::support::npm::validate;
use crate::support::{fixture_files, workspace_root, TempDir};
use leadhit_codegen::{build_api, generate, Overrides, OPENRPC_DIR};
use std::path::PathBuf;

/// The documents generated from every fixture map, written under `dir`.
fn fixture_documents(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for page in fixture_files("maps", "html") {
        let stem = page.file_stem().unwrap().to_str().unwrap().to_owned();
        let api = build_api(
            &[(stem.clone(), std::fs::read(&page).unwrap())],
            &Overrides::default(),
        );
        let docs = generate(&api.value)
            .into_iter()
            .filter(|f| f.path.starts_with(&format!("{OPENRPC_DIR}/")));
        for doc in docs {
            let path = dir.join(doc.path.replace('/', "_"));
            std::fs::write(&path, doc.contents).unwrap();
            written.push(path);
        }
    }
    written
}

/// `leadhit-generated/openrpc/*.json`.
fn shipped_documents() -> Vec<PathBuf> {
    let dir = workspace_root().join("leadhit-generated").join(OPENRPC_DIR);
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    docs.sort();
    docs
}

#[test]
fn every_generated_document_is_valid_openrpc() {
    let dir = TempDir::new("openrpc");
    let mut docs = fixture_documents(&dir);
    let shipped = shipped_documents();
    assert!(
        !shipped.is_empty(),
        "no documents in leadhit-generated/openrpc"
    );
    docs.extend(shipped);
    let out = validate(&docs);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "invalid OpenRPC:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let valid = stdout.lines().filter(|l| l.starts_with("valid ")).count();
    assert_eq!(valid, docs.len(), "one verdict per document:\n{stdout}");
}

#[test]
fn the_validator_rejects_a_broken_document() {
    let dir = TempDir::new("openrpc-broken");
    let shipped = &shipped_documents()[0];
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shipped).unwrap()).unwrap();
    doc["methods"][0]["paramStructure"] = "by-names".into();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, doc.to_string()).unwrap();
    let out = validate(&[shipped.clone(), broken.clone()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("invalid {}", broken.display())),
        "{stdout}"
    );
    assert!(stdout.contains("paramStructure"), "{stdout}");
    assert!(
        stdout.contains(&format!("valid {}", shipped.display())),
        "{stdout}"
    );
}
