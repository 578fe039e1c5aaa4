//! `Request`, the builder every generated method returns, and the params it collects on the way.
//!
//! Everything here that depends on the generated types is a thin shell: the params are collected
//! as JSON values by non-generic code, and the only per-result-type code is the final
//! deserialization. A generated crate has thousands of methods, and each instantiates these
//! generics once, so their size is the generated crate's compile time.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::call::Call;
use crate::{transport, Client, Error, Retry};

/// A call being built: set optional params with the generated setters, then `.send().await`
/// (or just `.await`) it.
///
/// `T` is the type the `result` is deserialized into. `M` is a marker type, one per generated
/// method, that exists only so each method can have its own setters; it is never stored.
#[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
pub struct Request<'a, T, M = ()> {
    pub(crate) client: &'a Client,
    pub(crate) call: Call<'static>,
    // `fn() -> _` keeps `Request` `Send`, `Sync` and covariant whatever `T` and `M` are: it holds
    // neither.
    _types: PhantomData<fn() -> (T, M)>,
}

/// The marker of generated methods whose docstring documents no params: their requests get
/// [`Request::params`] to send whatever the method takes.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawParams;

impl<'a, T, M> Request<'a, T, M> {
    pub(crate) fn new(client: &'a Client, node: &'static str, method: &'static str) -> Self {
        Request {
            client,
            call: Call::new(node, method, Params::None),
            _types: PhantomData,
        }
    }

    /// Sets the named param `name`.
    ///
    /// A value that fails to serialise is remembered, and [`send`](Self::send) returns it as
    /// [`Error::InvalidRequest`] without sending anything.
    ///
    /// Crate-private: only generated methods and setters call it, with the wire names of
    /// documented params. A call from outside the crate does not compile:
    ///
    /// ```compile_fail,E0624
    /// let client = leadhit::Client::new("key");
    /// let request = client.orders().set_order_status("1", "paid").__arg("anything", 1);
    /// ```
    // A generated API whose methods take no named params (the `plain` fixture) never calls it;
    // the allow keeps what it calls (`Params::set`) counted as used, as in `Client::__request`.
    #[allow(dead_code)]
    pub(crate) fn __arg(mut self, name: &'static str, value: impl Serialize) -> Self {
        self.call.params.set(name, serde_json::to_value(value));
        self
    }

    /// The timeout of this call alone, from connecting to the last byte of the answer, retries
    /// included; instead of the client's [`timeout`](crate::ClientBuilder::timeout).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.call.options.timeout = Some(timeout);
        self
    }

    /// The retry policy of this call alone, instead of the client's
    /// [`retry`](crate::ClientBuilder::retry); e.g. `Retry::default().retry_ambiguous(true)`
    /// for a read that is safe to send twice.
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.call.options.retry = Some(retry);
        self
    }

    /// Adds an HTTP header to this call alone (on top of the HTTP client's default headers).
    ///
    /// `API-KEY`, `Content-Type`, `Content-Length`, `Transfer-Encoding` and `Host` are the
    /// client's to set: naming one, or a name or value not allowed in HTTP, makes
    /// [`send`](Self::send) return [`Error::InvalidRequest`] without sending anything.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.call.options.add_header(name, value);
        self
    }

    /// Sends the request and deserializes the `result`.
    ///
    /// Works like `pub async fn send(self) -> Result<T, Error>`; the future it returns is `Send`.
    pub fn send(self) -> impl Future<Output = Result<T, Error>> + Send + 'a
    where
        T: DeserializeOwned + 'a,
    {
        // Delegating to a function generic over `T` alone means methods that share a result
        // type (most often `serde_json::Value`) share one state machine, instead of one per
        // method marker `M`.
        send_as::<T>(self.client, self.call)
    }
}

impl<'a, T> Request<'a, T, RawParams> {
    /// Sets all params at once, sent as they are: a JSON array for positional params, an object
    /// for named ones, or `null` (e.g. `()`) for none. Anything else makes [`send`](Self::send)
    /// return [`Error::InvalidRequest`] without sending anything.
    pub fn params(mut self, params: impl Serialize) -> Self {
        self.call.params.replace(serde_json::to_value(params));
        self
    }
}

impl<'a, T, M> IntoFuture for Request<'a, T, M>
where
    T: DeserializeOwned + 'a,
{
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    /// Lets `request.await` stand for `request.send().await`.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<T, M> std::fmt::Debug for Request<'_, T, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("node", &self.call.node)
            .field("method", &self.call.method)
            .field("params", &self.call.params)
            .field("options", &self.call.options)
            .finish_non_exhaustive()
    }
}

async fn send_as<T: DeserializeOwned>(client: &Client, call: Call<'static>) -> Result<T, Error> {
    transport::post(&client.inner, call).await?.decode()
}

