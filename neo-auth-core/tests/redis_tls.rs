//! `rediss://`: the shared token over TLS, against a real `redis-server`
//! listening on TLS only, with a CA and certificates generated for the run
//! (by the `openssl` command). Skipped with a notice where `redis-server`
//! has no TLS or `openssl` is missing, unless `NEO_REQUIRE_REDIS=1`.
#![cfg(feature = "redis")]

mod redis_common;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_util::future::join_all;
use neo_auth_core::testkit::{SecretCheck, assert_no_secrets};
use neo_auth_core::{SystemClock, TokenCache, TokenStore};
use redis::AsyncCommands;
use redis_common::*;
use secrecy::{ExposeSecret, SecretString};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_share_one_sealed_token_over_tls() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_tls_or_skip("replicas_share_one_sealed_token_over_tls")
    else {
        return;
    };
    assert!(redis.url().starts_with("rediss://"));
    let (server, issued) = token_endpoint(3600, Duration::from_millis(20)).await;
    let replicas: Vec<_> = (0..4)
        .map(|_| {
            Arc::new(replica(
                &redis,
                &server,
                config(),
                Duration::from_secs(10),
                Duration::from_secs(10),
            ))
        })
        .collect();
    let calls = replicas.iter().flat_map(|cache| {
        (0..25).map(move |_| {
            let cache = cache.clone();
            async move {
                let token = cache.get().await.expect("a token over TLS");
                assert!(token.is_shared(), "taken through Redis");
                token.secret().expose_secret().to_owned()
            }
        })
    });
    let tokens = join_all(calls).await;
    assert_eq!(issued.load(Ordering::SeqCst), 1, "one token for 4 replicas");
    assert!(tokens.iter().all(|t| t == &tokens[0]));

    let store = store_of(
        &shared(&redis, Duration::from_secs(10), Duration::from_secs(10)),
        &source(&server),
    );
    let mut raw = redis.raw().await;
    let stored: Vec<u8> = raw.get(store.key()).await.unwrap();
    assert!(stored.starts_with(b"neo-s1:"), "sealed at rest");
    assert!(
        !stored
            .windows(tokens[0].len())
            .any(|w| w == tokens[0].as_bytes())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_server_certificate_is_refused_and_the_cache_fetches_alone() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_tls_or_skip("an_untrusted_server_certificate_is_refused")
    else {
        return;
    };
    let (server, issued) = token_endpoint(3600, Duration::ZERO).await;
    // The webpki roots do not know the run's CA: the handshake fails.
    let untrusting = neo_auth_core::RedisShared::builder(SecretString::from(redis.url()))
        .seal_key(seal_key())
        .command_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let source = source(&server);
    let store = store_of(&untrusting, &source);
    let error = store.load().await.unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(text.contains("rediss://:***@127.0.0.1"), "{text}");
    assert_no_secrets("the TLS error", &text, &secrets());
    assert!(untrusting.is_down());

    let store: Arc<dyn TokenStore> = Arc::new(store);
    let cache = TokenCache::with_store(source, config(), Arc::new(SystemClock), store);
    let token = cache.get().await.expect("fetched alone");
    assert!(!token.is_shared());
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

#[test]
fn certificates_need_a_rediss_url() {
    let error = neo_auth_core::RedisShared::builder(SecretString::from(format!(
        "redis://:{PASSWORD}@127.0.0.1:6379"
    )))
    .plaintext()
    .tls_root_certificate(b"-----BEGIN CERTIFICATE-----".to_vec())
    .build()
    .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("not rediss://"), "{text}");
    assert!(!text.contains(PASSWORD), "{text}");
    let garbage = neo_auth_core::RedisShared::builder(SecretString::from(format!(
        "rediss://:{PASSWORD}@127.0.0.1:6379"
    )))
    .plaintext()
    .tls_root_certificate(b"not a certificate".to_vec())
    .build()
    .unwrap_err()
    .to_string();
    assert!(garbage.contains("holds no PEM certificate"), "{garbage}");
    assert!(!garbage.contains(PASSWORD), "{garbage}");
}
