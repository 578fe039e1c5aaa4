//! How each way a call can fail reaches the caller: the `Error` variant, what it keeps, what it
//! says, and that the API key is in none of it.

mod support;

use std::time::{Duration, Instant};

use leadhit::{Client, Error};
use serde_json::{json, Value};
use support::{Answer, Server, KEY};

async fn call(server: &Server) -> Result<Value, Error> {
    server
        .client()
        .call(
            "orders",
            "set_order_status",
            json!({"order_id": "1", "status": "x"}),
        )
        .await
}

fn decode_reason(error: Error) -> String {
    match error {
        Error::Decode { source, .. } => source.to_string(),
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn http_403_is_unauthorized() {
    let server = Server::start([Answer::html(403, "Forbidden")]).await;

    let error = call(&server).await.unwrap_err();

    assert!(matches!(error, Error::Unauthorized), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the server refused the API key (HTTP 403): check the key passed to \
         Client::builder().api_key(...)"
    );
}

#[tokio::test]
async fn a_json_rpc_error_with_data_names_the_exception() {
    // Exactly what the Python json-rpc library answers for a ValidationError.
    let server = Server::start([Answer::Error(json!({
        "code": -32000, "message": "Server error",
        "data": {"type": "ValidationError", "args": ["Possible statuses: paid, submitted"],
                 "message": "Possible statuses: paid, submitted"}
    }))])
    .await;

    let error = call(&server).await.unwrap_err();

    let Error::Rpc(rpc) = &error else {
        panic!("expected Rpc, got {error:?}")
    };
    assert_eq!((rpc.code, rpc.message.as_str()), (-32000, "Server error"));
    assert_eq!(rpc.kind(), Some("ValidationError"));
    assert_eq!(rpc.detail(), Some("Possible statuses: paid, submitted"));
    assert_eq!(
        rpc.data.as_ref().unwrap()["args"],
        json!(["Possible statuses: paid, submitted"])
    );
    assert_eq!(
        error.to_string(),
        "the server answered with JSON-RPC error -32000 (Server error): ValidationError: \
         Possible statuses: paid, submitted"
    );
}

#[tokio::test]
async fn a_json_rpc_error_without_data() {
    let server = Server::start([Answer::Error(
        json!({"code": -32601, "message": "Method not found"}),
    )])
    .await;

    let error = call(&server).await.unwrap_err();

    let Error::Rpc(rpc) = &error else {
        panic!("expected Rpc, got {error:?}")
    };
    assert_eq!(
        (rpc.code, rpc.message.as_str(), &rpc.data),
        (-32601, "Method not found", &None)
    );
    assert_eq!((rpc.kind(), rpc.detail()), (None, None));
    assert!(
        error
            .to_string()
            .starts_with("the server answered with JSON-RPC error -32601 (Method not found)"),
        "{error}"
    );
}

#[tokio::test]
async fn a_502_html_page_is_an_http_error_with_its_body() {
    let server = Server::start([Answer::html(502, "502 Bad Gateway")]).await;

    let error = call(&server).await.unwrap_err();

    match &error {
        Error::Http { status, body, .. } => {
            assert_eq!(*status, 502);
            assert!(
                body.starts_with("<!DOCTYPE html>") && body.contains("<h1>502 Bad Gateway</h1>"),
                "{body}"
            );
        }
        other => panic!("expected Http, got {other:?}"),
    }
    assert!(error.to_string().contains("HTTP 502"), "{error}");
    assert!(
        error.to_string().contains("<h1>502 Bad Gateway</h1>"),
        "{error}"
    );
}

#[tokio::test]
async fn redirects_are_not_followed_so_the_key_stays_put() {
    let elsewhere = Server::start([Answer::Result(json!("ok"))]).await;
    let server =
        Server::start([Answer::Redirect(format!("{}orders/", elsewhere.base_url()))]).await;

    let error = call(&server).await.unwrap_err();

    assert!(
        matches!(error, Error::Http { status: 307, .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("redirects are not followed"),
        "{error}"
    );
    assert_eq!(elsewhere.connections(), 0);
}

#[tokio::test]
async fn a_large_error_page_is_read_and_kept_only_in_part() {
    let page = "x".repeat(1024 * 1024);
    let server = Server::start([Answer::Raw {
        status: 500,
        content_type: "text/plain",
        body: page.into_bytes(),
    }])
    .await;

    let error = call(&server).await.unwrap_err();

    match error {
        Error::Http {
            status: 500, body, ..
        } => {
            assert!(body.len() < 2200, "kept {} bytes", body.len());
            assert!(
                body.starts_with("xxxx") && body.contains("truncated"),
                "{body}"
            );
        }
        other => panic!("expected Http, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_html_page_is_a_decode_error_with_its_body() {
    let server = Server::start([Answer::html(200, "Welcome")]).await;

    let error = call(&server).await.unwrap_err();

    match &error {
        Error::Decode { body, source, .. } => {
            assert!(body.contains("<h1>Welcome</h1>"), "{body}");
            assert!(source.is_syntax(), "{source}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn a_wrong_id_is_a_decode_error() {
    let server = Server::start([Answer::Json(
        200,
        json!({"jsonrpc": "2.0", "id": 99, "result": "ok"}),
    )])
    .await;

    let reason = decode_reason(call(&server).await.unwrap_err());

    assert_eq!(reason, "the answer's id 99 is not the request's id 1");
}

#[tokio::test]
async fn answers_that_are_not_one_response_object_are_decode_errors() {
    let cases = [
        (
            json!([{"jsonrpc": "2.0", "id": 1, "result": "ok"}]),
            "batch",
        ),
        (json!(null), "found null"),
        (json!(42), "found a number"),
        (
            json!({"jsonrpc": "2.0", "id": 1, "result": "ok", "error": {"code": 1, "message": "m"}}),
            "both",
        ),
        (json!({"jsonrpc": "2.0", "id": 1}), "neither"),
        (
            json!({"jsonrpc": "1.0", "id": 1, "result": "ok"}),
            "\"jsonrpc\": \"2.0\"",
        ),
    ];
    let server = Server::start(
        cases
            .iter()
            .map(|(body, _)| Answer::Json(200, body.clone())),
    )
    .await;

    for (body, reason) in &cases {
        // A new client's first request has id 1, as the bodies say, so the id check passes and
        // the check under test is the one that fails.
        let client = server.client();
        let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();
        let found = decode_reason(error);
        assert!(found.contains(reason), "{body}: {found:?} lacks {reason:?}");
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Server::start([Answer::Hang]).await;
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    match &error {
        // A timeout after the request was sent is never retried by default.
        Error::Transport {
            source, attempts, ..
        } => assert!(source.is_timeout() && *attempts == 1, "{source:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("the request to the LeadHit API timed out"),
        "{error}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}/api/v1/"))
        .api_key(KEY)
        .build()
        .unwrap();

    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    match &error {
        // Retried twice by default: nothing can have run.
        Error::Transport {
            source, attempts, ..
        } => assert!(source.is_connect() && *attempts == 3, "{source:?}"),
        other => panic!("expected Transport, got {other:?}"),
    }
    let text = error.to_string();
    assert!(
        text.starts_with("could not connect to the LeadHit API"),
        "{text}"
    );
    assert!(text.ends_with(" (gave up after 3 attempts)"), "{text}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let big = format!(
        r#"{{"jsonrpc": "2.0", "id": 1, "result": "{}"}}"#,
        "a".repeat(100_000)
    );
    let expected = format!(
        "the response body ({} bytes) is over the limit of 65536 bytes",
        big.len()
    );
    let server = Server::start([
        Answer::Raw {
            status: 200,
            content_type: "application/json",
            body: big.clone().into_bytes(),
        },
        Answer::Raw {
            status: 200,
            content_type: "application/json",
            body: big.into_bytes(),
        },
    ])
    .await;

    let small = server
        .builder()
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    let reason = decode_reason(small.call::<Value>("orders", "m", ()).await.unwrap_err());
    assert!(reason.starts_with(&expected), "{reason}");

    // The same body under a limit it fits.
    let roomy = server
        .builder()
        .max_response_bytes(100_100)
        .build()
        .unwrap();
    let result: String = roomy.call("orders", "m", ()).await.unwrap();
    assert_eq!(result.len(), 100_000);
}

#[tokio::test]
async fn an_endless_body_is_cut_off_at_the_limit() {
    let server = Server::start([Answer::Endless]).await;
    let client = server
        .builder()
        .max_response_bytes(256 * 1024)
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    match error {
        Error::Decode { body, source, .. } => {
            assert!(
                source
                    .to_string()
                    .starts_with("the response body is over the limit of 262144 bytes"),
                "{source}"
            );
            assert!(
                body.starts_with(r#"{"jsonrpc": "2.0""#) && body.len() < 2200,
                "{body}"
            );
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_unless_allowed() {
    let builder = || Client::builder().api_key(KEY);

    let error = builder()
        .base_url("http://service.leadhit.ru/api/v1/")
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(why) if why.contains("allow_insecure_http")),
        "{error:?}"
    );
    builder()
        .base_url("http://service.leadhit.ru/api/v1/")
        .allow_insecure_http(true)
        .build()
        .unwrap();
    for loopback in [
        "http://127.0.0.1:8000/api/v1/",
        "http://[::1]:8000/",
        "http://localhost/api/v1",
    ] {
        builder().base_url(loopback).build().unwrap();
    }
    builder()
        .base_url("https://service.leadhit.ru/api/v1/")
        .build()
        .unwrap();
    for bad in [
        "ftp://service.leadhit.ru/",
        "service.leadhit.ru/api/v1/",
        "https://",
    ] {
        let error = builder().base_url(bad).build().unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{bad}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_missing_or_unsendable_key_is_refused_before_sending() {
    let server = Server::start([]).await;
    let builder = || Client::builder().base_url(server.base_url());

    for (builder, problem) in [
        (builder(), "no API key"),
        (builder().api_key(""), "empty"),
        (
            builder().api_key(format!("{KEY}\n")),
            "not allowed in an HTTP header",
        ),
    ] {
        let error = builder.build().unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(why) if why.contains(problem)),
            "{error:?}"
        );
        assert!(!format!("{error} {error:?}").contains(KEY));
    }

    // `Client::new` cannot fail; the problem comes back from each call instead.
    let client = Client::new(format!("{KEY}\n"));
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(why) if why.contains("not allowed")),
        "{error:?}"
    );
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn the_key_never_shows_in_debug_or_display() {
    let server = Server::start([
        Answer::html(403, "Forbidden"),
        Answer::Error(json!({"code": -32000, "message": "Server error", "data": {"type": "E", "message": "m"}})),
        Answer::html(502, "Bad Gateway"),
        Answer::html(200, "Hello"),
        Answer::Hang,
    ])
    .await;
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let mut shown = vec![
        format!("{client:?}"),
        format!("{:?}", Client::new(KEY)),
        format!("{:?}", Client::builder().api_key(KEY)),
        format!("{:?}", server.builder()),
    ];
    let mut variants = std::collections::HashSet::new();
    for _ in 0..5 {
        let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();
        variants.insert(std::mem::discriminant(&error));
        shown.push(format!(
            "{error} / {error:?} / {:?}",
            std::error::Error::source(&error)
        ));
    }
    let error = client
        .call::<Value>("orders", "m", "not params")
        .await
        .unwrap_err();
    shown.push(format!("{error} / {error:?}"));

    // Unauthorized, Rpc, Http, Decode, Transport, and InvalidRequest above.
    assert_eq!(variants.len(), 5);
    for text in &shown {
        assert!(!text.contains(KEY), "the key leaked: {text}");
    }
    assert!(
        shown[0].contains(r#"api_key: "<redacted>""#),
        "{}",
        shown[0]
    );
    assert!(
        shown[2].contains(r#"api_key: "<redacted>""#),
        "{}",
        shown[2]
    );
    assert!(format!("{:?}", Client::builder()).contains("api_key: None"));
    // The key did go on the wire, in the header and nowhere else.
    for request in server.requests() {
        assert_eq!(request.header("api-key"), Some(KEY));
        assert_eq!(request.raw_text().matches(KEY).count(), 1);
    }
}

#[tokio::test]
async fn credentials_in_the_base_url_never_show_in_errors_or_debug() {
    const SECRET: &str = "hunter2-url-secret";
    // A port that was free a moment ago: the call fails as a transport error, whose `reqwest`
    // error carries the URL it was sending to.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://me:{SECRET}@127.0.0.1:{port}/api/v1/");
    let builder = Client::builder().base_url(&base).api_key(KEY);
    let mut shown = vec![format!("{builder:?}")];
    let client = builder.build().unwrap();
    shown.push(format!("{client:?}"));
    let error = client.call::<Value>("orders", "m", ()).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let mut chain = format!("{error} / {error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push_str(&format!(" / {cause} / {cause:?}"));
        source = cause.source();
    }
    // `reqwest` moves URL credentials into an `Authorization` header before sending, and
    // `Error::transport` would redact any left; the URL itself is still there to debug with.
    assert!(
        chain.contains(&format!("127.0.0.1:{port}/api/v1/orders/")),
        "{chain}"
    );
    shown.push(chain);
    // Base URLs that are refused are not echoed with their credentials either.
    for bad in [
        format!("ftp://me:{SECRET}@example.com/"),
        format!("https://me:{SECRET}@example.com/api/?x=1"),
        format!("me:{SECRET}@example.com"),
        format!("http://me:{SECRET}@example.com/"),
    ] {
        let builder = Client::builder().base_url(&bad).api_key(KEY);
        shown.push(format!("{builder:?}"));
        let error = builder.build().unwrap_err();
        shown.push(format!("{error} / {error:?}"));
    }
    for text in &shown {
        assert!(!text.contains(SECRET), "a URL credential leaked: {text}");
        assert!(!text.contains(KEY), "the key leaked: {text}");
    }
}

#[tokio::test]
async fn server_text_in_errors_cannot_forge_log_lines() {
    let server = Server::start([
        Answer::html(502, "Bad Gateway\r\nINFO all is well \u{1b}[2J"),
        Answer::Error(json!({"code": -32000, "message": "Server error",
            "data": {"type": "E\u{1b}[31m", "message": "x\nINFO forged \u{202E}"}})),
    ])
    .await;
    for _ in 0..2 {
        let text = call(&server).await.unwrap_err().to_string();
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{text:?}"
        );
    }
}
