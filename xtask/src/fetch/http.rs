//! One page over HTTP, hardened for an untrusted network: a total timeout per attempt, retries
//! with backoff for transient failures only, a cap on the body, and redirects that never carry
//! the API key to another origin.

use anyhow::{bail, Context};
use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{redirect, Client, StatusCode, Url};
use std::fmt;
use std::time::Duration;

/// The environment variable holding the API key.
const API_KEY_ENV: &str = "LEADHIT_API_KEY";
/// The header LeadHit reads the key from.
const API_KEY_HEADER: &str = "API-KEY";

const TIMEOUT_ENV: &str = "LEADHIT_FETCH_TIMEOUT_SECS";
const RETRIES_ENV: &str = "LEADHIT_FETCH_RETRIES";
const BACKOFF_ENV: &str = "LEADHIT_FETCH_BACKOFF_MS";
const MAX_BYTES_ENV: &str = "LEADHIT_FETCH_MAX_BYTES";

/// Connecting takes at most this long (or the total timeout, if shorter): a host that never
/// answers the SYN should fail fast enough to be retried.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A `Retry-After` is honoured up to this long; a server asking for more gets this much.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);
/// Same-origin redirects followed before giving up.
const MAX_REDIRECTS: usize = 5;

/// The knobs, from the environment so tests can shrink them.
pub struct Settings {
    /// Covers one whole attempt: connecting, the response head and the body. A server that
    /// trickles bytes is cut off by it.
    timeout: Duration,
    /// Attempts after the first one, for transient failures only.
    retries: u32,
    /// The delay before the first retry; doubled for each later one.
    backoff: Duration,
    max_bytes: usize,
    api_key: Option<HeaderValue>,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let api_key = match std::env::var_os(API_KEY_ENV).filter(|k| !k.is_empty()) {
            None => None,
            Some(key) => {
                // The error must not quote the key: it would end up in a terminal or a CI log.
                let key = key.to_str().and_then(|k| HeaderValue::from_str(k).ok());
                let Some(mut key) = key else {
                    bail!("{API_KEY_ENV} is not a valid header value (it must be printable ASCII)");
                };
                // Keeps the value out of reqwest's and hyper's debug output.
                key.set_sensitive(true);
                Some(key)
            }
        };
        Ok(Settings {
            timeout: Duration::from_secs(env_number(TIMEOUT_ENV, 30)?.max(1)),
            retries: env_number(RETRIES_ENV, 2)?
                .try_into()
                .context(RETRIES_ENV)?,
            backoff: Duration::from_millis(env_number(BACKOFF_ENV, 200)?),
            max_bytes: env_number(MAX_BYTES_ENV, 8 << 20)?
                .try_into()
                .context(MAX_BYTES_ENV)?,
            api_key,
        })
    }
}

fn env_number(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Err(std::env::VarError::NotPresent) => Ok(default),
        Ok(text) if text.trim().is_empty() => Ok(default),
        Ok(text) => text
            .trim()
            .parse()
            .with_context(|| format!("{name}={text:?} is not a whole number")),
        Err(e) => Err(e).context(name.to_owned()),
    }
}

/// Why a page could not be had; shown as `HTTP 403 Forbidden: cause` or just `cause`.
#[derive(Debug)]
pub struct Failure {
    status: Option<StatusCode>,
    cause: String,
    retry: Retry,
}

/// Whether trying again could help, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Never,
    Backoff,
    /// The server said when (`Retry-After`), already capped.
    After(Duration),
}

