//! `Client` and `ClientBuilder`: the configuration, checked once and shared by every call.

use std::net::IpAddr;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Url;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::batch::{Batch, BatchRequest};
use crate::call::Call;
use crate::error::{redact_url, REDACTED_URL_PART};
use crate::http::Http;
use crate::request::{Params, RawParams, Request};
use crate::transport;
use crate::{Error, Retry};

/// Where the LeadHit API lives; every node is a folder under it.
pub const DEFAULT_BASE_URL: &str = "https://service.leadhit.ru/api/v1/";

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
const DEFAULT_MAX_BATCH_SIZE: usize = 100;
const DEFAULT_USER_AGENT: &str = concat!("leadhit/", env!("CARGO_PKG_VERSION"));
/// What `Debug` prints instead of the API key.
const REDACTED: &str = "<redacted>";

/// A client for the LeadHit API.
///
/// Cheap to clone (the state is shared behind an `Arc`) and safe to use from many tasks at once.
/// Calls made one after another reuse the same connection.
///
/// ```no_run
/// # async fn run() -> Result<(), leadhit::Error> {
/// let client = leadhit::Client::builder()
///     .api_key(std::env::var("LEADHIT_API_KEY").unwrap_or_default())
///     .timeout(std::time::Duration::from_secs(10))
///     .build()?;
/// let answer: serde_json::Value = client
///     .call(
///         "orders",
///         "set_order_status",
///         serde_json::json!({"order_id": "f168148717", "status": "paid"}),
///     )
///     .await?;
/// println!("{answer}");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// The state every clone of a [`Client`] shares.
pub(crate) struct Inner {
    pub(crate) http: Http,
    /// Parsed, `http` or `https`, and ending with `/`, so a node is one path segment under it.
    pub(crate) base_url: Url,
    /// The URL of every node of the generated API, sorted by node name: made once here rather
    /// than joined onto `base_url` for every call.
    node_urls: Box<[(&'static str, Url)]>,
    /// `Err` only for a client made by [`Client::new`], which must not fail on a bad key: the
    /// problem is then reported by every call instead.
    pub(crate) api_key: Result<HeaderValue, &'static str>,
    /// The JSON-RPC `id` of the next request. Ids only need to tell answers apart; a counter
    /// shared by all clones does that without coordination.
    pub(crate) next_id: AtomicU64,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_batch_size: usize,
    /// For a whole call, retries included; a request's `with_timeout` overrides it.
    pub(crate) timeout: Duration,
    pub(crate) retry: Retry,
    /// `None` when the injected HTTP client sets its own.
    user_agent: Option<String>,
}

impl Inner {
    /// `<base_url><node>/`: the generated API's nodes from the table, any other name joined.
    pub(crate) fn node_url(&self, node: &str) -> Result<Url, Error> {
        match self
            .node_urls
            .binary_search_by(|(name, _)| (*name).cmp(node))
        {
            Ok(at) => Ok(self.node_urls[at].1.clone()),
            Err(_) => transport::node_url(&self.base_url, node),
        }
    }
}

/// Every node the generated API has, with its URL under `base_url`.
fn node_urls(base_url: &Url) -> Box<[(&'static str, Url)]> {
    let mut urls: Vec<_> = crate::generated::NODE_NAMES
        .iter()
        .filter_map(|&name| Some((name, transport::node_url(base_url, name).ok()?)))
        .collect();
    urls.sort_unstable_by_key(|(name, _)| *name);
    urls.into_boxed_slice()
}

impl Client {
    /// A client for the LeadHit API at [`DEFAULT_BASE_URL`] with a 30 s timeout.
    ///
    /// A key that cannot be sent (empty, or with characters not allowed in an HTTP header) does
    /// not make this fail: every call then returns [`Error::InvalidRequest`]. Use
    /// [`Client::builder`] to get that error up front, or to change the base URL or limits.
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot be initialised, like `reqwest::Client::new`.
    pub fn new(api_key: impl Into<String>) -> Client {
        match ClientBuilder::new()
            .api_key(api_key)
            .finish(KeyCheck::Deferred)
        {
            Ok(client) => client,
            Err(error) => panic!("leadhit::Client::new could not set up HTTP: {error}"),
        }
    }

    /// A builder to configure the base URL, API key, timeout and limits.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// Calls `method` on `node` with any params and deserializes the `result` into `R`.
    ///
    /// `params` must serialise to a JSON array (positional params) or object (named params), or
    /// to `null` (e.g. `()`) to send none. Anything else is an [`Error::InvalidRequest`], and
    /// nothing is sent. This is the escape hatch for methods the generated API lacks or types
    /// wrongly; prefer the generated methods.
    pub async fn call<R: DeserializeOwned>(
        &self,
        node: &str,
        method: &str,
        params: impl Serialize,
    ) -> Result<R, Error> {
        let params = Params::raw(serde_json::to_value(params));
        transport::post(&self.inner, Call::new(node, method, params))
            .await?
            .decode()
    }

    /// What [`call`](Self::call) sends, as a [`Request`]: to give an untyped call per-call
    /// options (`with_timeout`, ...) or to put it in a [`batch`](Self::batch).
    ///
    /// ```no_run
    /// # async fn run(client: leadhit::Client) -> Result<(), leadhit::Error> {
    /// let params = serde_json::json!({"order_id": "f168148717", "status": "paid"});
    /// let answer: serde_json::Value = client
    ///     .request("orders", "set_order_status", params)
    ///     .with_timeout(std::time::Duration::from_secs(5))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn request<R>(
        &self,
        node: &'static str,
        method: &'static str,
        params: impl Serialize,
    ) -> Request<'_, R, RawParams> {
        Request::new(self, node, method).params(params)
    }

    /// Sends several calls as one JSON-RPC 2.0 batch: a tuple of up to 12 requests, each with
    /// its own result type, or a `Vec` of requests of one type. Each call gets its own `Result`,
    /// in the order given:
    ///
    /// ```no_run
    /// # async fn run(client: leadhit::Client) -> Result<(), leadhit::Error> {
    /// let orders = client.orders();
    /// let (paid, bad) = client
    ///     .batch((
    ///         orders.set_order_status("f168148717", "paid"),
    ///         orders.set_order_status("f168148718", "lost"),
    ///     ))
    ///     .await?;
    /// let all: Vec<Result<leadhit::StatusChange, leadhit::Error>> = client
    ///     .batch(vec![
    ///         orders.set_order_status("f1", "paid"),
    ///         orders.set_order_status("f2", "paid"),
    ///     ])
    ///     .with_timeout(std::time::Duration::from_secs(5))
    ///     .await?;
    /// # let _ = (paid, bad, all);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// Answers are matched to calls by id, not by position. A call the method failed for is an
    /// [`Error::Rpc`] in its own place and leaves the others alone; a call the answer has no
    /// response for, or several, is an [`Error::Decode`] in its place. The outer `Err` is for
    /// the batch as a whole: a transport failure, HTTP 403 or another status, an answer that
    /// is not a JSON array (or is over [`ClientBuilder::max_response_bytes`]). An empty batch,
    /// one over [`ClientBuilder::max_batch_size`], a request made by another client or with
    /// per-call options (set them on the batch instead) are [`Error::InvalidRequest`], and
    /// nothing is sent. A batch is retried as a whole, under the rules of a single call.
    ///
    /// A JSON-RPC batch goes to one URL, so the calls to each node are sent as one batch of
    /// their own, all at the same time. If one node's request fails as a whole, that error is
    /// the batch's, although calls to other nodes may have run: keep calls that must not be
    /// lost in a batch to one node.
    pub fn batch<'a, B: Batch<'a>>(&'a self, batch: B) -> BatchRequest<'a, B> {
        BatchRequest::new(self, batch)
    }

    /// Starts a request for the generated API. Crate-private: the generated methods are the only
    /// callers, so users cannot build a request the typed API does not describe. A call from
    /// outside the crate does not compile:
    ///
    /// ```compile_fail,E0624
    /// let client = leadhit::Client::new("key");
    /// let request = client.__request::<serde_json::Value, ()>("orders", "anything");
    /// ```
    // A generated API without methods (the `empty` fixture) never calls it. The allow keeps it,
    // and so what it calls (`Request::new`), counted as used: the runtime must build without
    // warnings for every API.
    #[allow(dead_code)]
    pub(crate) fn __request<T, M>(
        &self,
        node: &'static str,
        method: &'static str,
    ) -> Request<'_, T, M> {
        Request::new(self, node, method)
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &shown_url(&inner.base_url))
            .field("api_key", &RedactedKey(true))
            .field("timeout", &inner.timeout)
            .field("max_response_bytes", &inner.max_response_bytes)
            .field("max_batch_size", &inner.max_batch_size)
            .field("retry", &inner.retry)
            .field("user_agent", &inner.user_agent)
            .field("http_client", &inner.http.kind())
            .finish()
    }
}

