//! A client-side request budget over a rolling window (HaloPSA: 300 requests per
//! rolling 5 minutes), so a long sync stays under the vendor's limit instead of
//! running into 429s. Optionally shared by every replica of a service
//! ([`RateBudget::shared`], a [`SharedBudget`]).

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::transport::rate_budget::SharedBudget;

/// At most `max_requests` requests in any `window`. Memory is bounded by
/// `max_requests` timestamps.
///
/// With a [`SharedBudget`] ([`RateBudget::shared`]) the budget is the shared
/// one, across processes; the local one stands in while the shared one is
/// unavailable (unless that is configured to fail).
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::RateBudget;
/// let budget = RateBudget::new(300, Duration::from_secs(300));
/// assert_eq!(budget.max_requests(), 300);
/// ```
pub struct RateBudget {
    max_requests: usize,
    window: Duration,
    clock: Arc<dyn Clock>,
    sent: Mutex<VecDeque<Instant>>,
    shared: Option<Arc<dyn SharedBudget>>,
}

impl RateBudget {
    /// A budget of `max_requests` per rolling `window` (at least 1 request).
    pub fn new(max_requests: u32, window: Duration) -> Self {
        Self::with_clock(max_requests, window, Arc::new(SystemClock))
    }

    /// A budget with an injected clock (tests).
    pub fn with_clock(max_requests: u32, window: Duration, clock: Arc<dyn Clock>) -> Self {
        let max_requests = usize::try_from(max_requests.max(1)).unwrap_or(usize::MAX);
        RateBudget {
            max_requests,
            window,
            clock,
            sent: Mutex::new(VecDeque::with_capacity(max_requests.min(4096))),
            shared: None,
        }
    }

    /// This budget, enforced through `shared` across processes; this one is
    /// the local stand-in while `shared` is unavailable.
    pub fn shared(mut self, shared: Arc<dyn SharedBudget>) -> Self {
        self.shared = Some(shared);
        self
    }

    /// Whether the budget is shared across processes.
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    /// The number of requests allowed per window.
    pub fn max_requests(&self) -> usize {
        self.max_requests
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// Takes a slot now if one is free; otherwise says how long until one frees up.
    pub fn try_acquire(&self) -> Result<(), Duration> {
        let now = self.clock.now();
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        while sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
        {
            sent.pop_front();
        }
        if sent.len() < self.max_requests {
            sent.push_back(now);
            return Ok(());
        }
        // The budget is full, so `sent` holds at least one timestamp.
        let wait = sent
            .front()
            .and_then(|oldest| oldest.checked_add(self.window))
            .map_or(self.window, |free_at| {
                free_at.saturating_duration_since(now)
            });
        Err(wait)
    }

    /// Waits until a slot is free and takes it. A shared budget that is
    /// unavailable is stood in for by the local one, whatever its setting;
    /// [`acquire_for`](Self::acquire_for) honours it.
    pub async fn acquire(&self) {
        if let Some(shared) = &self.shared
            && self.acquire_shared(shared.as_ref()).await.is_ok()
        {
            return;
        }
        self.acquire_local().await;
    }

    /// Waits until a slot is free and takes it, for the request `method
    /// path`. When the shared budget is unavailable and set to fail, the
    /// request fails ([`Error::Transport`], before anything was sent).
    pub async fn acquire_for(&self, method: &http::Method, path: &str) -> Result<()> {
        if let Some(shared) = &self.shared {
            match self.acquire_shared(shared.as_ref()).await {
                Ok(()) => return Ok(()),
                Err(error) if shared.fail_when_unavailable() => {
                    return Err(Error::Transport {
                        method: method.clone(),
                        path: path.to_owned(),
                        kind: "the shared rate budget is unavailable",
                        source: Box::new(error),
                    });
                }
                Err(_) => {}
            }
        }
        self.acquire_local().await;
        Ok(())
    }

    async fn acquire_shared(&self, shared: &dyn SharedBudget) -> Result<()> {
        loop {
            match shared.try_take().await? {
                Ok(()) => return Ok(()),
                Err(wait) => {
                    tracing::debug!(?wait, "shared rate budget exhausted; waiting");
                    tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
                }
            }
        }
    }

    async fn acquire_local(&self) {
        loop {
            match self.try_acquire() {
                Ok(()) => return,
                Err(wait) => {
                    tracing::debug!(?wait, "client-side rate budget exhausted; waiting");
                    tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
                }
            }
        }
    }
}

impl fmt::Debug for RateBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateBudget")
            .field("max_requests", &self.max_requests)
            .field("window", &self.window)
            .field("shared", &self.shared)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    #[test]
    fn a_huge_window_does_not_overflow() {
        let budget = RateBudget::new(1, Duration::MAX);
        assert!(budget.try_acquire().is_ok());
        assert!(budget.try_acquire().is_err());
    }

    #[test]
    fn rolling_window() {
        let clock = Arc::new(ManualClock::new());
        let budget = RateBudget::with_clock(3, Duration::from_secs(10), clock.clone());
        assert!(budget.try_acquire().is_ok());
        clock.advance(Duration::from_secs(4));
        assert!(budget.try_acquire().is_ok());
        assert!(budget.try_acquire().is_ok());
        assert_eq!(budget.try_acquire(), Err(Duration::from_secs(6)));
        clock.advance(Duration::from_secs(6));
        assert!(budget.try_acquire().is_ok());
        assert_eq!(budget.try_acquire(), Err(Duration::from_secs(4)));
    }
}
