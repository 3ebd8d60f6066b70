//! Redis killed while a replica is busy (token and rate budget both shared
//! through it), then restarted: a real `redis-server`, fake HTTP endpoints.
#![cfg(feature = "redis")]

mod redis_common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use neo_auth_core::testkit::{SecretCheck, assert_no_secrets, global_capture};
use neo_auth_core::{
    ApiRequest, CommonConfig, Error, ExactRules, GenericErrors, RateLimit, RedisShared, Transport,
    WhenRedisDown,
};
use redis::AsyncCommands;
use redis_common::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const WAIT: Duration = Duration::from_secs(5);
const LOCK_TTL: Duration = Duration::from_secs(5);
const LIMIT: RateLimit = RateLimit::new(100_000, Duration::from_secs(60));

/// An API that answers 200 to any bearer token but the rejected ones (401),
/// noting which token each accepted request carried.
#[derive(Clone, Default)]
struct Api {
    rejected: Arc<Mutex<Vec<String>>>,
    accepted: Arc<Mutex<Vec<String>>>,
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let token = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default()
            .to_owned();
        if self.rejected.lock().unwrap().contains(&token) {
            return ResponseTemplate::new(401);
        }
        self.accepted.lock().unwrap().push(token);
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true}))
    }
}

impl Api {
    fn accepted(&self) -> usize {
        self.accepted.lock().unwrap().len()
    }

    fn last_token(&self) -> String {
        self.accepted
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }

    fn reject(&self, token: String) {
        self.rejected.lock().unwrap().push(token);
    }
}

async fn api() -> (MockServer, Api) {
    let server = MockServer::start().await;
    let api = Api::default();
    Mock::given(method("GET"))
        .respond_with(api.clone())
        .mount(&server)
        .await;
    (server, api)
}

/// A replica as a service builds it: token and budget through `shared`.
fn replica(shared: &RedisShared, tokens: &MockServer, api: &MockServer) -> Transport {
    let config = CommonConfig::new()
        .with_rate_limit(LIMIT)
        .with_redis(shared.clone());
    let credential = config
        .oauth_credential(source(tokens), Arc::new(ExactRules))
        .unwrap();
    config
        .build_transport(api.uri(), Arc::new(credential), Arc::new(GenericErrors))
        .unwrap()
}

/// Waits (polling, at most a minute) until `done`.
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "gave up waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_killed_mid_run_no_panic_no_lost_call_one_warning_then_shared_again() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("redis_killed_mid_run") else {
        return;
    };
    let this_server = format!("127.0.0.1:{}/", redis.port());
    let lines = |what: &str| {
        global_capture()
            .lines_with(&[what, this_server.as_str()])
            .len()
    };
    let (tokens, issued) = token_endpoint(3600, Duration::ZERO).await;
    let (server, api) = api().await;
    let shared = shared(&redis, WAIT, LOCK_TTL);
    let transport = Arc::new(replica(&shared, &tokens, &server));

    // Four workers call without pause until told to stop; every call must succeed.
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let (transport, stop, sent) = (transport.clone(), stop.clone(), sent.clone());
            tokio::spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    sent.fetch_add(1, Ordering::SeqCst);
                    transport
                        .send(ApiRequest::get(format!("/work/{w}/{i}")))
                        .await
                        .map_err(|error| format!("call {w}/{i} was lost: {error}"))?;
                    i += 1;
                }
                Ok::<usize, String>(i)
            })
        })
        .collect();

    until("40 calls with Redis up", async || api.accepted() >= 40).await;
    let first_token = api.last_token();
    let mut raw = redis.raw().await;
    let keys: Vec<String> = raw.keys("neo:budget:*").await.unwrap();
    assert_eq!(keys.len(), 1, "the budget is in Redis: {keys:?}");
    drop(raw);

    // The outage, with calls in flight.
    redis.kill();
    let at_kill = api.accepted();
    until("40 calls with Redis down", async || {
        api.accepted() >= at_kill + 40
    })
    .await;
    assert!(shared.is_down());
    // A 401 during the outage: the token is refreshed here, not through Redis.
    api.reject(first_token.clone());
    until("calls on a token fetched while Redis is down", async || {
        api.last_token() != first_token
    })
    .await;
    let at_restart = api.accepted();
    assert_eq!(lines("Redis is unavailable"), 1, "one warning per outage");

    redis.restart();
    until("the budget counted in Redis again", async || {
        let mut raw = redis.raw().await;
        !shared.is_down() && raw.exists(&keys[0]).await.unwrap_or(false)
    })
    .await;
    until("calls after the restart", async || {
        api.accepted() >= at_restart + 40
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    let mut made = 0;
    for worker in workers {
        made += worker
            .await
            .expect("no worker panicked")
            .expect("no call lost");
    }
    assert_eq!(
        made,
        sent.load(Ordering::SeqCst),
        "every call sent returned"
    );
    assert_eq!(api.accepted(), made, "and reached the API");
    assert_eq!(lines("Redis is unavailable"), 1, "still one warning");
    assert_eq!(lines("Redis is reachable again"), 1);
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "the first token, and one refresh during the outage"
    );

    // Shared again: the next refresh is published, and another replica takes it.
    let during = api.last_token();
    api.reject(during.clone());
    transport.send(ApiRequest::get("/after")).await.unwrap();
    let published = api.last_token();
    assert_ne!(published, during);
    assert_eq!(issued.load(Ordering::SeqCst), 3);
    let other = replica(
        &redis_common::shared(&redis, WAIT, LOCK_TTL),
        &tokens,
        &server,
    );
    other.send(ApiRequest::get("/other")).await.unwrap();
    assert_eq!(
        issued.load(Ordering::SeqCst),
        3,
        "the other replica took the published token"
    );
    assert_eq!(api.last_token(), published);
    assert_no_secrets(
        "the log",
        &global_capture().text(),
        &[PASSWORD, CLIENT_SECRET],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_to_fail_a_call_fails_before_anything_is_sent() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("redis_down_set_to_fail") else {
        return;
    };
    let (tokens, issued) = token_endpoint(3600, Duration::ZERO).await;
    let (server, api) = api().await;
    let shared = redis
        .shared()
        .seal_key(seal_key())
        .when_down(WhenRedisDown::Fail)
        .build()
        .unwrap();
    let transport = replica(&shared, &tokens, &server);
    transport.send(ApiRequest::get("/up")).await.unwrap();
    assert_eq!(api.accepted(), 1);

    redis.kill();
    let error = transport.send(ApiRequest::get("/down")).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport { kind, .. } if kind.contains("shared rate budget")),
        "{error:?}"
    );
    assert_no_secrets("the error", &format!("{error} {error:?}"), &secrets());
    assert_eq!(api.accepted(), 1, "nothing was sent");
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}
