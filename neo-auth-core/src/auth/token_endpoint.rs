//! What both token sources share: the no-redirect HTTP client, response status
//! handling and the parsing of OAuth error bodies.

use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use crate::error::decode::redact_path_error;
use crate::error::redact::{KnownSecrets, redact_text};
use crate::error::{AuthError, Error, Result};
use crate::transport::body::{BodyError, read_body_limited, read_truncated};
use crate::transport::retry::retry_after_from_headers;

/// A reqwest client for token endpoints: never follows redirects (a 307 would
/// replay the client secret to wherever `Location` points).
pub fn token_http_client(connect_timeout: Duration) -> Result<reqwest::Client> {
    crate::transport::tls::http_client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(connect_timeout)
        .user_agent(crate::transport::default_user_agent())
        .build()
        .map_err(|e| Error::config_with("could not build the token HTTP client", e))
}

/// Largest token response body read: a token answer is a few hundred bytes, an
/// error answer is cut to this, and a 200 over it is refused
/// ([`Error::ResponseTooLarge`] inside an [`Error::Auth`]).
pub(crate) const MAX_TOKEN_BODY: usize = 64 * 1024;

/// Reads a token endpoint's answer: `Ok(body)` for a status that `accepted`,
/// or the error for it. Any other status's body is cut at [`MAX_TOKEN_BODY`]
/// and becomes the status error; an accepted body over that limit is refused
/// without reading the rest.
///
/// `secrets` (the source's client secret) are masked in the error's texts.
pub(crate) async fn read_token_response(
    response: reqwest::Response,
    accepted: fn(StatusCode) -> bool,
    secrets: &KnownSecrets,
) -> Result<bytes::Bytes> {
    let status = response.status();
    let headers = response.headers().clone();
    if !accepted(status) {
        let body = read_truncated(response, MAX_TOKEN_BODY).await;
        return Err(token_status_error(status, &headers, &body, secrets));
    }
    let path = response.url().path().to_owned();
    read_body_limited(response, MAX_TOKEN_BODY as u64)
        .await
        .map_err(|e| match e {
            BodyError::Read(e) => token_transport_error(e),
            BodyError::TooLarge => AuthError {
                status: Some(status),
                source: Some(Box::new(Error::response_too_large(
                    http::Method::POST,
                    path,
                    status,
                    MAX_TOKEN_BODY as u64,
                ))),
                ..AuthError::new(format!(
                    "the token response is larger than {MAX_TOKEN_BODY} bytes and was not read"
                ))
            }
            .into_error(),
        })
}

/// Turns a transport failure of a token request into an authentication error.
pub(crate) fn token_transport_error(error: reqwest::Error) -> Error {
    let timed_out = error.is_timeout();
    AuthError {
        retryable: true,
        timed_out,
        source: Some(Box::new(error.without_url())),
        ..AuthError::new("the token request could not be sent or its answer not read")
    }
    .into_error()
}

#[derive(Deserialize)]
struct OAuthErrorBody {
    error: Option<serde_json::Value>,
    error_description: Option<String>,
    message: Option<String>,
    #[serde(rename = "Message")]
    message_pascal: Option<String>,
}

/// Builds the error for a token endpoint answer other than 200.
/// Known `secrets` are masked in the code and description, as well as the patterns.
pub(crate) fn token_status_error(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    secrets: &KnownSecrets,
) -> Error {
    let parsed: Option<OAuthErrorBody> = serde_json::from_slice(body).ok();
    let (oauth_error, description) = match parsed {
        Some(b) => (
            b.error.and_then(|e| match e {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Object(map) => map
                    .get("code")
                    .or_else(|| map.get("message"))
                    .and_then(|v| v.as_str())
                    .map(str::to_owned),
                _ => None,
            }),
            b.error_description.or(b.message).or(b.message_pascal),
        ),
        None => {
            let text = secrets.snippet(body, 200);
            (None, (!text.is_empty()).then_some(text))
        }
    };
    // Vendors echo form fields and tokens in their descriptions.
    let oauth_error = secrets.mask_opt(oauth_error.as_deref().map(redact_text));
    let description = secrets.mask_opt(description.as_deref().map(redact_text));
    let message = match (status.as_u16(), oauth_error.as_deref()) {
        (_, Some("invalid_client")) | (401, _) => {
            "the token endpoint rejected the client id or secret".to_owned()
        }
        (_, Some("invalid_scope")) => {
            "the token endpoint refused a requested scope (invalid_scope)".to_owned()
        }
        (423, _) => {
            "the token endpoint locked this key for asking for too many tokens (423)".to_owned()
        }
        (429, _) => "the token endpoint is rate limiting".to_owned(),
        (s, _) if s >= 500 => "the token endpoint failed".to_owned(),
        (s, _) if (300..400).contains(&s) => {
            "the token endpoint answered with a redirect, which is never followed".to_owned()
        }
        _ => "the token endpoint refused the request".to_owned(),
    };
    AuthError {
        status: Some(status),
        oauth_error,
        description,
        retry_after: retry_after_from_headers(headers),
        retryable: crate::error::is_retryable_token_status(status),
        ..AuthError::new(message)
    }
    .into_error()
}

/// The error for a 200 token response that did not decode: it names the JSON
/// path; the serde error, with the offending value masked, is the source.
pub(crate) fn token_parse_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let e = redact_path_error(e);
    let message = format!("the token response could not be parsed at `{}`", e.path());
    AuthError {
        source: Some(Box::new(e)),
        ..AuthError::new(message)
    }
    .into_error()
}
