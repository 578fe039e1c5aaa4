//! The wire: builds the JSON-RPC envelope, POSTs it, reads the answer up to the size cap, and
//! checks that it is the JSON-RPC response to this request.
//!
//! Nothing here is generic: every generated method goes through the same compiled code, and
//! only [`Reply::decode`] knows the result type.

use std::sync::atomic::Ordering;

use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::client::Inner;
use crate::error::{kept_body, KEPT_BODY_BYTES};
use crate::request::Params;
use crate::{Error, RpcError};

/// The header LeadHit reads the key from (it accepts any case; HTTP/1 sends it lower-case).
const API_KEY: HeaderName = HeaderName::from_static("api-key");
const JSONRPC_VERSION: &str = "2.0";

/// A JSON-RPC request as it goes on the wire, members in the order the protocol lists them.
#[derive(Serialize)]
struct Envelope<'a> {
    jsonrpc: &'static str,
    method: &'a str,
    /// Left out when there are none: the Python server then calls the method with no arguments,
    /// where `{}` or `[]` could be read differently by other servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a Value>,
    id: u64,
}

/// A JSON-RPC response as it comes off the wire. Every member is `Option` so that each problem
/// gets its own message rather than serde's "missing field"; `present` tells a member that is
/// `null` (`Some(null)`) from one that is absent (`None`), which plain `Option` conflates.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    /// Kept as text: it is deserialized once, into the caller's type, by [`Reply::decode`].
    #[serde(default, deserialize_with = "present")]
    result: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "present")]
    error: Option<Value>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// A checked successful answer: its `result`, not yet deserialized, and the body it came in for
/// the error message should that fail.
pub(crate) struct Reply {
    body: Vec<u8>,
    result: Box<RawValue>,
}

impl Reply {
    /// Deserializes the `result` into the type the caller expects.
    pub(crate) fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_str(self.result.get()).map_err(|source| Error::decode(&self.body, source))
    }
}

/// Sends one call and returns its checked answer.
pub(crate) async fn post(
    inner: &Inner,
    node: &str,
    method: &str,
    params: Params,
) -> Result<Reply, Error> {
    // Every check that can fail without the network runs first, so a bad request sends nothing.
    let params = params.into_wire()?;
    let api_key = inner
        .api_key
        .clone()
        .map_err(|problem| Error::InvalidRequest(problem.to_owned()))?;
    let url = node_url(&inner.base_url, node)?;
    let id = inner.next_id.fetch_add(1, Ordering::Relaxed);
    let envelope = Envelope {
        jsonrpc: JSONRPC_VERSION,
        method,
        params: params.as_ref(),
        id,
    };
    let body = serde_json::to_vec(&envelope).map_err(|error| {
        Error::InvalidRequest(format!("the request could not be serialised: {error}"))
    })?;

    let mut response = inner
        .http
        .post(url)
        .header(API_KEY, api_key)
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
        .body(body)
        .send()
        .await
        .map_err(Error::transport)?;

    let status = response.status();
    if status == StatusCode::FORBIDDEN {
        return Err(Error::Unauthorized);
    }
    if !status.is_success() {
        // Only the start of an error page is kept, so only that much is read.
        let limit = KEPT_BODY_BYTES.min(inner.max_response_bytes);
        // The status already says what went wrong, so a body that fails to arrive is reported
        // as empty rather than turning the answer into a transport error.
        let (body, complete) = read_capped(&mut response, limit).await.unwrap_or_default();
        return Err(Error::Http {
            status: status.as_u16(),
            body: kept_body(&body, complete),
        });
    }

    let cap = inner.max_response_bytes;
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
        let (start, _) = read_capped(&mut response, KEPT_BODY_BYTES)
            .await
            .unwrap_or_default();
        return Err(Error::decode_custom(&start, false, too_large(Some(length))));
    }
    let (body, complete) = read_capped(&mut response, cap)
        .await
        .map_err(Error::transport)?;
    if !complete {
        return Err(Error::decode_custom(&body, false, too_large(None)));
    }
    check_answer(body, id)
}

