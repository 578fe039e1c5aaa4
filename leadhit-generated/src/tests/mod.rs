//! Unit tests that need the loopback server: requests built the way generated methods build
//! them, through the crate-private `Client::__request` and `Request::__arg`, which the
//! integration tests in `tests/` cannot reach.
//!
//! The server is the integration tests' own, compiled in here by path rather than copied, so
//! both kinds of test check the client against the same recording of the wire.

#[path = "../../tests/support/mod.rs"]
mod support;

mod batches;
mod requests;
