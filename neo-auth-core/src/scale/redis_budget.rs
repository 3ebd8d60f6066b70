//! [`RedisBudget`]: one rolling-window request budget per tenant, in Redis.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::shared::{RedisShared, WhenRedisDown};
use crate::auth::token::BoxFuture;
use crate::client::rate_limit::RateLimit;
use crate::error::Result;
use crate::transport::rate_budget::SharedBudget;
use crate::transport::rate_limit::RateBudget;

/// A rolling-window log in a sorted set, on Redis's clock (`TIME`, not the
/// replicas'), atomic as one script. KEYS[1]: the budget; ARGV: window (µs),
/// limit, a unique member. Returns 0 when a slot was taken, else the wait in
/// microseconds until the oldest entry leaves the window.
const TAKE: &str = r"
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.floor(window / 1000) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now
if wait < 1 then wait = 1 end
return wait
";

/// A [`SharedBudget`] in Redis, from [`RedisShared::rate_budget`]: at most
/// `limit.requests` in any rolling `limit.per`, across every replica.
#[derive(Clone)]
pub struct RedisBudget {
    shared: RedisShared,
    key: String,
    limit: RateLimit,
    take: Arc<redis::Script>,
}

impl RedisShared {
    /// A rate budget of `limit` shared by every replica for `tenant` (for
    /// example the tenant's API base URL; it is hashed), with a local budget
    /// of the same limit standing in while Redis is unavailable.
    pub fn rate_budget(&self, tenant: &str, limit: RateLimit) -> RateBudget {
        RateBudget::new(limit.requests, limit.per)
            .shared(Arc::new(self.shared_budget(tenant, limit)))
    }

    /// The shared part of [`rate_budget`](Self::rate_budget) alone: the
    /// budget in Redis, for a [`RateBudget`] of your own (with your clock)
    /// through [`RateBudget::shared`].
    pub fn shared_budget(&self, tenant: &str, limit: RateLimit) -> RedisBudget {
        RedisBudget::new(self.clone(), self.key("budget", tenant), limit)
    }
}

impl RedisBudget {
    pub(crate) fn new(shared: RedisShared, key: String, limit: RateLimit) -> Self {
        RedisBudget {
            shared,
            key,
            limit,
            take: Arc::new(redis::Script::new(TAKE)),
        }
    }
}

impl fmt::Debug for RedisBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisBudget")
            .field("redis", &self.shared)
            .field("key", &self.key)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl SharedBudget for RedisBudget {
    fn try_take(&self) -> BoxFuture<'_, Result<std::result::Result<(), Duration>>> {
        Box::pin(async move {
            let window = u64::try_from(self.limit.per.as_micros())
                .unwrap_or(u64::MAX)
                .max(1);
            let member = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
            let wait: u64 = self
                .shared
                .run(
                    "taking a slot of the shared rate budget",
                    |mut connection| async move {
                        self.take
                            .key(&self.key)
                            .arg(window)
                            .arg(self.limit.requests)
                            .arg(member)
                            .invoke_async(&mut connection)
                            .await
                    },
                )
                .await?;
            Ok(if wait == 0 {
                Ok(())
            } else {
                Err(Duration::from_micros(wait))
            })
        })
    }

    fn fail_when_unavailable(&self) -> bool {
        self.shared.when_down() == WhenRedisDown::Fail
    }
}
