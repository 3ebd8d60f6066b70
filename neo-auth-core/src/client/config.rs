//! [`CommonConfig`]: the settings every vendor client builder shares.

use std::fmt;
use std::sync::Arc;

use super::core::{ClientCore, CoreCredential};
use super::rate_limit::RateLimit;
use crate::access::policy::AccessPolicy;
use crate::access::scope::ScopeRules;
use crate::auth::credential::Credential;
use crate::auth::oauth_credential::OAuth2Credential;
use crate::auth::token::TokenSource;
use crate::auth::token_cache::TokenCacheConfig;
use crate::clock::{Clock, SystemClock};
use crate::error::vendor_body::VendorErrors;
use crate::error::{Error, Result};
use crate::paging::pager::PagerLimits;
use crate::transport::rate_limit::RateBudget;
use crate::transport::retry::{RetryConfig, RetryPolicy};
use crate::transport::{Timeouts, Transport, TransportBuilder};

/// The settings every vendor client builder shares: access policy, retry
/// configuration (and an optional [`RetryPolicy`]), timeouts, the client-side
/// [`RateLimit`], the token cache, the clock, the page size and
/// [`PagerLimits`], the `User-Agent` and the response body limit.
///
/// A vendor builder embeds one, sets the vendor's defaults once
/// ([`max_page_size`](CommonConfig::with_max_page_size), its retry policy, its rate
/// limit), forwards the setters with [`common_config_setters!`](crate::common_config_setters)
/// and calls [`CommonConfig::build`] in its own `build()`. Everything is
/// validated there; nothing touches the network.
///
/// ```
/// use std::time::Duration;
/// use neo_auth_core::{BasicCredential, CommonConfig, GenericErrors, RateLimit};
/// use secrecy::SecretString;
/// # fn main() -> neo_auth_core::Result<()> {
/// let core = CommonConfig::new()
///     .with_max_page_size(100)
///     .with_rate_limit(RateLimit::new(280, Duration::from_secs(300)))
///     .build(
///         "https://acme.example.com/api",
///         BasicCredential::new("token-id", SecretString::from("token-secret"))?,
///         std::sync::Arc::new(GenericErrors),
///     )?;
/// assert_eq!(core.page_size(), 100);
/// assert_eq!(core.token_fetches(), 0);
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[must_use]
pub struct CommonConfig {
    policy: AccessPolicy,
    retry: RetryConfig,
    retry_policy: Option<Arc<dyn RetryPolicy>>,
    timeouts: Timeouts,
    rate_limit: Option<RateLimit>,
    token_cache: TokenCacheConfig,
    clock: Arc<dyn Clock>,
    page_size: Option<u32>,
    max_page_size: u32,
    pager_limits: PagerLimits,
    user_agent: Option<String>,
    max_response_body: u64,
    #[cfg(feature = "redis")]
    redis: Option<crate::scale::RedisShared>,
}

impl fmt::Debug for CommonConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut f = f.debug_struct("CommonConfig");
        f.field("policy", &self.policy)
            .field("retry", &self.retry)
            .field("retry_policy", &self.retry_policy)
            .field("timeouts", &self.timeouts)
            .field("rate_limit", &self.rate_limit)
            .field("token_cache", &self.token_cache)
            .field("page_size", &self.page_size())
            .field("max_page_size", &self.max_page_size)
            .field("pager_limits", &self.pager_limits)
            .field("user_agent", &self.user_agent)
            .field("max_response_body", &self.max_response_body);
        #[cfg(feature = "redis")]
        f.field("redis", &self.redis);
        f.finish_non_exhaustive()
    }
}

impl Default for CommonConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl CommonConfig {
    /// The default page-size cap when the vendor sets none.
    pub const DEFAULT_MAX_PAGE_SIZE: u32 = 1000;

    /// The core's defaults: read-only policy, [`RetryConfig::standard`], default
    /// timeouts, no rate limit, the default token cache, the system clock, pages
    /// of [`DEFAULT_MAX_PAGE_SIZE`](Self::DEFAULT_MAX_PAGE_SIZE), default pager
    /// limits, the SDK's `User-Agent` and a 32 MiB body limit.
    pub fn new() -> Self {
        CommonConfig {
            policy: AccessPolicy::default(),
            retry: RetryConfig::standard(),
            retry_policy: None,
            timeouts: Timeouts::default(),
            rate_limit: None,
            token_cache: TokenCacheConfig::default(),
            clock: Arc::new(SystemClock),
            page_size: None,
            max_page_size: Self::DEFAULT_MAX_PAGE_SIZE,
            pager_limits: PagerLimits::default(),
            user_agent: None,
            max_response_body: TransportBuilder::DEFAULT_MAX_RESPONSE_BODY,
            #[cfg(feature = "redis")]
            redis: None,
        }
    }

