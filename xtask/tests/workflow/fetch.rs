//! `cargo xtask fetch` end to end: the real binary against scripted loopback servers, in a
//! scratch workspace (`XTASK_WORKSPACE`), with the real json-rpc map pages as fixtures.
//!
//! Every failure case checks that the cache is byte-identical afterwards, because keeping the
//! old page is the whole point of validating before writing. Timeouts, retries and caps are
//! shrunk through the environment so each test takes well under two seconds. Each run of the
//! binary holds `support::timed`, so that no scratch build loads the machine while a test
//! measures how long a fetch took.

use crate::support::http::{refused_port, Reply, Server};
use crate::support::{timed, xtask, TempDir};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

const ORDERS: &str = "/api/v1/orders/map";
const CLIENTS: &str = "/api/v1/clients/map";
const REPORTS: &str = "/api/v1/reports/map";

const LOGIN_PAGE: &str = "<!DOCTYPE html><html><head><title>LeadHit: sign in</title></head>\
    <body><h1>Sign in</h1><form method=post><input name=login><input name=password type=password></form></body></html>";

/// A map page rendered by the real json-rpc library.
fn fixture(name: &str) -> Vec<u8> {
    let path = crate::support::fixture("maps").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// A workspace of its own per test (a failing test leaves it behind to be looked at).
struct Workspace {
    root: TempDir,
}

impl Workspace {
    fn new(test: &str) -> Workspace {
        let root = TempDir::new(&format!("fetch-{test}"));
        std::fs::create_dir_all(root.join("maps-cache")).expect("create scratch maps-cache");
        Workspace { root }
    }

    fn cache(&self) -> PathBuf {
        self.root.join("maps-cache")
    }

    /// Caches a page, dated an hour ago so that a rewrite would show in its mtime.
    fn put(&self, node: &str, bytes: &[u8]) {
        let path = self.cache().join(format!("{node}.html"));
        std::fs::write(&path, bytes).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    fn mtime(&self, node: &str) -> SystemTime {
        std::fs::metadata(self.cache().join(format!("{node}.html")))
            .unwrap()
            .modified()
            .unwrap()
    }

    /// Every file in the cache (temp files included, so a leftover would show).
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(self.cache())
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    }

    fn fetch(&self, base: &str, nodes: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = xtask(&self.root);
        command.arg("fetch").arg("--base-url").arg(base);
        for node in nodes {
            command.arg("--node").arg(node);
        }
        // Nothing from the developer's shell may leak in: no key, no other API, no proxy
        // between the binary and the loopback servers.
        for var in [
            "LEADHIT_API_KEY",
            "LEADHIT_BASE_URL",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            command.env_remove(var);
        }
        command
            .env("LEADHIT_FETCH_TIMEOUT_SECS", "5")
            .env("LEADHIT_FETCH_RETRIES", "2")
            .env("LEADHIT_FETCH_BACKOFF_MS", "10");
        command.envs(env.iter().copied());
        let timed = timed();
        let started = Instant::now();
        let output = command.output().expect("run xtask");
        let elapsed = started.elapsed();
        drop(timed);
        let run = Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed,
        };
        eprintln!(
            "--- xtask fetch stderr ({:?}, success: {}):\n{}",
            run.elapsed, run.success, run.stderr
        );
        run
    }
}

struct Run {
    success: bool,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn assert_failed_with(&self, parts: &[&str]) {
        assert!(!self.success, "fetch should have failed:\n{}", self.stderr);
        for part in parts {
            assert!(
                self.stderr.contains(part),
                "stderr lacks {part:?}:\n{}",
                self.stderr
            );
        }
    }
}

