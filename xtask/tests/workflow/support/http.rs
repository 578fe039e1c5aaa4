//! A scripted loopback HTTP/1.1 server for the `fetch` tests: std only, one thread per
//! connection, every request logged, and each path answered from its own list of replies.
//!
//! The server binds `127.0.0.1:0`, so tests never collide and never leave the machine. Its
//! threads are not joined: they end with the test process.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How a request is answered.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete response with a correct `Content-Length`.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These bytes verbatim, then the connection closes (for malformed or truncated answers).
    Raw(Vec<u8>),
    /// `200 OK` with no length, then bytes until the client hangs up.
    Endless,
    /// `200 OK` announcing `len` bytes, then one byte every `every`.
    Trickle { len: usize, every: Duration },
    /// The reply, after a pause.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// `200 OK` with an HTML page, like the json-rpc map view.
    pub fn page(body: impl Into<Vec<u8>>) -> Self {
        Reply::Respond {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.into(),
        }
    }

    /// An error status with a small HTML body.
    pub fn status(status: u16) -> Self {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: format!("<h1>{status} {}</h1>", reason(status)).into_bytes(),
        }
    }

    /// `302 Found` to `location`.
    pub fn redirect(location: &str) -> Self {
        Reply::status(302).header("Location", location)
    }

    /// Adds a header (only to [`Reply::Respond`]).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    pub fn after(self, delay: Duration) -> Self {
        Reply::Delayed(delay, Box::new(self))
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    /// Names lower-cased.
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Vec<Reply>>,
    seen: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
}

impl Server {
    /// Serves `routes`: the n-th request to a path gets that path's n-th reply, and the last
    /// reply repeats. Unscripted paths get 404.
    pub fn start<P: Into<String>>(routes: impl IntoIterator<Item = (P, Vec<Reply>)>) -> Server {
        let routes = routes.into_iter().map(|(p, r)| (p.into(), r)).collect();
        Server::spawn(
            State {
                routes,
                ..State::default()
            },
            serve_http,
        )
    }

    /// Answers every connection with plain-text garbage instead of a TLS handshake.
    pub fn garbage() -> Server {
        Server::spawn(State::default(), serve_garbage)
    }

    fn spawn(state: State, serve: fn(TcpStream, &State)) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(state);
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                thread::spawn(move || {
                    state.connections.fetch_add(1, Ordering::SeqCst);
                    serve(stream, &state);
                });
            }
        });
        Server { addr, state }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:<port>/api/v1/`, the layout of the real API.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/v1/", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.seen.lock().unwrap().clone()
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// TCP connections accepted, whether or not they made a request.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    /// The most requests that were waiting for their answer at the same moment. Each counts from
    /// when its head was read until its answer starts, so the count never exceeds what the
    /// client had outstanding.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
pub fn refused_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind")
        .port()
}

fn serve_http(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_head(&mut stream) else {
        return;
    };
    let reply = {
        let mut seen = state.seen.lock().unwrap();
        let n = seen.iter().filter(|r| r.path == request.path).count();
        let reply = match state.routes.get(&request.path) {
            Some(replies) if !replies.is_empty() => replies[n.min(replies.len() - 1)].clone(),
            _ => Reply::status(404),
        };
        seen.push(request);
        reply
    };
    let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let reply = wait_out(&reply);
    // Once the answer starts, the client may have it and send its next request before this
    // thread runs again: counting this one until the write returned made 33 of a bound of 32.
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    // Write errors mean the client hung up, which several tests make it do on purpose.
    let _ = write_reply(&mut stream, reply);
}

/// Reads the request line and headers (a GET has no body).
fn read_head(stream: &mut TcpStream) -> Option<Request> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buf[..n]);
        if head.len() > 64 * 1024 {
            return None;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    // `GET /path HTTP/1.1`: only the path is kept.
    let path = lines.next()?.split(' ').nth(1)?.to_owned();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Request {
        path,
        headers,
        at: Instant::now(),
    })
}

fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    match reply {
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut out = format!(
                "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reason(*status),
                body.len()
            );
            for (name, value) in headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str("\r\n");
            stream.write_all(out.as_bytes())?;
            stream.write_all(body)
        }
        Reply::Raw(bytes) => stream.write_all(bytes),
        Reply::Endless => {
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<h1>JSON-RPC map</h1><pre>")?;
            let chunk = vec![b'a'; 64 * 1024];
            // Bounded anyway, so a client that neither reads nor hangs up cannot keep this
            // thread alive past the test.
            let until = Instant::now() + Duration::from_secs(30);
            while Instant::now() < until {
                stream.write_all(&chunk)?;
            }
            Ok(())
        }
        Reply::Trickle { len, every } => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            for _ in 0..*len {
                stream.write_all(b"a")?;
                stream.flush()?;
                thread::sleep(*every);
            }
            Ok(())
        }
        delayed @ Reply::Delayed(..) => write_reply(stream, wait_out(delayed)),
    }
}

/// Sleeps through a reply's delays (before the request stops counting as in flight) and
/// returns the answer they wrap.
fn wait_out(mut reply: &Reply) -> &Reply {
    while let Reply::Delayed(delay, inner) = reply {
        thread::sleep(*delay);
        reply = inner;
    }
    reply
}

fn serve_garbage(mut stream: TcpStream, _state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    // Wait for the client's first bytes (a TLS ClientHello), answer like a confused plain-HTTP
    // server, then drain until the client gives up, so the client sees the garbage rather
    // than a connection reset.
    let mut buf = [0u8; 4096];
    let _ = stream.read(&mut buf);
    let _ =
        stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 15\r\n\r\nthis is not TLS");
    let _ = stream.shutdown(Shutdown::Write);
    while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
