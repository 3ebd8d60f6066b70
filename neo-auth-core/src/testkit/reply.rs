//! What a fake answers: status, headers, body and an optional delay.

use std::time::Duration;

use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

/// A fake's answer to one request, built with the constructors below and turned
/// into a wiremock response by [`FakeHttp`](super::FakeHttp).
///
/// Unlike a wiremock `ResponseTemplate` it can be inspected, so a router or a
/// [`TokenIssuer`](super::TokenIssuer) can be unit-tested without HTTP.
///
/// ```
/// use neo_auth_core::testkit::Reply;
/// let reply = Reply::json(404, &serde_json::json!({"message": "no such ticket"}))
///     .with_header("X-Request-Id", "r-1");
/// assert_eq!(reply.status(), 404);
/// assert_eq!(reply.header("x-request-id"), Some("r-1"));
/// assert_eq!(reply.body_json().unwrap()["message"], "no such ticket");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Vec<u8>,
    content_type: Option<String>,
    delay: Option<Duration>,
}

impl Reply {
    /// A JSON reply (a `json!` value or any serializable type). An invalid
    /// `status` (not 100–999) becomes 500; a body that cannot be serialized
    /// (a map with non-string keys) is sent empty.
    pub fn json(status: u16, body: &impl Serialize) -> Reply {
        Reply::raw(
            status,
            serde_json::to_vec(body).unwrap_or_default(),
            "application/json",
        )
    }

    /// A `text/plain` reply.
    pub fn text(status: u16, body: &str) -> Reply {
        Reply::raw(
            status,
            body.as_bytes().to_vec(),
            "text/plain; charset=utf-8",
        )
    }

    /// A reply without a body (and without a `Content-Type`).
    pub fn empty(status: u16) -> Reply {
        Reply {
            status: valid(status),
            headers: Vec::new(),
            body: Vec::new(),
            content_type: None,
            delay: None,
        }
    }

    /// A reply with exactly these bytes and this `Content-Type` (for bodies that
    /// are deliberately not valid JSON, or not JSON at all).
    pub fn raw(status: u16, body: impl Into<Vec<u8>>, content_type: &str) -> Reply {
        Reply {
            status: valid(status),
            headers: Vec::new(),
            body: body.into(),
            content_type: Some(content_type.to_owned()),
            delay: None,
        }
    }

    /// An OAuth 2 error (RFC 6749 §5.2): `{"error": …, "error_description": …}`.
    pub fn oauth_error(status: u16, error: &str, description: Option<&str>) -> Reply {
        match description {
            Some(d) => Reply::json(status, &json!({"error": error, "error_description": d})),
            None => Reply::json(status, &json!({"error": error})),
        }
    }

    /// The kit's generic 404 `{"message": "no route for METHOD PATH"}`; vendor
    /// fakes usually answer with their own body.
    pub fn no_route(method: &str, path: &str) -> Reply {
        Reply::json(
            404,
            &json!({"message": format!("no route for {method} {path}")}),
        )
    }

    /// Adds a header (kept in order; a name may repeat).
    ///
    /// # Panics
    ///
    /// If `name` is not a valid header name or `value` not a valid header value
    /// (a mistake in the fake's code, not in the request it answers).
    #[track_caller]
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        let value = value.into();
        let (Ok(name_ok), Ok(value_ok)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) else {
            panic!("the fake built an invalid header `{name}: {value}`");
        };
        self.headers.push((name_ok, value_ok));
        self
    }

    /// Holds the reply back for `delay` (the request has already been handled).
    pub fn with_delay(mut self, delay: Duration) -> Reply {
        self.delay = Some(delay);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.as_str().eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.to_str().ok())
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The `Content-Type`, when there is a body.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The delay set with [`Reply::with_delay`].
    pub fn delay(&self) -> Option<Duration> {
        self.delay
    }

    /// The wiremock response this reply is sent as.
    pub fn into_template(self) -> ResponseTemplate {
        let mut template = ResponseTemplate::new(self.status);
        for (name, value) in self.headers {
            template = template.append_header(name, value);
        }
        if let Some(content_type) = &self.content_type {
            template = template.set_body_raw(self.body, content_type);
        }
        if let Some(delay) = self.delay {
            template = template.set_delay(delay);
        }
        template
    }
}

impl From<Reply> for ResponseTemplate {
    fn from(reply: Reply) -> ResponseTemplate {
        reply.into_template()
    }
}

fn valid(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_status_becomes_500_and_oauth_errors_have_the_rfc_shape() {
        assert_eq!(Reply::empty(42).status(), 500);
        let reply = Reply::oauth_error(401, "invalid_client", Some("bad secret"));
        assert_eq!(
            reply.body_json(),
            Some(json!({"error": "invalid_client", "error_description": "bad secret"}))
        );
        assert_eq!(reply.content_type(), Some("application/json"));
        assert_eq!(Reply::empty(204).content_type(), None);
    }
}
