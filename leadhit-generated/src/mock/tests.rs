//! The mock against the shipped spec (node `orders`, `set_order_status(order_id, status)`),
//! through the real client and through raw HTTP for what the client never sends.

use serde_json::{json, Value};

use super::{MockServer, API_KEY};
use crate::{Client, Error};

/// POSTs `body` to `<mock>/<node>/` with the mock's key (or none), returning status and JSON.
async fn post(server: &MockServer, node: &str, body: &str, key: bool) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(format!("{}{node}/", server.uri()))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if key {
        request = request.header("API-KEY", API_KEY);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn rpc_error(error: Error) -> crate::RpcError {
    match error {
        Error::Rpc(error) => error,
        other => panic!("expected a JSON-RPC error, got {other:?}"),
    }
}

#[tokio::test]
async fn configured_answers_come_back_and_calls_are_recorded() {
    let server = MockServer::start().await;
    server
        .on("orders", "set_order_status")
        .returns(json!({"status": "ok", "message": "Order status changed"}));
    let answer = server
        .client()
        .orders()
        .set_order_status("f1", "paid")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status, "ok");
    assert_eq!(
        server.calls("orders", "set_order_status"),
        [json!({"order_id": "f1", "status": "paid"})]
    );

    server
        .on("orders", "set_order_status")
        .fails("ValidationError", "no such order");
    let error = rpc_error(
        server
            .client()
            .orders()
            .set_order_status("f2", "paid")
            .send()
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (error.code, error.kind(), error.detail()),
        (-32000, Some("ValidationError"), Some("no such order"))
    );
    assert_eq!(error.data.unwrap()["args"], json!(["no such order"]));
    assert_eq!(server.calls("orders", "set_order_status").len(), 2);
}

#[tokio::test]
async fn calls_that_break_the_contract_get_json_rpc_errors() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_status").returns("ok");
    let client = server.client();
    let call = |node: &'static str, method: &'static str, params: Value| {
        let client = client.clone();
        async move {
            let answer = client.call::<Value>(node, method, params).await;
            rpc_error(answer.unwrap_err())
        }
    };
    let unknown = call("orders", "set_status", json!({})).await;
    assert_eq!((unknown.code, unknown.data), (-32601, None));
    assert_eq!(
        call("shops", "set_order_status", json!({})).await.code,
        -32601
    );

    let missing = call("orders", "set_order_status", json!({"order_id": "1"})).await;
    assert_eq!(missing.code, -32602);
    assert_eq!(missing.kind(), Some("TypeError"));
    assert_eq!(
        missing.detail(),
        Some("set_order_status() missing 1 required positional argument: 'status'")
    );
    let extra = json!({"order_id": "1", "status": "paid", "shop": 1});
    let undocumented = call("orders", "set_order_status", extra).await;
    assert_eq!(undocumented.code, -32602);
    // Refused calls are recorded too: a test can see what its code sent.
    assert_eq!(server.calls("orders", "set_order_status").len(), 2);
    assert_eq!(server.calls("orders", "set_status"), [json!({})]);
}

#[tokio::test]
async fn a_method_without_an_answer_says_what_to_configure() {
    let server = MockServer::start().await;
    let error = rpc_error(
        server
            .client()
            .orders()
            .set_order_status("1", "paid")
            .send()
            .await
            .unwrap_err(),
    );
    assert_eq!(error.kind(), Some("MockNotConfigured"));
    let detail = error.detail().unwrap();
    assert!(
        detail.contains(r#"server.on("orders", "set_order_status").returns(...)"#),
        "{detail}"
    );
}

#[tokio::test]
async fn requests_without_the_key_get_403_like_the_real_server() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_status").returns("ok");
    let body = r#"{"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "paid"}, "id": 1}"#;
    assert_eq!(post(&server, "orders", body, false).await.0, 403);
    let keyless = Client::builder()
        .base_url(server.uri())
        .api_key("wrong")
        .build()
        .unwrap();
    let answer = keyless
        .call::<Value>("orders", "set_order_status", json!({}))
        .await;
    assert!(matches!(answer, Err(Error::Unauthorized)), "{answer:?}");
    assert!(server.calls("orders", "set_order_status").is_empty());
}

#[tokio::test]
async fn client_batches_get_each_answer_in_its_place() {
    let server = MockServer::start().await;
    server
        .on("orders", "set_order_status")
        .fails("ValidationError", "Possible statuses: paid, submitted");
    let client = server.client();
    let (first, second) = client
        .batch((
            client.orders().set_order_status("1", "lost"),
            client.orders().set_order_status("2", "paid"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        rpc_error(first.unwrap_err()).kind(),
        Some("ValidationError")
    );
    assert_eq!(rpc_error(second.unwrap_err()).code, -32000);
    assert_eq!(
        server.calls("orders", "set_order_status"),
        [
            json!({"order_id": "1", "status": "lost"}),
            json!({"order_id": "2", "status": "paid"})
        ]
    );
}

#[tokio::test]
async fn batches_get_one_answer_per_request_with_an_id() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_status").returns("ok");
    let batch = json!([
        {"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1", "status": "paid"}, "id": 1},
        {"jsonrpc": "2.0", "method": "nope", "id": "two"},
        {"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "3"}, "id": 3},
        {"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "4", "status": "paid"}},
    ]);
    let (status, body) = post(&server, "orders", &batch.to_string(), true).await;
    assert_eq!(status, 200);
    let answers: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        answers,
        json!([
            {"jsonrpc": "2.0", "id": 1, "result": "ok"},
            {"jsonrpc": "2.0", "id": "two", "error": {"code": -32601, "message": "Method not found"}},
            {"jsonrpc": "2.0", "id": 3, "error": {"code": -32602, "message": "Invalid params", "data": {
                "type": "TypeError",
                "args": ["set_order_status() missing 1 required positional argument: 'status'"],
                "message": "set_order_status() missing 1 required positional argument: 'status'"}}},
        ])
    );
    // The notification (no `id`) ran, unanswered.
    assert_eq!(server.calls("orders", "set_order_status").len(), 3);
}

#[tokio::test]
async fn unreadable_bodies_get_the_protocol_errors() {
    let server = MockServer::start().await;
    let (_, body) = post(&server, "orders", "{not json", true).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}})
    );
    let (_, body) = post(&server, "orders", "[]", true).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"]["code"],
        -32600
    );
    // One request that is not JSON-RPC 2.0 makes the whole batch invalid, as in json-rpc.
    let batch = r#"[{"jsonrpc": "2.0", "method": "m", "id": 1}, {"method": "m", "id": 2}]"#;
    let (_, body) = post(&server, "orders", batch, true).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "Invalid Request"}})
    );
    // What json-rpc's Django view answers to a lone notification, verbatim.
    let notification = r#"{"jsonrpc": "2.0", "method": "set_order_status"}"#;
    assert_eq!(
        post(&server, "orders", notification, true).await,
        (200, "None".to_owned())
    );
}

#[tokio::test]
#[should_panic(expected = r#"the closest known method is on("orders", "set_order_status")"#)]
async fn configuring_a_method_the_api_lacks_panics_naming_the_closest() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_statuses").returns("ok");
}
