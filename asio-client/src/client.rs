//! [`Client`] and its [`ClientBuilder`].

use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::{
    ApiRequest, ClientCore, CommonConfig, Error, GrantSource, JsonTokenSource, RateLimit,
    Requirement, Result, Scope, ScopeSet, Transport, Verb, validate_base_url,
};
use serde::de::DeserializeOwned;

use crate::auth::AsioTokenSource;
use crate::credentials::Credentials;
use crate::endpoints;
use crate::errors::AsioErrors;
use crate::models::RateLimits;
use crate::policy;
use crate::region::RegionSource;
use crate::resources::{Agent, Assets, Automation, Companies, Contacts, Devices, Sites, Tickets};
use crate::scopes::ScopeNames;

/// The default client-side budget: 500 requests per 5 minutes (a quota one
/// integrator reports; Asio's own buckets are visible at `/v1/rate_limits`).
pub const DEFAULT_RATE_LIMIT: RateLimit = RateLimit::new(500, Duration::from_secs(300));

/// A ConnectWise Asio client: cheap to clone (clones share one token cache,
/// so the process asks for one token per token lifetime), `Send + Sync`.
///
/// ```no_run
/// use asio_client::{Client, Credentials};
/// # async fn run() -> asio_client::Result<()> {
/// let client = Client::builder().credentials(Credentials::from_env()?).build()?;
/// let companies = client.companies().list().collect_all().await?;
/// println!("{} companies", companies.len());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) core: ClientCore,
    pub(crate) base_url: String,
    pub(crate) region: RegionSource,
    pub(crate) client_id: String,
    pub(crate) names: ScopeNames,
    pub(crate) requested: Vec<String>,
}

impl Client {
    /// A builder; [`credentials`](ClientBuilder::credentials) is required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn transport(&self) -> &Transport {
        self.inner.core.transport()
    }

    pub(crate) fn core(&self) -> &ClientCore {
        &self.inner.core
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Where the base URL came from (explicit, configured region, or inferred
    /// from the client ID).
    pub fn region_source(&self) -> &RegionSource {
        &self.inner.region
    }

    /// The configured wire string of every scope.
    pub fn scope_names(&self) -> &ScopeNames {
        &self.inner.names
    }

    /// The scopes requested at `/v1/token`.
    pub fn requested_scopes(&self) -> &[String] {
        &self.inner.requested
    }

    /// What the credential is known to be granted (from the token's `scope`
    /// once a token was fetched), and how that was learned.
    pub fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        self.inner.core.grant()
    }

    /// Token requests made so far (by this client and its clones).
    pub fn token_fetches(&self) -> u64 {
        self.inner.core.token_fetches()
    }

    /// Companies (Platform - Companies - Read).
    pub fn companies(&self) -> Companies<'_> {
        Companies::new(self)
    }

    /// Sites (Platform - Sites - Read).
    pub fn sites(&self) -> Sites<'_> {
        Sites::new(self)
    }

    /// Devices (Platform - Devices - Read).
    pub fn devices(&self) -> Devices<'_> {
        Devices::new(self)
    }

    /// Hardware and software inventory (Platform - Assets - Read).
    pub fn assets(&self) -> Assets<'_> {
        Assets::new(self)
    }

    /// Agent information (Platform - Agent - Read).
    pub fn agent(&self) -> Agent<'_> {
        Agent::new(self)
    }

    /// Scripts, tasks and script runs (Platform - Automation - Read / Create).
    pub fn automation(&self) -> Automation<'_> {
        Automation::new(self)
    }

    /// Contacts (Platform - Contacts - Read).
    pub fn contacts(&self) -> Contacts<'_> {
        Contacts::new(self)
    }

    /// Tickets (Platform - Tickets - Read).
    pub fn tickets(&self) -> Tickets<'_> {
        Tickets::new(self)
    }

    /// `GET /v1/rate_limits`: the quota left in every bucket.
    pub async fn rate_limits(&self) -> Result<RateLimits> {
        let spec = &endpoints::RATE_LIMITS;
        let requirement = spec.requirements.requirement(spec.name, Verb::Get);
        self.send_json(ApiRequest::get(spec.path), requirement)
            .await
    }

    /// The raw escape hatch: `GET path` (under the base URL) with `query`,
    /// checked against `requirement` when one is given.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        requirement: Option<Requirement>,
    ) -> Result<T> {
        let request = ApiRequest::get(path).queries(query.iter().copied());
        self.send_json(request, requirement).await
    }

    /// The raw escape hatch for a JSON `POST` (a write unless `requirement`
    /// says otherwise; never retried blindly).
    pub async fn post_json<T: DeserializeOwned, B: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
        requirement: Option<Requirement>,
        approval: Option<neo_auth_core::Approval>,
    ) -> Result<T> {
        let request = ApiRequest::post(path).json(body)?.approval(approval);
        self.send_json(request, requirement).await
    }

    pub(crate) async fn send_json<T: DeserializeOwned>(
        &self,
        request: ApiRequest,
        requirement: Option<Requirement>,
    ) -> Result<T> {
        self.transport()
            .send_json(request.maybe_requirement(requirement))
            .await
            .map_err(crate::auth::explain_lock)
    }
}