/// Configures a [`Client`]; made by [`Client::builder`].
///
/// Nothing is checked until [`build`](Self::build), which reports the first problem found.
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<String>,
    timeout: Duration,
    allow_insecure_http: bool,
    max_response_bytes: usize,
    max_batch_size: usize,
    retry: Retry,
    user_agent: Option<String>,
    http: Option<Http>,
}

/// Whether a bad API key fails [`ClientBuilder::finish`] or each call (see [`Client::new`]).
#[derive(Clone, Copy, PartialEq)]
enum KeyCheck {
    Now,
    Deferred,
}

impl ClientBuilder {
    fn new() -> ClientBuilder {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            timeout: DEFAULT_TIMEOUT,
            allow_insecure_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_batch_size: DEFAULT_MAX_BATCH_SIZE,
            retry: Retry::default(),
            user_agent: None,
            http: None,
        }
    }

    /// The API root, e.g. `http://127.0.0.1:8000/api/v1/` (default [`DEFAULT_BASE_URL`]). A
    /// missing trailing `/` is added; it must be `http` or `https`, with no query or fragment.
    pub fn base_url(mut self, base_url: impl Into<String>) -> ClientBuilder {
        self.base_url = base_url.into();
        self
    }

    /// The API key a LeadHit manager issued; sent in the `API-KEY` header of every request and
    /// never printed. Required.
    pub fn api_key(mut self, api_key: impl Into<String>) -> ClientBuilder {
        self.api_key = Some(api_key.into());
        self
    }

    /// The limit for a whole call, from connecting to the last byte of the answer, retries
    /// included (default 30 s). It applies to each request on top of any timeout an injected
    /// HTTP client has; [`Request::with_timeout`] sets it for one call.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// Allows a plain `http://` base URL on a host other than loopback (default `false`).
    ///
    /// Without it, [`build`](Self::build) refuses such a URL, because the API key would cross
    /// the network unencrypted. Loopback (`127.0.0.0/8`, `::1`, `localhost`) is always allowed.
    pub fn allow_insecure_http(mut self, allow: bool) -> ClientBuilder {
        self.allow_insecure_http = allow;
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB). A larger answer is an
    /// error, and the client stops reading at the limit rather than buffering it.
    pub fn max_response_bytes(mut self, max: usize) -> ClientBuilder {
        self.max_response_bytes = max;
        self
    }

    /// The `User-Agent` header (default `leadhit/<version>`). With an injected HTTP client, set
    /// it on that client instead: [`build`](Self::build) refuses both.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The largest batch [`Client::batch`] sends, in calls (default 100); a larger one is
    /// [`Error::InvalidRequest`] and is not sent.
    pub fn max_batch_size(mut self, max: usize) -> ClientBuilder {
        self.max_batch_size = max;
        self
    }

    /// Which failed calls are sent again (default [`Retry::default`]: only those that cannot
    /// have run). [`Retry::never`] turns retries off, as it should be when the HTTP client's
    /// middleware retries on its own.
    pub fn retry(mut self, retry: Retry) -> ClientBuilder {
        self.retry = retry;
        self
    }

    /// Sends every call through `client`, as configured: its proxy, root certificates, TLS,
    /// connection pool, default headers and user agent apply. `API-KEY` and `Content-Type` are
    /// still set on each request, the [`timeout`](Self::timeout) still bounds each call, and
    /// plain `http://` to a remote host is still refused.
    ///
    /// **Build it with `.redirect(reqwest::redirect::Policy::none())`.** `reqwest` follows
    /// redirects by default and carries the `API-KEY` header along (it strips only its standard
    /// credential headers). A followed redirect is detected afterwards: the call fails with
    /// [`Error::Redirected`] and is not retried, but the key has already gone there.
    ///
    /// ```
    /// # fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let http = reqwest::Client::builder()
    ///     .user_agent("my-shop/1.0")
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = leadhit::Client::builder()
    ///     .api_key("key")
    ///     .http_client(http)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> ClientBuilder {
        self.http = Some(Http::Injected(client));
        self
    }

    /// Sends every call, batches included, through `client` and its middleware stack (feature
    /// `middleware`); what [`http_client`](Self::http_client) says applies too. If a middleware
    /// retries, set [`retry(Retry::never())`](Self::retry) so nothing is retried twice over,
    /// and make it retry only what cannot have run: a JSON-RPC call is not idempotent.
    #[cfg(feature = "middleware")]
    pub fn middleware_client(
        mut self,
        client: reqwest_middleware::ClientWithMiddleware,
    ) -> ClientBuilder {
        self.http = Some(Http::Middleware(client));
        self
    }

    /// Checks the configuration and makes the client.
    ///
    /// Fails with [`Error::InvalidRequest`] for a base URL that does not parse, is not
    /// `http`/`https` or is plain `http` to a remote host (see
    /// [`allow_insecure_http`](Self::allow_insecure_http)), for a missing, empty or unsendable
    /// API key, an unsendable user agent or one set beside an injected HTTP client; with [`Error::Transport`] if the TLS backend cannot
    /// be initialised.
    pub fn build(self) -> Result<Client, Error> {
        self.finish(KeyCheck::Now)
    }

    fn finish(self, key_check: KeyCheck) -> Result<Client, Error> {
        let base_url = parse_base_url(&self.base_url)?;
        if base_url.scheme() == "http" && !self.allow_insecure_http && !is_loopback(&base_url) {
            return Err(Error::InvalidRequest(format!(
                "refusing to send the API key unencrypted to {}: use an https:// base URL, or \
                 call .allow_insecure_http(true) if the network is trusted",
                base_url.host_str().unwrap_or_default()
            )));
        }
        let api_key = api_key_header(self.api_key.as_deref());
        if let (Err(problem), KeyCheck::Now) = (&api_key, key_check) {
            return Err(Error::InvalidRequest((*problem).to_owned()));
        }
        let http =
            match self.http {
                Some(_) if self.user_agent.is_some() => return Err(Error::InvalidRequest(
                    "a user agent is set beside an injected HTTP client: set it on that client \
                     (reqwest::Client::builder().user_agent(...))"
                        .to_owned(),
                )),
                Some(http) => http,
                None => own_http(
                    self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT),
                    &base_url,
                    api_key.as_ref().ok(),
                    self.timeout,
                )?,
            };
        let user_agent = match http {
            Http::Own(_) => Some(
                self.user_agent
                    .unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned()),
            ),
            _ => None,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                node_urls: node_urls(&base_url),
                base_url,
                api_key,
                next_id: AtomicU64::new(1),
                max_response_bytes: self.max_response_bytes,
                max_batch_size: self.max_batch_size,
                timeout: self.timeout,
                retry: self.retry,
                user_agent,
            }),
        })
    }
}

