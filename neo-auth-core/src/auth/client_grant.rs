//! What both client-credentials token sources hold and check: the token URL,
//! the client id and secret, the requested scopes and the HTTP client.
//!
//! [`ClientCredentialsSource`](crate::ClientCredentialsSource) sends them
//! form-encoded, [`JsonTokenSource`](crate::JsonTokenSource) as a JSON body;
//! the fields, their validation, the secret masking and the redacting `Debug`
//! are this one type's.

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::auth::token_endpoint::token_http_client;
use crate::error::redact::KnownSecrets;
use crate::error::{Error, Result};
use crate::transport::url_policy::{redact_userinfo, validate_base_url};

/// The client-credentials grant of one token endpoint.
#[derive(Clone)]
pub(crate) struct ClientGrant {
    pub(crate) token_url: Url,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) scopes: Vec<String>,
    pub(crate) http: reqwest::Client,
}

impl ClientGrant {
    /// Validates the token URL (https, or http to loopback only; a query such
    /// as `?tenant=` is allowed) and refuses an empty client id or secret.
    pub(crate) fn new(
        token_url: &str,
        client_id: String,
        client_secret: SecretString,
    ) -> Result<Self> {
        let token_url = validate_token_url(token_url)?;
        if client_id.trim().is_empty() {
            return Err(Error::config("the client id is empty"));
        }
        if client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config("the client secret is empty"));
        }
        Ok(ClientGrant {
            token_url,
            client_id,
            client_secret,
            scopes: Vec::new(),
            http: token_http_client(Duration::from_secs(10))?,
        })
    }

    /// Sets the scopes to request.
    pub(crate) fn set_scopes<I, S>(&mut self, scopes: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
    }

    /// The exact secret this grant holds, for masking.
    pub(crate) fn known_secrets(&self) -> KnownSecrets {
        KnownSecrets::new().with(&self.client_secret)
    }

    /// The grant's fields in a `Debug` of the source named `name`, secret redacted.
    pub(crate) fn debug_struct<'a, 'b>(
        &self,
        f: &'a mut fmt::Formatter<'b>,
        name: &str,
    ) -> fmt::DebugStruct<'a, 'b> {
        let mut out = f.debug_struct(name);
        out.field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("scopes", &self.scopes);
        out
    }
}

/// Validates a token endpoint URL: same scheme rules as a base URL, but a query
/// (`?tenant=...`) is allowed.
pub(crate) fn validate_token_url(raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        Error::config_with(
            format!("`{}` is not a valid token URL", redact_userinfo(raw)),
            e,
        )
    })?;
    let query = url.query().map(str::to_owned);
    url.set_query(None);
    let mut url = validate_base_url(url.as_str())?;
    url.set_query(query.as_deref());
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(url: &str, id: &str, secret: &str) -> Result<ClientGrant> {
        ClientGrant::new(url, id.to_owned(), SecretString::from(secret))
    }

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

    #[test]
    fn empty_ids_and_secrets_and_plain_http_are_refused() {
        let url = "https://acme.example/token?tenant=a";
        assert!(grant(url, " ", "secret").is_err());
        assert!(grant(url, "id", " ").is_err());
        assert!(grant("http://acme.example/token", "id", "secret").is_err());
        let ok = grant(url, "id", "s3cr3t-value").unwrap();
        assert_eq!(ok.token_url.query(), Some("tenant=a"));
        assert_eq!(ok.known_secrets().len(), 1);
    }
}
