//! [`SharedBudget`]: a request budget enforced across processes (replicas of
//! one service), behind a [`RateBudget`](crate::RateBudget).
//!
//! The in-process budget is the default. With a shared one (the `redis`
//! feature's budget), every request takes its slot from the shared budget; if
//! that fails, the [`RateBudget`](crate::RateBudget) falls back to its local
//! budget (the shared one logs one warning per outage) unless
//! [`fail_when_unavailable`](SharedBudget::fail_when_unavailable).

use std::fmt;
use std::time::Duration;

use crate::auth::token::BoxFuture;
use crate::error::Result;

/// One budget of requests per window, shared by every process that uses it.
pub trait SharedBudget: Send + Sync + fmt::Debug {
    /// Takes a slot now if one is free (`Ok(Ok(()))`); otherwise says how long
    /// until one frees up (`Ok(Err(wait))`). `Err`: the shared budget is
    /// unavailable.
    fn try_take(&self) -> BoxFuture<'_, Result<std::result::Result<(), Duration>>>;

    /// Whether an unavailable budget fails the request (`true`) or the local
    /// budget stands in (`false`, the default).
    fn fail_when_unavailable(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::error::Error;
    use crate::transport::rate_limit::RateBudget;

    /// Answers "wait 5 ms" once, then grants; or always fails.
    #[derive(Debug, Default)]
    struct Fake {
        calls: AtomicUsize,
        down: bool,
        fail_mode: bool,
    }

    impl SharedBudget for Fake {
        fn try_take(&self) -> BoxFuture<'_, Result<std::result::Result<(), Duration>>> {
            Box::pin(async move {
                let call = self.calls.fetch_add(1, Ordering::SeqCst);
                if self.down {
                    return Err(Error::config("budget store down"));
                }
                Ok(if call == 0 {
                    Err(Duration::from_millis(5))
                } else {
                    Ok(())
                })
            })
        }
        fn fail_when_unavailable(&self) -> bool {
            self.fail_mode
        }
    }

    #[tokio::test]
    async fn the_shared_budget_decides_and_its_wait_is_honoured() {
        let fake = Arc::new(Fake::default());
        let budget = RateBudget::new(1, Duration::from_secs(3600)).shared(fake.clone());
        assert!(budget.is_shared());
        for _ in 0..3 {
            budget.acquire_for(&http::Method::GET, "/x").await.unwrap();
        }
        // The local budget (1 per hour) was not used: the shared one granted all.
        assert_eq!(fake.calls.load(Ordering::SeqCst), 4);
        assert!(budget.try_acquire().is_ok());
    }

    #[tokio::test]
    async fn an_unavailable_shared_budget_falls_back_or_fails() {
        let down = Arc::new(Fake {
            down: true,
            ..Fake::default()
        });
        let budget = RateBudget::new(5, Duration::from_secs(3600)).shared(down);
        budget.acquire_for(&http::Method::GET, "/x").await.unwrap();
        budget.acquire().await;
        assert!(
            budget.try_acquire().is_ok(),
            "the local budget counted 2 of 5"
        );
        let failing = Arc::new(Fake {
            down: true,
            fail_mode: true,
            ..Fake::default()
        });
        let budget = RateBudget::new(5, Duration::from_secs(3600)).shared(failing);
        let error = budget
            .acquire_for(&http::Method::POST, "/tickets")
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::Transport { path, .. } if path == "/tickets"),
            "{error:?}"
        );
    }
}
