//! ConnectWise Manage clients (replicas) share one rate budget per site
//! through a real `redis-server`: one builder line. Manage authenticates with
//! API keys (Basic), so the budget (1000 a minute) is what is shared.
#![cfg(all(feature = "redis", feature = "fake"))]

use cwmanage_client::fake::{FakeServer, PRIVATE_KEY};
use futures_util::future::join_all;
use neo_auth_core::testkit::{RedisServer, SecretCheck};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicas_share_one_budget() {
    let _check = SecretCheck::new([RedisServer::PASSWORD, PRIVATE_KEY]);
    let Some(redis) = RedisServer::start_or_skip("cwmanage replicas_share_one_budget") else {
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
    let calls = clients
        .iter()
        .flat_map(|client| (0..10).map(move |_| async move { client.system().info().await }));
    let answers = join_all(calls).await;
    assert!(
        answers.iter().all(Result::is_ok),
        "every call succeeds: {answers:?}"
    );
    assert_eq!(
        server.requests_to("GET", &server.api_path("system/info")),
        30
    );
    assert_eq!(
        redis.budget_counts().await,
        vec![server.api_requests()],
        "one budget for the site, counting every request of every client"
    );
}
