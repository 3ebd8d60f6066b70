//! Client-credentials token source whose endpoint wants a JSON body
//! (ConnectWise Asio's `POST /v1/token`).

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::auth::client_grant::ClientGrant;
use crate::auth::token::{AccessToken, BoxFuture, TokenSource};
use crate::auth::token_endpoint::{read_token_response, token_parse_error, token_transport_error};
use crate::auth::token_response::TokenBody;
use crate::error::Result;
use crate::error::redact::KnownSecrets;

/// Fetches tokens with a JSON body:
/// `{"grant_type":"client_credentials","client_id":…,"client_secret":…,"scope":"a b"}`.
#[derive(Clone)]
pub struct JsonTokenSource {
    grant: ClientGrant,
}

impl JsonTokenSource {
    /// A source for `token_url` (https, or http to loopback only).
    pub fn new(
        token_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Result<Self> {
        Ok(JsonTokenSource {
            grant: ClientGrant::new(token_url, client_id.into(), client_secret)?,
        })
    }

    /// Sets the scopes to request.
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.grant.set_scopes(scopes);
        self
    }

    /// Uses a caller-supplied reqwest client (it should not follow redirects).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.grant.http = http;
        self
    }

    async fn fetch_token(&self) -> Result<AccessToken> {
        let grant = &self.grant;
        let body = serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": grant.client_id,
            "client_secret": grant.client_secret.expose_secret(),
            "scope": grant.scopes.join(" "),
        });
        let response = grant
            .http
            .post(grant.token_url.clone())
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
        &self.grant.scopes
    }

    fn known_secrets(&self) -> KnownSecrets {
        self.grant.known_secrets()
    }
}

impl fmt::Debug for JsonTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.grant.debug_struct(f, "JsonTokenSource").finish()
    }
}
