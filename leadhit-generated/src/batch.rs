//! JSON-RPC 2.0 batches: [`Client::batch`] takes a tuple of up to 12 requests (each keeps its
//! own result type) or a `Vec` of requests of one type, sends them, and gives back each call's
//! own `Result`, in the order given.
//!
//! A JSON-RPC batch goes to one URL, so calls to several nodes become one batch request per
//! node, sent at the same time. Only the final decoding is generic (the [`Batch`] impls); the
//! sending is shared by every batch.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::answer::Reply;
use crate::call::{Call, Options};
use crate::{transport, Client, Error, Request, Retry};

/// What [`Client::batch`] accepts: a tuple of 1 to 12 [`Request`]s, each decoded into its own
/// type, or a `Vec` of requests of one type.
///
/// Implemented by this crate only.
pub trait Batch<'a>: sealed::Sealed + Send {
    /// One `Result` per call, in the order given: a tuple of `Result`s for a tuple, a
    /// `Vec<Result<T, Error>>` for a `Vec`.
    type Output;

    #[doc(hidden)]
    fn __calls(self, calls: &mut Vec<Entry<'a>>);

    #[doc(hidden)]
    fn __decode(replies: &mut std::vec::IntoIter<Result<Reply, Error>>) -> Self::Output;
}

mod sealed {
    pub trait Sealed {}
}

/// One call of a batch, and the client its request was made by.
pub struct Entry<'a> {
    client: &'a Client,
    call: Call<'static>,
}

impl<'a, T, M> Request<'a, T, M> {
    fn into_entry(self) -> Entry<'a> {
        Entry {
            client: self.client,
            call: self.call,
        }
    }
}

/// The next reply, decoded. `Batch::__decode` is called with exactly one reply per call.
fn decode_next<T: DeserializeOwned>(
    replies: &mut std::vec::IntoIter<Result<Reply, Error>>,
) -> Result<T, Error> {
    replies
        .next()
        .expect("one reply per call of the batch")?
        .decode()
}

impl<T: DeserializeOwned, M> sealed::Sealed for Vec<Request<'_, T, M>> {}

impl<'a, T: DeserializeOwned, M> Batch<'a> for Vec<Request<'a, T, M>> {
    type Output = Vec<Result<T, Error>>;

    fn __calls(self, calls: &mut Vec<Entry<'a>>) {
        calls.extend(self.into_iter().map(Request::into_entry));
    }

    fn __decode(replies: &mut std::vec::IntoIter<Result<Reply, Error>>) -> Self::Output {
        replies.map(|reply| reply.and_then(Reply::decode)).collect()
    }
}

macro_rules! tuple_batch {
    ($($T:ident $M:ident $r:ident),+) => {
        impl<$($T: DeserializeOwned, $M,)+> sealed::Sealed for ($(Request<'_, $T, $M>,)+) {}

        impl<'a, $($T: DeserializeOwned, $M,)+> Batch<'a> for ($(Request<'a, $T, $M>,)+) {
            type Output = ($(Result<$T, Error>,)+);

            fn __calls(self, calls: &mut Vec<Entry<'a>>) {
                let ($($r,)+) = self;
                $(calls.push($r.into_entry());)+
            }

            fn __decode(replies: &mut std::vec::IntoIter<Result<Reply, Error>>) -> Self::Output {
                ($(decode_next::<$T>(replies),)+)
            }
        }
    };
}

tuple_batch!(T1 M1 r1);
tuple_batch!(T1 M1 r1, T2 M2 r2);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7);
tuple_batch!(T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7, T8 M8 r8);
tuple_batch!(
    T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7, T8 M8 r8, T9 M9 r9
);
tuple_batch!(
    T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7, T8 M8 r8, T9 M9 r9,
    T10 M10 r10
);
tuple_batch!(
    T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7, T8 M8 r8, T9 M9 r9,
    T10 M10 r10, T11 M11 r11
);
tuple_batch!(
    T1 M1 r1, T2 M2 r2, T3 M3 r3, T4 M4 r4, T5 M5 r5, T6 M6 r6, T7 M7 r7, T8 M8 r8, T9 M9 r9,
    T10 M10 r10, T11 M11 r11, T12 M12 r12
);

/// A batch being set up: `.await` it (or [`send`](Self::send) it), after per-batch options if
/// any. Made by [`Client::batch`].
#[must_use = "a batch does nothing until it is sent with `.send().await` or `.await`"]
pub struct BatchRequest<'a, B> {
    client: &'a Client,
    batch: B,
    options: Options,
}

impl<'a, B: Batch<'a>> BatchRequest<'a, B> {
    pub(crate) fn new(client: &'a Client, batch: B) -> Self {
        BatchRequest {
            client,
            batch,
            options: Options::default(),
        }
    }

    /// The timeout of the whole batch, retries included (default: the client's).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The retry policy of the batch (default: the client's). A batch is retried as a whole
    /// under the same rules as a single call.
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.options.retry = Some(retry);
        self
    }

    /// Adds an HTTP header to the batch's request(s), as [`Request::with_header`] does.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.options.add_header(name, value);
        self
    }

    /// Sends the batch; works like `pub async fn send(self) -> Result<B::Output, Error>`.
    pub fn send(self) -> impl Future<Output = Result<B::Output, Error>> + Send + 'a
    where
        B: 'a,
    {
        let mut entries = Vec::new();
        self.batch.__calls(&mut entries);
        let sent = send_entries(self.client, entries, self.options);
        async move {
            let replies = sent.await?;
            Ok(B::__decode(&mut replies.into_iter()))
        }
    }
}

