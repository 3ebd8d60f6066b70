//! Retry policy: which failures are retried, how long to wait, and how much to retry overall.
//!
//! Only idempotent requests (GET, HEAD, PUT, OPTIONS, a POST declared as a read;
//! see [`ApiRequest::is_idempotent`](crate::ApiRequest::is_idempotent)) are retried after a
//! response or a timeout; any request may be retried after a *connect* failure,
//! because it never left. Waits use full-jitter exponential backoff, or the server's
//! `Retry-After` (seconds or HTTP date), clamped. A [`RetryBudget`] shared by a
//! client stops retry storms when a vendor is down.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method};

use crate::error::Error;

/// Exponential backoff with full jitter: retry `n` waits a random time in
/// `[floor, max(floor, min(max, initial * 2^n))]` (the floor is zero unless set).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Backoff {
    /// The ceiling of the first wait.
    pub initial: Duration,
    /// The largest wait.
    pub max: Duration,
    /// The shortest wait (for rolling-window rate limits, where a short wait is useless).
    pub floor: Duration,
}

impl Backoff {
    /// A backoff from its first ceiling and its largest wait.
    pub const fn new(initial: Duration, max: Duration) -> Self {
        Backoff {
            initial,
            max,
            floor: Duration::ZERO,
        }
    }

    /// Sets the shortest wait.
    pub const fn with_floor(mut self, floor: Duration) -> Self {
        self.floor = floor;
        self
    }

    /// The ceiling for retry number `retry` (0-based), before jitter.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        self.initial.saturating_mul(factor).min(self.max)
    }

    /// A full-jitter wait for retry number `retry` (0-based).
    pub fn wait(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry).max(self.floor);
        let spread = ceiling - self.floor;
        let nanos = u64::try_from(spread.as_nanos()).unwrap_or(u64::MAX);
        self.floor + Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// How a client retries.
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::RetryConfig;
/// let retry = RetryConfig::standard()
///     .with_max_attempts(5)
///     .with_max_retry_after(Duration::from_secs(120));
/// assert_eq!(retry.max_attempts, 5);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Attempts per call, the first included (1 disables retries).
    pub max_attempts: u32,
    /// Backoff between attempts when the server gives no `Retry-After`.
    pub backoff: Backoff,
    /// Wait after a 429 without `Retry-After` (vendors with rolling windows need long waits).
    pub rate_limited_backoff: Backoff,
    /// The longest `Retry-After` honoured; longer ones are clamped to this.
    pub max_retry_after: Duration,
    /// Capacity of the retry budget (retries a client may make in a burst).
    pub budget_capacity: f64,
    /// Budget tokens a successful call refunds.
    pub budget_refund: f64,
    /// Retry a write (POST, PATCH, or a request marked not idempotent) after a
    /// 429 too. Off by default: only idempotent requests are retried after a
    /// response. Turn it on for a vendor whose 429 comes from a rate limiter in
    /// front of the API (the request was refused unprocessed, so repeating it
    /// cannot duplicate it). Other failures of a write stay
    /// [`Error::WriteUncertain`](crate::Error::WriteUncertain) and are never retried.
    pub retry_rate_limited_writes: bool,
}

