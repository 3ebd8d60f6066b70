//! [`Client`] and [`ClientBuilder`]: one VSA X tenant, its token, the access
//! policy and the request budget.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Method;
use neo_auth_core::{
    AccessPolicy, ApiRequest, AreaAccess, ClientCore, CommonConfig, CoreCredential, GrantSource,
    RateLimit, Requirement, Result, ScopeSet, Transport, common_config_setters,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::credentials::Credentials;
use crate::endpoints::MAX_PAGE_SIZE;
use crate::errors::VsaxErrors;
use crate::models::envelope::decode_one;
use crate::permissions::{AUTOMATION, NOTIFICATIONS};
use crate::token::TokenCredential;

/// The page size lists use unless set (VSA X's maximum `$top` is undocumented).
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// The client-side request budget by default: about 3,600 requests per hour
/// per token (a secondary claim; configurable with `rate_limit`).
pub const DEFAULT_RATE_LIMIT: RateLimit = RateLimit::new(3600, Duration::from_secs(3600));

/// How long before the declared expiry `check_access()` starts warning.
pub const DEFAULT_EXPIRY_WARNING: Duration = Duration::from_secs(14 * 24 * 3600);

/// The access policy a VSA X client starts with: every area read-only, except
/// Notifications (creating notifications and managing webhooks is what the
/// integration writes) and Automation, whose runs each need an [`Approval`](crate::Approval).
///
/// ```
/// use vsax_client::{AreaAccess, default_policy, permissions};
/// let policy = default_policy();
/// assert_eq!(policy.access(&permissions::AUTOMATION), AreaAccess::WRITE_WITH_APPROVAL);
/// assert_eq!(policy.access(&permissions::DEVICES), AreaAccess::Read);
/// ```
pub fn default_policy() -> AccessPolicy {
    AccessPolicy::read_only()
        .with(AUTOMATION, AreaAccess::WRITE_WITH_APPROVAL)
        .with(NOTIFICATIONS, AreaAccess::WRITE)
}

/// How a webhook update travels: the sources disagree (one tool sends `PUT`,
/// one integration guide `PATCH`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum WebhookUpdate {
    /// `PUT /notifications/webhooks/{id}` (the default).
    #[default]
    Put,
    /// `PATCH /notifications/webhooks/{id}`.
    Patch,
}

/// VSA X settings whose right value is not confirmed publicly.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quirks {
    pub(crate) count: bool,
    pub(crate) webhook_update: WebhookUpdate,
    pub(crate) expiry_warning: Duration,
}

/// Builds a [`Client`]; everything is validated in [`ClientBuilder::build`].
///
/// Besides the settings every SDK client has (`policy`, `retry`, `timeouts`,
/// `rate_limit`, `clock`, `page_size`, …), VSA X's unverified behaviour is
/// configurable here.
#[must_use]
pub struct ClientBuilder {
    credentials: Credentials,
    common: CommonConfig,
    quirks: Quirks,
}

impl ClientBuilder {
    common_config_setters!(common);

    /// Whether list requests carry `$count=true` (default on: one source says
    /// `Meta.TotalCount` needs it, others get the total without it).
    pub fn send_count(mut self, on: bool) -> Self {
        self.quirks.count = on;
        self
    }

    /// How webhook updates travel (default `PUT`).
    pub fn webhook_update(mut self, method: WebhookUpdate) -> Self {
        self.quirks.webhook_update = method;
        self
    }

    /// How long before the declared expiry `check_access()` warns (default 14 days).
    pub fn expiry_warning(mut self, before: Duration) -> Self {
        self.quirks.expiry_warning = before;
        self
    }

