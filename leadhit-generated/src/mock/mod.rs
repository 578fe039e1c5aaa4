//! A mock of the LeadHit API for users' tests (feature `mock`): a loopback server that knows
//! the API from [`crate::spec`] and answers a call that breaks the contract the way the real
//! Python `json-rpc` server does, so a test fails for the same mistakes production would.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use serde_json::json;
//!
//! let server = leadhit::mock::MockServer::start().await;
//! server
//!     .on("orders", "set_order_status")
//!     .returns(json!({"status": "ok", "message": "Order status changed"}));
//!
//! let client = server.client();
//! let answer = client.orders().set_order_status("f168148717", "paid").send().await;
//! assert!(answer.is_ok());
//! assert_eq!(
//!     server.calls("orders", "set_order_status"),
//!     [json!({"order_id": "f168148717", "status": "paid"})]
//! );
//! # }
//! ```
//!
//! What the mock checks, before it looks at what a test configured:
//!
//! - a request without the mock's API key gets HTTP 403, as from the real server;
//! - a node or method the spec does not have gets `-32601 Method not found`;
//! - a call missing a required param, naming a param the method does not document (unless it
//!   takes `**kwargs`), or passing too many positional params gets `-32602 Invalid params` with
//!   the `TypeError` in `data` (`{"type", "args", "message"}`), as json-rpc reports it;
//! - a method the spec has but the test did not configure gets `-32000` with `data.type`
//!   `MockNotConfigured` and a message saying what to configure.
//!
//! Batches get one answer per request that has an `id`, each judged on its own; a batch with a
//! request that is not JSON-RPC 2.0 gets one `-32600 Invalid Request` for the whole, as from
//! json-rpc.

mod contract;
mod server;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::Client;

/// The API key the mock expects; [`MockServer::client`] sends it.
pub const API_KEY: &str = "leadhit-mock-key";

/// A mock LeadHit API on a loopback port, for one test; it stops when dropped.
///
/// Made by [`MockServer::start`], which needs a running tokio runtime (`#[tokio::test]`).
pub struct MockServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

/// What tests configured, and what the mock received.
#[derive(Default)]
struct State {
    /// By `(node, method)`, wire names.
    answers: HashMap<(String, String), Answer>,
    /// Every well-formed request, in arrival order: node, method, params (`null` when absent).
    calls: Vec<(String, String, Value)>,
}

enum Answer {
    Returns(Value),
    Fails { kind: String, message: String },
}

impl MockServer {
    /// Starts a mock on a free loopback port.
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound, or outside a tokio runtime.
    pub async fn start() -> MockServer {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .unwrap_or_else(|error| panic!("leadhit::mock: cannot bind a loopback port: {error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("leadhit::mock: no local address: {error}"));
        let state = Arc::new(Mutex::new(State::default()));
        let task = tokio::spawn(server::serve(listener, state.clone()));
        MockServer {
            address,
            state,
            task,
        }
    }

    /// The base URL of the mock, e.g. `http://127.0.0.1:40123/`: node `orders` is at
    /// `<uri>orders/`.
    pub fn uri(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Configures the answer of `method` on `node` (both wire names), replacing any earlier
    /// one: finish with [`MethodMock::returns`] or [`MethodMock::fails`].
    ///
    /// # Panics
    ///
    /// If the spec has no such method, with the closest method it does have: a mock of a
    /// method the API lacks would let a test pass that production fails.
    pub fn on(&self, node: &str, method: &str) -> MethodMock<'_> {
        if crate::spec::method(node, method).is_none() {
            panic!("{}", unknown_method(node, method));
        }
        MethodMock {
            server: self,
            node: node.to_owned(),
            method: method.to_owned(),
        }
    }

    /// A [`Client`] pointed at the mock, with its API key.
    pub fn client(&self) -> Client {
        Client::builder()
            .base_url(self.uri())
            .api_key(API_KEY)
            .build()
            .unwrap_or_else(|error| panic!("leadhit::mock: cannot build the client: {error}"))
    }

    /// The params of every call of `method` on `node` received so far, in order, as JSON (an
    /// object for named params, an array for positional ones, `null` when none were sent),
    /// including calls the mock refused.
    pub fn calls(&self, node: &str, method: &str) -> Vec<Value> {
        self.lock()
            .calls
            .iter()
            .filter(|(n, m, _)| n == node && m == method)
            .map(|(_, _, params)| params.clone())
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.uri())
            .finish_non_exhaustive()
    }
}

/// The answer being configured for one method; made by [`MockServer::on`].
#[must_use = "a method mock does nothing until `.returns(...)` or `.fails(...)` sets its answer"]
#[derive(Debug)]
pub struct MethodMock<'a> {
    server: &'a MockServer,
    node: String,
    method: String,
}

impl MethodMock<'_> {
    /// Calls that fit the contract answer `{"result": <result>}`.
    ///
    /// # Panics
    ///
    /// If `result` does not serialise to JSON.
    pub fn returns(self, result: impl Serialize) {
        let result = serde_json::to_value(result)
            .unwrap_or_else(|error| panic!("leadhit::mock: the result is not JSON: {error}"));
        self.set(Answer::Returns(result));
    }

    /// Calls that fit the contract fail as if the method raised the exception `kind` with
    /// `message`: error `-32000 "Server error"` with `data` `{"type": kind, "args": [message],
    /// "message": message}`, which the client reports as [`Error::Rpc`](crate::Error::Rpc)
    /// with that [`kind`](crate::RpcError::kind) and [`detail`](crate::RpcError::detail).
    pub fn fails(self, kind: &str, message: &str) {
        self.set(Answer::Fails {
            kind: kind.to_owned(),
            message: message.to_owned(),
        });
    }

    fn set(self, answer: Answer) {
        self.server
            .lock()
            .answers
            .insert((self.node, self.method), answer);
    }
}

/// The panic message of [`MockServer::on`] for a method the spec lacks.
fn unknown_method(node: &str, method: &str) -> String {
    let closest = crate::spec::NODES
        .iter()
        .flat_map(|n| n.methods.iter().map(move |m| (n.name, m.name)))
        .min_by_key(|(n, m)| strsim::levenshtein(node, n) * 2 + strsim::levenshtein(method, m));
    let known = match closest {
        Some((n, m)) => format!("the closest known method is on({n:?}, {m:?})"),
        None => "the spec has no methods at all".to_owned(),
    };
    format!(
        "leadhit::mock: on({node:?}, {method:?}): the LeadHit API spec has no method {method:?} \
         on node {node:?}; {known}"
    )
}

#[cfg(test)]
mod tests;
