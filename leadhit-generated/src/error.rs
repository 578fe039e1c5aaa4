//! The one error type every call returns, and the truncation that keeps bodies in it small.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// How much of a response body an error keeps. Enough to recognise an HTML error page or a
/// proxy's message; small enough to log.
pub(crate) const KEPT_BODY_BYTES: usize = 2 * 1024;

/// How much of the kept body `Display` shows: a log line, not a page.
const SHOWN_BODY_CHARS: usize = 200;

/// Everything that can go wrong with a call.
///
/// `Display` says what happened and what to check; [`std::error::Error::source`] gives the
/// underlying `reqwest` or `serde_json` error where there is one. No variant ever holds the API
/// key.
///
/// New kinds of failure may become new variants, so a `match` needs a wildcard arm. `Http`,
/// `Transport`, `Redirected` and `Decode` are made only by the client (their patterns need
/// `..`), which keeps each `body` to the truncated start of a response and leaves room for more
/// fields. `Http` and `Transport` say how many `attempts` were made: more than one when
/// [`Retry`](crate::Retry) sent the call again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HTTP 403: the server refused the API key (missing or wrong).
    #[error(
        "the server refused the API key (HTTP 403): check the key passed to \
         Client::builder().api_key(...)"
    )]
    Unauthorized,

    /// The server answered with a JSON-RPC error object (over HTTP 200): the method ran, or was
    /// looked up, and failed.
    #[error("{0}")]
    Rpc(RpcError),

    /// Any other HTTP status that is not 2xx; `body` is the start of the answer (truncated).
    #[error(
        "the server answered HTTP {status}{hint}; body: {shown}{note}",
        hint = http_hint(*.status),
        shown = shown(.body),
        note = attempts_note(*.attempts)
    )]
    #[non_exhaustive]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The response body, truncated to about 2 KiB on a character boundary.
        body: String,
        /// How many times the request was sent, retries included (see [`Retry`](crate::Retry)).
        attempts: u32,
    },

    /// The request never got an HTTP answer, or lost it half way: connect, TLS or timeout
    /// failure, or a connection dropped while the answer was being read.
    #[error("{}{}", transport_message(.source), attempts_note(*.attempts))]
    #[non_exhaustive]
    Transport {
        /// What `reqwest` reported; its `is_connect()` and `is_timeout()` tell the cases apart.
        source: reqwest::Error,
        /// How many attempts were made, retries included (see [`Retry`](crate::Retry)).
        attempts: u32,
    },

    /// The HTTP client followed a redirect. The client this crate builds never does; an injected
    /// client ([`ClientBuilder::http_client`](crate::ClientBuilder::http_client)) may, and then
    /// the request, `API-KEY` header included, has already been sent to `location` as well. The
    /// answer from there is not trusted, and the call is never retried.
    #[error(
        "the HTTP client followed a redirect to {}, so the API key was sent there too: build the \
         injected client with .redirect(reqwest::redirect::Policy::none())",
        inert(.location)
    )]
    #[non_exhaustive]
    Redirected {
        /// Where the redirect led (credentials in it replaced).
        location: String,
    },

    /// A middleware of the client given to `ClientBuilder::middleware_client` (feature
    /// `middleware`) failed the request; `Display` shows its message.
    #[error("a middleware of the HTTP client failed: {0}")]
    Middleware(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// A 2xx answer that is not the expected JSON-RPC response (not JSON, wrong `id` or version,
    /// a batch, too large, or a `result` that does not fit the expected type).
    #[error(
        "the server's answer is not the expected JSON-RPC response: {source}; body: {shown}",
        shown = shown(.body)
    )]
    #[non_exhaustive]
    Decode {
        /// The response body, truncated to about 2 KiB on a character boundary.
        body: String,
        /// What did not fit. For checks that are not about JSON syntax or types (such as a wrong
        /// `id`) this is a custom `serde_json` error carrying the explanation.
        source: serde_json::Error,
    },

    /// The request was not sent because it could not be: a bad base URL or API key, params that
    /// are not a list or an object, a param that failed to serialise, ...
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// A `Transport` error, with any credentials in its URL replaced first: `reqwest` prints the
    /// URL in both `Display` and `Debug`, and a base URL may carry `user:password@`. (Today
    /// `reqwest` moves those into an `Authorization` header before sending, so its errors carry
    /// a clean URL; this keeps that true whatever `reqwest` does.)
    pub(crate) fn transport(mut error: reqwest::Error) -> Self {
        if let Some(url) = error.url_mut() {
            redact_url(url);
        }
        Error::Transport {
            source: error,
            attempts: 1,
        }
    }

    /// An `Http` error from one attempt.
    pub(crate) fn http(status: u16, body: String) -> Self {
        Error::Http {
            status,
            body,
            attempts: 1,
        }
    }

    /// Records how many attempts led to this error, for the kinds retries apply to.
    pub(crate) fn after_attempts(mut self, made: u32) -> Self {
        if let Error::Http { attempts, .. } | Error::Transport { attempts, .. } = &mut self {
            *attempts = made;
        }
        self
    }

    /// A short name of the kind of failure, for tracing spans: no server text, no data.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    pub(crate) fn kind_name(&self) -> &'static str {
        match self {
            Error::Unauthorized => "unauthorized",
            Error::Rpc(_) => "rpc",
            Error::Http { .. } => "http",
            Error::Transport { source, .. } if source.is_timeout() => "timeout",
            Error::Transport { source, .. } if source.is_connect() => "connect",
            Error::Transport { .. } => "transport",
            Error::Redirected { .. } => "redirected",
            Error::Middleware(_) => "middleware",
            Error::Decode { .. } => "decode",
            Error::InvalidRequest(_) => "invalid_request",
        }
    }

    /// A `Decode` error for a check of our own, with `why` as the source's message.
    pub(crate) fn decode_custom(body: &[u8], complete: bool, why: impl std::fmt::Display) -> Self {
        Error::Decode {
            body: kept_body(body, complete),
            source: <serde_json::Error as serde::de::Error>::custom(why),
        }
    }

    /// A `Decode` error for a real `serde_json` failure on the (complete) body.
    pub(crate) fn decode(body: &[u8], source: serde_json::Error) -> Self {
        Error::Decode {
            body: kept_body(body, true),
            source,
        }
    }
}

