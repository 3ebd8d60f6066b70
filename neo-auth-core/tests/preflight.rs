//! Checks that happen before any network traffic: the granted scopes, the access
//! policy and approvals, and the base-URL policy.

mod common;

use std::sync::Arc;

use common::*;
use neo_auth_core::{
    AccessPolicy, ApiRequest, Approval, AreaAccess, BasicCredential, ClientCredentialsSource,
    Error, GrantedScopes, JsonTokenSource, Transport,
};
use secrecy::SecretString;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that must not receive a single request, token endpoint included.
async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .named("anything (nothing may be sent)")
        .expect(0)
        .mount(&server)
        .await;
    server
}

fn read_only_oauth(server: &MockServer) -> Arc<dyn neo_auth_core::Credential> {
    let source = ClientCredentialsSource::new(
        &token_url(server),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .expect("valid token URL")
    .with_scopes(["read:tickets"]);
    oauth(source)
}

#[tokio::test]
async fn a_missing_scope_is_reported_before_any_request() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport(&server, read_only_oauth(&server));

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    let Error::MissingScope {
        operation,
        scope,
        label,
        ..
    } = &error
    else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert_eq!(operation, "tickets.create");
    assert_eq!(scope, "edit:tickets");
    assert_eq!(label, "Tickets - Edit");
    assert!(error.is_missing_scope());
    assert!(!error.is_retryable());
    let message = error.to_string();
    assert!(message.contains("edit:tickets"), "{message}");
    assert!(message.contains("Tickets - Edit"), "{message}");
    // `expect(0)` on the server is verified when it drops.
}

#[tokio::test]
async fn a_missing_scope_on_a_static_credential_is_reported_before_any_request() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let credential = basic().with_granted(Arc::new(GrantedScopes::parse("read:tickets")));
    let transport = transport(&server, Arc::new(credential));

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(error.is_missing_scope(), "{error:?}");
}

#[tokio::test]
async fn an_area_the_policy_ignores_is_denied_before_any_request() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::allow_all().with(TICKETS, AreaAccess::Ignore))
        .build()
        .unwrap();

    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    let Error::PolicyDenied {
        operation, area, ..
    } = &error
    else {
        panic!("expected PolicyDenied, got {error:?}");
    };
    assert_eq!(operation, "tickets.list");
    assert_eq!(area, "tickets");
    assert!(error.is_policy());
}

#[tokio::test]
async fn a_write_to_a_read_only_area_is_denied_before_any_request() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::PolicyDenied { .. }), "{error:?}");
}

#[tokio::test]
async fn a_write_needing_approval_fails_without_one_and_is_sent_with_one() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only().with(TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()
        .unwrap();

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    let Error::ApprovalRequired { operation, .. } = &error else {
        panic!("expected ApprovalRequired, got {error:?}");
    };
    assert_eq!(operation, "tickets.create");
    assert!(error.is_policy());

    let approval = Approval::new("dispatcher@msp.example", "customer asked by phone").unwrap();
    let response = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .approval(Some(approval)),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
}

#[test]
fn an_approval_needs_a_name_and_a_reason() {
    let _capture = capture_check(&[]);
    assert!(matches!(
        Approval::new("", "why"),
        Err(Error::Config { .. })
    ));
    assert!(matches!(
        Approval::new("who", "  "),
        Err(Error::Config { .. })
    ));
}

#[test]
fn plain_http_is_refused_except_on_loopback() {
    let _capture = capture_check(&[]);
    for refused in [
        "http://example.com",
        "http://example.com:8080/api",
        "http://10.0.0.5",
        "ftp://127.0.0.1",
        "not a url",
    ] {
        let error = Transport::builder(refused)
            .credential(Arc::new(basic()))
            .build()
            .expect_err(refused);
        assert!(
            matches!(error, Error::Config { .. }),
            "{refused}: {error:?}"
        );
        assert!(
            ClientCredentialsSource::new(refused, CLIENT_ID, SecretString::from(CLIENT_SECRET))
                .is_err(),
            "{refused} accepted as a token URL"
        );
        assert!(
            JsonTokenSource::new(refused, CLIENT_ID, SecretString::from(CLIENT_SECRET)).is_err(),
            "{refused} accepted as a JSON token URL"
        );
    }
    for accepted in [
        "http://127.0.0.1:8080",
        "http://localhost:3000/api",
        "http://[::1]:9000",
        "https://example.com/api",
    ] {
        Transport::builder(accepted)
            .credential(Arc::new(basic()))
            .build()
            .unwrap_or_else(|e| panic!("{accepted} refused: {e}"));
    }
}

#[test]
fn credentials_refuse_header_breaking_input() {
    let _capture = capture_check(&[]);
    assert!(BasicCredential::new("user:name", SecretString::from("pw")).is_err());
    assert!(
        basic()
            .with_header("bad header", SecretString::from("x"))
            .is_err()
    );
    assert!(
        basic()
            .with_header("clientId", SecretString::from("line\nbreak"))
            .is_err()
    );
}

