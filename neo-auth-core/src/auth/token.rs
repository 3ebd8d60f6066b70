//! Access tokens and the sources that fetch them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use secrecy::SecretString;

use crate::error::Result;
use crate::error::redact::KnownSecrets;

/// A boxed, sendable future (what object-safe async traits return).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A freshly fetched access token.
#[derive(Clone)]
#[non_exhaustive]
pub struct AccessToken {
    /// The token itself.
    pub secret: SecretString,
    /// The token type (`Bearer`).
    pub token_type: String,
    /// Lifetime from the response's `expires_in`, when sent.
    pub expires_in: Option<Duration>,
    /// Granted scopes from the response's `scope`, when sent.
    pub scopes: Option<Vec<String>>,
}

impl AccessToken {
    /// A bearer token.
    pub fn bearer(secret: SecretString, expires_in: Option<Duration>) -> Self {
        AccessToken {
            secret,
            token_type: "Bearer".to_owned(),
            expires_in,
            scopes: None,
        }
    }

    /// Sets the granted scopes.
    pub fn with_scopes(mut self, scopes: Option<Vec<String>>) -> Self {
        self.scopes = scopes;
        self
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"** redacted **")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// Fetches access tokens from an authorisation server. One call, one token request:
/// caching, single flight, timeouts and backoff belong to [`crate::TokenCache`].
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// Requests a new token.
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>>;

    /// The scopes this source asks for (what is granted at most).
    fn requested_scopes(&self) -> &[String];

    /// The exact secrets this source sends (its client secret), masked in
    /// whatever the SDK renders from the token endpoint's answers. Default: none.
    fn known_secrets(&self) -> KnownSecrets {
        KnownSecrets::new()
    }
}
