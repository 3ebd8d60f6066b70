//! Client-credentials token source whose endpoint wants a JSON body
//! (ConnectWise Asio's `POST /v1/token`).

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

use crate::auth::client_credentials::validate_token_url;
use crate::auth::token::{AccessToken, BoxFuture, TokenSource};
use crate::auth::token_endpoint::{
    parse_scope, read_token_response, token_http_client, token_parse_error, token_transport_error,
};
use crate::error::{Error, Result};

/// Fetches tokens with a JSON body:
/// `{"grant_type":"client_credentials","client_id":…,"client_secret":…,"scope":"a b"}`.
#[derive(Clone)]
pub struct JsonTokenSource {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    scope: Option<String>,
}

impl JsonTokenSource {
    /// A source for `token_url` (https, or http to loopback only).
    pub fn new(
        token_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Result<Self> {
        let client_id = client_id.into();
        if client_id.trim().is_empty() {
            return Err(Error::config("the client id is empty"));
        }
        if client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config("the client secret is empty"));
        }
        Ok(JsonTokenSource {
            token_url: validate_token_url(token_url)?,
            client_id,
            client_secret,
            scopes: Vec::new(),
            http: token_http_client(Duration::from_secs(10))?,
        })
    }

    /// Sets the scopes to request.
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Uses a caller-supplied reqwest client (it should not follow redirects).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    async fn fetch_token(&self) -> Result<AccessToken> {
        let body = serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret.expose_secret(),
            "scope": self.scopes.join(" "),
        });
        let response = self
            .http
            .post(self.token_url.clone())
            .header(http::header::ACCEPT, "application/json")
            .json(&body)
            .send()
            .await
            .map_err(token_transport_error)?;
        let bytes = read_token_response(response, |status| status.is_success()).await?;
        let parsed: TokenBody =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&bytes))
                .map_err(token_parse_error)?;
        let expires_in = parsed.expires_in.as_ref().and_then(|v| match v {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        });
        Ok(AccessToken {
            secret: SecretString::from(parsed.access_token),
            token_type: parsed.token_type.unwrap_or_else(|| "Bearer".to_owned()),
            expires_in: expires_in.and_then(lifetime_from_seconds),
            scopes: parse_scope(parsed.scope.as_deref()),
        })
    }
}

/// A token lifetime from `expires_in` seconds: zero or negative means "already
/// expired" (`Some(ZERO)`, as the form source reads `0`), a value too large for a
/// `Duration` is the longest one (the cache caps it), and NaN or infinity is
/// treated as absent (`None`).
fn lifetime_from_seconds(seconds: f64) -> Option<Duration> {
    if !seconds.is_finite() {
        None
    } else if seconds <= 0.0 {
        Some(Duration::ZERO)
    } else {
        Some(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX))
    }
}

impl TokenSource for JsonTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(self.fetch_token())
    }

    fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl fmt::Debug for JsonTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonTokenSource")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("scopes", &self.scopes)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        assert_eq!(lifetime_from_seconds(0.0), Some(Duration::ZERO));
        assert_eq!(lifetime_from_seconds(-5.0), Some(Duration::ZERO));
        assert_eq!(
            lifetime_from_seconds(1.5),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(lifetime_from_seconds(1e300), Some(Duration::MAX));
        assert_eq!(lifetime_from_seconds(f64::NAN), None);
        assert_eq!(lifetime_from_seconds(f64::INFINITY), None);
    }
}
