//! One attempt of a request: build it, send it, read the answer and classify it.

use http::StatusCode;
use url::Url;

use super::failure::{AttemptError, Failure};
use super::redirect::unfollowed_redirect_message;
use super::response::{ApiResponse, MAX_ERROR_BODY};
use super::{Transport, is_safe_method};
use crate::auth::credential::Authorization;
use crate::error::{AuthError, Error, is_retryable_status};
use crate::transport::body::{BodyError, read_body_limited, read_truncated};
use crate::transport::request::ApiRequest;

impl Transport {
    /// Sends `request` once with `authorization`.
    pub(super) async fn attempt(
        &self,
        request: &ApiRequest,
        url: &Url,
        authorization: &Authorization,
    ) -> Result<ApiResponse, AttemptError> {
        let attempt_timeout = request
            .options
            .attempt_timeout
            .unwrap_or(self.inner.timeouts.attempt);
        let builder = self.request_builder(request, url, authorization, attempt_timeout);
        let response = builder
            .send()
            .await
            .map_err(|e| AttemptError::Failed(self.send_failure(request, e, attempt_timeout)))?;
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let headers = response.headers().clone();
        if status.is_success() {
            let limit = request
                .options
                .max_response_body
                .unwrap_or(self.inner.max_response_body);
            let body = read_body_limited(response, limit).await.map_err(|e| {
                let (error, retry) = match e {
                    BodyError::Read(e) => (self.transport_error(request, e, attempt_timeout), true),
                    // The same request would get the same body.
                    BodyError::TooLarge => (
                        Error::response_too_large(
                            request.method.clone(),
                            request.path.clone(),
                            status,
                            limit,
                        ),
                        false,
                    ),
                };
                AttemptError::Failed(if !request.is_idempotent() {
                    // The server said yes; only the body was lost.
                    Failure::Final(self.uncertain(request, error))
                } else if retry {
                    Failure::retry(error)
                } else {
                    Failure::Final(error)
                })
            })?;
            if request.options.log_bodies {
                let secrets = self.inner.credential.known_secrets();
                tracing::trace!(body = %secrets.snippet(&body, 2000), "response body");
            }
            return Ok(ApiResponse::new(status, headers, body)
                .with_credential(self.inner.credential.clone()));
        }
        let final_url = response.url().clone();
        let body = read_truncated(response, MAX_ERROR_BODY).await;
        let mut api = self.api_error(request, status, &headers, &body);
        if status == StatusCode::UNAUTHORIZED {
            tracing::info!("the API answered 401");
            return Err(AttemptError::Unauthorized(
                AuthError {
                    status: Some(status),
                    description: api.message.clone(),
                    oauth_error: api.code.clone(),
                    source: Some(Box::new(api)),
                    ..AuthError::new("the API rejected the credential (HTTP 401)")
                }
                .into_error(),
            ));
        }
        if status == StatusCode::FORBIDDEN
            && self.inner.errors.forbidden_means_missing_scope()
            && let Some(requirement) = request.requirement.as_ref().filter(|r| r.scope().is_some())
        {
            return Err(AttemptError::Failed(Failure::Final(
                self.forbidden(requirement, api),
            )));
        }
        if status.is_redirection() {
            api.message = Some(unfollowed_redirect_message(
                &request.method,
                &final_url,
                &headers,
            ));
            let error = Error::Api(Box::new(api));
            return Err(AttemptError::Failed(Failure::Final(
                if redirect_leaves_write_uncertain(status, request.is_idempotent()) {
                    self.uncertain(request, error)
                } else {
                    error
                },
            )));
        }
        let retry_after = api.retry_after;
        let rate_limited = status == StatusCode::TOO_MANY_REQUESTS;
        let error = Error::Api(Box::new(api));
        let failure = if !is_retryable_status(status) {
            Failure::Final(error)
        } else if request.is_idempotent() {
            Failure::Retryable {
                error,
                retry_after,
                rate_limited,
                refused_write: false,
            }
        } else if rate_limited {
            // Refused before processing: not applied. Repeated only when the
            // retry policy says the vendor's 429 comes from a rate limiter in
            // front of the API (see `RetryPolicy`).
            Failure::Retryable {
                error,
                retry_after,
                rate_limited,
                refused_write: true,
            }
        } else if status == StatusCode::REQUEST_TIMEOUT {
            // The server refused before processing: not applied, but not retried silently.
            Failure::Final(error)
        } else {
            Failure::Final(self.uncertain(request, error))
        };
        Err(AttemptError::Failed(failure))
    }

    fn request_builder(
        &self,
        request: &ApiRequest,
        url: &Url,
        authorization: &Authorization,
        attempt_timeout: std::time::Duration,
    ) -> reqwest::RequestBuilder {
        let client = if is_safe_method(&request.method) {
            &self.inner.http
        } else {
            &self.inner.http_no_redirects
        };
        let mut builder = client
            .request(request.method.clone(), url.clone())
            .timeout(attempt_timeout);
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        // `Accept: application/json` unless the request or the credential
        // names its own (a vendor pinning a versioned media type).
        let own_accept = request
            .headers
            .iter()
            .any(|(n, _)| n == http::header::ACCEPT)
            || authorization
                .headers()
                .iter()
                .any(|(n, _)| n == http::header::ACCEPT);
        if !own_accept {
            builder = builder.header(http::header::ACCEPT, "application/json");
        }
        for (name, value) in &request.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        for (name, value) in authorization.headers() {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some(body) = &request.body {
            if request.options.log_bodies {
                let secrets = self.inner.credential.known_secrets();
                tracing::trace!(body = %secrets.snippet(body, 2000), "request body");
            }
            builder = builder
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        builder
    }
}

/// Whether an unfollowed redirect leaves a write (a request that is not
/// idempotent) uncertain. A 303 after a POST is post-redirect-get: the server
/// applied the write and points at the result. A 301 or 302 does not say
/// whether the write was processed before the redirect. A 307 or 308 asks for
/// the same request to be repeated elsewhere, without processing it here: a
/// definite "not applied". Reads and idempotent writes are never uncertain.
fn redirect_leaves_write_uncertain(status: StatusCode, idempotent: bool) -> bool {
    !idempotent
        && matches!(
            status,
            StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_301_302_303_leave_a_write_uncertain() {
        for (status, uncertain) in [
            (301, true),
            (302, true),
            (303, true),
            (300, false),
            (304, false),
            (307, false),
            (308, false),
        ] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                redirect_leaves_write_uncertain(status, false),
                uncertain,
                "{status}"
            );
            assert!(!redirect_leaves_write_uncertain(status, true), "{status}");
        }
    }
}
