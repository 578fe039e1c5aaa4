//! A typed async client for the [LeadHit](https://leadhit.ru) JSON-RPC API.
//!
//! The API is a set of nodes (`orders`, ...), each a URL under
//! `https://service.leadhit.ru/api/v1/` that answers JSON-RPC 2.0 calls. This crate has one
//! accessor per node on [`Client`] and one method per JSON-RPC method on it, generated from the
//! nodes' `/map` pages; each returns a [`Request`] to `.send().await`:
//!
//! ```no_run
//! # async fn run() -> Result<(), leadhit::Error> {
//! let client = leadhit::Client::new(std::env::var("LEADHIT_API_KEY").unwrap_or_default());
//! let answer = client
//!     .orders()
//!     .set_order_status("f168148717", "paid")
//!     .send()
//!     .await?;
//! println!("{answer:?}");
//!
//! // Any method by name, e.g. one newer than the cached maps:
//! let value: serde_json::Value = client
//!     .call(
//!         "orders",
//!         "set_order_status",
//!         serde_json::json!({"order_id": "f168148717", "status": "paid"}),
//!     )
//!     .await?;
//! # Ok(())
//! # }
//! ```
//!
//! [`Client::call`] reaches any method by name, for those the generated API lacks, and
//! [`Client::request`] makes the same call a [`Request`], for per-call options or a batch. They
//! are the one way to send a method or a named param the generated API does not have: the
//! generated methods are built from runtime calls private to this crate.
//!
//! # Production use
//!
//! Bring your own `reqwest::Client` ([`ClientBuilder::http_client`]) or, with the `middleware`
//! feature, a `reqwest_middleware` stack; [`Retry`] retries only what cannot have run (a
//! connection never made, 429 and 503), and [`Client::batch`] sends JSON-RPC batches. Any
//! request takes [`with_timeout`](Request::with_timeout), [`with_retry`](Request::with_retry)
//! and [`with_header`](Request::with_header). With the `tracing` feature each call is a
//! `leadhit.call` span naming its node, method, id, attempts and outcome, never its key, params
//! or results.
//!
//! With the `spec` feature, `leadhit::spec` holds the API as static data (every node, method and
//! param), for tools driven by a table; the `cli` and `mock` features are two such tools.
//!
//! # Errors
//!
//! Every call returns [`Error`]: [`Error::Unauthorized`] for a refused key,
//! [`Error::Rpc`] when the method failed on the server (its [`RpcError::kind`] and
//! [`RpcError::detail`] name the exception, e.g. `ValidationError` and
//! `Possible statuses: paid, submitted`), and the other variants for HTTP, network and protocol
//! trouble. `Error` is `#[non_exhaustive]`: a `match` on it needs a wildcard arm.
//!
//! # Security
//!
//! The API key is sent in the `API-KEY` header of each request and nowhere else: it is never in
//! `Debug` output or error messages, redirects are not followed (they would carry the header
//! along), and plain `http://` is refused except to loopback unless
//! [`ClientBuilder::allow_insecure_http`] says otherwise. Responses are read up to
//! [`ClientBuilder::max_response_bytes`] and no further.
#![warn(missing_docs)]

mod answer;
mod batch;
mod call;
mod client;
mod error;
// Written by `cargo xtask codegen` and formatted by prettyplease, not rustfmt. It reaches the
// runtime through crate-private items (`Client::__request`, `Request::__arg`, `literal_serde!`).
#[rustfmt::skip]
mod generated;
mod http;
mod literal;
#[cfg(feature = "mock")]
pub mod mock;
mod request;
mod retry;
#[cfg(feature = "spec")]
pub mod spec;
#[cfg(test)]
mod tests;
mod tls;
mod trace;
mod transport;

// The loopback server the unit tests share with the integration tests names this crate
// `leadhit`, as code outside it does.
#[cfg(test)]
extern crate self as leadhit;

pub use batch::{Batch, BatchRequest};
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{Error, RpcError};
pub use generated::*;
pub use request::{RawParams, Request};
pub use retry::Retry;
