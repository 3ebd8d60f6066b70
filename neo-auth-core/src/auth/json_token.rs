//! Client-credentials token source whose endpoint wants a JSON body
//! (ConnectWise Asio's `POST /v1/token`).

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::auth::client_credentials::validate_token_url;
use crate::auth::token::{AccessToken, BoxFuture, TokenSource};
use crate::auth::token_endpoint::{
    read_token_response, token_http_client, token_parse_error, token_transport_error,
};
use crate::auth::token_response::TokenBody;
use crate::error::redact::KnownSecrets;
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
        let bytes = read_token_response(
            response,
            |status| status.is_success(),
            &self.known_secrets(),
        )
        .await?;
        let parsed: TokenBody =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&bytes))
                .map_err(token_parse_error)?;
        Ok(parsed.into_access_token())
    }
}

impl TokenSource for JsonTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(self.fetch_token())
    }

    fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }

    fn known_secrets(&self) -> KnownSecrets {
        KnownSecrets::new().with(&self.client_secret)
    }

    fn shared_key(&self) -> Option<String> {
        Some(format!(
            "oauth2-json\n{}\n{}\n{}",
            self.token_url,
            self.client_id,
            self.scopes.join(" ")
        ))
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
