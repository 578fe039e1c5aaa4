//! JSON-RPC batches on the wire: answers matched by id whatever their order, an entry's own
//! failure kept to that entry, failures of the whole batch as the outer error, the checks that
//! send nothing, one request per node, and retries.

use std::time::Duration;

use serde_json::{json, Value};

use super::support::{Answer, Server};
use crate::{Error, Request, Retry};

/// The entries of a batch request, as the server received them.
fn entries(body: &Value) -> &Vec<Value> {
    body.as_array().expect("a batch is sent as a JSON array")
}

/// A response to `entry` with `result`.
fn result_for(entry: &Value, result: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": entry["id"], "result": result})
}

/// Each entry answered with its method name and params, in reverse order.
fn echo_reversed(_: &str, body: &Value) -> Value {
    let mut answers: Vec<Value> = entries(body)
        .iter()
        .map(|entry| match entry["method"].as_str() {
            Some("count") => result_for(entry, json!([1, 2, 3])),
            _ => result_for(
                entry,
                json!({"method": entry["method"], "params": entry["params"]}),
            ),
        })
        .collect();
    answers.reverse();
    Value::Array(answers)
}

#[tokio::test]
async fn answers_are_matched_by_id_not_by_position_and_typed_per_call() {
    let server = Server::start([Answer::Computed(echo_reversed)]).await;
    let client = server.client();

    let (first, second, third) = client
        .batch((
            client
                .__request::<Value, ()>("orders", "get_order")
                .__arg("order_id", "o1"),
            client.__request::<Vec<u8>, ()>("orders", "count"),
            client
                .__request::<Value, ()>("orders", "get_order")
                .__arg("order_id", "o2"),
        ))
        .await
        .unwrap();

    assert_eq!(
        first.unwrap(),
        json!({"method": "get_order", "params": {"order_id": "o1"}})
    );
    assert_eq!(second.unwrap(), vec![1, 2, 3]);
    assert_eq!(third.unwrap()["params"]["order_id"], "o2");
    // One HTTP request, each call with its own id.
    let request = server.request();
    let sent = request.json();
    let ids: Vec<&Value> = entries(&sent).iter().map(|entry| &entry["id"]).collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ids:?}"
    );
    assert_eq!(request.path, "/api/v1/orders/");
}

/// The first entry fails with a ValidationError, the others succeed.
fn first_fails(_: &str, body: &Value) -> Value {
    let entries = entries(body);
    let mut answers = vec![json!({"jsonrpc": "2.0", "id": entries[0]["id"], "error": {
        "code": -32000, "message": "Server error",
        "data": {"type": "ValidationError", "args": ["Possible statuses: paid, submitted"],
                 "message": "Possible statuses: paid, submitted"}}})];
    answers.extend(
        entries[1..]
            .iter()
            .map(|entry| result_for(entry, json!("ok"))),
    );
    Value::Array(answers)
}

#[tokio::test]
async fn an_rpc_error_is_its_own_entry_s_error_only() {
    let server = Server::start([Answer::Computed(first_fails)]).await;
    let client = server.client();
    let call = || client.__request::<String, ()>("orders", "set_order_status");

    let outcomes = client.batch(vec![call(), call(), call()]).await.unwrap();

    assert_eq!(outcomes.len(), 3);
    match &outcomes[0] {
        Err(Error::Rpc(rpc)) => assert_eq!(rpc.kind(), Some("ValidationError")),
        other => panic!("expected an Rpc error, got {other:?}"),
    }
    assert_eq!(outcomes[1].as_ref().unwrap(), "ok");
    assert_eq!(outcomes[2].as_ref().unwrap(), "ok");
}

/// The first entry answered twice, the second not at all, the third once.
fn duplicate_and_missing(_: &str, body: &Value) -> Value {
    let entries = entries(body);
    json!([
        result_for(&entries[0], json!(1)),
        result_for(&entries[2], json!(3)),
        result_for(&entries[0], json!(1)),
        {"jsonrpc": "2.0", "id": 999_999, "result": 0},
    ])
}

#[tokio::test]
async fn a_missing_or_duplicated_id_is_that_entry_s_decode_error() {
    let server = Server::start([Answer::Computed(duplicate_and_missing)]).await;
    let client = server.client();
    let call = || client.__request::<i64, ()>("orders", "m");

    let (twice, never, once) = client.batch((call(), call(), call())).await.unwrap();

    let reason = |outcome: Result<i64, Error>| match outcome {
        Err(Error::Decode { source, .. }) => source.to_string(),
        other => panic!("expected a Decode error, got {other:?}"),
    };
    assert!(reason(twice).contains("has 2 responses with id"));
    let never = reason(never);
    assert!(
        never.contains("has no response with id")
            && never.contains("(1 responses matched no call)"),
        "{never}"
    );
    assert_eq!(once.unwrap(), 3);
}

