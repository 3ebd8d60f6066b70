//! The token cache: single flight, expiry on an injected clock, targeted
//! invalidation, retries and the fetch timeout of the token request.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use common::*;
use futures_util::future::join_all;
use neo_auth_core::{
    AccessToken, ApiRequest, Authorization, Backoff, BoxFuture, Credential, Error, ManualClock,
    OAuth2Credential, Result, TokenCache, TokenCacheConfig, TokenSource,
};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use tokio::sync::Semaphore;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The `Authorization` header value a credential produced.
fn bearer_of(authorization: &Authorization) -> String {
    let (name, value) = &authorization.headers()[0];
    assert_eq!(name, http::header::AUTHORIZATION);
    assert!(
        value.is_sensitive(),
        "the Authorization value must be marked sensitive"
    );
    value.to_str().unwrap().to_owned()
}

/// A token source without HTTP: the n-th fetch returns `tok-n`.
#[derive(Debug)]
struct CountingSource {
    fetches: AtomicU64,
    expires_in: Option<Duration>,
    scopes: Vec<String>,
}

impl CountingSource {
    fn new(expires_in: Option<Duration>) -> Self {
        CountingSource {
            fetches: AtomicU64::new(0),
            expires_in,
            scopes: Vec::new(),
        }
    }
}

impl TokenSource for CountingSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
        let expires_in = self.expires_in;
        Box::pin(async move {
            Ok(AccessToken::bearer(
                SecretString::from(format!("tok-{n}")),
                expires_in,
            ))
        })
    }

    fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// Wraps a source so that fetches wait until the test opens the gate.
#[derive(Debug)]
struct GatedSource<S> {
    inner: S,
    gate: Arc<Semaphore>,
}

impl<S: TokenSource> TokenSource for GatedSource<S> {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(async move {
            drop(self.gate.acquire().await.expect("the gate is never closed"));
            self.inner.fetch().await
        })
    }

    fn requested_scopes(&self) -> &[String] {
        self.inner.requested_scopes()
    }
}

// How this test was checked to be able to fail: in a scratch copy of the workspace,
// `TokenCache::get` in `neo-auth-core/src/token_cache.rs` got a `drop(guard);`
// right before the fetch task is spawned, i.e. the single-flight lock is released
// before fetching. With that change this test failed (794 token fetches instead
// of 1 in the last check: every caller that took the lock before the first answer
// arrived sent its own request). Unchanged, it passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_token_request_for_1000_concurrent_callers() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-1").set_delay(Duration::from_millis(200)))
        .named("token endpoint (answers after 200 ms)")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = oauth(form_source(&server));

    let tasks = (0..1000).map(|_| {
        let credential = credential.clone();
        tokio::spawn(async move { credential.authorize().await })
    });
    let results = join_all(tasks).await;

    assert_eq!(token_requests(&server).await, 1, "token requests");
    assert_eq!(credential.cache().fetch_count(), 1);
    for result in results {
        let authorization = result.expect("task ran").expect("authorized");
        assert_eq!(bearer_of(&authorization), "Bearer tok-1");
        assert_eq!(authorization.generation(), Some(1));
    }
}

// Current-thread runtime on purpose: when the test task sees that all callers have
// started, every one of them has been polled up to its wait on the cache's lock
// (or, for the first, on the gate), so all of them waited on the failing fetch.
#[tokio::test]
async fn a_failed_fetch_is_shared_with_every_waiting_caller_and_does_not_poison() {
    let _capture = capture_check(&[]);
    const CALLERS: usize = 100;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(500).set_body_string("token service down"))
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: first request fails")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-2"))
        .named("token endpoint: then succeeds")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let gate = Arc::new(Semaphore::new(0));
    let source = GatedSource {
        inner: form_source(&server),
        gate: gate.clone(),
    };
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .cache_config(cache_config().with_max_attempts(1))
            .build()
            .expect("valid credential"),
    );

    let started = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let credential = credential.clone();
            let started = started.clone();
            tokio::spawn(async move {
                started.fetch_add(1, Ordering::SeqCst);
                credential.authorize().await
            })
        })
        .collect();
    while started.load(Ordering::SeqCst) < CALLERS {
        tokio::task::yield_now().await;
    }
    gate.add_permits(1);

    let mut plain = 0;
    for result in join_all(tasks).await {
        let error = result.expect("task ran").unwrap_err();
        assert!(error.is_auth(), "{error}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(500), "{error}");
        // The caller whose fetch it was gets the plain error; the waiters
        // share it, and `auth()` looks through the sharing.
        match &error {
            Error::Auth(_) => plain += 1,
            Error::Shared(_) => assert!(error.auth().is_some(), "{error:?}"),
            other => panic!("expected an auth error, got {other:?}"),
        }
    }
    assert_eq!(plain, 1, "exactly the fetching caller gets the plain error");
    assert_eq!(
        token_requests(&server).await,
        1,
        "one request for all waiters"
    );
    assert_eq!(credential.cache().fetch_count(), 1);

    // The failure is not cached: the next caller fetches again.
    let authorization = credential.authorize().await.expect("authorized");
    assert_eq!(bearer_of(&authorization), "Bearer tok-2");
    assert_eq!(token_requests(&server).await, 2);
}

