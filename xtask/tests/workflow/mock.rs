//! `leadhit::mock` (feature `mock`) as a user meets it: `mock-user`, a crate whose tests use
//! the mock of the client generated from the end-to-end server's v1 maps, must pass every one
//! of them (success, -32000, -32601, -32602, batches through the client and raw, 403, a panic naming the
//! closest method); and the mock of the shipped crate answers a call that breaks the contract
//! with the very JSON the real Python json-rpc server sends.

use crate::support::pyenv::{Server, API_KEY};
use crate::support::v1_client;
use leadhit::mock::MockServer;
use serde_json::{json, Value};

/// How many tests `xtask/tests/mock-user/tests/mock.rs` has.
const USER_TESTS: usize = 8;

#[test]
fn a_users_tests_pass_against_the_mock() {
    let ws = v1_client::workspace();
    let run = ws.cargo(&["test", "--quiet", "-p", "mock-user"], &[]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the user's tests fail against the mock:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains(&format!("test result: ok. {USER_TESTS} passed")),
        "every test of the user's crate ran: {stdout}"
    );
}

/// The same raw requests to the real Python json-rpc server and to the mock of the shipped
/// crate: the answers must be the same JSON. The server runs `v1`, whose `set_order_status`
/// takes the shipped spec's params under a Python function of the same name: the `TypeError`
/// names the function, which the maps do not tell the mock, so it names the method instead.
/// (Positional params are left out: the Django backend passes its `request` only to named
/// params, so a positional call is one argument short there, a quirk the mock does not copy.)
#[test]
fn the_mock_answers_contract_breaks_exactly_as_the_real_server() {
    let real = Server::start("v1");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime.block_on(MockServer::start());
    let post = |url: String, key: &'static str, body: &'static str| {
        runtime.block_on(async move {
            let response = reqwest::Client::new()
                .post(url)
                .header("API-KEY", key)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            (
                status,
                serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text)),
            )
        })
    };
    let ask_both = |body: &'static str| {
        let real = post(format!("{}/api/v1/orders/", real.base_url), API_KEY, body);
        let mocked = post(
            format!("{}orders/", mock.uri()),
            leadhit::mock::API_KEY,
            body,
        );
        assert_eq!(mocked, real, "{body}");
    };
    mock.on("orders", "set_order_status")
        .returns(json!({"status": "ok", "message": "Order status changed"}));
    for body in [
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "paid"}, "id": 1}"#,
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1"}, "id": 2}"#,
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "id": "three"}"#,
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "paid", "shop": 1}, "id": 4}"#,
        r#"{"jsonrpc": "2.0", "method": "get_order", "params": {}, "id": 5}"#,
        r#"{bad json"#,
        r#"[]"#,
        r#"[{"jsonrpc": "2.0", "method": "set_order_status", "id": 1}, {"method": "x", "id": 2}]"#,
        r#"[{"jsonrpc": "2.0", "method": "nope", "id": 1}, {"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1"}, "id": 2}]"#,
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "paid"}}"#,
    ] {
        ask_both(body);
    }
    mock.on("orders", "set_order_status")
        .fails("ValidationError", "Possible statuses: paid, submitted");
    ask_both(
        r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "lost"}, "id": 6}"#,
    );
    let real_refused = post(format!("{}/api/v1/orders/", real.base_url), "wrong", "{}");
    let mock_refused = post(format!("{}orders/", mock.uri()), "wrong", "{}");
    assert_eq!((real_refused.0, mock_refused.0), (403, 403));
}
