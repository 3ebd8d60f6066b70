//! A request described as data: method, path, query, body, requirement and overrides.

use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};
use serde::Serialize;

use crate::access::policy::Approval;
use crate::access::requirement::Requirement;
use crate::error::{Error, Result};

/// Per-request overrides of the client's settings.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Treat the request as idempotent (retry it) or not, whatever its method.
    /// Set `Some(true)` on a POST only when the API makes it safe (an idempotency
    /// key), and on a DELETE only when a repeated delete is harmless (see
    /// [`ApiRequest::is_idempotent`] for the defaults and why a DELETE is not
    /// retried unless asked).
    pub idempotent: Option<bool>,
    /// Timeout of each attempt.
    pub attempt_timeout: Option<Duration>,
    /// Timeout of the whole call, retries and waits included.
    pub overall_timeout: Option<Duration>,
    /// Attempts, the first included.
    pub max_attempts: Option<u32>,
    /// Log request and response bodies at `trace` level (off by default).
    pub log_bodies: bool,
    /// Largest success response body read, in bytes (must be greater than
    /// zero); overrides [`TransportBuilder::max_response_body`](crate::TransportBuilder::max_response_body).
    pub max_response_body: Option<u64>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides idempotency.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Overrides the per-attempt timeout.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Overrides the overall timeout.
    pub fn overall_timeout(mut self, timeout: Duration) -> Self {
        self.overall_timeout = Some(timeout);
        self
    }

    /// Overrides the attempt limit.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// Overrides the largest success response body read, in bytes (an export
    /// larger than the client's limit, or a tighter bound for a small answer).
    /// A longer body fails the call with [`Error::ResponseTooLarge`].
    pub fn max_response_body(mut self, bytes: u64) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// Logs bodies at `trace` level.
    pub fn log_bodies(mut self, on: bool) -> Self {
        self.log_bodies = on;
        self
    }
}

/// One API request.
///
/// ```
/// use neo_auth_core::{Access, Area, ApiRequest, Requirement};
/// let request = ApiRequest::get("/api/Tickets")
///     .query("page_no", 1)
///     .requirement(Requirement::new("tickets.list", Area::new("tickets"), Access::Read));
/// assert_eq!(request.path(), "/api/Tickets");
/// ```
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) requirement: Option<Requirement>,
    pub(crate) approval: Option<Approval>,
    pub(crate) options: RequestOptions,
}

impl ApiRequest {
    /// A request with any method.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            requirement: None,
            approval: None,
            options: RequestOptions::default(),
        }
    }

    /// A GET.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A POST.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// A PUT.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// A PATCH.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// A DELETE.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    pub fn query_opt<V: ToString>(self, key: impl Into<String>, value: Option<V>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds many query parameters.
    pub fn queries<K: Into<String>, V: ToString>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        for (k, v) in pairs {
            self.query.push((k.into(), v.to_string()));
        }
        self
    }

    /// Adds a (non-secret) header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::config_with("the request body could not be serialized", e))?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Declares what the request needs (scope and policy area). Checked before sending.
    pub fn requirement(mut self, requirement: Requirement) -> Self {
        self.requirement = Some(requirement);
        self
    }

    /// Declares a requirement when there is one: the raw escape hatches of the
    /// vendor crates take an optional requirement; without one an unlabelled
    /// read follows the policy's default access (and a write is refused).
    ///
    /// ```
    /// use neo_auth_core::{ApiRequest, Area, Requirement, Access};
    /// let labelled = ApiRequest::get("/devices")
    ///     .maybe_requirement(Some(Requirement::new("devices.list", Area::new("devices"), Access::Read)));
    /// assert_eq!(labelled.requirement_ref().unwrap().operation(), "devices.list");
    /// assert!(ApiRequest::get("/x").maybe_requirement(None).requirement_ref().is_none());
    /// ```
    pub fn maybe_requirement(mut self, requirement: Option<Requirement>) -> Self {
        if requirement.is_some() {
            self.requirement = requirement;
        }
        self
    }

    /// Attaches an explicit approval (for areas whose writes need one).
    pub fn approval(mut self, approval: Option<Approval>) -> Self {
        self.approval = approval;
        self
    }

    /// Sets per-request overrides.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The requirement, if declared.
    pub fn requirement_ref(&self) -> Option<&Requirement> {
        self.requirement.as_ref()
    }

    /// Whether the request is retried automatically after a response or timeout.
    ///
    /// Unless [`RequestOptions::idempotent`] says otherwise:
    ///
    /// - GET, HEAD, OPTIONS and PUT are retried (PUT replaces the whole record:
    ///   sending it twice leaves the same state);
    /// - a POST whose [requirement](ApiRequest::requirement) is a read (a search,
    ///   a report run, Asio's device list) is retried like the read it is;
    /// - other POSTs and PATCHes are not: they may have been applied;
    /// - DELETE is **not** retried, although HTTP calls it idempotent: when a
    ///   first DELETE went through but its answer was lost (a 5xx from a proxy, a
    ///   timeout), the retry answers 404 and a successful delete is reported as
    ///   a failure; many vendors' deletes also cascade or archive, so the
    ///   [`Error::WriteUncertain`] tells the caller more than a blind retry.
    ///   Opt in per call with `RequestOptions::new().idempotent(true)` where a
    ///   repeated delete is harmless.
    pub fn is_idempotent(&self) -> bool {
        self.options
            .idempotent
            .unwrap_or_else(|| match self.method {
                Method::GET | Method::HEAD | Method::PUT | Method::OPTIONS => true,
                Method::POST => self.is_read_via_post(),
                _ => false,
            })
    }

    /// Whether this is a POST declared as a read (its requirement's access is
    /// [`Access::Read`](crate::Access::Read)).
    pub(crate) fn is_read_via_post(&self) -> bool {
        self.method == Method::POST
            && self
                .requirement
                .as_ref()
                .is_some_and(|r| r.access() == crate::access::requirement::Access::Read)
    }

    /// `METHOD path` (`POST /tickets`), for error messages.
    pub(crate) fn what(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}
