//! `ListCall::placeholder`: lists under two records (`/scripts/{parent}/device/{device}/executions`).

use std::sync::Arc;

use neo_auth_core::{
    AccessPolicy, Area, BasicCredential, EndpointSpec, Error, ListCall, PagingScheme, Requirements,
    Transport,
};
use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static EXECUTIONS: EndpointSpec = EndpointSpec::new(
    "executions",
    "/scripts/{parent}/device/{device}/executions",
    Requirements::unscoped_read(Area::new("automation")),
)
.paging(PagingScheme::None);

fn transport(server: &MockServer) -> Transport {
    let credential = BasicCredential::new("id", SecretString::from("secret")).unwrap();
    Transport::builder(server.uri())
        .credential(Arc::new(credential))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_placeholder_is_filled_and_encoded_as_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scripts/42/device/a%20b/executions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": 1}])))
        .expect(1)
        .mount(&server)
        .await;
    let items = ListCall::<serde_json::Value>::new(transport(&server), &EXECUTIONS)
        .parent(42)
        .placeholder("device", "a b")
        .collect_all()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
}

#[tokio::test]
async fn missing_unknown_or_bad_placeholders_are_config_errors_before_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let call = || ListCall::<serde_json::Value>::new(transport(&server), &EXECUTIONS).parent(42);
    let unfilled = call().send().await.unwrap_err();
    assert!(
        matches!(&unfilled, Error::Config { message, .. } if message.contains("{device}")),
        "{unfilled:?}"
    );
    let unknown = call()
        .placeholder("device", "d")
        .placeholder("other", "x")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&unknown, Error::Config { message, .. } if message.contains("{other}")),
        "{unknown:?}"
    );
    let parent = call().placeholder("parent", "x").send().await.unwrap_err();
    assert!(matches!(parent, Error::Config { .. }));
    for bad in ["", "..", "a/b", "a\\b"] {
        let err = call().placeholder("device", bad).send().await.unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{bad:?}: {err:?}");
    }
}