/// A credential on a manual clock over a token endpoint handing out `tok-1`, `tok-2`, ...
async fn clocked(
    server: &MockServer,
    expires_in: u64,
    config: TokenCacheConfig,
) -> (Arc<OAuth2Credential>, Arc<ManualClock>) {
    mount_token(server, TokenSequence::new().expires_in(expires_in), 2).await;
    catch_all(server).await;
    let clock = Arc::new(ManualClock::new());
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(form_source(server)))
            .clock(clock.clone())
            .cache_config(config)
            .build()
            .expect("valid credential"),
    );
    (credential, clock)
}

#[tokio::test]
async fn token_is_reused_until_the_refresh_point_then_fetched_again() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    let config = cache_config().with_refresh_buffer(Duration::from_secs(60), Duration::ZERO);
    let (credential, clock) = clocked(&server, 3600, config).await;

    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(token_requests(&server).await, 1);

    // expires_in 3600 and a 60 s buffer without jitter: refreshed at exactly 3540 s.
    // (3500 s is still inside the token's fresh period with this buffer.)
    clock.advance(Duration::from_secs(3500));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    clock.advance(Duration::from_millis(39_999));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(
        token_requests(&server).await,
        1,
        "no fetch before the refresh point"
    );

    clock.advance(Duration::from_millis(1));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-2"
    );
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-2"
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn advancing_past_the_refresh_buffer_fetches_a_new_token() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    // 120 s buffer: refresh at 3480 s, so advancing 3500 s is past it.
    let config = cache_config().with_refresh_buffer(Duration::from_secs(120), Duration::ZERO);
    let (credential, clock) = clocked(&server, 3600, config).await;

    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    clock.advance(Duration::from_secs(3479));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(token_requests(&server).await, 1);
    clock.advance(Duration::from_secs(21));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-2"
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn refresh_jitter_stays_within_its_bound() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    // Buffer 60 s plus up to 30 s jitter: the refresh point lies in [3510 s, 3540 s].
    let config =
        cache_config().with_refresh_buffer(Duration::from_secs(60), Duration::from_secs(30));
    let (credential, clock) = clocked(&server, 3600, config).await;

    credential.authorize().await.unwrap();
    clock.advance(Duration::from_millis(3_509_999));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    clock.advance(Duration::from_millis(30_001));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-2"
    );
}

#[tokio::test]
async fn refresh_buffer_is_at_most_half_the_lifetime() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    let config = cache_config().with_refresh_buffer(Duration::from_secs(60), Duration::ZERO);
    // A 100 s token with a 60 s buffer is refreshed at 50 s, not at 40 s.
    let (credential, clock) = clocked(&server, 100, config).await;

    credential.authorize().await.unwrap();
    clock.advance(Duration::from_secs(49));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-2"
    );
}

#[tokio::test]
async fn a_token_without_expires_in_lives_the_default_lifetime_unless_invalidated() {
    let _capture = capture_check(&[]);
    let clock = Arc::new(ManualClock::new());
    // Default lifetime one hour, 60 s refresh buffer: refreshed at 3540 s.
    let cache = TokenCache::with_clock(
        Arc::new(CountingSource::new(None)),
        cache_config(),
        clock.clone(),
    );
    let first = cache.get().await.unwrap();
    clock.advance(Duration::from_secs(3539));
    let again = cache.get().await.unwrap();
    assert_eq!(again.generation(), first.generation());
    assert_eq!(cache.fetch_count(), 1);

    assert!(cache.invalidate(first.generation()));
    let next = cache.get().await.unwrap();
    assert_eq!(next.secret().expose_secret(), "tok-2");
    assert_eq!(cache.fetch_count(), 2);

    // Never "forever": after the default lifetime it is fetched again.
    clock.advance(neo_auth_core::DEFAULT_TOKEN_LIFETIME);
    let later = cache.get().await.unwrap();
    assert_eq!(later.secret().expose_secret(), "tok-3");
    assert_eq!(cache.fetch_count(), 3);
}

