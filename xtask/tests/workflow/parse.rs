//! `cargo xtask parse FILE`: the JSON a user reads to see why a method got its signature, with
//! the overrides of the page's node applied.

use crate::support::{fixture, xtask, TempDir};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;

fn parse(file: &Path) -> Output {
    // An empty workspace: no overrides apply.
    xtask(&std::env::temp_dir().join("xtask-parse-no-workspace"))
        .arg("parse")
        .arg(file)
        .output()
        .unwrap()
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

/// `parse` shows the model codegen will use: the overrides of the page's node applied.
#[test]
fn applies_the_overrides_of_the_node() {
    let root = TempDir::new("parse-overrides");
    std::fs::create_dir_all(root.join("maps-cache")).unwrap();
    let page = root.join("maps-cache/orders.html");
    std::fs::copy(fixture("diff/override-added/before/orders.html"), &page).unwrap();
    std::fs::write(
        root.join("maps-cache/overrides.toml"),
        "[orders.get_order]\nrust_name = \"fetch_order\"\n\n[other.x]\nskip = true\n",
    )
    .unwrap();
    let out = xtask(&root)
        .arg("parse")
        .arg(&page)
        .output()
        .expect("run xtask");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "parse: {stderr}");
    let model: Value = serde_json::from_slice(&out.stdout).expect("parse prints JSON");
    let get = model["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "get_order")
        .expect("get_order is listed");
    assert_eq!(get["rust_name"], "fetch_order");
    // Only this node's tables apply: the stale `other` node is codegen's to report.
    assert!(!stderr.contains("other"), "{stderr}");
}
