//! The callback verifier: signatures, the key fetched only from the site's
//! host, key caching and rotation, `Entity` decoded.

use cwmanage_client::Site;
use cwmanage_client::callbacks::{CallbackError, CallbackVerifier, sign};
use cwmanage_client::models::{CallbackAction, Ticket};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY_PATH: &str = "/v4_6_release/apis/3.0/system/callbackentry/key/12";

async fn key_server(key: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"signing_key": key})))
        .named("signing key")
        .mount(&server)
        .await;
    server
}

fn payload(key_url: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "ID": 5000, "Action": "updated", "Type": "ticket",
        "Entity": "{\"id\":5000,\"summary\":\"Printer offline\"}",
        "Metadata": {"key_url": key_url},
    }))
    .unwrap()
}

#[tokio::test]
async fn a_signed_callback_verifies_and_its_entity_is_decoded() {
    let server = key_server("k3y").await;
    let verifier = CallbackVerifier::new(&Site::parse(&server.uri()).unwrap()).unwrap();
    let body = payload(&format!("{}{KEY_PATH}", server.uri()));
    let signature = sign(&SecretString::from("k3y"), &body);
    let p = verifier.verify(Some(&signature), &body).await.unwrap();
    assert_eq!(p.action, Some(CallbackAction::Updated));
    let ticket: Ticket = p.entity_as().unwrap().unwrap();
    assert_eq!(ticket.summary.as_deref(), Some("Printer offline"));
    // The key is cached.
    verifier.verify(Some(&signature), &body).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn tampered_unsigned_and_unkeyed_callbacks_are_refused() {
    let server = key_server("k3y").await;
    let verifier = CallbackVerifier::new(&Site::parse(&server.uri()).unwrap()).unwrap();
    let body = payload(&format!("{}{KEY_PATH}", server.uri()));
    let signature = sign(&SecretString::from("k3y"), &body);
    let mut tampered = body.clone();
    tampered.extend_from_slice(b" ");
    assert!(matches!(
        verifier.verify(Some(&signature), &tampered).await,
        Err(CallbackError::BadSignature)
    ));
    assert!(matches!(
        verifier.verify(None, &body).await,
        Err(CallbackError::MissingSignature)
    ));
    let wrong = sign(&SecretString::from("other"), &body);
    assert!(matches!(
        verifier.verify(Some(&wrong), &body).await,
        Err(CallbackError::BadSignature)
    ));
    let unkeyed = serde_json::to_vec(&json!({"ID": 1, "Metadata": {}})).unwrap();
    let sig = sign(&SecretString::from("k3y"), &unkeyed);
    assert!(matches!(
        verifier.verify(Some(&sig), &unkeyed).await,
        Err(CallbackError::MissingKeyUrl)
    ));
    assert!(matches!(
        verifier.verify(Some(&sig), b"not json").await,
        Err(CallbackError::Payload(_))
    ));
}

#[tokio::test]
async fn a_key_url_off_the_site_is_never_fetched() {
    let site = key_server("k3y").await;
    let attacker = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"signing_key": "attacker"})))
        .expect(0)
        .named("attacker's key server")
        .mount(&attacker)
        .await;
    let verifier = CallbackVerifier::new(&Site::parse(&site.uri()).unwrap()).unwrap();
    let body = payload(&format!("{}{KEY_PATH}", attacker.uri()));
    let signature = sign(&SecretString::from("attacker"), &body);
    let err = verifier.verify(Some(&signature), &body).await.unwrap_err();
    assert!(
        matches!(err, CallbackError::UntrustedKeyUrl { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("not fetched"), "{err}");
}

#[tokio::test]
async fn a_rotated_key_is_fetched_again() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"signing_key": "old"})))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(KEY_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"signing_key": "new"})))
        .mount(&server)
        .await;
    let verifier = CallbackVerifier::new(&Site::parse(&server.uri()).unwrap()).unwrap();
    let body = payload(&format!("{}{KEY_PATH}", server.uri()));
    verifier
        .verify(Some(&sign(&SecretString::from("old"), &body)), &body)
        .await
        .unwrap();
    verifier
        .verify(Some(&sign(&SecretString::from("new"), &body)), &body)
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_key_endpoint_that_fails_is_a_key_fetch_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let verifier = CallbackVerifier::new(&Site::parse(&server.uri()).unwrap()).unwrap();
    let body = payload(&format!("{}{KEY_PATH}", server.uri()));
    let err = verifier
        .verify(Some(&sign(&SecretString::from("k"), &body)), &body)
        .await
        .unwrap_err();
    assert!(matches!(err, CallbackError::KeyFetch(_)), "{err:?}");
}
