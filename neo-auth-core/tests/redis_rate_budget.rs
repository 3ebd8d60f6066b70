//! One rate budget per tenant across replicas, through a real `redis-server`.
#![cfg(feature = "redis")]

mod redis_common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use neo_auth_core::testkit::{SecretCheck, global_capture};
use neo_auth_core::{
    ApiRequest, BasicCredential, CommonConfig, GenericErrors, RateLimit, Transport,
};
use redis::AsyncCommands;
use redis_common::*;
use secrecy::SecretString;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers 200 and notes when each request arrived.
struct Arrivals(Arc<Mutex<Vec<Instant>>>);

impl Respond for Arrivals {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.0.lock().unwrap().push(Instant::now());
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true}))
    }
}

async fn api() -> (MockServer, Arc<Mutex<Vec<Instant>>>) {
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .respond_with(Arrivals(arrivals.clone()))
        .mount(&server)
        .await;
    (server, arrivals)
}

/// A replica's transport: its own Redis connection, the tenant's shared budget.
fn transport(redis: &RedisServer, server: &MockServer, limit: RateLimit) -> Transport {
    CommonConfig::new()
        .with_rate_limit(limit)
        .with_redis(shared(
            redis,
            Duration::from_secs(5),
            Duration::from_secs(5),
        ))
        .build_transport(
            server.uri(),
            Arc::new(BasicCredential::new("neo-user", SecretString::from(CLIENT_SECRET)).unwrap()),
            Arc::new(GenericErrors),
        )
        .unwrap()
}

async fn call_all(transports: &[Transport], calls: usize) -> usize {
    let all = transports.iter().flat_map(|t| {
        (0..calls).map(move |i| async move { t.send(ApiRequest::get(format!("/ping/{i}"))).await })
    });
    let results = join_all(all).await;
    for result in &results {
        assert!(result.is_ok(), "every call completes: {result:?}");
    }
    results.len()
}

/// The most arrivals in any span of `span`.
fn busiest(arrivals: &[Instant], span: Duration) -> usize {
    let mut sorted = arrivals.to_vec();
    sorted.sort();
    (0..sorted.len())
        .map(|i| {
            sorted[i..]
                .iter()
                .take_while(|t| **t - sorted[i] < span)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_replicas_never_exceed_the_shared_budget() {
    let _check = SecretCheck::new(secrets());
    let Some(redis) = RedisServer::start_or_skip("eight_replicas_never_exceed_the_shared_budget")
    else {
        return;
    };
    let (server, arrivals) = api().await;
    let window = Duration::from_secs(2);
    let limit = RateLimit::new(50, window);
    let transports: Vec<_> = (0..8).map(|_| transport(&redis, &server, limit)).collect();
    assert!(format!("{:?}", transports[0]).contains("RedisBudget"));

    let started = Instant::now();
    assert_eq!(call_all(&transports, 15).await, 120, "every call completes");
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 120);
    // Admission is on Redis's clock; a span a little shorter than the window
    // absorbs the request latency between admission and arrival.
    let most = busiest(&arrivals, window - Duration::from_millis(200));
    assert!(most <= 50, "{most} requests in one window (limit 50)");
    // 120 requests at 50 per 2 s need at least two more windows.
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_down_falls_back_to_the_local_budget_and_rejoins() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("redis_down_falls_back_to_the_local_budget")
    else {
        return;
    };
    let this_server = format!("127.0.0.1:{}/", redis.port);
    let (server, arrivals) = api().await;
    let limit = RateLimit::new(1000, Duration::from_secs(1));
    let transports: Vec<_> = (0..2).map(|_| transport(&redis, &server, limit)).collect();
    assert_eq!(call_all(&transports, 5).await, 10);
    let mut raw = redis.raw().await;
    let keys: Vec<String> = raw.keys("neo:budget:*").await.unwrap();
    assert_eq!(keys.len(), 1, "one budget for the tenant: {keys:?}");
    let counted: usize = raw.zcard(&keys[0]).await.unwrap();
    assert_eq!(counted, 10);
    drop(raw);

    redis.kill();
    assert_eq!(
        call_all(&transports, 5).await,
        10,
        "no lost call while Redis is down"
    );
    assert_eq!(
        global_capture()
            .lines_with(&["Redis is unavailable", &this_server])
            .len(),
        2,
        "one warning per replica and outage"
    );

    redis.restart();
    let started = Instant::now();
    let mut before = 0;
    loop {
        assert_eq!(call_all(&transports, 1).await, 2);
        let mut raw = redis.raw().await;
        let counted: usize = raw.zcard(&keys[0]).await.unwrap();
        if counted - before == 2 {
            break; // both replicas counted in Redis again
        }
        before = counted;
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never shared again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(arrivals.lock().unwrap().len() >= 22);
}
