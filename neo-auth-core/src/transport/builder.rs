//! [`TransportBuilder`]: every setting of a transport, validated in `build()`.

use std::fmt;
use std::sync::Arc;

use super::redirect::same_origin_redirects;
use super::timeouts::Timeouts;
use super::{Inner, Transport};
use crate::access::policy::AccessPolicy;
use crate::auth::credential::Credential;
use crate::error::vendor_body::VendorErrors;
use crate::error::{Error, Result};
use crate::transport::rate_limit::RateBudget;
use crate::transport::retry::{RetryBudget, RetryConfig, RetryPolicy};
use crate::transport::url_policy::validate_base_url;

/// Builds a [`Transport`]; everything is validated in [`TransportBuilder::build`].
pub struct TransportBuilder {
    pub(super) base_url: String,
    pub(super) credential: Option<Arc<dyn Credential>>,
    pub(super) policy: AccessPolicy,
    pub(super) retry: RetryConfig,
    pub(super) retry_policy: Option<Arc<dyn RetryPolicy>>,
    pub(super) timeouts: Timeouts,
    pub(super) user_agent: String,
    pub(super) errors: Arc<dyn VendorErrors>,
    pub(super) rate_budget: Option<Arc<RateBudget>>,
    pub(super) max_response_body: u64,
}

impl fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("base_url", &self.base_url)
            .field("credential", &self.credential)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl TransportBuilder {
    /// The default limit of a success response's body: 32 MiB.
    pub const DEFAULT_MAX_RESPONSE_BODY: u64 = 32 * 1024 * 1024;

    /// Sets the credential (required).
    pub fn credential(mut self, credential: Arc<dyn Credential>) -> Self {
        self.credential = Some(credential);
        self
    }

    /// Sets the access policy (default: read-only everywhere).
    pub fn policy(mut self, policy: AccessPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the retry configuration: the attempt limit, the waits and the
    /// retry budget. It is also the retry policy unless
    /// [`retry_policy`](TransportBuilder::retry_policy) plugs in another one.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Plugs in a retry policy deciding whether and how long to wait before a
    /// retry (default: the [`retry`](TransportBuilder::retry) configuration
    /// itself). The retry budget stays the one of the retry configuration. A
    /// write that may have been applied is never offered to a policy: it stays
    /// [`Error::WriteUncertain`].
    ///
    /// ```
    /// use std::sync::Arc;
    /// use neo_auth_core::{BasicCredential, RetryConfig, Transport};
    /// use secrecy::SecretString;
    /// let credential = BasicCredential::new("id", SecretString::from("secret")).unwrap();
    /// let transport = Transport::builder("https://acme.example.com/api")
    ///     .credential(Arc::new(credential))
    ///     .retry_policy(Arc::new(RetryConfig::standard().with_rate_limited_writes_retried(true)))
    ///     .build()
    ///     .unwrap();
    /// # let _ = transport;
    /// ```
    pub fn retry_policy(mut self, policy: Arc<dyn RetryPolicy>) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// Sets the timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sets the `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Plugs in the vendor's error conventions.
    pub fn vendor_errors(mut self, errors: Arc<dyn VendorErrors>) -> Self {
        self.errors = errors;
        self
    }

    /// Sets (or, with `None`, removes) a client-side rate budget.
    pub fn rate_budget(mut self, budget: Option<Arc<RateBudget>>) -> Self {
        self.rate_budget = budget;
        self
    }

    /// Sets the largest success response body the transport reads, in bytes
    /// (default [`TransportBuilder::DEFAULT_MAX_RESPONSE_BODY`], 32 MiB; must be
    /// greater than zero). A longer body is not read and the call fails with
    /// [`Error::ResponseTooLarge`] (inside [`Error::WriteUncertain`] for a POST or
    /// PATCH: the write was applied). Override it per request with
    /// [`RequestOptions::max_response_body`](crate::RequestOptions::max_response_body).
    /// Error bodies are always cut at 64 KiB instead.
    pub fn max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Validates and builds.
    pub fn build(self) -> Result<Transport> {
        let base = validate_base_url(&self.base_url)?;
        let credential = self
            .credential
            .ok_or_else(|| Error::config("a credential is required"))?;
        if !self.timeouts.are_positive() {
            return Err(Error::config("timeouts must be greater than zero"));
        }
        if self.max_response_body == 0 {
            return Err(Error::config(
                "the response body limit must be greater than zero",
            ));
        }
        if self.user_agent.trim().is_empty() {
            return Err(Error::config("the User-Agent must not be empty"));
        }
        let client = |redirects: reqwest::redirect::Policy| {
            crate::transport::tls::http_client_builder()
                .user_agent(self.user_agent.clone())
                .connect_timeout(self.timeouts.connect)
                .redirect(redirects)
                .build()
                .map_err(|e| Error::config_with("could not build the HTTP client", e))
        };
        let http = client(same_origin_redirects())?;
        // Writes never follow redirects: a 301/302/303 would turn a POST into a
        // GET and report the GET's answer as the write's result.
        let http_no_redirects = client(reqwest::redirect::Policy::none())?;
        Ok(Transport {
            inner: Arc::new(Inner {
                http,
                http_no_redirects,
                base,
                credential,
                policy: self.policy,
                budget: RetryBudget::new(self.retry.budget_capacity, self.retry.budget_refund),
                retry_policy: self
                    .retry_policy
                    .unwrap_or_else(|| Arc::new(self.retry.clone())),
                retry: self.retry,
                timeouts: self.timeouts,
                errors: self.errors,
                rate_budget: self.rate_budget,
                max_response_body: self.max_response_body,
            }),
        })
    }
}