impl RetryConfig {
    /// 3 attempts, 200 ms–10 s backoff, `Retry-After` honoured up to 60 s.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            backoff: Backoff::new(Duration::from_millis(200), Duration::from_secs(10)),
            rate_limited_backoff: Backoff::new(Duration::from_secs(2), Duration::from_secs(30)),
            max_retry_after: Duration::from_secs(60),
            budget_capacity: 20.0,
            budget_refund: 0.2,
            retry_rate_limited_writes: false,
        }
    }

    /// No retries at all.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..Self::standard()
        }
    }

    /// Sets the attempt limit (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the backoff used after 5xx, timeouts and connection failures.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Sets the backoff used after a 429 that carries no `Retry-After`.
    pub fn with_rate_limited_backoff(mut self, backoff: Backoff) -> Self {
        self.rate_limited_backoff = backoff;
        self
    }

    /// Sets the clamp on `Retry-After`.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Whether a write refused with 429 is retried (see
    /// [`RetryConfig::retry_rate_limited_writes`]).
    ///
    /// ```
    /// use neo_auth_core::RetryConfig;
    /// assert!(!RetryConfig::standard().retry_rate_limited_writes);
    /// assert!(RetryConfig::standard().with_rate_limited_writes_retried(true).retry_rate_limited_writes);
    /// ```
    pub fn with_rate_limited_writes_retried(mut self, retry: bool) -> Self {
        self.retry_rate_limited_writes = retry;
        self
    }

    /// Sets the retry budget (capacity and refund per success).
    pub fn with_budget(mut self, capacity: f64, refund: f64) -> Self {
        self.budget_capacity = capacity.max(0.0);
        self.budget_refund = refund.max(0.0);
        self
    }

    /// The wait before the next attempt: `Retry-After` (clamped) when given,
    /// else the backoff matching the failure.
    pub fn wait(&self, retry: u32, retry_after: Option<Duration>, rate_limited: bool) -> Duration {
        match retry_after {
            Some(after) => after.min(self.max_retry_after),
            None if rate_limited => self.rate_limited_backoff.wait(retry),
            None => self.backoff.wait(retry),
        }
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

/// A failed attempt the transport may repeat, as shown to a [`RetryPolicy`].
///
/// The transport offers only failures that are safe to repeat: a connect
/// failure (the request never left), a 408/429/5xx or a timeout of an
/// idempotent request, and a write refused with 429
/// ([`refused_write`](RetryAttempt::refused_write)). A write that may have been
/// applied is [`Error::WriteUncertain`] and never reaches a policy.
#[derive(Debug)]
#[non_exhaustive]
pub struct RetryAttempt<'a> {
    /// Failed attempts of this call so far, this one included (at least 1).
    pub failures: u32,
    /// The request's method.
    pub method: &'a Method,
    /// Whether the request is idempotent (its method, or
    /// [`RequestOptions::idempotent`](crate::RequestOptions::idempotent)).
    pub idempotent: bool,
    /// The failure.
    pub error: &'a Error,
    /// The server's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
    /// Whether the server answered 429.
    pub rate_limited: bool,
    /// Whether this is a write (not idempotent) that the server refused with
    /// 429 before processing it. Repeating it is safe only where the vendor's
    /// 429 comes from a rate limiter in front of the API; a policy decides.
    pub refused_write: bool,
}

/// What a [`RetryPolicy`] decided about a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryDecision {
    /// Send the request again after waiting this long. The transport still
    /// returns the error instead when the wait would outlast the call's overall
    /// timeout, or when the client's [`RetryBudget`] is empty.
    RetryAfter(Duration),
    /// Return the error to the caller.
    Stop,
}

/// Decides whether, and after how long, a failed attempt is repeated.
///
/// [`RetryConfig`] is the default implementation; a vendor quirk (a rate
/// limiter whose 429 may be repeated for writes, a status the vendor uses for
/// "try later") is a policy of its own, plugged in with
/// [`TransportBuilder::retry_policy`](crate::TransportBuilder::retry_policy),
/// rather than a flag in the core. The attempt limit comes from
/// [`RetryPolicy::max_attempts`] (or the request's
/// [`RequestOptions::max_attempts`](crate::RequestOptions::max_attempts)) and is
/// checked before the policy is asked.
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::{RetryAttempt, RetryConfig, RetryDecision, RetryPolicy};
///
/// /// The standard policy, but never waits longer than a second.
/// #[derive(Debug)]
/// struct Impatient(RetryConfig);
///
/// impl RetryPolicy for Impatient {
///     fn max_attempts(&self) -> u32 {
///         self.0.max_attempts
///     }
///     fn decide(&self, attempt: &RetryAttempt<'_>) -> RetryDecision {
///         match self.0.decide(attempt) {
///             RetryDecision::RetryAfter(wait) if wait > Duration::from_secs(1) => RetryDecision::Stop,
///             other => other,
///         }
///     }
/// }
/// # let _ = Impatient(RetryConfig::standard());
/// ```
pub trait RetryPolicy: Send + Sync + fmt::Debug {
    /// Attempts per call, the first included (at least 1 is used).
    fn max_attempts(&self) -> u32;

