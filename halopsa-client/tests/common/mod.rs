//! Shared set-up for tests with plain wiremock mocks.
#![allow(dead_code)]

use std::time::Duration;

use halopsa_client::{Client, ClientBuilder, HaloCredentials};
use neo_auth_core::{Backoff, RetryConfig};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const CLIENT_ID: &str = "test-client-id";
pub const SECRET: &str = "test-client-secret-do-not-print";
pub const TOKEN: &str = "test-access-token-do-not-print";

/// A fast retry config for tests.
pub fn fast_retry() -> RetryConfig {
    RetryConfig::standard()
        .with_backoff(Backoff::new(
            Duration::from_millis(5),
            Duration::from_millis(20),
        ))
        .with_rate_limited_backoff(Backoff::new(
            Duration::from_millis(5),
            Duration::from_millis(20),
        ))
}

/// Mounts `/api/authinfo` and the token endpoint (granting `scope`).
pub async fn mount_auth(server: &MockServer, scope: &str) {
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": format!("{}/auth", server.uri()),
            "tenant_id": "acme"
        })))
        .named("authinfo")
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer",
            "access_token": TOKEN,
            "expires_in": 3600,
            "scope": scope
        })))
        .named("token")
        .mount(server)
        .await;
}

pub fn credentials(server: &MockServer) -> HaloCredentials {
    HaloCredentials::new(server.uri(), CLIENT_ID, SecretString::from(SECRET))
}

pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .credentials(credentials(server))
        .retry(fast_retry())
        .rate_limit(None)
}

/// A server with auth mounted (scope `all`) and a client for it.
pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    mount_auth(&server, "all").await;
    let client = builder(&server).build().expect("valid client");
    (server, client)
}

/// The requests the server received under `/api/` except authinfo.
pub async fn api_requests(server: &MockServer) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            let p = r.url.path().to_ascii_lowercase();
            p.starts_with("/api/") && p != "/api/authinfo"
        })
        .collect()
}

pub fn query(request: &wiremock::Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// A client builder for the fake: its credentials (scope `all`), fast retries,
/// no client-side rate budget.
#[cfg(feature = "fake")]
pub fn fake_builder(server: &halopsa_client::fake::FakeServer) -> ClientBuilder {
    Client::builder()
        .credentials(server.credentials())
        .retry(fast_retry())
        .rate_limit(None)
}

/// A client for the fake asking for Halo's default scope, `all`.
#[cfg(feature = "fake")]
pub fn fake_client(server: &halopsa_client::fake::FakeServer) -> Client {
    fake_builder(server).build().expect("valid client")
}

/// A client for the fake asking for `scopes` only.
#[cfg(feature = "fake")]
pub fn fake_client_with_scopes(
    server: &halopsa_client::fake::FakeServer,
    scopes: &[&str],
) -> Client {
    fake_builder(server)
        .credentials(server.credentials().with_scopes(scopes.iter().copied()))
        .build()
        .expect("valid client")
}
