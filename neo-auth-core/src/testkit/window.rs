//! A rolling-window rate limiter: exactly N requests in any span of D.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::clock::{Clock, SystemClock};

/// At most `limit` admitted requests in any rolling `window` (HaloPSA's hosted
/// limit: 700 per 5 minutes); a request is counted from the instant it is
/// admitted until exactly `window` later. Refused requests do not count.
/// The clock is injectable, so tests move time instead of sleeping.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use neo_auth_core::ManualClock;
/// use neo_auth_core::testkit::RollingWindow;
///
/// let clock = Arc::new(ManualClock::new());
/// let mut window = RollingWindow::new(2, Duration::from_secs(60)).with_clock(clock.clone());
/// assert!(window.try_admit());
/// clock.advance(Duration::from_secs(30));
/// assert!(window.try_admit());
/// assert!(!window.try_admit());
/// assert_eq!(window.retry_after(), Some(Duration::from_secs(30)));
/// clock.advance(Duration::from_secs(30));
/// assert!(window.try_admit()); // the first request left the window
/// ```
#[derive(Clone, Debug)]
pub struct RollingWindow {
    limit: usize,
    window: Duration,
    admitted: VecDeque<Instant>,
    clock: Arc<dyn Clock>,
}

impl RollingWindow {
    /// `limit` requests per `window`, on the system clock.
    pub fn new(limit: u32, window: Duration) -> RollingWindow {
        RollingWindow {
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
            window,
            admitted: VecDeque::new(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Uses `clock` (e.g. a [`ManualClock`](crate::ManualClock)).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> RollingWindow {
        self.clock = clock;
        self
    }

    /// The limit.
    pub fn limit(&self) -> u32 {
        u32::try_from(self.limit).unwrap_or(u32::MAX)
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// Admits a request now (`true`) or refuses it (`false`, not counted).
    pub fn try_admit(&mut self) -> bool {
        let now = self.clock.now();
        self.expire(now);
        if self.admitted.len() >= self.limit {
            return false;
        }
        self.admitted.push_back(now);
        true
    }

    /// How many more requests would be admitted now.
    pub fn remaining(&mut self) -> u32 {
        let now = self.clock.now();
        self.expire(now);
        u32::try_from(self.limit.saturating_sub(self.admitted.len())).unwrap_or(u32::MAX)
    }

    /// How long until a request would be admitted (`None`: now).
    pub fn retry_after(&mut self) -> Option<Duration> {
        let now = self.clock.now();
        self.expire(now);
        if self.admitted.len() < self.limit {
            return None;
        }
        // Full (and limit > 0): the oldest admitted request leaves first.
        match self.admitted.front() {
            Some(oldest) => Some(self.window.saturating_sub(now.duration_since(*oldest))),
            None => Some(self.window),
        }
    }

    /// Forgets every admitted request.
    pub fn reset(&mut self) {
        self.admitted.clear();
    }

    fn expire(&mut self, now: Instant) {
        while self
            .admitted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            self.admitted.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    #[test]
    fn exact_window_edges_and_refusals_not_counted() {
        let clock = Arc::new(ManualClock::new());
        let mut w = RollingWindow::new(3, Duration::from_secs(10)).with_clock(clock.clone());
        assert!(w.try_admit());
        clock.advance(Duration::from_secs(4));
        assert!(w.try_admit());
        assert!(w.try_admit());
        assert_eq!(w.remaining(), 0);
        // Refusals in the window do not extend it.
        for _ in 0..5 {
            assert!(!w.try_admit());
        }
        clock.advance(Duration::from_nanos(5_999_999_999));
        assert!(!w.try_admit(), "1 ns before the first request leaves");
        assert_eq!(w.retry_after(), Some(Duration::from_nanos(1)));
        clock.advance(Duration::from_nanos(1));
        assert_eq!(w.retry_after(), None);
        assert!(w.try_admit());
        assert!(!w.try_admit());
        clock.advance(Duration::from_secs(4));
        assert_eq!(w.remaining(), 2, "the two at t=4 s left at t=14 s");
        w.reset();
        assert_eq!(w.remaining(), 3);
    }

    #[test]
    fn a_zero_limit_admits_nothing() {
        let mut w = RollingWindow::new(0, Duration::from_secs(1));
        assert!(!w.try_admit());
        assert_eq!(w.retry_after(), Some(Duration::from_secs(1)));
    }
}
