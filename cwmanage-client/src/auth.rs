//! The credential every request carries: Basic `companyId+publicKey:privateKey`,
//! the `clientId` header, and the API version pinned in `Accept`.

use std::fmt;
use std::sync::Arc;

use http::HeaderValue;
use neo_auth_core::{
    Authorization, BasicCredential, BoxFuture, Credential, Error, GrantSource, Result, ScopeSet,
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
