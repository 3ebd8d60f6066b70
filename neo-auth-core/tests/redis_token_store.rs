//! The token shared through a real `redis-server`: N replicas (separate
//! caches and connections, one Redis, one fake token endpoint).
#![cfg(feature = "redis")]

mod redis_common;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use neo_auth_core::testkit::{SecretCheck, assert_no_secrets, global_capture};
use neo_auth_core::{ManualClock, RedisShared, SealKey, SystemClock, TokenCache, TokenStore};
use redis::AsyncCommands;
use redis_common::*;
use secrecy::{ExposeSecret, SecretString};

const WAIT: Duration = Duration::from_secs(10);
const LOCK_TTL: Duration = Duration::from_secs(10);

/// 100 concurrent callers on each replica; every token they got.
async fn storm(replicas: &[Arc<TokenCache>], callers: usize) -> Vec<String> {
    let calls = replicas.iter().flat_map(|cache| {
        (0..callers).map(move |_| {
            let cache = cache.clone();
            async move {
                let token = cache.get().await.expect("a token");
                token.secret().expose_secret().to_owned()
            }
        })
    });
    join_all(calls).await
}

fn replicas(redis: &RedisServer, server: &wiremock::MockServer, n: usize) -> Vec<Arc<TokenCache>> {
    (0..n)
        .map(|_| Arc::new(replica(redis, server, config(), WAIT, LOCK_TTL)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_replicas_cold_then_expiry_each_one_token_request() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_or_skip("eight_replicas_cold_then_expiry") else {
        return;
    };
    // Hour-long tokens; time moves by hand: the replicas' clock (local
    // expiry) and the shared token's TTL in Redis (Redis's clock), so the
    // test never waits for a real expiry.
    let (server, issued) = token_endpoint(3600, Duration::from_millis(50)).await;
    let clock = Arc::new(ManualClock::new());
    let replicas: Vec<_> = (0..8)
        .map(|_| {
            Arc::new(replica_on(
                &redis,
                &server,
                config(),
                WAIT,
                LOCK_TTL,
                clock.clone(),
            ))
        })
        .collect();

    let tokens = storm(&replicas, 100).await;
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "one token request for 8 replicas × 100 callers"
    );
    assert!(tokens.iter().all(|t| t == &tokens[0]));
    assert!(
        replicas
            .iter()
            .all(|r| r.peek().is_some_and(|t| t.is_shared()))
    );

    // An hour later, less half a second: past every replica's refresh point
    // (1 s before expiry). In Redis the shared token has 1.5 s left, less
    // than a replica takes (twice the refresh buffer): it must be refreshed.
    clock.advance(Duration::from_millis(3_599_500));
    let store = store_of(&shared(&redis, WAIT, LOCK_TTL), &source(&server));
    let mut raw = redis.raw().await;
    let aged: bool = raw.pexpire(store.key(), 1500).await.unwrap();
    assert!(aged, "the shared token was in Redis");
    let refreshed = storm(&replicas, 100).await;
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "one refresh across all 8 replicas"
    );
    assert!(refreshed.iter().all(|t| t == &refreshed[0]));
    assert_ne!(refreshed[0], tokens[0]);
    let ttl: i64 = raw.pttl(store.key()).await.unwrap();
    assert!(
        ttl > 3_000_000,
        "the new token is published for its life: {ttl} ms"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_401_storm_across_replicas_is_one_refresh() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_or_skip("a_401_storm_across_replicas") else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::from_millis(20)).await;
    let replicas = replicas(&redis, &server, 8);
    let first = storm(&replicas, 10).await;
    assert_eq!(issued.load(Ordering::SeqCst), 1);

    // Every replica's calls are answered 401 for the first token.
    for cache in &replicas {
        let token = cache.get().await.unwrap();
        assert!(cache.invalidate(token.generation()));
        assert!(!cache.invalidate(token.generation()), "already gone");
    }
    let second = storm(&replicas, 100).await;
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "one refresh for the whole storm"
    );
    assert!(second.iter().all(|t| t == &second[0] && t != &first[0]));

    // A late 401 for the first token does not delete the second one.
    let store = store_of(&shared(&redis, WAIT, LOCK_TTL), &source(&server));
    let live = store
        .load()
        .await
        .unwrap()
        .expect("the second token is published");
    assert_eq!(live.token.secret.expose_secret(), &second[0]);
    let fresh = Arc::new(replica(&redis, &server, config(), WAIT, LOCK_TTL));
    fresh.get().await.unwrap();
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "a new replica takes the shared token"
    );
    assert!(!store.invalidate(b"not-the-stored-value").await.unwrap());
    assert!(
        store.load().await.unwrap().is_some(),
        "compare-and-delete kept it"
    );
    assert!(store.invalidate(&live.stamp).await.unwrap());
    assert!(store.load().await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_dead_lock_holder_makes_the_others_fetch_after_the_bounded_wait() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_or_skip("a_dead_lock_holder") else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    let store = store_of(&shared(&redis, WAIT, LOCK_TTL), &source(&server));
    let mut raw = redis.raw().await;
    // A replica took the lock and died; its lock outlives the wait.
    let _: () = raw
        .set_options(
            store.lock_key(),
            "dead-replica",
            redis::SetOptions::default().with_expiration(redis::SetExpiry::PX(60_000)),
        )
        .await
        .unwrap();
    let wait = Duration::from_millis(700);
    let replicas: Vec<_> = (0..3)
        .map(|_| Arc::new(replica(&redis, &server, config(), wait, LOCK_TTL)))
        .collect();
    let started = Instant::now();
    let tokens = storm(&replicas, 20).await;
    let took = started.elapsed();
    assert!(took >= wait, "they waited for the holder ({took:?})");
    assert_eq!(tokens.len(), 60, "every caller got a token: none hung");
    let fetched = issued.load(Ordering::SeqCst);
    assert!(
        (1..=3).contains(&fetched),
        "each replica at most once: {fetched}"
    );
    assert!(
        global_capture()
            .text()
            .contains("no shared token was published within the wait"),
        "giving up on the holder is logged"
    );

    // A holder whose lock expires: the next replica takes the lock, and one
    // token request serves all.
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    let store = store_of(&shared(&redis, WAIT, LOCK_TTL), &source(&server));
    let replicas: Vec<_> = (0..3)
        .map(|_| Arc::new(replica(&redis, &server, config(), WAIT, LOCK_TTL)))
        .collect();
    let started = Instant::now();
    let _: () = raw
        .set_options(
            store.lock_key(),
            "dead-replica",
            redis::SetOptions::default().with_expiration(redis::SetExpiry::PX(400)),
        )
        .await
        .unwrap();
    storm(&replicas, 20).await;
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "nobody fetched while the dead holder's lock lived"
    );
    // Waited out (WAIT), each of the 3 replicas would have fetched for itself.
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "the expired lock was taken by one replica, whose token served all"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_at_rest_unreadable_without_the_key_and_tampering_detected() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_or_skip("sealed_at_rest") else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    let cache = replica(&redis, &server, config(), WAIT, LOCK_TTL);
    let token = cache
        .get()
        .await
        .unwrap()
        .secret()
        .expose_secret()
        .to_owned();
    let store = store_of(&shared(&redis, WAIT, LOCK_TTL), &source(&server));
    let mut raw = redis.raw().await;
    let stored: Vec<u8> = raw.get(store.key()).await.unwrap();
    assert!(stored.starts_with(b"neo-s1:"));
    assert!(
        !stored.windows(token.len()).any(|w| w == token.as_bytes()),
        "sealed, not plain"
    );
    assert!(
        !stored
            .windows(TOKEN_PREFIX.len())
            .any(|w| w == TOKEN_PREFIX.as_bytes())
    );
    assert!(store.key().contains("neo:token:{") && !store.key().contains("neo-replica-client"));

    // A replica with another key cannot read it: it fetches its own.
    let other_key = RedisShared::builder(SecretString::from(redis.url()))
        .seal_key(SealKey::from_bytes([7; 32]))
        .build()
        .unwrap();
    let foreign = store_of(&other_key, &source(&server));
    assert!(
        foreign.load().await.unwrap().is_none(),
        "does not open under another key"
    );
    let plain = RedisShared::builder(SecretString::from(redis.url()))
        .plaintext()
        .build()
        .unwrap();
    assert!(
        store_of(&plain, &source(&server))
            .load()
            .await
            .unwrap()
            .is_none()
    );

    // Tampered in Redis: detected, not taken; a new replica fetches again.
    let mut tampered = stored.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    let _: () = raw.set(store.key(), tampered).await.unwrap();
    assert!(
        store.load().await.unwrap().is_none(),
        "tampering is detected"
    );
    let next = replica(&redis, &server, config(), WAIT, LOCK_TTL);
    let new_token = next
        .get()
        .await
        .unwrap()
        .secret()
        .expose_secret()
        .to_owned();
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_ne!(new_token, token);
    assert!(
        global_capture()
            .text()
            .contains("the shared token in Redis is unreadable"),
        "the unreadable token is logged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_down_keeps_working_locally_warns_once_and_rejoins() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("redis_down") else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    let wait = Duration::from_secs(2);
    let cache = replica(&redis, &server, config(), wait, LOCK_TTL);
    let first = cache.get().await.unwrap();
    assert!(first.is_shared());

    // This server's lines only (other tests log to the same capture).
    let this_server = format!("127.0.0.1:{}/", redis.port());
    redis.kill();
    let before = global_capture()
        .lines_with(&["Redis is unavailable", &this_server])
        .len();
    for _ in 0..3 {
        let token = cache.get().await.expect("works on the local cache");
        cache.invalidate(token.generation());
    }
    let during = cache.get().await.expect("a token without Redis");
    assert!(!during.is_shared());
    // The first look was the cached token; then three local fetches.
    assert_eq!(
        issued.load(Ordering::SeqCst),
        4,
        "fetched locally while Redis is down"
    );
    let warnings = global_capture()
        .lines_with(&["Redis is unavailable", &this_server])
        .len()
        - before;
    assert_eq!(warnings, 1, "one warning per outage");

    redis.restart();
    // The connection heals on its own: within a few tries the token is shared again.
    let started = Instant::now();
    loop {
        cache.invalidate(cache.get().await.unwrap().generation());
        let token = cache.get().await.unwrap();
        if token.is_shared() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never shared again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let fetched = issued.load(Ordering::SeqCst);
    let other = replica(&redis, &server, config(), wait, LOCK_TTL);
    other.get().await.unwrap();
    assert_eq!(
        issued.load(Ordering::SeqCst),
        fetched,
        "the other replica took the shared token"
    );
    assert!(
        !global_capture()
            .lines_with(&["Redis is reachable again", &this_server])
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_instead_of_local_when_so_configured() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("failing_when_down") else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    let shared = redis
        .shared()
        .seal_key(seal_key())
        .when_down(neo_auth_core::WhenRedisDown::Fail)
        .build()
        .unwrap();
    let source = source(&server);
    let store: Arc<dyn TokenStore> = Arc::new(store_of(&shared, &source));
    let cache = TokenCache::with_store(source, config(), Arc::new(SystemClock), store);
    redis.kill();
    let error = cache.get().await.unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(text.contains("Redis at redis://:***@127.0.0.1"), "{text}");
    assert_no_secrets("the error", &text, &secrets());
    assert_eq!(issued.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn debug_and_display_never_show_the_password_or_tokens() {
    let shared = RedisShared::builder(SecretString::from(format!(
        "rediss://user:{PASSWORD}@redis.example.invalid:6380/2"
    )))
    .seal_key(seal_key())
    .build()
    .unwrap();
    let (server, _) = token_endpoint(3600, Duration::ZERO).await;
    let store = store_of(&shared, &source(&server));
    let text = format!("{shared} {shared:?} {store:?} {:?}", seal_key());
    assert!(
        text.contains("rediss://user:***@redis.example.invalid:6380/2"),
        "{text}"
    );
    assert_no_secrets("Debug/Display", &text, &secrets());
}