/// `<base_url><node>/`. The node is pushed as one path segment, so `/`, `?` or `#` in it are
/// escaped rather than able to point the request (and its key) somewhere else.
fn node_url(base_url: &Url, node: &str) -> Result<Url, Error> {
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

/// Checks a complete 2xx body: one JSON-RPC 2.0 response object, answering request `id`.
fn check_answer(body: Vec<u8>, id: u64) -> Result<Reply, Error> {
    let fail = |body: &[u8], why: String| Err(Error::decode_custom(body, true, why));
    match body.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => {}
        Some(b'[') => {
            return fail(
                &body,
                "the answer is a JSON-RPC batch (an array), but one call was sent".to_owned(),
            )
        }
        _ => {
            // Not an object. If it is not JSON at all (an HTML page, an empty body), serde's own
            // message with its position says so best.
            return match serde_json::from_slice::<Value>(&body) {
                Err(error) => Err(Error::decode(&body, error)),
                Ok(value) => fail(
                    &body,
                    format!(
                        "expected a JSON-RPC response object, found {}",
                        json_type(&value)
                    ),
                ),
            };
        }
    }
    let answer: Answer = match serde_json::from_slice(&body) {
        Ok(answer) => answer,
        Err(error) => return Err(Error::decode(&body, error)),
    };
    if answer.jsonrpc.as_ref().and_then(Value::as_str) != Some(JSONRPC_VERSION) {
        let found = answer
            .jsonrpc
            .map_or("nothing".to_owned(), |v| v.to_string());
        return fail(
            &body,
            format!("expected \"jsonrpc\": \"2.0\", found {found}"),
        );
    }
    match &answer.id {
        Some(answer_id) if answer_id.as_u64() == Some(id) => {}
        // JSON-RPC 2.0 answers `id: null` when the server could not read the request's id
        // (parse error, invalid request); the error it carries is the useful part.
        Some(Value::Null) if answer.error.is_some() => {}
        Some(answer_id) => {
            return fail(
                &body,
                format!("the answer's id {answer_id} is not the request's id {id}"),
            )
        }
        None => return fail(&body, "the answer has no \"id\"".to_owned()),
    }
    match (answer.result, answer.error) {
        (Some(result), None) => Ok(Reply { body, result }),
        (None, Some(error)) => match serde_json::from_value::<RpcError>(error) {
            Ok(error) => Err(Error::Rpc(error)),
            Err(error) => fail(&body, format!("the \"error\" member is malformed: {error}")),
        },
        (Some(_), Some(_)) => fail(
            &body,
            "the answer has both \"result\" and \"error\"".to_owned(),
        ),
        (None, None) => fail(
            &body,
            "the answer has neither \"result\" nor \"error\"".to_owned(),
        ),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str, id: u64) -> Result<String, Error> {
        check_answer(body.as_bytes().to_vec(), id).map(|reply| reply.result.get().to_owned())
    }

    fn decode_reason(body: &str) -> String {
        match check(body, 1) {
            Err(Error::Decode { source, .. }) => source.to_string(),
            other => panic!("expected a Decode error for {body}, got {other:?}"),
        }
    }

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

    #[test]
    fn a_result_is_kept_as_text_even_when_null() {
        assert_eq!(
            check(r#"{"jsonrpc": "2.0", "id": 1, "result": {"a": [1]}}"#, 1).unwrap(),
            r#"{"a": [1]}"#
        );
        assert_eq!(
            check(r#" {"result": null, "id": 7, "jsonrpc": "2.0"}"#, 7).unwrap(),
            "null"
        );
    }

    #[test]
    fn malformed_answers_say_what_is_wrong() {
        for (body, reason) in [
            (r#"[{"jsonrpc": "2.0", "id": 1, "result": 1}]"#, "batch"),
            ("null", "found null"),
            ("42", "found a number"),
            ("<html>", "expected value at line 1 column 1"),
            ("", "EOF while parsing"),
            (r#"{"jsonrpc": "2.0", "id": 1}"#, "neither"),
            (
                r#"{"jsonrpc": "2.0", "id": 1, "result": 1, "error": null}"#,
                "both",
            ),
            (
                r#"{"jsonrpc": "1.0", "id": 1, "result": 1}"#,
                r#"found "1.0""#,
            ),
            (r#"{"id": 1, "result": 1}"#, "found nothing"),
            (
                r#"{"jsonrpc": "2.0", "id": 2, "result": 1}"#,
                "id 2 is not the request's id 1",
            ),
            (
                r#"{"jsonrpc": "2.0", "id": "1", "result": 1}"#,
                "is not the request's id",
            ),
            (
                r#"{"jsonrpc": "2.0", "id": null, "result": 1}"#,
                "is not the request's id",
            ),
            (r#"{"jsonrpc": "2.0", "result": 1}"#, "no \"id\""),
            (
                r#"{"jsonrpc": "2.0", "id": 1, "error": "boom"}"#,
                "malformed",
            ),
            (
                r#"{"jsonrpc": "2.0", "id": 1, "result": 1, "result": 2}"#,
                "duplicate field",
            ),
        ] {
            let found = decode_reason(body);
            assert!(found.contains(reason), "{body}: {found:?} lacks {reason:?}");
        }
    }

    #[test]
    fn an_error_with_a_null_id_is_still_reported() {
        let body = r#"{"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}}"#;
        match check(body, 1) {
            Err(Error::Rpc(error)) => assert_eq!((error.code, error.data), (-32700, None)),
            other => panic!("{other:?}"),
        }
    }
}
