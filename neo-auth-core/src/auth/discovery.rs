//! Discovery: a vendor endpoint that names where to go next (HaloPSA's
//! `/api/authinfo` names the authorisation server; ConnectWise Manage's
//! `/login/companyinfo/{companyId}` names the codebase).
//!
//! - [`Discovered`] caches the result, settled only by a definitive answer: a
//!   transient failure (a timeout, a 5xx, a 429) is not kept, so the next caller
//!   asks again; concurrent callers wait for one fetch; a configured value is
//!   [preset](Discovered::preset) and never fetched.
//! - [`fetch_small_json`] is the bounded fetch: a small JSON body read under a
//!   limit, each outcome classified as transient ([`Err`]) or definitive
//!   ([`DiscoveryAnswer`]), `Retry-After` kept, URL user info never shown.
//! - [`check_same_site`] refuses a discovered URL that would take a secret off
//!   the vendor's own site.

use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::time::Duration;

use http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;
use url::Url;

use crate::error::redact::redact_snippet;
use crate::error::{ApiError, Error, Result, transport_kind};
use crate::transport::body::{BodyError, read_body_limited};
use crate::transport::retry::retry_after_from_headers;
use crate::transport::url_policy::{is_loopback_host, redact_userinfo};

/// A discovered value, fetched at most once successfully and then kept.
///
/// The discovery function returns `Ok` for a *definitive* answer — which may
/// itself be "nothing found, use the fallback" — and `Err` for a transient
/// failure. Only `Ok` settles the value; after an `Err` the next caller runs
/// discovery again. Callers arriving while a discovery runs wait for it and
/// share its value.
///
/// ```
/// use neo_auth_core::{Discovered, Error};
/// # async fn run() -> neo_auth_core::Result<()> {
/// let codebase: Discovered<String> = Discovered::new();
/// // A transient failure is not kept …
/// let failed = codebase
///     .get_or_discover(|| async { Err(Error::timeout("GET /login/companyinfo/acme", std::time::Duration::from_secs(10))) })
///     .await;
/// assert!(failed.is_err() && codebase.get().is_none());
/// // … a definitive answer is.
/// let found = codebase.get_or_discover(|| async { Ok("v2025_1/".to_owned()) }).await?;
/// assert_eq!(found, "v2025_1/");
/// assert_eq!(Discovered::preset("v4_6_release/".to_owned()).get().map(String::as_str), Some("v4_6_release/"));
/// # Ok(()) }
/// ```
pub struct Discovered<T> {
    cell: OnceCell<T>,
}

impl<T> Discovered<T> {
    /// Nothing discovered yet.
    pub fn new() -> Self {
        Discovered {
            cell: OnceCell::new(),
        }
    }

    /// A value configured up front: discovery never runs.
    pub fn preset(value: T) -> Self {
        Discovered {
            cell: OnceCell::new_with(Some(value)),
        }
    }

    /// Preset when `value` is `Some` (a configured override), else empty.
    pub fn from_option(value: Option<T>) -> Self {
        Discovered {
            cell: OnceCell::new_with(value),
        }
    }

    /// The settled value, if any.
    pub fn get(&self) -> Option<&T> {
        self.cell.get()
    }

    /// Whether the value is settled (preset or discovered).
    pub fn is_settled(&self) -> bool {
        self.cell.initialized()
    }

    /// The settled value, or the result of running `discover` (once for all
    /// concurrent callers). An `Err` is returned to this caller and not kept;
    /// a caller that was waiting then runs its own `discover` (one at a time,
    /// never in parallel), so wrap a discovery that many callers may hit
    /// during an outage in a single-flight of its own (the token cache is one).
    pub async fn get_or_discover<F, Fut>(&self, discover: F) -> Result<&T>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.cell.get_or_try_init(discover).await
    }
}

impl<T> Default for Discovered<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for Discovered<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Discovered").field(&self.cell.get()).finish()
    }
}

/// A definitive answer of a discovery endpoint (see [`fetch_small_json`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DiscoveryAnswer<T> {
    /// A success status with a JSON body of the expected shape.
    Found(T),
    /// An answer a repeat would not change: a non-transient error status (404,
    /// 401, 501 …), a body over the limit, or a body that is not JSON of the
    /// expected shape. The vendor's fallback applies.
    Unusable {
        /// The status the server answered.
        status: StatusCode,
        /// Why the answer is not usable, for logs (no secrets, no body beyond
        /// a redacted snippet).
        reason: String,
    },
}

