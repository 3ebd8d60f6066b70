//! `Accept: application/json` is the default; a request or a credential that
//! names its own `Accept` (a vendor's versioned media type) replaces it, so one
//! value is sent, not two.

use std::sync::Arc;

use http::{HeaderName, HeaderValue};
use neo_auth_core::{
    AccessPolicy, ApiRequest, Authorization, BoxFuture, Credential, Result, ScopeSet, Transport,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct WithAccept(Option<&'static str>);

impl Credential for WithAccept {
    fn authorize(&self) -> BoxFuture<'_, Result<Authorization>> {
        let mut auth = Authorization::new();
        if let Some(accept) = self.0 {
            auth = auth.with_header(http::header::ACCEPT, HeaderValue::from_static(accept));
        }
        Box::pin(async move { Ok(auth) })
    }

    fn granted(&self) -> Option<Arc<dyn ScopeSet>> {
        None
    }
}

async fn accept_sent(credential: WithAccept, request: ApiRequest) -> Vec<String> {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let transport = Transport::builder(server.uri())
        .credential(Arc::new(credential))
        .policy(AccessPolicy::allow_all())
        .build()
        .unwrap();
    transport.send(request).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    requests[0]
        .headers
        .get_all("accept")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_default_accept_is_json() {
    assert_eq!(
        accept_sent(WithAccept(None), ApiRequest::get("/x")).await,
        vec!["application/json"]
    );
}

#[tokio::test]
async fn a_credential_accept_replaces_the_default() {
    let vendor = "application/vnd.connectwise.com+json; version=2025.1";
    assert_eq!(
        accept_sent(WithAccept(Some(vendor)), ApiRequest::get("/x")).await,
        vec![vendor]
    );
}

#[tokio::test]
async fn a_request_accept_replaces_the_default() {
    let request = ApiRequest::get("/x").header(
        HeaderName::from_static("accept"),
        HeaderValue::from_static("text/csv"),
    );
    assert_eq!(
        accept_sent(WithAccept(None), request).await,
        vec!["text/csv"]
    );
}
