//! The test kit's token issuer behind a `FakeHttp`, driven by the core's token
//! sources, `OAuth2Credential` and `Transport`: Asio's JSON-body endpoint with a
//! 423 lock after too many tokens, and a form-body endpoint whose tokens expire
//! on a manual clock or are revoked.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use neo_auth_core::testkit::{
    FakeHttp, FakeRequest, Fault, Reply, Router, Target, TokenBody, TokenIssuer,
};
use neo_auth_core::{
    ApiRequest, AuthError, Clock, Error, JsonTokenSource, ManualClock, OAuth2Credential,
};
use secrecy::SecretString;
use serde_json::{Value, json};

const ASIO_READ: &str = "platform.companies.read";

/// The state of a fake with one token endpoint and one list.
struct State {
    tokens: TokenIssuer,
}

/// `POST /v1/token` (Asio) or `POST /auth/token` (form) and `GET /api/tickets`.
struct Routes;

impl Router<State> for Routes {
    fn target(&self, request: &FakeRequest) -> Target {
        match request.route_path() {
            "/v1/token" | "/auth/token" => Target::Token,
            _ => Target::Api,
        }
    }

    fn route(&self, state: &mut State, request: &FakeRequest) -> Reply {
        match (request.method(), request.route_path()) {
            ("POST", "/v1/token" | "/auth/token") => state.tokens.handle(request),
            ("GET", "/api/tickets") => match state.tokens.validate(request.headers()) {
                Ok(scopes) => Reply::json(200, &json!([{"id": 1, "scopes": scopes}])),
                Err(rejected) => rejected.reply(),
            },
            (method, path) => Reply::no_route(method, path),
        }
    }
}

fn auth_error(error: &Error) -> &AuthError {
    match error {
        Error::Auth(auth) => auth,
        Error::Shared(inner) => auth_error(inner),
        other => panic!("expected an authentication error, got {other:?}"),
    }
}

fn credential(
    source: impl neo_auth_core::TokenSource + 'static,
    clock: Arc<dyn Clock>,
) -> Arc<OAuth2Credential> {
    Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .cache_config(cache_config().with_max_attempts(2))
            .clock(clock)
            .build()
            .expect("valid credential"),
    )
}

fn asio_issuer(clock: Arc<dyn Clock>) -> TokenIssuer {
    TokenIssuer::new(CLIENT_ID, CLIENT_SECRET)
        .with_body(TokenBody::Json)
        .with_strict_scopes([ASIO_READ])
        .with_lifetime(Duration::from_secs(3599))
        .with_lock_after(2, Duration::from_secs(600))
        .with_token_prefix(TOKEN_PREFIX)
        .with_clock(clock)
}

fn asio_source(fake: &FakeHttp<State>, scopes: &[&str]) -> JsonTokenSource {
    JsonTokenSource::new(
        &fake.url("/v1/token"),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .expect("valid token URL")
    .with_scopes(scopes.iter().copied())
}

async fn list(transport: &neo_auth_core::Transport) -> neo_auth_core::Result<Vec<Value>> {
    transport.send_json(ApiRequest::get("/tickets")).await
}

#[tokio::test]
async fn json_token_endpoint_locks_the_key_after_too_many_tokens() {
    let _capture = capture_check(&[]);
    let clock = Arc::new(ManualClock::new());
    let fake = FakeHttp::start(
        State {
            tokens: asio_issuer(clock.clone()),
        },
        Routes,
    )
    .await;
    let credential = credential(asio_source(&fake, &[ASIO_READ]), clock.clone());
    let api = transport_builder_for(&fake, credential.clone());

    // Token 1; the granted scope is echoed and reaches the router.
    let rows = list(&api).await.expect("first list");
    assert_eq!(rows[0]["scopes"], json!([ASIO_READ]));
    assert_eq!(credential.cache().fetch_count(), 1);

    // Revoked mid-run: a 401, one re-mint (token 2), the retry succeeds.
    fake.with_state(|s| s.tokens.revoke_all());
    list(&api).await.expect("list after revocation");
    assert_eq!(fake.with_state(|s| s.tokens.issued()), 2);

    // Revoked again: the key has had its 2 tokens in 10 minutes, so the token
    // endpoint answers 423 Locked to every attempt and the call fails with it.
    fake.with_state(|s| s.tokens.revoke_all());
    let error = list(&api).await.expect_err("locked key");
    let auth = auth_error(&error);
    assert_eq!(auth.status.map(|s| s.as_u16()), Some(423), "{error}");
    assert!(auth.message.contains("locked"), "{error}");
    assert!(auth.retryable);
    assert_eq!(
        fake.with_state(|s| (s.tokens.issued(), s.tokens.fetches())),
        (2, 4)
    );
    assert_eq!(fake.token_requests(), 4);
    assert_no_secrets(
        "the 423 error",
        &format!("{error} {error:?}"),
        &[TOKEN_PREFIX],
    );

    // Ten minutes after the first token, the lock lifts.
    clock.advance(Duration::from_secs(600));
    list(&api).await.expect("list after the lock window");
    assert_eq!(fake.with_state(|s| s.tokens.issued()), 3);
}

#[tokio::test]
async fn json_token_endpoint_checks_the_secret_and_the_scopes() {
    let _capture = capture_check(&["wrong-secret-never-print"]);
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new());
    let fake = FakeHttp::start(
        State {
            tokens: asio_issuer(clock.clone()),
        },
        Routes,
    )
    .await;

    let wrong = JsonTokenSource::new(
        &fake.url("/v1/token"),
        CLIENT_ID,
        SecretString::from("wrong-secret-never-print"),
    )
    .expect("valid token URL")
    .with_scopes([ASIO_READ]);
    let api = transport_builder_for(&fake, credential(wrong, clock.clone()));
    let error = list(&api).await.expect_err("wrong secret");
    let auth = auth_error(&error);
    assert_eq!(auth.status.map(|s| s.as_u16()), Some(401));
    assert_eq!(auth.oauth_error.as_deref(), Some("invalid_client"));
    assert!(!auth.retryable);

    // A scope the key was not given: 400 invalid_scope, nothing issued.
    let greedy = asio_source(&fake, &[ASIO_READ, "platform.devices.read"]);
    let api = transport_builder_for(&fake, credential(greedy, clock));
    let error = list(&api).await.expect_err("scope not granted");
    assert_eq!(
        auth_error(&error).oauth_error.as_deref(),
        Some("invalid_scope")
    );
    assert_eq!(fake.with_state(|s| s.tokens.issued()), 0);
    assert_eq!(fake.api_requests(), 0);
}