/// Runs one node against one scripted path and checks that it failed with `parts` in the
/// message and left a cached page exactly as it was.
fn failing_node(
    test: &str,
    replies: Vec<Reply>,
    env: &[(&str, &str)],
    parts: &[&str],
) -> (Server, Run) {
    let scratch = Workspace::new(test);
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let before = scratch.files();
    let server = Server::start([(ORDERS, replies)]);
    let run = scratch.fetch(&server.base_url(), &[], env);
    let url = format!("{}orders/map", server.base_url());
    run.assert_failed_with(&[&format!("orders: FAILED {url}: ")]);
    run.assert_failed_with(parts);
    assert_eq!(scratch.files(), before, "a failed fetch changed the cache");
    (server, run)
}

#[test]
fn writes_changed_pages_and_leaves_unchanged_ones_alone() {
    let scratch = Workspace::new("changed_unchanged");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    scratch.put("clients", &fixture("server-v1-clients.html"));
    let clients_mtime = scratch.mtime("clients");
    let orders_mtime = scratch.mtime("orders");
    let server = Server::start([
        (ORDERS, vec![Reply::page(fixture("server-v2-orders.html"))]),
        (
            CLIENTS,
            vec![Reply::page(fixture("server-v1-clients.html"))],
        ),
    ]);

    let run = scratch.fetch(&server.base_url(), &[], &[]);

    assert!(run.success, "{}", run.stderr);
    let files = scratch.files();
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["clients.html", "orders.html"]
    );
    assert_eq!(files["orders.html"], fixture("server-v2-orders.html"));
    assert_eq!(files["clients.html"], fixture("server-v1-clients.html"));
    assert_eq!(
        scratch.mtime("clients"),
        clients_mtime,
        "an unchanged page was rewritten"
    );
    assert_ne!(scratch.mtime("orders"), orders_mtime);
    assert!(run.stderr.contains("clients: ok, "), "{}", run.stderr);
    assert!(
        run.stderr.contains(" methods, unchanged\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("orders: ok, "), "{}", run.stderr);
    assert!(run.stderr.contains(" methods, changed\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("fetched 2 of 2 nodes"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  changed: orders\n  unchanged: clients\n"),
        "{}",
        run.stderr
    );
    // Lines come in node-name order whatever order the answers came in.
    assert!(run.stderr.find("clients: ok").unwrap() < run.stderr.find("orders: ok").unwrap());
}

#[test]
fn named_node_is_added_and_others_are_not_fetched() {
    let scratch = Workspace::new("named_new");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let server = Server::start([
        (ORDERS, vec![Reply::page(fixture("server-v2-orders.html"))]),
        (
            REPORTS,
            vec![Reply::page(fixture("server-v1-reports.html"))],
        ),
    ]);

    let run = scratch.fetch(&server.base_url(), &["reports"], &[]);

    assert!(run.success, "{}", run.stderr);
    let files = scratch.files();
    assert_eq!(files["reports.html"], fixture("server-v1-reports.html"));
    assert_eq!(files["orders.html"], fixture("server-v1-orders.html"));
    assert_eq!(server.hits(ORDERS), 0);
    assert!(run.stderr.contains("reports: ok, "), "{}", run.stderr);
    assert!(run.stderr.contains("  new: reports\n"), "{}", run.stderr);
}

#[test]
fn base_url_without_trailing_slash_still_appends_the_node() {
    let scratch = Workspace::new("base_slash");
    let server = Server::start([(ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))])]);
    let base = server.base_url();

    let run = scratch.fetch(base.trim_end_matches('/'), &["orders"], &[]);

    assert!(run.success, "{}", run.stderr);
    assert_eq!(server.hits(ORDERS), 1);
}

