//! A `redis-server` of the test's own on 127.0.0.1 and a free port, a token
//! endpoint that counts, and replicas built the way a service builds them.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use neo_auth_core::testkit::RedisServer;
use neo_auth_core::{
    ClientCredentialsSource, Clock, RedisShared, SealKey, SystemClock, TokenCache,
    TokenCacheConfig, TokenStore,
};
use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const PASSWORD: &str = RedisServer::PASSWORD;
pub const CLIENT_SECRET: &str = "cs-redis-shh-0a9b8c";
/// Every token the fake issues starts with this.
pub const TOKEN_PREFIX: &str = "at-shared-secret-";

/// The seal key every replica shares in these tests.
pub fn seal_key() -> SealKey {
    SealKey::from_bytes([42; 32])
}

/// A replica's connection to the shared Redis (its own connection, as a
/// separate process would have).
pub fn shared(redis: &RedisServer, wait: Duration, lock_ttl: Duration) -> RedisShared {
    redis
        .shared()
        .seal_key(seal_key())
        .wait(wait)
        .lock_ttl(lock_ttl)
        .build()
        .expect("a RedisShared")
}

/// Issues `at-shared-secret-<n>` tokens living `expires_in` seconds, counting them.
pub struct Issuer {
    pub issued: Arc<AtomicUsize>,
    expires_in: u64,
    delay: Duration,
}

impl Respond for Issuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_delay(self.delay)
            .set_body_json(serde_json::json!({
                "access_token": format!("{TOKEN_PREFIX}{n:06}"),
                "token_type": "Bearer",
                "expires_in": self.expires_in,
            }))
    }
}

/// A fake token endpoint at `/token`; the counter of tokens issued.
pub async fn token_endpoint(expires_in: u64, delay: Duration) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(Issuer {
            issued: issued.clone(),
            expires_in,
            delay,
        })
        .mount(&server)
        .await;
    (server, issued)
}

/// The token source every replica has (same URL and client id).
pub fn source(server: &MockServer) -> Arc<ClientCredentialsSource> {
    Arc::new(
        ClientCredentialsSource::new(
            &format!("{}/token", server.uri()),
            "neo-replica-client",
            SecretString::from(CLIENT_SECRET),
        )
        .expect("a token source")
        .with_scopes(["all"]),
    )
}

/// The store of `source`'s credential in `shared`.
pub fn store_of(
    shared: &RedisShared,
    source: &ClientCredentialsSource,
) -> neo_auth_core::RedisTokenStore {
    use neo_auth_core::TokenSource as _;
    shared.token_store(&source.shared_key().expect("a shared key"))
}

/// One replica: its own cache and Redis connection, the shared token source.
pub fn replica(
    redis: &RedisServer,
    server: &MockServer,
    config: TokenCacheConfig,
    wait: Duration,
    lock_ttl: Duration,
) -> TokenCache {
    replica_on(redis, server, config, wait, lock_ttl, Arc::new(SystemClock))
}

/// [`replica`] on `clock`.
pub fn replica_on(
    redis: &RedisServer,
    server: &MockServer,
    config: TokenCacheConfig,
    wait: Duration,
    lock_ttl: Duration,
    clock: Arc<dyn Clock>,
) -> TokenCache {
    let source = source(server);
    let store: Arc<dyn TokenStore> = Arc::new(store_of(&shared(redis, wait, lock_ttl), &source));
    TokenCache::with_store(source, config, clock, store)
}

/// The cache settings of these tests: no jitter.
pub fn config() -> TokenCacheConfig {
    TokenCacheConfig::default().with_refresh_buffer(Duration::from_secs(1), Duration::ZERO)
}

/// Everything that must never be printed.
pub fn secrets() -> [&'static str; 3] {
    [PASSWORD, CLIENT_SECRET, TOKEN_PREFIX]
}