#[tokio::test]
async fn invalidation_drops_only_the_rejected_token() {
    let _capture = capture_check(&[]);
    let cache = TokenCache::new(
        Arc::new(CountingSource::new(Some(Duration::from_secs(3600)))),
        cache_config(),
    );
    assert!(cache.peek().is_none());
    let first = cache.get().await.unwrap();
    assert_eq!(first.secret().expose_secret(), "tok-1");

    assert!(
        cache.invalidate(first.generation()),
        "the current token is dropped"
    );
    assert!(cache.peek().is_none());
    let second = cache.get().await.unwrap();
    assert_eq!(second.secret().expose_secret(), "tok-2");
    assert_ne!(second.generation(), first.generation());

    // A late 401 for the old token must not throw away the new one.
    assert!(!cache.invalidate(first.generation()));
    let still = cache.get().await.unwrap();
    assert_eq!(still.generation(), second.generation());
    assert_eq!(cache.fetch_count(), 2);
}

#[tokio::test]
async fn credential_invalidation_uses_the_generation_of_the_rejected_authorization() {
    let _capture = capture_check(&[]);
    let credential = OAuth2Credential::builder(Arc::new(CountingSource::new(Some(
        Duration::from_secs(3600),
    ))))
    .cache_config(cache_config())
    .build()
    .expect("valid credential");
    let first = credential.authorize().await.unwrap();
    assert!(
        credential.invalidate(&first),
        "a token credential asks for a retry"
    );
    let second = credential.authorize().await.unwrap();
    assert_eq!(bearer_of(&second), "Bearer tok-2");

    // The stale rejection of `first` keeps `second`.
    credential.invalidate(&first);
    let third = credential.authorize().await.unwrap();
    assert_eq!(bearer_of(&third), "Bearer tok-2");
    assert_eq!(credential.cache().fetch_count(), 2);
}

#[tokio::test]
async fn token_endpoint_503_then_200_is_retried_with_backoff() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: 503 once")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-1"))
        .named("token endpoint: then 200")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(json_source(&server)))
            .cache_config(TokenCacheConfig::default().with_backoff(Backoff::new(
                Duration::from_millis(10),
                Duration::from_millis(50),
            )))
            .build()
            .expect("valid credential"),
    );

    let authorization = credential.authorize().await.expect("retried to success");
    assert_eq!(bearer_of(&authorization), "Bearer tok-1");
    assert_eq!(token_requests(&server).await, 2);
    assert_eq!(credential.cache().fetch_count(), 2);
    // The retry is logged from the spawned fetch task, inside the caller's span.
    let retries = captured_lines_with(&["neo.token", "token request failed; retrying"]);
    assert!(!retries.is_empty(), "{}", global_capture().text());
}

