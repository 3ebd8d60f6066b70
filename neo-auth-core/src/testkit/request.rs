//! One request as a router sees it, and the credential headers it may carry.

use base64::Engine;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde::de::DeserializeOwned;
use url::Url;

use super::query::Query;

/// A request received by a [`FakeHttp`](super::FakeHttp), handed to the
/// [`Router`](super::Router). It can also be built by hand to unit-test a router
/// or a [`TokenIssuer`](super::TokenIssuer) without HTTP.
///
/// ```
/// use neo_auth_core::testkit::FakeRequest;
/// let request = FakeRequest::new("get", "http://127.0.0.1:1/API/Tickets/?Page=2")
///     .unwrap()
///     .with_header("Authorization", "Bearer abc");
/// assert_eq!(request.method(), "GET");
/// assert_eq!(request.path(), "/API/Tickets/");
/// assert_eq!(request.route_path(), "/api/tickets");
/// assert_eq!(request.query().int("page"), Ok(Some(2)));
/// assert_eq!(request.bearer(), Some("abc"));
/// ```
#[derive(Clone, Debug)]
pub struct FakeRequest {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Vec<u8>,
    query: Query,
    route_path: String,
}

impl FakeRequest {
    /// A request with no headers and no body; `None` if `method` or `url` is invalid.
    pub fn new(method: &str, url: &str) -> Option<FakeRequest> {
        let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).ok()?;
        let url = Url::parse(url).ok()?;
        Some(FakeRequest::from_parts(
            method,
            url,
            HeaderMap::new(),
            Vec::new(),
        ))
    }

    pub(crate) fn from_parts(
        method: Method,
        url: Url,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> FakeRequest {
        let query = Query::of(&url);
        let lower = url.path().to_ascii_lowercase();
        let route_path = match lower.trim_end_matches('/') {
            "" => "/".to_owned(),
            trimmed => trimmed.to_owned(),
        };
        FakeRequest {
            method,
            url,
            headers,
            body,
            query,
            route_path,
        }
    }

    /// Adds a header; an invalid name or value is ignored (`new` is for tests
    /// of the fake itself).
    pub fn with_header(mut self, name: &str, value: &str) -> FakeRequest {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.append(name, value);
        }
        self
    }

    /// Sets the body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> FakeRequest {
        self.body = body.into();
        self
    }

    /// The method, upper case (`"GET"`).
    pub fn method(&self) -> &str {
        self.method.as_str()
    }

    /// The full URL as received (`http://127.0.0.1:PORT/path?query`), e.g. to
    /// build a `Link` header from with [`link_next`](super::link_next).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The path as sent (percent-encoded, case kept).
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The path lower-cased and without a trailing slash (`/` stays `/`): what
    /// routes of a case-insensitive API match on, and what counters count by.
    pub fn route_path(&self) -> &str {
        &self.route_path
    }

    /// The path's segments after the leading slash, as sent (empty ones kept).
    pub fn segments(&self) -> Vec<&str> {
        self.url.path().trim_start_matches('/').split('/').collect()
    }

    /// The query parameters.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Every header.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name` (case-insensitive), if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body parsed as JSON into `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The body parsed as `application/x-www-form-urlencoded` pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// Whether the `Content-Type` is JSON (`application/json`, `…+json`).
    pub fn is_json(&self) -> bool {
        self.header("content-type").is_some_and(|ct| {
            let essence = ct.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("application/json")
                || essence.to_ascii_lowercase().ends_with("+json")
        })
    }

    /// The bearer token of the `Authorization` header ([`bearer_token`]).
    pub fn bearer(&self) -> Option<&str> {
        bearer_token(&self.headers)
    }

    /// The HTTP Basic user and password ([`basic_credentials`]).
    pub fn basic(&self) -> Option<(String, String)> {
        basic_credentials(&self.headers)
    }
}

/// The token of `Authorization: Bearer <token>` (scheme case-insensitive,
/// blanks trimmed); `None` for any other or a missing header.
///
/// ```
/// use http::HeaderMap;
/// use neo_auth_core::testkit::bearer_token;
/// let mut headers = HeaderMap::new();
/// headers.insert("authorization", "bearer  tok-1 ".parse().unwrap());
/// assert_eq!(bearer_token(&headers), Some("tok-1"));
/// ```
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The user and password of `Authorization: Basic base64(user:password)`
/// (scheme case-insensitive; split at the first `:`, so a password may contain
/// colons). Nothing else is decoded: ConnectWise Manage's `company+publickey`
/// user keeps its `+`. For OAuth client authentication, where RFC 6749 §2.3.1
/// form-encodes both parts first, the [`TokenIssuer`](super::TokenIssuer)
/// decodes them itself. `None` when the header is missing, not Basic, not
/// base64, not UTF-8 or has no `:`.
///
/// ```
/// use base64::Engine;
/// use http::HeaderMap;
/// use neo_auth_core::testkit::basic_credentials;
/// let encoded = base64::engine::general_purpose::STANDARD.encode("acme+pub:pri:v");
/// let mut headers = HeaderMap::new();
/// headers.insert("authorization", format!("Basic {encoded}").parse().unwrap());
/// assert_eq!(
///     basic_credentials(&headers),
///     Some(("acme+pub".to_owned(), "pri:v".to_owned()))
/// );
/// ```
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::AUTHORIZATION,
            HeaderValue::from_str(authorization).expect("header"),
        );
        headers
    }

    #[test]
    fn basic_rejects_what_is_not_basic_base64_with_a_colon() {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        assert_eq!(
            basic_credentials(&headers(&format!("BASIC {}", b64("u:p")))),
            Some(("u".to_owned(), "p".to_owned()))
        );
        assert_eq!(
            basic_credentials(&headers(&format!("Bearer {}", b64("u:p")))),
            None
        );
        assert_eq!(
            basic_credentials(&headers(&format!("Basic {}", b64("no-colon")))),
            None
        );
        assert_eq!(basic_credentials(&headers("Basic not*base64")), None);
        assert_eq!(basic_credentials(&HeaderMap::new()), None);
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(bearer_token(&headers("Basic abc")), None);
    }

    #[test]
    fn json_content_types_are_recognised() {
        let request = |ct: &str| {
            FakeRequest::new("POST", "http://127.0.0.1:1/v1/token")
                .expect("request")
                .with_header("Content-Type", ct)
        };
        assert!(request("application/json; charset=utf-8").is_json());
        assert!(request("application/problem+json").is_json());
        assert!(!request("application/x-www-form-urlencoded").is_json());
        assert_eq!(
            FakeRequest::new("GET", "http://127.0.0.1:1/")
                .expect("request")
                .route_path(),
            "/"
        );
    }
}
