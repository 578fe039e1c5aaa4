//! What requests built as generated methods build them put on the wire and make of the answer:
//! typed results, named params set one by one (unset ones left out), raw params, a param that
//! cannot serialise, and requests sent from other tasks.

use serde::Deserialize;
use serde_json::{json, Value};

use super::support::{Answer, Server};
use crate::{Client, Error, RawParams, Request};

/// Stands for a generated method's marker type.
struct ListOrders;

fn order_status_ok() -> Answer {
    Answer::Result(json!({"status": "ok", "message": "Order status changed"}))
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

/// A generated method whose param the docstring gives no type, as the generator emits it.
fn cancel_order<'a>(client: &'a Client, order_id: impl serde::Serialize) -> Request<'a, Value, ()> {
    client
        .__request("orders", "cancel_order")
        .__arg("order_id", order_id)
}

#[tokio::test]
async fn untyped_params_send_whatever_serialises() {
    #[derive(serde::Serialize)]
    struct Mine {
        id: &'static str,
        n: u8,
    }
    let answers = (0..5).map(|_| Answer::Result(json!(true)));
    let server = Server::start(answers).await;
    let client = server.client();
    cancel_order(&client, "o9").await.unwrap();
    cancel_order(&client, 7).await.unwrap();
    cancel_order(&client, vec![1, 2]).await.unwrap();
    cancel_order(&client, Mine { id: "o9", n: 1 })
        .await
        .unwrap();
    cancel_order(&client, json!({"any": [null]})).await.unwrap();
    let sent: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.json()["params"]["order_id"].clone())
        .collect();
    assert_eq!(
        sent,
        [
            json!("o9"),
            json!(7),
            json!([1, 2]),
            json!({"id": "o9", "n": 1}),
            json!({"any": [null]})
        ]
    );
}
