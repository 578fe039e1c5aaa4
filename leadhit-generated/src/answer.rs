//! The answers: checks that a body is the JSON-RPC response to the request sent (one call) or
//! holds one response per call, matched by id (a batch), and keeps each `result` as text.
//!
//! Nothing here is generic: only [`Reply::decode`] knows the result type.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::{Error, RpcError};

pub(crate) const JSONRPC_VERSION: &str = "2.0";

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

/// A checked successful answer: its `result`, not yet deserialized, and the body it came in
/// (for a batch, the call's own response) for the error message should that fail.
pub struct Reply {
    body: Vec<u8>,
    result: Box<RawValue>,
}

impl Reply {
    /// Deserializes the `result` into the type the caller expects.
    pub(crate) fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_str(self.result.get()).map_err(|source| Error::decode(&self.body, source))
    }
}

/// Checks a complete 2xx body: one JSON-RPC 2.0 response object, answering request `id`.
pub(crate) fn check_answer(body: Vec<u8>, id: u64) -> Result<Reply, Error> {
    let fail = |body: &[u8], why: String| Err(Error::decode_custom(body, true, why));
    match first_byte(&body) {
        Some(b'{') => {}
        Some(b'[') => {
            return fail(
                &body,
                "the answer is a JSON-RPC batch (an array), but one call was sent".to_owned(),
            )
        }
        _ => return Err(not_an_object(&body, "a JSON-RPC response object")),
    }
    let answer: Answer = match serde_json::from_slice(&body) {
        Ok(answer) => answer,
        Err(error) => return Err(Error::decode(&body, error)),
    };
    if let Err(why) = check_version(&answer) {
        return fail(&body, why);
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
    outcome(answer, body)
}

/// Checks a complete 2xx answer to a batch whose calls have `ids`, and gives each call its
/// outcome, in the order of `ids`. Responses are matched by id, not position: a missing or
/// repeated id makes that call's outcome a `Decode` error. The outer `Err` is for an answer
/// that is no batch at all (including one error object for the whole batch, as a server
/// answers a batch it cannot read).
pub(crate) fn check_batch(body: &[u8], ids: &[u64]) -> Result<Vec<Result<Reply, Error>>, Error> {
    match first_byte(body) {
        Some(b'[') => {}
        Some(b'{') => {
            // One answer for the whole batch: an error about the batch itself is that error.
            let answer: Answer =
                serde_json::from_slice(body).map_err(|error| Error::decode(body, error))?;
            return match (answer.error, check_version_of(&answer.jsonrpc)) {
                (Some(error), Ok(())) => match serde_json::from_value::<RpcError>(error) {
                    Ok(error) => Err(Error::Rpc(error)),
                    Err(error) => Err(Error::decode_custom(body, true, malformed(&error))),
                },
                _ => Err(Error::decode_custom(
                    body,
                    true,
                    "the answer to a batch is one response object, not an array",
                )),
            };
        }
        _ => return Err(not_an_object(body, "an array of JSON-RPC responses")),
    }
    let entries: Vec<&RawValue> =
        serde_json::from_slice(body).map_err(|error| Error::decode(body, error))?;
    let mut by_id: HashMap<u64, Vec<&RawValue>> = ids.iter().map(|&id| (id, Vec::new())).collect();
    let mut unmatched = 0;
    for entry in entries {
        let id = serde_json::from_str::<Answer>(entry.get())
            .ok()
            .and_then(|answer| answer.id?.as_u64());
        match id.and_then(|id| by_id.get_mut(&id)) {
            Some(answers) => answers.push(entry),
            None => unmatched += 1,
        }
    }
    Ok(ids
        .iter()
        .map(|id| match by_id[id].as_slice() {
            [entry] => entry_outcome(entry),
            [] => Err(Error::decode_custom(
                body,
                true,
                format!(
                    "the batch answer has no response with id {id} \
                     ({unmatched} responses matched no call)"
                ),
            )),
            several => Err(Error::decode_custom(
                body,
                true,
                format!(
                    "the batch answer has {} responses with id {id}",
                    several.len()
                ),
            )),
        })
        .collect())
}

/// One response of a batch, already matched to its call by id.
fn entry_outcome(entry: &RawValue) -> Result<Reply, Error> {
    let body = entry.get().as_bytes().to_vec();
    let answer: Answer =
        serde_json::from_slice(&body).map_err(|error| Error::decode(&body, error))?;
    if let Err(why) = check_version(&answer) {
        return Err(Error::decode_custom(&body, true, why));
    }
    outcome(answer, body)
}

/// The `result` or the `error` of a response whose version and id are right.
fn outcome(answer: Answer, body: Vec<u8>) -> Result<Reply, Error> {
    let fail = |body: &[u8], why: String| Err(Error::decode_custom(body, true, why));
    match (answer.result, answer.error) {
        (Some(result), None) => Ok(Reply { body, result }),
        (None, Some(error)) => match serde_json::from_value::<RpcError>(error) {
            Ok(error) => Err(Error::Rpc(error)),
            Err(error) => fail(&body, malformed(&error)),
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

fn malformed(error: &serde_json::Error) -> String {
    format!("the \"error\" member is malformed: {error}")
}

fn check_version(answer: &Answer) -> Result<(), String> {
    check_version_of(&answer.jsonrpc)
}

fn check_version_of(jsonrpc: &Option<Value>) -> Result<(), String> {
    if jsonrpc.as_ref().and_then(Value::as_str) == Some(JSONRPC_VERSION) {
        return Ok(());
    }
    let found = jsonrpc
        .as_ref()
        .map_or("nothing".to_owned(), |v| v.to_string());
    Err(format!("expected \"jsonrpc\": \"2.0\", found {found}"))
}

fn first_byte(body: &[u8]) -> Option<u8> {
    body.iter()
        .copied()
        .find(|byte| !byte.is_ascii_whitespace())
}

/// The error for a body that is not what was `expected`. If it is not JSON at all (an HTML
/// page, an empty body), serde's own message with its position says so best.
fn not_an_object(body: &[u8], expected: &str) -> Error {
    match serde_json::from_slice::<Value>(body) {
        Err(error) => Error::decode(body, error),
        Ok(value) => Error::decode_custom(
            body,
            true,
            format!("expected {expected}, found {}", json_type(&value)),
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
