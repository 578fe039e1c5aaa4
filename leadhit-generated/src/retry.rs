//! `Retry`: which failed attempts are sent again, and how long to wait first.
//!
//! JSON-RPC calls are POSTs and not idempotent: a `set_order_status` sent twice may run twice.
//! So by default only failures where the method cannot have run are retried (the connection
//! was never made, or the server said "not now" with 429 or 503); the ambiguous ones (the
//! request went out and no complete answer came back) only when the user says so.

use std::hash::BuildHasher;
use std::time::Duration;

/// When a failed call is sent again; set for a client with
/// [`ClientBuilder::retry`](crate::ClientBuilder::retry) or for one call with
/// [`Request::with_retry`](crate::Request::with_retry).
///
/// Retried by default, because the method cannot have run:
///
/// - a connection that was never established: refused, DNS failure, connect timeout, TLS
///   handshake failure (`reqwest::Error::is_connect`);
/// - HTTP 429 and 503, after the `Retry-After` the server asks for (in seconds) if it is at most
///   [`max_retry_after`](Self::max_retry_after), else not at all.
///
/// Never retried: a JSON-RPC error (the method ran, or was looked up), HTTP 403 and other 4xx,
/// an answer that does not decode, a redirect, a middleware error. Retried only with
/// [`retry_ambiguous(true)`](Self::retry_ambiguous), because the server may have run the method
/// already: a timeout after the request was sent, HTTP 500, 502 and 504, a connection dropped
/// before the answer was complete.
///
/// Waits grow exponentially from [`backoff`](Self::backoff)'s first delay up to its cap, each a
/// random point in its upper half (jitter, so many clients do not retry in step). Every attempt
/// and wait fits in the call's timeout: a retry that would end past it is not made, and the
/// last failure is returned, saying how many attempts were made.
///
/// ```
/// use std::time::Duration;
/// let patient = leadhit::Retry::default().max_retries(5);
/// let brave = leadhit::Retry::default().retry_ambiguous(true);
/// let off = leadhit::Retry::never();
/// # let _ = (patient, brave, off, Duration::ZERO);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    max_retries: u32,
    first_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    retry_ambiguous: bool,
    attempt_timeout: Option<Duration>,
}

impl Default for Retry {
    /// Up to 2 retries of what is safe, waiting 100 ms, then 200 ms (at most 2 s each), and a
    /// `Retry-After` of at most 10 s.
    fn default() -> Retry {
        Retry {
            max_retries: 2,
            first_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
            retry_ambiguous: false,
            attempt_timeout: None,
        }
    }
}

impl Retry {
    /// No retries at all: each call is sent once. Use it when the HTTP client's middleware
    /// retries on its own, so nothing is retried twice over.
    pub fn never() -> Retry {
        Retry::default().max_retries(0)
    }

    /// How many times a call may be sent again after its first attempt (default 2).
    pub fn max_retries(mut self, max_retries: u32) -> Retry {
        self.max_retries = max_retries;
        self
    }

    /// The wait before the first retry, doubled for each further one up to `max` (defaults
    /// 100 ms and 2 s).
    pub fn backoff(mut self, first: Duration, max: Duration) -> Retry {
        self.first_backoff = first;
        self.max_backoff = max.max(first);
        self
    }

    /// The longest `Retry-After` honoured (default 10 s). A 429 or 503 asking for a longer wait
    /// is returned as it is rather than retried sooner than the server asked.
    pub fn max_retry_after(mut self, max: Duration) -> Retry {
        self.max_retry_after = max;
        self
    }

    /// Also retries failures after which the server may have run the method (default `false`):
    /// a timeout once the request was sent, HTTP 500, 502 and 504, a dropped connection. Only
    /// for methods that are safe to run twice, such as reads.
    pub fn retry_ambiguous(mut self, retry: bool) -> Retry {
        self.retry_ambiguous = retry;
        self
    }

    /// The limit for each attempt (default none: an attempt may use all the call's timeout
    /// that is left). A timed-out attempt can only be retried (with
    /// [`retry_ambiguous`](Self::retry_ambiguous)) if it leaves time for another.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Retry {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Whether each attempt has a limit of its own (`attempt_timeout`).
    pub(crate) fn limits_attempts(&self) -> bool {
        self.attempt_timeout.is_some()
    }

    /// How long the next attempt may take, given what is `left` of the call's timeout.
    pub(crate) fn attempt_limit(&self, left: Duration) -> Duration {
        self.attempt_timeout.map_or(left, |limit| limit.min(left))
    }

