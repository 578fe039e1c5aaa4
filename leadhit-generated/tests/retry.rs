//! Retries: what cannot have run (a refused connection, 429 and 503) is retried within the
//! call's timeout, honouring `Retry-After`; what may have run (a read timeout, 500/502/504, a
//! dropped answer) and what ran (an RPC error, a 403) only with the opt-in, or never.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use leadhit::{Error, Retry};
use serde_json::{json, Value};
use support::{Answer, Server};

const MS: Duration = Duration::from_millis(1);

fn quick() -> Retry {
    Retry::default().backoff(20 * MS, 50 * MS)
}

fn free_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

#[tokio::test]
async fn a_refused_connection_is_retried_until_the_server_is_up() {
    let addr = free_port();
    let client = leadhit::Client::builder()
        .base_url(format!("http://{addr}/api/v1/"))
        .api_key(support::KEY)
        .timeout(Duration::from_secs(5))
        .retry(quick().max_retries(50))
        .build()
        .unwrap();
    let server = tokio::spawn(async move {
        tokio::time::sleep(300 * MS).await;
        Server::start_on(addr, [Answer::Result(json!("up"))]).await
    });

    let started = Instant::now();
    let answer: Value = client.call("orders", "m", ()).await.unwrap();

    assert_eq!(answer, "up");
    assert!(started.elapsed() >= 300 * MS && started.elapsed() < Duration::from_secs(5));
    assert_eq!(server.await.unwrap().requests().len(), 1);
}

#[tokio::test]
async fn retry_never_sends_once() {
    let addr = free_port();
    let client = leadhit::Client::builder()
        .base_url(format!("http://{addr}/api/v1/"))
        .api_key(support::KEY)
        .retry(Retry::never())
        .build()
        .unwrap();

    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("attempts"), "{error}");
}

#[tokio::test]
async fn a_503_with_retry_after_is_retried_after_the_wait_within_the_timeout() {
    let server = Server::start([
        Answer::retry_after(503, 1),
        Answer::retry_after(429, 0),
        Answer::Result(json!("done")),
    ])
    .await;
    let client = server.builder().retry(quick()).build().unwrap();

    let started = Instant::now();
    let answer: Value = client.call("orders", "m", ()).await.unwrap();

    assert_eq!(answer, "done");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(10),
        "{took:?}"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[0].body, requests[2].body,
        "the same call, id and all"
    );
}

#[tokio::test]
async fn a_retry_after_past_its_cap_or_the_timeout_is_not_waited_for() {
    let server = Server::start([Answer::retry_after(503, 30), Answer::retry_after(503, 1)]).await;
    let client = server.builder().retry(quick()).build().unwrap();
    let short = server
        .builder()
        .timeout(500 * MS)
        .retry(quick())
        .build()
        .unwrap();

    let started = Instant::now();
    let over_cap = client.call::<Value>("orders", "m", ()).await.unwrap_err();
    let over_timeout = short.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    for error in [over_cap, over_timeout] {
        assert!(
            matches!(
                error,
                Error::Http {
                    status: 503,
                    attempts: 1,
                    ..
                }
            ),
            "{error:?}"
        );
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retries_give_up_after_the_maximum_and_say_how_many_attempts_were_made() {
    let server = Server::start((0..3).map(|_| Answer::retry_after(503, 0))).await;
    let client = server
        .builder()
        .retry(quick().max_retries(2))
        .build()
        .unwrap();

    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        matches!(
            error,
            Error::Http {
                status: 503,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().ends_with(" (gave up after 3 attempts)"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn ambiguous_failures_are_not_retried_by_default() {
    let slow = Answer::Delayed(Duration::from_secs(1), Box::new(Answer::Result(json!(1))));
    let server = Server::start([
        slow,
        Answer::html(502, "Bad Gateway"),
        Answer::html(500, "Oops"),
        Answer::html(504, "Gateway Timeout"),
        Answer::Dropped,
    ])
    .await;
    let client = server
        .builder()
        .retry(quick().attempt_timeout(200 * MS))
        .build()
        .unwrap();

    for _ in 0..5 {
        let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::Http { attempts: 1, .. } | Error::Transport { attempts: 1, .. }
            ),
            "{error:?}"
        );
    }
    assert_eq!(server.requests().len(), 5, "one request per call");
}

#[tokio::test]
async fn ambiguous_failures_are_retried_with_the_opt_in() {
    let slow = Answer::Delayed(Duration::from_secs(1), Box::new(Answer::Result(json!(0))));
    let server = Server::start([
        slow,
        Answer::Result(json!(1)),
        Answer::html(502, "Bad Gateway"),
        Answer::Result(json!(2)),
        Answer::Dropped,
        Answer::Result(json!(3)),
    ])
    .await;
    let brave = quick().retry_ambiguous(true).attempt_timeout(200 * MS);
    let policy = server.builder().retry(brave.clone()).build().unwrap();
    let default = server.client();

    let after_timeout: Value = policy.call("orders", "m", ()).await.unwrap();
    // The opt-in for one call only.
    let after_502: Value = default
        .orders()
        .set_order_status("o1", "paid")
        .with_retry(brave.clone())
        .send()
        .await
        .map(|changed| json!(changed.message))
        .unwrap_or_else(|error| json!(error.to_string()));
    let after_drop: Value = policy.call("orders", "m", ()).await.unwrap();

    assert_eq!(after_timeout, 1);
    // The answer `2` is no StatusChange: the call got through to decoding.
    assert!(
        after_502
            .as_str()
            .unwrap()
            .contains("not the expected JSON-RPC"),
        "{after_502}"
    );
    assert_eq!(after_drop, 3);
    assert_eq!(server.requests().len(), 6);
}

#[tokio::test]
async fn an_rpc_error_and_a_403_are_never_retried() {
    let server = Server::start([
        Answer::Error(json!({"code": -32000, "message": "Server error"})),
        Answer::html(403, "Forbidden"),
    ])
    .await;
    let client = server
        .builder()
        .retry(quick().retry_ambiguous(true).max_retries(5))
        .build()
        .unwrap();

    assert!(matches!(
        client.call::<Value>("orders", "m", ()).await,
        Err(Error::Rpc(_))
    ));
    assert!(matches!(
        client.call::<Value>("orders", "m", ()).await,
        Err(Error::Unauthorized)
    ));
    assert_eq!(server.requests().len(), 2);
}
