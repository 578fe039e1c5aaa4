//! End to end, the way a user meets the project: the real Python json-rpc server (Django
//! backend) serves its maps; `cargo xtask fetch` caches them, `codegen` writes the client, a
//! program built against that client calls every method; then the server's API changes and
//! `fetch`, `check`, `diff` and `codegen` must each tell the truth about it.

use crate::support::pyenv::{Server, API_KEY};
use crate::support::scratch::Scratch;
use crate::support::{git, workspace_root, xtask};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const NODES: [&str; 3] = ["orders", "reports", "clients"];

fn run(workspace: &Path, args: &[&str]) -> Output {
    xtask(workspace)
        .args(args)
        .env_remove("LEADHIT_BASE_URL")
        .env("LEADHIT_API_KEY", API_KEY)
        .env("LEADHIT_FETCH_TIMEOUT_SECS", "20")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn assert_status(what: &str, output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}\nstdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn fetch_args(server: &Server, with_nodes: bool) -> Vec<String> {
    let mut args = vec![
        "fetch".to_owned(),
        "--base-url".to_owned(),
        format!("{}/api/v1/", server.base_url),
    ];
    if with_nodes {
        for node in NODES {
            args.extend(["--node".to_owned(), node.to_owned()]);
        }
    }
    args
}

/// The changes `diff --format json` reported, as `(class, kind, node, method, param)`.
fn changes(json: &Value) -> Vec<(String, String, String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    json["changes"]
        .as_array()
        .expect("a changes array")
        .iter()
        .map(|c| {
            (
                s(&c["class"]),
                s(&c["kind"]),
                s(&c["node"]),
                s(&c["method"]),
                s(&c["param"]),
            )
        })
        .collect()
}

#[test]
fn fetch_codegen_call_then_follow_an_api_change() {
    let ws = Scratch::new("e2e");
    std::fs::create_dir_all(ws.dir.join("maps-cache")).unwrap();
    ws.add_runtime("leadhit-generated", "leadhit");
    let program = ws.dir.join("e2e-program");
    std::fs::create_dir_all(program.join("src")).unwrap();
    std::fs::copy(
        workspace_root().join("xtask/tests/e2e-program/src/main.rs"),
        program.join("src/main.rs"),
    )
    .unwrap();
    std::fs::write(
        program.join("Cargo.toml"),
        "[package]\nname = \"e2e-program\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nleadhit = { path = \"../leadhit-generated\" }\n\
         serde_json = \"1\"\ntokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    )
    .unwrap();
    ws.write_manifest(&["leadhit-generated".to_owned(), "e2e-program".to_owned()]);
    git(&ws.dir, &["init", "-q"]);

    // v1: fetch every node, generate, build the program once and run it.
    let v1 = Server::start("v1");
    let args = fetch_args(&v1, true);
    let fetched = run(
        &ws.dir,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_status("fetch from v1", &fetched, 0);
    for node in NODES {
        let page = std::fs::read_to_string(ws.dir.join(format!("maps-cache/{node}.html"))).unwrap();
        assert!(
            page.starts_with("<h1>JSON-RPC map</h1><pre>"),
            "{node}: {page}"
        );
    }
    assert_status("codegen from v1", &run(&ws.dir, &["codegen"]), 0);
    assert_status("check after codegen", &run(&ws.dir, &["check"]), 0);

    let built = ws.cargo(&["build", "--quiet", "-p", "e2e-program"], &[]);
    assert!(
        built.status.success(),
        "the program does not build against the generated client:\n{}",
        text(&built.stderr)
    );
    let ran = Command::new(ws.target.join("debug/e2e-program"))
        .env("LEADHIT_BASE_URL", format!("{}/api/v1/", v1.base_url))
        .env("LEADHIT_API_KEY", API_KEY)
        .output()
        .unwrap();
    assert!(
        ran.status.success() && text(&ran.stdout).starts_with("E2E OK"),
        "the program's checks failed:\n{}\n{}\nserver stderr:\n{}",
        text(&ran.stdout),
        text(&ran.stderr),
        v1.stderr()
    );
    let checks: usize = text(&ran.stdout)
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(checks, 22, "every check of the program ran");
    git(&ws.dir, &["add", "-A"]);
    git(&ws.dir, &["commit", "-q", "-m", "v1"]);
    drop(v1);

    // v2: the API changed under the cached maps.
    let v2 = Server::start("v2");
    let args = fetch_args(&v2, false);
    let fetched = run(
        &ws.dir,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_status("fetch from v2", &fetched, 0);
    let check = run(&ws.dir, &["check"]);
    assert_status("check after the API changed", &check, 1);
    assert!(
        text(&check.stderr).contains("cargo xtask codegen"),
        "{}",
        text(&check.stderr)
    );

    let diff = run(&ws.dir, &["diff", "--format", "json"]);
    assert_status("diff", &diff, 0);
    let json: Value = serde_json::from_slice(&diff.stdout).expect("diff --format json prints JSON");
    let found = changes(&json);
    for expected in [
        ("breaking", "method_removed", "orders", "ping", ""),
        ("non_breaking", "method_added", "orders", "cancel_order", ""),
        (
            "breaking",
            "required_param_added",
            "orders",
            "list_orders",
            "shop_id",
        ),
        (
            "breaking",
            "param_type_changed",
            "reports",
            "report.daily",
            "date_from",
        ),
    ] {
        let expected = (
            expected.0.to_owned(),
            expected.1.to_owned(),
            expected.2.to_owned(),
            expected.3.to_owned(),
            expected.4.to_owned(),
        );
        assert!(
            found.contains(&expected),
            "{expected:?} missing from {found:#?}"
        );
    }
    assert!(
        found.iter().all(|c| c.2 != "clients"),
        "the clients node did not change: {found:#?}"
    );
    let markdown = run(&ws.dir, &["diff"]);
    assert_status("diff markdown", &markdown, 0);
    assert!(
        text(&markdown.stdout).contains("cancel_order"),
        "{}",
        text(&markdown.stdout)
    );
    assert_status(
        "diff --fail-on breaking",
        &run(&ws.dir, &["diff", "--fail-on", "breaking"]),
        1,
    );

    assert_status("codegen from v2", &run(&ws.dir, &["codegen"]), 0);
    assert_status("check after codegen", &run(&ws.dir, &["check"]), 0);
    let checked = ws.cargo(&["check", "--quiet", "-p", "leadhit"], &[]);
    assert!(
        checked.status.success(),
        "the v2 client does not build:\n{}",
        text(&checked.stderr)
    );
    let v2_orders =
        std::fs::read_to_string(ws.dir.join("leadhit-generated/src/generated/orders.rs")).unwrap();
    assert!(v2_orders.contains("pub fn cancel_order("), "{v2_orders}");
    assert!(!v2_orders.contains("pub fn ping("), "{v2_orders}");
}
