//! The generated client against its peers, in the same run, on loopback: jsonrpsee's HTTP
//! client (what a user might pick instead) and hand-written reqwest POSTs of the same JSON, with
//! the runtime's reqwest settings and with the variants that might close the gap.
//!
//! Run with `cargo xtask bench client` (= `cargo bench -p xtask --features peers --bench
//! client`). Each contender has its own loopback server (std threads, HTTP/1.1 keep-alive) that
//! counts the connections it accepts. Two phases:
//!
//! - **Sequential**: one call at a time, the contenders taking turns call by call in an order
//!   that rotates, so drift on a shared machine hits each alike; median and p90 latency.
//! - **Concurrent**: a fixed number of calls with 64 in flight, one contender at a time, rounds
//!   in rotating order; throughput (calls per second), median of the rounds.
//!
//! The client side runs on one thread (a current-thread tokio runtime), so its CPU time per call
//! (the scheduler's figure for that thread, `/proc/thread-self/schedstat`) is the client's own
//! cost, the servers' threads excluded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonrpsee::core::client::ClientT;
use reqwest::header::CONTENT_TYPE;
use serde_json::{json, Map, Value};

const API_KEY: &str = "bench-key";
const IN_FLIGHT: usize = 64;

/// How many calls each phase makes; `cargo test --benches` runs this without `--bench`, so
/// that run is kept small.
struct Sizes {
    warm_up: usize,
    sequential: usize,
    concurrent: usize,
    rounds: usize,
}

