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
//! - 408/429/5xx and timeouts are retried only for idempotent requests;
//! - a POST/PATCH that may have reached the server is never retried: the error is
//!   [`Error::WriteUncertain`];
//! - a 401 drops the rejected token and retries once with a new one; a second 401
//!   is an authentication error.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use tracing::{Instrument, field};
use url::Url;

use crate::credential::{Authorization, Credential};
use crate::decode::decode_json;
use crate::error::{ApiError, AuthError, Error, Result, is_retryable_status};
use crate::error_body::{GenericErrors, VendorErrors};
use crate::policy::AccessPolicy;
use crate::rate_limit::RateBudget;
use crate::redact::redact_snippet;
use crate::request::ApiRequest;
use crate::requirement::{Access, Requirement};
use crate::retry::{RetryBudget, RetryConfig, retry_after_from_headers};
use crate::url_policy::{join_path, same_origin, validate_base_url};

/// The SDK's default `User-Agent`.
pub fn default_user_agent() -> String {
    format!("neo-msp-sdk/{} (rust)", env!("CARGO_PKG_VERSION"))
}

/// Largest error body read into memory.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Timeouts of a transport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// TCP/TLS connect timeout.
    pub connect: Duration,
    /// Timeout of one attempt (request sent to body read).
    pub attempt: Duration,
    /// Timeout of a whole call, retries and waits included.
    pub overall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            overall: Duration::from_secs(180),
        }
    }
}

impl Timeouts {
    /// Sets the connect timeout.
    pub fn with_connect(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// Sets the per-attempt timeout.
    pub fn with_attempt(mut self, timeout: Duration) -> Self {
        self.attempt = timeout;
        self
    }

    /// Sets the overall timeout.
    pub fn with_overall(mut self, timeout: Duration) -> Self {
        self.overall = timeout;
        self
    }
}

/// A successful response.
#[derive(Clone, Debug)]
pub struct ApiResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl ApiResponse {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes the body as JSON; errors name the bad field's path.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode_json(&self.body)
    }
}

/// Builds a [`Transport`]; everything is validated in [`TransportBuilder::build`].
pub struct TransportBuilder {
    base_url: String,
    credential: Option<Arc<dyn Credential>>,
    policy: AccessPolicy,
    retry: RetryConfig,
    timeouts: Timeouts,
    user_agent: String,
    errors: Arc<dyn VendorErrors>,
    rate_budget: Option<Arc<RateBudget>>,
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

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
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

    /// Validates and builds.
    pub fn build(self) -> Result<Transport> {
        let base = validate_base_url(&self.base_url)?;
        let credential = self
            .credential
            .ok_or_else(|| Error::config("a credential is required"))?;
        if self.timeouts.connect.is_zero()
            || self.timeouts.attempt.is_zero()
            || self.timeouts.overall.is_zero()
        {
            return Err(Error::config("timeouts must be greater than zero"));
        }
        if self.user_agent.trim().is_empty() {
            return Err(Error::config("the User-Agent must not be empty"));
        }
        let client = |redirects: reqwest::redirect::Policy| {
            crate::tls::http_client_builder()
                .user_agent(self.user_agent.clone())
                .connect_timeout(self.timeouts.connect)
                .redirect(redirects)
                .build()
                .map_err(|e| Error::config(format!("could not build the HTTP client: {e}")))
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
                retry: self.retry,
                timeouts: self.timeouts,
                errors: self.errors,
                rate_budget: self.rate_budget,
            }),
        })
    }
}

/// Follows redirects only within the same origin (so credentials never travel to
/// another host), at most 5.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let allowed = attempt
            .previous()
            .last()
            .is_some_and(|prev| same_origin(prev, attempt.url()));
        if attempt.previous().len() > 5 {
            attempt.error("too many redirects")
        } else if allowed {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
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
    budget: RetryBudget,
    timeouts: Timeouts,
    errors: Arc<dyn VendorErrors>,
    rate_budget: Option<Arc<RateBudget>>,
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
            .field("timeouts", &self.inner.timeouts)
            .field("rate_budget", &self.inner.rate_budget)
            .finish()
    }
}