/// Statuses a later identical request may not get: 408, 429 and 5xx except 501
/// and 505 (which say the server will never do it). A discovery must not be
/// settled on these.
///
/// ```
/// use http::StatusCode;
/// use neo_auth_core::is_transient_status;
/// assert!(is_transient_status(StatusCode::SERVICE_UNAVAILABLE));
/// assert!(!is_transient_status(StatusCode::NOT_FOUND));
/// assert!(!is_transient_status(StatusCode::NOT_IMPLEMENTED));
/// ```
pub fn is_transient_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429)
        || (status.is_server_error()
            && status != StatusCode::NOT_IMPLEMENTED
            && status != StatusCode::HTTP_VERSION_NOT_SUPPORTED)
}

/// `GET url` with `Accept: application/json`, reading at most `limit` bytes of
/// the body within `timeout`, and classifying the outcome:
///
/// - `Err`: transient, worth trying again later — the request could not be
///   sent or its body not read ([`Error::Transport`]), it timed out
///   ([`Error::Timeout`]), or the server answered a
///   [transient status](is_transient_status) ([`Error::Api`] with the server's
///   `Retry-After`). [`Error::is_retryable`] is `true` for all of them.
/// - `Ok(`[`DiscoveryAnswer::Found`]`)`: a success status whose body decodes as `T`.
/// - `Ok(`[`DiscoveryAnswer::Unusable`]`)`: any other answer (definitive).
///
/// Redirects follow `client`'s policy (a [`token_http_client`](crate::token_http_client)
/// follows none). URLs in errors and reasons have their user info and query
/// replaced ([`redact_userinfo`]).
pub async fn fetch_small_json<T: DeserializeOwned>(
    client: &reqwest::Client,
    url: &Url,
    limit: usize,
    timeout: Duration,
) -> Result<DiscoveryAnswer<T>> {
    let shown = redact_userinfo(url.as_str());
    let transport = |e: reqwest::Error| {
        if e.is_timeout() {
            return Error::Timeout {
                what: format!("GET {shown}"),
                after: timeout,
                source: Some(Box::new(e.without_url())),
            };
        }
        Error::Transport {
            method: Method::GET,
            path: shown.clone(),
            kind: if e.is_connect() {
                transport_kind::CONNECT
            } else if e.is_body() || e.is_decode() {
                transport_kind::BODY
            } else {
                transport_kind::IN_TRANSIT
            },
            source: Box::new(e.without_url()),
        }
    };
    let response = client
        .get(url.clone())
        .header(http::header::ACCEPT, "application/json")
        .timeout(timeout)
        .send()
        .await
        .map_err(transport)?;
    let status = response.status();
    if is_transient_status(status) {
        let retry_after = retry_after_from_headers(response.headers());
        return Err(Error::Api(Box::new(ApiError {
            method: Method::GET,
            path: shown,
            status,
            code: None,
            message: Some("a transient answer; ask again later".to_owned()),
            request_id: None,
            retry_after,
            body_snippet: String::new(),
        })));
    }
    if !status.is_success() {
        return Ok(DiscoveryAnswer::Unusable {
            status,
            reason: format!("GET {shown} answered {status}"),
        });
    }
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    let body = match read_body_limited(response, limit_u64).await {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return Ok(DiscoveryAnswer::Unusable {
                status,
                reason: format!("GET {shown} answered more than {limit} bytes"),
            });
        }
        Err(BodyError::Read(e)) => return Err(transport(e)),
    };
    match serde_json::from_slice::<T>(&body) {
        Ok(value) => Ok(DiscoveryAnswer::Found(value)),
        Err(e) => Ok(DiscoveryAnswer::Unusable {
            status,
            reason: format!(
                "GET {shown} did not answer the expected JSON ({e}; body starts: {})",
                redact_snippet(&body, 120)
            ),
        }),
    }
}

/// Second-level labels that registries hand out to the public under a
/// two-letter country code (`co.uk`, `com.au`, `net.nz` …): a parent domain
/// like these is a public suffix, not a site.
const PUBLIC_SECOND_LEVELS: &[&str] = &[
    "ac", "co", "com", "edu", "gen", "go", "gov", "gv", "ltd", "me", "mil", "ne", "net", "nom",
    "or", "org", "plc", "sch",
];

