//! Authentication: discovery, fallback, tenant, form body, errors.

mod common;

use std::time::Duration;

use common::*;
use halopsa_client::{Client, HaloCredentials};
use neo_auth_core::{Backoff, Error, TokenCacheConfig};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn discovers_the_auth_server_and_sends_a_form_body_with_the_tenant() {
    let server = MockServer::start().await;
    let auth = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": format!("{}/identity", auth.uri()), "tenant_id": "acme"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/token"))
        .and(query_param("tenant", "acme"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains(format!("client_id={CLIENT_ID}")))
        .and(body_string_contains(format!("client_secret={SECRET}")))
        .and(body_string_contains("scope=all"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600, "scope": "all"
        })))
        .expect(1)
        .named("discovered token endpoint")
        .mount(&auth)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 7, "name": "API Agent"})),
        )
        .expect(2)
        .mount(&server)
        .await;

    let client = builder(&server).build().unwrap();
    let me = client.whoami().await.unwrap();
    assert_eq!(me.id, Some(7));
    client.whoami().await.unwrap();
    let endpoint = client.token_endpoint().unwrap();
    assert_eq!(endpoint.how, "discovered");
    assert!(
        endpoint.token_url.ends_with("/identity/token?tenant=acme"),
        "{}",
        endpoint.token_url
    );
}

#[tokio::test]
async fn falls_back_to_base_auth_token_when_authinfo_fails() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .and(query_param("tenant", "mytenant"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let client = builder(&server)
        .credentials(credentials(&server).with_tenant("mytenant"))
        .build()
        .unwrap();
    assert_eq!(
        client.token_fetches(),
        0,
        "nothing fetched before the first call"
    );
    client.whoami().await.unwrap();
    client.whoami().await.unwrap();
    assert_eq!(client.token_fetches(), 1, "one token for both calls");
    assert_eq!(client.token_endpoint().unwrap().how, "fallback");
    // No scope in the token response: the requested ones stand.
    assert_eq!(client.granted_scopes(), vec!["all"]);
    let (granted, source) = client.grant().expect("a grant is known");
    assert_eq!(granted.names(), vec!["all"]);
    assert_eq!(source, neo_auth_core::GrantSource::Requested);
}

#[tokio::test]
async fn an_explicit_auth_url_skips_discovery() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/custom/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let client = builder(&server)
        .credentials(credentials(&server).with_auth_url(format!("{}/custom", server.uri())))
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    assert_eq!(client.token_endpoint().unwrap().how, "configured");
}

#[tokio::test]
async fn bad_credentials_are_an_auth_error_without_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client", "error_description": "client authentication failed"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_auth(), "{error:?}");
    let text = format!("{error} {error:?}");
    assert!(text.contains("invalid_client"), "{text}");
    assert!(!text.contains(SECRET));
}

/// The token cache retries a failed fetch quickly in these tests, and the
/// next call after a failed fetch fetches again (no failure hold).
fn fast_token_cache() -> TokenCacheConfig {
    TokenCacheConfig::default()
        .with_backoff(Backoff::new(
            Duration::from_millis(5),
            Duration::from_millis(20),
        ))
        .with_failure_backoff(Duration::ZERO, Duration::ZERO)
}

/// Mounts `/api/Agent/me` answering agent 7.
async fn mount_agent_me(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 7, "name": "API Agent"})),
        )
        .mount(server)
        .await;
}

/// Mounts an authinfo naming `{auth}/identity` and tenant `acme`, a token
/// endpoint there (which needs the tenant), and `{server}/auth/token`, which
/// must never be used.
async fn mount_discovered_auth(server: &MockServer, auth: &MockServer, token_requests: u64) {
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": format!("{}/identity", auth.uri()), "tenant_id": "acme"
        })))
        .named("authinfo (200)")
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/token"))
        .and(query_param("tenant", "acme"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600, "scope": "all"
        })))
        .expect(token_requests)
        .named("discovered token endpoint")
        .mount(auth)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .named("fallback token endpoint")
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_transient_authinfo_failure_is_retried_not_pinned_to_the_fallback() {
    let server = MockServer::start().await;
    let auth = MockServer::start().await;
    // The first discovery attempt meets a 503; the token cache retries the fetch,
    // which discovers again.
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(503).set_body_string("Service Unavailable"))
        .up_to_n_times(1)
        .expect(1)
        .named("authinfo (503 once)")
        .mount(&server)
        .await;
    mount_discovered_auth(&server, &auth, 1).await;
    mount_agent_me(&server).await;

    let client = builder(&server)
        .token_cache(fast_token_cache())
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    let endpoint = client.token_endpoint().unwrap();
    assert_eq!(endpoint.how, "discovered");
    assert!(
        endpoint.token_url.ends_with("/identity/token?tenant=acme"),
        "{}",
        endpoint.token_url
    );
    let authinfo = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/api/authinfo")
        .count();
    assert_eq!(authinfo, 2);
}

