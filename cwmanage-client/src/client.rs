//! [`Client`] and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::{
    ClientCore, CommonConfig, CoreCredential, Discovered, DiscoveryAnswer, Error, PermissionLevels,
    RateLimit, Result, Transport, common_config_setters, encode_path_segment, fetch_small_json,
};

use crate::auth::CwCredential;
use crate::company_info::{COMPANY_INFO_PATH, CompanyInfo, DEFAULT_CODEBASE, normalize_codebase};
use crate::credentials::CwCredentials;
use crate::endpoints::MAX_PAGE_SIZE;
use crate::errors::CwErrors;
use crate::models::Reference;
use crate::policy::default_policy;
use crate::site::Site;
use crate::version::{DEFAULT_API_VERSION, accept_header, validate_api_version};

/// The client-side request budget: ConnectWise throttles integrations sending
/// more than about 1,000 requests a minute.
pub const RATE_LIMIT: RateLimit = RateLimit::new(1000, Duration::from_secs(60));

/// How long codebase discovery may take.
pub const DISCOVERY_TIMEOUT: Duration = Duration::from_secs(15);

/// The largest companyinfo reply read.
const COMPANY_INFO_LIMIT: usize = 64 * 1024;

/// A ConnectWise Manage client: cheap to clone, `Send + Sync`.
///
/// The codebase (`v2025_1/`) is discovered through `/login/companyinfo` on
/// the first call (once; a transient failure is retried by the next call) unless
/// it was configured.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) site: Site,
    pub(crate) company_id: String,
    pub(crate) credential: Arc<CwCredential>,
    config: CommonConfig,
    codebase: Discovered<(String, Option<bool>)>,
    core: Discovered<ClientCore>,
    pub(crate) default_board: Discovered<Reference>,
    http: reqwest::Client,
    pub(crate) forward_only: bool,
    discovery_timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("site", &self.inner.site)
            .field("company_id", &self.inner.company_id)
            .field("credential", &self.inner.credential)
            .field("codebase", &self.inner.codebase.get().map(|(c, _)| c))
            .finish()
    }
}

impl Inner {
    /// The access policy in force.
    pub(crate) fn config_policy(&self) -> neo_auth_core::AccessPolicy {
        self.config.policy().clone()
    }
}

impl Client {
    /// A builder; [`ClientBuilder::credentials`] is required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.inner.site
    }

    /// The codebase in use, once known (configured or discovered).
    pub fn codebase(&self) -> Option<&str> {
        self.inner.codebase.get().map(|(c, _)| c.as_str())
    }

    /// The client core (transport, credential, page size), built once the
    /// codebase is known.
    pub(crate) async fn core(&self) -> Result<&ClientCore> {
        let inner = &self.inner;
        inner
            .core
            .get_or_discover(|| async move {
                let (codebase, is_cloud) = self.discover_codebase().await?;
                let cloud = inner.site.is_cloud() || is_cloud.unwrap_or(false);
                let base = format!("{}{}apis/3.0", inner.site.base_url(), codebase);
                let errors = Arc::new(if cloud {
                    CwErrors::cloud()
                } else {
                    CwErrors::on_premise()
                });
                let credential: Arc<dyn neo_auth_core::Credential> = inner.credential.clone();
                inner
                    .config
                    .clone()
                    .build(base, CoreCredential::other(credential), errors)
            })
            .await
    }

    /// The transport, for the raw escape hatches ([`Client::get_json`]).
    pub async fn transport(&self) -> Result<&Transport> {
        Ok(self.core().await?.transport())
    }

    /// The codebase and the cloud flag: configured, or from
    /// `GET {site}/login/companyinfo/{companyId}`.
    async fn discover_codebase(&self) -> Result<(String, Option<bool>)> {
        let inner = &self.inner;
        let found = inner
            .codebase
            .get_or_discover(|| async move {
                let url = inner
                    .site
                    .base_url()
                    .join(&format!(
                        "{COMPANY_INFO_PATH}/{}",
                        encode_path_segment(&inner.company_id)
                    ))
                    .map_err(|e| Error::config_with("the companyinfo URL is not valid", e))?;
                let answer: DiscoveryAnswer<Option<CompanyInfo>> =
                    fetch_small_json(&inner.http, &url, COMPANY_INFO_LIMIT, inner.discovery_timeout)
                        .await?;
                match answer {
                    DiscoveryAnswer::Found(Some(info)) => {
                        let codebase = info.codebase.as_deref().unwrap_or(DEFAULT_CODEBASE);
                        Ok((normalize_codebase(codebase)?, info.is_cloud))
                    }
                    DiscoveryAnswer::Found(None) => Err(Error::config(format!(
                        "ConnectWise Manage does not know the company ID `{}` (companyinfo answered null): check CWM_COMPANY_ID (the company name typed at the ConnectWise login) and the site",
                        inner.company_id
                    ))),
                    DiscoveryAnswer::Unusable { reason, .. } => {
                        tracing::warn!(%reason, fallback = DEFAULT_CODEBASE, "codebase discovery failed; using the codebase every server accepts");
                        Ok((DEFAULT_CODEBASE.to_owned(), None))
                    }
                    _ => Ok((DEFAULT_CODEBASE.to_owned(), None)),
                }
            })
            .await?;
        Ok(found.clone())
    }
}

