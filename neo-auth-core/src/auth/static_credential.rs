//! Static credentials: HTTP Basic, optionally with extra secret headers
//! (ConnectWise Manage's `clientId`).

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use http::{HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::access::scope::ScopeSet;
use crate::auth::credential::{Authorization, Credential};
use crate::auth::token::BoxFuture;
use crate::error::redact::KnownSecrets;
use crate::error::{Error, Result};

/// HTTP Basic credentials (VSA X token id/secret; ConnectWise Manage
/// `company+public:private` plus a `clientId` header).
///
/// ```
/// use neo_auth_core::BasicCredential;
/// use secrecy::SecretString;
/// let credential = BasicCredential::new("token-id", SecretString::from("token-secret")).unwrap();
/// assert!(!format!("{credential:?}").contains("token-secret"));
/// ```
///
/// The secrets are kept as [`SecretString`]s (zeroized on drop, never printed).
/// The only other copy is the prebuilt `Authorization` (Basic plus any extra
/// headers), whose values are marked sensitive: it is built once so that every
/// request does not re-encode the credentials.
#[derive(Clone)]
pub struct BasicCredential {
    username: String,
    password: SecretString,
    extra_headers: Vec<(HeaderName, SecretString)>,
    /// Prebuilt from the fields above; the one other copy of the secrets.
    authorization: Authorization,
    granted: Option<Arc<dyn ScopeSet>>,
}

impl BasicCredential {
    /// Basic credentials from a user name and a secret password.
    pub fn new(username: impl Into<String>, password: SecretString) -> Result<Self> {
        let username = username.into();
        if username.is_empty() {
            return Err(Error::config("the Basic user name is empty"));
        }
        if username.contains(':') {
            return Err(Error::config("a Basic user name cannot contain ':'"));
        }
        if password.expose_secret().is_empty() {
            return Err(Error::config("the Basic password is empty"));
        }
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{username}:{}", password.expose_secret()));
        let value = HeaderValue::from_str(&format!("Basic {encoded}"))
            .map_err(|_| Error::config("the Basic credentials are not a valid header"))?;
        Ok(BasicCredential {
            authorization: Authorization::new().with_header(http::header::AUTHORIZATION, value),
            username,
            password,
            extra_headers: Vec::new(),
            granted: None,
        })
    }

    /// The Basic user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The Basic password.
    pub fn password(&self) -> &SecretString {
        &self.password
    }

    /// The value of an extra secret header added with [`BasicCredential::with_header`]
    /// (names compare case-insensitively).
    pub fn extra_header(&self, name: &str) -> Option<&SecretString> {
        self.extra_headers
            .iter()
            .find(|(header, _)| header.as_str().eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    }

    /// Adds a secret header sent with every request (e.g. `clientId`).
    pub fn with_header(mut self, name: &str, value: SecretString) -> Result<Self> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("`{name}` is not a valid header name")))?;
        let header_value = HeaderValue::from_str(value.expose_secret()).map_err(|_| {
            Error::config(format!("the value of `{name}` is not a valid header value"))
        })?;
        self.authorization = self.authorization.with_header(header.clone(), header_value);
        self.extra_headers.push((header, value));
        Ok(self)
    }

    /// Declares what the credential was granted (as configured by the admin).
    pub fn with_granted(mut self, granted: Arc<dyn ScopeSet>) -> Self {
        self.granted = Some(granted);
        self
    }
}

impl Credential for BasicCredential {
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>> {
        let authorization = self.authorization.clone();
        Box::pin(async move { Ok(authorization) })
    }

    fn granted(&self) -> Option<Arc<dyn ScopeSet>> {
        self.granted.clone()
    }

    /// The password, its `user:password` Base64 form and every extra header value.
    fn known_secrets(&self) -> KnownSecrets {
        let mut secrets = KnownSecrets::new().with(&self.password);
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            self.username,
            self.password.expose_secret()
        ));
        secrets.push(&SecretString::from(encoded));
        for (_, value) in &self.extra_headers {
            secrets.push(value);
        }
        secrets
    }
}

impl fmt::Debug for BasicCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCredential")
            .field("username", &self.username)
            .field("password", &"** redacted **")
            .field(
                "extra_headers",
                &self
                    .extra_headers
                    .iter()
                    .map(|(name, _)| name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("granted", &self.granted)
            .finish()
    }
}
