//! A client whose HTTP requests go through a `reqwest-middleware` stack: `reqwest-tracing` for
//! a span per HTTP request and `reqwest-retry` for retries, with the crate's own retries off.
//!
//! ```text
//! LEADHIT_API_KEY=... cargo run -p leadhit --features middleware --example middleware
//! ```
//!
//! `reqwest-retry`'s default strategy retries timeouts, every 5xx and answers cut off half way:
//! after each of those the server may have run the method, and a JSON-RPC call such as
//! `set_order_status` is not safe to run twice. [`OnlyUnsent`] retries only what cannot have
//! run, as `leadhit::Retry::default()` does.

use std::time::Duration;

use reqwest_middleware::ClientBuilder as MiddlewareBuilder;
use reqwest_retry::policies::ExponentialBackoff;
use reqwest_retry::{RetryTransientMiddleware, Retryable, RetryableStrategy};
use reqwest_tracing::TracingMiddleware;

/// Retries a request only if it never reached the server's method: the connection could not
/// be made, or the server answered 429 or 503.
pub struct OnlyUnsent;

impl RetryableStrategy for OnlyUnsent {
    fn handle(
        &self,
        outcome: &Result<reqwest::Response, reqwest_middleware::Error>,
    ) -> Option<Retryable> {
        match outcome {
            Ok(response) if matches!(response.status().as_u16(), 429 | 503) => {
                Some(Retryable::Transient)
            }
            Ok(_) => None,
            Err(reqwest_middleware::Error::Reqwest(error)) if error.is_connect() => {
                Some(Retryable::Transient)
            }
            Err(_) => Some(Retryable::Fatal),
        }
    }
}

/// A `leadhit::Client` for `base_url` whose requests run through tracing and safe retries.
pub fn client(base_url: &str, api_key: &str) -> Result<leadhit::Client, leadhit::Error> {
    let http = reqwest::Client::builder()
        // The API key must not follow a redirect (see `ClientBuilder::http_client`).
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| leadhit::Error::InvalidRequest(error.to_string()))?;
    let backoff = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(50), Duration::from_secs(2))
        .build_with_max_retries(3);
    let with_middleware = MiddlewareBuilder::new(http)
        .with(TracingMiddleware::default())
        .with(RetryTransientMiddleware::new_with_policy_and_strategy(
            backoff, OnlyUnsent,
        ))
        .build();
    leadhit::Client::builder()
        .base_url(base_url)
        .api_key(api_key)
        .middleware_client(with_middleware)
        // The middleware retries: retrying here as well would multiply the attempts.
        .retry(leadhit::Retry::never())
        .build()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("LEADHIT_API_KEY")
        .map_err(|_| "set LEADHIT_API_KEY to the API key a LeadHit manager issued")?;
    let base_url =
        std::env::var("LEADHIT_BASE_URL").unwrap_or_else(|_| leadhit::DEFAULT_BASE_URL.into());
    let client = client(&base_url, &api_key)?;
    let answer = client
        .orders()
        .set_order_status("f168148717", "paid")
        .await?;
    println!("{answer:?}");
    Ok(())
}
