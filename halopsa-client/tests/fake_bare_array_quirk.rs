//! The fake's bare-array quirk ([`FakeConfig::with_bare_array_list`]) over plain
//! HTTP: the chosen list ignores `pageinate` / `page_size` / `page_no` and answers
//! with the agent's default 50 rows as a bare array; other lists are unaffected.

use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use serde_json::Value;

fn http() -> reqwest::Client {
    neo_auth_core::http_client_builder()
        .build()
        .expect("reqwest client")
}

/// A token with the fake's credentials (Halo's default scope `all`).
async fn login(http: &reqwest::Client, server: &FakeServer) -> String {
    let config = server.config();
    let response = http
        .post(format!("{}/auth/token?tenant=fake", server.base_url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", config.client_id.as_str()),
            ("client_secret", config.client_secret.as_str()),
        ])
        .send()
        .await
        .expect("token request");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn get(http: &reqwest::Client, server: &FakeServer, token: &str, path: &str) -> Value {
    let response = http
        .get(format!("{}/api/{path}", server.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .expect("api request");
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

fn ids(rows: &Value) -> Vec<i64> {
    rows.as_array()
        .unwrap_or_else(|| panic!("a bare array: {rows}"))
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_bare_array_list_ignores_paging_and_returns_the_default_fifty() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small().with_tickets(120).with_assets(70))
            .with_bare_array_list("tickets"),
    )
    .await;
    let http = http();
    let token = login(&http, &server).await;
    let first_fifty: Vec<i64> = (1..=50).collect();
    for query in [
        "pageinate=true&page_size=100&page_no=1",
        "pageinate=true&page_size=100&page_no=2",
        "pageinate=true&page_size=10&page_no=3",
        "",
    ] {
        let rows = get(&http, &server, &token, &format!("Tickets?{query}")).await;
        assert_eq!(ids(&rows), first_fifty, "`{query}`");
    }
    // Filters and ordering still apply before the cut.
    let rows = get(
        &http,
        &server,
        &token,
        "tickets?pageinate=true&page_no=2&order=id&orderdesc=true",
    )
    .await;
    assert_eq!(ids(&rows), (71..=120).rev().collect::<Vec<_>>());
    let rows = get(&http, &server, &token, "Tickets?client_id=1").await;
    let client_ids: Vec<i64> = ids(&rows)
        .iter()
        .map(|id| {
            server.record("Tickets", *id).unwrap()["client_id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert!(!client_ids.is_empty() && client_ids.iter().all(|c| *c == 1));
    // A single record is read as usual.
    let one = get(&http, &server, &token, "Tickets/77").await;
    assert_eq!(one["id"], 77);

    // Other paginated lists keep Halo's normal paging.
    let page = get(
        &http,
        &server,
        &token,
        "Asset?pageinate=true&page_size=50&page_no=2",
    )
    .await;
    assert_eq!(page["record_count"], 70);
    assert_eq!(page["assets"].as_array().unwrap().len(), 20);
}

#[test]
fn the_option_is_documented_in_debug_and_matched_case_insensitively() {
    let config = FakeConfig::default()
        .with_bare_array_list("Tickets")
        .with_bare_array_list("/Asset");
    assert!(config.is_bare_array_list("TICKETS"));
    assert!(config.is_bare_array_list("asset"));
    assert!(!config.is_bare_array_list("Users"));
    assert!(!FakeConfig::default().is_bare_array_list("Tickets"));
    let shown = format!("{config:?}");
    assert!(shown.contains("bare_array_lists"), "{shown}");
}
