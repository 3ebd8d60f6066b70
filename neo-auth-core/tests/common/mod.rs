//! Shared set-up of the neo-auth-core integration tests: wiremock helpers,
//! credentials with known (never-to-be-printed) secrets, and the test kit's
//! tracing capture (`neo_auth_core::testkit`) checked for those secrets.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use neo_auth_core::{
    AccessPolicy, Area, Backoff, BasicCredential, ClientCredentialsSource, Credential,
    JsonTokenSource, OAuth2Credential, Requirement, RetryConfig, Scope, TokenCacheConfig,
    TokenSource, Transport, TransportBuilder, testkit,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const TOKEN_PATH: &str = "/auth/token";
pub const CLIENT_ID: &str = "neo-test-client";
pub const CLIENT_SECRET: &str = "cs-7d1f0a-client-secret-never-print";
pub const BASIC_USER: &str = "acme+pubkey";
pub const BASIC_PASSWORD: &str = "pw-93b2c4-basic-password-never-print";
/// The value of ConnectWise Manage's `clientId` header (a secret header).
pub const MANAGE_CLIENT_ID: &str = "cid-5e6f70-manage-client-id-never-print";
/// Prefix of the tokens handed out by [`TokenSequence`] by default.
pub const TOKEN_PREFIX: &str = "tok-";

pub const TICKETS: Area = Area::new("tickets");
pub const READ_TICKETS: Scope = Scope::new("read:tickets", "Tickets - Read");
pub const EDIT_TICKETS: Scope = Scope::new("edit:tickets", "Tickets - Edit");
pub const LIST_TICKETS: Requirement = Requirement::read("tickets.list", TICKETS, READ_TICKETS);
pub const CREATE_TICKET: Requirement = Requirement::write("tickets.create", TICKETS, EDIT_TICKETS);

/// `Basic base64(user:password)` as sent on the wire.
pub fn basic_b64() -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{BASIC_USER}:{BASIC_PASSWORD}"))
}

/// Every fixed secret of the suite (tokens are added per test).
pub fn secrets() -> Vec<String> {
    vec![
        CLIENT_SECRET.to_owned(),
        BASIC_PASSWORD.to_owned(),
        MANAGE_CLIENT_ID.to_owned(),
        basic_b64(),
    ]
}

/// Panics if `text` contains any fixed secret or any of `extra`.
#[track_caller]
pub fn assert_no_secrets(context: &str, text: &str, extra: &[&str]) {
    let fixed = secrets();
    let all: Vec<&str> = fixed
        .iter()
        .map(String::as_str)
        .chain(extra.iter().copied())
        .collect();
    testkit::assert_no_secrets(context, text, &all);
}

pub fn token_url(server: &MockServer) -> String {
    format!("{}{TOKEN_PATH}", server.uri())
}

pub fn api_base(server: &MockServer) -> String {
    format!("{}/api", server.uri())
}

/// A token endpoint body (`token_type` is lower case, as HaloPSA sends it).
pub fn token_body(token: &str, expires_in: u64, scope: Option<&str>) -> serde_json::Value {
    let mut body = json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": expires_in,
    });
    if let Some(scope) = scope {
        body["scope"] = scope.into();
    }
    body
}

/// A 200 token response valid for an hour.
pub fn token_ok(token: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(token_body(token, 3600, None))
}

/// A stateful token endpoint: the n-th request gets `{prefix}{n}` (`tok-1`, `tok-2`, ...).
#[derive(Clone, Debug)]
pub struct TokenSequence {
    issued: Arc<AtomicUsize>,
    prefix: String,
    expires_in: u64,
    scope: Option<String>,
    delay: Duration,
}

impl Default for TokenSequence {
    fn default() -> Self {
        Self::new()
    }
}

impl TokenSequence {
    pub fn new() -> Self {
        TokenSequence {
            issued: Arc::new(AtomicUsize::new(0)),
            prefix: TOKEN_PREFIX.to_owned(),
            expires_in: 3600,
            scope: None,
            delay: Duration::ZERO,
        }
    }

    pub fn prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.to_owned();
        self
    }

    pub fn expires_in(mut self, seconds: u64) -> Self {
        self.expires_in = seconds;
        self
    }

    pub fn scope(mut self, scope: &str) -> Self {
        self.scope = Some(scope.to_owned());
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// How many tokens were handed out.
    pub fn issued(&self) -> usize {
        self.issued.load(Ordering::SeqCst)
    }
}

impl Respond for TokenSequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("{}{n}", self.prefix);
        ResponseTemplate::new(200)
            .set_body_json(token_body(&token, self.expires_in, self.scope.as_deref()))
            .set_delay(self.delay)
    }
}