#[tokio::test]
async fn a_transient_authinfo_failure_fails_that_fetch_retryably_and_the_next_one_discovers() {
    let server = MockServer::start().await;
    let auth = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_string("Rate Limit Reached - 300 Requests per rolling 5 minute window"),
        )
        .up_to_n_times(1)
        .expect(1)
        .named("authinfo (429 once)")
        .mount(&server)
        .await;
    mount_discovered_auth(&server, &auth, 1).await;
    mount_agent_me(&server).await;

    // One attempt per token fetch, so the transient failure reaches the caller.
    let client = builder(&server)
        .token_cache(fast_token_cache().with_max_attempts(1))
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_auth(), "{error:?}");
    assert!(error.is_retryable(), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert!(error.to_string().contains("/api/authinfo"), "{error}");
    assert_eq!(client.token_endpoint(), None, "nothing was settled");

    client.whoami().await.unwrap();
    assert_eq!(client.token_endpoint().unwrap().how, "discovered");
}

#[tokio::test]
async fn an_authinfo_timeout_is_transient() {
    let server = MockServer::start().await;
    let auth = MockServer::start().await;
    // The first authinfo answer takes far longer than the token fetch may.
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(60)))
        .up_to_n_times(1)
        .named("authinfo (hangs once)")
        .mount(&server)
        .await;
    mount_discovered_auth(&server, &auth, 1).await;
    mount_agent_me(&server).await;

    let client = builder(&server)
        .token_cache(
            fast_token_cache()
                .with_fetch_timeout(Duration::from_secs(2))
                .with_max_attempts(1),
        )
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_auth() && error.is_retryable(), "{error:?}");
    assert_eq!(client.token_endpoint(), None);
    client.whoami().await.unwrap();
    assert_eq!(client.token_endpoint().unwrap().how, "discovered");
}

#[tokio::test]
async fn a_definitive_authinfo_answer_settles_the_fallback_for_good() {
    let server = MockServer::start().await;
    // A 200 that is not JSON is a definitive "no discovery here".
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>Halo</html>"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .and(query_param("tenant", "mytenant"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600
        })))
        .expect(2)
        .mount(&server)
        .await;
    // The API rejects the first token once: a second token fetch follows, and it
    // must not discover again.
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_agent_me(&server).await;
    let client = builder(&server)
        .credentials(credentials(&server).with_tenant("mytenant"))
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    assert_eq!(client.token_endpoint().unwrap().how, "fallback");
}

#[tokio::test]
async fn an_authinfo_naming_another_site_is_a_config_error_saying_to_set_the_auth_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": "https://login.other-site.example/auth", "tenant_id": "acme"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .named("no token request anywhere")
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder(&server)
        .token_cache(fast_token_cache().with_max_attempts(1))
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    let text = error.to_string();
    // A config error (behind `Shared` while the core hands the one shared fetch's
    // error to its single caller that way).
    let config = match &error {
        Error::Shared(inner) => matches!(**inner, Error::Config { .. }),
        other => matches!(other, Error::Config { .. }),
    };
    assert!(config, "{error:?}");
    assert!(text.contains("login.other-site.example"), "{text}");
    assert!(text.contains("HALOPSA_AUTH_URL"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    assert_eq!(client.token_endpoint(), None, "nothing was settled");
}

#[tokio::test]
async fn an_unusable_discovered_auth_url_falls_back_and_keeps_the_tenant() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": "http://evil.example.com/auth", "tenant_id": "acme"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .and(query_param("tenant", "acme"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer", "access_token": TOKEN, "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    mount_agent_me(&server).await;
    let client = builder(&server).build().unwrap();
    client.whoami().await.unwrap();
    let endpoint = client.token_endpoint().unwrap();
    assert_eq!(endpoint.how, "fallback");
    assert!(
        endpoint.token_url.ends_with("/auth/token?tenant=acme"),
        "{}",
        endpoint.token_url
    );
}