fn main() {
    let sizes = if std::env::args().any(|a| a == "--bench") {
        Sizes {
            warm_up: 200,
            sequential: 1_000,
            concurrent: 10_000,
            rounds: 3,
        }
    } else {
        Sizes {
            warm_up: 5,
            sequential: 20,
            concurrent: 200,
            rounds: 1,
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let contenders = runtime.block_on(async { contenders() });
    if let Ok(only) = std::env::var("BENCH_CLIENT_PROFILE") {
        runtime.block_on(profile(&contenders, &only));
        return;
    }
    let sequential = runtime.block_on(sequential(&contenders, &sizes));
    let concurrent = runtime.block_on(concurrent(&contenders, &sizes));
    report(&contenders, &sequential, &concurrent, &sizes);
}

/// One client under test and the server it talks to.
struct Contender {
    name: &'static str,
    caller: Arc<Caller>,
    server: Server,
}

enum Caller {
    Generated(leadhit::Client),
    Reqwest {
        http: reqwest::Client,
        url: String,
        next_id: AtomicU64,
    },
    /// The least a call through reqwest can cost: the tuned client, a body made once, the
    /// answer read without building a JSON tree. What reqwest itself costs per request.
    Floor {
        http: reqwest::Client,
        url: reqwest::Url,
    },
    Jsonrpsee(jsonrpsee::http_client::HttpClient),
}

fn no_retries() -> reqwest::retry::Builder {
    reqwest::retry::never().max_retries_per_request(0)
}

fn tuned() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .http1_only()
        .retry(no_retries())
        .no_proxy()
}

fn contenders() -> Vec<Contender> {
    let mut contenders = Vec::new();
    let server = Server::start();
    let client = leadhit::Client::builder()
        .base_url(format!("http://{}/api/v1/", server.addr))
        .api_key(API_KEY)
        .build()
        .expect("a client");
    contenders.push(Contender {
        name: "leadhit (generated)",
        caller: Arc::new(Caller::Generated(client)),
        server,
    });
    // The runtime's settings (a timeout, no redirects), then each variant on top of them.
    let runtime_like = || {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
    };
    let variants: [(&'static str, reqwest::ClientBuilder); 5] = [
        ("reqwest POST", runtime_like()),
        ("reqwest, http1_only", runtime_like().http1_only()),
        (
            "reqwest, no timeout",
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()),
        ),
        // reqwest 0.13 clones every request for its default retry policy (HTTP/2 NACKs only);
        // `never()` alone still clones once, a limit of 0 retries does not.
        ("reqwest, retry never", runtime_like().retry(no_retries())),
        // What the runtime's own client sets for a plain-http base URL with no proxy configured.
        ("reqwest, tuned", tuned()),
    ];
    for (name, builder) in variants {
        let server = Server::start();
        contenders.push(Contender {
            name,
            caller: Arc::new(Caller::Reqwest {
                http: builder.build().expect("a reqwest client"),
                url: format!("http://{}/api/v1/orders/", server.addr),
                next_id: AtomicU64::new(1),
            }),
            server,
        });
    }
    let server = Server::start();
    contenders.push(Contender {
        name: "reqwest, floor",
        caller: Arc::new(Caller::Floor {
            http: tuned().build().expect("a reqwest client"),
            url: format!("http://{}/api/v1/orders/", server.addr)
                .parse()
                .expect("a URL"),
        }),
        server,
    });
    let server = Server::start();
    let mut headers = jsonrpsee::http_client::HeaderMap::new();
    headers.insert("API-KEY", API_KEY.parse().expect("a header value"));
    let client = jsonrpsee::http_client::HttpClientBuilder::default()
        .request_timeout(Duration::from_secs(30))
        .set_headers(headers)
        .build(format!("http://{}/api/v1/orders/", server.addr))
        .expect("a jsonrpsee client");
    contenders.push(Contender {
        name: "jsonrpsee",
        caller: Arc::new(Caller::Jsonrpsee(client)),
        server,
    });
    contenders
}

impl Caller {
    /// One `set_order_status` call; panics unless the answer is the server's success reply.
    async fn call(&self) {
        let status = match self {
            Caller::Generated(client) => {
                let answer = client
                    .orders()
                    .set_order_status("f168148717", "paid")
                    .send()
                    .await
                    .expect("the generated call succeeds");
                answer.status
            }
            Caller::Reqwest { http, url, next_id } => {
                let id = next_id.fetch_add(1, Ordering::Relaxed);
                let answer = raw_post(http, url, id).await;
                answer["status"].as_str().unwrap_or_default().to_owned()
            }
            Caller::Floor { http, url } => floor_post(http, url).await,
            Caller::Jsonrpsee(client) => {
                let mut params = jsonrpsee::core::params::ObjectParams::new();
                params.insert("order_id", "f168148717").expect("a param");
                params.insert("status", "paid").expect("a param");
                let answer: Map<String, Value> = client
                    .request("set_order_status", params)
                    .await
                    .expect("the jsonrpsee call succeeds");
                answer["status"].as_str().unwrap_or_default().to_owned()
            }
        };
        assert_eq!(status, "ok");
    }
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

/// The floor: one fixed body (the server echoes whatever id it carries), the headers set once,
/// only the `status` string taken out of the answer.
async fn floor_post(http: &reqwest::Client, url: &reqwest::Url) -> String {
    #[derive(serde::Deserialize)]
    struct Answer<'a> {
        #[serde(borrow)]
        result: Status<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Status<'a> {
        status: &'a str,
    }
    static BODY: &[u8] = br#"{"jsonrpc":"2.0","method":"set_order_status","params":{"order_id":"f168148717","status":"paid"},"id":1}"#;
    static HEADERS: std::sync::OnceLock<reqwest::header::HeaderMap> = std::sync::OnceLock::new();
    let headers = HEADERS.get_or_init(|| {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("api-key", API_KEY.parse().expect("a header value"));
        headers.insert(
            CONTENT_TYPE,
            "application/json".parse().expect("a header value"),
        );
        headers
    });
    let mut request = reqwest::Request::new(reqwest::Method::POST, url.clone());
    *request.headers_mut() = headers.clone();
    *request.body_mut() = Some(reqwest::Body::from(BODY));
    let response = http
        .execute(request)
        .await
        .expect("the floor call succeeds");
    let bytes = response.bytes().await.expect("a body");
    let answer: Answer<'_> = serde_json::from_slice(&bytes).expect("an answer");
    answer.result.status.to_owned()
}

/// `BENCH_CLIENT_PROFILE=<contender> BENCH_CLIENT_CALLS=<n>`: only that contender's calls, one
/// at a time, for a profiler (`valgrind --tool=callgrind --separate-threads=yes`: the main
/// thread is the client's). Two runs with different `n` give the cost of one call.
async fn profile(contenders: &[Contender], only: &str) {
    let calls: usize = std::env::var("BENCH_CLIENT_CALLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let contender = contenders
        .iter()
        .find(|c| c.name == only)
        .unwrap_or_else(|| panic!("no contender named {only:?}"));
    for _ in 0..calls {
        contender.caller.call().await;
    }
}

/// Per contender: each call's latency, and the client thread's CPU time over all of them.
struct Sequential {
    latencies: Vec<Duration>,
    cpu: Duration,
}

async fn sequential(contenders: &[Contender], sizes: &Sizes) -> Vec<Sequential> {
    for contender in contenders {
        for _ in 0..sizes.warm_up {
            contender.caller.call().await;
        }
    }
    let mut results: Vec<Sequential> = contenders
        .iter()
        .map(|_| Sequential {
            latencies: Vec::with_capacity(sizes.sequential),
            cpu: Duration::ZERO,
        })
        .collect();
    for round in 0..sizes.sequential {
        for turn in 0..contenders.len() {
            let i = (round + turn) % contenders.len();
            let cpu = thread_cpu();
            let started = Instant::now();
            contenders[i].caller.call().await;
            results[i].latencies.push(started.elapsed());
            results[i].cpu += thread_cpu().saturating_sub(cpu);
        }
    }
    results
}

/// Per contender and round: wall time and client CPU time of the whole batch of calls.
async fn concurrent(contenders: &[Contender], sizes: &Sizes) -> Vec<Vec<(Duration, Duration)>> {
    let mut results = vec![Vec::new(); contenders.len()];
    for round in 0..sizes.rounds {
        for turn in 0..contenders.len() {
            let i = (round + turn) % contenders.len();
            let cpu = thread_cpu();
            let started = Instant::now();
            in_flight(&contenders[i].caller, sizes.concurrent).await;
            results[i].push((started.elapsed(), thread_cpu().saturating_sub(cpu)));
        }
    }
    results
}

/// `total` calls, `IN_FLIGHT` at a time: that many tasks, each taking the next call until none
/// is left.
async fn in_flight(caller: &Arc<Caller>, total: usize) {
    let taken = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (caller, taken) = (Arc::clone(caller), Arc::clone(&taken));
        tasks.spawn(async move {
            while taken.fetch_add(1, Ordering::Relaxed) < total {
                caller.call().await;
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a client task");
    }
}

fn report(
    contenders: &[Contender],
    sequential: &[Sequential],
    concurrent: &[Vec<(Duration, Duration)>],
    sizes: &Sizes,
) {
    println!(
        "sequential: {} calls each after {} warm-up calls; concurrent: {} calls with {IN_FLIGHT} in flight, median of {} rounds",
        sizes.sequential, sizes.warm_up, sizes.concurrent, sizes.rounds
    );
    println!(
        "  {:<22} {:>10} {:>10} {:>12} | {:>12} {:>12} | {:>5}",
        "client", "median", "p90", "CPU/call", "calls/s", "CPU/call", "conns"
    );
    let mut figures = Vec::new();
    for ((contender, seq), conc) in contenders.iter().zip(sequential).zip(concurrent) {
        let mut latencies = seq.latencies.clone();
        latencies.sort();
        let median = latencies[latencies.len() / 2];
        let p90 = latencies[(latencies.len() * 9 / 10).min(latencies.len() - 1)];
        let mut rounds = conc.clone();
        rounds.sort();
        let (wall, cpu) = rounds[rounds.len() / 2];
        let throughput = sizes.concurrent as f64 / wall.as_secs_f64();
        println!(
            "  {:<22} {:>7.1} us {:>7.1} us {:>9.1} us | {:>12.0} {:>9.1} us | {:>5}",
            contender.name,
            micros(median),
            micros(p90),
            micros(seq.cpu) / latencies.len() as f64,
            throughput,
            micros(cpu) / sizes.concurrent as f64,
            contender.server.connections()
        );
        figures.push((median, throughput));
    }
    let (generated, raw, peer) = (figures[0], figures[1], figures[figures.len() - 1]);
    let ratio =
        |a: (Duration, f64), b: (Duration, f64)| (a.0.as_secs_f64() / b.0.as_secs_f64(), a.1 / b.1);
    let (latency, throughput) = ratio(generated, peer);
    println!(
        "  generated / jsonrpsee: latency {latency:.2} (target <= 1.00), throughput {throughput:.2} (target >= 1.00)"
    );
    let (latency, throughput) = ratio(generated, raw);
    println!(
        "  generated / reqwest POST: latency {latency:.2} (target <= 1.05), throughput {throughput:.2} (target >= 0.95)"
    );
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// The calling thread's time on a CPU so far (the first field of its schedstat, nanoseconds);
/// zero where the file does not exist.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
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

/// The digits after `"id":` in a request body (every contender sends a number).
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
