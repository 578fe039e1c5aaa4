//! The wire: builds the JSON-RPC envelope (one call or a batch to one node), POSTs it, retries
//! what [`Retry`] allows within the call's timeout, reads the answer up to the size cap, and
//! hands it to [`answer`](crate::answer) to check.
//!
//! Nothing here is generic: every generated method goes through the same compiled code, and
//! only [`Reply::decode`](crate::answer::Reply::decode) knows the result type.

use std::sync::atomic::Ordering;
use std::time::Instant;

use bytes::Bytes;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use serde::Serialize;
use serde_json::Value;

use crate::answer::{check_answer, check_batch, Reply, JSONRPC_VERSION};
use crate::call::{Call, Options};
use crate::client::{shown_url, Inner};
use crate::error::{kept_body, KEPT_BODY_BYTES};
use crate::http::{Http, SendError};
use crate::retry::Failure;
use crate::trace::Span;
use crate::Error;

/// The header LeadHit reads the key from (it accepts any case; HTTP/1 sends it lower-case).
const API_KEY: HeaderName = HeaderName::from_static("api-key");

/// A JSON-RPC request as it goes on the wire, members in the order the protocol lists them.
#[derive(Serialize)]
struct Envelope<'a> {
    jsonrpc: &'static str,
    method: &'a str,
    /// Left out when there are none: the Python server then calls the method with no arguments,
    /// where `{}` or `[]` could be read differently by other servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<Value>,
    id: u64,
}

/// Sends one call and returns its checked answer.
pub(crate) async fn post(inner: &Inner, call: Call<'_>) -> Result<Reply, Error> {
    // Every check that can fail without the network runs first, so a bad request sends nothing.
    let Call {
        node,
        method,
        params,
        options,
    } = call;
    let params = params.into_wire()?;
    let (url, headers) = target(inner, node, &options)?;
    let id = inner.next_id.fetch_add(1, Ordering::Relaxed);
    let body = to_body(&Envelope {
        jsonrpc: JSONRPC_VERSION,
        method,
        params,
        id,
    })?;
    let span = Span::new(node, method, id, None);
    let result = span
        .run(async {
            let body = exchange(inner, &span, &url, headers, body, &options).await?;
            check_answer(body, id)
        })
        .await;
    span.finish(result.as_ref().map(|_| 0));
    result
}

/// Sends `calls` to `node` as one JSON-RPC batch and returns each call's outcome in order; the
/// outer `Err` is for a failure of the whole request.
pub(crate) async fn post_batch(
    inner: &Inner,
    node: &str,
    calls: Vec<Call<'_>>,
    options: &Options,
) -> Result<Vec<Result<Reply, Error>>, Error> {
    let (url, headers) = target(inner, node, options)?;
    let mut envelopes = Vec::with_capacity(calls.len());
    for call in calls {
        envelopes.push((call.method, call.params.into_wire()?));
    }
    // One block of consecutive ids, so a span can name them all by the first.
    let first = inner
        .next_id
        .fetch_add(envelopes.len() as u64, Ordering::Relaxed);
    let ids: Vec<u64> = (first..).take(envelopes.len()).collect();
    let envelopes: Vec<Envelope<'_>> = envelopes
        .into_iter()
        .zip(&ids)
        .map(|((method, params), &id)| Envelope {
            jsonrpc: JSONRPC_VERSION,
            method,
            params,
            id,
        })
        .collect();
    let body = to_body(&envelopes)?;
    let span = Span::new(node, "batch", first, Some(ids.len()));
    let result = span
        .run(async {
            let body = exchange(inner, &span, &url, headers, body, options).await?;
            check_batch(&body, &ids)
        })
        .await;
    span.finish(
        result
            .as_ref()
            .map(|entries| entries.iter().filter(|entry| entry.is_err()).count()),
    );
    result
}

/// The URL and headers of a request to `node`, after every check that needs no network.
fn target(inner: &Inner, node: &str, options: &Options) -> Result<(Url, HeaderMap), Error> {
    options.check()?;
    let api_key = inner
        .api_key
        .as_ref()
        .map_err(|problem| Error::InvalidRequest((*problem).to_owned()))?;
    let url = inner.node_url(node)?;
    // The client this crate builds sends the fixed headers as its default headers.
    let mut headers = match inner.http {
        Http::Own(_) => HeaderMap::with_capacity(options.headers.len()),
        _ => fixed_headers(api_key.clone()),
    };
    for (name, value) in &options.headers {
        headers.append(name.clone(), value.clone());
    }
    Ok((url, headers))
}

/// The headers every request carries: the key, and the body's type.
pub(crate) fn fixed_headers(api_key: HeaderValue) -> HeaderMap {
    let mut headers = HeaderMap::with_capacity(2);
    headers.insert(API_KEY, api_key);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers
}

fn to_body(envelope: &impl Serialize) -> Result<Bytes, Error> {
    serde_json::to_vec(envelope)
        .map(Bytes::from)
        .map_err(|error| {
            Error::InvalidRequest(format!("the request could not be serialised: {error}"))
        })
}