#[tokio::test]
async fn a_bare_invalid_scope_still_lists_the_requested_scopes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope"})))
        .mount(&server)
        .await;
    // Known names: the application is probably not allowed one of them.
    let client = builder(&server)
        .credentials(credentials(&server).with_scopes(["read:tickets", "edit:kb"]))
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_auth() && !error.is_retryable(), "{error:?}");
    let text = error.to_string();
    assert!(
        text.contains("invalid_scope")
            && text.contains("`read:tickets` `edit:kb`")
            && text.contains("Permissions tab"),
        "{text}"
    );

    // An unlisted name is singled out.
    let client = builder(&server)
        .credentials(
            credentials(&server)
                .with_scopes(["read:tickets", "all:teams"])
                .allow_unlisted_scopes(true),
        )
        .build()
        .unwrap();
    let text = client.whoami().await.unwrap_err().to_string();
    assert!(
        text.contains("`read:tickets` `all:teams`")
            && text.contains("not HaloPSA scope names: `all:teams` ("),
        "{text}"
    );
    assert!(!text.contains(SECRET));
}

#[test]
fn a_configured_auth_url_is_validated_in_build() {
    let creds = || HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("s"));
    for bad in [
        "not a url",
        "http://evil.example.com/auth",
        "ftp://acme.halopsa.com/auth",
        "https://user:hunter2@acme.halopsa.com/auth",
    ] {
        let error = Client::builder()
            .credentials(creds().with_auth_url(bad))
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{bad}: {error:?}");
        let text = error.to_string();
        assert!(text.contains("auth URL"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
    }
    // The parse failure is kept as the source, not flattened into the message.
    let error = Client::builder()
        .credentials(creds().with_auth_url("not a url"))
        .build()
        .unwrap_err();
    let mut chain = Vec::new();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    assert!(
        chain.iter().any(|c| c.contains("relative URL")),
        "the url parse error is in the chain: {chain:?}"
    );
    let error = Client::builder()
        .credentials(creds().with_auth_url("http://evil.example.com/auth"))
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("https"), "{error}");

    // https anywhere, and http to loopback (tests, the fake), are fine.
    for good in [
        "https://login.acme.example/auth",
        "https://acme.halopsa.com/auth/token?tenant=acme",
        "http://127.0.0.1:8080/auth",
        "http://localhost/auth",
    ] {
        let client = Client::builder()
            .credentials(creds().with_auth_url(good).with_tenant("acme"))
            .build()
            .unwrap_or_else(|e| panic!("{good}: {e}"));
        let endpoint = client.token_endpoint().expect("known at build time");
        assert_eq!(endpoint.how, "configured");
        assert!(
            endpoint.token_url.contains("/token?tenant=acme"),
            "{endpoint:?}"
        );
    }
}

async fn refused_scope(server: &MockServer, description: &str, scopes: &[&str]) -> String {
    server.reset().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_scope", "error_description": description
        })))
        .expect(1)
        .mount(server)
        .await;
    let client = builder(server)
        .credentials(credentials(server).with_scopes(scopes.iter().copied()))
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_auth() && !error.is_retryable(), "{error:?}");
    error.to_string()
}

#[tokio::test]
async fn invalid_scope_without_a_named_scope_lists_what_was_requested() {
    // Halo's description names no scope: the hint says so and lists every
    // requested scope (all are Halo names, so the application lacks one of them).
    let server = MockServer::start().await;
    let text = refused_scope(
        &server,
        "The requested scope is invalid, unknown, or malformed",
        &["read:tickets", "edit:kb"],
    )
    .await;
    assert!(
        text.contains(
            "; the server did not say which scope it refused; requested scopes: `read:tickets` `edit:kb` — all are HaloPSA scope names, so the Halo API application is probably not allowed one of them: tick it on the Permissions tab of the Halo API application"
        ),
        "{text}"
    );
    assert!(!text.contains("Halo refused"), "{text}");
}

