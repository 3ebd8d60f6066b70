//! Issue 8 items 1 and 2, issue 7 item 8: token responses the SDK could not
//! use, failures shared for a short hold, a token endpoint's long `Retry-After`
//! under the caller's deadline, and the plain error for the fetching caller.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use neo_auth_core::{
    ApiRequest, Credential, Error, ManualClock, OAuth2Credential, RequestOptions, TokenCacheConfig,
    TokenSource,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CALLS: usize = 50;

/// A token endpoint always answering `response`, and an API answering 200.
async fn server_with(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(response)
        .named("token endpoint")
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .named("tickets")
        .mount(&server)
        .await;
    catch_all(&server).await;
    server
}

/// A credential over `source` with the default cache settings, on `clock`.
fn credential(
    source: impl TokenSource + 'static,
    clock: Arc<ManualClock>,
    config: TokenCacheConfig,
) -> Arc<OAuth2Credential> {
    Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .clock(clock)
            .cache_config(config)
            .build()
            .expect("valid credential"),
    )
}

/// Both token sources for `server`, by name.
fn sources(server: &MockServer) -> Vec<(&'static str, Boxed)> {
    vec![
        ("form", Boxed(Box::new(form_source(server)))),
        ("json", Boxed(Box::new(json_source(server)))),
    ]
}

/// A boxed source as a `TokenSource` the builder takes.
#[derive(Debug)]
struct Boxed(Box<dyn TokenSource>);

impl TokenSource for Boxed {
    fn fetch(
        &self,
    ) -> neo_auth_core::BoxFuture<'_, neo_auth_core::Result<neo_auth_core::AccessToken>> {
        self.0.fetch()
    }

    fn requested_scopes(&self) -> &[String] {
        self.0.requested_scopes()
    }

    fn known_secrets(&self) -> neo_auth_core::KnownSecrets {
        self.0.known_secrets()
    }
}

// Before the fix: the form source could not parse a string or float
// `expires_in` or a missing `token_type` (50 failed fetches), and 0 or a
// negative value made a token born expired (50 fetches) in both sources.
#[tokio::test]
async fn unusual_token_responses_cost_at_most_two_token_requests_for_50_calls() {
    let _capture = capture_check(&["tok-odd"]);
    let cases = [
        (
            "string expires_in",
            json!({"access_token": "tok-odd", "token_type": "bearer", "expires_in": "3600"}),
        ),
        (
            "float expires_in",
            json!({"access_token": "tok-odd", "token_type": "bearer", "expires_in": 3599.5}),
        ),
        (
            "negative expires_in",
            json!({"access_token": "tok-odd", "token_type": "bearer", "expires_in": -30}),
        ),
        (
            "zero expires_in",
            json!({"access_token": "tok-odd", "token_type": "bearer", "expires_in": 0}),
        ),
        (
            "no token_type",
            json!({"access_token": "tok-odd", "expires_in": 3600}),
        ),
        (
            "no expires_in",
            json!({"access_token": "tok-odd", "token_type": "Bearer"}),
        ),
    ];
    for (case, body) in cases {
        let server = server_with(ResponseTemplate::new(200).set_body_json(body)).await;
        for (kind, source) in sources(&server) {
            let before = token_requests(&server).await;
            let clock = Arc::new(ManualClock::new());
            let credential = credential(source, clock, TokenCacheConfig::default());
            let transport = transport(&server, credential.clone());
            for _ in 0..CALLS {
                transport
                    .send(ApiRequest::get("/tickets"))
                    .await
                    .unwrap_or_else(|e| panic!("{case}, {kind}: {e}"));
            }
            let requests = token_requests(&server).await - before;
            assert!(requests <= 2, "{case}, {kind}: {requests} token requests");
            assert_eq!(requests, 1, "{case}, {kind}");
            let token = credential.cache().peek().expect("cached");
            assert_eq!(token.token().token_type, "Bearer", "{case}, {kind}");
        }
    }
}

// Before the fix: every call after a failed fetch fetched again (50 requests).
#[tokio::test]
async fn a_failing_token_endpoint_is_asked_at_most_twice_for_50_calls() {
    let _capture = capture_check(&[]);
    let failures = [
        (
            "invalid_client",
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": "invalid_client", "error_description": "bad"})),
        ),
        (
            "no access_token",
            ResponseTemplate::new(200).set_body_json(json!({"token_type": "bearer"})),
        ),
        ("503", ResponseTemplate::new(503).set_body_string("down")),
    ];
    for (case, response) in failures {
        let server = server_with(response).await;
        for (kind, source) in sources(&server) {
            let before = token_requests(&server).await;
            let clock = Arc::new(ManualClock::new());
            let config = TokenCacheConfig::default()
                .with_max_attempts(1)
                .with_failure_backoff(Duration::from_secs(5), Duration::from_secs(2));
            let credential = credential(source, clock.clone(), config);
            let transport = transport(&server, credential.clone());
            for call in 0..CALLS {
                let error = transport
                    .send(ApiRequest::get("/tickets"))
                    .await
                    .expect_err("the token endpoint fails");
                assert!(error.is_auth(), "{case}, {kind}, call {call}: {error:?}");
                // The first caller fetched: the plain error; the others share it.
                if call == 0 {
                    assert!(matches!(error, Error::Auth(_)), "{case}, {kind}: {error:?}");
                } else {
                    assert!(
                        matches!(error, Error::Shared(_)),
                        "{case}, {kind}: {error:?}"
                    );
                    assert!(error.auth().is_some(), "{case}, {kind}: {error:?}");
                }
            }
            let requests = token_requests(&server).await - before;
            assert!(requests <= 2, "{case}, {kind}: {requests} token requests");
            assert_eq!(requests, 1, "{case}, {kind}");

            // After the hold (5 s + at most 2 s of jitter), one more attempt.
            clock.advance(Duration::from_millis(7_001));
            transport
                .send(ApiRequest::get("/tickets"))
                .await
                .unwrap_err();
            assert_eq!(token_requests(&server).await - before, 2, "{case}, {kind}");
        }
    }
}

