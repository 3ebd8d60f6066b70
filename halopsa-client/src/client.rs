//! The HaloPSA client and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::{
    AccessPolicy, ApiRequest, Backoff, ClientCore, CommonConfig, Error, GrantSource,
    OAuth2Credential, PagerLimits, RateLimit, Result, RetryConfig, ScopeSet, Timeouts, Transport,
    WriteCall, common_config_setters, validate_base_url,
};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{HaloTokenSource, TokenEndpoint};
use crate::credentials::HaloCredentials;
use crate::endpoints::MAX_PAGE_SIZE;
use crate::errors::HaloErrors;
use crate::policy::default_policy;
use crate::scopes::HaloScopeRules;

/// The default client-side request budget: 280 API requests per rolling 5
/// minutes. Hosted Halo allows 300 per rolling 5 minutes ("Rate Limit Reached -
/// 300 Requests per rolling 5 minute window"), and its token and `/api/authinfo`
/// requests are not counted by the budget, so 20 are left as headroom for them
/// (and for another process sharing the application now and then).
pub const HOSTED_RATE_LIMIT: RateLimit = RateLimit::new(280, Duration::from_secs(300));

/// The default overall bound of one call, retries and their waits included: 12
/// minutes (see [`halo_timeouts`]).
pub const OVERALL_TIMEOUT: Duration = Duration::from_secs(12 * 60);

/// The retry policy for Halo: the standard one, except that a 429 without
/// `Retry-After` waits 30 s – 5 min (a rolling 5-minute window does not clear in
/// 5 s), and a server-sent `Retry-After` is honoured up to [`OVERALL_TIMEOUT`]:
/// clamping it lower would retry early, into another 429 that costs a request of
/// the window. A wait longer than what is left of the call's overall timeout ends
/// the call with the 429 at once.
///
/// Writes (creates, updates, deletes) refused with 429 are retried too: Halo's
/// 429 comes from its rate limiter ("Rate Limit Reached - 300 Requests per rolling
/// 5 minute window", api notes §2.8), so the request was not processed and a
/// repeat cannot duplicate it. Any other failure of a write is
/// [`neo_auth_core::Error::WriteUncertain`] and never retried.
pub fn halo_retry_config() -> RetryConfig {
    RetryConfig::standard()
        .with_rate_limited_backoff(
            Backoff::new(Duration::from_secs(60), Duration::from_secs(300))
                .with_floor(Duration::from_secs(30)),
        )
        .with_max_retry_after(OVERALL_TIMEOUT)
        .with_rate_limited_writes_retried(true)
}

/// The default timeouts: the core's connect and per-attempt timeouts, and an
/// overall bound of [`OVERALL_TIMEOUT`] (12 minutes) per call, long enough to wait
/// out a rate-limit window (a 429 may ask for 5 minutes or more) rather than fail
/// a long sync. Interactive callers can shorten it per request with
/// [`RequestOptions::overall_timeout`](neo_auth_core::RequestOptions::overall_timeout).
pub fn halo_timeouts() -> Timeouts {
    Timeouts::default().with_overall(OVERALL_TIMEOUT)
}

/// A HaloPSA API client. Cheap to clone (`Arc` inside), `Send + Sync`.
///
/// ```no_run
/// use halopsa_client::{Client, HaloCredentials};
/// # async fn run() -> neo_auth_core::Result<()> {
/// let client = Client::builder()
///     .credentials(HaloCredentials::from_env()?)
///     .build()?;
/// let me = client.whoami().await?;
/// println!("acting as agent {:?}", me.id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    core: ClientCore,
    credential: Arc<OAuth2Credential>,
    token_source: Arc<HaloTokenSource>,
    expected_agent_id: Option<i64>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("halopsa_client::Client")
            .field("transport", self.inner.core.transport())
            .field("expected_agent_id", &self.inner.expected_agent_id)
            .field("page_size", &self.inner.core.page_size())
            .finish()
    }
}

