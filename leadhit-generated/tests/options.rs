//! Per-call options: `with_header` and `with_timeout` apply to the one call they are set on.

mod support;

use std::time::Duration;

use leadhit::Error;
use serde_json::json;
use support::{Answer, Server};

fn changed() -> Answer {
    Answer::Result(json!({"status": "ok", "message": "Order status changed"}))
}

#[tokio::test]
async fn with_header_applies_to_one_call_only() {
    let server = Server::start([changed(), changed()]).await;
    let client = server.client();
    let orders = client.orders();

    orders
        .set_order_status("o1", "paid")
        .with_header("X-Request-Id", "abc")
        .await
        .unwrap();
    orders.set_order_status("o2", "paid").await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].header("x-request-id"), Some("abc"));
    assert_eq!(requests[1].header("x-request-id"), None);
}

#[tokio::test]
async fn with_timeout_applies_to_one_call_only() {
    let slow = || Answer::Delayed(Duration::from_millis(500), Box::new(changed()));
    let server = Server::start([slow(), slow(), slow()]).await;
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let orders = client.orders();

    let patient = orders
        .set_order_status("o1", "paid")
        .with_timeout(Duration::from_secs(5))
        .await;
    let hasty = orders.set_order_status("o2", "paid").await;
    let hastier = orders
        .set_order_status("o3", "paid")
        .with_timeout(Duration::from_millis(50))
        .await;

    assert_eq!(patient.unwrap().status, "ok");
    for outcome in [hasty, hastier] {
        let error = outcome.unwrap_err();
        assert!(
            matches!(&error, Error::Transport { source, .. } if source.is_timeout()),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn a_header_the_client_sets_cannot_be_set_per_call_and_nothing_is_sent() {
    let server = Server::start([]).await;
    let client = server.client();

    let error = client
        .orders()
        .set_order_status("o1", "paid")
        .with_header("API-KEY", "someone-else")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(!error.to_string().contains("someone-else"), "{error}");
    assert_eq!(server.connections(), 0);
}
