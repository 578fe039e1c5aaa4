//! One scratch workspace, built once per test run, for the tests of the `cli` and `mock`
//! features: the `leadhit` crate generated from the end-to-end server's v1 maps
//! (`fixtures/maps/server-v1-*.html`), and `mock-user`, a user's crate whose tests use
//! `leadhit::mock` (`xtask/tests/mock-user/`).

use super::scratch::Scratch;
use super::{fixture, workspace_root};
use leadhit_codegen::{build_api, generate, Overrides};
use std::sync::OnceLock;

/// The nodes of the v1 API, in page order.
pub const NODES: [&str; 3] = ["orders", "reports", "clients"];

/// The manifest of `mock-user`, depending on the generated crate as a user's crate would.
const MOCK_USER_MANIFEST: &str = r#"[package]
name = "mock-user"
version = "0.0.0"
edition = "2021"
publish = false

[dev-dependencies]
leadhit = { path = "../leadhit-generated", features = ["mock"] }
# The batch test posts a raw batch with a reqwest client of its own, which brings its own TLS
# as a user's would: `leadhit`'s reqwest has no crypto provider (see `leadhit`'s `src/tls.rs`).
reqwest = { version = "0.13.5", default-features = false, features = ["rustls"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt"] }
"#;

/// The scratch workspace, made on first use (the generated client written, nothing built).
pub fn workspace() -> &'static Scratch {
    static WORKSPACE: OnceLock<Scratch> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let ws = Scratch::new("cli-mock");
        let crate_dir = ws.add_runtime("leadhit-generated", "leadhit");
        let pages: Vec<(String, Vec<u8>)> = NODES
            .iter()
            .map(|node| {
                let page = fixture(&format!("maps/server-v1-{node}.html"));
                (node.to_string(), std::fs::read(page).unwrap())
            })
            .collect();
        let api = build_api(&pages, &Overrides::default());
        assert!(!api.has_errors(), "the v1 maps resolve without errors");
        // The Rust files; the OpenRPC documents are validated by `openrpc.rs`.
        for file in generate(&api.value)
            .into_iter()
            .filter(|f| f.path.ends_with(".rs"))
        {
            std::fs::write(crate_dir.join(&file.path), file.contents).unwrap();
        }
        let user = ws.dir.join("mock-user");
        std::fs::create_dir_all(user.join("src")).unwrap();
        std::fs::create_dir_all(user.join("tests")).unwrap();
        std::fs::write(user.join("Cargo.toml"), MOCK_USER_MANIFEST).unwrap();
        std::fs::write(user.join("src/lib.rs"), "//! A user's crate.\n").unwrap();
        std::fs::copy(
            workspace_root().join("xtask/tests/mock-user/tests/mock.rs"),
            user.join("tests/mock.rs"),
        )
        .unwrap();
        ws.write_manifest(&["leadhit-generated".to_owned(), "mock-user".to_owned()]);
        ws
    })
}