impl Failure {
    fn new(status: Option<StatusCode>, cause: impl Into<String>, retry: Retry) -> Self {
        Failure {
            status,
            cause: cause.into(),
            retry,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status {
            // The canonical reason, not the server's: its text could hold anything.
            let reason = status.canonical_reason().unwrap_or("");
            write!(f, "HTTP {} {reason}: ", status.as_u16())?;
        }
        f.write_str(&self.cause)
    }
}

/// A client bound to one API root.
pub struct Fetcher {
    client: Client,
    settings: Settings,
}

impl Fetcher {
    pub fn new(base: &Url, settings: Settings) -> anyhow::Result<Self> {
        let client = Client::builder()
            .connect_timeout(CONNECT_TIMEOUT.min(settings.timeout))
            .redirect(same_origin_redirects(base))
            .user_agent(concat!("leadhit-codegen-xtask/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the HTTP client")?;
        Ok(Fetcher { client, settings })
    }

    /// GETs `url`, retrying transient failures with exponential backoff.
    pub async fn get(&self, url: &Url) -> Result<Vec<u8>, Failure> {
        let mut attempt = 0;
        loop {
            let result = tokio::time::timeout(self.settings.timeout, self.attempt(url))
                .await
                .unwrap_or_else(|_| {
                    Err(Failure::new(
                        None,
                        format!("timed out after {}s", self.settings.timeout.as_secs()),
                        Retry::Backoff,
                    ))
                });
            let mut failure = match result {
                Ok(body) => return Ok(body),
                Err(failure) => failure,
            };
            let delay = match failure.retry {
                Retry::Never => return Err(failure),
                Retry::Backoff => self.settings.backoff.saturating_mul(1 << attempt.min(16)),
                Retry::After(delay) => delay,
            };
            if attempt >= self.settings.retries {
                if attempt > 0 {
                    failure
                        .cause
                        .push_str(&format!(" (gave up after {} attempts)", attempt + 1));
                }
                return Err(failure);
            }
            attempt += 1;
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(&self, url: &Url) -> Result<Vec<u8>, Failure> {
        let mut request = self.client.get(url.clone());
        if let Some(key) = &self.settings.api_key {
            request = request.header(API_KEY_HEADER, key.clone());
        }
        let mut response = request.send().await.map_err(|e| self.request_failure(&e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(self.status_failure(status, response.headers()));
        }
        let max = self.settings.max_bytes;
        let too_big = || {
            Failure::new(
                Some(status),
                format!("the page is larger than the {max}-byte limit"),
                Retry::Never,
            )
        };
        // Content-Length is only a claim, so the loop below enforces the cap as well; checking
        // it first just saves downloading a body that is announced as too big.
        if response
            .content_length()
            .is_some_and(|len| len > max as u64)
        {
            return Err(too_big());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.request_failure(&e))?
        {
            if body.len() + chunk.len() > max {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn status_failure(&self, status: StatusCode, headers: &HeaderMap) -> Failure {
        let key = if self.settings.api_key.is_some() {
            format!("the server refused the API key in {API_KEY_ENV}")
        } else {
            format!("no API key was sent; set {API_KEY_ENV}")
        };
        let (cause, retry) = match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => (key, Retry::Never),
            StatusCode::NOT_FOUND => (
                "no such node here; check the name and --base-url".to_owned(),
                Retry::Never,
            ),
            StatusCode::TOO_MANY_REQUESTS => {
                let after = retry_after(headers).unwrap_or(self.settings.backoff);
                (
                    "the server is rate limiting".to_owned(),
                    Retry::After(after),
                )
            }
            s if s.is_server_error() => ("the server failed".to_owned(), Retry::Backoff),
            // The redirect policy follows or rejects every redirect that names a target, so a
            // redirect status reaching here has no usable `Location`.
            s if s.is_redirection() => (
                "a redirect without a usable Location".to_owned(),
                Retry::Never,
            ),
            _ => ("the server rejected the request".to_owned(), Retry::Never),
        };
        Failure::new(Some(status), cause, retry)
    }

    /// Turns reqwest's nested error into one short cause that says what kind of failure it was.
    fn request_failure(&self, error: &reqwest::Error) -> Failure {
        use std::io::ErrorKind;
        // The innermost error says what actually happened ("Connection refused", "invalid
        // peer certificate"); the outer ones only repeat where it happened.
        let innermost = error_chain(error)
            .last()
            .map_or(String::new(), ToString::to_string);
        let io_kinds = io_kinds(error);
        let https = error.url().is_some_and(|u| u.scheme() == "https");
        let (cause, retry) = if error.is_redirect() {
            (innermost, Retry::Never)
        } else if error.is_timeout() {
            (format!("connecting timed out: {innermost}"), Retry::Backoff)
        } else if error.is_dns() {
            let host = error.url().and_then(Url::host_str).unwrap_or("the host");
            (
                format!("DNS lookup for {host} failed: {innermost}"),
                Retry::Backoff,
            )
        } else if io_kinds.contains(&ErrorKind::ConnectionRefused) {
            ("connection refused".to_owned(), Retry::Backoff)
        } else if error.is_connect() && https && io_kinds.contains(&ErrorKind::InvalidData) {
            // rustls reports a failed handshake as invalid data: a plain-HTTP server, a bad
            // certificate, an intercepting proxy. None of these goes away on a retry.
            (format!("TLS handshake failed: {innermost}"), Retry::Never)
        } else if error.is_connect() {
            (format!("could not connect: {innermost}"), Retry::Backoff)
        } else if error.is_body() || error.is_decode() {
            (
                format!("the response body was cut short: {innermost}"),
                Retry::Backoff,
            )
        } else {
            (innermost, Retry::Backoff)
        };
        Failure::new(error.status(), cause, retry)
    }
}

fn error_chain<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |&e| e.source())
}

/// The kinds of every I/O error in the chain, including those nested inside another
/// `io::Error` (whose `source()` skips the inner one): hyper wraps rustls's `InvalidData` in
/// an `Other`.
fn io_kinds(error: &reqwest::Error) -> Vec<std::io::ErrorKind> {
    let mut kinds = Vec::new();
    for e in error_chain(error) {
        let mut io = e.downcast_ref::<std::io::Error>();
        while let Some(inner) = io {
            kinds.push(inner.kind());
            io = inner
                .get_ref()
                .and_then(|e| e.downcast_ref::<std::io::Error>());
        }
    }
    kinds
}

/// A `Retry-After` given in seconds, capped; the HTTP-date form is not worth a date parser
/// here, and falls back to the normal backoff.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

/// Follows redirects only within the base URL's origin (scheme, host and port). reqwest
/// re-sends custom headers such as `API-KEY` on every hop and strips only the standard
/// credential headers on cross-host hops, so leaving the origin is refused outright: the key
/// must never reach a host the user did not name.
fn same_origin_redirects(base: &Url) -> redirect::Policy {
    let origin = base.origin();
    redirect::Policy::custom(move |attempt| {
        let next = attempt.url();
        if next.origin() != origin {
            let message = format!(
                "redirected to another origin ({next}); not followed, so the API key is not sent there (if that is the API's new home, pass it as --base-url)"
            );
            attempt.error(message)
        } else if attempt.previous().contains(next) {
            let message = format!("redirect loop: {next} was already visited");
            attempt.error(message)
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            attempt.follow()
        }
    })
}
