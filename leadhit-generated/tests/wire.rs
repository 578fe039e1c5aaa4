//! What the client puts on the wire through its public API: envelope, headers, URL, params, and
//! connection reuse, checked against the loopback server's record of the bytes it received.
//! Requests built as generated methods build them are checked in `src/tests/requests.rs`.

mod support;

use leadhit::Error;
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

fn order_status_ok() -> Answer {
    Answer::Result(json!({"status": "ok", "message": "Order status changed"}))
}

#[tokio::test]
async fn a_call_sends_the_exact_envelope_and_headers() {
    let server = Server::start([order_status_ok()]).await;
    let client = server.client();

    let answer: Value = client
        .call(
            "orders",
            "set_order_status",
            json!({"order_id": "f168148717", "status": "paid"}),
        )
        .await
        .unwrap();

    assert_eq!(
        answer,
        json!({"status": "ok", "message": "Order status changed"})
    );
    let request = server.request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/api/v1/orders/");
    assert_eq!(request.header("api-key"), Some(KEY));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("leadhit/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(
        request.body_text(),
        r#"{"jsonrpc":"2.0","method":"set_order_status","params":{"order_id":"f168148717","status":"paid"},"id":1}"#
    );
}

#[tokio::test]
async fn call_takes_a_list_an_object_or_nothing_and_refuses_a_string() {
    let server = Server::start([
        Answer::Result(json!("a")),
        Answer::Result(json!("b")),
        Answer::Result(json!("c")),
    ])
    .await;
    let client = server.client();

    let a: String = client.call("orders", "m", json!(["x", 1])).await.unwrap();
    let b: String = client.call("orders", "m", json!({"x": 1})).await.unwrap();
    let c: String = client.call("orders", "m", ()).await.unwrap();
    assert_eq!([a, b, c], ["a", "b", "c"]);
    let bodies: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.body_text().to_owned())
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"jsonrpc":"2.0","method":"m","params":["x",1],"id":1}"#,
            r#"{"jsonrpc":"2.0","method":"m","params":{"x":1},"id":2}"#,
            r#"{"jsonrpc":"2.0","method":"m","id":3}"#,
        ]
    );

    let error = client.call::<Value>("orders", "m", "x").await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    let error = client.call::<Value>("orders", "m", 5).await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(server.requests().len(), 3, "a refused call was sent");
}

#[tokio::test]
async fn sequential_calls_reuse_one_connection_with_increasing_ids() {
    let server = Server::start([Answer::Result(json!(1)), Answer::Result(json!(2))]).await;
    let client = server.client();

    let first: i64 = client.call("orders", "m", ()).await.unwrap();
    // A clone shares the connection pool and the id counter.
    let second: i64 = client.clone().call("orders", "m", ()).await.unwrap();

    assert_eq!((first, second), (1, 2));
    assert_eq!(server.connections(), 1);
    let ids: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.json()["id"].clone())
        .collect();
    assert_eq!(ids, [json!(1), json!(2)]);
}

#[tokio::test]
async fn a_base_url_without_a_trailing_slash_works() {
    let server = Server::start([Answer::Result(json!(true))]).await;
    let client = server
        .builder()
        .base_url(format!("http://{}/api/v1", server.addr))
        .build()
        .unwrap();

    let ok: bool = client.call("orders", "m", ()).await.unwrap();

    assert!(ok);
    assert_eq!(server.request().path, "/api/v1/orders/");
}

#[tokio::test]
async fn unusual_node_names_stay_one_path_segment() {
    let server = Server::start([Answer::Result(json!(null))]).await;
    let client = server.client();

    let _: Value = client.call("../admin?x=1", "m", ()).await.unwrap();

    assert_eq!(server.request().path, "/api/v1/..%2Fadmin%3Fx=1/");
}

/// `set_order_status` returns the `StatusChange` record `maps-cache/overrides.toml` declares: its
/// declared keys as fields, every other key kept, and written back as it came.
#[tokio::test]
async fn a_record_keeps_the_keys_it_does_not_declare() {
    let sent = json!({"status": "ok", "message": "Order status changed", "changed_at": [2024, 1]});
    let server = Server::start([Answer::Result(sent.clone())]).await;
    let client = server.client();
    let change: leadhit::StatusChange = client
        .orders()
        .set_order_status("f168148717", "paid")
        .await
        .unwrap();
    assert_eq!(change.status, "ok");
    assert_eq!(change.message, "Order status changed");
    assert_eq!(change.extra.get("changed_at"), Some(&json!([2024, 1])));
    assert_eq!(serde_json::to_value(&change).unwrap(), sent);
}
