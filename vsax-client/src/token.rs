//! The credential the transport uses: HTTP Basic with the Token ID and Secret,
//! refusing to authorize once the declared expiry has passed.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use neo_auth_core::{
    AuthError, Authorization, BasicCredential, BoxFuture, Clock, Credential, GrantSource,
    KnownSecrets, Result, ScopeSet,
};

use crate::credentials::Credentials;
use crate::permissions::granted_set;

/// Wall-clock time read through an injectable monotonic [`Clock`]: the wall
/// time at construction plus the clock's elapsed time (so tests move it with a
/// `ManualClock`).
#[derive(Clone)]
pub(crate) struct WallClock {
    clock: Arc<dyn Clock>,
    start_instant: Instant,
    start_wall: DateTime<Utc>,
}

impl WallClock {
    pub(crate) fn new(clock: Arc<dyn Clock>) -> Self {
        WallClock {
            start_instant: clock.now(),
            start_wall: DateTime::<Utc>::from(SystemTime::now()),
            clock,
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        let elapsed = self
            .clock
            .now()
            .saturating_duration_since(self.start_instant);
        chrono::Duration::from_std(elapsed)
            .ok()
            .and_then(|d| self.start_wall.checked_add_signed(d))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

impl fmt::Debug for WallClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WallClock")
            .field("now", &self.now())
            .finish()
    }
}

/// The declared expiry of a token, against a wall clock.
#[derive(Clone, Debug)]
pub(crate) struct TokenExpiry {
    pub(crate) at: DateTime<Utc>,
    pub(crate) wall: WallClock,
}

impl TokenExpiry {
    /// The time left, `None` once expired.
    pub(crate) fn remaining(&self) -> Option<Duration> {
        (self.at - self.wall.now())
            .to_std()
            .ok()
            .filter(|d| !d.is_zero())
    }
}

/// The token as a [`Credential`]: Basic auth, the declared grant, the expiry.
pub(crate) struct TokenCredential {
    basic: BasicCredential,
    token_id: String,
    expiry: Option<TokenExpiry>,
    granted: Option<Arc<dyn ScopeSet>>,
}

impl TokenCredential {
    pub(crate) fn new(credentials: &Credentials, clock: Arc<dyn Clock>) -> Result<Self> {
        let basic =
            BasicCredential::new(credentials.token_id(), credentials.token_secret().clone())?;
        Ok(TokenCredential {
            basic,
            token_id: credentials.token_id().to_owned(),
            expiry: credentials.expires_at().map(|at| TokenExpiry {
                at,
                wall: WallClock::new(clock),
            }),
            granted: credentials
                .granted()
                .map(|declared| Arc::new(granted_set(declared)) as Arc<dyn ScopeSet>),
        })
    }

    pub(crate) fn expiry(&self) -> Option<&TokenExpiry> {
        self.expiry.as_ref()
    }

    fn expired_error(&self, at: DateTime<Utc>) -> neo_auth_core::Error {
        AuthError::new(format!(
            "the VSA X token `{}` expired on {} (the expiry declared in the credentials), so nothing was sent: create a new Third-Party Token or extend the expiration date on its Details tab (Configuration → API Access → Third-Party Tokens), then update the credentials",
            self.token_id,
            at.format("%Y-%m-%d %H:%M UTC")
        ))
        .into_error()
    }
}

impl Credential for TokenCredential {
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>> {
        if let Some(expiry) = &self.expiry
            && expiry.remaining().is_none()
        {
            let error = self.expired_error(expiry.at);
            return Box::pin(async move { Err(error) });
        }
        self.basic.authorize()
    }

    /// The Token Secret and the Basic header's Base64 form, masked wherever
    /// the SDK renders text from a server.
    fn known_secrets(&self) -> KnownSecrets {
        self.basic.known_secrets()
    }

    fn granted(&self) -> Option<Arc<dyn ScopeSet>> {
        self.granted.clone()
    }

    /// The declared areas are the integrator's statement, which VSA X cannot
    /// confirm (it cannot report a token's areas): like requested scopes, the
    /// token may hold less. So a server 403 is always read as the area missing
    /// (naming it and the portal path), never as "the area is held".
    fn granted_source(&self) -> GrantSource {
        GrantSource::Requested
    }
}

impl fmt::Debug for TokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCredential")
            .field("basic", &self.basic)
            .field("expires_at", &self.expiry.as_ref().map(|e| e.at))
            .field("granted", &self.granted)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::ManualClock;
    use secrecy::SecretString;

    #[tokio::test]
    async fn refuses_to_authorize_after_the_declared_expiry() {
        let clock = Arc::new(ManualClock::new());
        let in_an_hour = DateTime::<Utc>::from(SystemTime::now()) + chrono::Duration::hours(1);
        let credentials = Credentials::new("https://a.vsax.net", "tok-1", SecretString::from("s"))
            .unwrap()
            .with_expiry(in_an_hour);
        let credential = TokenCredential::new(&credentials, clock.clone()).unwrap();
        assert!(credential.authorize().await.is_ok());
        assert!(credential.expiry().unwrap().remaining().is_some());
        clock.advance(Duration::from_secs(2 * 3600));
        let err = credential.authorize().await.unwrap_err();
        assert!(err.is_auth());
        let text = err.to_string();
        assert!(
            text.contains("tok-1") && text.contains("expired on"),
            "{text}"
        );
        assert!(credential.expiry().unwrap().remaining().is_none());
    }

    #[test]
    fn declared_grants_are_not_confirmed() {
        let credentials = Credentials::new("https://a.vsax.net", "t", SecretString::from("s"))
            .unwrap()
            .with_granted([&crate::permissions::DEVICES_READ]);
        let credential =
            TokenCredential::new(&credentials, Arc::new(neo_auth_core::SystemClock)).unwrap();
        let (granted, source) = credential.grant().unwrap();
        assert!(granted.grants(&crate::permissions::DEVICES_READ));
        assert!(!source.is_confirmed());
    }

    #[test]
    fn the_secret_and_its_basic_form_are_known_secrets() {
        let credentials = Credentials::new(
            "https://a.vsax.net",
            "tok-1",
            SecretString::from("s3cret-value"),
        )
        .unwrap();
        let credential =
            TokenCredential::new(&credentials, Arc::new(neo_auth_core::SystemClock)).unwrap();
        // base64("tok-1:s3cret-value")
        let masked = credential
            .known_secrets()
            .mask("echo s3cret-value / dG9rLTE6czNjcmV0LXZhbHVl");
        assert_eq!(masked, "echo ** redacted ** / ** redacted **");
    }
}
