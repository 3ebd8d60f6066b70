//! The credential every request carries: Basic `companyId+publicKey:privateKey`,
//! the `clientId` header, and the API version pinned in `Accept`.

use std::fmt;
use std::sync::Arc;

use http::HeaderValue;
use neo_auth_core::{
    Authorization, BasicCredential, BoxFuture, Credential, Error, GrantSource, KnownSecrets,
    Result, ScopeSet,
};

/// Basic credentials plus ConnectWise's `Accept` (the pinned model version).
/// The `clientId` header is one of the Basic credential's secret headers.
#[derive(Clone)]
pub(crate) struct CwCredential {
    basic: BasicCredential,
    accept: HeaderValue,
}

impl CwCredential {
    pub(crate) fn new(basic: BasicCredential, accept: &str) -> Result<Self> {
        let accept = HeaderValue::from_str(accept)
            .map_err(|_| Error::config(format!("`{accept}` is not a valid Accept header")))?;
        Ok(CwCredential { basic, accept })
    }

    /// Declares the security-role levels the API member holds (configuration).
    pub(crate) fn with_granted(mut self, granted: Arc<dyn ScopeSet>) -> Self {
        self.basic = self.basic.with_granted(granted);
        self
    }
}

impl Credential for CwCredential {
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>> {
        Box::pin(async move {
            let authorization = self.basic.authorize().await?;
            Ok(authorization.with_header(http::header::ACCEPT, self.accept.clone()))
        })
    }

    fn known_secrets(&self) -> KnownSecrets {
        self.basic.known_secrets()
    }

    fn granted(&self) -> Option<Arc<dyn ScopeSet>> {
        self.basic.granted()
    }

    fn granted_source(&self) -> GrantSource {
        self.basic.granted_source()
    }
}

impl fmt::Debug for CwCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CwCredential")
            .field("basic", &self.basic)
            .field("accept", &self.accept)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    #[tokio::test]
    async fn the_key_and_the_client_id_are_known_secrets_and_accept_is_added() {
        let basic = BasicCredential::new("acme+PUB", SecretString::from("PRIV-KEY-1"))
            .unwrap()
            .with_header("clientId", SecretString::from("CLIENT-GUID-1"))
            .unwrap();
        let credential = CwCredential::new(
            basic,
            "application/vnd.connectwise.com+json; version=2025.1",
        )
        .unwrap();
        let masked = credential
            .known_secrets()
            .mask("echo PRIV-KEY-1 and CLIENT-GUID-1");
        assert!(
            !masked.contains("PRIV-KEY-1") && !masked.contains("CLIENT-GUID-1"),
            "{masked}"
        );
        let auth = credential.authorize().await.unwrap();
        let accept: Vec<_> = auth
            .headers()
            .iter()
            .filter(|(n, _)| n == http::header::ACCEPT)
            .collect();
        assert_eq!(accept.len(), 1);
        assert!(!format!("{credential:?}").contains("PRIV-KEY-1"));
        assert!(
            CwCredential::new(
                BasicCredential::new("a+b", SecretString::from("c")).unwrap(),
                "bad\nheader"
            )
            .is_err()
        );
    }
}
