//! The cost of a token lookup with the Redis token store against the
//! in-process one: the hot path (a fresh local copy), a miss that takes the
//! token another replica published, and a cold miss that fetches and
//! publishes. Starts its own `redis-server` (127.0.0.1) and a fake token
//! endpoint; prints one JSON line per figure. Figures: `BENCHMARKS.md`,
//! "Scale-out (Redis)".
//!
//! ```text
//! cargo run --release -p neo-auth-core --features redis,testkit --example redis_token_bench
//! HITS=1000000 MISSES=2000 cargo run --release … (the defaults)
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use neo_auth_core::testkit::RedisServer;
use neo_auth_core::{
    ClientCredentialsSource, RedisShared, SealKey, SystemClock, TokenCache, TokenCacheConfig,
    TokenSource, TokenStore,
};
use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Counts the commands Redis processes (`INFO stats`, Lua's own calls
/// included), on one connection of its own.
struct Commands {
    connection: redis::aio::MultiplexedConnection,
    /// What one reading itself adds.
    overhead: u64,
}

impl Commands {
    async fn new(redis: &RedisServer) -> Commands {
        let mut commands = Commands {
            connection: redis.raw().await,
            overhead: 0,
        };
        let first = commands.total().await;
        commands.overhead = commands.total().await - first;
        commands
    }

    async fn total(&mut self) -> u64 {
        let info: String = redis::cmd("INFO")
            .arg("stats")
            .query_async(&mut self.connection)
            .await
            .expect("INFO stats");
        info.lines()
            .find_map(|line| line.strip_prefix("total_commands_processed:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("total_commands_processed in INFO stats")
    }

    /// The commands `since` (a reading) and now, readings excluded.
    async fn since(&mut self, since: u64) -> u64 {
        (self.total().await - since).saturating_sub(self.overhead)
    }
}

/// Prints a figure: per-operation mean, for misses the median and p99, and
/// the Redis commands per lookup.
fn report(
    figure: &str,
    mut samples: Vec<Duration>,
    total: Duration,
    ops: usize,
    redis_commands: u64,
) {
    let mean_ns = total.as_nanos() as f64 / ops as f64;
    let (p50, p99) = if samples.is_empty() {
        (None, None)
    } else {
        samples.sort_unstable();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize].as_nanos();
        (Some(at(0.5)), Some(at(0.99)))
    };
    println!(
        "{}",
        serde_json::json!({
            "figure": figure,
            "ops": ops,
            "mean_ns": mean_ns.round(),
            "p50_ns": p50,
            "p99_ns": p99,
            "redis_commands_per_op": redis_commands as f64 / ops as f64,
        })
    );
}

async fn hits(cache: &TokenCache, n: usize) -> Duration {
    cache.get().await.expect("a token");
    let started = Instant::now();
    for _ in 0..n {
        let token = cache.get().await.expect("a token");
        std::hint::black_box(token);
    }
    started.elapsed()
}

/// `n` lookups, each by a new cache (a local miss), timed one by one.
async fn misses(n: usize, mut cache: impl FnMut(usize) -> TokenCache) -> (Vec<Duration>, Duration) {
    let mut samples = Vec::with_capacity(n);
    let mut total = Duration::ZERO;
    for i in 0..n {
        let cache = cache(i);
        let started = Instant::now();
        let token = cache.get().await.expect("a token");
        let took = started.elapsed();
        std::hint::black_box(token);
        samples.push(took);
        total += took;
    }
    (samples, total)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(redis) = RedisServer::start_or_skip("redis_token_bench") else {
        return;
    };
    let (hit_n, miss_n) = (count("HITS", 1_000_000), count("MISSES", 2_000));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "bench-token-0123456789abcdef0123456789abcdef",
            "token_type": "Bearer",
            "expires_in": 3600,
        })))
        .mount(&server)
        .await;
    let source = Arc::new(
        ClientCredentialsSource::new(
            &format!("{}/token", server.uri()),
            "bench-client",
            SecretString::from("bench-secret"),
        )
        .expect("a token source"),
    );
    let shared: RedisShared = redis
        .shared()
        .seal_key(SealKey::from_bytes([1; 32]))
        .build()
        .expect("a RedisShared");
    let config = TokenCacheConfig::default();
    let key = source.shared_key().expect("a shared key");
    let with_store = |store: Arc<dyn TokenStore>| {
        TokenCache::with_store(source.clone(), config.clone(), Arc::new(SystemClock), store)
    };

    let mut counter = Commands::new(&redis).await;
    let local = TokenCache::new(source.clone(), config.clone());
    let before = counter.total().await;
    let took = hits(&local, hit_n).await;
    let used = counter.since(before).await;
    report("hit, in-process store", Vec::new(), took, hit_n, used);
    let through_redis = with_store(Arc::new(shared.token_store(&key)));
    through_redis.get().await.expect("the token, published");
    let before = counter.total().await;
    let took = hits(&through_redis, hit_n).await;
    let used = counter.since(before).await;
    report(
        "hit, Redis store (local copy)",
        Vec::new(),
        took,
        hit_n,
        used,
    );

    // The token `through_redis` published: every new cache takes it from Redis.
    let before = counter.total().await;
    let (samples, total) = misses(miss_n, |_| with_store(Arc::new(shared.token_store(&key)))).await;
    let used = counter.since(before).await;
    report(
        "miss, Redis store, published token taken (unsealed)",
        samples,
        total,
        miss_n,
        used,
    );
    let before = counter.total().await;
    let (samples, total) =
        misses(miss_n, |_| TokenCache::new(source.clone(), config.clone())).await;
    let used = counter.since(before).await;
    report(
        "miss, in-process store, token fetched (HTTP)",
        samples,
        total,
        miss_n,
        used,
    );
    // A credential key of its own each time: nothing published, the lock is free.
    let before = counter.total().await;
    let (samples, total) = misses(miss_n, |i| {
        with_store(Arc::new(shared.token_store(&format!("{key}\ncold-{i}"))))
    })
    .await;
    let used = counter.since(before).await;
    report(
        "miss, Redis store, cold: fetched (HTTP), sealed and published",
        samples,
        total,
        miss_n,
        used,
    );
}
