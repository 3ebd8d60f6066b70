//! A successful response, and the limit of an error response's body.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::auth::credential::Credential;
use crate::error::decode::{DECODE_SNIPPET_CHARS, decode_json};
use crate::error::redact::KnownSecrets;
use crate::error::{Error, Result};

/// Largest error body read into memory.
pub(super) const MAX_ERROR_BODY: usize = 64 * 1024;

/// A successful response.
#[derive(Clone)]
pub struct ApiResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// The credential the request was sent with: its known secrets are masked
    /// in a decode error's snippet (looked up only when decoding fails).
    credential: Option<Arc<dyn Credential>>,
}

impl fmt::Debug for ApiResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl ApiResponse {
    pub(super) fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        ApiResponse {
            status,
            headers,
            body,
            credential: None,
        }
    }

    pub(super) fn with_credential(mut self, credential: Arc<dyn Credential>) -> Self {
        self.credential = Some(credential);
        self
    }

    /// The exact secrets of the credential the request was sent with (see
    /// [`Credential::known_secrets`]): for decoders that build their own
    /// errors from this body.
    pub fn known_secrets(&self) -> KnownSecrets {
        self.credential
            .as_ref()
            .map(|c| c.known_secrets())
            .unwrap_or_default()
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes the body as JSON; errors name the bad field's path.
    ///
    /// The error's snippet masks the credential's known secrets too.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode_json(&self.body).map_err(|e| match e {
            Error::Decode { path, source, .. } => Error::Decode {
                path,
                snippet: self
                    .known_secrets()
                    .snippet(&self.body, DECODE_SNIPPET_CHARS),
                source,
            },
            other => other,
        })
    }
}