#[test]
fn warnings_are_printed_but_the_page_is_stored() {
    // A stray non-UTF-8 byte in a docstring is worth a warning, not a refusal.
    let mut page = fixture("server-v1-orders.html");
    let at = page
        .windows(6)
        .position(|w| w == b"Change")
        .expect("fixture text");
    page.insert(at, 0xff);
    let scratch = Workspace::new("warnings");
    let server = Server::start([(ORDERS, vec![Reply::page(page.clone())])]);

    let run = scratch.fetch(&server.base_url(), &["orders"], &[]);

    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("orders: ok, 3 methods, new\n  warning: orders: the page is not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert_eq!(scratch.files()["orders.html"], page);
}

#[test]
fn forbidden_is_not_retried_and_names_the_key() {
    let (server, _) = failing_node(
        "forbidden",
        vec![Reply::status(403)],
        &[],
        &["HTTP 403 Forbidden: no API key was sent; set LEADHIT_API_KEY"],
    );
    assert_eq!(server.hits(ORDERS), 1);
}

#[test]
fn not_found_is_not_retried() {
    let (server, _) = failing_node(
        "not_found",
        vec![Reply::status(404)],
        &[],
        &["HTTP 404 Not Found: no such node"],
    );
    assert_eq!(server.hits(ORDERS), 1);
}

#[test]
fn server_error_is_retried_then_succeeds() {
    let scratch = Workspace::new("retry_500");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let server = Server::start([(
        ORDERS,
        vec![
            Reply::status(500),
            Reply::page(fixture("server-v2-orders.html")),
        ],
    )]);

    let run = scratch.fetch(&server.base_url(), &[], &[]);

    assert!(run.success, "{}", run.stderr);
    assert_eq!(server.hits(ORDERS), 2);
    assert_eq!(
        scratch.files()["orders.html"],
        fixture("server-v2-orders.html")
    );
}

#[test]
fn server_error_every_time_gives_up_after_the_retries() {
    let (server, _) = failing_node(
        "retry_500_forever",
        vec![Reply::status(503)],
        &[],
        &["HTTP 503 Service Unavailable: the server failed (gave up after 3 attempts)"],
    );
    assert_eq!(server.hits(ORDERS), 3);
}

#[test]
fn rate_limit_is_retried_after_the_servers_delay() {
    let scratch = Workspace::new("retry_429");
    let server = Server::start([(
        ORDERS,
        vec![
            Reply::status(429).header("Retry-After", "1"),
            Reply::page(fixture("server-v1-orders.html")),
        ],
    )]);

    let run = scratch.fetch(&server.base_url(), &["orders"], &[]);

    assert!(run.success, "{}", run.stderr);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let waited = requests[1].at - requests[0].at;
    assert!(
        waited >= Duration::from_millis(900),
        "Retry-After: 1 was not honoured (waited {waited:?})"
    );
}

#[test]
fn slow_server_times_out() {
    let (_, run) = failing_node(
        "timeout",
        vec![Reply::page(fixture("server-v2-orders.html")).after(Duration::from_secs(4))],
        &[
            ("LEADHIT_FETCH_TIMEOUT_SECS", "1"),
            ("LEADHIT_FETCH_RETRIES", "0"),
        ],
        &["timed out after 1s"],
    );
    assert!(
        run.elapsed < Duration::from_secs(3),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn trickling_body_is_bounded_by_the_timeout() {
    let trickle = Reply::Trickle {
        len: 10_000,
        every: Duration::from_millis(50),
    };
    let (_, run) = failing_node(
        "trickle",
        vec![trickle],
        &[
            ("LEADHIT_FETCH_TIMEOUT_SECS", "1"),
            ("LEADHIT_FETCH_RETRIES", "0"),
        ],
        &["timed out after 1s"],
    );
    assert!(
        run.elapsed < Duration::from_secs(3),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn login_page_served_with_200_is_not_a_map() {
    failing_node(
        "login_page",
        vec![Reply::page(LOGIN_PAGE)],
        &[],
        &["not a JSON-RPC map: ", "sign in"],
    );
}

#[test]
fn map_with_name_clashes_is_stored_with_a_warning() {
    // Two methods that sanitise to the same Rust name: the page is still the API's map (an
    // override fixes the clash), so it is stored and the clash is shown.
    let scratch = Workspace::new("collision");
    let page = fixture("collision.html");
    let server = Server::start([("/api/v1/collision/map", vec![Reply::page(page.clone())])]);

    let run = scratch.fetch(&server.base_url(), &["collision"], &[]);

    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("both map to the Rust name `get_report`"),
        "{}",
        run.stderr
    );
    assert_eq!(scratch.files()["collision.html"], page);
}

#[test]
fn connection_refused() {
    let scratch = Workspace::new("refused");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let before = scratch.files();
    let base = format!("http://127.0.0.1:{}/api/v1/", refused_port());

    let run = scratch.fetch(&base, &[], &[("LEADHIT_FETCH_RETRIES", "0")]);

    run.assert_failed_with(&[&format!(
        "orders: FAILED {base}orders/map: connection refused"
    )]);
    assert_eq!(scratch.files(), before);
}

#[test]
fn one_failing_node_does_not_spoil_the_others() {
    let scratch = Workspace::new("one_fails");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    scratch.put("reports", &fixture("server-v1-reports.html"));
    scratch.put("clients", &fixture("server-v1-clients.html"));
    let server = Server::start([
        (ORDERS, vec![Reply::page(fixture("server-v2-orders.html"))]),
        (REPORTS, vec![Reply::status(403)]),
        (
            CLIENTS,
            vec![Reply::page(fixture("server-v1-clients.html"))],
        ),
    ]);

    let run = scratch.fetch(&server.base_url(), &[], &[]);

    let url = format!("{}reports/map", server.base_url());
    run.assert_failed_with(&[
        &format!(
            "reports: FAILED {url}: HTTP 403 Forbidden: no API key was sent; set LEADHIT_API_KEY\n"
        ),
        "fetched 2 of 3 nodes",
        "  changed: orders\n  unchanged: clients\n",
        "  failed: reports\n",
        "error: 1 of 3 nodes failed",
    ]);
    let files = scratch.files();
    assert_eq!(files["orders.html"], fixture("server-v2-orders.html"));
    assert_eq!(files["clients.html"], fixture("server-v1-clients.html"));
    assert_eq!(files["reports.html"], fixture("server-v1-reports.html"));
    assert_eq!(files.len(), 3);
}

#[test]
fn api_key_is_sent_and_never_printed() {
    const KEY: &str = "lh-secret-4f9a2c";
    let scratch = Workspace::new("api_key");
    let server = Server::start([
        (ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))]),
        (REPORTS, vec![Reply::status(403)]),
    ]);

    let run = scratch.fetch(
        &server.base_url(),
        &["orders", "reports"],
        &[("LEADHIT_API_KEY", KEY)],
    );

    run.assert_failed_with(&[
        "HTTP 403 Forbidden: the server refused the API key in LEADHIT_API_KEY",
    ]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header("api-key"), Some(KEY), "{request:?}");
    }
    assert!(
        !run.stdout.contains(KEY) && !run.stderr.contains(KEY),
        "the key was printed"
    );
    assert!(
        !run.stderr.contains(&KEY[3..9]),
        "part of the key was printed"
    );
}