/// Builds a [`Client`]; everything is validated in [`ClientBuilder::build`].
///
/// Besides the setters below it has the core's common ones: `policy`, `retry`,
/// `retry_policy`, `timeouts`, `rate_limit` (default [`RATE_LIMIT`]),
/// `token_cache`, `clock`, `page_size` (default 1000, at most 1000),
/// `pager_limits`, `user_agent`, `max_response_body`.
pub struct ClientBuilder {
    credentials: Option<CwCredentials>,
    common: CommonConfig,
    codebase: Option<String>,
    api_version: Option<String>,
    granted: Option<PermissionLevels>,
    forward_only: bool,
    discovery_timeout: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("codebase", &self.codebase)
            .field("api_version", &self.api_version)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// The defaults: [`default_policy`], [`RATE_LIMIT`], pages of 1000,
    /// forward-only paging for full scans.
    pub fn new() -> Self {
        ClientBuilder {
            credentials: None,
            common: CommonConfig::new()
                .with_policy(default_policy())
                .with_max_page_size(MAX_PAGE_SIZE)
                .with_rate_limit(RATE_LIMIT),
            codebase: None,
            api_version: None,
            granted: None,
            forward_only: true,
            discovery_timeout: DISCOVERY_TIMEOUT,
        }
    }

    common_config_setters!(common);

    /// The API member's credentials (required).
    pub fn credentials(mut self, credentials: CwCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets the codebase (`v2025_1/`), skipping discovery; overrides the credentials' one.
    pub fn codebase(mut self, codebase: impl Into<String>) -> Self {
        self.codebase = Some(codebase.into());
        self
    }

    /// Pins the API version sent in `Accept` (default [`DEFAULT_API_VERSION`]);
    /// overrides the credentials' one.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Declares the security-role levels the API member holds, so calls the
    /// role does not allow fail before anything is sent (names as in
    /// [`scopes`](crate::scopes): `Service Tickets.add`). Without it ConnectWise's
    /// 403 is the signal; [`Client::check_access`] reads the real levels.
    pub fn granted_levels(mut self, levels: PermissionLevels) -> Self {
        self.granted = Some(levels);
        self
    }

    /// Whether full scans page forward-only (`pagination-type: forward-only`,
    /// by id) where the endpoint allows it (default `true`). Lists with an
    /// `orderBy` always page navigably.
    pub fn forward_only(mut self, on: bool) -> Self {
        self.forward_only = on;
        self
    }

    /// How long codebase discovery may take (default [`DISCOVERY_TIMEOUT`]).
    pub fn discovery_timeout(mut self, timeout: Duration) -> Self {
        self.discovery_timeout = timeout;
        self
    }

    /// Validates everything and builds the client (no network traffic).
    pub fn build(self) -> Result<Client> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::config("ConnectWise Manage credentials are missing: call ClientBuilder::credentials (or CwCredentials::from_env)")
        })?;
        let codebase = self
            .codebase
            .as_deref()
            .or(credentials.codebase())
            .map(normalize_codebase)
            .transpose()?;
        let version = self
            .api_version
            .clone()
            .or_else(|| credentials.api_version().map(str::to_owned))
            .unwrap_or_else(|| DEFAULT_API_VERSION.to_owned());
        validate_api_version(&version)?;
        if self.discovery_timeout.is_zero() {
            return Err(Error::config(
                "the discovery timeout must be greater than zero",
            ));
        }
        self.common.validate()?;
        let basic = credentials.basic_credential()?;
        let mut credential = CwCredential::new(basic, &accept_header(&version))?;
        if let Some(levels) = self.granted {
            credential = credential.with_granted(Arc::new(levels));
        }
        let http = neo_auth_core::http_client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config_with("the HTTP client could not be built", e))?;
        Ok(Client {
            inner: Arc::new(Inner {
                site: credentials.site().clone(),
                company_id: credentials.company_id().trim().to_owned(),
                credential: Arc::new(credential),
                config: self.common,
                codebase: Discovered::from_option(codebase.map(|c| (c, None))),
                core: Discovered::new(),
                default_board: Discovered::new(),
                http,
                forward_only: self.forward_only,
                discovery_timeout: self.discovery_timeout,
            }),
        })
    }
}
