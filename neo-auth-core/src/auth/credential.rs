//! The `Credential` trait: authorizes an outgoing request and reports what was granted.

use std::fmt;
use std::sync::Arc;

use http::{HeaderName, HeaderValue};

use crate::access::scope::ScopeSet;
use crate::auth::token::BoxFuture;
use crate::error::Result;
use crate::error::redact::KnownSecrets;

/// Headers that authorize one request, with the identity of the token they carry
/// (for targeted invalidation). Header values are marked sensitive, and `Debug`
/// never prints them.
#[derive(Clone, Default)]
pub struct Authorization {
    headers: Vec<(HeaderName, HeaderValue)>,
    generation: Option<u64>,
}

impl Authorization {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header; its value is marked sensitive.
    pub fn with_header(mut self, name: HeaderName, mut value: HeaderValue) -> Self {
        value.set_sensitive(true);
        self.headers.push((name, value));
        self
    }

    /// Tags the authorization with the cached token's generation.
    pub fn with_generation(mut self, generation: u64) -> Self {
        self.generation = Some(generation);
        self
    }

    /// The headers to add.
    pub fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }

    /// The token generation, for tokens from a cache.
    pub fn generation(&self) -> Option<u64> {
        self.generation
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Authorization")
            .field("headers", &names)
            .field("values", &"** redacted **")
            .field("generation", &self.generation)
            .finish()
    }
}

/// A credential: authorizes requests and knows (when it can) what it was granted.
///
/// Implementations must have a `Debug` that never prints a secret.
pub trait Credential: Send + Sync + fmt::Debug {
    /// The headers for the next request (may fetch a token).
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>>;

    /// The headers for a request whose caller gives up at `deadline` (the end
    /// of its overall timeout; `None`: no limit). A credential that may wait
    /// (a token endpoint's `Retry-After`) returns the error at once instead of
    /// sleeping past it. The default ignores the deadline.
    fn authorize_by(
        &self,
        deadline: Option<tokio::time::Instant>,
    ) -> BoxFuture<'_, Result<Authorization>> {
        let _ = deadline;
        self.authorize()
    }

    /// The exact secret values this credential holds (a client secret, a
    /// password, a secret header value, the current and previous access
    /// token), masked wherever the SDK renders text from a server or a request.
    /// The default is none; a credential holding secrets should report them.
    fn known_secrets(&self) -> KnownSecrets {
        KnownSecrets::new()
    }

    /// Called when the API answered 401 to a request made with `rejected`.
    /// Returns `true` if retrying once with a new authorization makes sense
    /// (a token credential dropped the rejected token); static credentials return `false`.
    fn invalidate(&self, rejected: &Authorization) -> bool {
        let _ = rejected;
        false
    }

    /// What the credential is known to be granted now: configured, or learned from
    /// the token response. `None` when it cannot be known before calling the API
    /// (the server's 403 is then the only signal).
    fn granted(&self) -> Option<Arc<dyn ScopeSet>>;

    /// How [`Credential::granted`] was learned. Only a
    /// [confirmed](GrantSource::is_confirmed) grant lets a server 403 be read as
    /// "the scope is held, the vendor-side account lacks permission".
    ///
    /// The default is [`GrantSource::Configured`], right for static credentials
    /// whose grant is stated by configuration. **A credential whose
    /// [`granted`](Credential::granted) reports merely the scopes it asked for
    /// must override this with [`GrantSource::Requested`]**: otherwise a 403 is
    /// read as "the scope is held" and the caller is told to fix the vendor-side
    /// account rather than to grant the missing scope.
    fn granted_source(&self) -> GrantSource {
        GrantSource::Configured
    }

    /// The grant and where it comes from, read together: unlike calling
    /// [`granted`](Credential::granted) and then
    /// [`granted_source`](Credential::granted_source), the two cannot disagree
    /// when a token refresh changes the grant in between. `None` when nothing
    /// is known to be granted.
    ///
    /// The default combines the two methods; a credential whose grant can
    /// change (a token credential learning it from each token response) should
    /// override it with one consistent read.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use neo_auth_core::{BasicCredential, Credential, GrantSource, GrantedScopes};
    /// use secrecy::SecretString;
    /// let credential = BasicCredential::new("acme", SecretString::from("pw"))
    ///     .unwrap()
    ///     .with_granted(Arc::new(GrantedScopes::new(["all"])));
    /// let (granted, source) = credential.grant().expect("configured");
    /// assert_eq!(granted.names(), ["all"]);
    /// assert_eq!(source, GrantSource::Configured);
    /// ```
    fn grant(&self) -> Option<(Arc<dyn ScopeSet>, GrantSource)> {
        self.granted()
            .map(|granted| (granted, self.granted_source()))
    }
}

/// Where a credential's [granted](Credential::granted) scopes come from.
///
/// ```
/// use neo_auth_core::GrantSource;
/// assert!(GrantSource::TokenResponse.is_confirmed());
/// assert!(!GrantSource::Requested.is_confirmed());
/// assert_eq!(GrantSource::Requested.to_string(), "requested scopes");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GrantSource {
    /// Set by configuration: the integrator states what the vendor credential holds.
    Configured,
    /// Only what the token request asked for: the token response did not say
    /// what it granted, so the vendor may have granted less.
    Requested,
    /// The `scope` of the token response: what the vendor says it granted.
    TokenResponse,
}

impl GrantSource {
    /// Whether the grant is known rather than assumed (not merely requested).
    pub fn is_confirmed(self) -> bool {
        !matches!(self, GrantSource::Requested)
    }

    /// A short phrase for reports: `configured`, `requested scopes`, `token response`.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantSource::Configured => "configured",
            GrantSource::Requested => "requested scopes",
            GrantSource::TokenResponse => "token response",
        }
    }
}

impl fmt::Display for GrantSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
