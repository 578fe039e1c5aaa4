//! A scripted HTTP/1.1 server on loopback for the runtime tests: it records every request it
//! receives, byte for byte, and answers each with the next entry of its script.
//!
//! Hand-rolled on a tokio `TcpListener` rather than a server framework, so the tests can send
//! what a real framework would refuse to (an endless body, a connection that never answers)
//! and can count TCP connections.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The key every test client sends; tests check it never shows up where it must not.
pub const KEY: &str = "lh-test-key-7f3a9c1e5b";

/// How the server answers one request.
#[derive(Clone, Debug)]
pub enum Answer {
    /// HTTP 200 with `{"jsonrpc": "2.0", "id": <the request's id>, "result": <value>}`.
    Result(Value),
    /// HTTP 200 with `{"jsonrpc": "2.0", "id": <the request's id>, "error": <value>}`.
    Error(Value),
    /// The given status and body, as JSON, with nothing filled in.
    Json(u16, Value),
    /// The given status, content type and body bytes.
    Raw {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// HTTP 307 to the given URL, which would make a client that follows redirects repeat the
    /// POST, headers and all, there.
    Redirect(String),
    /// Never answers: holds the connection open for a while, then closes it.
    Hang,
    /// HTTP 200 with a chunked body that starts like a JSON-RPC answer and never ends (it stops
    /// after `ENDLESS_LIMIT` bytes or when the client hangs up, so the test stays bounded).
    Endless,
    /// The given status with extra headers (e.g. `retry-after`) and a short text body.
    Status {
        status: u16,
        headers: Vec<(&'static str, String)>,
    },
    /// The head of a 200 answer and part of its body, then the connection is closed: the method
    /// ran, the answer was lost on the way.
    Dropped,
    /// The answer after a delay (past a client timeout, say).
    Delayed(Duration, Box<Answer>),
    /// HTTP 200 with the JSON made from the request's path and body, e.g. a batch answer.
    Computed(fn(&str, &Value) -> Value),
}

/// Where an endless body gives up, far past any cap the tests set.
const ENDLESS_LIMIT: usize = 256 * 1024 * 1024;
/// How long `Answer::Hang` holds a connection; far past any client timeout the tests set.
const HANG_FOR: Duration = Duration::from_secs(20);

impl Answer {
    /// HTTP 503 (or another status) asking the client to come back after `seconds`.
    pub fn retry_after(status: u16, seconds: u64) -> Answer {
        Answer::Status {
            status,
            headers: vec![("retry-after", seconds.to_string())],
        }
    }

    /// An HTML page with the given status, as a proxy or framework error page would be.
    pub fn html(status: u16, text: &str) -> Answer {
        Answer::Raw {
            status,
            content_type: "text/html; charset=utf-8",
            body: format!(
                "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>{text}</h1>\n  </body>\n</html>\n"
            )
            .into_bytes(),
        }
    }
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names as sent (HTTP/1 clients send them lower-case), in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Which accepted TCP connection it came on, counting from 0.
    pub connection: usize,
}

impl Recorded {
    /// The value of the header `name` (any case), if sent exactly once; panics if sent twice.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str());
        let value = values.next();
        assert!(values.next().is_none(), "header {name} sent more than once");
        value
    }

    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("request body is not UTF-8")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("request body is not JSON")
    }

    /// The whole request as text, for checking that something never went on the wire.
    pub fn raw_text(&self) -> String {
        let mut text = format!("{} {}\r\n", self.method, self.path);
        for (name, value) in &self.headers {
            text += &format!("{name}: {value}\r\n");
        }
        text + &String::from_utf8_lossy(&self.body)
    }
}

#[derive(Default)]
struct State {
    script: VecDeque<Answer>,
    requests: Vec<Recorded>,
    connections: usize,
}

/// A running server; it stops with the test's runtime.
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Starts a server on a free loopback port that answers requests with `script`, in order;
    /// requests past its end get HTTP 500.
    pub async fn start(script: impl IntoIterator<Item = Answer>) -> Server {
        Server::start_on("127.0.0.1:0".parse().unwrap(), script).await
    }

    /// Like [`Server::start`], on the given address.
    pub async fn start_on(addr: SocketAddr, script: impl IntoIterator<Item = Answer>) -> Server {
        let listener = TcpListener::bind(addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            script: script.into_iter().collect(),
            ..State::default()
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let connection = {
                    let mut state = shared.lock().unwrap();
                    state.connections += 1;
                    state.connections - 1
                };
                tokio::spawn(serve(stream, connection, shared.clone()));
            }
        });
        Server { addr, state }
    }

    /// `http://127.0.0.1:<port>/api/v1/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/v1/", self.addr)
    }

    /// A client for this server with the test key and a timeout that keeps failures quick.
    pub fn client(&self) -> leadhit::Client {
        self.builder().build().unwrap()
    }

    pub fn builder(&self) -> leadhit::ClientBuilder {
        leadhit::Client::builder()
            .base_url(self.base_url())
            .api_key(KEY)
            .timeout(Duration::from_secs(10))
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The only request received; panics if there were none or several.
    pub fn request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request: {requests:#?}"
        );
        requests.into_iter().next().unwrap()
    }

    pub fn connections(&self) -> usize {
        self.state.lock().unwrap().connections
    }
}

