//! Asio's token endpoint: the core's [`JsonTokenSource`] (`POST {base}/v1/token`,
//! JSON body, space-separated scopes), with Asio's 423 Locked explained.

use std::fmt;

use neo_auth_core::{
    AccessToken, BoxFuture, Error, JsonTokenSource, KnownSecrets, Result, TokenSource,
};

use crate::errors::TOKEN_LOCKED;

/// The token source of an Asio client. The core's token cache in front of it
/// makes one token per lifetime for the whole process (every clone of a
/// `Client` shares it), and backs off when the key is locked.
pub(crate) struct AsioTokenSource {
    inner: JsonTokenSource,
}

impl AsioTokenSource {
    pub(crate) fn new(inner: JsonTokenSource) -> Self {
        AsioTokenSource { inner }
    }
}

/// A 423 from `/v1/token` becomes an auth error that says what it means.
pub(crate) fn explain_lock(error: Error) -> Error {
    match error {
        Error::Auth(mut auth) if auth.status.map(|s| s.as_u16()) == Some(423) => {
            auth.message = TOKEN_LOCKED.to_owned();
            Error::Auth(auth)
        }
        other => other,
    }
}

impl TokenSource for AsioTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(async move { self.inner.fetch().await.map_err(explain_lock) })
    }

    fn requested_scopes(&self) -> &[String] {
        self.inner.requested_scopes()
    }

    fn known_secrets(&self) -> KnownSecrets {
        self.inner.known_secrets()
    }

    /// The core source's key (token URL, client id, scopes): replicas share one token.
    fn shared_key(&self) -> Option<String> {
        self.inner.shared_key()
    }
}

impl fmt::Debug for AsioTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AsioTokenSource").field(&self.inner).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::secrecy::SecretString;

    #[test]
    fn the_wrapper_reports_the_client_secret_for_masking() {
        let inner = JsonTokenSource::new(
            "https://openapi.service.itsupport247.net/v1/token",
            "0e30abc",
            SecretString::from("hunter2-secret"),
        )
        .unwrap();
        let source = AsioTokenSource::new(inner);
        let masked = source.known_secrets().mask("echo hunter2-secret back");
        assert!(!masked.contains("hunter2-secret"), "{masked}");
    }
}