/// The params of a request, as collected so far.
#[derive(Debug)]
pub(crate) enum Params {
    /// None set: the `params` member is left out, and the server calls the function with no
    /// arguments.
    None,
    /// Set one by one with `__arg`; sent as an object. Unset optional params are simply absent.
    Named(Map<String, Value>),
    /// Set all at once (`call`, `RawParams::params`); checked when sent.
    Raw(Value),
    /// Something could not be serialised; reported when sent, so setters can stay infallible.
    Invalid(String),
}

impl Params {
    /// Params given all at once, as `call` takes them.
    pub(crate) fn raw(value: Result<Value, serde_json::Error>) -> Params {
        match value {
            Ok(value) => Params::Raw(value),
            Err(error) => Params::Invalid(format!("the params could not be serialised: {error}")),
        }
    }

    pub(crate) fn replace(&mut self, value: Result<Value, serde_json::Error>) {
        // The first problem is the one to report: later setters may have failed because of it.
        if !matches!(self, Params::Invalid(_)) {
            *self = Params::raw(value);
        }
    }

    fn set(&mut self, name: &'static str, value: Result<Value, serde_json::Error>) {
        let value = match value {
            Ok(value) => value,
            Err(error) => {
                if !matches!(self, Params::Invalid(_)) {
                    *self =
                        Params::Invalid(format!("param `{name}` could not be serialised: {error}"));
                }
                return;
            }
        };
        match self {
            Params::None | Params::Raw(Value::Null) => {
                *self = Params::Named(Map::from_iter([(name.to_owned(), value)]));
            }
            Params::Named(map) | Params::Raw(Value::Object(map)) => {
                map.insert(name.to_owned(), value);
            }
            Params::Raw(_) => {
                *self = Params::Invalid(format!(
                    "param `{name}` cannot be added to params that are not an object"
                ));
            }
            Params::Invalid(_) => {}
        }
    }

    /// The `params` member to send, if any; the one place the "array or object" rule of
    /// JSON-RPC is checked.
    pub(crate) fn into_wire(self) -> Result<Option<Value>, Error> {
        match self {
            Params::None | Params::Raw(Value::Null) => Ok(None),
            Params::Named(map) => Ok(Some(Value::Object(map))),
            Params::Raw(value @ (Value::Array(_) | Value::Object(_))) => Ok(Some(value)),
            Params::Raw(value) => Err(Error::InvalidRequest(format!(
                "params must serialise to a JSON array or object (or null for none), not {}",
                match value {
                    Value::Bool(_) => "a boolean",
                    Value::Number(_) => "a number",
                    _ => "a string",
                }
            ))),
            Params::Invalid(why) => Err(Error::InvalidRequest(why)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wire(params: Params) -> Result<Option<Value>, String> {
        params.into_wire().map_err(|error| error.to_string())
    }

    #[test]
    fn named_params_form_an_object() {
        let mut params = Params::None;
        params.set("order_id", Ok(json!("1")));
        params.set("status", Ok(json!("paid")));
        assert_eq!(
            wire(params),
            Ok(Some(json!({"order_id": "1", "status": "paid"})))
        );
    }

    #[test]
    fn no_params_means_no_member() {
        assert_eq!(wire(Params::None), Ok(None));
        assert_eq!(wire(Params::raw(Ok(Value::Null))), Ok(None));
    }

    #[test]
    fn only_arrays_and_objects_are_sent() {
        assert_eq!(
            wire(Params::raw(Ok(json!([1, 2])))),
            Ok(Some(json!([1, 2])))
        );
        assert_eq!(
            wire(Params::raw(Ok(json!("x")))),
            Err(
                "invalid request: params must serialise to a JSON array or object (or null for \
                 none), not a string"
                    .to_owned()
            )
        );
        assert!(wire(Params::raw(Ok(json!(1)))).is_err());
        assert!(wire(Params::raw(Ok(json!(true)))).is_err());
    }

    #[test]
    fn the_first_serialisation_failure_is_kept() {
        let bad = || serde_json::to_value(std::collections::HashMap::from([((1, 2), 3)]));
        let mut params = Params::None;
        params.set("a", Ok(json!(1)));
        params.set("b", bad());
        params.set("c", bad());
        params.set("d", Ok(json!(1)));
        let error = wire(params).unwrap_err();
        assert!(
            error.starts_with("invalid request: param `b` could not be serialised: "),
            "{error}"
        );
    }

    #[test]
    fn named_params_cannot_join_positional_ones() {
        let mut params = Params::raw(Ok(json!([1])));
        params.set("a", Ok(json!(1)));
        assert!(wire(params).is_err());
    }
}