#[tokio::test]
async fn empty_and_oversized_batches_send_nothing() {
    let server = Server::start([]).await;
    let client = server.builder().max_batch_size(2).build().unwrap();
    let call = || client.__request::<Value, ()>("orders", "m");

    let empty = client.batch(Vec::<Request<'_, Value>>::new()).await;
    let over = client.batch(vec![call(), call(), call()]).await;

    match empty {
        Err(Error::InvalidRequest(why)) => assert_eq!(why, "the batch has no calls"),
        other => panic!("{other:?}"),
    }
    match over {
        Err(Error::InvalidRequest(why)) => assert!(why.contains("3 calls, over the limit of 2")),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn entries_with_their_own_options_or_from_another_client_send_nothing() {
    let server = Server::start([]).await;
    let client = server.client();
    let other = server.client();
    let call = |client| crate::Client::__request::<Value, ()>(client, "orders", "m");

    let timed = client
        .batch((
            call(&client),
            call(&client).with_timeout(Duration::from_secs(1)),
        ))
        .await;
    let foreign = client.batch((call(&client), call(&other))).await;
    // A map with non-string keys cannot be a JSON object.
    let unserialisable = std::collections::HashMap::from([((1, 2), 3)]);
    let bad_params = client
        .batch((call(&client), call(&client).__arg("x", unserialisable)))
        .await;

    for (outcome, why) in [
        (timed, "has its own options"),
        (foreign, "made by another client"),
        (bad_params, "invalid request"),
    ] {
        let error = outcome.unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)) && error.to_string().contains(why),
            "{error}"
        );
    }
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn failures_of_the_whole_batch_are_the_outer_error() {
    let server = Server::start([
        Answer::html(403, "Forbidden"),
        Answer::html(200, "Welcome"),
        Answer::Json(
            200,
            json!({"jsonrpc": "2.0", "id": null,
                   "error": {"code": -32600, "message": "Invalid Request"}}),
        ),
        Answer::Json(
            200,
            json!([{"jsonrpc": "2.0", "id": 1, "result": "x".repeat(2000)}]),
        ),
        Answer::html(502, "Bad Gateway"),
    ])
    .await;
    let client = server.builder().max_response_bytes(1000).build().unwrap();
    let batch = || client.batch((client.__request::<Value, ()>("orders", "m"),));

    assert!(matches!(batch().await, Err(Error::Unauthorized)));
    assert!(matches!(batch().await, Err(Error::Decode { .. })));
    match batch().await {
        Err(Error::Rpc(rpc)) => assert_eq!(rpc.code, -32600),
        other => panic!("{other:?}"),
    }
    let error = batch().await.unwrap_err();
    assert!(
        error.to_string().contains("over the limit of 1000 bytes"),
        "{error}"
    );
    // A 502 may follow a batch that ran: not retried by default.
    assert!(matches!(
        batch().await,
        Err(Error::Http {
            status: 502,
            attempts: 1,
            ..
        })
    ));
    assert_eq!(server.requests().len(), 5);
}

/// Each entry answered with the path it was posted to.
fn echo_path(path: &str, body: &Value) -> Value {
    let answers = entries(body)
        .iter()
        .map(|entry| result_for(entry, json!(path)));
    Value::Array(answers.collect())
}

#[tokio::test]
async fn calls_to_several_nodes_go_as_one_batch_per_node_in_the_order_given() {
    let server = Server::start([Answer::Computed(echo_path), Answer::Computed(echo_path)]).await;
    let client = server.client();
    let call = |node| client.__request::<String, ()>(node, "m");

    let outcomes = client
        .batch(vec![call("orders"), call("stats"), call("orders")])
        .await
        .unwrap();

    let paths: Vec<String> = outcomes.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        paths,
        ["/api/v1/orders/", "/api/v1/stats/", "/api/v1/orders/"]
    );
    let mut sent: Vec<(String, usize)> = server
        .requests()
        .iter()
        .map(|request| (request.path.clone(), entries(&request.json()).len()))
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        [
            ("/api/v1/orders/".to_owned(), 2),
            ("/api/v1/stats/".to_owned(), 1)
        ]
    );
}

#[tokio::test]
async fn a_batch_is_retried_under_the_rules_of_a_call() {
    let server = Server::start([
        Answer::retry_after(503, 0),
        Answer::Computed(echo_path),
        Answer::Dropped,
    ])
    .await;
    let client = server
        .builder()
        .retry(Retry::default().backoff(Duration::from_millis(10), Duration::from_millis(10)))
        .build()
        .unwrap();
    let batch = || client.batch((client.__request::<String, ()>("orders", "m"),));

    let (path,) = batch().await.unwrap();
    assert_eq!(path.unwrap(), "/api/v1/orders/");
    // A dropped answer may follow a batch that ran: not retried.
    let error = batch().await.unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the retry is the same batch"
    );
}
