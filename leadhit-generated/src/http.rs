//! `Http`: the HTTP client every call goes through, whether the crate built it, the user gave
//! a `reqwest::Client`, or (feature `middleware`) a `reqwest_middleware::ClientWithMiddleware`.
//! One enum, so single calls and batches share one send path.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, Url};

/// The HTTP client of a [`Client`](crate::Client).
#[derive(Clone)]
pub(crate) enum Http {
    /// Built by [`ClientBuilder::build`](crate::ClientBuilder::build): no redirects; the key,
    /// the content type and the client's timeout are its defaults.
    Own(reqwest::Client),
    /// Given with [`ClientBuilder::http_client`](crate::ClientBuilder::http_client), used as is.
    Injected(reqwest::Client),
    /// Given with `ClientBuilder::middleware_client`: every request runs through its stack.
    #[cfg(feature = "middleware")]
    Middleware(reqwest_middleware::ClientWithMiddleware),
}

/// Why an attempt got no response.
pub(crate) enum SendError {
    Reqwest(reqwest::Error),
    /// A middleware failed on its own account (not a `reqwest` error it passed on).
    #[cfg_attr(not(feature = "middleware"), allow(dead_code))]
    Middleware(Box<dyn std::error::Error + Send + Sync>),
}

impl Http {
    /// POSTs `body` to `url` once, with `headers` added to the client's own, within `timeout`
    /// (`None`: the client's own timeout).
    pub(crate) async fn post(
        &self,
        url: Url,
        headers: HeaderMap,
        body: Bytes,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Response, SendError> {
        match self {
            // Built whole and handed to `execute`: reqwest's `RequestBuilder` would copy the
            // headers in one by one.
            Http::Own(client) | Http::Injected(client) => {
                let mut request = reqwest::Request::new(Method::POST, url);
                *request.headers_mut() = headers;
                *request.body_mut() = Some(body.into());
                if let Some(timeout) = timeout {
                    // Only when there is one: `timeout_mut` allocates the extension map.
                    *request.timeout_mut() = Some(timeout);
                }
                client.execute(request).await.map_err(SendError::Reqwest)
            }
            // Through the stack's `RequestBuilder`: its initialisers (`with_init`) run only
            // there, not in `execute`.
            #[cfg(feature = "middleware")]
            Http::Middleware(client) => {
                let mut request = client.post(url).headers(headers).body(body);
                if let Some(timeout) = timeout {
                    request = request.timeout(timeout);
                }
                request.send().await.map_err(|error| match error {
                    reqwest_middleware::Error::Reqwest(error) => SendError::Reqwest(error),
                    reqwest_middleware::Error::Middleware(error) => {
                        SendError::Middleware(error.into())
                    }
                })
            }
        }
    }

    /// What `Debug` says about the client: which kind, nothing of its configuration.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Http::Own(_) => "built by leadhit",
            Http::Injected(_) => "reqwest::Client given",
            #[cfg(feature = "middleware")]
            Http::Middleware(_) => "reqwest_middleware::ClientWithMiddleware given",
        }
    }
}