impl<'a, B: Batch<'a> + 'a> IntoFuture for BatchRequest<'a, B> {
    type Output = Result<B::Output, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    /// Lets `batch.await` stand for `batch.send().await`.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<B> std::fmt::Debug for BatchRequest<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchRequest")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Checks the batch, sends one request per node at once, and puts the outcomes back in the
/// order of `entries`. Every check runs before anything is sent.
async fn send_entries(
    client: &Client,
    entries: Vec<Entry<'_>>,
    options: Options,
) -> Result<Vec<Result<Reply, Error>>, Error> {
    let inner = &client.inner;
    if entries.is_empty() {
        return Err(Error::InvalidRequest("the batch has no calls".to_owned()));
    }
    if entries.len() > inner.max_batch_size {
        return Err(Error::InvalidRequest(format!(
            "the batch has {} calls, over the limit of {} \
             (raise it with Client::builder().max_batch_size(...))",
            entries.len(),
            inner.max_batch_size
        )));
    }
    let mut groups: Vec<(&str, Vec<usize>, Vec<Call<'static>>)> = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        check_entry(client, &entry)?;
        let node = entry.call.node;
        match groups.iter_mut().find(|(name, ..)| *name == node) {
            Some((_, indices, calls)) => {
                indices.push(index);
                calls.push(entry.call);
            }
            None => groups.push((node, vec![index], vec![entry.call])),
        }
    }
    let total = groups.iter().map(|(_, indices, _)| indices.len()).sum();
    let (places, sends): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .map(|(node, indices, calls)| {
            (indices, transport::post_batch(inner, node, calls, &options))
        })
        .unzip();
    let mut outcomes: Vec<Option<Result<Reply, Error>>> = (0..total).map(|_| None).collect();
    for (indices, result) in places
        .into_iter()
        .zip(futures_util::future::join_all(sends).await)
    {
        // The first node whose request failed as a whole fails the batch.
        for (index, outcome) in indices.into_iter().zip(result?) {
            outcomes[index] = Some(outcome);
        }
    }
    Ok(outcomes.into_iter().flatten().collect())
}

/// A batch is sent by the client it is called on, with its options: its requests must have
/// been made by that client and carry no options of their own, which it could not honour.
fn check_entry(client: &Client, entry: &Entry<'_>) -> Result<(), Error> {
    if !Arc::ptr_eq(&client.inner, &entry.client.inner) {
        return Err(Error::InvalidRequest(format!(
            "the request for `{}` in the batch was made by another client",
            entry.call.method
        )));
    }
    if !entry.call.options.is_default() {
        return Err(Error::InvalidRequest(format!(
            "the request for `{}` in the batch has its own options: set the timeout, retry \
             policy and headers on the batch (client.batch(...).with_timeout(...))",
            entry.call.method
        )));
    }
    Ok(())
}
