//! A `reqwest-middleware` client (`ClientBuilder::middleware_client`): every call and every
//! batch runs through its stack; a middleware's own failure is `Error::Middleware`; the stack of
//! the `middleware` example retries only what cannot have run.

mod support;

#[path = "../examples/middleware.rs"]
#[allow(dead_code)]
mod example;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leadhit::Error;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

/// Counts the requests it sees, and checks each carries the key.
struct Count(Arc<AtomicUsize>);

#[async_trait::async_trait]
impl Middleware for Count {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        assert!(request.headers().contains_key("api-key"));
        self.0.fetch_add(1, Ordering::SeqCst);
        next.run(request, extensions).await
    }
}

/// Refuses every request.
struct Refuse;

#[async_trait::async_trait]
impl Middleware for Refuse {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut http::Extensions,
        _: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("quota exceeded"),
        ))
    }
}

fn with(middleware: impl Middleware) -> ClientWithMiddleware {
    ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build()
}

#[tokio::test]
async fn every_call_and_every_batch_goes_through_the_stack() {
    let batch_answer = |_: &str, body: &Value| {
        let answers = body.as_array().unwrap().iter().map(|entry| {
            json!({"jsonrpc": "2.0", "id": entry["id"],
                   "result": {"status": "ok", "message": "Order status changed"}})
        });
        Value::Array(answers.collect())
    };
    let server = Server::start([
        Answer::Result(json!(1)),
        Answer::Result(json!({"status": "ok", "message": "Order status changed"})),
        Answer::Computed(batch_answer),
    ])
    .await;
    let seen = Arc::new(AtomicUsize::new(0));
    let client = server
        .builder()
        .middleware_client(with(Count(seen.clone())))
        .build()
        .unwrap();
    let orders = client.orders();

    let one: Value = client.call("orders", "m", ()).await.unwrap();
    let changed = orders.set_order_status("o1", "paid").await.unwrap();
    let (a, b) = client
        .batch((
            orders.set_order_status("o2", "paid"),
            orders.set_order_status("o3", "paid"),
        ))
        .await
        .unwrap();

    assert_eq!(one, 1);
    assert_eq!(changed.status, "ok");
    assert_eq!(
        (a.unwrap().status, b.unwrap().status),
        ("ok".into(), "ok".into())
    );
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    for request in server.requests() {
        assert_eq!(request.header("api-key"), Some(KEY));
    }
}

/// Counts the requests it is asked to initialise (`with_init`), as tracing extensions do.
struct CountInit(Arc<AtomicUsize>);

impl reqwest_middleware::RequestInitialiser for CountInit {
    fn init(
        &self,
        request: reqwest_middleware::RequestBuilder,
    ) -> reqwest_middleware::RequestBuilder {
        self.0.fetch_add(1, Ordering::SeqCst);
        request
    }
}

// Initialisers run when a request is built through the stack's `RequestBuilder`, not in its
// `execute`: a runtime that sent through `execute` skipped them (found by the end-to-end test).
#[tokio::test]
async fn the_stack_s_initialisers_see_every_call_and_batch() {
    let batch_answer = |_: &str, body: &Value| {
        let entry = &body.as_array().unwrap()[0];
        json!([{"jsonrpc": "2.0", "id": entry["id"], "result": 2}])
    };
    let server = Server::start([Answer::Result(json!(1)), Answer::Computed(batch_answer)]).await;
    let seen = Arc::new(AtomicUsize::new(0));
    let stack = ClientBuilder::new(reqwest::Client::new())
        .with_init(CountInit(seen.clone()))
        .build();
    let client = server.builder().middleware_client(stack).build().unwrap();

    let one: Value = client.call("orders", "m", ()).await.unwrap();
    let (two,) = client
        .batch((client.request::<Value>("orders", "m", ()),))
        .await
        .unwrap();

    assert_eq!((one, two.unwrap()), (json!(1), json!(2)));
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_middleware_s_failure_is_a_middleware_error_and_nothing_is_sent() {
    let server = Server::start([]).await;
    let client = server
        .builder()
        .middleware_client(with(Refuse))
        .build()
        .unwrap();

    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(matches!(error, Error::Middleware(_)), "{error:?}");
    assert!(error.to_string().contains("quota exceeded"), "{error}");
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn the_example_stack_retries_a_503_but_not_a_502() {
    let server = Server::start([
        Answer::Status {
            status: 503,
            headers: vec![],
        },
        Answer::Result(json!("after 503")),
        Answer::html(502, "Bad Gateway"),
    ])
    .await;
    let client = example::client(&server.base_url(), KEY).unwrap();

    let answer: Value = client.call("orders", "m", ()).await.unwrap();
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert_eq!(answer, "after 503");
    assert!(
        matches!(
            error,
            Error::Http {
                status: 502,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 3);
}
