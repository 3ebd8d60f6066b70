//! The timeouts of a transport: connect, one attempt, and a whole call.

use std::time::Duration;

/// Timeouts of a transport.
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::Timeouts;
/// let timeouts = Timeouts::default().with_attempt(Duration::from_secs(5));
/// assert_eq!(timeouts.attempt, Duration::from_secs(5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// TCP/TLS connect timeout.
    pub connect: Duration,
    /// Timeout of one attempt (request sent to body read).
    pub attempt: Duration,
    /// Timeout of a whole call, retries and waits included. A retry whose wait
    /// would outlast it is not attempted: the call returns the last error.
    pub overall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            overall: Duration::from_secs(180),
        }
    }
}

impl Timeouts {
    /// Sets the connect timeout.
    pub fn with_connect(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// Sets the per-attempt timeout.
    pub fn with_attempt(mut self, timeout: Duration) -> Self {
        self.attempt = timeout;
        self
    }

    /// Sets the overall timeout.
    pub fn with_overall(mut self, timeout: Duration) -> Self {
        self.overall = timeout;
        self
    }

    /// Whether every timeout is longer than zero.
    pub(crate) fn are_positive(&self) -> bool {
        !(self.connect.is_zero() || self.attempt.is_zero() || self.overall.is_zero())
    }
}