/// Builds a [`Client`]: credentials, optional scope renames and requested
/// scopes, and the settings every vendor client shares (policy, retry,
/// timeouts, rate limit, token cache, clock, page size, …). Everything is
/// checked in [`build`](ClientBuilder::build); nothing touches the network.
///
/// ```
/// use asio_client::{Client, Credentials, scopes};
/// use asio_client::secrecy::SecretString;
/// let client = Client::builder()
///     .credentials(Credentials::new("0e31abcdef", SecretString::from("secret")))
///     .scope_name(&scopes::CONTACTS_READ, "platform.contact.read")
///     .build()
///     .unwrap();
/// assert_eq!(client.base_url(), "https://openapi.service.euplatform.connectwise.com");
/// assert!(client.requested_scopes().contains(&"platform.contact.read".to_owned()));
/// ```
#[must_use]
#[derive(Debug, Default)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    names: ScopeNames,
    scopes: Option<Vec<String>>,
    common: CommonConfig,
    custom_policy: bool,
    custom_rate_limit: bool,
}

impl ClientBuilder {
    /// The API access to use (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Uses `wire` as the wire string of `scope` (requests, grant checks,
    /// reports). For a tenant whose portal names a scope differently.
    pub fn scope_name(mut self, scope: &Scope, wire: impl Into<String>) -> Self {
        self.names = self.names.rename(scope, wire);
        self
    }

    /// Requests exactly these wire scope strings (default: the nine of
    /// [`scopes::REQUIRED`](crate::scopes::REQUIRED), with renames applied).
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the access policy (default: [`policy::default_policy`]).
    pub fn policy(mut self, policy: neo_auth_core::AccessPolicy) -> Self {
        self.common = std::mem::take(&mut self.common).with_policy(policy);
        self.custom_policy = true;
        self
    }

    /// Sets the client-side budget, or turns it off with `None`
    /// (default: [`DEFAULT_RATE_LIMIT`]).
    pub fn rate_limit(mut self, limit: impl Into<Option<RateLimit>>) -> Self {
        self.common = std::mem::take(&mut self.common).with_rate_limit(limit);
        self.custom_rate_limit = true;
        self
    }

    neo_auth_core::__common_config_redis_setter!(common);

    /// Sets the retry configuration.
    pub fn retry(mut self, retry: neo_auth_core::RetryConfig) -> Self {
        self.common = std::mem::take(&mut self.common).with_retry(retry);
        self
    }

    /// Sets the timeouts.
    pub fn timeouts(mut self, timeouts: neo_auth_core::Timeouts) -> Self {
        self.common = std::mem::take(&mut self.common).with_timeouts(timeouts);
        self
    }

    /// Sets the token cache (refresh buffer, fetch timeout and attempts).
    pub fn token_cache(mut self, config: neo_auth_core::TokenCacheConfig) -> Self {
        self.common = std::mem::take(&mut self.common).with_token_cache(config);
        self
    }

    /// Sets the clock (token expiry, rate budget).
    pub fn clock(mut self, clock: Arc<dyn neo_auth_core::Clock>) -> Self {
        self.common = std::mem::take(&mut self.common).with_clock(clock);
        self
    }

    /// Sets the page size of lists (1–500, default 500).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.common = std::mem::take(&mut self.common).with_page_size(page_size);
        self
    }

    /// Sets the `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.common = std::mem::take(&mut self.common).with_user_agent(user_agent);
        self
    }

    /// Checks everything and builds the client.
    pub fn build(self) -> Result<Client> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::config("no Asio credentials: call `.credentials(Credentials::new(..))` or `Credentials::from_env()`")
        })?;
        self.names.validate()?;
        let (base_url, region) = credentials.resolve()?;
        validate_base_url(&base_url)?;
        let requested = self
            .scopes
            .or_else(|| credentials.requested_scopes().map(<[String]>::to_vec))
            .unwrap_or_else(|| self.names.requested());
        if requested.is_empty() {
            return Err(Error::config("the requested Asio scope list is empty"));
        }
        if let Some(bad) = requested
            .iter()
            .find(|s| s.trim().is_empty() || s.contains(char::is_whitespace))
        {
            return Err(Error::config(format!(
                "the requested scope `{}` is not one word",
                bad.escape_debug()
            )));
        }
        let mut common = self.common.with_max_page_size(endpoints::DEVICE_PAGE_MAX);
        if !self.custom_policy {
            common = common.with_policy(policy::default_policy());
        }
        if !self.custom_rate_limit {
            common = common.with_rate_limit(DEFAULT_RATE_LIMIT);
        }
        let source = JsonTokenSource::new(
            &format!("{base_url}/v1/token"),
            credentials.client_id(),
            credentials.client_secret().clone(),
        )?
        .with_scopes(requested.clone());
        let credential = common.oauth_credential(
            Arc::new(AsioTokenSource::new(source)),
            Arc::new(self.names.clone()),
        )?;
        let core = common.build(base_url.clone(), credential, Arc::new(AsioErrors))?;
        Ok(Client {
            inner: Arc::new(Inner {
                core,
                base_url,
                region,
                client_id: credentials.client_id().to_owned(),
                names: self.names,
                requested,
            }),
        })
    }
}
