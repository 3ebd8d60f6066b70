//! One rate budget per tenant across replicas, through a real `redis-server`.
#![cfg(feature = "redis")]

mod redis_common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use neo_auth_core::testkit::{SecretCheck, global_capture};
use neo_auth_core::{
    ApiRequest, BasicCredential, BoxFuture, CommonConfig, GenericErrors, RateBudget, RateLimit,
    RedisBudget, SharedBudget, Transport,
};
use redis::AsyncCommands;
use redis_common::*;
use secrecy::SecretString;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const HOUR: Duration = Duration::from_secs(3600);

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

/// The Redis budget, noting for every slot it granted when the call that got
/// it started and when it returned: the slot was taken (on Redis's clock) in
/// between.
#[derive(Debug)]
struct Recorded {
    inner: RedisBudget,
    granted: Arc<Mutex<Vec<(Instant, Instant)>>>,
}

impl SharedBudget for Recorded {
    fn try_take(&self) -> BoxFuture<'_, neo_auth_core::Result<Result<(), Duration>>> {
        Box::pin(async move {
            let before = Instant::now();
            let outcome = self.inner.try_take().await;
            if let Ok(Ok(())) = outcome {
                self.granted.lock().unwrap().push((before, Instant::now()));
            }
            outcome
        })
    }
}

/// A replica's transport whose shared budget is recorded.
fn recorded_transport(
    redis: &RedisServer,
    server: &MockServer,
    limit: RateLimit,
    granted: &Arc<Mutex<Vec<(Instant, Instant)>>>,
) -> Transport {
    let shared = shared(redis, Duration::from_secs(5), Duration::from_secs(5));
    let budget = RateBudget::new(limit.requests, limit.per).shared(Arc::new(Recorded {
        inner: shared.shared_budget(&server.uri(), limit),
        granted: granted.clone(),
    }));
    CommonConfig::new()
        .transport_builder(server.uri())
        .rate_budget(Some(Arc::new(budget)))
        .credential(Arc::new(
            BasicCredential::new("neo-user", SecretString::from(CLIENT_SECRET)).unwrap(),
        ))
        .vendor_errors(Arc::new(GenericErrors))
        .build()
        .unwrap()
}

/// The most slots certainly taken within one span of `window`: those whose
/// whole call (start to return) lies inside it. Every slot is taken inside
/// its call, so a budget that holds never shows more than its limit here,
/// however slow the machine; one that does not hold (replicas counting
/// apart) shows them all.
fn most_in_one_window(granted: &[(Instant, Instant)], window: Duration) -> usize {
    granted
        .iter()
        .map(|(from, _)| {
            granted
                .iter()
                .filter(|(start, end)| start >= from && *end < *from + window)
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
    // As a user builds them: the config's own shared budget.
    let plain = transport(&redis, &server, limit);
    assert!(format!("{plain:?}").contains("RedisBudget"));
    drop(plain);

    let granted = Arc::new(Mutex::new(Vec::new()));
    let transports: Vec<_> = (0..8)
        .map(|_| recorded_transport(&redis, &server, limit, &granted))
        .collect();
    assert_eq!(call_all(&transports, 15).await, 120, "every call completes");
    assert_eq!(arrivals.lock().unwrap().len(), 120, "the fake saw them all");
    let granted = granted.lock().unwrap().clone();
    assert_eq!(granted.len(), 120, "one slot per request");
    let most = most_in_one_window(&granted, window);
    assert!(most <= 50, "{most} requests in one window (limit 50)");
    // The same check on replicas that count apart (local budgets of 50 an
    // hour):
    // all 120 go at once, so the check has teeth.
    let apart: Vec<(Instant, Instant)> = {
        let local: Vec<_> = (0..8).map(|_| RateBudget::new(50, HOUR)).collect();
        let mut taken = Vec::new();
        for budget in &local {
            for _ in 0..15 {
                let before = Instant::now();
                budget.acquire().await;
                taken.push((before, Instant::now()));
            }
        }
        taken
    };
    assert!(most_in_one_window(&apart, HOUR) > 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redis_down_falls_back_to_the_local_budget_and_rejoins() {
    let _check = SecretCheck::new(secrets());
    let Some(mut redis) = RedisServer::start_or_skip("redis_down_falls_back_to_the_local_budget")
    else {
        return;
    };
    let this_server = format!("127.0.0.1:{}/", redis.port());
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
            started.elapsed() < Duration::from_secs(60),
            "never shared again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(arrivals.lock().unwrap().len() >= 22);
}
