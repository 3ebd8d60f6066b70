//! OAuth2 client-credentials token source with a form-encoded body (RFC 6749 §4.4),
//! through the `oauth2` crate over the SDK's own reqwest client.

use std::fmt;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
};
use oauth2::{
    AuthType, ClientId, ClientSecret, RequestTokenError, StandardRevocableToken, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::auth::client_grant::ClientGrant;
use crate::auth::token::{AccessToken, BoxFuture, TokenSource};
use crate::auth::token_endpoint::{read_token_response, token_parse_error, token_transport_error};
use crate::auth::token_response::TokenBody;
use crate::error::redact::{KnownSecrets, redact_text};
use crate::error::{AuthError, Error, Result};

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
    grant: ClientGrant,
    client_auth: ClientAuth,
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
        Ok(ClientCredentialsSource {
            grant: ClientGrant::new(token_url, client_id.into(), client_secret)?,
            client_auth: ClientAuth::default(),
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

    /// Sets where the client id and secret go.
    pub fn with_client_auth(mut self, auth: ClientAuth) -> Self {
        self.client_auth = auth;
        self
    }

    /// Uses a caller-supplied reqwest client (it should not follow redirects).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.grant.http = http;
        self
    }

    /// The token URL.
    pub fn token_url(&self) -> &Url {
        &self.grant.token_url
    }

    async fn fetch_token(&self) -> Result<AccessToken> {
        let grant = &self.grant;
        let token_url = TokenUrl::from_url(grant.token_url.clone());
        let client = FormClient::new(ClientId::new(grant.client_id.clone()))
            .set_client_secret(ClientSecret::new(
                grant.client_secret.expose_secret().to_owned(),
            ))
            .set_auth_type(match self.client_auth {
                ClientAuth::RequestBody => AuthType::RequestBody,
                ClientAuth::BasicHeader => AuthType::BasicAuth,
            })
            .set_token_uri(token_url);
        let http = grant.http.clone();
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
        for scope in &grant.scopes {
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

impl TokenSource for ClientCredentialsSource {
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

impl fmt::Debug for ClientCredentialsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.grant
            .debug_struct(f, "ClientCredentialsSource")
            .field("client_auth", &self.client_auth)
            .finish()
    }
}