/// The HTTP client the crate builds when none is given.
fn own_http(
    user_agent: &str,
    base_url: &Url,
    api_key: Option<&HeaderValue>,
    timeout: Duration,
) -> Result<Http, Error> {
    let user_agent = HeaderValue::from_str(user_agent).map_err(|_| {
        Error::InvalidRequest(
            "the user agent contains characters not allowed in an HTTP header".to_owned(),
        )
    })?;
    let mut builder = crate::tls::http_builder()?
        .user_agent(user_agent)
        // A redirect would carry the `API-KEY` header to wherever it points (reqwest strips
        // only the standard credential headers), and JSON-RPC endpoints have no reason to
        // redirect: a 3xx is reported as `Error::Http` instead.
        .redirect(reqwest::redirect::Policy::none())
        // Set here once instead of on every request (`transport` sets them per request only
        // for a client it did not build). Without a key, no call is sent at all.
        .timeout(timeout);
    if let Some(api_key) = api_key {
        builder = builder.default_headers(transport::fixed_headers(api_key.clone()));
    }
    // Each setting below only removes per-request work that cannot matter for this client
    // (BENCHMARKS.md, "The client against its peers", has the cost of each).
    let plain_http = base_url.scheme() == "http";
    if plain_http {
        // Over plain http reqwest speaks HTTP/1.1 only (it never assumes HTTP/2 without TLS);
        // saying so spares each request the connection pool's HTTP/2 paths.
        builder = builder.http1_only();
    }
    if plain_http || !cfg!(feature = "http2") {
        // reqwest's own retry policy resends only requests an HTTP/2 server refused unread
        // (REFUSED_STREAM, a graceful GOAWAY), and copies every request in case it must. Without
        // HTTP/2 there is nothing for it to resend; `Retry` does the rest. (`never()` alone
        // still copies each request once: no retries at all is what stops the copy.)
        builder = builder.retry(reqwest::retry::never().max_retries_per_request(0));
    }
    if !system_proxy_possible() {
        // With no proxy configured, reqwest still asks its system-proxy matcher about every
        // request (twice); turning it off changes nothing else.
        builder = builder.no_proxy();
    }
    let client = builder.build().map_err(Error::transport)?;
    Ok(Http::Own(client))
}

