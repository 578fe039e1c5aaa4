//! The `leadhit` binary (feature `cli`) of the client generated from the end-to-end server's v1
//! maps, run as a support engineer would against the real Python json-rpc server: a success,
//! a `ValidationError` (exit 1), a usage error (exit 2, nothing sent) and a refused key
//! (exit 3). The key is never echoed.

use crate::support::pyenv::{Server, API_KEY};
use crate::support::v1_client;
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The binary, built once for this test binary's run.
fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let ws = v1_client::workspace();
        let built = ws.cargo(
            &[
                "build",
                "--quiet",
                "-p",
                "leadhit",
                "--features",
                "cli",
                "--bin",
                "leadhit",
            ],
            &[],
        );
        assert!(
            built.status.success(),
            "the CLI does not build for the v1 client:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        ws.target.join("debug/leadhit")
    })
}

/// Runs `leadhit --base-url <base_url> <args>`, with no key or base URL from the environment.
fn leadhit(base_url: &str, args: &[&str]) -> Output {
    let output = Command::new(binary())
        .arg("--base-url")
        .arg(base_url)
        .args(args)
        .env_remove("LEADHIT_API_KEY")
        .env_remove("LEADHIT_BASE_URL")
        .output()
        .unwrap();
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains(API_KEY), "the key was echoed: {text}");
    }
    output
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) -> (String, String) {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

#[test]
fn calls_the_real_server_and_exits_with_the_class_of_each_outcome() {
    let server = Server::start("v1");
    let base = format!("{}/api/v1/", server.base_url);
    let key = ["--api-key", API_KEY];
    let args = |rest: &[&'static str]| [&key[..], rest].concat();

    let ok = leadhit(
        &base,
        &args(&[
            "orders",
            "set-order-status",
            "--order-id",
            "f1",
            "--status",
            "paid",
        ]),
    );
    let (stdout, _) = assert_exit(&ok, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap(),
        json!({"status": "ok", "message": "Order status changed"})
    );
    assert!(stdout.lines().count() > 1, "pretty by default: {stdout}");

    // Wire names work as well, and values reach the server with their documented types.
    let typed = leadhit(
        &base,
        &args(&["--compact", "reports", "getReport", "--report_id", "7"]),
    );
    let (stdout, _) = assert_exit(&typed, 0);
    assert_eq!(
        stdout,
        "{\"fmt\":\"json\",\"ready\":true,\"report_id\":7}\n"
    );
    let flags = leadhit(
        &base,
        &args(&[
            "clients",
            "update-client",
            "--client-id",
            "c1",
            "--name",
            "Анна",
            "--notify",
            "true",
        ]),
    );
    let (stdout, _) = assert_exit(&flags, 0);
    let answer: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(answer["notify"], true);
    assert_eq!(answer["segment"], "новые");

    // The server's own check: -32000 ValidationError, printed with its detail.
    let raw = r#"{"order_id": "f1", "status": "lost"}"#;
    let invalid = leadhit(
        &base,
        &args(&["orders", "set-order-status", "--params", raw]),
    );
    let (stdout, stderr) = assert_exit(&invalid, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("-32000")
            && stderr.contains("ValidationError")
            && stderr.contains("Possible statuses: paid, submitted"),
        "{stderr}"
    );

    let refused = leadhit(
        &base,
        &[
            "--api-key",
            "wrong-key",
            "orders",
            "set-order-status",
            "--order-id",
            "f1",
            "--status",
            "paid",
        ],
    );
    let (_, stderr) = assert_exit(&refused, 3);
    assert!(
        stderr.contains("--api-key") && stderr.contains("LEADHIT_API_KEY"),
        "{stderr}"
    );
    assert!(!stderr.contains("wrong-key"), "{stderr}");
}

#[test]
fn usage_errors_exit_2_before_anything_is_sent() {
    // A listener nobody answers: had the CLI sent anything, a connection would be waiting.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}/api/v1/", listener.local_addr().unwrap());
    let key = ["--api-key", API_KEY];
    for (args, says) in [
        (
            &["orders", "set-order-status", "--order-id", "f1"][..],
            "--status",
        ),
        (
            &[
                "orders",
                "set-order-status",
                "--order-id",
                "f1",
                "--status",
                "lost",
            ],
            "paid, submitted",
        ),
        (
            &["reports", "get-report", "--report-id", "seven"],
            "expected an integer",
        ),
        (
            &[
                "clients",
                "update-client",
                "--client-id",
                "c",
                "--name",
                "n",
                "--notify",
                "yes",
            ],
            "true or false",
        ),
        (
            &[
                "orders",
                "set-order-status",
                "--params",
                r#"{"order_id": "f1"}"#,
            ],
            "status",
        ),
        (&["orders", "no-such-method"], "no-such-method"),
    ] {
        let output = leadhit(&base, &[&key[..], args].concat());
        let (_, stderr) = assert_exit(&output, 2);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let keyless = leadhit(&base, &["orders", "ping"]);
    let (_, stderr) = assert_exit(&keyless, 2);
    assert!(stderr.contains("LEADHIT_API_KEY"), "{stderr}");
    assert!(
        listener.accept().is_err(),
        "a usage error must not send anything"
    );
}

#[test]
fn list_describe_and_completions_come_from_the_spec() {
    let base = "http://127.0.0.1:9/";
    let (stdout, _) = assert_exit(&leadhit(base, &["list"]), 0);
    for node in v1_client::NODES {
        assert!(stdout.contains(node), "{stdout}");
    }
    let (stdout, _) = assert_exit(&leadhit(base, &["list", "reports"]), 0);
    assert!(
        stdout.contains("report-daily") && stdout.contains("Daily totals"),
        "{stdout}"
    );
    let (stdout, _) = assert_exit(&leadhit(base, &["describe", "orders", "list_orders"]), 0);
    assert!(
        stdout.contains("--limit") && stdout.contains("optional, integer"),
        "{stdout}"
    );
    let (stdout, _) = assert_exit(&leadhit(base, &["orders", "set-order-status", "--help"]), 0);
    assert!(
        stdout.contains("[possible values: paid, submitted]"),
        "{stdout}"
    );
    let (stdout, _) = assert_exit(&leadhit(base, &["completions", "bash"]), 0);
    assert!(stdout.contains("set-order-status"), "{stdout}");
}