    /// Whether a failed attempt (the `retries`-th retry so far) is sent again, and after how
    /// long; `None` to stop.
    pub(crate) fn wait_before_retry(&self, failure: &Failure, retries: u32) -> Option<Duration> {
        if retries >= self.max_retries {
            return None;
        }
        let backoff = self.backoff_for(retries);
        match *failure {
            Failure::Unsent => Some(backoff),
            Failure::NotNow {
                retry_after: Some(asked),
            } => (asked <= self.max_retry_after).then_some(asked.max(backoff)),
            Failure::NotNow { retry_after: None } => Some(backoff),
            Failure::Ambiguous => self.retry_ambiguous.then_some(backoff),
            Failure::Final => None,
        }
    }

    /// The jittered wait before retry number `retries + 1`: a random point in the upper half of
    /// `first * 2^retries`, capped.
    fn backoff_for(&self, retries: u32) -> Duration {
        let full = self
            .first_backoff
            .saturating_mul(1 << retries.min(16))
            .min(self.max_backoff);
        // A randomly keyed hash is random enough for jitter and needs no dependency.
        let random = std::collections::hash_map::RandomState::new().hash_one(retries);
        let half = full / 2;
        half + half.mul_f64((random % 1024) as f64 / 1024.0)
    }
}

/// What a failed attempt says about whether the method may have run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Failure {
    /// The request never reached the server.
    Unsent,
    /// The server refused to take it now (429, 503).
    NotNow { retry_after: Option<Duration> },
    /// The request was sent and no complete answer came back.
    Ambiguous,
    /// Anything else: retrying would not help, or would repeat a call that ran.
    Final,
}

impl Failure {
    /// How a transport error is classified: only `is_connect` proves nothing was sent.
    pub(crate) fn of_transport(error: &reqwest::Error) -> Failure {
        if error.is_connect() {
            Failure::Unsent
        } else {
            Failure::Ambiguous
        }
    }

    /// How a non-2xx status is classified; `retry_after` is its `Retry-After` header.
    pub(crate) fn of_status(status: u16, retry_after: Option<&[u8]>) -> Failure {
        match status {
            429 | 503 => Failure::NotNow {
                // Only the delta-seconds form; an HTTP date is read as no header.
                retry_after: retry_after
                    .and_then(|value| std::str::from_utf8(value).ok())
                    .and_then(|value| value.trim().parse::<u64>().ok())
                    .map(Duration::from_secs),
            },
            500 | 502 | 504 => Failure::Ambiguous,
            _ => Failure::Final,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn only_what_cannot_have_run_is_retried_by_default() {
        let retry = Retry::default();
        assert!(retry.wait_before_retry(&Failure::Unsent, 0).is_some());
        assert!(retry
            .wait_before_retry(&Failure::NotNow { retry_after: None }, 0)
            .is_some());
        assert_eq!(retry.wait_before_retry(&Failure::Ambiguous, 0), None);
        assert_eq!(retry.wait_before_retry(&Failure::Final, 0), None);
        let brave = retry.retry_ambiguous(true);
        assert!(brave.wait_before_retry(&Failure::Ambiguous, 0).is_some());
        assert_eq!(brave.wait_before_retry(&Failure::Final, 0), None);
    }

    #[test]
    fn retries_stop_at_the_maximum() {
        let retry = Retry::default().max_retries(3);
        assert!(retry.wait_before_retry(&Failure::Unsent, 2).is_some());
        assert_eq!(retry.wait_before_retry(&Failure::Unsent, 3), None);
        assert_eq!(Retry::never().wait_before_retry(&Failure::Unsent, 0), None);
    }

    #[test]
    fn backoff_doubles_within_its_upper_half_and_is_capped() {
        let retry = Retry::default().backoff(100 * MS, 350 * MS);
        for _ in 0..50 {
            let waits: Vec<_> = (0..4).map(|n| retry.backoff_for(n)).collect();
            assert!((50 * MS..=100 * MS).contains(&waits[0]), "{waits:?}");
            assert!((100 * MS..=200 * MS).contains(&waits[1]), "{waits:?}");
            assert!((175 * MS..=350 * MS).contains(&waits[2]), "{waits:?}");
            assert!((175 * MS..=350 * MS).contains(&waits[3]), "{waits:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_its_cap() {
        let retry = Retry::default().max_retry_after(Duration::from_secs(5));
        let asked = |secs| Failure::of_status(503, Some(secs));
        assert_eq!(
            retry.wait_before_retry(&asked(b"3"), 0),
            Some(Duration::from_secs(3))
        );
        assert_eq!(retry.wait_before_retry(&asked(b"60"), 0), None);
        // A date is not read; the usual backoff applies.
        let dated = asked(b"Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(dated, Failure::NotNow { retry_after: None });
        assert_eq!(
            Failure::of_status(429, None),
            Failure::NotNow { retry_after: None }
        );
        for (status, failure) in [
            (500, Failure::Ambiguous),
            (502, Failure::Ambiguous),
            (504, Failure::Ambiguous),
            (403, Failure::Final),
            (404, Failure::Final),
            (307, Failure::Final),
        ] {
            assert_eq!(Failure::of_status(status, None), failure, "{status}");
        }
    }
}
