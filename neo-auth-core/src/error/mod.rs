//! The one error type of the SDK, with predicates that stay stable as variants grow.

pub(crate) mod decode;
pub(crate) mod redact;
pub(crate) mod vendor_body;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{Method, StatusCode};

use crate::access::requirement::{Access, AreaAccess};

/// A boxed error usable as a `source`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Shorthand for `Result<T, neo_auth_core::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to a vendor API.
///
/// Match on the variants you handle and fall back on the predicates
/// ([`Error::status`], [`Error::is_retryable`], [`Error::retry_after`]) for the rest:
/// the enum is `#[non_exhaustive]` so new cases are not a breaking change.
///
/// ```
/// use neo_auth_core::Error;
///
/// /// What an integration tells its operator.
/// fn advice(error: &Error) -> String {
///     match error {
///         // One checkbox in the vendor portal; nothing was sent unless the
///         // server refused it (then its 403 is the source).
///         Error::MissingScope { label, location, .. } => format!("tick \"{label}\" {location}"),
///         // The integrator's own policy refused it before sending.
///         Error::PolicyDenied { area, .. } => format!("area `{area}` is not allowed by the policy"),
///         Error::ApprovalRequired { operation, .. } => format!("{operation} needs an Approval"),
///         // The write may have been applied: look before repeating it.
///         Error::WriteUncertain { method, path, .. } => {
///             format!("{method} {path} may have been applied: check before retrying")
///         }
///         // A wrong secret, a revoked key, a locked token endpoint.
///         Error::Auth(auth) => format!("check the credentials: {}", auth.message),
///         // A failure several callers shared (one token fetch for all of them).
///         Error::Shared(inner) if inner.is_auth() => "check the credentials".to_owned(),
///         other if other.is_retryable() => format!("try again later: {other}"),
///         other => other.to_string(),
///     }
/// }
///
/// let denied = Error::ApprovalRequired { operation: "tickets.delete".into(), area: "tickets".into() };
/// assert_eq!(advice(&denied), "tickets.delete needs an Approval");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The credential lacks the vendor scope or permission the operation needs.
    /// Nothing was sent unless `response` is `Some`. The fix is one checkbox in the
    /// vendor portal: `label`.
    ///
    /// `response` is `None` when the scope check refused the call before sending
    /// (the credential's known grant lacks the scope), and `Some` when the server
    /// answered 403 to a call whose grant was unknown or only requested (not
    /// confirmed by the token response): the vendor's own answer is kept as the
    /// error's source, and the message says the server refused it.
    #[error(
        "{operation} needs the {vendor} permission `{scope}`: tick \"{label}\" {location}{}",
        refused_by_server(.response)
    )]
    MissingScope {
        /// The operation that was refused, e.g. `tickets.create`.
        operation: String,
        /// The vendor's name (for messages), e.g. `HaloPSA`.
        vendor: String,
        /// The scope's wire name, e.g. `edit:tickets`.
        scope: String,
        /// The label the admin sees in the vendor portal.
        label: String,
        /// Where in the portal the label is ticked, as a phrase completing
        /// "tick `label` …" (from [`VendorErrors::permission_location`](crate::VendorErrors::permission_location)).
        /// A `Box<str>` rather than a `String`: it keeps [`Error`] under 128 bytes.
        location: Box<str>,
        /// The server's 403, when the refusal came from the server; `None` when
        /// the call was refused before sending.
        #[source]
        response: Option<Box<ApiError>>,
    },
    /// The server answered 403 to an operation whose scope the credential is known
    /// to hold: ticking the scope again would not help; the vendor-side account or
    /// role behind the credential lacks permission for this record or area.
    /// The request was sent; the vendor's answer is the source.
    #[error("{operation}: {vendor} answered 403 although the credential holds `{scope}`: {hint}")]
    Forbidden {
        /// The operation that was refused, e.g. `tickets.get`.
        operation: String,
        /// The vendor's name (for messages), e.g. `HaloPSA`.
        vendor: String,
        /// The scope's wire name, which the credential holds.
        scope: String,
        /// What to check instead (from [`VendorErrors::forbidden_hint`](crate::VendorErrors::forbidden_hint)).
        hint: String,
        /// The server's 403 with what the vendor said.
        #[source]
        response: Box<ApiError>,
    },
    /// The integration's access policy does not allow the operation. Nothing was sent.
    #[error(
        "{operation} is denied by the access policy: area `{area}` is {allowed}, the operation needs {needed}"
    )]
    PolicyDenied {
        /// The operation that was refused.
        operation: String,
        /// The policy area the operation belongs to.
        area: String,
        /// What the policy allows for the area.
        allowed: AreaAccess,
        /// What the operation needs.
        needed: Access,
    },
    /// The operation writes to an area whose writes need an explicit approval,
    /// and the call carried none. Nothing was sent.
    #[error(
        "{operation} writes to area `{area}`, which requires an approval: pass an `Approval` (who approved, why)"
    )]
    ApprovalRequired {
        /// The operation that was refused.
        operation: String,
        /// The policy area the operation belongs to.
        area: String,
    },
    /// Authentication failed: the token endpoint refused or failed, or the API
    /// rejected a fresh credential.
    #[error(transparent)]
    Auth(Box<AuthError>),
    /// The API answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or its response could not be read.
    #[error("{method} {path}: {kind}")]
    Transport {
        /// HTTP method.
        method: Method,
        /// URL path (never the query string).
        path: String,
        /// What failed, in a few words.
        kind: &'static str,
        /// The underlying error.
        #[source]
        source: BoxError,
    },
    /// An operation did not finish in time.
    #[error("{what} timed out after {after:?}")]
    Timeout {
        /// What timed out, e.g. `GET /api/Tickets (attempt 2)`.
        what: String,
        /// The limit that was exceeded.
        after: Duration,
        /// The HTTP library's timeout error, when it reported one (an attempt
        /// timeout); `None` for the overall timeout, which the SDK enforces itself.
        #[source]
        source: Option<BoxError>,
    },
    /// A success response's body was larger than its limit, so it was not read
    /// (the rest of it is never downloaded) and nothing was decoded.
    ///
    /// The limit of API responses is [`TransportBuilder::max_response_body`](crate::TransportBuilder::max_response_body)
    /// (32 MiB unless set), or [`RequestOptions::max_response_body`](crate::RequestOptions::max_response_body)
    /// for one request; token responses are limited to 64 KiB, and there this
    /// error is the source of an [`Error::Auth`]. Error responses never give this
    /// error: their bodies are cut at 64 KiB and read as far as they go.
    ///
    /// The server *did* answer `status`: the request succeeded. For a write that
    /// is not idempotent (POST, PATCH) the transport therefore returns this
    /// inside [`Error::WriteUncertain`]: the write was applied, only its answer
    /// is lost; do not repeat it. Never retried (the same request gets the same
    /// body), and [`Error::status`] is `None` (the status is not an error).
    #[error(
        "{method} {path}: the server answered {status} (the request succeeded), but the response body is larger than the limit of {limit} bytes and was not read"
    )]
    ResponseTooLarge {
        /// HTTP method.
        method: Method,
        /// URL path (never the query string).
        path: String,
        /// The (successful) status the server answered with.
        status: StatusCode,
        /// The limit the body exceeded, in bytes.
        limit: u64,
    },
    /// A response body did not match the expected shape.
    #[error("could not decode the response at `{path}`: {source} (body starts: {snippet})")]
    Decode {
        /// The JSON path of the offending value, e.g. `tickets[3].client_id`.
        path: String,
        /// A short, redacted snippet of the body.
        snippet: String,
        /// Why it did not decode: the serde error for a body that does not
        /// match its type, or whatever a vendor's own decoder reports (build one
        /// with [`Error::decode`]).
        #[source]
        source: BoxError,
    },
    /// A success reply that decoded, or had no body, but does not show what the
    /// call expected: a create answered with a record without an id, a batch
    /// answered with fewer records than were sent. Never retried. Inside
    /// [`Error::WriteUncertain`] when the call wrote (see
    /// [`Error::unconfirmed_write`]).
    #[error("{what}: the reply does not show what was expected: {why} (body starts: {snippet})")]
    UnexpectedReply {
        /// The call, e.g. `POST /tickets`.
        what: String,
        /// What the reply lacks, in words.
        why: String,
        /// A short, redacted snippet of the body (empty when there was none).
        snippet: String,
    },
    /// Pagination stopped making progress (a server ignoring the page parameter,
    /// a repeated cursor, or the page cap). Raised instead of looping forever.
    #[error("pagination stalled after {pages} page(s): {reason}")]
    PaginationStalled {
        /// Pages fetched before the stall was detected.
        pages: u64,
        /// Why pagination was stopped.
        reason: String,
    },
    /// The client or a request was configured wrongly.
    ///
    /// Build one with [`Error::config`], or with [`Error::config_with`] to keep
    /// the underlying error as the source.
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong, in words.
        message: String,
        /// The underlying error (an HTTP client that could not be built, a body
        /// that could not be serialized), when there is one.
        #[source]
        source: Option<BoxError>,
    },
    /// A non-idempotent request (POST/PATCH) failed after it may have reached the server.
    /// It was **not** retried: check whether the write was applied before repeating it.
    ///
    /// An unfollowed redirect of such a write is one of these too: a 303 means the
    /// server applied it (post-redirect-get), a 301 or 302 leaves it unknown. A 307
    /// or 308 ("send it there instead", not processed here) stays a plain
    /// [`Error::Api`].
    #[error("{method} {path} may have been applied by the server; it was not retried: {source}")]
    WriteUncertain {
        /// HTTP method.
        method: Method,
        /// URL path.
        path: String,
        /// The failure that left the outcome unknown.
        #[source]
        source: Box<Error>,
    },
    /// A concurrent caller's failure, shared with every caller that waited on it
    /// (for example one failed token fetch seen by all tasks waiting for a token).
    #[error(transparent)]
    Shared(Arc<Error>),
}

