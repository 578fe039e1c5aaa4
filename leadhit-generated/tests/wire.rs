//! What the client puts on the wire: envelope, headers, URL, params, and connection reuse,
//! checked against the loopback server's record of the bytes it received.

mod support;

use leadhit::{Client, Error, RawParams, Request};
use serde::Deserialize;
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

/// Stands for a generated method's marker type.
struct ListOrders;

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
async fn results_deserialize_into_the_requested_type() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Changed {
        status: String,
        message: String,
    }
    let server = Server::start([order_status_ok(), order_status_ok()]).await;
    let client = server.client();

    let changed: Changed = client
        .__request::<Changed, ()>("orders", "set_order_status")
        .__arg("order_id", "f168148717")
        .__arg("status", "paid")
        .send()
        .await
        .unwrap();
    assert_eq!(
        changed,
        Changed {
            status: "ok".into(),
            message: "Order status changed".into()
        }
    );

    // A result that does not fit the type is a Decode error that keeps the body.
    let error = client
        .__request::<Vec<i64>, ()>("orders", "set_order_status")
        .send()
        .await
        .unwrap_err();
    match error {
        Error::Decode { body, source } => {
            assert!(body.contains("Order status changed"), "{body}");
            assert!(source.to_string().contains("invalid type: map"), "{source}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn unset_optional_params_are_absent_and_no_params_means_no_member() {
    let server = Server::start([Answer::Result(json!([])), Answer::Result(json!(null))]).await;
    let client = server.client();

    // As a generated method with a required `status` and optional `limit` and `offset` would,
    // when only `limit` is set.
    let request: Request<'_, Value, ListOrders> = client
        .__request("orders", "list_orders")
        .__arg("status", "paid")
        .__arg("limit", 10);
    let _ = request.send().await.unwrap();
    // No params at all.
    let result: Value = client
        .__request::<Value, ListOrders>("orders", "ping")
        .send()
        .await
        .unwrap();
    assert_eq!(result, Value::Null);

    let requests = server.requests();
    assert_eq!(
        requests[0].body_text(),
        r#"{"jsonrpc":"2.0","method":"list_orders","params":{"limit":10,"status":"paid"},"id":1}"#
    );
    assert_eq!(
        requests[1].body_text(),
        r#"{"jsonrpc":"2.0","method":"ping","id":2}"#
    );
}

#[tokio::test]
async fn raw_params_are_sent_as_they_are() {
    let server = Server::start([Answer::Result(json!(1)), Answer::Result(json!(2))]).await;
    let client = server.client();

    let list: i64 = client
        .__request::<i64, RawParams>("reports", "daily")
        .params(json!(["2024-01-01", 7]))
        .send()
        .await
        .unwrap();
    let object: i64 = client
        .__request::<i64, RawParams>("reports", "daily")
        .params(json!({"day": "2024-01-01"}))
        .await // through IntoFuture, without `.send()`
        .unwrap();
    let error = client
        .__request::<i64, RawParams>("reports", "daily")
        .params("2024-01-01")
        .send()
        .await
        .unwrap_err();

    assert_eq!((list, object), (1, 2));
    assert!(
        matches!(&error, Error::InvalidRequest(why) if why.contains("not a string")),
        "{error:?}"
    );
    let bodies: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.json()["params"].clone())
        .collect();
    assert_eq!(
        bodies,
        [json!(["2024-01-01", 7]), json!({"day": "2024-01-01"})]
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
async fn a_param_that_fails_to_serialise_is_reported_and_nothing_is_sent() {
    let server = Server::start([]).await;
    let client = server.client();
    // JSON object keys must be strings; a tuple key cannot serialise.
    let bad = std::collections::HashMap::from([((1, 2), 3)]);

    let error = client
        .__request::<Value, ListOrders>("orders", "list_orders")
        .__arg("filter", bad)
        .__arg("limit", 1)
        .send()
        .await
        .unwrap_err();

    match error {
        Error::InvalidRequest(why) => assert!(
            why.starts_with("param `filter` could not be serialised"),
            "{why}"
        ),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.connections(), 0);
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
async fn requests_can_run_on_other_tasks() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<Client>();

    let server = Server::start([Answer::Result(json!(1)), Answer::Result(json!(2))]).await;
    let client = server.client();
    let task = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .__request::<i64, ListOrders>("orders", "m")
                .send()
                .await
        }
    });
    let boxed = tokio::spawn({
        let client = client.clone();
        async move { client.__request::<i64, RawParams>("orders", "m").await }
    });

    let mut results = [task.await.unwrap().unwrap(), boxed.await.unwrap().unwrap()];
    results.sort();
    assert_eq!(results, [1, 2]);
}

#[tokio::test]
async fn unusual_node_names_stay_one_path_segment() {
    let server = Server::start([Answer::Result(json!(null))]).await;
    let client = server.client();

    let _: Value = client.call("../admin?x=1", "m", ()).await.unwrap();

    assert_eq!(server.request().path, "/api/v1/..%2Fadmin%3Fx=1/");
}