/// Sends the request until it gets a 2xx body or [`Retry`](crate::Retry) says stop, all within
/// the call's timeout (counted from the span's start).
async fn exchange(
    inner: &Inner,
    span: &Span,
    url: &Url,
    headers: HeaderMap,
    body: Bytes,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let retry = options.retry.as_ref().unwrap_or(&inner.retry);
    let deadline = span.started() + options.timeout.unwrap_or(inner.timeout);
    let mut attempt = 1;
    loop {
        span.attempt(attempt);
        let left = retry.attempt_limit(deadline.saturating_duration_since(Instant::now()));
        // The client this crate builds times out after the client's timeout by itself, so the
        // first attempt of a call with no limit of its own needs none per request (reqwest
        // keeps one in a map it allocates for every request that has it).
        let own_limit_applies = attempt == 1
            && options.timeout.is_none()
            && !retry.limits_attempts()
            && matches!(inner.http, Http::Own(_));
        let limit = (!own_limit_applies).then_some(left);
        let (error, failure) =
            match attempt_once(inner, url, headers.clone(), body.clone(), limit).await {
                Ok(body) => return Ok(body),
                Err(failed) => failed,
            };
        match retry.wait_before_retry(&failure, attempt - 1) {
            // A retry that could not finish in time would only turn this error into a timeout.
            Some(wait) if Instant::now() + wait < deadline => {
                span.retry(attempt, &error, wait);
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            _ => return Err(error.after_attempts(attempt)),
        }
    }
}

/// One attempt: the 2xx body, or the error and what it says about whether the method ran.
async fn attempt_once(
    inner: &Inner,
    url: &Url,
    headers: HeaderMap,
    body: Bytes,
    timeout: Option<std::time::Duration>,
) -> Result<Vec<u8>, (Error, Failure)> {
    let mut response = match inner.http.post(url.clone(), headers, body, timeout).await {
        Ok(response) => response,
        Err(SendError::Reqwest(error)) => {
            let failure = Failure::of_transport(&error);
            return Err((Error::transport(error), failure));
        }
        Err(SendError::Middleware(error)) => {
            return Err((Error::Middleware(error), Failure::Final))
        }
    };
    if response.url() != url {
        // Only an injected client follows redirects; the key has gone there already, and the
        // answer from there is not the API's.
        let location = shown_url(response.url());
        return Err((Error::Redirected { location }, Failure::Final));
    }
    let status = response.status();
    if status == StatusCode::FORBIDDEN {
        return Err((Error::Unauthorized, Failure::Final));
    }
    if !status.is_success() {
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .map(HeaderValue::as_bytes);
        let failure = Failure::of_status(status.as_u16(), retry_after);
        // Only the start of an error page is kept, so only that much is read.
        let limit = KEPT_BODY_BYTES.min(inner.max_response_bytes);
        // The status already says what went wrong, so a body that fails to arrive is reported
        // as empty rather than turning the answer into a transport error.
        let (body, complete) = read_capped(&mut response, limit).await.unwrap_or_default();
        return Err((
            Error::http(status.as_u16(), kept_body(&body, complete)),
            failure,
        ));
    }
    read_body(&mut response, inner.max_response_bytes).await
}

/// Reads a 2xx body whole, up to `cap` bytes. A body cut off on the way is ambiguous: the
/// server has answered, so the method may well have run.
async fn read_body(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, (Error, Failure)> {
    let too_large = |size: Option<u64>| {
        let size = size.map_or(String::new(), |size| format!(" ({size} bytes)"));
        format!(
            "the response body{size} is over the limit of {cap} bytes \
             (raise it with Client::builder().max_response_bytes(...))"
        )
    };
    if let Some(length) = response
        .content_length()
        .filter(|&length| length > cap as u64)
    {
        // The size is the news here; the start of the body only helps recognise it.
        let (start, _) = read_capped(response, KEPT_BODY_BYTES)
            .await
            .unwrap_or_default();
        let error = Error::decode_custom(&start, false, too_large(Some(length)));
        return Err((error, Failure::Final));
    }
    let (body, complete) = read_capped(response, cap)
        .await
        .map_err(|error| (Error::transport(error), Failure::Ambiguous))?;
    if !complete {
        return Err((
            Error::decode_custom(&body, false, too_large(None)),
            Failure::Final,
        ));
    }
    Ok(body)
}

/// `<base_url><node>/`. The node is pushed as one path segment, so `/`, `?` or `#` in it are
/// escaped rather than able to point the request (and its key) somewhere else.
pub(crate) fn node_url(base_url: &Url, node: &str) -> Result<Url, Error> {
    if node.is_empty() || node == "." || node == ".." {
        return Err(Error::InvalidRequest(format!(
            "{node:?} is not a node name"
        )));
    }
    let mut url = base_url.clone();
    url.path_segments_mut()
        .map_err(|()| Error::InvalidRequest("the base URL cannot have a path".to_owned()))?
        .pop_if_empty()
        .push(node)
        .push("");
    Ok(url)
}

/// Reads the body chunk by chunk, stopping once it passes `cap` bytes so that an endless or
/// huge answer costs at most `cap` bytes of memory. Returns what was read (at most `cap` bytes)
/// and whether that is the whole body.
async fn read_capped(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let expected = response.content_length().unwrap_or(0);
    let mut body = Vec::with_capacity(usize::try_from(expected).unwrap_or(cap).min(cap));
    while let Some(chunk) = response.chunk().await? {
        let room = cap - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_urls_are_one_segment_under_the_base() {
        let base = Url::parse("https://service.leadhit.ru/api/v1/").unwrap();
        let url = |node| node_url(&base, node).map(|url| url.to_string());
        assert_eq!(
            url("orders").unwrap(),
            "https://service.leadhit.ru/api/v1/orders/"
        );
        assert_eq!(
            url("../x?y#z").unwrap(),
            "https://service.leadhit.ru/api/v1/..%2Fx%3Fy%23z/"
        );
        assert!(url("").is_err() && url("..").is_err() && url(".").is_err());
    }
}