impl Error {
    /// The HTTP status behind this error, if any.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::MissingScope { response, .. } => response.as_ref().map(|r| r.status),
            Error::Forbidden { response, .. } => Some(response.status),
            Error::Auth(e) => e.status,
            Error::WriteUncertain { source, .. } => source.status(),
            Error::Shared(e) => e.status(),
            _ => None,
        }
    }

    /// Whether repeating the same call later may succeed (rate limits, 5xx,
    /// timeouts, connection failures). Always `false` for a write whose outcome is
    /// unknown: repeating it blindly may duplicate it.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => is_retryable_status(e.status),
            Error::Auth(e) => e.retryable,
            Error::Transport { kind, .. } => transport_kind_is_retryable(kind),
            Error::Timeout { .. } => true,
            Error::Shared(e) => e.is_retryable(),
            _ => false,
        }
    }

    /// The server's `Retry-After`, if it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(e) => e.retry_after,
            Error::MissingScope { response, .. } => response.as_ref().and_then(|r| r.retry_after),
            Error::Forbidden { response, .. } => response.retry_after,
            Error::Auth(e) => e.retry_after,
            Error::WriteUncertain { source, .. } => source.retry_after(),
            Error::Shared(e) => e.retry_after(),
            _ => None,
        }
    }

    /// Whether this is a timeout (of an attempt, of the whole call or of a token fetch).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout { .. } => true,
            Error::WriteUncertain { source, .. } => source.is_timeout(),
            Error::Auth(e) => e.timed_out,
            Error::Shared(e) => e.is_timeout(),
            _ => false,
        }
    }

    /// Whether a scope is missing: the call was refused before sending, or the
    /// server's 403 was read as the operation's scope missing.
    pub fn is_missing_scope(&self) -> bool {
        matches!(self, Error::MissingScope { .. })
    }

    /// Whether the server answered 403 although the credential holds the
    /// operation's scope ([`Error::Forbidden`]).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, Error::Forbidden { .. })
    }

    /// Whether the access policy (denial or missing approval) refused the call.
    pub fn is_policy(&self) -> bool {
        matches!(
            self,
            Error::PolicyDenied { .. } | Error::ApprovalRequired { .. }
        )
    }

    /// Whether a write may have been applied although the call failed.
    pub fn is_write_uncertain(&self) -> bool {
        matches!(self, Error::WriteUncertain { .. })
    }

    /// Whether authentication failed.
    pub fn is_auth(&self) -> bool {
        match self {
            Error::Auth(_) => true,
            Error::Shared(e) => e.is_auth(),
            _ => false,
        }
    }

    /// The authentication error, directly or behind [`Error::Shared`] (a
    /// failure of a token fetch another caller made, shared with this one).
    ///
    /// ```
    /// use neo_auth_core::{AuthError, Error};
    /// let error = AuthError::new("the token endpoint rejected the client id or secret").into_error();
    /// let shared = Error::Shared(std::sync::Arc::new(error));
    /// assert!(shared.auth().is_some());
    /// assert!(matches!(shared.unshared(), Error::Auth(_)));
    /// ```
    pub fn auth(&self) -> Option<&AuthError> {
        match self.unshared() {
            Error::Auth(e) => Some(e),
            _ => None,
        }
    }

    /// The error itself, or the one behind [`Error::Shared`] (however deeply
    /// shared): match on this to treat a shared failure like your own.
    pub fn unshared(&self) -> &Error {
        match self {
            Error::Shared(e) => e.unshared(),
            other => other,
        }
    }

    /// The API error payload, if this is an API error (directly or wrapped), or
    /// the server's answer behind [`Error::MissingScope`] or [`Error::Forbidden`].
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            Error::MissingScope { response, .. } => response.as_deref(),
            Error::Forbidden { response, .. } => Some(response),
            Error::WriteUncertain { source, .. } => source.api(),
            Error::Shared(e) => e.api(),
            _ => None,
        }
    }

    /// The vendor's request id, when an API answer behind this error carried one
    /// (see [`Error::api`]).
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|api| api.request_id.as_deref())
    }

    /// [`Error::WriteUncertain`]: `method path` may have been applied; `source`
    /// is the failure (or the odd reply) that left the outcome unknown.
    ///
    /// ```
    /// use neo_auth_core::Error;
    /// let error = Error::write_uncertain(
    ///     http::Method::POST,
    ///     "/tickets",
    ///     Error::timeout("POST /tickets", std::time::Duration::from_secs(30)),
    /// );
    /// assert!(error.is_write_uncertain() && error.is_timeout());
    /// ```
    pub fn write_uncertain(method: Method, path: impl Into<String>, source: Error) -> Self {
        Error::WriteUncertain {
            method,
            path: path.into(),
            source: Box::new(source),
        }
    }

    /// A write the server accepted (a 2xx) whose reply does not show what was
    /// saved: [`Error::WriteUncertain`] around [`Error::UnexpectedReply`] saying
    /// `why`, with a redacted snippet of `body`.
    ///
    /// ```
    /// use neo_auth_core::Error;
    /// let error = Error::unconfirmed_write(
    ///     http::Method::POST,
    ///     "/tickets",
    ///     "the reply holds a ticket without an id",
    ///     br#"{"id": null, "password": "hunter2"}"#,
    /// );
    /// assert!(error.is_write_uncertain());
    /// let text = error.to_string();
    /// assert!(text.contains("without an id"), "{text}");
    /// assert!(!format!("{text} {error:?}").contains("hunter2"));
    /// ```
    pub fn unconfirmed_write(
        method: Method,
        path: impl Into<String>,
        why: impl Into<String>,
        body: &[u8],
    ) -> Self {
        let path = path.into();
        let source = Error::unexpected_reply(format!("{method} {path}"), why, body);
        Error::write_uncertain(method, path, source)
    }

    /// [`Error::UnexpectedReply`]: the success reply to `what` (`GET /x`) does
    /// not show what was expected (`why`); `body` is kept as a short redacted
    /// snippet.
    pub fn unexpected_reply(what: impl Into<String>, why: impl Into<String>, body: &[u8]) -> Self {
        Error::UnexpectedReply {
            what: what.into(),
            why: why.into(),
            snippet: redact::redact_snippet(body, 120),
        }
    }

    /// [`Error::PaginationStalled`] after `pages` pages, for `reason`.
    ///
    /// ```
    /// let error = neo_auth_core::Error::pagination_stalled(3, "page 3 repeats page 2");
    /// assert_eq!(error.to_string(), "pagination stalled after 3 page(s): page 3 repeats page 2");
    /// ```
    pub fn pagination_stalled(pages: u64, reason: impl Into<String>) -> Self {
        Error::PaginationStalled {
            pages,
            reason: reason.into(),
        }
    }

    /// [`Error::Decode`]: the value at `path` (`rows[3].hours`, `.` for the
    /// whole body) of `body` did not decode, because of `source` (a serde error,
    /// or a vendor decoder's own message). The body is kept as a short snippet
    /// with secret-looking values redacted, so pass the raw body.
    ///
    /// ```
    /// use neo_auth_core::Error;
    /// let error = Error::decode(".", br#"{"secret":"s3cr3t"}"#, "no report rows: expected an array");
    /// assert!(matches!(error, Error::Decode { .. }));
    /// assert!(!error.to_string().contains("s3cr3t"));
    /// ```
    pub fn decode(path: impl Into<String>, body: &[u8], source: impl Into<BoxError>) -> Self {
        Error::Decode {
            path: path.into(),
            snippet: redact::redact_snippet(body, 120),
            source: source.into(),
        }
    }

    /// Shorthand for a configuration error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
            source: None,
        }
    }

    /// A configuration error caused by `source` (kept as the error's source).
    pub fn config_with(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Error::Config {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// [`Error::ResponseTooLarge`]: `method path` answered `status` with a body
    /// over `limit` bytes.
    pub(crate) fn response_too_large(
        method: Method,
        path: impl Into<String>,
        status: StatusCode,
        limit: u64,
    ) -> Self {
        Error::ResponseTooLarge {
            method,
            path: path.into(),
            status,
            limit,
        }
    }

    /// A timeout of `what` after `after`, without an underlying error.
    pub fn timeout(what: impl Into<String>, after: Duration) -> Self {
        Error::Timeout {
            what: what.into(),
            after,
            source: None,
        }
    }
}

/// [`Error::Transport`] kinds (the `kind` field) the transport reports.
pub(crate) mod transport_kind {
    /// The TCP/TLS connection could not be opened: the request never left.
    pub const CONNECT: &str = "could not connect";
    /// The response body was cut off or could not be decoded.
    pub const BODY: &str = "the response body could not be read";
    /// A redirect was refused (too many, or a loop).
    pub const REDIRECT: &str = "redirect refused";
    /// The request could not be built (an invalid header or URL).
    pub const BUILDER: &str = "the request could not be built";
    /// Anything else that failed on the way.
    pub const IN_TRANSIT: &str = "the request failed in transit";
}

/// Whether an [`Error::Transport`] of this kind may succeed when repeated: a
/// refused redirect or a request that could not be built fails the same way again.
fn transport_kind_is_retryable(kind: &str) -> bool {
    !matches!(kind, transport_kind::REDIRECT | transport_kind::BUILDER)
}

/// Statuses that a later identical request may not get (rate limit, overload, gateway).
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// Statuses a token endpoint may recover from: also 423 (a key locked for asking too often).
pub(crate) fn is_retryable_token_status(status: StatusCode) -> bool {
    status.as_u16() == 423 || is_retryable_status(status)
}

/// An error status from a vendor API, with what the vendor said about it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP method of the request.
    pub method: Method,
    /// URL path of the request (never the query string).
    pub path: String,
    /// The status the API answered with.
    pub status: StatusCode,
    /// The vendor's error code, when its body carried one.
    pub code: Option<String>,
    /// The vendor's error message, when its body carried one.
    pub message: Option<String>,
    /// The request id the vendor returned in a header, for support tickets.
    pub request_id: Option<String>,
    /// The server's `Retry-After`, parsed.
    pub retry_after: Option<Duration>,
    /// A short snippet of the body with secret-looking values redacted.
    pub body_snippet: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} answered {}", self.method, self.path, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if let Some(after) = self.retry_after {
            write!(f, " (retry after {}s)", after.as_secs_f64())?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A failed authentication, at the token endpoint or at the API.