/// A JSON-RPC error object, as the server sent it.
///
/// The Python `json-rpc` server behind LeadHit turns an exception in a method into
/// `{"code": -32000, "message": "Server error", "data": {"type", "args", "message"}}`;
/// [`kind`](Self::kind) and [`detail`](Self::detail) read the two useful fields of `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RpcError {
    /// The JSON-RPC error code, e.g. `-32000` (server error) or `-32601` (method not found).
    pub code: i64,
    /// The short message, e.g. `"Server error"`.
    pub message: String,
    /// Extra data, if the server sent any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl RpcError {
    /// The exception type the server reported (`data.type`), e.g. `"ValidationError"`.
    pub fn kind(&self) -> Option<&str> {
        self.data_str("type")
    }

    /// The exception's message (`data.message`), e.g. `"Possible statuses: paid, submitted"`.
    pub fn detail(&self) -> Option<&str> {
        self.data_str("message")
    }

    fn data_str(&self, key: &str) -> Option<&str> {
        self.data.as_ref()?.get(key)?.as_str()
    }
}

impl std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Every text here comes from the server, so it is printed inert.
        write!(
            f,
            "the server answered with JSON-RPC error {} ({})",
            self.code,
            inert(&self.message)
        )?;
        match (self.kind().map(inert), self.detail().map(inert)) {
            (Some(kind), Some(detail)) => write!(f, ": {kind}: {detail}")?,
            (Some(kind), None) => write!(f, ": {kind}")?,
            (None, Some(detail)) => write!(f, ": {detail}")?,
            (None, None) => {}
        }
        // The standard codes other than -32000 mean the call itself was wrong, not the data;
        // say where to look.
        let hint = match self.code {
            -32601 => "; the node has no such method: check the node's map page",
            -32602 => {
                "; the method does not take these params: check its docstring on the map page"
            }
            -32600 | -32700 => "; the server could not read the request",
            _ => "",
        };
        f.write_str(hint)
    }
}

