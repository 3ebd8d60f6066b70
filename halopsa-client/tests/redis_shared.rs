//! Eight HaloPSA clients (replicas: separate caches and Redis connections)
//! share one token and one rate budget through a real `redis-server`, set
//! up with one builder line each.
#![cfg(all(feature = "redis", feature = "fake"))]

use futures_util::future::join_all;
use halopsa_client::Client;
use halopsa_client::fake::FakeServer;
use neo_auth_core::testkit::{RedisServer, SecretCheck};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_clients_one_token_request_one_budget() {
    let Some(redis) = RedisServer::start_or_skip("halopsa eight_clients_one_token_request") else {
        return;
    };
    let server = FakeServer::start().await;
    let _check = SecretCheck::new([
        RedisServer::PASSWORD.to_owned(),
        server.config().client_secret.clone(),
    ]);
    let clients: Vec<Client> = (0..8)
        .map(|_| {
            Client::builder()
                .credentials(server.credentials())
                .redis(redis.replica())
                .build()
                .unwrap()
        })
        .collect();
    // 30 concurrent calls on each cold client: 240, within Halo's 300 per
    // rolling 5 minutes, the budget they now share.
    let calls = clients
        .iter()
        .flat_map(|client| (0..30).map(move |_| client.whoami()));
    let agents = join_all(calls).await;
    assert!(agents.iter().all(Result::is_ok), "every call succeeds");
    assert_eq!(
        server.token_requests(),
        1,
        "one token request for 8 clients × 30 callers"
    );
    assert_eq!(clients.iter().map(Client::token_fetches).sum::<u64>(), 1);
    assert_eq!(
        redis.budget_counts().await,
        vec![server.api_requests()],
        "one budget for the tenant, counting every request of every client"
    );
}
