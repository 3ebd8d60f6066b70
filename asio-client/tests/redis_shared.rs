//! Asio clients (replicas: separate caches and Redis connections) share one
//! token and one rate budget through a real `redis-server`: one builder line.
//! Asio locks a key that asks for too many tokens (423), so this matters most here.
#![cfg(all(feature = "redis", feature = "fake"))]

use asio_client::fake::{CLIENT_SECRET, FakeServer};
use futures_util::future::join_all;
use neo_auth_core::testkit::{RedisServer, SecretCheck};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_share_one_token_and_one_budget() {
    let _check = SecretCheck::new([RedisServer::PASSWORD, CLIENT_SECRET]);
    let Some(redis) = RedisServer::start_or_skip("asio replicas_share_one_token") else {
        return;
    };
    let server = FakeServer::start().await;
    let clients: Vec<_> = (0..4)
        .map(|_| {
            server
                .client_builder()
                .redis(redis.replica())
                .build()
                .unwrap()
        })
        .collect();
    let calls = clients
        .iter()
        .flat_map(|client| (0..20).map(move |_| client.rate_limits()));
    let answers = join_all(calls).await;
    assert!(answers.iter().all(Result::is_ok), "every call succeeds");
    assert_eq!(
        server.token_requests(),
        1,
        "one token for 4 clients × 20 callers"
    );
    assert_eq!(
        redis.budget_counts().await,
        vec![80],
        "one budget for the tenant, counting every call"
    );
}
