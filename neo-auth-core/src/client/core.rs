//! [`ClientCore`]: what a built vendor client holds, and [`CoreCredential`].

use std::fmt;
use std::sync::Arc;

use crate::access::policy::AccessPolicy;
use crate::access::scope::ScopeSet;
use crate::auth::credential::{Credential, GrantSource};
use crate::auth::oauth_credential::OAuth2Credential;
use crate::auth::static_credential::BasicCredential;
use crate::clock::Clock;
use crate::paging::pager::PagerLimits;
use crate::transport::Transport;

/// The credential of a client, remembering whether it is an
/// [`OAuth2Credential`] (whose token fetches can be counted).
///
/// Built with `From` from an `OAuth2Credential` or a [`BasicCredential`] (owned
/// or in an `Arc`), or with [`CoreCredential::other`] for any other
/// [`Credential`].
#[derive(Clone, Debug)]
pub struct CoreCredential {
    credential: Arc<dyn Credential>,
    oauth: Option<Arc<OAuth2Credential>>,
}

impl CoreCredential {
    /// Any credential; [`ClientCore::token_fetches`] is then 0.
    pub fn other(credential: Arc<dyn Credential>) -> Self {
        CoreCredential {
            credential,
            oauth: None,
        }
    }

    /// The credential.
    pub fn credential(&self) -> &Arc<dyn Credential> {
        &self.credential
    }

    /// The OAuth2 credential, when it is one.
    pub fn oauth(&self) -> Option<&Arc<OAuth2Credential>> {
        self.oauth.as_ref()
    }
}

impl From<Arc<OAuth2Credential>> for CoreCredential {
    fn from(credential: Arc<OAuth2Credential>) -> Self {
        CoreCredential {
            credential: credential.clone(),
            oauth: Some(credential),
        }
    }
}

impl From<OAuth2Credential> for CoreCredential {
    fn from(credential: OAuth2Credential) -> Self {
        Arc::new(credential).into()
    }
}

impl From<Arc<BasicCredential>> for CoreCredential {
    fn from(credential: Arc<BasicCredential>) -> Self {
        CoreCredential::other(credential)
    }
}

impl From<BasicCredential> for CoreCredential {
    fn from(credential: BasicCredential) -> Self {
        CoreCredential::other(Arc::new(credential))
    }
}

/// What every vendor client holds once built (from
/// [`CommonConfig::build`](crate::CommonConfig::build)): the transport, the
/// credential, the page size, the pager limits and the clock. Cheap to clone.
///
/// A vendor client forwards [`grant`](ClientCore::grant),
/// [`granted_scopes`](ClientCore::granted_scopes) and
/// [`token_fetches`](ClientCore::token_fetches), which behave the same for
/// OAuth and Basic credentials, so its public API names neither
/// `OAuth2Credential` nor `Transport` (except as documented escape hatches).
#[derive(Clone)]
pub struct ClientCore {
    transport: Transport,
    credential: CoreCredential,
    page_size: u32,
    pager_limits: PagerLimits,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("transport", &self.transport)
            .field("page_size", &self.page_size)
            .field("pager_limits", &self.pager_limits)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    pub(super) fn new(
        transport: Transport,
        credential: CoreCredential,
        page_size: u32,
        pager_limits: PagerLimits,
        clock: Arc<dyn Clock>,
    ) -> Self {
        ClientCore {
            transport,
            credential,
            page_size,
            pager_limits,
            clock,
        }
    }

    /// The transport (scope and policy checks, retries).
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The credential.
    pub fn credential(&self) -> &Arc<dyn Credential> {
        self.credential.credential()
    }

    /// The OAuth2 credential, when the client uses one.
    pub fn oauth_credential(&self) -> Option<&Arc<OAuth2Credential>> {
        self.credential.oauth()
    }

    /// The access policy in force.
    pub fn policy(&self) -> &AccessPolicy {
        self.transport.policy()
    }

    /// What the credential is known to be granted, with where that was
    /// learned (configured, requested, the token response), read together.
    pub fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        self.credential.credential().grant()
    }

    /// The names of the granted scopes (empty when nothing is known).
    pub fn granted_scopes(&self) -> Vec<String> {
        self.grant()
            .map(|(granted, _)| granted.names())
            .unwrap_or_default()
    }

    /// Token requests made so far: the OAuth2 token cache's fetch count; 0 for
    /// a credential that fetches no tokens (Basic).
    pub fn token_fetches(&self) -> u64 {
        self.credential
            .oauth()
            .map_or(0, |oauth| oauth.cache().fetch_count())
    }

    /// The page size of list requests.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// The pager's limits.
    pub fn pager_limits(&self) -> PagerLimits {
        self.pager_limits
    }

    /// The clock (token expiry, rate budget).
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}