/// Mounts `responder` as the token endpoint (`POST /auth/token`), expecting `expected` hits.
pub async fn mount_token(server: &MockServer, responder: impl Respond + 'static, expected: u64) {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(responder)
        .named("token endpoint")
        .expect(expected)
        .mount(server)
        .await;
}

/// A lowest-priority mock answering 500 "unexpected request" to anything no other
/// mock matched, expected never to be hit.
pub async fn catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_string("unexpected request"))
        .with_priority(u8::MAX)
        .named("catch-all (unexpected request)")
        .expect(0)
        .mount(server)
        .await;
}

/// The requests `server` received for `method` and `path`.
pub async fn received(server: &MockServer, method: &str, path: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .into_iter()
        .filter(|r| r.method.as_str() == method && r.url.path() == path)
        .collect()
}

/// How many token requests `server` received.
pub async fn token_requests(server: &MockServer) -> usize {
    received(server, "POST", TOKEN_PATH).await.len()
}

/// The `Authorization` header of a received request.
pub fn authorization_of(request: &Request) -> String {
    request
        .headers
        .get("authorization")
        .map(|v| v.to_str().expect("ascii header").to_owned())
        .unwrap_or_default()
}

/// Form-encoded client-credentials source for `server`, asking for read and edit.
pub fn form_source(server: &MockServer) -> ClientCredentialsSource {
    ClientCredentialsSource::new(
        &token_url(server),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .expect("valid token URL")
    .with_scopes(["read:tickets", "edit:tickets"])
}

/// JSON-body client-credentials source for `server`, asking for read and edit.
pub fn json_source(server: &MockServer) -> JsonTokenSource {
    JsonTokenSource::new(
        &token_url(server),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .expect("valid token URL")
    .with_scopes(["read:tickets", "edit:tickets"])
}

/// Cache settings for tests: no jitter, millisecond backoff, 5 s fetch timeout,
/// no hold of a failed fetch (tests of the hold set it themselves).
pub fn cache_config() -> TokenCacheConfig {
    TokenCacheConfig::default()
        .with_refresh_buffer(Duration::from_secs(60), Duration::ZERO)
        .with_failure_backoff(Duration::ZERO, Duration::ZERO)
        .with_backoff(Backoff::new(
            Duration::from_millis(5),
            Duration::from_millis(20),
        ))
        .with_fetch_timeout(Duration::from_secs(5))
}

pub fn oauth(source: impl TokenSource + 'static) -> Arc<OAuth2Credential> {
    Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .cache_config(cache_config())
            .build()
            .expect("valid credential"),
    )
}

/// Basic credentials with ConnectWise Manage's extra `clientId` header.
pub fn basic() -> BasicCredential {
    BasicCredential::new(BASIC_USER, SecretString::from(BASIC_PASSWORD))
        .expect("valid Basic credentials")
        .with_header("clientId", SecretString::from(MANAGE_CLIENT_ID))
        .expect("valid header")
}

/// 3 attempts with millisecond backoff (also after a 429 without `Retry-After`).
pub fn fast_retry() -> RetryConfig {
    testkit::fast_retry()
}

pub fn transport_builder(server: &MockServer, credential: Arc<dyn Credential>) -> TransportBuilder {
    Transport::builder(api_base(server))
        .credential(credential)
        .policy(AccessPolicy::allow_all())
        .retry(fast_retry())
}

/// A transport to `server`'s `/api` with an allow-all policy and fast retries.
pub fn transport(server: &MockServer, credential: Arc<dyn Credential>) -> Transport {
    transport_builder(server, credential)
        .build()
        .expect("valid transport")
}

/// The test kit's in-memory sink for a tracing subscriber.
pub use testkit::Capture;

/// The process-wide TRACE capture of the test kit (global subscriber and `log`
/// logger), so spans, events and `log` records from every thread land in it.
pub fn global_capture() -> &'static Capture {
    testkit::global_capture()
}

/// Checks, when dropped at the end of a test, that nothing the process-wide
/// capture recorded so far contains a fixed secret of the suite, a token with
/// the [`TOKEN_PREFIX`], or any of the test's `extra` secrets. Create it first
/// thing in every test (`let _capture = capture_check(&[]);`): it installs the
/// capture before the test does any work, and its check runs after all of it.
/// A test that already failed skips the check.
pub type CaptureCheck = testkit::SecretCheck;

pub fn capture_check(extra: &[&str]) -> CaptureCheck {
    let mut all = secrets();
    all.push(TOKEN_PREFIX.to_owned());
    all.extend(extra.iter().map(|s| (*s).to_owned()));
    testkit::SecretCheck::new(all)
}

/// The captured lines (from any test of this binary) that contain every needle.
pub fn captured_lines_with(needles: &[&str]) -> Vec<String> {
    global_capture().lines_with(needles)
}
