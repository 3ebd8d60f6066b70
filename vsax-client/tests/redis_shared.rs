//! VSA X clients (replicas) share one rate budget per tenant through a real
//! `redis-server`: one builder line. VSA X authenticates with Basic, so
//! there is no token to share; the budget (3600 an hour) is what is shared.
#![cfg(all(feature = "redis", feature = "fake"))]

use futures_util::future::join_all;
use neo_auth_core::testkit::{RedisServer, SecretCheck};
use vsax_client::fake::{FakeServer, TOKEN_SECRET};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_share_one_budget() {
    let _check = SecretCheck::new([RedisServer::PASSWORD, TOKEN_SECRET]);
    let Some(redis) = RedisServer::start_or_skip("vsax replicas_share_one_budget") else {
        return;
    };
    let server = FakeServer::start().await;
    let clients: Vec<_> = (0..3)
        .map(|_| {
            server
                .client_builder()
                .redis(redis.replica())
                .build()
                .unwrap()
        })
        .collect();
    let calls = clients.iter().flat_map(|client| {
        (0..10).map(move |_| client.get_json::<serde_json::Value>("/environment", &[], None))
    });
    let answers = join_all(calls).await;
    assert!(
        answers.iter().all(Result::is_ok),
        "every call succeeds: {answers:?}"
    );
    assert_eq!(
        redis.budget_counts().await,
        vec![30],
        "one budget for the tenant, counting every call of every client"
    );
}
