//! End to end, the way a user meets the project: the real Python json-rpc server (Django
//! backend) serves its maps; `cargo xtask fetch` caches them, `codegen` writes the client (with
//! an `overrides.toml` declaring a record and an open result enum), a program built against
//! that client calls every method (also in a batch, and through an injected and a middleware
//! HTTP client) and prints its `leadhit::spec` table (which must be the model's), the OpenRPC
//! documents validate, and `cargo doc -D warnings` documents it; then the server's API changes
//! and `fetch`, `check`, `diff`, `codegen` and `bump` must each tell the truth about it.

use crate::support::pyenv::{Server, API_KEY};
use crate::support::scratch::Scratch;
use crate::support::{git, workspace_root, xtask};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const NODES: [&str; 3] = ["orders", "reports", "clients"];

/// How many checks `tests/e2e-program` makes; it prints the number it ran.
const PROGRAM_CHECKS: usize = 46;

/// The scratch workspace's `maps-cache/overrides.toml`, as a user would write it: `getReport`
/// answers the `Report` record (its `ready` key left undeclared, `title` never sent, `fmt`
/// listing only `"json"` though the program asks for `"csv"`), and `type`'s result lists only
/// `"daily"` though odd ids answer `"weekly"`.
const OVERRIDES: &str = r#"[reports.getReport]
returns = "Report"

[reports.type]
returns = "Literal['daily']"

[records.Report]
report_id = "int"
fmt = { type = "Literal['json']", doc = "The format the report was made in." }
title = { type = "str", optional = true, doc = "The report's title, when it has one." }
"#;

/// The manifest of `tests/e2e-program` in the scratch workspace.
const PROGRAM_MANIFEST: &str = r#"[package]
name = "e2e-program"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
leadhit = { path = "../leadhit-generated", features = ["middleware", "spec"] }
# A client of the program's own brings its own TLS, as a user's would: `leadhit`'s reqwest has
# no rustls crypto provider (see leadhit-generated/src/tls.rs).
reqwest = { version = "0.13", default-features = false, features = ["rustls"] }
reqwest-middleware = "0.5"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt"] }
"#;

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

/// The scratch workspace: the runtime, the program, the overrides and an empty `maps-cache/`,
/// in a git repository of its own.
fn scratch_workspace() -> Scratch {
    let ws = Scratch::new("e2e");
    std::fs::create_dir_all(ws.dir.join("maps-cache")).unwrap();
    std::fs::write(ws.dir.join("maps-cache/overrides.toml"), OVERRIDES).unwrap();
    ws.add_runtime("leadhit-generated", "leadhit");
    let program = ws.dir.join("e2e-program");
    std::fs::create_dir_all(program.join("src")).unwrap();
    std::fs::copy(
        workspace_root().join("xtask/tests/e2e-program/src/main.rs"),
        program.join("src/main.rs"),
    )
    .unwrap();
    std::fs::write(program.join("Cargo.toml"), PROGRAM_MANIFEST).unwrap();
    ws.write_manifest(&["leadhit-generated".to_owned(), "e2e-program".to_owned()]);
    git(&ws.dir, &["init", "-q"]);
    ws
}

/// Builds the program against the generated client and runs it against `server`; it must pass
/// every one of its checks, and print the spec table of the model.
fn build_and_run_program(ws: &Scratch, server: &Server) {
    let built = ws.cargo(&["build", "--quiet", "-p", "e2e-program"], &[]);
    assert!(
        built.status.success(),
        "the program does not build against the generated client:\n{}",
        text(&built.stderr)
    );
    let ran = Command::new(ws.target.join("debug/e2e-program"))
        .env("LEADHIT_BASE_URL", format!("{}/api/v1/", server.base_url))
        .env("LEADHIT_API_KEY", API_KEY)
        .output()
        .unwrap();
    assert!(
        ran.status.success() && text(&ran.stdout).starts_with("E2E OK"),
        "the program's checks failed:\n{}\n{}\nserver stderr:\n{}",
        text(&ran.stdout),
        text(&ran.stderr),
        server.stderr()
    );
    let checks: usize = text(&ran.stdout)
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(checks, PROGRAM_CHECKS, "every check of the program ran");
    assert_spec_is_the_model(ws, &text(&ran.stdout));
}