#[test]
fn endless_body_is_capped() {
    let (_, run) = failing_node(
        "endless",
        vec![Reply::Endless],
        &[("LEADHIT_FETCH_MAX_BYTES", "65536")],
        &["HTTP 200 OK: the page is larger than the 65536-byte limit"],
    );
    assert!(
        run.elapsed < Duration::from_secs(3),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn announced_oversize_body_is_refused() {
    let big = Reply::page(vec![b'a'; 100_000]);
    failing_node(
        "oversize",
        vec![big],
        &[("LEADHIT_FETCH_MAX_BYTES", "65536")],
        &["larger than the 65536-byte limit"],
    );
}

#[test]
fn truncated_body_is_an_error() {
    let mut raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
    raw.extend_from_slice(&fixture("server-v2-orders.html")[..200]);
    let (server, _) = failing_node(
        "truncated",
        vec![Reply::Raw(raw)],
        &[],
        &["the response body was cut short"],
    );
    // A cut-off body may be a network hiccup, so it is retried.
    assert_eq!(server.hits(ORDERS), 3);
}

#[test]
fn same_origin_redirect_is_followed_with_the_key() {
    let scratch = Workspace::new("redirect_same_origin");
    let server = Server::start([
        (ORDERS, vec![Reply::redirect("/api/v2/orders/map")]),
        (
            "/api/v2/orders/map",
            vec![Reply::page(fixture("server-v2-orders.html"))],
        ),
    ]);

    let run = scratch.fetch(&server.base_url(), &["orders"], &[("LEADHIT_API_KEY", "k")]);

    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        scratch.files()["orders.html"],
        fixture("server-v2-orders.html")
    );
    assert_eq!(server.requests()[1].header("api-key"), Some("k"));
}

#[test]
fn redirect_to_itself_is_a_loop() {
    let (server, _) = failing_node(
        "redirect_self",
        vec![Reply::redirect(ORDERS)],
        &[],
        &["redirect loop: "],
    );
    assert_eq!(server.hits(ORDERS), 1);
}

#[test]
fn redirect_loop_is_an_error() {
    let scratch = Workspace::new("redirect_loop");
    let server = Server::start([
        (ORDERS, vec![Reply::redirect("/loop/a")]),
        ("/loop/a", vec![Reply::redirect("/loop/b")]),
        ("/loop/b", vec![Reply::redirect("/loop/a")]),
    ]);

    let run = scratch.fetch(&server.base_url(), &["orders"], &[]);

    let a = format!("http://127.0.0.1:{}/loop/a", server.port());
    run.assert_failed_with(&[&format!("redirect loop: {a} was already visited")]);
    // The loop is spotted before any URL is asked for twice.
    assert_eq!(server.hits("/loop/a"), 1);
    assert!(scratch.files().is_empty());
}

#[test]
fn long_redirect_chain_is_an_error() {
    let mut routes = vec![(ORDERS.to_owned(), vec![Reply::redirect("/hop/1")])];
    for hop in 1..20 {
        routes.push((
            format!("/hop/{hop}"),
            vec![Reply::redirect(&format!("/hop/{}", hop + 1))],
        ));
    }
    let scratch = Workspace::new("redirect_chain");
    let server = Server::start(routes);
    let run = scratch.fetch(&server.base_url(), &["orders"], &[]);
    run.assert_failed_with(&["more than 5 redirects"]);
    assert!(
        server.requests().len() <= 7,
        "{} requests",
        server.requests().len()
    );
}

#[test]
fn cross_host_redirect_is_refused_and_the_key_stays_home() {
    let elsewhere = Server::start([(ORDERS, vec![Reply::page(fixture("server-v2-orders.html"))])]);
    let location = format!("http://localhost:{}{ORDERS}", elsewhere.port());
    let (server, _) = failing_node(
        "redirect_cross_host",
        vec![Reply::redirect(&location)],
        &[("LEADHIT_API_KEY", "lh-do-not-leak")],
        &[&format!("redirected to another origin ({location}); not followed, so the API key is not sent there")],
    );
    assert_eq!(
        server.requests()[0].header("api-key"),
        Some("lh-do-not-leak")
    );
    assert_eq!(
        elsewhere.connections(),
        0,
        "the other host was contacted: {:?}",
        elsewhere.requests()
    );
}

#[test]
fn tls_failure_is_a_clear_error() {
    let garbage = Server::garbage();
    let scratch = Workspace::new("tls");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let before = scratch.files();
    let base = format!("https://127.0.0.1:{}/api/v1/", garbage.port());

    let run = scratch.fetch(&base, &[], &[("LEADHIT_FETCH_RETRIES", "0")]);

    run.assert_failed_with(&[&format!(
        "orders: FAILED {base}orders/map: TLS handshake failed: "
    )]);
    assert_eq!(garbage.connections(), 1);
    assert_eq!(scratch.files(), before);
}

#[test]
fn dns_failure_is_a_clear_error() {
    // RFC 6761: `.invalid` never resolves, so this needs no network and reaches no one.
    let scratch = Workspace::new("dns");
    scratch.put("orders", &fixture("server-v1-orders.html"));
    let before = scratch.files();

    let run = scratch.fetch(
        "http://leadhit.invalid/api/v1/",
        &[],
        &[("LEADHIT_FETCH_RETRIES", "0")],
    );

    run.assert_failed_with(&["orders: FAILED http://leadhit.invalid/api/v1/orders/map: DNS lookup for leadhit.invalid failed: "]);
    assert_eq!(scratch.files(), before);
}

#[test]
fn invalid_node_names_are_refused_before_any_request() {
    let server = Server::start([(ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))])]);
    for bad in [
        "../secrets",
        "a/b",
        "a\\b",
        "",
        ".",
        "..",
        ".hidden",
        "x y",
        "orders?x=1",
        "зака́з",
    ] {
        let scratch = Workspace::new("invalid_node");
        let run = scratch.fetch(&server.base_url(), &["orders", bad], &[]);
        run.assert_failed_with(&["is not a valid node name"]);
        assert!(
            scratch.files().is_empty(),
            "{bad:?} wrote {:?}",
            scratch.files().keys()
        );
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn node_names_reserved_on_windows_are_refused_before_any_request() {
    // `con.html` (and `src/generated/con.rs`) could not be checked out on Windows; codegen
    // refuses such a cached page too, so fetch must not store one.
    let server = Server::start([(ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))])]);
    for reserved in ["con", "NUL", "com1", "aux.x"] {
        let scratch = Workspace::new("reserved_node");
        let run = scratch.fetch(&server.base_url(), &["orders", reserved], &[]);
        run.assert_failed_with(&["is not a usable node name", "reserved on Windows"]);
        assert!(scratch.files().is_empty(), "{reserved:?} wrote files");
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn base_url_with_credentials_is_refused_without_echoing_them() {
    let server = Server::start([(ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))])]);
    let scratch = Workspace::new("base_credentials");
    let base = format!("http://me:hunter2@127.0.0.1:{}/api/v1/", server.port());
    let run = scratch.fetch(&base, &["orders"], &[]);
    run.assert_failed_with(&["--base-url must not hold credentials"]);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert_eq!(server.connections(), 0);
}

