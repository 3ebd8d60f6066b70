//! A `redis-server` of the test's own on 127.0.0.1 and a free port, a token
//! endpoint that counts, and replicas built the way a service builds them.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use neo_auth_core::{
    ClientCredentialsSource, RedisShared, SealKey, SystemClock, TokenCache, TokenCacheConfig,
    TokenStore,
};
use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const PASSWORD: &str = "neo-redis-pw-5f1e2d";
pub const CLIENT_SECRET: &str = "cs-redis-shh-0a9b8c";
/// Every token the fake issues starts with this.
pub const TOKEN_PREFIX: &str = "at-shared-secret-";

/// A running `redis-server`, stopped (and its directory removed) on drop.
pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    dir: PathBuf,
}

impl RedisServer {
    /// Starts one, or `None` (with a printed notice) when the binary is
    /// absent; in CI (`CI` or `NEO_REQUIRE_REDIS=1`) absence fails the test.
    pub fn start_or_skip(test: &str) -> Option<RedisServer> {
        let present = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !present {
            let required = std::env::var("NEO_REQUIRE_REDIS").is_ok_and(|v| v == "1")
                || std::env::var_os("CI").is_some();
            assert!(
                !required,
                "{test}: redis-server is not installed, and CI / NEO_REQUIRE_REDIS=1 requires these tests to run (apt-get install -y redis-server)"
            );
            eprintln!(
                "SKIPPED {test}: redis-server is not installed (apt-get install -y redis-server to run it)"
            );
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir =
            std::env::temp_dir().join(format!("neo-redis-test-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir for redis-server");
        let mut server = RedisServer {
            child: None,
            port,
            dir,
        };
        server.spawn();
        Some(server)
    }

    fn spawn(&mut self) {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .args(["--requirepass", PASSWORD])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "redis-server did not listen on port {} within 10 s",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the server (an outage).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port (empty: nothing is persisted).
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// The URL, password included.
    pub fn url(&self) -> String {
        format!("redis://:{PASSWORD}@127.0.0.1:{}/0", self.port)
    }

    /// A connection of the test's own (to look at or tamper with keys).
    pub async fn raw(&self) -> redis::aio::MultiplexedConnection {
        redis::Client::open(self.url())
            .expect("a redis client")
            .get_multiplexed_async_connection()
            .await
            .expect("a raw connection")
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The seal key every replica shares in these tests.
pub fn seal_key() -> SealKey {
    SealKey::from_bytes([42; 32])
}

/// A replica's connection to the shared Redis (its own connection, as a
/// separate process would have).
pub fn shared(redis: &RedisServer, wait: Duration, lock_ttl: Duration) -> RedisShared {
    RedisShared::builder(SecretString::from(redis.url()))
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
    let source = source(server);
    let store: Arc<dyn TokenStore> = Arc::new(store_of(&shared(redis, wait, lock_ttl), &source));
    TokenCache::with_store(source, config, Arc::new(SystemClock), store)
}

/// The cache settings of these tests: no jitter.
pub fn config() -> TokenCacheConfig {
    TokenCacheConfig::default().with_refresh_buffer(Duration::from_secs(1), Duration::ZERO)
}

/// Everything that must never be printed.
pub fn secrets() -> [&'static str; 3] {
    [PASSWORD, CLIENT_SECRET, TOKEN_PREFIX]
}
