//! How failures are classified: which send errors may be retried, and how a
//! reqwest error or an error status becomes an [`Error`].

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::Transport;
use crate::error::redact::redact_text;
use crate::error::{ApiError, Error, transport_kind};
use crate::transport::request::ApiRequest;
use crate::transport::retry::retry_after_from_headers;

/// The outcome of a failed attempt, as far as retrying goes.
pub(super) enum Failure {
    /// Retry may help; `rate_limited` selects the longer backoff.
    Retryable {
        error: Error,
        retry_after: Option<Duration>,
        rate_limited: bool,
        /// A write refused with 429: repeated only if the retry policy says so.
        refused_write: bool,
    },
    /// Returned to the caller as is.
    Final(Error),
}

impl Failure {
    /// A retryable failure without `Retry-After`.
    pub(super) fn retry(error: Error) -> Self {
        Failure::Retryable {
            error,
            retry_after: None,
            rate_limited: false,
            refused_write: false,
        }
    }
}

/// A failed attempt: a 401 (handled by re-authorizing) or anything else.
pub(super) enum AttemptError {
    Unauthorized(Error),
    Failed(Failure),
}

/// What went wrong while sending a request or reading its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SendErrorKind {
    /// The connection could not be opened (a connect timeout included): the
    /// request never left.
    Connect,
    /// The attempt timed out after the request may have left.
    Timeout,
    /// The response body broke off or could not be decoded.
    Body,
    /// A redirect was refused (too many, a loop).
    Redirect,
    /// The request could not be built.
    Builder,
    /// Anything else on the way.
    InTransit,
}

impl SendErrorKind {
    pub(super) fn of(e: &reqwest::Error) -> Self {
        if e.is_connect() {
            SendErrorKind::Connect
        } else if e.is_timeout() {
            SendErrorKind::Timeout
        } else if e.is_builder() {
            SendErrorKind::Builder
        } else if e.is_redirect() {
            SendErrorKind::Redirect
        } else if e.is_body() || e.is_decode() {
            SendErrorKind::Body
        } else {
            SendErrorKind::InTransit
        }
    }
}

/// What to do after a request could not be sent or its answer not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SendDecision {
    /// Send it again (after the backoff).
    Retry,
    /// Return the error: repeating cannot help, and nothing was applied.
    Final,
    /// Return [`Error::WriteUncertain`]: the request may have been applied.
    Uncertain,
}

/// Connect failures are retried for every method (the request never left);
/// refused redirects and unbuildable requests fail the same way again; anything
/// else is retried only for idempotent requests, and leaves a write uncertain.
pub(super) fn decide_after_send_error(kind: SendErrorKind, idempotent: bool) -> SendDecision {
    match kind {
        SendErrorKind::Connect => SendDecision::Retry,
        SendErrorKind::Redirect | SendErrorKind::Builder => SendDecision::Final,
        _ if idempotent => SendDecision::Retry,
        _ => SendDecision::Uncertain,
    }
}

impl Transport {
    /// Classifies a failed send (no response arrived).
    pub(super) fn send_failure(
        &self,
        request: &ApiRequest,
        e: reqwest::Error,
        timeout: Duration,
    ) -> Failure {
        let kind = SendErrorKind::of(&e);
        let error = self.transport_error(request, e, timeout);
        match decide_after_send_error(kind, request.is_idempotent()) {
            SendDecision::Retry => Failure::retry(error),
            SendDecision::Final => Failure::Final(error),
            SendDecision::Uncertain => Failure::Final(self.uncertain(request, error)),
        }
    }

    /// A reqwest error as an [`Error`], the reqwest error kept as the source.
    pub(super) fn transport_error(
        &self,
        request: &ApiRequest,
        e: reqwest::Error,
        timeout: Duration,
    ) -> Error {
        let what = || request.what();
        let kind = match SendErrorKind::of(&e) {
            SendErrorKind::Timeout => {
                return Error::Timeout {
                    what: what(),
                    after: timeout,
                    source: Some(Box::new(e.without_url())),
                };
            }
            SendErrorKind::Connect if e.is_timeout() => {
                return Error::Timeout {
                    what: format!("connecting for {}", what()),
                    after: self.inner.timeouts.connect,
                    source: Some(Box::new(e.without_url())),
                };
            }
            SendErrorKind::Connect => transport_kind::CONNECT,
            SendErrorKind::Body => transport_kind::BODY,
            SendErrorKind::Redirect => transport_kind::REDIRECT,
            SendErrorKind::Builder => transport_kind::BUILDER,
            SendErrorKind::InTransit => transport_kind::IN_TRANSIT,
        };
        Error::Transport {
            method: request.method.clone(),
            path: request.path.clone(),
            kind,
            source: Box::new(e.without_url()),
        }
    }

    /// An error status as an [`ApiError`]: the vendor's code and message (with
    /// credentials masked, whatever the vendor's parser did), request id,
    /// `Retry-After` and a redacted snippet.
    pub(super) fn api_error(
        &self,
        request: &ApiRequest,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> ApiError {
        let details = self.inner.errors.parse(status, headers, body);
        // The exact values the credential holds, even echoed bare.
        let secrets = self.inner.credential.known_secrets();
        ApiError {
            method: request.method.clone(),
            path: request.path.clone(),
            status,
            code: secrets.mask_opt(details.code.as_deref().map(redact_text)),
            message: secrets.mask_opt(details.message.as_deref().map(redact_text)),
            request_id: request_id(headers),
            retry_after: retry_after_from_headers(headers),
            body_snippet: secrets.snippet(body, 300),
        }
    }
}

/// The vendor's request id from the usual headers.
fn request_id(headers: &HeaderMap) -> Option<String> {
    [
        "x-request-id",
        "request-id",
        "x-correlation-id",
        "x-ms-request-id",
        "x-amzn-requestid",
    ]
    .iter()
    .find_map(|name| headers.get(*name))
    .and_then(|v| v.to_str().ok())
    .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_failures_are_retried_for_every_method() {
        for idempotent in [true, false] {
            assert_eq!(
                decide_after_send_error(SendErrorKind::Connect, idempotent),
                SendDecision::Retry
            );
        }
    }

    #[test]
    fn refused_redirects_and_unbuildable_requests_are_final() {
        for kind in [SendErrorKind::Redirect, SendErrorKind::Builder] {
            for idempotent in [true, false] {
                assert_eq!(
                    decide_after_send_error(kind, idempotent),
                    SendDecision::Final,
                    "{kind:?}"
                );
            }
        }
    }

    #[test]
    fn other_failures_are_retried_only_when_idempotent() {
        for kind in [
            SendErrorKind::Timeout,
            SendErrorKind::Body,
            SendErrorKind::InTransit,
        ] {
            assert_eq!(decide_after_send_error(kind, true), SendDecision::Retry);
            assert_eq!(
                decide_after_send_error(kind, false),
                SendDecision::Uncertain,
                "{kind:?}"
            );
        }
    }
}