/// The `SPEC` lines the program printed from `leadhit::spec` are, one for one, every method
/// of the model the client was generated from, with its params (see `print_spec` there).
fn assert_spec_is_the_model(ws: &Scratch, stdout: &str) {
    let api = leadhit_codegen::load_cache(&ws.dir.join("maps-cache")).unwrap();
    let mut expected = Vec::new();
    for node in &api.value.nodes {
        for m in &node.methods {
            let params = match &m.model.params {
                None => "-".to_owned(),
                Some(params) => params
                    .iter()
                    .map(|p| {
                        let required = match p.optional {
                            leadhit_codegen::Optionality::Required => "required",
                            _ => "optional",
                        };
                        format!("{}:{required}:{}", p.wire_name, model_type(&p.ty))
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            expected.push(format!("SPEC {} {} {params}", node.name, m.model.wire_name));
        }
    }
    let printed: Vec<&str> = stdout.lines().filter(|l| l.starts_with("SPEC ")).collect();
    assert_eq!(
        expected.len(),
        10,
        "the v1 server's three nodes have ten methods: {expected:#?}"
    );
    assert_eq!(printed, expected);
}

/// Every node has its OpenRPC document, and each is valid OpenRPC.
fn assert_openrpc_valid(ws: &Scratch) {
    let docs: Vec<std::path::PathBuf> = NODES
        .iter()
        .map(|node| {
            ws.dir
                .join(format!("leadhit-generated/openrpc/{node}.json"))
        })
        .collect();
    let out = crate::support::npm::validate(&docs);
    assert!(
        out.status.success(),
        "the documents of the server's maps are not valid OpenRPC:\n{}",
        text(&out.stdout)
    );
}

/// A model type as the program prints the `TypeSpec` made of it.
fn model_type(ty: &leadhit_codegen::Type) -> String {
    use leadhit_codegen::Type;
    let all = |types: &[Type]| types.iter().map(model_type).collect::<Vec<_>>().join(",");
    match ty {
        Type::Str | Type::Date | Type::DateTime => "string".to_owned(),
        Type::Int => "integer".to_owned(),
        Type::Float | Type::Decimal => "number".to_owned(),
        Type::Bool => "boolean".to_owned(),
        Type::None => "null".to_owned(),
        Type::List { item } => format!("list<{}>", model_type(item)),
        Type::Map { value } => format!("map<{}>", model_type(value)),
        Type::Literal { values } => format!("enum<{}>", values.join(",")),
        Type::Optional { inner } => format!("union<{},null>", model_type(inner)),
        Type::Union { variants } => format!("union<{}>", all(variants)),
        Type::Record { name } => format!("record<{name}>"),
        Type::Json { .. } => "any".to_owned(),
    }
}

/// `cargo doc` on the generated crate, warnings denied: a broken intra-doc link, an unclosed
/// HTML tag or a bad code block in any generated doc fails it. The pages of the record, the
/// open result enum and the untyped method must be there.
fn assert_docs_clean(ws: &Scratch, api: &str) {
    let doc = ws.cargo(
        &["doc", "--quiet", "--no-deps", "-p", "leadhit"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    assert!(
        doc.status.success(),
        "`cargo doc` with -D warnings fails on the {api} client:\n{}",
        text(&doc.stderr)
    );
    for page in [
        "leadhit/struct.Report.html",
        "leadhit/enum.ReportFmt.html",
        "leadhit/reports/enum.TypeOutput.html",
        "leadhit/reports/struct.Reports.html",
    ] {
        let path = ws.target.join("doc").join(page);
        assert!(path.is_file(), "{api}: no {}", path.display());
    }
}

#[test]
fn fetch_codegen_call_then_follow_an_api_change() {
    let ws = scratch_workspace();
    // v1: fetch every node, generate, build the program once, run it, document the client.
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
    assert_openrpc_valid(&ws);
    build_and_run_program(&ws, &v1);
    assert_docs_clean(&ws, "v1");
    git(&ws.dir, &["add", "-A"]);
    git(&ws.dir, &["commit", "-q", "-m", "v1"]);
    drop(v1);
    follow_v2(&ws);
}

/// v2: the API changed under the cached maps; `fetch`, `check`, `diff` and `codegen` follow.
fn follow_v2(ws: &Scratch) {
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
    assert_diff_reports_v2(ws);

    assert_status("codegen from v2", &run(&ws.dir, &["codegen"]), 0);
    assert_status("check after codegen", &run(&ws.dir, &["check"]), 0);
    crate::bump::assert_v2_bump(&ws.dir);
    let checked = ws.cargo(&["check", "--quiet", "-p", "leadhit"], &[]);
    assert!(
        checked.status.success(),
        "the v2 client does not build:\n{}",
        text(&checked.stderr)
    );
    assert_docs_clean(ws, "v2");
    let v2_orders =
        std::fs::read_to_string(ws.dir.join("leadhit-generated/src/generated/orders.rs")).unwrap();
    assert!(v2_orders.contains("pub fn cancel_order("), "{v2_orders}");
    assert!(!v2_orders.contains("pub fn ping("), "{v2_orders}");
}

/// `diff` names v2's four changes, and nothing of the methods that did not change.
fn assert_diff_reports_v2(ws: &Scratch) {
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
    assert!(
        found
            .iter()
            .all(|c| c.2 != "reports" || c.3 == "report.daily"),
        "of the reports node only report.daily changed (the overrides apply to both sides): {found:#?}"
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
}