#[tokio::test]
async fn invalid_scope_naming_a_requested_scope_names_it_alone() {
    let server = MockServer::start().await;
    let text = refused_scope(
        &server,
        "The scope 'edit:kb' is not allowed for this application",
        &["read:tickets", "edit:kb"],
    )
    .await;
    assert!(
        text.contains(
            "; Halo refused `edit:kb` — the Halo API application is not allowed it: tick \"edit:kb\" on the Permissions tab"
        ),
        "{text}"
    );
    assert!(!text.contains("probably not allowed one of them"), "{text}");
    // The named scope comes before the list of what was requested.
    let hint = &text[text.find("; Halo refused").unwrap()..];
    assert!(
        hint.find("`edit:kb`").unwrap() < hint.find("`read:tickets`").unwrap(),
        "{hint}"
    );
}

#[test]
fn unknown_scope_names_are_refused_at_build_with_the_name() {
    let error = Client::builder()
        .credentials(
            HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("s"))
                .with_scopes(["read:actions"]),
        )
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("read:actions"), "{error}");

    // A scope the SDK's list does not know yet can be let through on purpose.
    Client::builder()
        .credentials(
            HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("s"))
                .with_scopes(["read:tickets", "all:teams"])
                .allow_unlisted_scopes(true),
        )
        .build()
        .expect("unlisted scopes allowed");
    // A name with a space in it is never a scope.
    assert!(
        Client::builder()
            .credentials(
                HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("s"))
                    .with_scopes(["read:tickets edit:tickets"])
                    .allow_unlisted_scopes(true),
            )
            .build()
            .is_err()
    );
}

#[test]
fn build_validates_everything() {
    let creds = || HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from("s"));
    assert!(
        Client::builder().build().is_err(),
        "credentials are required"
    );
    assert!(
        Client::builder()
            .credentials(creds())
            .page_size(101)
            .build()
            .is_err()
    );
    assert!(
        Client::builder()
            .credentials(creds())
            .page_size(0)
            .build()
            .is_err()
    );
    assert!(
        Client::builder()
            .credentials(creds())
            .rate_limit(neo_auth_core::RateLimit::new(
                0,
                std::time::Duration::from_secs(1)
            ))
            .build()
            .is_err()
    );
    let http = HaloCredentials::new("http://acme.halopsa.com", "id", SecretString::from("s"));
    let error = Client::builder().credentials(http).build().unwrap_err();
    assert!(error.to_string().contains("https"), "{error}");
    let empty_secret =
        HaloCredentials::new("https://acme.halopsa.com", "id", SecretString::from(" "));
    assert!(Client::builder().credentials(empty_secret).build().is_err());
    assert!(Client::builder().credentials(creds()).build().is_ok());
    for agent_id in [0, -1] {
        let error = Client::builder()
            .credentials(creds().with_agent_id(agent_id))
            .build()
            .unwrap_err();
        assert!(
            matches!(error, neo_auth_core::Error::Config { .. }),
            "{error:?}"
        );
        assert!(
            error.to_string().contains("must be a positive agent id"),
            "{error}"
        );
    }
    assert!(
        Client::builder()
            .credentials(creds().with_agent_id(1))
            .build()
            .is_ok()
    );
    // The default budget leaves headroom under hosted Halo's 300 per 5 minutes for
    // the token and authinfo requests it does not count.
    let hosted = halopsa_client::HOSTED_RATE_LIMIT;
    assert!(hosted.requests < 300, "{hosted}");
    assert_eq!(hosted.per, std::time::Duration::from_secs(300));
}

#[tokio::test]
async fn debug_of_credentials_and_client_never_shows_the_secret() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    client.whoami().await.unwrap();
    for text in [
        format!("{client:?}"),
        format!("{:?}", credentials(&server)),
        format!("{:?}", client.credential()),
    ] {
        assert!(!text.contains(SECRET) && !text.contains(TOKEN), "{text}");
    }
}
