//! `cargo xtask parse FILE`: the JSON a user reads to see why a method got its signature.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn parse(file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("parse")
        .arg(file)
        // An empty workspace: no overrides apply.
        .env(
            "XTASK_WORKSPACE",
            std::env::temp_dir().join("xtask-parse-no-workspace"),
        )
        .output()
        .unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../leadhit-codegen/tests/fixtures")
        .join(name)
}

#[test]
fn prints_each_method_with_its_params_and_returns() {
    let output = parse(&fixture("maps/server-v1-orders.html"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let model: Value = serde_json::from_slice(&output.stdout).unwrap();
    let methods = model["methods"].as_array().unwrap();
    assert_eq!(
        methods
            .iter()
            .map(|m| m["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["set_order_status", "list_orders", "ping"]
    );
    let set = &methods[0];
    assert_eq!(set["rust_name"], "set_order_status");
    assert_eq!(set["summary"], "Change the status of an order.");
    // `request` is injected by the server, so it is not a param.
    let params: Vec<(&Value, &Value, &Value)> = set["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (&p["name"], &p["type"], &p["optional"]))
        .collect();
    assert_eq!(
        params,
        [
            (&json!("order_id"), &json!("str"), &json!(false)),
            (
                &json!("status"),
                &json!("Literal['paid', 'submitted']"),
                &json!(false)
            ),
        ]
    );
    assert_eq!(set["returns"]["type"], "dict");
    let limit = &methods[1]["params"][0];
    assert_eq!(
        (&limit["name"], &limit["optional"], &limit["default"]),
        (&json!("limit"), &json!(true), &json!("10"))
    );
    // No docstring: the params are unknown (null), not an empty list.
    assert_eq!(methods[2]["params"], Value::Null);
    assert_eq!(methods[2]["returns"], Value::Null);
}

#[test]
fn a_page_that_is_not_a_map_is_an_error() {
    let output = parse(&fixture("not-maps/login.html"));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a JSON-RPC map"), "{stderr}");
    assert!(output.stdout.is_empty());
}