    /// Whether to repeat the failed attempt, and after how long.
    fn decide(&self, attempt: &RetryAttempt<'_>) -> RetryDecision;
}

impl RetryPolicy for RetryConfig {
    fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// A write refused with 429 is repeated only with
    /// [`retry_rate_limited_writes`](RetryConfig::retry_rate_limited_writes);
    /// everything else after [`RetryConfig::wait`].
    fn decide(&self, attempt: &RetryAttempt<'_>) -> RetryDecision {
        if attempt.refused_write && !self.retry_rate_limited_writes {
            return RetryDecision::Stop;
        }
        RetryDecision::RetryAfter(self.wait(
            attempt.failures.saturating_sub(1),
            attempt.retry_after,
            attempt.rate_limited,
        ))
    }
}

/// A token bucket limiting retries across all calls of a client: each retry takes
/// one token, each success gives back a fraction. When empty, failures are returned
/// instead of retried.
#[derive(Debug)]
pub struct RetryBudget {
    capacity: f64,
    refund: f64,
    tokens: Mutex<f64>,
}

impl RetryBudget {
    /// A full budget.
    pub fn new(capacity: f64, refund: f64) -> Self {
        RetryBudget {
            capacity,
            refund,
            tokens: Mutex::new(capacity),
        }
    }

    /// Takes one retry from the budget; `false` when none is left.
    pub fn try_withdraw(&self) -> bool {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Records a success.
    pub fn deposit(&self) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *tokens = (*tokens + self.refund).min(self.capacity);
    }

    /// Tokens left.
    pub fn remaining(&self) -> f64 {
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Parses a `Retry-After` header: delay-seconds or an HTTP date (relative to `now`).
/// A date in the past means "now" (zero). Garbage gives `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).ok())
            .flatten();
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Reads `Retry-After` from response headers.
pub fn retry_after_from_headers(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 1 ", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in ["", "soon", "-5", "NaN", "inf", "99999999999999999999999"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn backoff_is_bounded_and_grows() {
        let b = Backoff::new(Duration::from_millis(100), Duration::from_secs(1));
        assert_eq!(b.ceiling(0), Duration::from_millis(100));
        assert_eq!(b.ceiling(2), Duration::from_millis(400));
        assert_eq!(b.ceiling(40), Duration::from_secs(1));
        for retry in 0..50 {
            assert!(b.wait(retry) <= Duration::from_secs(1));
        }
        let floored = b.with_floor(Duration::from_millis(700));
        for retry in 0..50 {
            let wait = floored.wait(retry);
            assert!(wait >= Duration::from_millis(700) && wait <= Duration::from_secs(1));
        }
    }

    #[test]
    fn retry_after_is_clamped() {
        let cfg = RetryConfig::standard().with_max_retry_after(Duration::from_secs(5));
        assert_eq!(
            cfg.wait(0, Some(Duration::from_secs(600)), true),
            Duration::from_secs(5)
        );
        assert_eq!(
            cfg.wait(0, Some(Duration::from_secs(1)), true),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn the_standard_policy_stops_refused_writes_unless_told() {
        let error = Error::config("x");
        let attempt = |refused_write| RetryAttempt {
            failures: 1,
            method: &Method::POST,
            idempotent: false,
            error: &error,
            retry_after: Some(Duration::from_secs(2)),
            rate_limited: true,
            refused_write,
        };
        let standard = RetryConfig::standard();
        assert_eq!(standard.decide(&attempt(true)), RetryDecision::Stop);
        assert_eq!(
            standard.decide(&attempt(false)),
            RetryDecision::RetryAfter(Duration::from_secs(2))
        );
        let writes = standard.with_rate_limited_writes_retried(true);
        assert_eq!(
            writes.decide(&attempt(true)),
            RetryDecision::RetryAfter(Duration::from_secs(2))
        );
    }

    #[test]
    fn budget_runs_out_and_refills() {
        let budget = RetryBudget::new(2.0, 0.5);
        assert!(budget.try_withdraw());
        assert!(budget.try_withdraw());
        assert!(!budget.try_withdraw());
        budget.deposit();
        budget.deposit();
        assert!(budget.try_withdraw());
        for _ in 0..100 {
            budget.deposit();
        }
        assert_eq!(budget.remaining(), 2.0);
    }
}
