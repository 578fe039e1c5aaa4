//! Tracing (feature `tracing`): one span per call or per batch request, one event per retry.
//!
//! Spans carry where the call went and how it ended, never what it carried: no API key, no
//! params, no results, no headers (customers' personal data travels in params and results).
//! Without the feature every function here is empty and compiles away.

use std::time::{Duration, Instant};

use crate::Error;

/// The span of one call or one batch request to one node.
pub(crate) struct Span {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    started: Instant,
}

impl Span {
    /// A span for the call with JSON-RPC `id`, or for a batch of `batch_size` calls with ids
    /// `id..id + batch_size` (`method` is then `"batch"`).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(node: &str, method: &str, id: u64, batch_size: Option<usize>) -> Span {
        Span {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "leadhit.call",
                node = %crate::error::inert(node),
                method = %crate::error::inert(method),
                id,
                batch_size,
                attempt = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
                outcome = tracing::field::Empty,
                http_status = tracing::field::Empty,
                rpc_code = tracing::field::Empty,
                rpc_kind = tracing::field::Empty,
                entry_errors = tracing::field::Empty,
            ),
            started: Instant::now(),
        }
    }

    /// When the span started: the call's timeout counts from here.
    pub(crate) fn started(&self) -> Instant {
        self.started
    }

    /// Attempt `attempt` (from 1) is about to be sent.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn attempt(&self, attempt: u32) {
        #[cfg(feature = "tracing")]
        self.span.record("attempt", attempt);
    }

    /// Attempt `attempt` failed with `error` and is retried after `wait`.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn retry(&self, attempt: u32, error: &Error, wait: Duration) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| {
            tracing::warn!(
                attempt,
                error = error.kind_name(),
                http_status = http_status(error),
                wait_ms = wait.as_millis() as u64,
                "leadhit: retrying a call that cannot have run"
            );
        });
    }

    /// Records how the call (or the batch request) ended; `entry_errors` counts the entries of
    /// a batch that failed on their own.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn finish(&self, outcome: Result<usize, &Error>) {
        #[cfg(feature = "tracing")]
        {
            let span = &self.span;
            span.record("elapsed_ms", self.started.elapsed().as_millis() as u64);
            match outcome {
                Ok(entry_errors) => {
                    span.record("outcome", "ok");
                    if entry_errors > 0 {
                        span.record("entry_errors", entry_errors);
                    }
                }
                Err(error) => {
                    span.record("outcome", error.kind_name());
                    if let Some(status) = http_status(error) {
                        span.record("http_status", status);
                    }
                    if let Error::Rpc(rpc) = error {
                        span.record("rpc_code", rpc.code);
                        if let Some(kind) = rpc.kind() {
                            span.record("rpc_kind", crate::error::inert(kind).as_ref());
                        }
                    }
                }
            }
        }
    }

    /// Runs `future` inside the span.
    pub(crate) async fn run<F: std::future::Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            future.instrument(self.span.clone()).await
        }
        #[cfg(not(feature = "tracing"))]
        future.await
    }
}

#[cfg(feature = "tracing")]
fn http_status(error: &Error) -> Option<u16> {
    match error {
        Error::Http { status, .. } => Some(*status),
        _ => None,
    }
}