#[tokio::test]
async fn a_long_retry_after_from_the_token_endpoint_is_clamped() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: 429 for an hour, once")
        .expect(1)
        .mount(&server)
        .await;
    mount_token(&server, TokenSequence::new(), 1).await;
    catch_all(&server).await;
    let credential = OAuth2Credential::builder(Arc::new(form_source(&server)))
        .cache_config(cache_config().with_max_retry_after(Duration::from_millis(200)))
        .build()
        .expect("valid credential");

    let started = std::time::Instant::now();
    // The outer timeout turns a broken clamp into a failure, not an hour's hang.
    let authorization = tokio::time::timeout(Duration::from_secs(20), credential.authorize())
        .await
        .expect("the clamped wait, not an hour")
        .expect("the second request succeeds");
    let elapsed = started.elapsed();
    assert_eq!(bearer_of(&authorization), "Bearer tok-1");
    assert!(
        elapsed >= Duration::from_millis(150) && elapsed < Duration::from_secs(10),
        "waited {elapsed:?}"
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn a_json_expires_in_of_zero_or_less_is_an_unknown_lifetime() {
    let _capture = capture_check(&[]);
    for expires_in in [json!(0), json!(-30), json!("-1"), json!(0.0)] {
        let server = MockServer::start().await;
        token_answer(
            &server,
            json!({"access_token": "tok-z", "token_type": "bearer", "expires_in": expires_in}),
        )
        .await;
        let token = json_source(&server).fetch().await.expect("a token");
        // Unknown: the cache gives it its default lifetime (see hardening_tokens.rs).
        assert_eq!(token.expires_in, None, "{expires_in}");
    }
}

#[tokio::test]
async fn token_endpoint_423_is_retried() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(423)
                .insert_header("retry-after", "0")
                .set_body_json(json!({"message": "too many tokens requested"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: 423 once")
        .expect(1)
        .mount(&server)
        .await;
    mount_token(&server, TokenSequence::new(), 1).await;
    catch_all(&server).await;
    let credential = oauth(form_source(&server));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn token_endpoint_failing_every_attempt_gives_up_after_max_attempts() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(503).set_body_string("maintenance"))
        .named("token endpoint: always 503")
        .expect(3)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(form_source(&server)))
            .cache_config(cache_config().with_max_attempts(3))
            .build()
            .expect("valid credential"),
    );

    let error = credential.authorize().await.unwrap_err();
    assert!(error.is_auth(), "{error}");
    assert!(error.is_retryable(), "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(
        error.to_string().contains("token endpoint failed"),
        "{error}"
    );
    assert_eq!(token_requests(&server).await, 3);
}

#[tokio::test]
async fn token_endpoint_client_error_is_not_retried() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "unknown client"
        })))
        .named("token endpoint: invalid_client")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = oauth(form_source(&server));

    let error = credential.authorize().await.unwrap_err();
    // The only caller fetched itself: the plain error, not a shared one.
    let Error::Auth(auth) = &error else {
        panic!("expected an auth error, got {error:?}");
    };
    assert_eq!(auth.oauth_error.as_deref(), Some("invalid_client"));
    assert!(!error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("rejected the client id or secret"),
        "{error}"
    );
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn token_request_slower_than_its_timeout_fails_and_the_next_call_fetches_again() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-slow").set_delay(Duration::from_secs(10)))
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: first answer after 10 s")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-fast"))
        .named("token endpoint: then fast")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .and(wiremock::matchers::header(
            "authorization",
            "Bearer tok-fast",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .named("API with the fast token")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(form_source(&server)))
            .cache_config(
                cache_config()
                    // Far below the slow answer, far above a loopback round trip.
                    .with_fetch_timeout(Duration::from_secs(1))
                    .with_max_attempts(1),
            )
            .build()
            .expect("valid credential"),
    );
    let transport = transport(&server, credential);

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(error.is_auth(), "{error}");
    assert!(
        error.to_string().contains("did not answer within"),
        "{error}"
    );
    assert!(received(&server, "GET", "/api/tickets").await.is_empty());

    transport
        .send(ApiRequest::get("/tickets"))
        .await
        .expect("the next call fetches a new token");
    assert_eq!(token_requests(&server).await, 2);
}

/// A token endpoint answering `body` (then anything else answers 500).
async fn token_answer(server: &MockServer, body: serde_json::Value) {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .named("token endpoint")
        .mount(server)
        .await;
}

#[tokio::test]
async fn an_absurd_expires_in_is_capped_not_a_panic() {
    let _capture = capture_check(&[]);
    for expires_in in [json!(u64::MAX), json!(1e19), json!(-5), json!("soon")] {
        let server = MockServer::start().await;
        token_answer(
            &server,
            json!({"access_token": "tok-x", "token_type": "bearer", "expires_in": expires_in}),
        )
        .await;
        for credential in [oauth(form_source(&server)), oauth(json_source(&server))] {
            // Whatever the source makes of the value, the cache must not panic; a
            // huge lifetime is capped so the token is refreshed at least daily.
            if let Ok(authorization) = credential.authorize().await {
                assert_eq!(bearer_of(&authorization), "Bearer tok-x");
                let cached = credential.cache().peek().expect("cached");
                // A negative lifetime is unknown (`None`: the cache's default
                // lifetime, never "forever"), never a zero that would fetch per call.
                let expected_unknown = expires_in == json!(-5) || expires_in == json!("soon");
                assert!(
                    if expected_unknown {
                        cached.token().expires_in.is_none()
                    } else {
                        cached.token().expires_in.is_none_or(|d| d > Duration::ZERO)
                    },
                    "{expires_in}: {:?}",
                    cached.token().expires_in
                );
            }
        }
    }

    // The cap in action: a "forever" token is fetched again after a day.
    let server = MockServer::start().await;
    token_answer(
        &server,
        json!({"access_token": "tok-x", "token_type": "bearer", "expires_in": u64::MAX}),
    )
    .await;
    let clock = Arc::new(ManualClock::new());
    let credential = OAuth2Credential::builder(Arc::new(form_source(&server)))
        .clock(clock.clone())
        .cache_config(cache_config())
        .build()
        .expect("valid credential");
    credential.authorize().await.expect("authorized");
    clock.advance(neo_auth_core::MAX_TOKEN_LIFETIME);
    credential.authorize().await.expect("authorized");
    assert_eq!(credential.cache().fetch_count(), 2);
}

