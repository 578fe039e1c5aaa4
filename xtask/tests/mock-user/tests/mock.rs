//! A user's tests of their own code, with `leadhit::mock` standing in for LeadHit: the code
//! under test (`mark_paid`, `first_orders`) gets a client pointed at the mock, and the tests
//! check what it sent and how it handles the errors the real server would answer, one call at
//! a time and in batches.

use leadhit::mock::MockServer;
use leadhit::orders::SetOrderStatusStatus;
use leadhit::{Client, Error};
use serde_json::{json, Value};

/// The code under test: marks an order paid, returning the server's message.
async fn mark_paid(client: &Client, order_id: &str) -> Result<String, Error> {
    let answer = client
        .orders()
        .set_order_status(order_id, SetOrderStatusStatus::Paid)
        .send()
        .await?;
    Ok(answer["message"].as_str().unwrap_or_default().to_owned())
}

/// More code under test: the first `n` orders.
async fn first_orders(client: &Client, n: i64) -> Result<Vec<Value>, Error> {
    client.orders().list_orders().limit(n).send().await
}

fn rpc(error: Error) -> leadhit::RpcError {
    match error {
        Error::Rpc(error) => error,
        other => panic!("expected a JSON-RPC error, got {other}"),
    }
}

#[tokio::test]
async fn success_answers_and_the_calls_made() {
    let server = MockServer::start().await;
    server
        .on("orders", "set_order_status")
        .returns(json!({"status": "ok", "message": "Order status changed"}));
    server
        .on("orders", "list_orders")
        .returns(json!([{"order_id": "o0"}]));
    let client = server.client();

    assert_eq!(
        mark_paid(&client, "f168148717").await.unwrap(),
        "Order status changed"
    );
    assert_eq!(
        first_orders(&client, 1).await.unwrap(),
        [json!({"order_id": "o0"})]
    );
    assert_eq!(
        server.calls("orders", "set_order_status"),
        [json!({"order_id": "f168148717", "status": "paid"})]
    );
    assert_eq!(server.calls("orders", "list_orders"), [json!({"limit": 1})]);
}

#[tokio::test]
async fn an_exception_on_the_server_reaches_the_caller_as_its_kind_and_detail() {
    let server = MockServer::start().await;
    server
        .on("orders", "set_order_status")
        .fails("ValidationError", "no such order");
    let error = rpc(mark_paid(&server.client(), "nope").await.unwrap_err());
    assert_eq!(error.code, -32000);
    assert_eq!(error.message, "Server error");
    assert_eq!(error.kind(), Some("ValidationError"));
    assert_eq!(error.detail(), Some("no such order"));
}

#[tokio::test]
async fn an_unknown_method_is_method_not_found() {
    let server = MockServer::start().await;
    let client = server.client();
    let error = rpc(client
        .call::<Value>("orders", "cancel_order", json!({"order_id": "1"}))
        .await
        .unwrap_err());
    assert_eq!(
        (error.code, error.message.as_str()),
        (-32601, "Method not found")
    );
    let error = rpc(client.call::<Value>("shops", "list", ()).await.unwrap_err());
    assert_eq!(error.code, -32601);
}

#[tokio::test]
async fn params_that_do_not_fit_are_invalid_params_with_the_type_error() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_status").returns(json!({}));
    server.on("reports", "export").returns(json!({}));
    let client = server.client();
    let missing = rpc(client
        .call::<Value>("orders", "set_order_status", json!({"order_id": "1"}))
        .await
        .unwrap_err());
    assert_eq!(
        (missing.code, missing.message.as_str()),
        (-32602, "Invalid params")
    );
    let message = "set_order_status() missing 1 required positional argument: 'status'";
    assert_eq!(
        missing.data,
        Some(json!({"type": "TypeError", "args": [message], "message": message}))
    );
    let extra = json!({"order_id": "1", "status": "paid", "shop_id": "s"});
    let undocumented = rpc(client
        .call::<Value>("orders", "set_order_status", extra)
        .await
        .unwrap_err());
    assert_eq!(undocumented.code, -32602);
    assert_eq!(
        undocumented.detail(),
        Some("set_order_status() got an unexpected keyword argument 'shop_id'")
    );
    // `export` takes `**kwargs`: any named param fits.
    let any: Value = client
        .call("reports", "export", json!({"column": "x"}))
        .await
        .unwrap();
    assert_eq!(any, json!({}));
}

#[tokio::test]
async fn a_batch_through_the_client_gets_each_answer_in_its_place() {
    let server = MockServer::start().await;
    server
        .on("orders", "set_order_status")
        .returns(json!({"status": "ok", "message": "Order status changed"}));
    server.on("orders", "list_orders").returns(json!([]));
    server
        .on("reports", "getReport")
        .fails("NotFound", "no report 7");
    let client = server.client();
    let (paid, orders, report) = client
        .batch((
            client
                .orders()
                .set_order_status("1", SetOrderStatusStatus::Paid),
            client.orders().list_orders().limit(2),
            client.reports().get_report(7),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.unwrap()["status"], "ok");
    assert_eq!(orders.unwrap(), Vec::<Value>::new());
    assert_eq!(rpc(report.unwrap_err()).detail(), Some("no report 7"));
    assert_eq!(server.calls("orders", "list_orders"), [json!({"limit": 2})]);
    assert_eq!(
        server.calls("reports", "getReport"),
        [json!({"report_id": 7})]
    );
}

/// The batch as the wire carries it: one answer per request with an `id`, each judged alone.
#[tokio::test]
async fn a_batch_gets_one_answer_per_call() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_status").returns("ok");
    server.on("orders", "ping").returns("pong");
    let batch = json!([
        {"jsonrpc": "2.0", "method": "ping", "id": 1},
        {"jsonrpc": "2.0", "method": "set_order_status", "params": {"order_id": "1"}, "id": 2},
        {"jsonrpc": "2.0", "method": "nope", "id": 3},
    ]);
    let response = reqwest::Client::new()
        .post(format!("{}orders/", server.uri()))
        .header("API-KEY", leadhit::mock::API_KEY)
        .header("content-type", "application/json")
        .body(batch.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let answers: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let codes: Vec<Value> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|answer| {
            answer
                .get("result")
                .cloned()
                .unwrap_or(answer["error"]["code"].clone())
        })
        .collect();
    assert_eq!(codes, [json!("pong"), json!(-32602), json!(-32601)]);
    assert_eq!(answers[1]["id"], 2);
}

#[tokio::test]
async fn a_request_without_the_key_is_refused_like_production() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("not-the-key")
        .build()
        .unwrap();
    let answer = mark_paid(&client, "1").await;
    assert!(matches!(answer, Err(Error::Unauthorized)), "{answer:?}");
}

#[tokio::test]
#[should_panic(expected = r#"the closest known method is on("orders", "set_order_status")"#)]
async fn mocking_a_method_the_api_lacks_fails_the_test_with_the_closest_name() {
    let server = MockServer::start().await;
    server.on("orders", "set_order_statuses").returns("ok");
}