/// Serves the requests of one keep-alive connection until the client closes it.
async fn serve(stream: TcpStream, connection: usize, state: Arc<Mutex<State>>) {
    let mut stream = BufReader::new(stream);
    while let Some(request) = read_request(&mut stream, connection).await {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let id = body.get("id").cloned().unwrap_or(Value::Null);
        let path = request.path.clone();
        let answer = {
            let mut state = state.lock().unwrap();
            state.requests.push(request);
            state.script.pop_front()
        };
        let stream = stream.get_mut();
        if !matches!(write(stream, answer, &id, &path, &body).await, Some(Ok(()))) {
            return;
        }
    }
}

/// Writes one answer; `None` when the connection is to be closed instead of reused.
async fn write(
    stream: &mut TcpStream,
    answer: Option<Answer>,
    id: &Value,
    path: &str,
    body: &Value,
) -> Option<std::io::Result<()>> {
    let json = |body: Value| body.to_string().into_bytes();
    let written = match answer {
        Some(Answer::Result(result)) => {
            let body = json(json!({"jsonrpc": "2.0", "id": id, "result": result}));
            write_answer(stream, 200, "application/json", &body).await
        }
        Some(Answer::Error(error)) => {
            let body = json(json!({"jsonrpc": "2.0", "id": id, "error": error}));
            write_answer(stream, 200, "application/json", &body).await
        }
        Some(Answer::Json(status, body)) => {
            write_answer(stream, status, "application/json", &json(body)).await
        }
        Some(Answer::Computed(answer)) => {
            write_answer(stream, 200, "application/json", &json(answer(path, body))).await
        }
        Some(Answer::Raw {
            status,
            content_type,
            body,
        }) => write_answer(stream, status, content_type, &body).await,
        Some(Answer::Status { status, headers }) => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in headers {
                head += &format!("{name}: {value}\r\n");
            }
            head += "content-type: text/plain\r\ncontent-length: 9\r\n\r\ntry later";
            stream.write_all(head.as_bytes()).await
        }
        Some(Answer::Redirect(location)) => {
            let head = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\n\
                 content-length: 0\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await
        }
        Some(Answer::Dropped) => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                        content-length: 100\r\n\r\n{\"jsonrpc\": \"2.0\", ";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
            return None;
        }
        Some(Answer::Delayed(delay, answer)) => {
            tokio::time::sleep(delay).await;
            return Box::pin(write(stream, Some(*answer), id, path, body)).await;
        }
        Some(Answer::Hang) => {
            tokio::time::sleep(HANG_FOR).await;
            return None;
        }
        Some(Answer::Endless) => {
            write_endless(stream).await;
            return None;
        }
        None => {
            write_answer(
                stream,
                500,
                "text/plain",
                b"the test script has no answer left",
            )
            .await
        }
    };
    Some(written)
}

/// Reads one request (head and `Content-Length` body); `None` at end of stream.
async fn read_request(stream: &mut BufReader<TcpStream>, connection: usize) -> Option<Recorded> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).await.ok()?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, value)| value.parse::<usize>().unwrap());
    assert!(
        !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("transfer-encoding")),
        "the client sent a chunked request; this server reads only Content-Length bodies"
    );
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(Recorded {
        method,
        path,
        headers,
        body,
        connection,
    })
}

async fn write_answer(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
        reason(status),
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await
}

async fn write_endless(stream: &mut TcpStream) {
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    let start = br#"{"jsonrpc": "2.0", "id": 1, "result": ""#;
    let filler = vec![b'a'; 16 * 1024];
    let chunk = |data: &[u8]| [format!("{:x}\r\n", data.len()).as_bytes(), data, b"\r\n"].concat();
    if stream.write_all(head.as_bytes()).await.is_err()
        || stream.write_all(&chunk(start)).await.is_err()
    {
        return;
    }
    let filler = chunk(&filler);
    let mut sent = 0;
    while sent < ENDLESS_LIMIT {
        // The client hanging up ends the loop; that is the expected way out.
        if stream.write_all(&filler).await.is_err() {
            return;
        }
        sent += filler.len();
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Whatever",
    }
}