    /// Sets the access policy.
    pub fn with_policy(mut self, policy: AccessPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the retry configuration (attempts, waits, retry budget).
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Plugs in a retry policy (default: the retry configuration itself); see
    /// [`TransportBuilder::retry_policy`].
    pub fn with_retry_policy(mut self, policy: Arc<dyn RetryPolicy>) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// Sets the timeouts.
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets (a [`RateLimit`]) or, with `None`, removes the client-side request
    /// budget. It counts every attempt, retries included, and reads the
    /// configuration's [`clock`](CommonConfig::with_clock).
    pub fn with_rate_limit(mut self, limit: impl Into<Option<RateLimit>>) -> Self {
        self.rate_limit = limit.into();
        self
    }

    /// Shares tokens and the rate budget with every replica through Redis
    /// (the `redis` feature): OAuth credentials built by
    /// [`oauth_credential`](Self::oauth_credential) share one token per
    /// [`TokenSource::shared_key`], and the [`rate_limit`](Self::with_rate_limit)
    /// becomes one budget per API base URL across replicas.
    ///
    /// ```
    /// use neo_auth_core::{CommonConfig, RedisShared, SealKey};
    /// use secrecy::SecretString;
    /// # fn main() -> neo_auth_core::Result<()> {
    /// let redis = RedisShared::builder(SecretString::from("redis://127.0.0.1:6379"))
    ///     .seal_key(SealKey::from_bytes([9; 32]))
    ///     .build()?;
    /// let config = CommonConfig::new().with_redis(redis);
    /// assert!(format!("{config:?}").contains("RedisShared"));
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "redis")]
    #[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
    pub fn with_redis(mut self, redis: crate::scale::RedisShared) -> Self {
        self.redis = Some(redis);
        self
    }

    /// Sets the token cache configuration (OAuth vendors).
    pub fn with_token_cache(mut self, config: TokenCacheConfig) -> Self {
        self.token_cache = config;
        self
    }

    /// Injects a clock, read by the token cache and the rate budget (tests).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the page size of list requests (1 to the vendor's
    /// [`max_page_size`](CommonConfig::with_max_page_size); default: the maximum).
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// The vendor's largest page (set by the vendor crate, not its users).
    pub fn with_max_page_size(mut self, max: u32) -> Self {
        self.max_page_size = max;
        self
    }

    /// Sets the pager's limits (the page cap).
    pub fn with_pager_limits(mut self, limits: PagerLimits) -> Self {
        self.pager_limits = limits;
        self
    }

    /// Sets the `User-Agent` (default [`default_user_agent`](crate::default_user_agent)).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sets the largest success body read, in bytes; see
    /// [`TransportBuilder::max_response_body`].
    pub fn with_max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The access policy.
    pub fn policy(&self) -> &AccessPolicy {
        &self.policy
    }

    /// The retry configuration.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The rate limit, if any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The page size list requests use (the one set, else the maximum).
    pub fn page_size(&self) -> u32 {
        self.page_size.unwrap_or(self.max_page_size)
    }

    /// The vendor's largest page.
    pub fn max_page_size(&self) -> u32 {
        self.max_page_size
    }

    /// The pager's limits.
    pub fn pager_limits(&self) -> PagerLimits {
        self.pager_limits
    }

    /// Checks every setting; the error says what is wrong.
    pub fn validate(&self) -> Result<()> {
        if self.max_page_size == 0 {
            return Err(Error::config("the largest page size must be at least 1"));
        }
        let page_size = self.page_size();
        if !(1..=self.max_page_size).contains(&page_size) {
            return Err(Error::config(format!(
                "page size {page_size} is outside 1–{}",
                self.max_page_size
            )));
        }
        if let Some(limit) = self.rate_limit
            && !limit.is_valid()
        {
            return Err(Error::config(format!(
                "the rate limit ({limit}) needs at least 1 request per non-zero window; pass None to turn it off"
            )));
        }
        if !self.timeouts.are_positive() {
            return Err(Error::config("timeouts must be greater than zero"));
        }
        if self.max_response_body == 0 {
            return Err(Error::config(
                "the response body limit must be greater than zero",
            ));
        }
        if self
            .user_agent
            .as_deref()
            .is_some_and(|ua| ua.trim().is_empty())
        {
            return Err(Error::config("the User-Agent must not be empty"));
        }
        Ok(())
    }

    /// The client-side rate budget of the [`rate_limit`](CommonConfig::with_rate_limit),
    /// reading the configuration's clock. A new budget each call: build it once
    /// per client.
    pub fn rate_budget(&self) -> Option<Arc<RateBudget>> {
        self.local_rate_budget()
    }

    /// The rate budget of the client for `base_url`: shared through Redis
    /// when [`with_redis`](Self::with_redis) is set, else the local one.
    fn rate_budget_for(&self, base_url: &str) -> Option<Arc<RateBudget>> {
        #[cfg(feature = "redis")]
        if let Some(redis) = &self.redis {
            return self.rate_limit.filter(RateLimit::is_valid).map(|limit| {
                Arc::new(
                    self.local_budget(limit)
                        .shared(Arc::new(redis.shared_budget(base_url, limit))),
                )
            });
        }
        let _ = base_url;
        self.local_rate_budget()
    }

    fn local_rate_budget(&self) -> Option<Arc<RateBudget>> {
        self.rate_limit
            .filter(RateLimit::is_valid)
            .map(|limit| Arc::new(self.local_budget(limit)))
    }

    /// `limit` as an in-process budget on the configuration's clock.
    fn local_budget(&self, limit: RateLimit) -> RateBudget {
        RateBudget::with_clock(limit.requests, limit.per, self.clock.clone())
    }

    /// An [`OAuth2Credential`] over `source`, with the vendor's scope `rules`,
    /// the configuration's token cache settings and clock.
    pub fn oauth_credential(
        &self,
        source: Arc<dyn TokenSource>,
        rules: Arc<dyn ScopeRules>,
    ) -> Result<OAuth2Credential> {
        #[cfg(feature = "redis")]
        let store = self.redis.as_ref().and_then(|redis| {
            source.shared_key().map(|key| {
                Arc::new(redis.token_store(&key)) as Arc<dyn crate::auth::token_store::TokenStore>
            })
        });
        #[cfg(not(feature = "redis"))]
        let store = None;
        OAuth2Credential::builder(source)
            .token_store(store)
            .scope_rules(rules)
            .clock(self.clock.clone())
            .cache_config(self.token_cache.clone())
            .build()
    }

    /// A transport builder for `base_url` with every setting applied except the
    /// credential and the vendor's errors, and a fresh rate budget.
    pub fn transport_builder(&self, base_url: impl Into<String>) -> TransportBuilder {
        let base_url = base_url.into();
        let budget = self.rate_budget_for(&base_url);
        let mut builder = Transport::builder(base_url)
            .policy(self.policy.clone())
            .retry(self.retry.clone())
            .timeouts(self.timeouts)
            .rate_budget(budget)
            .max_response_body(self.max_response_body);
        if let Some(policy) = &self.retry_policy {
            builder = builder.retry_policy(policy.clone());
        }
        if let Some(user_agent) = &self.user_agent {
            builder = builder.user_agent(user_agent.clone());
        }
        builder
    }

    /// Validates the configuration and builds the transport.
    pub fn build_transport(
        &self,
        base_url: impl Into<String>,
        credential: Arc<dyn Credential>,
        vendor_errors: Arc<dyn VendorErrors>,
    ) -> Result<Transport> {
        self.validate()?;
        self.transport_builder(base_url)
            .credential(credential)
            .vendor_errors(vendor_errors)
            .build()
    }

    /// Validates the configuration and builds the [`ClientCore`] a vendor
    /// client wraps: the transport, the credential, the page size and the
    /// pager limits.
    pub fn build(
        self,
        base_url: impl Into<String>,
        credential: impl Into<CoreCredential>,
        vendor_errors: Arc<dyn VendorErrors>,
    ) -> Result<ClientCore> {
        let credential = credential.into();
        let transport =
            self.build_transport(base_url, credential.credential().clone(), vendor_errors)?;
        Ok(ClientCore::new(
            transport,
            credential,
            self.page_size(),
            self.pager_limits,
            self.clock,
        ))
    }
}
