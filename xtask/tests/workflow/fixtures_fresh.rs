//! Checks the Python side of the test setup: the committed fixtures (`fixtures/`) are what
//! their generators render with the pinned libraries today, and the JSON-RPC test server
//! answers like LeadHit does (map without a key, 403 without a key, `ValidationError` for a
//! bad status).
//!
//! The tests build the Python venv on first use (see `support/pyenv.rs`).

use crate::support::pyenv::{self, Server};
use crate::support::{workspace_root, FIXTURES};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

/// Runs the generator `script` (a path under `fixtures/`) with `--check`.
fn assert_fresh(script: &str, what: &str) {
    let generate = Path::new(FIXTURES).join(script);
    let output = pyenv::python_command()
        .arg(&generate)
        .arg("--check")
        .output()
        .expect("run generate.py --check");
    if !output.status.success() {
        let root = workspace_root();
        let python = pyenv::python();
        let python = python.strip_prefix(&root).unwrap_or(&python);
        panic!(
            "the committed {what} are stale ({}):\n{}{}\nRegenerate them from the workspace root with \
             `target/pyenv/bin/python {}` (the venv here is `{}`) and commit the result.",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            generate.display(),
            python.display(),
        );
    }
}

#[test]
fn map_fixtures_are_fresh() {
    assert_fresh("generate.py", "map fixtures");
}

#[test]
fn diff_fixtures_are_fresh() {
    assert_fresh("diff/generate.py", "diff fixtures");
}

/// One HTTP/1.0 exchange: the status code, the headers (lower-cased names)
/// and the body. HTTP/1.0 makes the server close the connection after the
/// answer, so the body is everything up to EOF.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn http(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let mut stream =
        TcpStream::connect(("127.0.0.1", server.port)).expect("connect to the test server");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n",
        server.port
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream
        .write_all(request.as_bytes())
        .expect("send the request");

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let raw = String::from_utf8(raw).expect("the response is UTF-8");
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .expect("the response has a header block");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

fn rpc(method: &str, params: &str) -> String {
    format!(r#"{{"jsonrpc": "2.0", "id": 0, "method": "{method}", "params": {params}}}"#)
}

#[test]
fn test_server_answers_like_leadhit() {
    let server = Server::start("v1");
    assert_eq!(server.base_url, format!("http://127.0.0.1:{}", server.port));

    // The map needs no key and is the library's own page.
    let map = http(&server, "GET", "/api/v1/orders/map", &[], "");
    assert_eq!(map.status, 200, "{}", map.body);
    assert_eq!(map.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        map.body
            .starts_with("<h1>JSON-RPC map</h1><pre>set_order_status: "),
        "{}",
        map.body
    );
    assert!(map.body.contains("\n\nlist_orders: "), "{}", map.body);
    assert!(map.body.ends_with("\n\nping: None</pre>"), "{}", map.body);

    // A POST without the key is refused before JSON-RPC sees it.
    let call = rpc(
        "set_order_status",
        r#"{"order_id": "f168148717", "status": "paid"}"#,
    );
    let refused = http(&server, "POST", "/api/v1/orders/", &[], &call);
    assert_eq!(refused.status, 403, "{}", refused.body);
    let wrong_key = http(
        &server,
        "POST",
        "/api/v1/orders/",
        &[("API-KEY", "wrong")],
        &call,
    );
    assert_eq!(wrong_key.status, 403, "{}", wrong_key.body);

    // With the key (either spelling) the call goes through.
    let ok = http(
        &server,
        "POST",
        "/api/v1/orders/",
        &[("API-KEY", pyenv::API_KEY)],
        &call,
    );
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(
        ok.body
            .contains(r#""result": {"status": "ok", "message": "Order status changed"}"#),
        "{}",
        ok.body
    );

    // A bad status is a JSON-RPC error inside an HTTP 200, as LeadHit documents.
    let bad = rpc(
        "set_order_status",
        r#"{"order_id": "f168148717", "status": "lost"}"#,
    );
    let error = http(
        &server,
        "POST",
        "/api/v1/orders/",
        &[("api-key", pyenv::API_KEY)],
        &bad,
    );
    assert_eq!(error.status, 200, "{}", error.body);
    assert_eq!(error.header("content-type"), Some("application/json"));
    for expected in [
        r#""code": -32000"#,
        r#""message": "Server error""#,
        r#""type": "ValidationError""#,
        r#""args": ["Possible statuses: paid, submitted"]"#,
        r#""message": "Possible statuses: paid, submitted""#,
        r#""id": 0"#,
    ] {
        assert!(
            error.body.contains(expected),
            "missing {expected} in {}",
            error.body
        );
    }
}