#[tokio::test]
async fn injected_token_faults_are_retried_by_the_token_cache() {
    let _capture = capture_check(&[]);
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new());
    let fake = FakeHttp::start(
        State {
            tokens: asio_issuer(clock.clone()),
        },
        Routes,
    )
    .await;
    let credential = credential(asio_source(&fake, &[ASIO_READ]), clock);
    let api = transport_builder_for(&fake, credential);

    fake.inject(Fault::TokenLocked { times: 1 });
    list(&api).await.expect("423 once, then a token");
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(
        fake.with_state(|s| s.tokens.fetches()),
        1,
        "the fault answered the first"
    );

    fake.with_state(|s| s.tokens.revoke_all());
    fake.inject(Fault::TokenServerError {
        status: 503,
        times: 2,
    });
    let error = list(&api).await.expect_err("two 503s exhaust two attempts");
    assert_eq!(auth_error(&error).status.map(|s| s.as_u16()), Some(503));
    assert_eq!(fake.faults_applied(), 3);
    assert_eq!(fake.pending_faults(), 0);
}

#[tokio::test]
async fn form_tokens_expire_on_the_clock_and_can_be_revoked() {
    let _capture = capture_check(&[]);
    let clock = Arc::new(ManualClock::new());
    let issuer = TokenIssuer::new(CLIENT_ID, CLIENT_SECRET)
        .with_body(TokenBody::Form)
        .with_allowed_scopes(["read:tickets"])
        .with_lifetime(Duration::from_secs(600))
        .with_token_prefix(TOKEN_PREFIX)
        .with_clock(clock.clone());
    let fake = FakeHttp::start(State { tokens: issuer }, Routes).await;
    let source = neo_auth_core::ClientCredentialsSource::new(
        &fake.url("/auth/token"),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .expect("valid token URL")
    .with_scopes(["read:tickets", "edit:tickets"]);
    let credential = credential(source, clock.clone());
    let api = transport_builder_for(&fake, credential.clone());

    // The application may only read: the token carries read:tickets alone.
    let rows = list(&api).await.expect("first list");
    assert_eq!(rows[0]["scopes"], json!(["read:tickets"]));
    list(&api).await.expect("cached token");
    assert_eq!(fake.token_requests(), 1);

    // Past its lifetime the fake refuses the token; the cache, on the same
    // clock, has already replaced it.
    let old = fake.with_state(|s| s.tokens.active_tokens());
    assert_eq!(old, 1);
    clock.advance(Duration::from_secs(600));
    assert_eq!(fake.with_state(|s| s.tokens.active_tokens()), 0);
    list(&api).await.expect("list with a fresh token");
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.api_requests(), 3, "no 401 round trip");

    // Expired without the client's clock knowing: one 401, one refresh.
    fake.with_state(|s| s.tokens.expire_all());
    list(&api).await.expect("list after expire_all");
    assert_eq!(fake.token_requests(), 3);
    assert_eq!(fake.api_requests(), 5);

    // A 401 mid-stream although the token is valid: refreshed and retried.
    fake.inject(Fault::Unauthorized { times: 1 });
    list(&api).await.expect("list after an injected 401");
    assert_eq!(fake.token_requests(), 4);

    // Two 401s in a row: the second is real.
    fake.inject(Fault::Unauthorized { times: 2 });
    let error = list(&api).await.expect_err("401 twice");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error:?}");
}

/// A transport to the fake's `/api` with an allow-all policy and fast retries.
fn transport_builder_for(
    fake: &FakeHttp<State>,
    credential: Arc<OAuth2Credential>,
) -> neo_auth_core::Transport {
    neo_auth_core::Transport::builder(fake.url("/api"))
        .credential(credential)
        .policy(neo_auth_core::AccessPolicy::allow_all())
        .retry(fast_retry())
        .build()
        .expect("valid transport")
}
