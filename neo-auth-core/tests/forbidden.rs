//! A server 403 on a scoped operation: missing scope when the grant is unknown,
//! `Forbidden` when the credential is known to hold the scope, and the vendor's
//! answer kept either way.

mod common;

use std::error::Error as _;
use std::sync::Arc;

use common::*;
use neo_auth_core::{ApiRequest, Credential, Error, GrantedScopes, Transport, VendorErrors};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A vendor whose 403 means "a scope is missing" (HaloPSA style).
#[derive(Debug)]
struct ScopedVendor;

impl VendorErrors for ScopedVendor {
    fn vendor(&self) -> &str {
        "Acme"
    }

    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }

    fn permission_location(&self) -> &str {
        "on the API tab"
    }

    fn forbidden_hint(&self) -> &str {
        "give the agent access to the ticket's team"
    }
}

async fn forbidden_server(expected: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("x-request-id", "req-403")
                .set_body_json(json!({"message": "agent may not view this ticket"})),
        )
        .named("GET /api/tickets: 403")
        .expect(expected)
        .mount(&server)
        .await;
    catch_all(&server).await;
    server
}

fn scoped_transport(server: &MockServer, credential: Arc<dyn Credential>) -> Transport {
    transport_builder(server, credential)
        .vendor_errors(Arc::new(ScopedVendor))
        .build()
        .expect("valid transport")
}

#[tokio::test]
async fn a_403_with_an_unknown_grant_is_a_missing_scope_carrying_the_response() {
    let _capture = capture_check(&[]);
    let server = forbidden_server(1).await;
    let transport = scoped_transport(&server, Arc::new(basic()));

    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    let Error::MissingScope {
        scope, response, ..
    } = &error
    else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert_eq!(scope, "read:tickets");
    let response = response.as_ref().expect("the server's answer is kept");
    assert_eq!(response.status, 403);
    assert_eq!(
        response.message.as_deref(),
        Some("agent may not view this ticket")
    );
    assert!(error.is_missing_scope());
    assert!(!error.is_forbidden());
    assert!(!error.is_retryable());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.request_id(), Some("req-403"));
    let source = error.source().expect("the response is the source");
    assert!(
        source
            .to_string()
            .contains("agent may not view this ticket"),
        "{source}"
    );
    assert!(error.to_string().contains("on the API tab"), "{error}");
}

#[tokio::test]
async fn a_403_although_the_scope_is_held_is_forbidden_with_the_vendor_message() {
    let _capture = capture_check(&[]);
    let server = forbidden_server(1).await;
    let credential = basic().with_granted(Arc::new(GrantedScopes::parse("read:tickets")));
    let transport = scoped_transport(&server, Arc::new(credential));

    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    let Error::Forbidden {
        operation,
        vendor,
        scope,
        hint,
        response,
    } = &error
    else {
        panic!("expected Forbidden, got {error:?}");
    };
    assert_eq!(operation, "tickets.list");
    assert_eq!(vendor, "Acme");
    assert_eq!(scope, "read:tickets");
    assert_eq!(hint, "give the agent access to the ticket's team");
    assert_eq!(
        response.message.as_deref(),
        Some("agent may not view this ticket")
    );
    assert_eq!(
        error.to_string(),
        "tickets.list: Acme answered 403 although the credential holds `read:tickets`: give the agent access to the ticket's team"
    );
    assert!(error.is_forbidden());
    assert!(!error.is_missing_scope());
    assert!(!error.is_retryable());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.request_id(), Some("req-403"));
    assert_eq!(
        error.api().and_then(|api| api.message.as_deref()),
        Some("agent may not view this ticket")
    );
    let source = error.source().expect("the response is the source");
    assert!(source.to_string().contains("403"), "{source}");
}

#[tokio::test]
async fn the_default_forbidden_hint_names_the_vendor_account() {
    let _capture = capture_check(&[]);
    #[derive(Debug)]
    struct Plain;
    impl VendorErrors for Plain {
        fn vendor(&self) -> &str {
            "Plain"
        }
        fn forbidden_means_missing_scope(&self) -> bool {
            true
        }
    }
    let server = forbidden_server(1).await;
    let credential = basic().with_granted(Arc::new(GrantedScopes::parse("read:tickets")));
    let transport = transport_builder(&server, Arc::new(credential))
        .vendor_errors(Arc::new(Plain))
        .build()
        .unwrap();
    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert!(error.is_forbidden(), "{error:?}");
    assert!(
        error.to_string().ends_with(
            "the vendor account behind the credential lacks permission for this record or area"
        ),
        "{error}"
    );
}

#[tokio::test]
async fn a_preflight_missing_scope_has_no_response() {
    let _capture = capture_check(&[]);
    let server = forbidden_server(0).await;
    let credential = basic().with_granted(Arc::new(GrantedScopes::parse("edit:tickets")));
    let transport = scoped_transport(&server, Arc::new(credential));

    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    let Error::MissingScope { response, .. } = &error else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert!(response.is_none(), "nothing was sent: {response:?}");
    assert_eq!(error.status(), None);
    assert!(error.source().is_none());
    assert!(error.api().is_none());
}

#[tokio::test]
async fn a_403_from_a_vendor_without_the_convention_stays_an_api_error() {
    let _capture = capture_check(&[]);
    let server = forbidden_server(1).await;
    let transport = transport(&server, Arc::new(basic()));
    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
}

#[tokio::test]
async fn an_unlabelled_403_stays_an_api_error() {
    let _capture = capture_check(&[]);
    let server = forbidden_server(1).await;
    let transport = scoped_transport(&server, Arc::new(basic()));
    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
}

/// With an OAuth2 credential, a 403 is `Forbidden` only when the token response
/// confirmed the scope; merely requested scopes may not have been granted, so the
/// scope is reported missing, with the server's answer.
async fn oauth_403(token_scope: Option<&str>) -> Error {
    let server = forbidden_server(1).await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(token_body("tok-1", 3600, token_scope)),
        1,
    )
    .await;
    let credential = oauth(form_source(&server));
    let transport = scoped_transport(&server, credential);
    transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_403_on_merely_requested_scopes_is_a_missing_scope_not_forbidden() {
    let _capture = capture_check(&["tok-1"]);
    let error = oauth_403(None).await;
    let Error::MissingScope {
        scope, response, ..
    } = &error
    else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert_eq!(scope, "read:tickets");
    assert_eq!(response.as_ref().map(|r| r.status.as_u16()), Some(403));
    assert!(
        error
            .to_string()
            .ends_with("(the server refused the call with HTTP 403)"),
        "{error}"
    );
}

#[tokio::test]
async fn a_403_on_scopes_confirmed_by_the_token_response_is_forbidden() {
    let _capture = capture_check(&["tok-1"]);
    let error = oauth_403(Some("read:tickets edit:tickets")).await;
    assert!(error.is_forbidden(), "{error:?}");
}
