//! The HTTP transport every vendor client is built on.
//!
//! One [`Transport`] holds the reqwest client, the validated base URL, the
//! credential, the access policy, the retry policy and the vendor's error
//! conventions. [`Transport::send`] runs, in order: the scope check and the policy
//! check (before any traffic), the client-side rate budget, authorization (which may
//! fetch a token once for all callers), the request with its attempt timeout, and
//! then the retry rules:
//!
//! - connect failures are retried for every method (the request never left);
//! - 408/429/5xx and timeouts are retried only for idempotent requests (GET,
//!   HEAD, OPTIONS, PUT, a POST declared as a read; not DELETE unless asked, see
//!   [`ApiRequest::is_idempotent`]);
//! - a POST/PATCH that may have reached the server is never retried: the error is
//!   [`Error::WriteUncertain`] (also for a 301/302/303 answer, which is not
//!   followed; a 307/308 is a definite "not applied here");
//! - a 401 drops the rejected token and retries once with a new one; a second 401
//!   is an authentication error;
//! - a wait before a retry (`Retry-After` or backoff) that would outlast the
//!   overall timeout is not slept through: the last error (a 429 with its
//!   [`retry_after`](Error::retry_after), say) is returned at once.
//!
//! The pieces live in small modules: [`TransportBuilder`] (`builder`),
//! [`Timeouts`] (`timeouts`), [`ApiResponse`] (`response`), redirects
//! (`redirect`), one attempt (`attempt`), failure classification (`failure`) and
//! the scope side of a request (`scope_check`).

mod attempt;
pub(crate) mod body;
mod builder;
mod failure;
pub(crate) mod rate_limit;
mod redirect;
pub(crate) mod request;
mod response;
pub(crate) mod retry;
mod scope_check;
mod timeouts;
pub(crate) mod tls;
pub(crate) mod url_policy;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use http::Method;
use serde::de::DeserializeOwned;
use tracing::{Instrument, field};
use url::Url;

pub use builder::TransportBuilder;
pub use response::ApiResponse;
pub use timeouts::Timeouts;

use crate::access::policy::AccessPolicy;
use crate::access::requirement::Access;
use crate::auth::credential::Credential;
use crate::error::vendor_body::{GenericErrors, VendorErrors};
use crate::error::{Error, Result};
use crate::transport::rate_limit::RateBudget;
use crate::transport::request::ApiRequest;
use crate::transport::retry::{RetryAttempt, RetryBudget, RetryConfig, RetryDecision, RetryPolicy};
use crate::transport::url_policy::join_path;
use failure::{AttemptError, Failure};

/// The SDK's default `User-Agent`.
pub fn default_user_agent() -> String {
    format!("neo-msp-sdk/{} (rust)", env!("CARGO_PKG_VERSION"))
}

struct Inner {
    /// Reads: same-origin redirects are followed.
    http: reqwest::Client,
    /// Everything else: redirects are answers, never followed.
    http_no_redirects: reqwest::Client,
    base: Url,
    credential: Arc<dyn Credential>,
    policy: AccessPolicy,
    retry: RetryConfig,
    /// Decides retries; the `retry` config unless a policy was plugged in.
    retry_policy: Arc<dyn RetryPolicy>,
    budget: RetryBudget,
    timeouts: Timeouts,
    errors: Arc<dyn VendorErrors>,
    rate_budget: Option<Arc<RateBudget>>,
    /// Largest success body read, in bytes (see [`TransportBuilder::max_response_body`]).
    max_response_body: u64,
}

/// The HTTP transport. Cheap to clone; share one per credential.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.inner.base.as_str())
            .field("credential", &self.inner.credential)
            .field("policy", &self.inner.policy)
            .field("retry", &self.inner.retry)
            .field("retry_policy", &self.inner.retry_policy)
            .field("timeouts", &self.inner.timeouts)
            .field("rate_budget", &self.inner.rate_budget)
            .field("max_response_body", &self.inner.max_response_body)
            .finish()
    }
}