impl std::error::Error for RpcError {}

/// Turns the start of a body into the text an error keeps. `complete` is false when the client
/// stopped reading early, so the marker says the body was longer than what is kept even when
/// the kept part is short.
pub(crate) fn kept_body(body: &[u8], complete: bool) -> String {
    if body.len() <= KEPT_BODY_BYTES && complete {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut cut = body.len().min(KEPT_BODY_BYTES);
    // Back off over UTF-8 continuation bytes so a multi-byte character is never split into a
    // replacement character.
    while cut > 0 && cut < body.len() && (body[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if complete {
        let _ = write!(text, "… [truncated: {} of {} bytes]", cut, body.len());
    } else {
        let _ = write!(
            text,
            "… [truncated: first {cut} bytes; the rest was not read]"
        );
    }
    text
}

/// What `Display` and `Debug` show instead of credentials in a URL.
pub(crate) const REDACTED_URL_PART: &str = "redacted";

/// Replaces the user name and password of a URL, if it has them: either can be a secret
/// (`https://TOKEN@host/` is common).
pub(crate) fn redact_url(url: &mut reqwest::Url) {
    if url.password().is_some() {
        let _ = url.set_password(Some(REDACTED_URL_PART));
    }
    if !url.username().is_empty() {
        let _ = url.set_username(REDACTED_URL_PART);
    }
}

/// The body as `Display` shows it: whitespace collapsed (HTML pages are mostly indentation),
/// control characters escaped and cut short.
fn shown(body: &str) -> String {
    let collapsed = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return "(empty)".to_owned();
    }
    let cut = match collapsed.char_indices().nth(SHOWN_BODY_CHARS) {
        Some((cut, _)) => cut,
        None => collapsed.len(),
    };
    let mut text = inert(&collapsed[..cut]).into_owned();
    if cut < collapsed.len() {
        text.push('…');
    }
    text
}

/// Server text made safe to print in a log line or a terminal: control characters (newlines
/// that would forge log lines, escape sequences that drive terminals) and Unicode direction
/// overrides are shown escaped, as `\u{1b}`.
pub(crate) fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "{}", c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The `Display` suffix of an error that retries led to.
fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (gave up after {attempts} attempts)")
    } else {
        String::new()
    }
}

fn http_hint(status: u16) -> &'static str {
    match status {
        300..=399 => {
            " (redirects are not followed, so the API key is never sent elsewhere: check the \
             base URL)"
        }
        401 => " (check the API key)",
        404 => " (check the base URL and the node name)",
        500..=599 => " (the server or a proxy in front of it failed)",
        _ => "",
    }
}