#[test]
fn no_nodes_at_all_says_to_pass_node() {
    let scratch = Workspace::new("no_nodes");
    let server = Server::start([(ORDERS, vec![Reply::page(fixture("server-v1-orders.html"))])]);
    let run = scratch.fetch(&server.base_url(), &[], &[]);
    run.assert_failed_with(&["no nodes to fetch", "--node NAME"]);
    assert_eq!(server.connections(), 0);
}

#[test]
fn many_slow_nodes_are_fetched_concurrently_but_bounded() {
    let scratch = Workspace::new("concurrency");
    let page = fixture("server-v1-orders.html");
    let names: Vec<String> = (0..50).map(|i| format!("node{i:02}")).collect();
    let server = Server::start(names.iter().map(|n| {
        (
            format!("/api/v1/{n}/map"),
            vec![Reply::page(page.clone()).after(Duration::from_millis(200))],
        )
    }));
    let nodes: Vec<&str> = names.iter().map(String::as_str).collect();

    let run = scratch.fetch(&server.base_url(), &nodes, &[]);

    assert!(run.success, "{}", run.stderr);
    assert_eq!(scratch.files().len(), 50);
    assert!(
        run.elapsed < Duration::from_millis(1000),
        "50 nodes took {:?}",
        run.elapsed
    );
    // Measured at the server too, free of process start-up: one at a time, the last request
    // would arrive 49 × 200 ms after the first; with the bound of 32, after one round.
    let at: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    let window = *at.iter().max().unwrap() - *at.iter().min().unwrap();
    assert!(
        window < Duration::from_millis(500),
        "requests were spread over {window:?}"
    );
    let in_flight = server.max_in_flight();
    assert!(
        (2..=32).contains(&in_flight),
        "{in_flight} requests were in flight at once"
    );
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("node"))
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "per-node lines are not in node-name order");
    assert_eq!(lines.len(), 50);
}
