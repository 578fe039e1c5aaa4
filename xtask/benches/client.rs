//! The generated client's overhead: sequential calls through `client.orders().set_order_status`
//! against a hand-written reqwest POST of the same JSON, in the same run, on loopback.
//!
//! Run with `cargo bench -p xtask --bench client` (or `cargo xtask bench client`). A small
//! std-thread HTTP/1.1 server answers every call at once and counts the connections it
//! accepts, so the figures also show that sequential calls reuse one connection. Calls of the
//! two kinds alternate, in rounds whose order flips, so drift on a shared machine hits both
//! alike; per-call latencies are reported as medians.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use serde_json::{json, Map, Value};

/// Calls of each kind that are timed (after the warm-up).
const CALLS: usize = 5_000;
const WARM_UP: usize = 200;
const API_KEY: &str = "bench-key";

fn main() {
    // `cargo test --benches` runs bench targets with `--bench` absent; keep that quick.
    let calls = if std::env::args().any(|a| a == "--bench") {
        CALLS
    } else {
        50
    };
    let generated_server = Server::start();
    let raw_server = Server::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let client = leadhit::Client::builder()
        .base_url(format!("http://{}/api/v1/", generated_server.addr))
        .api_key(API_KEY)
        .build()
        .expect("a client");
    // Configured as the runtime configures its own (a timeout, no redirects), so that the
    // comparison is of the code around the request, not of reqwest settings.
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client");
    let raw_url = format!("http://{}/api/v1/orders/", raw_server.addr);
    let mut next_id = 0u64;

    let generated_call = || async {
        let started = Instant::now();
        let answer = client
            .orders()
            .set_order_status("f168148717", "paid")
            .send()
            .await
            .expect("the generated call succeeds");
        let elapsed = started.elapsed();
        assert_eq!(answer.status, "ok");
        elapsed
    };
    let mut raw_call = || {
        next_id += 1;
        let id = next_id;
        let http = &http;
        let raw_url = &raw_url;
        async move {
            let started = Instant::now();
            let answer = raw_post(http, raw_url, id).await;
            let elapsed = started.elapsed();
            assert_eq!(answer["status"], "ok");
            elapsed
        }
    };

    let mut generated = Vec::with_capacity(calls);
    let mut raw = Vec::with_capacity(calls);
    runtime.block_on(async {
        for _ in 0..WARM_UP {
            generated_call().await;
            raw_call().await;
        }
        for round in 0..calls {
            if round % 2 == 0 {
                generated.push(generated_call().await);
                raw.push(raw_call().await);
            } else {
                raw.push(raw_call().await);
                generated.push(generated_call().await);
            }
        }
    });

    let (generated_median, raw_median) = (median(&mut generated), median(&mut raw));
    let overhead = generated_median.as_secs_f64() / raw_median.as_secs_f64() - 1.0;
    println!("sequential calls on loopback, {calls} of each kind after {WARM_UP} warm-up calls:");
    println!(
        "  generated client (orders().set_order_status(..).send()): median {:>7.1} us, p90 {:>7.1} us; {} connection(s) accepted",
        micros(generated_median),
        micros(percentile(&generated, 90)),
        generated_server.connections()
    );
    println!(
        "  hand-written reqwest POST of the same JSON:              median {:>7.1} us, p90 {:>7.1} us; {} connection(s) accepted",
        micros(raw_median),
        micros(percentile(&raw, 90)),
        raw_server.connections()
    );
    println!(
        "  overhead of the generated client: {:+.1}% (target: at most +5%)",
        overhead * 100.0
    );
}

/// What a user would write by hand: the same envelope, POSTed with reqwest, `result` taken out.
async fn raw_post(http: &reqwest::Client, url: &str, id: u64) -> Map<String, Value> {
    let body = json!({
        "jsonrpc": "2.0",
        "method": "set_order_status",
        "params": {"order_id": "f168148717", "status": "paid"},
        "id": id,
    });
    let response = http
        .post(url)
        .header("API-KEY", API_KEY)
        .header(CONTENT_TYPE, "application/json")
        .body(serde_json::to_vec(&body).expect("serialisable"))
        .send()
        .await
        .expect("the raw call succeeds");
    let bytes = response.bytes().await.expect("a body");
    let mut answer: Value = serde_json::from_slice(&bytes).expect("JSON");
    serde_json::from_value(answer["result"].take()).expect("an object")
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// `times` must be sorted.
fn percentile(times: &[Duration], p: usize) -> Duration {
    times[(times.len() * p / 100).min(times.len() - 1)]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// A loopback JSON-RPC server: every POST is answered with the documented success reply,
/// echoing the request's id. One thread per connection, HTTP/1.1 keep-alive.
struct Server {
    addr: std::net::SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let _ = serve(stream);
                });
            }
        });
        Server { addr, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut line = String::new();
    let mut body = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut length = 0;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
        let id = request_id(&body);
        let reply = format!(
            r#"{{"jsonrpc": "2.0", "id": {id}, "result": {{"status": "ok", "message": "Order status changed"}}}}"#
        );
        write!(
            writer,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{reply}",
            reply.len()
        )?;
        writer.flush()?;
    }
}

/// The digits after `"id":` in a request body (both clients send a number).
fn request_id(body: &[u8]) -> &str {
    let text = std::str::from_utf8(body).unwrap_or("");
    let Some(at) = text.find("\"id\":") else {
        return "null";
    };
    let rest = text[at + 5..].trim_start();
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if end == 0 {
        "null"
    } else {
        &rest[..end]
    }
}
