//! HaloPSA token acquisition: authorisation-server discovery, then the
//! form-encoded client-credentials grant through the core's OAuth2 source.
//!
//! Discovery (`GET {base}/api/authinfo` → `auth_url`, `tenant_id`) runs once, on
//! the first token fetch; when it fails the token URL falls back to
//! `{base}/auth/token`. `?tenant=` is added when a tenant is configured or
//! discovered. An explicitly configured auth URL skips discovery.

use std::fmt;
use std::time::Duration;

use neo_auth_core::{
    AccessToken, BoxFuture, ClientAuth, ClientCredentialsSource, Error, Result, TokenSource,
    token_http_client,
};
use secrecy::SecretString;
use serde::Deserialize;
use tokio::sync::OnceCell;
use url::Url;

/// Where tokens come from, once discovered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenEndpoint {
    /// The token URL, including `?tenant=` when a tenant applies.
    pub token_url: String,
    /// How the URL was found: `configured`, `discovered` or `fallback`.
    pub how: &'static str,
}

#[derive(Deserialize)]
struct AuthInfo {
    #[serde(default)]
    auth_url: Option<String>,
    #[serde(default)]
    tenant_id: Option<serde_json::Value>,
}

/// The HaloPSA [`TokenSource`]: discovers the token endpoint once, then fetches
/// tokens with the client-credentials grant (form body, id and secret in the body).
pub struct HaloTokenSource {
    base: Url,
    client_id: String,
    client_secret: SecretString,
    tenant: Option<String>,
    auth_url: Option<String>,
    scopes: Vec<String>,
    http: reqwest::Client,
    inner: OnceCell<(ClientCredentialsSource, TokenEndpoint)>,
}

impl HaloTokenSource {
    pub(crate) fn new(
        base: Url,
        client_id: String,
        client_secret: SecretString,
        tenant: Option<String>,
        auth_url: Option<String>,
        scopes: Vec<String>,
    ) -> Result<Self> {
        Ok(HaloTokenSource {
            base,
            client_id,
            client_secret,
            tenant,
            auth_url,
            scopes,
            http: token_http_client(Duration::from_secs(10))?,
            inner: OnceCell::new(),
        })
    }

    /// The token endpoint, once it has been resolved (after the first fetch).
    pub fn endpoint(&self) -> Option<&TokenEndpoint> {
        self.inner.get().map(|(_, endpoint)| endpoint)
    }

    async fn resolve(&self) -> Result<(ClientCredentialsSource, TokenEndpoint)> {
        let (auth_base, tenant, how) = match &self.auth_url {
            Some(url) => (url.clone(), self.tenant.clone(), "configured"),
            None => match self.discover().await {
                Some((auth_url, discovered_tenant)) => (
                    auth_url,
                    self.tenant.clone().or(discovered_tenant),
                    "discovered",
                ),
                None => (
                    format!("{}/auth", self.base.as_str().trim_end_matches('/')),
                    self.tenant.clone(),
                    "fallback",
                ),
            },
        };
        let token_url = token_url(&auth_base, tenant.as_deref())?;
        let source = ClientCredentialsSource::new(
            token_url.as_str(),
            self.client_id.clone(),
            self.client_secret.clone(),
        )?
        .with_scopes(self.scopes.clone())
        .with_client_auth(ClientAuth::RequestBody)
        .with_http_client(self.http.clone());
        tracing::debug!(token_url = %token_url, how, "HaloPSA token endpoint resolved");
        Ok((
            source,
            TokenEndpoint {
                token_url: token_url.to_string(),
                how,
            },
        ))
    }

    async fn discover(&self) -> Option<(String, Option<String>)> {
        let url = neo_auth_core::join_path(&self.base, "/api/authinfo").ok()?;
        let response = self
            .http
            .get(url)
            .header("accept", "application/json")
            .timeout(Duration::from_secs(15))
            .send()
            .await
            .ok()?;
        if !response.status().is_success() {
            tracing::info!(status = %response.status(), "HaloPSA authinfo unavailable; using {{base}}/auth/token");
            return None;
        }
        let info: AuthInfo = response.json().await.ok()?;
        let auth_url = info.auth_url.filter(|u| !u.trim().is_empty())?;
        let tenant = match info.tenant_id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        Some((auth_url, tenant))
    }
}

/// Builds the token URL from an authorisation-server base (or a URL already ending
/// in `/token`) and an optional tenant.
pub(crate) fn token_url(auth: &str, tenant: Option<&str>) -> Result<Url> {
    let mut url = Url::parse(auth.trim())
        .map_err(|e| Error::config(format!("`{auth}` is not a valid HaloPSA auth URL: {e}")))?;
    let path = url.path().trim_end_matches('/').to_owned();
    if path.to_ascii_lowercase().ends_with("/token") {
        url.set_path(&path);
    } else {
        url.set_path(&format!("{path}/token"));
    }
    if let Some(tenant) = tenant {
        let has_tenant = url.query_pairs().any(|(k, _)| k == "tenant");
        if !has_tenant {
            url.query_pairs_mut().append_pair("tenant", tenant);
        }
    }
    Ok(url)
}

impl TokenSource for HaloTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(async move {
            let (source, _) = self.inner.get_or_try_init(|| self.resolve()).await?;
            source.fetch().await
        })
    }

    fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl fmt::Debug for HaloTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HaloTokenSource")
            .field("base", &self.base.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("tenant", &self.tenant)
            .field("scopes", &self.scopes)
            .field("endpoint", &self.endpoint())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_urls() {
        assert_eq!(
            token_url("https://acme.halopsa.com/auth", Some("acme"))
                .unwrap()
                .as_str(),
            "https://acme.halopsa.com/auth/token?tenant=acme"
        );
        assert_eq!(
            token_url("https://acme.halopsa.com/auth/token/", None)
                .unwrap()
                .as_str(),
            "https://acme.halopsa.com/auth/token"
        );
        assert_eq!(
            token_url("https://a/auth/token?tenant=x", Some("y"))
                .unwrap()
                .as_str(),
            "https://a/auth/token?tenant=x"
        );
        assert!(token_url("not a url", None).is_err());
    }
}