/// Builds a [`Client`]; [`ClientBuilder::build`] validates everything.
///
/// The settings every vendor client shares come from the core's
/// [`CommonConfig`] with Halo's defaults: [`default_policy`],
/// [`halo_retry_config`] (rate-limited writes retried: Halo's 429 means the
/// request was not processed), [`halo_timeouts`], [`HOSTED_RATE_LIMIT`] and
/// pages of [`MAX_PAGE_SIZE`].
///
/// ```
/// use std::time::Duration;
/// use halopsa_client::{Client, HaloCredentials};
/// use neo_auth_core::RateLimit;
/// use secrecy::SecretString;
/// # fn main() -> neo_auth_core::Result<()> {
/// let client = Client::builder()
///     .credentials(HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("secret")))
///     .rate_limit(RateLimit::new(100, Duration::from_secs(300)))
///     .page_size(50)
///     .build()?;
/// assert_eq!(client.token_fetches(), 0);
/// # Ok(()) }
/// ```
#[must_use]
pub struct ClientBuilder {
    credentials: Option<HaloCredentials>,
    common: CommonConfig,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("common", &self.common)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Sets the credentials (required).
    pub fn credentials(mut self, credentials: HaloCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    common_config_setters!(common);

    /// Validates the configuration and builds the client: the credentials, the
    /// base URL and a configured auth URL (https, or http only to loopback; the
    /// token URL derived from it too), the page size (1–100: Halo silently caps
    /// pages at 100) and the rate limit. No network traffic.
    ///
    /// The base URL is the instance URL (`https://acme.halopsa.com`). The
    /// *Resource Server* URL that Halo's API Details shows
    /// (`https://acme.halopsa.com/api`) is accepted too: one trailing `/api` is
    /// stripped, so both forms reach the same `/api/...` endpoints.
    pub fn build(self) -> Result<Client> {
        let credentials = self
            .credentials
            .ok_or_else(|| Error::config("HaloPSA credentials are required"))?;
        credentials.validate()?;
        self.common.validate()?;
        let base = instance_base(validate_base_url(&credentials.base_url)?);
        let api_base = neo_auth_core::join_path(&base, "/api")?;
        let token_source = Arc::new(HaloTokenSource::new(
            base,
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.tenant.clone(),
            credentials.auth_url.clone(),
            credentials.scopes.clone(),
        )?);
        let credential = Arc::new(
            self.common
                .oauth_credential(token_source.clone(), Arc::new(HaloScopeRules))?,
        );
        let core =
            self.common
                .build(api_base.as_str(), credential.clone(), Arc::new(HaloErrors))?;
        Ok(Client {
            inner: Arc::new(Inner {
                core,
                credential,
                token_source,
                expected_agent_id: credentials.agent_id,
            }),
        })
    }
}

impl Client {
    /// Starts a builder with Halo's defaults (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            credentials: None,
            common: CommonConfig::new()
                .with_policy(default_policy())
                .with_retry(halo_retry_config())
                .with_timeouts(halo_timeouts())
                .with_rate_limit(HOSTED_RATE_LIMIT)
                .with_max_page_size(MAX_PAGE_SIZE),
        }
    }

    /// The core transport (scope and policy checks, retries): an escape hatch.
    pub fn transport(&self) -> &Transport {
        self.inner.core.transport()
    }

    /// The OAuth2 credential (token cache metrics, granted scopes): an escape
    /// hatch; [`Client::grant`] and [`Client::token_fetches`] answer the common
    /// questions.
    pub fn credential(&self) -> &Arc<OAuth2Credential> {
        &self.inner.credential
    }

    /// What the application is known to be granted, with where that was
    /// learned (requested scopes before the first token, the token response
    /// after), read together.
    pub fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        self.inner.core.grant()
    }

    /// Token requests made so far (one per token lifetime, however many tasks
    /// call).
    pub fn token_fetches(&self) -> u64 {
        self.inner.core.token_fetches()
    }

    /// The access policy in force.
    pub fn policy(&self) -> &AccessPolicy {
        self.inner.core.policy()
    }

    /// The token endpoint: known from `build()` when an auth URL is configured,
    /// otherwise once discovery has settled (on the first token fetch that got a
    /// definitive `/api/authinfo` answer); `None` until then.
    pub fn token_endpoint(&self) -> Option<TokenEndpoint> {
        self.inner.token_source.endpoint().cloned()
    }

    /// The scopes the client currently knows it has (from the token response once
    /// a token was fetched, the requested ones before).
    pub fn granted_scopes(&self) -> Vec<String> {
        self.inner.core.granted_scopes()
    }

    /// The agent id the configuration expects the application to act as.
    pub fn expected_agent_id(&self) -> Option<i64> {
        self.inner.expected_agent_id
    }

    pub(crate) fn page_size(&self) -> u32 {
        self.inner.core.page_size()
    }

    pub(crate) fn pager_limits(&self) -> PagerLimits {
        self.inner.core.pager_limits()
    }

    /// Raw escape hatch: GET `/api/{path}` and decode the JSON. Pass the
    /// requirement of the endpoint when known, so it is scope- and policy-checked.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        requirement: Option<neo_auth_core::Requirement>,
    ) -> Result<T> {
        let mut request = ApiRequest::get(api_path(path)).queries(query.iter().copied());
        if let Some(requirement) = requirement {
            request = request.requirement(requirement);
        }
        self.inner.core.transport().send_json(request).await
    }

    /// Raw escape hatch: POST a JSON body to `/api/{path}`. A requirement is
    /// mandatory for writes, so the policy always applies. It is never retried
    /// automatically but after a 429 (see [`halo_retry_config`]); a failure after
    /// the request may have reached Halo, or a 2xx reply that does not decode as
    /// `T`, is [`neo_auth_core::Error::WriteUncertain`].
    pub async fn post_json<B: serde::Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        requirement: neo_auth_core::Requirement,
        approval: Option<neo_auth_core::Approval>,
    ) -> Result<T> {
        self.inner
            .core
            .transport()
            .write_json(
                http::Method::POST,
                &api_path(path),
                body,
                requirement,
                approval,
            )
            .await
    }

    /// Raw escape hatch: DELETE `/api/{path}` with `query`. The requirement is
    /// mandatory (a write, so the scope and the policy always apply, approval
    /// included; a requirement declared as a read is refused before sending). The
    /// reply is decoded as `T`; Halo usually answers a delete with an empty body,
    /// which decodes as JSON `null` (use `()`, `Option<_>` or `serde_json::Value`;
    /// `serde::de::IgnoredAny` takes any reply). Like every write it is never
    /// retried automatically but after a 429 (see [`halo_retry_config`]): a
    /// failure after the request may have reached Halo, or a 2xx reply that does
    /// not decode as `T`, is [`neo_auth_core::Error::WriteUncertain`].
    ///
    /// ```no_run
    /// use halopsa_client::scopes::requirements;
    /// # async fn run(client: halopsa_client::Client) -> neo_auth_core::Result<()> {
    /// let write = requirements::TICKETS.write.for_operation("tickets.attachment.delete");
    /// let () = client.delete_json("Attachment/17", &[], write, None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        requirement: neo_auth_core::Requirement,
        approval: Option<neo_auth_core::Approval>,
    ) -> Result<T> {
        // A DELETE is not retried unless the caller asks (the core's default).
        let mut call = WriteCall::raw(
            self.inner.core.transport().clone(),
            http::Method::DELETE,
            api_path(path),
            requirement,
        );
        for (key, value) in query {
            call = call.query(*key, value);
        }
        if let Some(approval) = approval {
            call = call.approval(approval);
        }
        call.send().await
    }
}