// Current-thread runtime: see the note on the shared-failure test above.
#[tokio::test]
async fn waiters_take_the_token_they_waited_for_even_one_born_expired() {
    let _capture = capture_check(&[]);
    const CALLERS: usize = 20;
    let gate = Arc::new(Semaphore::new(0));
    let source = Arc::new(GatedSource {
        inner: CountingSource::new(Some(Duration::ZERO)),
        gate: gate.clone(),
    });
    let credential = Arc::new(
        OAuth2Credential::builder(source.clone())
            .clock(Arc::new(ManualClock::new()))
            .cache_config(cache_config())
            .build()
            .expect("valid credential"),
    );
    let started = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let credential = credential.clone();
            let started = started.clone();
            tokio::spawn(async move {
                started.fetch_add(1, Ordering::SeqCst);
                credential.authorize().await
            })
        })
        .collect();
    while started.load(Ordering::SeqCst) < CALLERS {
        tokio::task::yield_now().await;
    }
    gate.add_permits(CALLERS);
    for result in join_all(tasks).await {
        let authorization = result.expect("task ran").expect("authorized");
        assert_eq!(bearer_of(&authorization), "Bearer tok-1");
    }
    assert_eq!(source.inner.fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_still_valid_token_and_pauses_before_retrying() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let credential = OAuth2Credential::builder(Arc::new(form_source(&server)))
        .clock(clock.clone())
        .cache_config(
            cache_config()
                .with_refresh_buffer(Duration::from_secs(60), Duration::ZERO)
                .with_max_attempts(1),
        )
        .build()
        .expect("valid credential");
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );

    // Inside the refresh buffer, not yet expired: the refresh fails, the old token stays.
    clock.advance(Duration::from_secs(3600 - 30));
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(credential.cache().fetch_count(), 2);
    // Right after a failure, no new attempt.
    assert_eq!(
        bearer_of(&credential.authorize().await.unwrap()),
        "Bearer tok-1"
    );
    assert_eq!(credential.cache().fetch_count(), 2);
    // A few seconds later, one more attempt (failing again, old token still fine).
    clock.advance(Duration::from_secs(6));
    credential.authorize().await.unwrap();
    assert_eq!(credential.cache().fetch_count(), 3);
    // Past the real expiry, the failure surfaces.
    clock.advance(Duration::from_secs(60));
    let error = credential.authorize().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error}");
}

// Current-thread runtime, so "the first caller is parked in the fetch" is known
// exactly when the test task runs again. Checked to fail when the fetch runs
// inline in the caller instead of in its own task (fetch_count is then 2).
#[tokio::test]
async fn a_cancelled_caller_does_not_abort_the_fetch_for_the_others() {
    let _capture = capture_check(&[]);
    let gate = Arc::new(Semaphore::new(0));
    let source = Arc::new(GatedSource {
        inner: CountingSource::new(Some(Duration::from_secs(3600))),
        gate: gate.clone(),
    });
    let credential = Arc::new(
        OAuth2Credential::builder(source.clone())
            .cache_config(cache_config())
            .build()
            .expect("valid credential"),
    );
    let first = {
        let credential = credential.clone();
        tokio::spawn(async move { credential.authorize().await })
    };
    // Let the first caller start the fetch (it is now parked at the gate), then give up on it.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());
    gate.add_permits(1);

    let authorization = credential.authorize().await.expect("authorized");
    assert_eq!(bearer_of(&authorization), "Bearer tok-1");
    assert_eq!(
        credential.cache().fetch_count(),
        1,
        "the abandoned fetch completed and was used, not started again"
    );
    assert_eq!(source.inner.fetches.load(Ordering::SeqCst), 1);
}