/// Whether reqwest's system proxy lookup could find a proxy: one of the environment variables
/// it reads is set, or the platform has proxy settings of its own (macOS, Windows).
fn system_proxy_possible() -> bool {
    const VARIABLES: [&str; 6] = [
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
    ];
    cfg!(any(target_os = "macos", windows))
        || VARIABLES
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

impl Default for ClientBuilder {
    fn default() -> ClientBuilder {
        ClientBuilder::new()
    }
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &redact_url_text(&self.base_url))
            .field("api_key", &RedactedKey(self.api_key.is_some()))
            .field("timeout", &self.timeout)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_batch_size", &self.max_batch_size)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("http_client", &self.http.as_ref().map(Http::kind))
            .finish()
    }
}

/// Debug-prints as `"<redacted>"` for a key that is set and `None` for one that is not: whether
/// there is a key helps debugging, the key itself must never be printed.
struct RedactedKey(bool);

impl std::fmt::Debug for RedactedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 {
            std::fmt::Debug::fmt(REDACTED, f)
        } else {
            f.write_str("None")
        }
    }
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let invalid = |why: String| {
        Error::InvalidRequest(format!("bad base URL {:?}: {why}", redact_url_text(text)))
    };
    let mut url = Url::parse(text.trim()).map_err(|error| invalid(error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "the scheme must be http or https, not {}",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host".to_owned()));
    }
    // Node URLs are made by appending path segments; a query or fragment would end up in the
    // wrong place, so it is refused rather than silently moved.
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment".to_owned()));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    // IPv6 hosts come bracketed (`[::1]`).
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost") || host.eq_ignore_ascii_case("localhost."),
    }
}