/// The instance URL from a configured base URL: one trailing `/api` (or `/api/`,
/// any case) is stripped, because Halo's API Details page shows the Resource
/// Server URL `https://x.halopsa.com/api`, and the client adds `/api` itself.
pub(crate) fn instance_base(mut base: Url) -> Url {
    let path = base.path().trim_end_matches('/');
    let stripped = path
        .len()
        .checked_sub(4)
        .filter(|&cut| {
            path.get(cut..)
                .is_some_and(|s| s.eq_ignore_ascii_case("/api"))
        })
        .and_then(|cut| path.get(..cut))
        .map(str::to_owned);
    match stripped {
        Some(instance_path) => {
            tracing::debug!(
                base_url = %base,
                "the HaloPSA base URL ends in /api (the Resource Server URL); using the instance URL without it"
            );
            let instance_path = if instance_path.is_empty() {
                "/".to_owned()
            } else {
                instance_path
            };
            base.set_path(&instance_path);
            base
        }
        None => base,
    }
}

/// `Tickets` / `/Tickets` / `/api/Tickets` (`api` in any case) → `/Tickets` (the
/// transport's base ends in `/api`).
pub(crate) fn api_path(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    let without_api = match trimmed.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("api/") => &trimmed[4..],
        _ => trimmed,
    };
    format!("/{without_api}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_paths_lose_one_leading_api_segment_in_any_case() {
        for raw in [
            "Tickets/5",
            "/Tickets/5",
            "api/Tickets/5",
            "/api/Tickets/5",
            "/API/Tickets/5",
            "Api/Tickets/5",
        ] {
            assert_eq!(api_path(raw), "/Tickets/5", "{raw}");
        }
        assert_eq!(api_path("/apis/x"), "/apis/x");
        assert_eq!(api_path("/é"), "/é");
    }

    #[test]
    fn one_trailing_api_segment_is_stripped_from_the_base_url() {
        let base = |raw: &str| instance_base(Url::parse(raw).unwrap()).to_string();
        assert_eq!(
            base("https://acme.halopsa.com"),
            "https://acme.halopsa.com/"
        );
        assert_eq!(
            base("https://acme.halopsa.com/api"),
            "https://acme.halopsa.com/"
        );
        assert_eq!(
            base("https://acme.halopsa.com/api/"),
            "https://acme.halopsa.com/"
        );
        assert_eq!(
            base("https://acme.halopsa.com/API"),
            "https://acme.halopsa.com/"
        );
        assert_eq!(
            base("https://acme.example/halo/api"),
            "https://acme.example/halo"
        );
        // Only one, and only a whole segment.
        assert_eq!(
            base("https://acme.example/api/api"),
            "https://acme.example/api"
        );
        assert_eq!(
            base("https://acme.example/myapi"),
            "https://acme.example/myapi"
        );
        assert_eq!(
            base("https://acme.example/halo"),
            "https://acme.example/halo"
        );
    }

    #[test]
    fn a_429_without_retry_after_waits_for_the_rolling_window() {
        let retry = halo_retry_config();
        for _ in 0..200 {
            let first = retry.wait(0, None, true);
            assert!(first >= Duration::from_secs(30), "{first:?}");
            assert!(first <= Duration::from_secs(60), "{first:?}");
            let later = retry.wait(4, None, true);
            assert!(later <= Duration::from_secs(300), "{later:?}");
        }
        // A server-sent Retry-After wins, honoured up to the overall timeout.
        assert_eq!(
            retry.wait(0, Some(Duration::from_secs(7)), true),
            Duration::from_secs(7)
        );
        assert_eq!(
            retry.wait(0, Some(Duration::from_secs(600)), true),
            Duration::from_secs(600)
        );
        assert_eq!(retry.max_retry_after, OVERALL_TIMEOUT);
        assert_eq!(halo_timeouts().overall, OVERALL_TIMEOUT);
        assert_eq!(
            retry.wait(0, Some(Duration::from_secs(3600)), true),
            Duration::from_secs(12 * 60)
        );
        // Other failures keep the short backoff.
        assert!(retry.wait(0, None, false) < Duration::from_secs(30));
        assert!(halo_timeouts().overall >= Duration::from_secs(300));
    }
}
