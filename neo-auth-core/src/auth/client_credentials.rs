//! OAuth2 client-credentials token source with a form-encoded body (RFC 6749 §4.4),
//! through the `oauth2` crate over the SDK's own reqwest client.

use std::fmt;
use std::time::Duration;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AuthType, ClientId, ClientSecret, RequestTokenError, StandardRevocableToken, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::auth::token::{AccessToken, BoxFuture, TokenSource};
use crate::auth::token_endpoint::{
    read_token_response, token_http_client, token_parse_error, token_transport_error,
};
use crate::auth::token_response::TokenBody;
use crate::error::redact::{KnownSecrets, redact_text};
use crate::error::{AuthError, Error, Result};
use crate::transport::url_policy::validate_base_url;

/// Where the client id and secret go in the token request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` as form fields (HaloPSA).
    #[default]
    RequestBody,
    /// HTTP Basic authentication header.
    BasicHeader,
}

/// Fetches tokens with the client-credentials grant, form-encoded.
///
/// ```
/// use neo_auth_core::ClientCredentialsSource;
/// use secrecy::SecretString;
/// let source = ClientCredentialsSource::new(
///     "https://acme.halopsa.com/auth/token?tenant=acme",
///     "my-client-id",
///     SecretString::from("my-secret"),
/// )
/// .unwrap()
/// .with_scopes(["all"]);
/// assert!(!format!("{source:?}").contains("my-secret"));
/// ```
#[derive(Clone)]
pub struct ClientCredentialsSource {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    client_auth: ClientAuth,
    http: reqwest::Client,
}

/// The `oauth2` client over the SDK's lenient [`TokenBody`] (a string or float
/// `expires_in`, a missing `token_type`), not `oauth2`'s strict standard body.
type FormClient = oauth2::Client<
    BasicErrorResponse,
    TokenBody,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
>;

/// Error of the oauth2 adapter: either reqwest failed or the endpoint did not answer 200.
#[derive(Debug)]
enum AdapterError {
    Transport(reqwest::Error),
    Status(Box<Error>),
}

impl fmt::Display for AdapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdapterError::Transport(e) => write!(f, "{e}"),
            AdapterError::Status(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AdapterError {}

impl ClientCredentialsSource {
    /// A source for `token_url` (validated: https, or http to loopback only; a
    /// query such as `?tenant=` is allowed here).
    pub fn new(
        token_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Result<Self> {
        let token_url = validate_token_url(token_url)?;
        let client_id = client_id.into();
        if client_id.trim().is_empty() {
            return Err(Error::config("the client id is empty"));
        }
        if client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config("the client secret is empty"));
        }
        Ok(ClientCredentialsSource {
            token_url,
            client_id,
            client_secret,
            scopes: Vec::new(),
            client_auth: ClientAuth::default(),
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

    /// Sets where the client id and secret go.
    pub fn with_client_auth(mut self, auth: ClientAuth) -> Self {
        self.client_auth = auth;
        self
    }

    /// Uses a caller-supplied reqwest client (it should not follow redirects).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    /// The token URL.
    pub fn token_url(&self) -> &Url {
        &self.token_url
    }

    async fn fetch_token(&self) -> Result<AccessToken> {
        let token_url = TokenUrl::from_url(self.token_url.clone());
        let client = FormClient::new(ClientId::new(self.client_id.clone()))
            .set_client_secret(ClientSecret::new(
                self.client_secret.expose_secret().to_owned(),
            ))
            .set_auth_type(match self.client_auth {
                ClientAuth::RequestBody => AuthType::RequestBody,
                ClientAuth::BasicHeader => AuthType::BasicAuth,
            })
            .set_token_uri(token_url);
        let http = self.http.clone();
        let secrets = self.known_secrets();
        let adapter = move |request: oauth2::HttpRequest| {
            let http = http.clone();
            let secrets = secrets.clone();
            async move {
                let request =
                    reqwest::Request::try_from(request).map_err(AdapterError::Transport)?;
                let response = http
                    .execute(request)
                    .await
                    .map_err(AdapterError::Transport)?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = read_token_response(
                    response,
                    |status| status == http::StatusCode::OK,
                    &secrets,
                )
                .await
                .map_err(|e| AdapterError::Status(Box::new(e)))?;
                let mut builder = http::Response::builder().status(status);
                if let Some(h) = builder.headers_mut() {
                    *h = headers;
                }
                builder.body(body.to_vec()).map_err(|e| {
                    AdapterError::Status(Box::new(Error::config_with(
                        "the token response could not be handed to the OAuth2 client",
                        e,
                    )))
                })
            }
        };
        let mut request = client.exchange_client_credentials();
        for scope in &self.scopes {
            request = request.add_scope(oauth2::Scope::new(scope.clone()));
        }
        match request.request_async(&adapter).await {
            Ok(response) => Ok(response.into_access_token()),
            Err(RequestTokenError::Request(AdapterError::Transport(e))) => {
                Err(token_transport_error(e))
            }
            Err(RequestTokenError::Request(AdapterError::Status(e))) => Err(*e),
            Err(RequestTokenError::Parse(e, _body)) => Err(token_parse_error(e)),
            Err(RequestTokenError::ServerResponse(e)) => Err(AuthError {
                oauth_error: Some(self.known_secrets().mask(&redact_text(e.error().as_ref()))),
                description: e
                    .error_description()
                    .map(|d| self.known_secrets().mask(&redact_text(d))),
                ..AuthError::new("the token endpoint refused the request")
            }
            .into_error()),
            Err(RequestTokenError::Other(message)) => Err(AuthError::new(message).into_error()),
        }
    }
}

/// Validates a token endpoint URL: same scheme rules as a base URL, but a query
/// (`?tenant=...`) is allowed.
pub(crate) fn validate_token_url(raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        Error::config_with(
            format!(
                "`{}` is not a valid token URL",
                crate::transport::url_policy::redact_userinfo(raw)
            ),
            e,
        )
    })?;
    let query = url.query().map(str::to_owned);
    url.set_query(None);
    let mut url = validate_base_url(url.as_str())?;
    url.set_query(query.as_deref());
    Ok(url)
}

impl TokenSource for ClientCredentialsSource {
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
            "oauth2-form\n{}\n{}\n{}",
            self.token_url,
            self.client_id,
            self.scopes.join(" ")
        ))
    }
}

impl fmt::Debug for ClientCredentialsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentialsSource")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("scopes", &self.scopes)
            .field("client_auth", &self.client_auth)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_token_url_keeps_the_parse_error_as_its_source() {
        let error = validate_token_url("https://user:pw@exa mple.com/token?tenant=a").unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error}");
        let source = std::error::Error::source(&error).expect("the parse error is the source");
        assert!(
            source.downcast_ref::<url::ParseError>().is_some(),
            "{source:?}"
        );
        assert!(!error.to_string().contains("pw@"), "{error}");
    }
}
