//! An injectable monotonic clock, so token expiry is tested without sleeping.

use std::fmt::Debug;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A source of monotonic time.
pub trait Clock: Send + Sync + Debug {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The real monotonic clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to (for tests).
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::{Clock, ManualClock};
/// let clock = ManualClock::new();
/// let t0 = clock.now();
/// clock.advance(Duration::from_secs(3600));
/// assert_eq!(clock.now() - t0, Duration::from_secs(3600));
/// ```
#[derive(Debug)]
pub struct ManualClock {
    base: Instant,
    offset: Mutex<Duration>,
}

impl ManualClock {
    /// A clock standing at the current instant.
    pub fn new() -> Self {
        ManualClock {
            base: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }

    /// Moves the clock forward; it stops at the latest instant the platform can
    /// represent instead of overflowing (so `advance(Duration::MAX)` is "forever").
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        let target = offset.saturating_add(by);
        *offset = if self.base.checked_add(target).is_some() {
            target
        } else {
            latest_offset(self.base, *offset, target)
        };
    }
}

/// The largest offset in `[from, to)` that `base` can be moved by (`base + from`
/// fits, `base + to` does not): a binary search on nanoseconds.
fn latest_offset(base: Instant, from: Duration, to: Duration) -> Duration {
    let (mut fits, mut overflows) = (from.as_nanos(), to.as_nanos());
    while overflows - fits > 1 {
        let middle = fits + (overflows - fits) / 2;
        if base.checked_add(nanos(middle)).is_some() {
            fits = middle;
        } else {
            overflows = middle;
        }
    }
    nanos(fits)
}

/// A `Duration` of `n` nanoseconds (`n` at most `Duration::MAX` in nanoseconds).
fn nanos(n: u128) -> Duration {
    const PER_SECOND: u128 = 1_000_000_000;
    let seconds = u64::try_from(n / PER_SECOND).unwrap_or(u64::MAX);
    // Below one billion: always fits.
    let subsec = u32::try_from(n % PER_SECOND).unwrap_or(0);
    Duration::new(seconds, subsec)
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let offset = *self.offset.lock().unwrap_or_else(|e| e.into_inner());
        // `advance` keeps `base + offset` representable.
        self.base.checked_add(offset).unwrap_or(self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_forever_saturates() {
        let clock = ManualClock::new();
        let start = clock.now();
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.now() - start, Duration::from_secs(1));
        clock.advance(Duration::MAX);
        let latest = clock.now();
        assert!(latest > start + Duration::from_secs(1));
        assert!(latest.checked_add(Duration::from_nanos(1)).is_none());
        clock.advance(Duration::MAX);
        assert_eq!(clock.now(), latest);
    }
}
