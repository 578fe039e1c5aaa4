//! Every log record the HTTP stack emits during calls, captured at `trace` level: neither the
//! API key nor credentials in the base URL are in any of them.
//!
//! `log` has one global logger per process, so this is a test binary of its own.

mod support;

use std::sync::Mutex;

use leadhit::Client;
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

const URL_SECRET: &str = "url-secret-5d1c";

/// Keeps every record, as `level target: message`.
struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }

    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

#[tokio::test]
async fn no_log_record_holds_a_secret() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let server = Server::start([
        Answer::Result(json!({"status": "ok"})),
        Answer::html(502, "Bad Gateway"),
        Answer::html(403, "Forbidden"),
        Answer::Result(json!(1)),
    ])
    .await;
    let plain = server.client();
    let with_credentials = Client::builder()
        .base_url(
            server
                .base_url()
                .replace("http://", &format!("http://me:{URL_SECRET}@")),
        )
        .api_key(KEY)
        .build()
        .unwrap();
    for client in [&plain, &plain, &plain, &with_credentials] {
        let _ = client
            .call::<Value>("orders", "set_order_status", json!({"order_id": "1"}))
            .await;
    }
    let records = CAPTURE.0.lock().unwrap().clone();
    // The capture works: the HTTP stack did log the calls.
    assert!(
        records.iter().any(|r| r.contains("new connection")),
        "{records:#?}"
    );
    for record in &records {
        assert!(!record.contains(KEY), "the key is logged: {record}");
        assert!(
            !record.contains(URL_SECRET),
            "a URL secret is logged: {record}"
        );
    }
    assert_eq!(server.requests().len(), 4);
}
