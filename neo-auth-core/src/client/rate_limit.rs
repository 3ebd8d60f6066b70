//! [`RateLimit`]: a vendor's published request limit, as configuration.

use std::fmt;
use std::time::Duration;

/// At most `requests` API requests per rolling `per` (HaloPSA: 300 per 5
/// minutes). Validated when the client is built: both must be non-zero.
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::RateLimit;
/// let hosted_halo = RateLimit::new(280, Duration::from_secs(300));
/// assert_eq!(hosted_halo.to_string(), "280 requests per 300s");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in any window.
    pub requests: u32,
    /// The rolling window.
    pub per: Duration,
}

impl RateLimit {
    /// `requests` per rolling `per`.
    pub const fn new(requests: u32, per: Duration) -> Self {
        RateLimit { requests, per }
    }

    /// Whether the limit can be met: at least one request per non-zero window.
    pub fn is_valid(&self) -> bool {
        self.requests > 0 && !self.per.is_zero()
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} requests per {:?}", self.requests, self.per)
    }
}