enum Failure {
    /// Retry may help; `rate_limited` selects the longer backoff.
    Retryable {
        error: Error,
        retry_after: Option<Duration>,
        rate_limited: bool,
    },
    Final(Error),
}

impl Transport {
    /// Starts a builder for `base_url` (validated in `build()`).
    pub fn builder(base_url: impl Into<String>) -> TransportBuilder {
        TransportBuilder {
            base_url: base_url.into(),
            credential: None,
            policy: AccessPolicy::default(),
            retry: RetryConfig::default(),
            timeouts: Timeouts::default(),
            user_agent: default_user_agent(),
            errors: Arc::new(GenericErrors),
            rate_budget: None,
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

    /// Checks the credential's known scopes against a requirement (no traffic).
    pub fn check_scope(&self, requirement: &Requirement) -> Result<()> {
        let (Some(scope), Some(granted)) = (requirement.scope(), self.inner.credential.granted())
        else {
            return Ok(());
        };
        if granted.grants(scope) {
            Ok(())
        } else {
            Err(self.missing_scope(requirement, None))
        }
    }

    fn missing_scope(&self, requirement: &Requirement, response: Option<Box<ApiError>>) -> Error {
        let (scope, label) = requirement
            .scope()
            .map(|s| (s.name().to_owned(), s.label().to_owned()))
            .unwrap_or_default();
        Error::MissingScope {
            operation: requirement.operation().to_owned(),
            vendor: self.inner.errors.vendor().to_owned(),
            scope,
            label,
            location: self.inner.errors.permission_location().to_owned(),
            response,
        }
    }

    /// Maps a server 403 on a scoped operation: when the credential is known to
    /// hold the scope, ticking it again would not help ([`Error::Forbidden`]);
    /// otherwise the scope is reported missing, with the server's answer kept.
    fn forbidden(&self, requirement: &Requirement, api: ApiError) -> Error {
        let holds_scope = requirement.scope().is_some_and(|scope| {
            self.inner
                .credential
                .granted()
                .is_some_and(|granted| granted.grants(scope))
        });
        if holds_scope {
            tracing::warn!(
                operation = requirement.operation(),
                "403 from the API although the credential holds the scope"
            );
            Error::Forbidden {
                operation: requirement.operation().to_owned(),
                vendor: self.inner.errors.vendor().to_owned(),
                scope: requirement
                    .scope()
                    .map(|s| s.name().to_owned())
                    .unwrap_or_default(),
                hint: self.inner.errors.forbidden_hint().to_owned(),
                response: Box::new(api),
            }
        } else {
            tracing::warn!(
                operation = requirement.operation(),
                "403 from the API: a permission is missing"
            );
            self.missing_scope(requirement, Some(Box::new(api)))
        }
    }

    /// Runs the checks that precede any traffic: the request is well-formed (a
    /// write names its requirement, and a requirement declared as a read is not
    /// sent with a writing method), then the scope check, then the policy check.
    ///
    /// A read without a requirement is allowed (raw escape hatches); a write
    /// without one is refused, because the policy could not be applied to it.
    /// A POST declared as a read (a search endpoint, say) must be marked
    /// idempotent with [`RequestOptions::idempotent`](crate::RequestOptions::idempotent).
    pub fn preflight(&self, request: &ApiRequest) -> Result<()> {
        let what = || format!("{} {}", request.method, request.path);
        let options = &request.options;
        if options.attempt_timeout.is_some_and(|t| t.is_zero())
            || options.overall_timeout.is_some_and(|t| t.is_zero())
        {
            return Err(Error::config(format!(
                "{}: per-request timeouts must be greater than zero",
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
            return Ok(());
        };
        if writes && requirement.access() == Access::Read {
            let declared_read_only_post =
                request.method == Method::POST && options.idempotent == Some(true);
            if !declared_read_only_post {
                return Err(Error::config(format!(
                    "{} is sent with a writing method but `{}` is declared as a read",
                    what(),
                    requirement.operation()
                )));
            }
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
        match tokio::time::timeout(overall, self.attempts(&request, &in_flight)).await {
            Ok(result) => result,
            Err(_) => {
                let error = Error::Timeout {
                    what: format!("{} {}", request.method, request.path),
                    after: overall,
                };
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

    async fn attempts(&self, request: &ApiRequest, in_flight: &AtomicBool) -> Result<ApiResponse> {
        let url = join_path(&self.inner.base, &request.path)?;
        let max_attempts = request
            .options
            .max_attempts
            .unwrap_or(self.inner.retry.max_attempts)
            .max(1);
        let mut failures: u32 = 0;
        let mut sent: u32 = 0;
        let mut reauthorized = false;
        loop {
            if let Some(budget) = &self.inner.rate_budget {
                budget.acquire().await;
            }
            let authorization = self.inner.credential.authorize().await?;
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
            let (error, retry_after, rate_limited) = match failure {
                Failure::Final(error) => return Err(error),
                Failure::Retryable {
                    error,
                    retry_after,
                    rate_limited,
                } => (error, retry_after, rate_limited),
            };
            failures += 1;
            if failures >= max_attempts {
                return Err(error);
            }
            if !self.inner.budget.try_withdraw() {
                tracing::warn!("retry budget exhausted; not retrying");
                return Err(error);
            }
            let wait = self
                .inner
                .retry
                .wait(failures - 1, retry_after, rate_limited);
            // Status and vendor code only: the error's message may quote the body.
            tracing::warn!(
                attempt = sent,
                ?wait,
                status = error.status().map(|s| s.as_u16()),
                code = error.api().and_then(|api| api.code.as_deref()),
                timeout = error.is_timeout(),
                "request failed; retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(
        &self,
        request: &ApiRequest,
        url: &Url,
        authorization: &Authorization,
    ) -> std::result::Result<ApiResponse, AttemptError> {
        let idempotent = request.is_idempotent();
        let attempt_timeout = request
            .options
            .attempt_timeout
            .unwrap_or(self.inner.timeouts.attempt);
        let client = if is_safe_method(&request.method) {
            &self.inner.http
        } else {
            &self.inner.http_no_redirects
        };
        let mut builder = client
            .request(request.method.clone(), url.clone())
            .timeout(attempt_timeout);
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        builder = builder.header(http::header::ACCEPT, "application/json");
        for (name, value) in &request.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        for (name, value) in authorization.headers() {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some(body) = &request.body {
            if request.options.log_bodies {
                tracing::trace!(body = %redact_snippet(body, 2000), "request body");
            }
            builder = builder
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }

        let response = match builder.send().await {
            Ok(response) => response,
            Err(e) => {
                return Err(AttemptError::Failed(self.send_failure(
                    request,
                    e,
                    attempt_timeout,
                )));
            }
        };
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let headers = response.headers().clone();
        if status.is_success() {
            let body = match response.bytes().await {
                Ok(body) => body,
                Err(e) => {
                    let error = self.transport_error(request, e, attempt_timeout);
                    return Err(AttemptError::Failed(if idempotent {
                        Failure::Retryable {
                            error,
                            retry_after: None,
                            rate_limited: false,
                        }
                    } else {
                        // The server said yes; only the body was lost.
                        Failure::Final(self.uncertain(request, error))
                    }));
                }
            };
            if request.options.log_bodies {
                tracing::trace!(body = %redact_snippet(&body, 2000), "response body");
            }
            return Ok(ApiResponse {
                status,
                headers,
                body,
            });
        }
        let body = read_limited(response, MAX_ERROR_BODY).await;
        let api = self.api_error(request, status, &headers, &body);
        if status == StatusCode::UNAUTHORIZED {
            return Err(AttemptError::Unauthorized(
                AuthError {
                    status: Some(status),
                    description: api.message.clone(),
                    oauth_error: api.code.clone(),
                    source: Some(Box::new(api)),
                    ..AuthError::new("the API rejected the credential (HTTP 401)")
                }
                .into_error(),
            ));
        }
        if status == StatusCode::FORBIDDEN && self.inner.errors.forbidden_means_missing_scope() {
            if let Some(requirement) = request.requirement.as_ref().filter(|r| r.scope().is_some())
            {
                return Err(AttemptError::Failed(Failure::Final(
                    self.forbidden(requirement, api),
                )));
            }
        }
        if status.is_redirection() {
            let mut api = api;
            api.message = Some(
                "a redirect to another origin was not followed (credentials are never sent to another host)"
                    .to_owned(),
            );
            return Err(AttemptError::Failed(Failure::Final(Error::Api(Box::new(
                api,
            )))));
        }
        let retry_after = api.retry_after;
        let rate_limited = status == StatusCode::TOO_MANY_REQUESTS;
        let error = Error::Api(Box::new(api));
        let failure = if !is_retryable_status(status) {
            Failure::Final(error)
        } else if idempotent {
            Failure::Retryable {
                error,
                retry_after,
                rate_limited,
            }
        } else if matches!(status.as_u16(), 408 | 429) {
            // The server refused before processing: not applied, but not retried silently.
            Failure::Final(error)
        } else {
            Failure::Final(self.uncertain(request, error))
        };
        Err(AttemptError::Failed(failure))
    }

    fn send_failure(&self, request: &ApiRequest, e: reqwest::Error, timeout: Duration) -> Failure {
        let connect = e.is_connect();
        let error = self.transport_error(request, e, timeout);
        if connect || request.is_idempotent() {
            Failure::Retryable {
                error,
                retry_after: None,
                rate_limited: false,
            }
        } else {
            Failure::Final(self.uncertain(request, error))
        }
    }

    fn transport_error(&self, request: &ApiRequest, e: reqwest::Error, timeout: Duration) -> Error {
        if e.is_timeout() {
            return Error::Timeout {
                what: format!("{} {}", request.method, request.path),
                after: timeout,
            };
        }
        let kind = if e.is_connect() {
            "could not connect"
        } else if e.is_body() || e.is_decode() {
            "the response body could not be read"
        } else if e.is_redirect() {
            "redirect refused"
        } else {
            "the request failed in transit"
        };
        Error::Transport {
            method: request.method.clone(),
            path: request.path.clone(),
            kind,
            source: Box::new(e.without_url()),
        }
    }

    fn api_error(
        &self,
        request: &ApiRequest,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> ApiError {
        let details = self.inner.errors.parse(status, headers, body);
        ApiError {
            method: request.method.clone(),
            path: request.path.clone(),
            status,
            code: details.code,
            message: details.message,
            request_id: request_id(headers),
            retry_after: retry_after_from_headers(headers),
            body_snippet: redact_snippet(body, 300),
        }
    }
}

enum AttemptError {
    Unauthorized(Error),
    Failed(Failure),
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    [
        "x-request-id",
        "request-id",
        "x-correlation-id",
        "x-ms-request-id",
        "x-amzn-requestid",
    ]
    .iter()
    .find_map(|name| headers.get(*name))
    .and_then(|v| v.to_str().ok())
    .map(str::to_owned)
}

async fn read_limited(mut response: reqwest::Response, limit: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = limit.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= limit {
            break;
        }
    }
    body
}

/// GET, HEAD, OPTIONS: methods that only read.
fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl From<Method> for crate::requirement::Access {
    fn from(method: Method) -> Self {
        if is_safe_method(&method) {
            crate::requirement::Access::Read
        } else {
            crate::requirement::Access::Write
        }
    }
}