/// Checks that a URL learned from an unauthenticated discovery answer (a token
/// URL, which will receive the client secret) lies on the site of `base`:
///
/// - `https` (or `http` to a loopback host, and only when `base` is loopback
///   too: the fakes and tests);
/// - no user info;
/// - the same host as `base`, a subdomain of it, or a host under the *parent*
///   of `base`'s host (`acme.halopsa.com` → anything under `halopsa.com`),
///   provided that parent is a registrable domain: at least two labels, and not
///   a country's public second level like `co.uk` or `com.au`. IP literals
///   must match exactly, except that any loopback host is on the site of a
///   loopback base (one machine: the fakes and tests).
///
/// The rule is a conservative stand-in for the public-suffix list: it never
/// accepts a host the list would place on another site under a one-label
/// public suffix (`.com`, `.net`) or the common country second levels, and it
/// may refuse a legitimate host on an unusual layout — which the integrator
/// fixes by configuring the URL explicitly, as the error says (`set_explicitly`
/// names how, e.g. `HALOPSA_AUTH_URL / with_auth_url`).
///
/// ```
/// use neo_auth_core::check_same_site;
/// use url::Url;
/// let base = Url::parse("https://acme.halopsa.com").unwrap();
/// let ok = Url::parse("https://auth.halopsa.com/auth/token").unwrap();
/// let evil = Url::parse("https://collector.example.net/token").unwrap();
/// assert!(check_same_site(&base, &ok, "HALOPSA_AUTH_URL").is_ok());
/// assert!(check_same_site(&base, &evil, "HALOPSA_AUTH_URL").unwrap_err().to_string().contains("HALOPSA_AUTH_URL"));
/// ```
pub fn check_same_site(base: &Url, discovered: &Url, set_explicitly: &str) -> Result<()> {
    let refuse = |why: &str| {
        Err(Error::config(format!(
            "discovery named `{}`, which {why}; the secret is not sent there. If that server is right, set the URL explicitly ({set_explicitly})",
            redact_userinfo(discovered.as_str()),
        )))
    };
    let (Some(base_host), Some(host)) = (host_of(base), host_of(discovered)) else {
        return refuse("has no host");
    };
    if !discovered.username().is_empty() || discovered.password().is_some() {
        return refuse("carries user info");
    }
    match discovered.scheme() {
        "https" => {}
        "http" if is_loopback_host(&host) && is_loopback_host(&base_host) => {}
        "http" => return refuse("uses plain http"),
        _ => return refuse("is not an https URL"),
    }
    if is_loopback_host(&host) && !is_loopback_host(&base_host) {
        return refuse(&format!(
            "is a loopback address, not on the site of `{base_host}`"
        ));
    }
    if host == base_host
        || is_under(&host, &base_host)
        || (is_loopback_host(&host) && is_loopback_host(&base_host))
    {
        return Ok(());
    }
    let is_ip = |h: &str| {
        h.trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok()
    };
    if !is_ip(&base_host)
        && !is_ip(&host)
        && let Some(parent) = registrable_parent(&base_host)
        && (host == parent || is_under(&host, parent))
    {
        return Ok(());
    }
    refuse(&format!("is not on the site of `{base_host}`"))
}

/// The host of a URL, lower-cased, without a trailing dot.
fn host_of(url: &Url) -> Option<String> {
    url.host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
}

/// Whether `host` is a subdomain of `domain`.
fn is_under(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.len() > 1 && rest.ends_with('.'))
}

/// The parent domain of `host` when it is registrable: `acme.halopsa.com` →
/// `halopsa.com`; `halopsa.com` → none (`com` is a public suffix);
/// `acme.co.uk` → none (`co.uk` is a public suffix).
fn registrable_parent(host: &str) -> Option<&str> {
    let (_, parent) = host.split_once('.')?;
    let labels: Vec<&str> = parent.split('.').collect();
    match labels.as_slice() {
        [] | [_] => None,
        [second, top] if top.len() == 2 && PUBLIC_SECOND_LEVELS.contains(second) => None,
        _ if labels.iter().any(|l| l.is_empty()) => None,
        _ => Some(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_parents() {
        assert_eq!(registrable_parent("acme.halopsa.com"), Some("halopsa.com"));
        assert_eq!(registrable_parent("a.b.example.org"), Some("b.example.org"));
        assert_eq!(registrable_parent("halopsa.com"), None);
        assert_eq!(registrable_parent("acme.co.uk"), None);
        assert_eq!(registrable_parent("acme.com.au"), None);
        assert_eq!(registrable_parent("x.acme.co.uk"), Some("acme.co.uk"));
        assert_eq!(registrable_parent("localhost"), None);
    }

    #[test]
    fn subdomains() {
        assert!(is_under("auth.acme.com", "acme.com"));
        assert!(!is_under("evilacme.com", "acme.com"));
        assert!(!is_under("acme.com", "acme.com"));
    }
}
