//! The generated client under sustained faults: many calls, 256 in flight, against a loopback
//! server that drops 1 % of answers mid-response, answers 1 % with 503 and delays 1 % past the
//! client's timeout.
//!
//! Run with `cargo xtask bench soak` (or `cargo bench -p xtask --bench soak -- --bench`). It
//! checks that every call ends within its timeout (none hangs), that no request that reached
//! the server's handler was sent again (the server counts request ids: a 503 is answered before
//! the handler, so retrying it is allowed), and reports the outcomes and the process's peak RSS
//! after the first 10 % of the calls and at the end, which should stay flat.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

mod support;
use support::{peak_rss_kib, read_request};

const API_KEY: &str = "soak-key";
/// The client's timeout per call; a delayed answer comes this much later, plus `LATE`.
const TIMEOUT: Duration = Duration::from_secs(2);
const LATE: Duration = Duration::from_millis(500);
/// How much past its timeout a call may take before it counts as hung.
const SLACK: Duration = Duration::from_millis(500);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|arg| arg == name)
            .and_then(|at| args.get(at + 1))
            .map_or(default, |value| value.parse().expect("a number"))
    };
    // `cargo test --benches` runs bench targets with `--bench` absent; keep that quick.
    let full = args.iter().any(|arg| arg == "--bench");
    let calls = flag("--calls", if full { 100_000 } else { 2_000 });
    let in_flight = flag("--in-flight", 256);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let report = runtime.block_on(soak(calls, in_flight));
    report.print(calls, in_flight);
    assert_eq!(report.hung, 0, "calls outlived their timeout");
    assert_eq!(
        report.resent, 0,
        "requests that reached the handler were sent again"
    );
}

/// What the server decides for each request that reaches it.
#[derive(Default)]
struct ServerState {
    /// Which ids reached the handler, one bit each: ids count up from 1, and a bitmap keeps the
    /// server's own memory out of the client's RSS figures.
    handled: Vec<u64>,
    /// Requests whose id had reached the handler before.
    resent: usize,
    arrivals: u64,
}

#[derive(Default, Debug)]
struct Report {
    ok: usize,
    timeouts: usize,
    dropped: usize,
    unavailable: usize,
    other: Vec<String>,
    hung: usize,
    resent: usize,
    requests: u64,
    retried_503: usize,
    slowest: Duration,
    elapsed: Duration,
    rss_early_kib: u64,
    rss_end_kib: u64,
    early_calls: usize,
}

