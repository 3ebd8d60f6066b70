//! The client core every vendor client is built on: one [`CommonConfig`] a
//! vendor builder embeds (with [`common_config_setters!`](crate::common_config_setters)
//! forwarding its setters), validated and turned into a [`ClientCore`] in the
//! vendor's `build()`.

pub(crate) mod config;
pub(crate) mod core;
pub(crate) mod rate_limit;

/// Adds the [`CommonConfig`](crate::CommonConfig) setters to a vendor client
/// builder, forwarding to the `CommonConfig` in the named field: `policy`,
/// `retry`, `retry_policy`, `timeouts`, `rate_limit`, `token_cache`, `clock`,
/// `page_size`, `pager_limits`, `user_agent`, `max_response_body`. Use it
/// inside an `impl` block of the builder.
///
/// ```
/// use neo_auth_core::{AccessPolicy, CommonConfig, common_config_setters};
///
/// /// A vendor's builder.
/// pub struct ClientBuilder {
///     common: CommonConfig,
/// }
///
/// impl ClientBuilder {
///     common_config_setters!(common);
/// }
///
/// let builder = ClientBuilder { common: CommonConfig::new().with_max_page_size(100) }
///     .policy(AccessPolicy::allow_all())
///     .page_size(50);
/// assert_eq!(builder.common.page_size(), 50);
/// ```
#[macro_export]
macro_rules! common_config_setters {
    ($field:ident) => {
        /// Sets the access policy.
        pub fn policy(mut self, policy: $crate::AccessPolicy) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_policy(policy);
            self
        }

        /// Sets the retry configuration (attempts, waits, retry budget).
        pub fn retry(mut self, retry: $crate::RetryConfig) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_retry(retry);
            self
        }

        /// Plugs in a retry policy deciding whether and how long to wait before
        /// a retry (default: the retry configuration itself).
        pub fn retry_policy(mut self, policy: ::std::sync::Arc<dyn $crate::RetryPolicy>) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_retry_policy(policy);
            self
        }

        /// Sets the timeouts.
        pub fn timeouts(mut self, timeouts: $crate::Timeouts) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_timeouts(timeouts);
            self
        }

        /// Sets the client-side request budget (a `RateLimit` of requests per
        /// rolling window), or with `None` turns it off. It counts every attempt,
        /// retries included, and reads the builder's clock.
        pub fn rate_limit(mut self, limit: impl Into<Option<$crate::RateLimit>>) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_rate_limit(limit);
            self
        }

        $crate::__common_config_redis_setter!($field);

        /// Sets the token cache configuration.
        pub fn token_cache(mut self, config: $crate::TokenCacheConfig) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_token_cache(config);
            self
        }

        /// Injects a clock for token expiry and the client-side request budget (tests).
        pub fn clock(mut self, clock: ::std::sync::Arc<dyn $crate::Clock>) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_clock(clock);
            self
        }

        /// Sets the page size of list requests (validated in `build()` against
        /// the vendor's largest page).
        pub fn page_size(mut self, page_size: u32) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_page_size(page_size);
            self
        }

        /// Sets the pager's limits (the page cap).
        pub fn pager_limits(mut self, limits: $crate::PagerLimits) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_pager_limits(limits);
            self
        }

        /// Sets the `User-Agent`.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_user_agent(user_agent);
            self
        }

        /// Sets the largest success response body read, in bytes (greater than zero).
        pub fn max_response_body(mut self, bytes: u64) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_max_response_body(bytes);
            self
        }
    };
}

/// The `redis` setter of [`common_config_setters!`](crate::common_config_setters),
/// present when the core is built with its `redis` feature.
#[cfg(feature = "redis")]
#[doc(hidden)]
#[macro_export]
macro_rules! __common_config_redis_setter {
    ($field:ident) => {
        /// Shares tokens and the rate budget with every replica through Redis
        /// (one token per credential, one budget per tenant): see
        /// `neo_auth_core::CommonConfig::with_redis`.
        pub fn redis(mut self, redis: $crate::RedisShared) -> Self {
            self.$field = ::core::mem::take(&mut self.$field).with_redis(redis);
            self
        }
    };
}

/// Without the core's `redis` feature there is no `redis` setter.
#[cfg(not(feature = "redis"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __common_config_redis_setter {
    ($field:ident) => {};
}
