//! Retry settings for tests that exercise retries without waiting.

use std::time::Duration;

use crate::transport::retry::{Backoff, RetryConfig};

/// [`RetryConfig::standard`] (3 attempts) with millisecond backoff, also after
/// a 429 without `Retry-After`: a test of 5xx or 429 recovery takes
/// milliseconds. A `Retry-After` the fake sends is still honoured.
///
/// ```
/// use neo_auth_core::testkit::fast_retry;
/// let retry = fast_retry();
/// assert!(retry.wait(1, None, true) <= std::time::Duration::from_millis(20));
/// ```
pub fn fast_retry() -> RetryConfig {
    let backoff = Backoff::new(Duration::from_millis(5), Duration::from_millis(20));
    RetryConfig::standard()
        .with_backoff(backoff)
        .with_rate_limited_backoff(backoff)
}