async fn soak(calls: usize, in_flight: usize) -> Report {
    let state = Arc::new(Mutex::new(ServerState::default()));
    let addr = serve(state.clone()).await;
    let client = leadhit::Client::builder()
        .base_url(format!("http://{addr}/api/v1/"))
        .api_key(API_KEY)
        .timeout(TIMEOUT)
        .build()
        .expect("a client");
    let slots = Arc::new(Semaphore::new(in_flight));
    let done = Arc::new(AtomicUsize::new(0));
    let report = Arc::new(Mutex::new(Report::default()));
    let early_calls = (calls / 10).max(1);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..calls {
        let permit = slots.clone().acquire_owned().await.expect("open semaphore");
        let (client, report, done) = (client.clone(), report.clone(), done.clone());
        tasks.spawn(async move {
            let outcome = one_call(&client, n).await;
            report.lock().unwrap().record(outcome);
            if done.fetch_add(1, Ordering::SeqCst) + 1 == early_calls {
                report.lock().unwrap().rss_early_kib = peak_rss_kib();
            }
            drop(permit);
        });
        // Reap finished tasks as we go, so the set stays as small as what is in flight.
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let mut report = std::mem::take(&mut *report.lock().unwrap());
    report.elapsed = started.elapsed();
    report.rss_end_kib = peak_rss_kib();
    report.early_calls = early_calls;
    let state = state.lock().unwrap();
    report.resent = state.resent;
    report.requests = state.arrivals;
    report.retried_503 = (state.arrivals as usize).saturating_sub(calls);
    report
}

/// One call and how long it took; `None` if it outlived its timeout by more than `SLACK`.
async fn one_call(
    client: &leadhit::Client,
    n: usize,
) -> Option<(Duration, Result<leadhit::StatusChange, leadhit::Error>)> {
    let started = Instant::now();
    let order = format!("o{n}");
    let call = client
        .orders()
        .set_order_status(order.as_str(), "paid")
        .send();
    let outcome = tokio::time::timeout(TIMEOUT + SLACK, call).await.ok()?;
    Some((started.elapsed(), outcome))
}

impl Report {
    fn record(
        &mut self,
        outcome: Option<(Duration, Result<leadhit::StatusChange, leadhit::Error>)>,
    ) {
        let Some((took, outcome)) = outcome else {
            self.hung += 1;
            return;
        };
        self.slowest = self.slowest.max(took);
        match outcome {
            Ok(_) => self.ok += 1,
            Err(leadhit::Error::Transport { source, .. }) if source.is_timeout() => {
                self.timeouts += 1
            }
            Err(leadhit::Error::Transport { .. }) => self.dropped += 1,
            Err(leadhit::Error::Http { status: 503, .. }) => self.unavailable += 1,
            Err(other) => self.other.push(other.to_string()),
        }
    }

    fn print(&self, calls: usize, in_flight: usize) {
        let rate = calls as f64 / self.elapsed.as_secs_f64();
        println!("soak: {calls} calls, {in_flight} in flight, timeout {TIMEOUT:?}");
        println!(
            "  elapsed {:.1} s ({rate:.0} calls/s), slowest call {:?}",
            self.elapsed.as_secs_f64(),
            self.slowest
        );
        println!("  ok                      {:>7}", self.ok);
        println!("  timed out (delayed)     {:>7}", self.timeouts);
        println!("  dropped mid-response    {:>7}", self.dropped);
        println!("  503 after retries       {:>7}", self.unavailable);
        println!("  other errors            {:>7}", self.other.len());
        for error in self.other.iter().take(5) {
            println!("    {error}");
        }
        println!("  hung (past timeout)     {:>7}", self.hung);
        println!(
            "  requests received       {:>7} ({} retries of a 503)",
            self.requests, self.retried_503
        );
        println!("  handled ids sent again  {:>7}", self.resent);
        println!(
            "  peak RSS after {} calls {} KiB, after {calls} calls {} KiB ({:+.1} %)",
            self.early_calls,
            self.rss_early_kib,
            self.rss_end_kib,
            (self.rss_end_kib as f64 / self.rss_early_kib.max(1) as f64 - 1.0) * 100.0
        );
    }
}

/// The process's peak resident set (`VmHWM`), in KiB; 0 where `/proc` is not available.
/// Starts the faulty server on a free loopback port.
async fn serve(state: Arc<Mutex<ServerState>>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(connection(stream, state.clone()));
        }
    });
    addr
}

/// What the server does with one request.
enum Fate {
    Unavailable,
    Drop,
    Delay,
    Answer,
}

/// Picks a fate (1 % each fault) and records the id if the request reaches the handler.
fn fate(state: &Mutex<ServerState>, id: u64) -> Fate {
    let mut state = state.lock().unwrap();
    state.arrivals += 1;
    // A hash of the arrival count spreads the faults evenly and reproducibly.
    let roll = state.arrivals.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    let fate = match roll % 100 {
        0 => Fate::Unavailable,
        1 => Fate::Drop,
        2 => Fate::Delay,
        _ => Fate::Answer,
    };
    if !matches!(fate, Fate::Unavailable) && !state.mark_handled(id) {
        state.resent += 1;
    }
    fate
}

impl ServerState {
    /// Marks `id` handled; `false` if it was already.
    fn mark_handled(&mut self, id: u64) -> bool {
        let (word, bit) = ((id / 64) as usize, 1u64 << (id % 64));
        if word >= self.handled.len() {
            self.handled.resize(word + 1, 0);
        }
        let fresh = self.handled[word] & bit == 0;
        self.handled[word] |= bit;
        fresh
    }
}

async fn connection(stream: TcpStream, state: Arc<Mutex<ServerState>>) {
    let mut stream = BufReader::new(stream);
    while let Some(body) = read_request(&mut stream).await {
        let id = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|body| body["id"].as_u64())
            .unwrap_or(0);
        let answer = json!({"jsonrpc": "2.0", "id": id,
                            "result": {"status": "ok", "message": "Order status changed"}})
        .to_string();
        let stream = stream.get_mut();
        let written = match fate(&state, id) {
            Fate::Unavailable => {
                let head = "HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\n\
                            content-length: 0\r\n\r\n";
                stream.write_all(head.as_bytes()).await
            }
            Fate::Drop => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n",
                    answer.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&answer.as_bytes()[..10]).await;
                return;
            }
            Fate::Delay => {
                tokio::time::sleep(TIMEOUT + LATE).await;
                write_json(stream, &answer).await
            }
            Fate::Answer => write_json(stream, &answer).await,
        };
        if written.is_err() {
            return;
        }
    }
}

async fn write_json(stream: &mut TcpStream, body: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(format!("{head}{body}").as_bytes()).await
}
