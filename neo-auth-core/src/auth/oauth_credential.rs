//! A bearer-token credential over a [`TokenSource`] and a [`TokenCache`].

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use http::HeaderValue;
use secrecy::ExposeSecret;

use crate::access::scope::{ExactRules, GrantedScopes, ScopeRules, ScopeSet};
use crate::auth::credential::{Authorization, Credential, GrantSource};
use crate::auth::token::{BoxFuture, TokenSource};
use crate::auth::token_cache::{CachedToken, TokenCache, TokenCacheConfig};
use crate::clock::{Clock, SystemClock};
use crate::error::redact::KnownSecrets;
use crate::error::{Error, Result};

/// OAuth2 bearer credential: tokens from a [`TokenSource`], cached with single
/// flight; granted scopes learned from the token response when it has a `scope`,
/// otherwise taken to be the requested ones.
///
/// ```
/// use std::sync::Arc;
/// use neo_auth_core::{ClientCredentialsSource, OAuth2Credential};
/// use secrecy::SecretString;
/// let source = ClientCredentialsSource::new(
///     "https://acme.halopsa.com/auth/token", "id", SecretString::from("secret"))
///     .unwrap()
///     .with_scopes(["all"]);
/// let credential = OAuth2Credential::builder(Arc::new(source)).build().unwrap();
/// assert!(!format!("{credential:?}").contains("secret\""));
/// ```
pub struct OAuth2Credential {
    cache: TokenCache,
    rules: Arc<dyn ScopeRules>,
    requested: Arc<GrantedScopes>,
    /// The generation of the token `learned` was read from (0: none yet; the
    /// cache numbers tokens from 1). Checked without the lock, so authorizing
    /// with an unchanged token costs one atomic load.
    learned_generation: AtomicU64,
    /// The grant of the newest token seen, with its source; `None` when that
    /// token's response had no `scope` (the requested scopes stand in).
    learned: RwLock<Option<(Arc<dyn ScopeSet>, GrantSource)>>,
}

/// Builds an [`OAuth2Credential`].
#[derive(Debug)]
pub struct OAuth2CredentialBuilder {
    source: Arc<dyn TokenSource>,
    rules: Arc<dyn ScopeRules>,
    clock: Arc<dyn Clock>,
    config: TokenCacheConfig,
}

impl OAuth2CredentialBuilder {
    /// Sets the vendor's scope rules (how a granted name covers a requirement).
    pub fn scope_rules(mut self, rules: Arc<dyn ScopeRules>) -> Self {
        self.rules = rules;
        self
    }

    /// Injects a clock (tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the token cache configuration.
    pub fn cache_config(mut self, config: TokenCacheConfig) -> Self {
        self.config = config;
        self
    }

    /// Builds the credential; a cache configuration that could never produce a
    /// token (a zero fetch timeout, zero attempts) is a config error.
    pub fn build(self) -> Result<OAuth2Credential> {
        if self.config.fetch_timeout.is_zero() {
            return Err(Error::config(
                "the token fetch timeout must be longer than zero",
            ));
        }
        if self.config.max_attempts == 0 {
            return Err(Error::config("the token fetch needs at least one attempt"));
        }
        let requested = Arc::new(
            GrantedScopes::new(self.source.requested_scopes().iter().cloned())
                .with_rules(self.rules.clone()),
        );
        Ok(OAuth2Credential {
            cache: TokenCache::with_clock(self.source, self.config, self.clock),
            rules: self.rules,
            requested,
            learned_generation: AtomicU64::new(0),
            learned: RwLock::new(None),
        })
    }
}

impl OAuth2Credential {
    /// Starts a builder over a token source.
    pub fn builder(source: Arc<dyn TokenSource>) -> OAuth2CredentialBuilder {
        OAuth2CredentialBuilder {
            source,
            rules: Arc::new(ExactRules),
            clock: Arc::new(SystemClock),
            config: TokenCacheConfig::default(),
        }
    }

    /// The token cache (for metrics such as [`TokenCache::fetch_count`]).
    pub fn cache(&self) -> &TokenCache {
        &self.cache
    }

    /// Takes the grant from a token newer than the last one seen: its `scope`
    /// when it has one; none (back to the requested scopes) when it has not, so
    /// a new token never inherits an older token's grant. A caller still holding
    /// an older token does not overwrite a newer token's grant.
    fn learn_scopes(&self, token: &CachedToken) {
        if self.learned_generation.load(Ordering::Acquire) >= token.generation() {
            return;
        }
        let mut learned = self.learned.write().unwrap_or_else(|e| e.into_inner());
        if self.learned_generation.load(Ordering::Acquire) >= token.generation() {
            return;
        }
        *learned = token.token().scopes.as_ref().map(|scopes| {
            let granted: Arc<dyn ScopeSet> =
                Arc::new(GrantedScopes::new(scopes.iter().cloned()).with_rules(self.rules.clone()));
            (granted, GrantSource::TokenResponse)
        });
        self.learned_generation
            .store(token.generation(), Ordering::Release);
    }

    async fn authorize_now(&self, deadline: Option<tokio::time::Instant>) -> Result<Authorization> {
        let token = self.cache.get_by(deadline).await?;
        self.learn_scopes(&token);
        let value = HeaderValue::from_str(&format!("Bearer {}", token.secret().expose_secret()))
            .map_err(|_| {
                Error::config("the access token contains characters not allowed in a header")
            })?;
        Ok(Authorization::new()
            .with_header(http::header::AUTHORIZATION, value)
            .with_generation(token.generation()))
    }
}

impl Credential for OAuth2Credential {
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>> {
        Box::pin(self.authorize_now(None))
    }

    fn authorize_by(
        &self,
        deadline: Option<tokio::time::Instant>,
    ) -> BoxFuture<'_, Result<Authorization>> {
        Box::pin(self.authorize_now(deadline))
    }

    /// The token source's secrets and the current and previous access token.
    fn known_secrets(&self) -> KnownSecrets {
        let mut secrets = self.cache.source().known_secrets();
        secrets.extend(&self.cache.known_secrets());
        secrets
    }

    fn invalidate(&self, rejected: &Authorization) -> bool {
        if let Some(generation) = rejected.generation() {
            self.cache.invalidate(generation);
        }
        true
    }

    fn granted(&self) -> Option<Arc<dyn ScopeSet>> {
        self.grant().map(|(granted, _)| granted)
    }

    fn granted_source(&self) -> GrantSource {
        self.grant()
            .map_or(GrantSource::Requested, |(_, source)| source)
    }

    /// One read of the learned grant: the scopes and their source always
    /// belong to the same token.
    fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        if let Some(learned) = self
            .learned
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        {
            return Some(learned);
        }
        (!self.requested.is_empty()).then(|| {
            (
                self.requested.clone() as Arc<dyn ScopeSet>,
                GrantSource::Requested,
            )
        })
    }
}

impl fmt::Debug for OAuth2Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2Credential")
            .field("source", self.cache.source())
            .field("requested", &self.requested)
            .field("token", &"** redacted **")
            .finish()
    }
}
