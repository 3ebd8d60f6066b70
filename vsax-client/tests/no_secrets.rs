//! No secret (token secret, Basic header, webhook secret keys, webhook header
//! values) reaches Debug, Display, error text or the logs.

use base64::Engine;
use neo_auth_core::testkit::{SecretCheck, assert_no_secrets};
use vsax_client::Credentials;
use vsax_client::fake::{FakeServer, TOKEN_ID, TOKEN_SECRET};
use vsax_client::models::WebhookSettings;
use vsax_client::secrecy::{ExposeSecret, SecretString};

#[tokio::test]
async fn secrets_stay_out_of_debug_errors_and_logs() {
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{TOKEN_ID}:{TOKEN_SECRET}"));
    let _check = SecretCheck::new([
        TOKEN_SECRET.to_owned(),
        basic.clone(),
        "receiver-token".to_owned(),
    ]);
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let secrets = [TOKEN_SECRET, basic.as_str(), "receiver-token"];
    assert_no_secrets("client Debug", &format!("{client:?}"), &secrets);
    assert_no_secrets(
        "credentials Debug",
        &format!("{:?}", fake.credentials()),
        &secrets,
    );

    let settings = WebhookSettings::new("bridge", "https://example.com/h")
        .header("Authorization", "Bearer receiver-token");
    assert_no_secrets("settings Debug", &format!("{settings:?}"), &secrets);
    let hook = client.webhooks().create(&settings).send().await.unwrap();
    let key = hook.secret_key.clone().unwrap();
    let key_text = key.secret().expose_secret().to_owned();
    assert_no_secrets(
        "webhook Debug",
        &format!("{hook:?} {key:?}"),
        &[key_text.as_str()],
    );
    let renewed = client
        .webhooks()
        .regenerate_secret(hook.id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(!format!("{renewed:?}").contains(renewed.secret().expose_secret()));

    client.devices().list().collect_all().await.unwrap();
    let wrong = Credentials::new(
        &fake.tenant_url(),
        TOKEN_ID,
        SecretString::from("wrong-secret-value"),
    )
    .unwrap();
    let err = fake
        .builder_for(wrong)
        .build()
        .unwrap()
        .devices()
        .list()
        .send()
        .await
        .unwrap_err();
    assert_no_secrets(
        "401 error",
        &format!("{err} {err:?}"),
        &["wrong-secret-value"],
    );
}
