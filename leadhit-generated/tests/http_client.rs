//! A `reqwest::Client` given with `ClientBuilder::http_client`: used as configured (default
//! headers, user agent), with the key, content type, timeout and plain-HTTP refusal still
//! applied, and a redirect it follows reported rather than trusted.

mod support;

use std::time::{Duration, Instant};

use leadhit::{Client, Error};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

fn shop_http() -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("x-shop", HeaderValue::from_static("42"));
    reqwest::Client::builder()
        .user_agent("my-shop/1.0")
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_injected_client_s_default_headers_and_user_agent_reach_the_server() {
    let server = Server::start([Answer::Result(json!({"status": "ok", "message": "m"}))]).await;
    let client = server.builder().http_client(shop_http()).build().unwrap();

    let changed = client
        .orders()
        .set_order_status("f168148717", "paid")
        .await
        .unwrap();

    assert_eq!(changed.status, "ok");
    let request = server.request();
    assert_eq!(request.header("x-shop"), Some("42"));
    assert_eq!(request.header("user-agent"), Some("my-shop/1.0"));
    assert_eq!(request.header("api-key"), Some(KEY));
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn clones_share_the_injected_client_s_connection_pool() {
    let server = Server::start([Answer::Result(json!(1)), Answer::Result(json!(2))]).await;
    let client = server.builder().http_client(shop_http()).build().unwrap();
    let clone = client.clone();

    let first: Value = client.call("orders", "m", ()).await.unwrap();
    let second: Value = clone.call("orders", "m", ()).await.unwrap();

    assert_eq!((first, second), (json!(1), json!(2)));
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn the_builder_s_timeout_bounds_calls_through_an_injected_client() {
    let server = Server::start([Answer::Hang]).await;
    let client = server
        .builder()
        .http_client(shop_http())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(&error, Error::Transport { source, attempts: 1, .. } if source.is_timeout()),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_redirect_the_injected_client_follows_is_an_error_and_is_not_retried() {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let elsewhere = format!("http://{addr}/elsewhere/");
    let server = Server::start_on(
        addr,
        [
            Answer::Redirect(elsewhere),
            Answer::Result(json!("not the API's answer")),
        ],
    )
    .await;
    // reqwest's default policy follows redirects.
    let client = server
        .builder()
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();

    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    match &error {
        Error::Redirected { location, .. } => {
            assert_eq!(location, &format!("http://{}/elsewhere/", server.addr));
        }
        other => panic!("expected Redirected, got {other:?}"),
    }
    assert!(
        error.to_string().contains("redirect::Policy::none()"),
        "{error}"
    );
    assert_eq!(server.requests().len(), 2, "followed once, never retried");
}

#[tokio::test]
async fn an_injected_client_does_not_lift_the_checks_of_the_builder() {
    let remote = Client::builder()
        .base_url("http://example.com/api/v1/")
        .api_key(KEY)
        .http_client(shop_http())
        .build()
        .unwrap_err();
    assert!(remote
        .to_string()
        .contains("refusing to send the API key unencrypted"));

    let both = Client::builder()
        .api_key(KEY)
        .user_agent("a")
        .http_client(shop_http())
        .build()
        .unwrap_err();
    assert!(both.to_string().contains("set it on that client"), "{both}");

    let client = Client::builder()
        .api_key(KEY)
        .http_client(shop_http())
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(
        debug.contains(r#"http_client: "reqwest::Client given""#),
        "{debug}"
    );
    assert!(!debug.contains(KEY));
}