#[tokio::test]
async fn the_hold_of_a_failure_lasts_between_the_backoff_and_its_jitter() {
    let _capture = capture_check(&[]);
    let server =
        server_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_client"})))
            .await;
    let clock = Arc::new(ManualClock::new());
    let config = TokenCacheConfig::default()
        .with_failure_backoff(Duration::from_secs(5), Duration::from_secs(2));
    let credential = credential(form_source(&server), clock.clone(), config);
    credential.authorize().await.unwrap_err();
    clock.advance(Duration::from_millis(4_999));
    credential.authorize().await.unwrap_err();
    assert_eq!(credential.cache().fetch_count(), 1, "inside the backoff");
    clock.advance(Duration::from_millis(2_002));
    credential.authorize().await.unwrap_err();
    assert_eq!(
        credential.cache().fetch_count(),
        2,
        "past backoff and jitter"
    );
}

// Issue 7 item 8: a single caller with a wrong secret can match `Error::Auth`.
#[tokio::test]
async fn a_wrong_secret_is_a_plain_auth_error_for_the_caller_that_fetched() {
    let _capture = capture_check(&[]);
    let server = server_with(ResponseTemplate::new(401).set_body_json(json!({
        "error": "invalid_client",
        "error_description": "client authentication failed"
    })))
    .await;
    let clock = Arc::new(ManualClock::new());
    let credential = credential(json_source(&server), clock, TokenCacheConfig::default());
    let transport = transport(&server, credential);
    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    match &error {
        Error::Auth(auth) => {
            assert_eq!(auth.oauth_error.as_deref(), Some("invalid_client"));
            assert_eq!(auth.status.map(|s| s.as_u16()), Some(401));
        }
        other => panic!("expected Error::Auth, got {other:?}"),
    }
    // A later caller inside the hold shares it: the accessors look through.
    let shared = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(matches!(shared, Error::Shared(_)), "{shared:?}");
    assert!(matches!(shared.unshared(), Error::Auth(_)), "{shared:?}");
    let auth = shared.auth().expect("an auth error behind Shared");
    assert_eq!(auth.oauth_error.as_deref(), Some("invalid_client"));
    assert_eq!(shared.status().map(|s| s.as_u16()), Some(401));
    assert!(shared.is_auth() && !shared.is_retryable());
    assert_eq!(shared.to_string(), error.to_string());
    assert_eq!(token_requests(&server).await, 1);
}

// Before the fix: the token fetch slept the clamped `Retry-After` (60 s)
// and the call ended as a bare `Error::Timeout` after its 3 s.
#[tokio::test]
async fn a_token_endpoint_429_longer_than_the_deadline_is_returned_at_once() {
    let _capture = capture_check(&[]);
    let server = server_with(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "3600")
            .set_body_json(json!({"error": "slow_down"})),
    )
    .await;
    for (kind, source) in sources(&server) {
        let before = token_requests(&server).await;
        let clock = Arc::new(ManualClock::new());
        let credential = credential(source, clock, TokenCacheConfig::default());
        let transport = transport(&server, credential);
        let started = Instant::now();
        let error = transport
            .send(
                ApiRequest::get("/tickets")
                    .options(RequestOptions::new().overall_timeout(Duration::from_secs(3))),
            )
            .await
            .unwrap_err();
        let elapsed = started.elapsed();
        assert!(!error.is_timeout(), "{kind}: {error:?}");
        let auth = error.auth().unwrap_or_else(|| panic!("{kind}: {error:?}"));
        assert_eq!(auth.status.map(|s| s.as_u16()), Some(429), "{kind}");
        assert_eq!(
            error.retry_after(),
            Some(Duration::from_secs(3600)),
            "{kind}"
        );
        assert!(
            error.to_string().contains("rate limiting"),
            "{kind}: {error}"
        );
        assert!(elapsed < Duration::from_secs(3), "{kind}: took {elapsed:?}");
        assert_eq!(token_requests(&server).await - before, 1, "{kind}");
    }
}

#[tokio::test]
async fn a_failure_with_retry_after_is_held_at_least_that_long() {
    let _capture = capture_check(&[]);
    let server = server_with(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "30")
            .set_body_json(json!({"error": "slow_down"})),
    )
    .await;
    let clock = Arc::new(ManualClock::new());
    let config = TokenCacheConfig::default()
        .with_max_attempts(1)
        .with_failure_backoff(Duration::from_secs(5), Duration::from_secs(2));
    let credential = credential(form_source(&server), clock.clone(), config);
    credential.authorize().await.unwrap_err();
    clock.advance(Duration::from_secs(29));
    let held = credential.authorize().await.unwrap_err();
    assert_eq!(
        held.retry_after(),
        Some(Duration::from_secs(30)),
        "{held:?}"
    );
    assert_eq!(
        credential.cache().fetch_count(),
        1,
        "held for the Retry-After"
    );
    clock.advance(Duration::from_secs(2));
    credential.authorize().await.unwrap_err();
    assert_eq!(credential.cache().fetch_count(), 2, "asked again after it");
}