fn api_key_header(api_key: Option<&str>) -> Result<HeaderValue, &'static str> {
    // The messages describe the problem without quoting the key, which must never reach logs.
    let api_key = api_key.ok_or("no API key: call Client::builder().api_key(...)")?;
    if api_key.is_empty() {
        return Err("the API key is empty");
    }
    let mut header = HeaderValue::from_str(api_key).map_err(|_| {
        "the API key contains characters not allowed in an HTTP header (a trailing newline?)"
    })?;
    // Keeps the value out of HTTP/2 header compression tables and hyper's debug output.
    header.set_sensitive(true);
    Ok(header)
}

/// The base URL for `Debug`, with any credentials in it hidden like the API key.
pub(crate) fn shown_url(url: &Url) -> String {
    let mut url = url.clone();
    redact_url(&mut url);
    url.to_string()
}

/// Base URL text as given (it may not parse) with anything that could be credentials hidden:
/// whatever stands before an `@` in the authority, that is before the first `/`, `?` or `#`
/// after the scheme's `://` (or from the start, when there is no `://`).
fn redact_url_text(text: &str) -> std::borrow::Cow<'_, str> {
    let start = text.find("://").map_or(0, |i| i + 3);
    let authority_len = text[start..]
        .find(['/', '?', '#'])
        .unwrap_or(text.len() - start);
    match text[start..start + authority_len].rfind('@') {
        Some(at) => std::borrow::Cow::Owned(format!(
            "{}{REDACTED_URL_PART}{}",
            &text[..start],
            &text[start + at..]
        )),
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_node_url_table_gives_what_joining_gives() {
        let client = Client::builder()
            .base_url("https://example.test/api/v1")
            .api_key("key")
            .build()
            .unwrap();
        let inner = &client.inner;
        assert_eq!(inner.node_urls.len(), crate::generated::NODE_NAMES.len());
        for name in crate::generated::NODE_NAMES {
            let joined = transport::node_url(&inner.base_url, name).unwrap();
            assert_eq!(inner.node_url(name).unwrap(), joined);
        }
        // A node the generated API lacks (`Client::call`) is joined on the spot.
        assert_eq!(
            inner.node_url("elsewhere").unwrap().as_str(),
            "https://example.test/api/v1/elsewhere/"
        );
        assert!(inner.node_url("..").is_err());
    }

    #[test]
    fn base_urls_are_normalised_to_end_with_a_slash() {
        let url = parse_base_url("http://127.0.0.1:8000/api/v1").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8000/api/v1/");
        let url = parse_base_url("https://service.leadhit.ru/api/v1/").unwrap();
        assert_eq!(url.as_str(), DEFAULT_BASE_URL);
        let url = parse_base_url("https://example.com").unwrap();
        assert_eq!(url.as_str(), "https://example.com/");
    }

    #[test]
    fn bad_base_urls_are_refused() {
        for text in [
            "",
            "service.leadhit.ru/api/v1/",
            "ftp://example.com/",
            "file:///etc/",
            "https://example.com/api/?x=1",
            "https://example.com/api/#top",
        ] {
            assert!(
                matches!(parse_base_url(text), Err(Error::InvalidRequest(_))),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for (text, loopback) in [
            ("http://127.0.0.1/", true),
            ("http://127.200.3.4:81/", true),
            ("http://[::1]:8000/", true),
            ("http://localhost:8000/", true),
            ("http://LOCALHOST/", true),
            ("http://128.0.0.1/", false),
            ("http://[::2]/", false),
            ("http://localhost.example.com/", false),
            ("http://example.com/", false),
        ] {
            assert_eq!(is_loopback(&Url::parse(text).unwrap()), loopback, "{text}");
        }
    }

    #[test]
    fn credentials_in_the_base_url_are_hidden() {
        let url = Url::parse("https://user:hunter2@example.com/api/").unwrap();
        assert_eq!(
            shown_url(&url),
            "https://redacted:redacted@example.com/api/"
        );
        for (text, shown) in [
            (
                "https://user:hunter2@example.com/api/",
                "https://redacted@example.com/api/",
            ),
            ("user:hunter2@example.com", "redacted@example.com"),
            (
                "ftp://a@b@example.com?x@y",
                "ftp://redacted@example.com?x@y",
            ),
            ("https://example.com/a@b", "https://example.com/a@b"),
            ("", ""),
        ] {
            assert_eq!(redact_url_text(text), shown, "{text}");
        }
    }
}
