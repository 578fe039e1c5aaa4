//! The mock's HTTP side: a hyper HTTP/1.1 server on a loopback port, answering `POST /<node>/`
//! the way the Python `json-rpc` server behind LeadHit does (403 without the key, single calls
//! and batches, one error object per broken request).

use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use super::contract;
use super::{Answer, State, API_KEY};

/// Accepts connections until the task is aborted; aborting it drops the `JoinSet`, which ends
/// every connection still open.
pub(super) async fn serve(listener: TcpListener, state: Arc<Mutex<State>>) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        while connections.try_join_next().is_some() {}
        let state = state.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let state = state.clone();
                async move { Ok::<_, Infallible>(answer(&state, request).await) }
            });
            // A client hanging up mid-request is its own business.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(state: &Mutex<State>, request: Request<Incoming>) -> Response<Full<Bytes>> {
    // The real server's middleware checks the key before anything else, for every POST.
    let key_ok = request
        .headers()
        .get("api-key")
        .is_some_and(|key| key.as_bytes() == API_KEY.as_bytes());
    if request.method() != Method::POST {
        return text(StatusCode::METHOD_NOT_ALLOWED, "");
    }
    if !key_ok {
        return text(
            StatusCode::FORBIDDEN,
            "Forbidden: missing or wrong API-KEY header\n",
        );
    }
    let Some(node) = node_of(request.uri().path()) else {
        return text(StatusCode::NOT_FOUND, "Not Found\n");
    };
    let Ok(body) = request.into_body().collect().await else {
        return text(StatusCode::BAD_REQUEST, "");
    };
    let reply = match serde_json::from_slice::<Value>(&body.to_bytes()) {
        Err(_) => Some(response(Value::Null, Err(contract::parse_error()))),
        // json-rpc checks a whole batch before running any of it: one request that is not
        // JSON-RPC 2.0 (or none at all) gets the batch one `-32600` object, not an array.
        Ok(Value::Array(batch))
            if batch.is_empty() || batch.iter().any(|call| request_parts(call).is_none()) =>
        {
            Some(response(Value::Null, Err(contract::invalid_request())))
        }
        Ok(Value::Array(batch)) => {
            let replies: Vec<Value> = batch
                .iter()
                .filter_map(|call| one_call(state, &node, call))
                .collect();
            (!replies.is_empty()).then_some(Value::Array(replies))
        }
        Ok(call) => one_call(state, &node, &call),
    };
    // Notifications only: json-rpc's Django view then answers `HttpResponse(None)`, whose body
    // is the text `None`.
    let body = reply.map_or_else(|| b"None".to_vec(), |reply| reply.to_string().into_bytes());
    let mut response = Response::new(Full::new(Bytes::from(body)));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The node of a path `/<node>/`, percent-decoded; `None` for any other path.
fn node_of(path: &str) -> Option<String> {
    let segment = path.strip_prefix('/')?.strip_suffix('/')?;
    if segment.is_empty() || segment.contains('/') {
        return None;
    }
    percent_decode(segment)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The response to one request of a call or batch; `None` for a notification (no `id`).
fn one_call(state: &Mutex<State>, node: &str, call: &Value) -> Option<Value> {
    let Some((method, params)) = request_parts(call) else {
        return Some(response(Value::Null, Err(contract::invalid_request())));
    };
    let outcome = {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        state.calls.push((
            node.to_owned(),
            method.to_owned(),
            params.cloned().unwrap_or(Value::Null),
        ));
        outcome(&state, node, method, params)
    };
    // A notification is recorded like any call, and answered with nothing.
    Some(response(call.get("id")?.clone(), outcome))
}

/// The method and params of a valid JSON-RPC 2.0 request object.
fn request_parts(call: &Value) -> Option<(&str, Option<&Value>)> {
    let object = call.as_object()?;
    if object.get("jsonrpc")? != "2.0" {
        return None;
    }
    let method = object.get("method")?.as_str()?;
    let params = object.get("params");
    match params {
        None | Some(Value::Array(_) | Value::Object(_)) => Some((method, params)),
        Some(_) => None,
    }
}

fn outcome(
    state: &State,
    node: &str,
    method: &str,
    params: Option<&Value>,
) -> Result<Value, Value> {
    let Some(spec) = crate::spec::method(node, method) else {
        return Err(contract::method_not_found());
    };
    if let Some(error) = contract::check_params(spec, params) {
        return Err(error);
    }
    match state.answers.get(&(node.to_owned(), method.to_owned())) {
        Some(Answer::Returns(result)) => Ok(result.clone()),
        Some(Answer::Fails { kind, message }) => Err(contract::server_error(kind, message)),
        None => Err(contract::server_error(
            "MockNotConfigured",
            &format!(
                "leadhit::mock: {node}.{method} was called but has no answer: configure one \
                 with server.on({node:?}, {method:?}).returns(...) or .fails(...)"
            ),
        )),
    }
}

fn response(id: Value, outcome: Result<Value, Value>) -> Value {
    match outcome {
        Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
        Err(error) => json!({"jsonrpc": "2.0", "id": id, "error": error}),
    }
}

fn text(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_are_the_one_path_segment() {
        assert_eq!(node_of("/orders/").as_deref(), Some("orders"));
        assert_eq!(node_of("/a%2Fb/").as_deref(), Some("a/b"));
        assert_eq!(node_of("/orders"), None);
        assert_eq!(node_of("/a/b/"), None);
        assert_eq!(node_of("//"), None);
        assert_eq!(node_of("/%zz/"), None);
    }

    #[test]
    fn requests_must_be_json_rpc_2_objects_with_list_or_object_params() {
        let call = json!({"jsonrpc": "2.0", "method": "m", "params": [1], "id": 1});
        assert_eq!(request_parts(&call), Some(("m", Some(&json!([1])))));
        for bad in [
            json!(3),
            json!({"method": "m", "id": 1}),
            json!({"jsonrpc": "1.0", "method": "m", "id": 1}),
            json!({"jsonrpc": "2.0", "method": 5, "id": 1}),
            json!({"jsonrpc": "2.0", "method": "m", "params": "x", "id": 1}),
        ] {
            assert_eq!(request_parts(&bad), None, "{bad}");
        }
    }
}
