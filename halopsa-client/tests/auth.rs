//! Authentication: discovery, fallback, tenant, form body, errors.

mod common;

use common::*;
use halopsa_client::{Client, HaloCredentials};
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
    client.whoami().await.unwrap();
    assert_eq!(client.token_endpoint().unwrap().how, "fallback");
    // No scope in the token response: the requested ones stand.
    assert_eq!(client.granted_scopes(), vec!["all"]);
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

#[tokio::test]
async fn invalid_scope_names_the_offending_scope() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_scope", "error_description": "The scope 'edit:kb' is not allowed for this application"
        })))
        .mount(&server)
        .await;
    let client = builder(&server)
        .credentials(credentials(&server).with_scopes(["read:tickets", "edit:kb"]))
        .build()
        .unwrap();
    let error = client.whoami().await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("invalid_scope") && text.contains("edit:kb"),
        "{text}"
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
            .rate_limit(Some((0, std::time::Duration::from_secs(1))))
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
