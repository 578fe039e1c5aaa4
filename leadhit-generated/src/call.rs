//! `Call`, one JSON-RPC call as the transport takes it, and the per-call `Options` that
//! `with_timeout`, `with_retry` and `with_header` set. Neither is generic, so every generated
//! method shares their code.

use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use crate::request::Params;
use crate::Retry;

/// What to call, with what, and how.
#[derive(Debug)]
pub struct Call<'n> {
    pub(crate) node: &'n str,
    pub(crate) method: &'n str,
    pub(crate) params: Params,
    pub(crate) options: Options,
}

impl<'n> Call<'n> {
    pub(crate) fn new(node: &'n str, method: &'n str, params: Params) -> Call<'n> {
        Call {
            node,
            method,
            params,
            options: Options::default(),
        }
    }
}

/// Settings for one call (or one batch) that override the client's.
#[derive(Clone, Default)]
pub(crate) struct Options {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<Retry>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// A header that cannot be sent; reported when sending, so `with_header` stays infallible.
    pub(crate) invalid: Option<String>,
}

/// Headers the client sets itself: a second `API-KEY` or `Content-Type` would make the request
/// ambiguous, and the others describe the body, which the client writes.
const RESERVED: [&str; 5] = [
    "api-key",
    "content-type",
    "content-length",
    "transfer-encoding",
    "host",
];

impl Options {
    pub(crate) fn is_default(&self) -> bool {
        self.timeout.is_none()
            && self.retry.is_none()
            && self.headers.is_empty()
            && self.invalid.is_none()
    }

    pub(crate) fn add_header(&mut self, name: &str, value: &str) {
        if self.invalid.is_some() {
            return;
        }
        let header = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        );
        match header {
            (Ok(name), _) if RESERVED.contains(&name.as_str()) => {
                self.invalid = Some(format!(
                    "the header `{name}` is set by the client and cannot be set per call"
                ));
            }
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            // The value may be a secret (a token), so only the name is repeated.
            (Ok(name), Err(_)) => {
                self.invalid = Some(format!(
                    "the value of header `{name}` has characters not allowed in an HTTP header"
                ));
            }
            (Err(_), _) => {
                self.invalid = Some(format!("{name:?} is not a valid HTTP header name"));
            }
        }
    }

    /// Checks what could not be checked when it was set.
    pub(crate) fn check(&self) -> Result<(), crate::Error> {
        match &self.invalid {
            Some(why) => Err(crate::Error::InvalidRequest(why.clone())),
            None => Ok(()),
        }
    }
}

impl std::fmt::Debug for Options {
    // Header values are left out: they may hold tokens or personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Options")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &names)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_unsendable_headers_are_refused_without_echoing_values() {
        for (name, value, why) in [
            ("API-KEY", "other", "`api-key` is set by the client"),
            (
                "Content-Type",
                "text/plain",
                "`content-type` is set by the client",
            ),
            ("X-Token", "secret\nvalue", "value of header `x-token`"),
            ("bad name", "x", "not a valid HTTP header name"),
        ] {
            let mut options = Options::default();
            options.add_header(name, value);
            let error = options.check().unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
            assert!(!error.contains("secret"), "{error}");
        }
        let mut options = Options::default();
        options.add_header("X-Request-Id", "abc");
        assert!(options.check().is_ok());
        assert_eq!(
            format!("{options:?}"),
            r#"Options { timeout: None, retry: None, headers: ["x-request-id"] }"#
        );
    }
}