impl Transport {
    /// Starts a builder for `base_url` (validated in `build()`).
    pub fn builder(base_url: impl Into<String>) -> TransportBuilder {
        TransportBuilder {
            base_url: base_url.into(),
            credential: None,
            policy: AccessPolicy::default(),
            retry: RetryConfig::default(),
            retry_policy: None,
            timeouts: Timeouts::default(),
            user_agent: default_user_agent(),
            errors: Arc::new(GenericErrors),
            rate_budget: None,
            max_response_body: TransportBuilder::DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    /// The base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The credential.
    pub fn credential(&self) -> &Arc<dyn Credential> {
        &self.inner.credential
    }

    /// The access policy.
    pub fn policy(&self) -> &AccessPolicy {
        &self.inner.policy
    }

    /// The vendor's error conventions.
    pub fn vendor_errors(&self) -> &Arc<dyn VendorErrors> {
        &self.inner.errors
    }

    /// Runs the checks that precede any traffic: the request is well-formed (a
    /// write names its requirement, and a requirement declared as a read is not
    /// sent with a writing method), then the scope check, then the policy check.
    ///
    /// A read without a requirement (a raw escape hatch) has no scope to check
    /// and gets the policy's *default* access
    /// ([`AccessPolicy::check_unlabelled_read`]): refused with
    /// [`Error::PolicyDenied`] for the area
    /// [`AccessPolicy::UNLABELLED_AREA`] when unlisted areas are ignored. A
    /// write without a requirement is refused, because the policy could not be
    /// applied to it. A POST may carry a read requirement (a search endpoint, a
    /// report run, a list whose filters travel in the body): it is checked as a
    /// read and retried like one ([`ApiRequest::is_idempotent`]); PUT, PATCH and
    /// DELETE may not.
    pub fn preflight(&self, request: &ApiRequest) -> Result<()> {
        let what = || request.what();
        let options = &request.options;
        if options.attempt_timeout.is_some_and(|t| t.is_zero())
            || options.overall_timeout.is_some_and(|t| t.is_zero())
        {
            return Err(Error::config(format!(
                "{}: per-request timeouts must be greater than zero",
                what()
            )));
        }
        if options.max_response_body == Some(0) {
            return Err(Error::config(format!(
                "{}: the response body limit must be greater than zero",
                what()
            )));
        }
        let writes = !is_safe_method(&request.method);
        let Some(requirement) = &request.requirement else {
            if writes {
                return Err(Error::config(format!(
                    "{} has no requirement: every write must name its area so that the access policy applies",
                    what()
                )));
            }
            return self.inner.policy.check_unlabelled_read(&what());
        };
        if writes && requirement.access() == Access::Read && !request.is_read_via_post() {
            return Err(Error::config(format!(
                "{} is sent with a writing method but `{}` is declared as a read",
                what(),
                requirement.operation()
            )));
        }
        self.check_scope(requirement)?;
        self.inner
            .policy
            .check(requirement, request.approval.as_ref())?;
        Ok(())
    }

    /// Sends a request and decodes the JSON response.
    pub async fn send_json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        self.send(request).await?.json()
    }

    /// Sends a request: checks, authorization, retries, error mapping.
    pub async fn send(&self, request: ApiRequest) -> Result<ApiResponse> {
        let span = tracing::info_span!(
            "neo.request",
            method = %request.method,
            path = %request.path,
            operation = field::Empty,
            approved_by = field::Empty,
            approval_reason = field::Empty,
            attempt = field::Empty,
            status = field::Empty,
        );
        if let Some(requirement) = &request.requirement {
            span.record("operation", requirement.operation());
        }
        if let Some(approval) = &request.approval {
            span.record("approved_by", approval.approved_by());
            span.record("approval_reason", approval.reason());
        }
        self.send_checked(request).instrument(span).await
    }

    async fn send_checked(&self, request: ApiRequest) -> Result<ApiResponse> {
        self.preflight(&request)?;
        let overall = request
            .options
            .overall_timeout
            .unwrap_or(self.inner.timeouts.overall);
        // Whether an attempt is on the wire whose outcome is unknown: only then can
        // an overall timeout leave a write half-done.
        let in_flight = AtomicBool::new(false);
        // No deadline when the limit reaches past what an `Instant` can hold
        // (`Duration::MAX` as "no limit"): `timeout` then saturates.
        let deadline = tokio::time::Instant::now().checked_add(overall);
        let attempts = self.attempts(&request, &in_flight, deadline);
        let outcome = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, attempts).await,
            None => tokio::time::timeout(overall, attempts).await,
        };
        match outcome {
            Ok(result) => result,
            Err(_) => {
                let error = Error::timeout(request.what(), overall);
                Err(
                    if request.is_idempotent() || !in_flight.load(Ordering::Relaxed) {
                        error
                    } else {
                        self.uncertain(&request, error)
                    },
                )
            }
        }
    }

    fn uncertain(&self, request: &ApiRequest, error: Error) -> Error {
        Error::WriteUncertain {
            method: request.method.clone(),
            path: request.path.clone(),
            source: Box::new(error),
        }
    }

    /// The attempts of one call, until `deadline` (the end of its overall
    /// timeout; `None` when it lies beyond what an `Instant` can hold).
    async fn attempts(
        &self,
        request: &ApiRequest,
        in_flight: &AtomicBool,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<ApiResponse> {
        let url = join_path(&self.inner.base, &request.path)?;
        let max_attempts = request
            .options
            .max_attempts
            .unwrap_or_else(|| self.inner.retry_policy.max_attempts())
            .max(1);
        let mut failures: u32 = 0;
        let mut sent: u32 = 0;
        let mut reauthorized = false;
        loop {
            if let Some(budget) = &self.inner.rate_budget {
                budget.acquire().await;
            }
            let authorization = self.inner.credential.authorize_by(deadline).await?;
            if let Some(requirement) = &request.requirement {
                // The token response may have told us the real grant.
                self.check_scope(requirement)?;
            }
            sent += 1;
            tracing::Span::current().record("attempt", sent);
            in_flight.store(true, Ordering::Relaxed);
            let outcome = self.attempt(request, &url, &authorization).await;
            // Every path that loops again had a definite answer (a 401, or a
            // failure that is only retryable because nothing reached the server).
            in_flight.store(false, Ordering::Relaxed);
            let failure = match outcome {
                Ok(response) => {
                    self.inner.budget.deposit();
                    return Ok(response);
                }
                Err(AttemptError::Unauthorized(error)) => {
                    if !reauthorized && self.inner.credential.invalidate(&authorization) {
                        reauthorized = true;
                        tracing::info!("401 from the API: fetching a new token and retrying once");
                        continue;
                    }
                    return Err(error);
                }
                Err(AttemptError::Failed(failure)) => failure,
            };
            let (error, retry_after, rate_limited, refused_write) = match failure {
                Failure::Final(error) => return Err(error),
                Failure::Retryable {
                    error,
                    retry_after,
                    rate_limited,
                    refused_write,
                } => (error, retry_after, rate_limited, refused_write),
            };
            failures += 1;
            if failures >= max_attempts {
                return Err(error);
            }
            let decision = self.inner.retry_policy.decide(&RetryAttempt {
                failures,
                method: &request.method,
                idempotent: request.is_idempotent(),
                error: &error,
                retry_after,
                rate_limited,
                refused_write,
            });
            let wait = match decision {
                RetryDecision::RetryAfter(wait) => wait,
                RetryDecision::Stop => return Err(error),
            };
            // Compared as durations: `now + wait` may not fit in an `Instant`
            // (a huge `Retry-After` under a huge `max_retry_after`).
            let time_left = deadline
                .map(|deadline| deadline.saturating_duration_since(tokio::time::Instant::now()));
            if time_left.is_some_and(|left| wait >= left) {
                // Sleeping would end in a bare overall timeout: the server's
                // answer (status, `Retry-After`) tells the caller more.
                warn_failed(
                    &error,
                    sent,
                    wait,
                    "request failed; the wait before a retry outlasts the overall timeout, not retrying",
                );
                return Err(error);
            }
            if !self.inner.budget.try_withdraw() {
                tracing::warn!("retry budget exhausted; not retrying");
                return Err(error);
            }
            warn_failed(&error, sent, wait, "request failed; retrying");
            // `sleep` saturates a wait too long for an `Instant`.
            tokio::time::sleep(wait).await;
        }
    }
}

/// Logs a failed attempt before retrying it or giving up: status and vendor
/// code only, because the error's message may quote the body.
fn warn_failed(error: &Error, attempt: u32, wait: std::time::Duration, message: &'static str) {
    tracing::warn!(
        attempt,
        ?wait,
        status = error.status().map(|s| s.as_u16()),
        code = error.api().and_then(|api| api.code.as_deref()),
        timeout = error.is_timeout(),
        "{message}"
    );
}

/// GET, HEAD, OPTIONS: methods that only read.
fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl From<Method> for Access {
    fn from(method: Method) -> Self {
        if is_safe_method(&method) {
            Access::Read
        } else {
            Access::Write
        }
    }
}
