//! Compiles the code emitted for every fixture map (the code the `emit` snapshots pin) against
//! the real runtime of the `leadhit` crate: a snapshot that does not build, or builds with
//! warnings, would be a broken client.
//!
//! Each fixture becomes one member of a scratch workspace, holding a copy of the runtime and
//! that fixture's generated module; one `cargo check` builds them all, and one `cargo doc`
//! with rustdoc's warnings denied documents them all. The hostile fixture's doctests are
//! listed too, to show that none comes from the map.

use crate::support::{fixture_files, scratch::Scratch};
use leadhit_codegen::{build_api, generate, Overrides};

#[test]
fn every_fixture_snapshot_compiles_without_warnings() {
    let ws = Scratch::new("fixtures");
    let fixtures = fixture_files("maps", "html");
    let mut members = Vec::new();
    for path in &fixtures {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let pages = vec![(stem.clone(), std::fs::read(path).unwrap())];
        let api = build_api(&pages, &Overrides::default());
        if api.has_errors() {
            // Such fixtures snapshot their errors instead; there is no code to build.
            continue;
        }
        let files = generate(&api.value);
        let member = format!("fx_{}", stem.replace('-', "_"));
        let dir = ws.add_runtime(&member, &member);
        // The Rust files; the OpenRPC documents are validated by `openrpc.rs`.
        for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
            std::fs::write(dir.join(&file.path), &file.contents).unwrap();
        }
        members.push(member);
    }
    assert!(
        members.len() >= 15,
        "only {} fixtures produced code",
        members.len()
    );
    ws.write_manifest(&members);
    // Warnings are read from the output rather than denied with RUSTFLAGS, which would change
    // the dependencies' fingerprints and rebuild them all; cargo caps lints for registry crates,
    // so every warning shown is ours.
    // With the `spec` table: the emitted `leadhit::spec` entries are code too.
    let output = ws.cargo(
        &[
            "check",
            "--workspace",
            "--features",
            "spec",
            "--message-format",
            "short",
        ],
        &[],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "emitted code does not compile:\n{stderr}"
    );
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(
        warnings.is_empty(),
        "emitted code has warnings:\n{}",
        warnings.join("\n")
    );
    // The docs too: map text (see `hostile.html`) must not become broken intra-doc links,
    // unclosed HTML tags, bare URLs or Rust code blocks. `RUSTDOCFLAGS` only reaches rustdoc,
    // so the dependencies `check` built are reused.
    let output = ws.cargo(
        &[
            "doc",
            "--workspace",
            "--features",
            "spec",
            "--no-deps",
            "--message-format",
            "short",
        ],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    assert!(
        output.status.success(),
        "emitted docs have rustdoc warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // And no map text became a doctest: of the hostile fixture's crate, only the runtime's own
    // examples are listed.
    assert!(members.iter().any(|m| m == "fx_hostile"), "{members:?}");
    let output = ws.cargo(
        &[
            "test",
            "--doc",
            "-p",
            "fx_hostile",
            "--features",
            "spec",
            "--",
            "--list",
        ],
        &[],
    );
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && listed.contains(" tests, "),
        "{listed}"
    );
    assert!(
        !listed.contains("src/generated/"),
        "map text became doctests:\n{listed}"
    );
}
