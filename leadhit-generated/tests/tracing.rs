//! The `tracing` feature: every span and event of calls, a batch and a retry, captured at
//! `trace` level, names the node, method, attempt and outcome, and holds neither the API key,
//! nor a param value, nor a result value.
//!
//! A global subscriber is set once per process, so this is a test binary of its own.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leadhit::Retry;
use serde_json::{json, Value};
use support::{Answer, Server, KEY};
use tracing_subscriber::fmt::format::FmtSpan;

const PARAM_SECRET: &str = "ivan.petrov@example.ru";
const RESULT_SECRET: &str = "+7 912 345-67-89";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A result for the first call, an RPC error for the second.
fn batch_answer(_: &str, body: &Value) -> Value {
    let entries = body.as_array().unwrap();
    json!([
        {"jsonrpc": "2.0", "id": entries[0]["id"],
         "result": {"status": "ok", "message": RESULT_SECRET}},
        {"jsonrpc": "2.0", "id": entries[1]["id"],
         "error": {"code": -32602, "message": "Invalid params", "data": {"args": [PARAM_SECRET]}}},
    ])
}

#[tokio::test]
async fn spans_name_the_call_and_its_outcome_but_no_key_param_or_result() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let server = Server::start([
        Answer::Result(json!({"phone": RESULT_SECRET})),
        Answer::Error(json!({"code": -32000, "message": "Server error",
            "data": {"type": "ValidationError", "args": [PARAM_SECRET],
                     "message": format!("bad email {PARAM_SECRET}")}})),
        Answer::retry_after(503, 0),
        Answer::Result(json!({"phone": RESULT_SECRET})),
        Answer::Computed(batch_answer),
    ])
    .await;
    let client = server
        .builder()
        .retry(Retry::default().backoff(Duration::from_millis(10), Duration::from_millis(10)))
        .build()
        .unwrap();
    let params = json!({"email": PARAM_SECRET});

    let _: Value = client.call("customers", "find", &params).await.unwrap();
    let _ = client
        .call::<Value>("customers", "find", &params)
        .await
        .unwrap_err();
    let _: Value = client.call("customers", "find", &params).await.unwrap();
    let (a, b) = client
        .batch((
            client.orders().set_order_status(PARAM_SECRET, "paid"),
            client.orders().set_order_status(PARAM_SECRET, "paid"),
        ))
        .await
        .unwrap();
    assert_eq!(a.unwrap().message, RESULT_SECRET);
    assert!(matches!(b, Err(leadhit::Error::Rpc(_))));

    let text = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    // The capture works, and says what happened.
    for expected in [
        "leadhit.call{node=customers method=find id=1",
        "outcome=\"ok\"",
        "outcome=\"rpc\" rpc_code=-32000 rpc_kind=\"ValidationError\"",
        "retrying a call that cannot have run attempt=1 error=\"http\" http_status=503",
        "attempt=2",
        "method=batch id=4 batch_size=2",
        "entry_errors=1",
        "elapsed_ms=",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    for secret in [KEY, PARAM_SECRET, RESULT_SECRET] {
        assert!(!text.contains(secret), "{secret:?} is traced:\n{text}");
    }
    assert_eq!(server.requests().len(), 5);
}