#[derive(Debug)]
#[non_exhaustive]
pub struct AuthError {
    /// What went wrong, in words (never containing a secret).
    pub message: String,
    /// The HTTP status, when there was a response.
    pub status: Option<StatusCode>,
    /// The OAuth `error` code (`invalid_client`, `invalid_scope`, ...), when sent.
    pub oauth_error: Option<String>,
    /// The OAuth `error_description` or vendor message, when sent.
    pub description: Option<String>,
    /// The server's `Retry-After`, parsed.
    pub retry_after: Option<Duration>,
    /// Whether the token fetch timed out.
    pub timed_out: bool,
    /// Whether a later attempt may succeed (timeouts, transport failures, 423/429/5xx).
    pub retryable: bool,
    /// The underlying error.
    pub source: Option<BoxError>,
}

impl AuthError {
    /// A new authentication error with just a message.
    pub fn new(message: impl Into<String>) -> Self {
        AuthError {
            message: message.into(),
            status: None,
            oauth_error: None,
            description: None,
            retry_after: None,
            timed_out: false,
            retryable: false,
            source: None,
        }
    }

    /// Wraps this into an [`Error`].
    pub fn into_error(self) -> Error {
        Error::Auth(Box::new(self))
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "authentication failed: {}", self.message)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(code) = &self.oauth_error {
            write!(f, " [{code}]")?;
        }
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The tail of a [`Error::MissingScope`] message: whether the server refused it.
fn refused_by_server(response: &Option<Box<ApiError>>) -> &'static str {
    if response.is_some() {
        " (the server refused the call with HTTP 403)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Error` travels in every `Result` of the SDK: clippy's `result_large_err`
    /// flags an error type of 128 bytes or more, and a large `Err` makes every
    /// `Result` (and every future holding one) that large. Box the payload of a
    /// variant that would push it over instead of raising the threshold.
    #[test]
    fn the_error_type_stays_small() {
        let size = std::mem::size_of::<Error>();
        assert!(size < 128, "Error is {size} bytes");
    }
}