#[tokio::test]
async fn a_write_without_a_requirement_is_refused_before_any_request() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport(&server, Arc::new(basic()));
    for request in [
        ApiRequest::post("/tickets"),
        ApiRequest::delete("/tickets/1"),
        ApiRequest::patch("/tickets/1"),
    ] {
        let error = transport.send(request).await.unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        assert!(error.to_string().contains("requirement"), "{error}");
    }
}

#[tokio::test]
async fn a_read_requirement_on_a_writing_method_is_refused() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport(&server, Arc::new(basic()));
    let error = transport
        .send(ApiRequest::delete("/tickets/1").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(error.to_string().contains("tickets.list"), "{error}");
}

#[tokio::test]
async fn a_post_search_declared_idempotent_may_carry_a_read_requirement() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    transport
        .send(
            ApiRequest::post("/tickets/search")
                .requirement(LIST_TICKETS)
                .options(neo_auth_core::RequestOptions::new().idempotent(true)),
        )
        .await
        .expect("a read through POST");
}

#[tokio::test]
async fn zero_timeouts_are_config_errors() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport(&server, Arc::new(basic()));
    let error = transport
        .send(ApiRequest::get("/tickets").options(
            neo_auth_core::RequestOptions::new().overall_timeout(std::time::Duration::ZERO),
        ))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = Transport::builder("https://example.com")
        .credential(Arc::new(basic()))
        .timeouts(neo_auth_core::Timeouts::default().with_connect(std::time::Duration::ZERO))
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}

#[tokio::test]
async fn an_id_cannot_climb_out_of_the_api_path() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport(&server, Arc::new(basic()));
    let id = neo_auth_core::encode_path_segment("..");
    for raw in [
        format!("/tickets/{id}/%2e%2e/admin"),
        "/..\\..\\x".to_owned(),
        "/tickets/%2e%2e\\x".to_owned(),
        "/tickets\\..".to_owned(),
        "/tickets/.\t./x".to_owned(),
    ] {
        let error = transport
            .send(ApiRequest::get(raw.clone()).requirement(LIST_TICKETS))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{raw}: {error:?}");
    }
}

#[tokio::test]
async fn the_scope_check_runs_before_the_policy_check() {
    let _capture = capture_check(&[]);
    // The write lacks its scope *and* the read-only policy denies it: the scope
    // is reported, because ticking it is the first thing to fix.
    let server = silent_server().await;
    let credential = basic().with_granted(Arc::new(GrantedScopes::parse("read:tickets")));
    let transport = transport_builder(&server, Arc::new(credential))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(error.is_missing_scope(), "{error:?}");
    assert!(!error.is_policy());
}

#[tokio::test]
async fn an_unlabelled_read_gets_the_policy_default_and_is_denied_under_deny_all() {
    let _capture = capture_check(&[]);
    let server = silent_server().await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::deny_all().with(TICKETS, AreaAccess::WRITE))
        .build()
        .unwrap();
    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    let Error::PolicyDenied {
        operation,
        area,
        allowed,
        ..
    } = &error
    else {
        panic!("expected PolicyDenied, got {error:?}");
    };
    assert_eq!(operation, "GET /tickets");
    assert_eq!(area, AccessPolicy::UNLABELLED_AREA);
    assert_eq!(area, "(unlabelled)");
    assert_eq!(*allowed, AreaAccess::Ignore);
    assert!(error.is_policy());
}

#[tokio::test]
async fn an_unlabelled_read_is_sent_when_the_default_allows_reads() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .named("the unlabelled read")
        .expect(1)
        .mount(&server)
        .await;
    // Ignoring the tickets area does not matter: an unlabelled read has no area
    // but the default one, and the default is read-only.
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only().with(TICKETS, AreaAccess::Ignore))
        .build()
        .unwrap();
    transport
        .send(ApiRequest::get("/tickets"))
        .await
        .expect("allowed by the default");
}

#[test]
fn a_body_that_cannot_be_serialized_is_a_config_error_with_its_source() {
    let _capture = capture_check(&[]);
    let mut body = std::collections::BTreeMap::new();
    body.insert((1u8, 2u8), "a map with non-string keys is not JSON");
    let error = ApiRequest::post("/tickets").json(&body).unwrap_err();
    let Error::Config { message, source } = &error else {
        panic!("expected a config error, got {error:?}");
    };
    assert_eq!(message, "the request body could not be serialized");
    let source = source.as_ref().expect("the serde error is the source");
    assert!(
        source.to_string().contains("key must be a string"),
        "{source}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn a_basic_credential_keeps_its_secrets_as_secret_strings() {
    let _capture = capture_check(&[]);
    use secrecy::ExposeSecret;
    let credential = basic();
    assert_eq!(credential.username(), BASIC_USER);
    assert_eq!(credential.password().expose_secret(), BASIC_PASSWORD);
    assert_eq!(
        credential
            .extra_header("clientid")
            .map(|v| v.expose_secret().to_owned()),
        Some(MANAGE_CLIENT_ID.to_owned())
    );
    assert!(credential.extra_header("x-other").is_none());
    assert_no_secrets("BasicCredential", &format!("{credential:?}"), &[]);
}