    /// Validates the settings and builds the client (nothing is sent).
    pub fn build(self) -> Result<Client> {
        let token = Arc::new(TokenCredential::new(
            &self.credentials,
            self.common.clock().clone(),
        )?);
        let core = self.common.build(
            self.credentials.api_base().as_str(),
            CoreCredential::other(token.clone()),
            Arc::new(VsaxErrors),
        )?;
        Ok(Client {
            inner: Arc::new(Inner {
                core,
                token,
                token_id: self.credentials.token_id().to_owned(),
                quirks: self.quirks,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("quirks", &self.quirks)
            .finish_non_exhaustive()
    }
}

struct Inner {
    core: ClientCore,
    token: Arc<TokenCredential>,
    token_id: String,
    quirks: Quirks,
}

/// A VSA X client: cheap to clone, `Send + Sync`.
///
/// ```no_run
/// use vsax_client::{Client, Credentials};
/// # async fn run() -> vsax_client::Result<()> {
/// let client = Client::builder(Credentials::from_env()?).build()?;
/// let devices = client.devices().list().collect_all().await?;
/// # let _ = devices; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_base", &self.transport().base_url().as_str())
            .field("token_id", &self.inner.token_id)
            .field("credential", &self.inner.token)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder for `credentials` with VSA X's defaults: [`default_policy`],
    /// pages of [`DEFAULT_PAGE_SIZE`] (at most [`MAX_PAGE_SIZE`]) and the
    /// [`DEFAULT_RATE_LIMIT`] budget.
    pub fn builder(credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            credentials,
            common: CommonConfig::new()
                .with_policy(default_policy())
                .with_max_page_size(MAX_PAGE_SIZE)
                .with_page_size(DEFAULT_PAGE_SIZE)
                .with_rate_limit(DEFAULT_RATE_LIMIT),
            quirks: Quirks {
                count: true,
                webhook_update: WebhookUpdate::Put,
                expiry_warning: DEFAULT_EXPIRY_WARNING,
            },
        }
    }

    /// The transport (an escape hatch: scope and policy checks, retries).
    pub fn transport(&self) -> &Transport {
        self.inner.core.transport()
    }

    /// The access policy in force.
    pub fn policy(&self) -> &AccessPolicy {
        self.inner.core.policy()
    }

    /// The declared permissions and where they come from (`None` when undeclared).
    pub fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        self.inner.core.grant()
    }

    /// The Token ID (not a secret).
    pub fn token_id(&self) -> &str {
        &self.inner.token_id
    }

    pub(crate) fn core(&self) -> &ClientCore {
        &self.inner.core
    }

    pub(crate) fn token(&self) -> &TokenCredential {
        &self.inner.token
    }

    pub(crate) fn quirks(&self) -> Quirks {
        self.inner.quirks
    }

    /// `GET path` (under the API base) for an endpoint this crate does not
    /// model yet, decoded from `Data` (or the bare reply). The requirement is
    /// checked before sending; without one the read gets the policy's default,
    /// and a 403 stays a plain API error (give a requirement, e.g. from
    /// [`endpoints`](crate::endpoints), so that a 403 names the area).
    ///
    /// ```no_run
    /// # async fn run(client: vsax_client::Client) -> vsax_client::Result<()> {
    /// let logs: serde_json::Value = client.get_json("/auditlogs", &[("$top", "10")], None).await?;
    /// # let _ = logs; Ok(()) }
    /// ```
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        requirement: Option<Requirement>,
    ) -> Result<T> {
        let request = ApiRequest::get(path)
            .queries(query.iter().copied())
            .maybe_requirement(requirement);
        let response = self.transport().send(request).await?;
        decode_one(response.body())
    }

    /// `method path` with a JSON body, for writes this crate does not model:
    /// the requirement is mandatory, so the permission and policy checks (and
    /// approvals) always apply. The reply is returned as JSON (`null` when empty);
    /// a failure after the request may have reached the server is
    /// [`Error::WriteUncertain`](crate::Error::WriteUncertain).
    pub async fn write_json<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        requirement: Requirement,
        approval: Option<crate::Approval>,
    ) -> Result<serde_json::Value> {
        let mut call = neo_auth_core::WriteCall::<serde_json::Value>::raw(
            self.transport().clone(),
            method,
            path,
            requirement,
        )
        .json(body);
        if let Some(approval) = approval {
            call = call.approval(approval);
        }
        call.send().await
    }
}
