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
