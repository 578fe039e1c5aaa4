//! JSON-RPC batches against one call per request, with a loopback server that takes 1 ms per
//! HTTP request (the cost a batch saves: one round trip instead of one per call).
//!
//! Run with `cargo xtask bench batch` (or `cargo bench -p xtask --bench batch`). It reports
//! 100 calls made one after another next to the same 100 calls as one batch (median of several
//! rounds, interleaved), then 10,000 calls in batches of 100 with 8 batches in flight and the
//! process's peak RSS after the first 1,000 calls and at the end.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

mod support;
use support::{peak_rss_kib, read_request};

const API_KEY: &str = "bench-key";
/// What the server spends on each HTTP request before answering it.
const PER_REQUEST: Duration = Duration::from_millis(1);
const ROUNDS: usize = 7;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let requests = Arc::new(AtomicU64::new(0));
        let addr = serve(requests.clone()).await;
        let client = leadhit::Client::builder()
            .base_url(format!("http://{addr}/api/v1/"))
            .api_key(API_KEY)
            .build()
            .expect("a client");
        one_batch_against_sequential(&client, &requests).await;
        many_batches_in_flight(&client, &requests).await;
    });
}

/// 100 calls: one after another, then as one batch, alternating, `ROUNDS` times each.
async fn one_batch_against_sequential(client: &leadhit::Client, requests: &AtomicU64) {
    let (mut sequential, mut batched) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for i in 0..100 {
            let answer = client
                .orders()
                .set_order_status(i.to_string(), "paid")
                .await;
            answer.expect("a call succeeds");
        }
        sequential.push(start.elapsed());
        let start = Instant::now();
        let calls = (0..100)
            .map(|i| client.orders().set_order_status(i.to_string(), "paid"))
            .collect::<Vec<_>>();
        let answers = client.batch(calls).await.expect("the batch is answered");
        assert!(
            answers.iter().all(Result::is_ok),
            "every call in the batch succeeds"
        );
        batched.push(start.elapsed());
    }
    let (sequential, batched) = (median(sequential), median(batched));
    println!(
        "100 calls, server {PER_REQUEST:?} per HTTP request, median of {ROUNDS}: \
         sequential {sequential:.1?}, one batch {batched:.1?}, batch {:.1}x faster",
        sequential.as_secs_f64() / batched.as_secs_f64()
    );
    println!("HTTP requests so far: {}", requests.load(Ordering::Relaxed));
}

/// 10,000 calls in batches of 100, 8 batches in flight; peak RSS early and at the end.
async fn many_batches_in_flight(client: &leadhit::Client, requests: &AtomicU64) {
    const WAVES: usize = 10_000 / (100 * 8) + 1;
    let before = requests.load(Ordering::Relaxed);
    let start = Instant::now();
    let mut early_rss = 0;
    for wave in 0..WAVES {
        let mut batches = tokio::task::JoinSet::new();
        for b in 0..8 {
            // A clone shares the connection pool; the task owns it, so its requests can
            // borrow it.
            let client = client.clone();
            batches.spawn(async move {
                let calls = (0..100)
                    .map(|i| {
                        let order = format!("{wave}-{b}-{i}");
                        client.orders().set_order_status(order, "paid")
                    })
                    .collect::<Vec<_>>();
                let answers = client.batch(calls).await.expect("the batch is answered");
                assert!(answers.iter().all(Result::is_ok), "every call succeeds");
            });
        }
        while let Some(done) = batches.join_next().await {
            done.expect("a batch task ends");
        }
        if wave == 0 {
            early_rss = peak_rss_kib();
        }
    }
    println!(
        "{} calls in batches of 100, 8 in flight: {:.2?}, {} HTTP requests, peak RSS \
         {early_rss} KiB after the first 800 calls, {} KiB at the end",
        WAVES * 800,
        start.elapsed(),
        requests.load(Ordering::Relaxed) - before,
        peak_rss_kib()
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// A keep-alive HTTP/1.1 JSON-RPC server on a free loopback port; counts HTTP requests.
async fn serve(requests: Arc<AtomicU64>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(connection(stream, requests.clone()));
        }
    });
    addr
}

async fn connection(stream: TcpStream, requests: Arc<AtomicU64>) {
    let mut stream = BufReader::new(stream);
    while let Some(body) = read_request(&mut stream).await {
        requests.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(PER_REQUEST).await;
        let answer = match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Array(calls)) => Value::Array(calls.iter().map(answer).collect()),
            Ok(call) => answer(&call),
            Err(_) => {
                json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}})
            }
        };
        let body = answer.to_string();
        // Head and body in one write: two small writes would meet Nagle's algorithm and the
        // client's delayed ACK, a 40 ms stall per answer that has nothing to do with batching.
        let mut reply = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        reply.extend_from_slice(body.as_bytes());
        if stream.get_mut().write_all(&reply).await.is_err() {
            return;
        }
    }
}

/// `set_order_status`'s answer to one call.
fn answer(call: &Value) -> Value {
    json!({"jsonrpc": "2.0", "id": call["id"], "result": {"status": "ok", "message": "Order status changed"}})
}
