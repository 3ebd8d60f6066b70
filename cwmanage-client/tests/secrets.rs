//! The private key and the clientId never reach Debug, Display, error text or
//! logs (TRACE, reqwest's included), across a scan, a write, a 401 and a 403.

use cwmanage_client::fake::{CLIENT_ID, FakeRole, FakeServer, Level, PRIVATE_KEY, Verb};
use cwmanage_client::models::{Reference, Ticket};
use neo_auth_core::testkit::{SecretCheck, assert_no_secrets};
use secrecy::SecretString;

#[tokio::test]
async fn no_secret_is_printed_or_logged() {
    // base64 of the whole Basic credential would leak the key too.
    let basic = "bmVvbXNwK0ZBS0VQVUJMSUNLRVk6ZmFrZS1wcml2YXRlLWtleS03ZjNh";
    let _check = SecretCheck::new([PRIVATE_KEY, CLIENT_ID, basic]);
    let fake = FakeServer::builder()
        .role(FakeRole::restricted().with("Table Setup", Verb::Inquire, Level::None))
        .start()
        .await;
    let builder = fake.client_builder();
    assert_no_secrets(
        "the builder's Debug",
        &format!("{builder:?}"),
        &[PRIVATE_KEY, CLIENT_ID],
    );
    let client = builder.build().unwrap();
    assert_no_secrets(
        "the client's Debug",
        &format!("{client:?}"),
        &[PRIVATE_KEY, CLIENT_ID, basic],
    );
    assert_no_secrets(
        "the credentials' Debug",
        &format!("{:?}", fake.credentials()),
        &[PRIVATE_KEY, CLIENT_ID],
    );

    let _ = client
        .companies()
        .list()
        .page_size(7)
        .collect_all()
        .await
        .unwrap();
    let ticket = Ticket {
        summary: Some("x".into()),
        board: Some(Reference::id(1)),
        ..Default::default()
    };
    client.tickets().create(&ticket).send().await.unwrap();
    let forbidden = client.boards().list().collect_all().await.unwrap_err();
    assert_no_secrets(
        "a 403",
        &format!("{forbidden} {forbidden:?}"),
        &[PRIVATE_KEY, CLIENT_ID, basic],
    );
    let report = client.check_access().await;
    assert_no_secrets(
        "the report",
        &format!("{report} {report:?}"),
        &[PRIVATE_KEY, CLIENT_ID, basic],
    );

    let c = fake.credentials();
    let wrong = cwmanage_client::CwCredentials::new(
        c.site().clone(),
        c.company_id(),
        c.public_key(),
        SecretString::from("wrong-key-123"),
        SecretString::from(CLIENT_ID),
    );
    let bad = fake.client_builder().credentials(wrong).build().unwrap();
    let err = bad.system().info().await.unwrap_err();
    assert_no_secrets(
        "a 401",
        &format!("{err} {err:?}"),
        &["wrong-key-123", CLIENT_ID],
    );
}