/// A transport error's message: what kind of failure it was, plus the innermost cause (e.g.
/// "Connection refused"), which is the part that tells a person what to fix. `reqwest`'s own
/// top-level message is only "error sending request for url".
fn transport_message(error: &reqwest::Error) -> String {
    let what = if error.is_timeout() {
        "the request to the LeadHit API timed out: the server did not answer within the call's \
         timeout (Client::builder().timeout(...) or .with_timeout(...) on the request)"
    } else if error.is_connect() {
        "could not connect to the LeadHit API: check the base URL and the network"
    } else if error.is_body() || error.is_decode() {
        "the connection failed while reading the answer"
    } else {
        "the HTTP request to the LeadHit API failed"
    };
    let mut innermost: &dyn std::error::Error = error;
    while let Some(next) = innermost.source() {
        innermost = next;
    }
    format!("{what} ({innermost})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_complete_bodies_are_kept_whole() {
        assert_eq!(
            kept_body(b"<html>bad gateway</html>", true),
            "<html>bad gateway</html>"
        );
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary_with_a_marker() {
        // 'я' is two bytes, so 2 KiB of them plus one ASCII byte in front puts the cut inside a
        // character.
        let body = format!("x{}", "я".repeat(KEPT_BODY_BYTES));
        let kept = kept_body(body.as_bytes(), true);
        assert!(!kept.contains('\u{FFFD}'), "split a character: {kept:?}");
        let (text, marker) = kept.split_once('…').unwrap();
        assert!(text.len() <= KEPT_BODY_BYTES && text.len() >= KEPT_BODY_BYTES - 3);
        assert_eq!(
            marker,
            format!(" [truncated: {} of {} bytes]", text.len(), body.len())
        );
    }

    #[test]
    fn bodies_read_only_in_part_say_so() {
        assert_eq!(
            kept_body(b"abc", false),
            "abc… [truncated: first 3 bytes; the rest was not read]"
        );
    }

    #[test]
    fn display_collapses_whitespace_and_stays_short() {
        let body = format!("<html>\n   <body>\n{}</body>", "word ".repeat(200));
        let error = Error::http(502, body);
        let text = error.to_string();
        assert!(text.starts_with(
            "the server answered HTTP 502 (the server or a proxy in front of it failed); body: <html> <body> word word"
        ));
        assert!(text.ends_with('…'));
        assert!(text.chars().count() < 400);
    }

    #[test]
    fn server_text_cannot_forge_log_lines_or_drive_a_terminal() {
        let body = "<h1>\u{1b}[2J\u{1b}]0;pwned\u{7}</h1>\r\nINFO fake line \u{202E}txet";
        let text = Error::http(502, body.to_owned()).to_string();
        assert!(
            text.ends_with(
                r"body: <h1>\u{1b}[2J\u{1b}]0;pwned\u{7}</h1> INFO fake line \u{202e}txet"
            ),
            "{text}"
        );
        let error: RpcError = serde_json::from_value(serde_json::json!({
            "code": -32000, "message": "Server\nerror",
            "data": {"type": "E\u{1b}[31m", "message": "line\nINFO forged"}
        }))
        .unwrap();
        assert_eq!(
            error.to_string(),
            r"the server answered with JSON-RPC error -32000 (Server\u{a}error): E\u{1b}[31m: line\u{a}INFO forged"
        );
        // The fields themselves keep what the server sent.
        assert_eq!(error.detail(), Some("line\nINFO forged"));
    }

    #[test]
    fn credentials_in_urls_are_redacted() {
        for (raw, shown) in [
            (
                "https://user:hunter2@example.com/api/",
                "https://redacted:redacted@example.com/api/",
            ),
            (
                "https://TOKEN@example.com/",
                "https://redacted@example.com/",
            ),
            ("https://:pw@example.com/", "https://:redacted@example.com/"),
            ("https://example.com/", "https://example.com/"),
        ] {
            let mut url = reqwest::Url::parse(raw).unwrap();
            redact_url(&mut url);
            assert_eq!(url.as_str(), shown, "{raw}");
        }
    }

    #[test]
    fn rpc_errors_read_data_type_and_message() {
        let error: RpcError = serde_json::from_value(serde_json::json!({
            "code": -32000, "message": "Server error",
            "data": {"type": "ValidationError", "args": ["Possible statuses: paid, submitted"],
                     "message": "Possible statuses: paid, submitted"}
        }))
        .unwrap();
        assert_eq!(error.kind(), Some("ValidationError"));
        assert_eq!(error.detail(), Some("Possible statuses: paid, submitted"));
        assert_eq!(
            error.to_string(),
            "the server answered with JSON-RPC error -32000 (Server error): ValidationError: \
             Possible statuses: paid, submitted"
        );
    }
}
