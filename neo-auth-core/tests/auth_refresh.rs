//! Credentials on the wire: what the token sources send, what they learn from the
//! token response, how OAuth errors and redirects of the token endpoint surface,
//! and the 401 → refresh → retry-once rule.

mod common;

use std::sync::Arc;

use common::*;
use futures_util::future::join_all;
use neo_auth_core::{
    ApiRequest, AuthError, ClientAuth, ClientCredentialsSource, Credential, Error, GrantSource,
    JsonTokenSource, TokenSource,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{any, body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The [`AuthError`] inside an error, also when it is shared by waiting callers.
fn auth_error(error: &Error) -> &AuthError {
    match error {
        Error::Auth(auth) => auth,
        Error::Shared(inner) => auth_error(inner),
        other => panic!("expected an authentication error, got {other:?}"),
    }
}

async fn mount_tickets(server: &MockServer, token: &str, expected: u64) {
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .named(format!("GET /api/tickets with {token}"))
        .expect(expected)
        .mount(server)
        .await;
}

#[tokio::test]
async fn api_401_refreshes_the_token_once_and_retries() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new(), 2).await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "token expired"})))
        .up_to_n_times(1)
        .with_priority(1)
        .named("GET /api/tickets: first request 401")
        .expect(1)
        .mount(&server)
        .await;
    mount_tickets(&server, "tok-2", 1).await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(form_source(&server)));

    let response = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .expect("refreshed and retried");
    assert_eq!(response.status(), 200);

    assert_eq!(token_requests(&server).await, 2);
    let api = received(&server, "GET", "/api/tickets").await;
    assert_eq!(api.len(), 2);
    assert_eq!(authorization_of(&api[0]), "Bearer tok-1");
    assert_eq!(authorization_of(&api[1]), "Bearer tok-2");
}

/// A credential whose first `gated` authorizations are held until all of them
/// have been made: every caller then holds the same token before any request
/// goes out. Later authorizations (after a 401) pass straight through.
#[derive(Debug)]
struct LinedUp {
    inner: Arc<neo_auth_core::OAuth2Credential>,
    gated: usize,
    authorized: std::sync::atomic::AtomicUsize,
    barrier: tokio::sync::Barrier,
}

impl LinedUp {
    fn new(inner: Arc<neo_auth_core::OAuth2Credential>, gated: usize) -> Self {
        LinedUp {
            inner,
            gated,
            authorized: std::sync::atomic::AtomicUsize::new(0),
            barrier: tokio::sync::Barrier::new(gated),
        }
    }
}

impl Credential for LinedUp {
    fn authorize(
        &self,
    ) -> neo_auth_core::BoxFuture<'_, neo_auth_core::Result<neo_auth_core::Authorization>> {
        Box::pin(async move {
            let authorization = self.inner.authorize().await?;
            let n = self
                .authorized
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if n < self.gated {
                self.barrier.wait().await;
            }
            Ok(authorization)
        })
    }

    fn invalidate(&self, rejected: &neo_auth_core::Authorization) -> bool {
        self.inner.invalidate(rejected)
    }

    fn granted(&self) -> Option<Arc<dyn neo_auth_core::ScopeSet>> {
        self.inner.granted()
    }

    fn granted_source(&self) -> GrantSource {
        self.inner.granted_source()
    }

    fn grant(&self) -> Option<(Arc<dyn neo_auth_core::ScopeSet>, GrantSource)> {
        self.inner.grant()
    }
}

/// `grant()` agrees with `granted()` and `granted_source()` (read apart).
fn assert_grant(credential: &dyn Credential, names: &[&str], source: GrantSource) {
    let (granted, from) = credential.grant().expect("a grant");
    assert_eq!(granted.names(), names);
    assert_eq!(from, source);
    assert_eq!(credential.granted().expect("a grant").names(), names);
    assert_eq!(credential.granted_source(), source);
}

// Deterministic: the callers are lined up on a barrier (not by delays), so all
// of them send tok-1 before the first 401 can drop it; the 401s then arrive in
// any order and cost exactly one refresh (the invalidation is targeted at tok-1,
// and the refresh is single-flight).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_concurrent_401s_costs_one_refresh() {
    let _capture = capture_check(&[]);
    const CALLERS: usize = 50;
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new(), 2).await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .named("GET /api/tickets with tok-1: 401")
        .mount(&server)
        .await;
    mount_tickets(&server, "tok-2", CALLERS as u64).await;
    catch_all(&server).await;
    let credential = Arc::new(LinedUp::new(oauth(form_source(&server)), CALLERS));
    let transport = transport(&server, credential);

    let tasks = (0..CALLERS).map(|_| {
        let transport = transport.clone();
        tokio::spawn(async move { transport.send(ApiRequest::get("/tickets")).await })
    });
    for result in join_all(tasks).await {
        let response = result
            .expect("task ran")
            .expect("succeeded after one refresh");
        assert_eq!(response.status(), 200);
    }

    assert_eq!(
        token_requests(&server).await,
        2,
        "one initial token, one refresh"
    );
    let api = received(&server, "GET", "/api/tickets").await;
    let rejected = api
        .iter()
        .filter(|r| authorization_of(r) == "Bearer tok-1")
        .count();
    let accepted = api
        .iter()
        .filter(|r| authorization_of(r) == "Bearer tok-2")
        .count();
    // Every caller was rejected with tok-1, and all those 401s cost one refresh.
    assert_eq!(rejected, CALLERS, "{rejected} requests with tok-1");
    assert_eq!(accepted, CALLERS);
    assert!(
        !captured_lines_with(&["401 from the API: fetching a new token"]).is_empty(),
        "the refresh after a 401 is traced"
    );
    assert_eq!(api.len(), rejected + accepted);
}

#[tokio::test]
async fn a_second_401_is_an_authentication_error() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new(), 2).await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "Unauthorized", "message": "bad token"})),
        )
        .named("GET /api/tickets: always 401")
        .expect(2)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(form_source(&server)));

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(error.is_auth(), "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(!error.is_retryable());
    let auth = auth_error(&error);
    assert_eq!(auth.description.as_deref(), Some("bad token"));
    assert!(
        error
            .to_string()
            .contains("rejected the credential (HTTP 401)"),
        "{error}"
    );
    assert_eq!(token_requests(&server).await, 2);
}

#[tokio::test]
async fn basic_credential_401_is_not_retried() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/devices"))
        .respond_with(ResponseTemplate::new(401))
        .named("GET /api/devices: 401")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let transport = transport(&server, Arc::new(basic()));

    let error = transport
        .send(ApiRequest::get("/devices"))
        .await
        .unwrap_err();
    assert!(error.is_auth(), "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn basic_credential_sends_basic_and_client_id_headers() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/company/companies"))
        .and(header(
            "authorization",
            format!("Basic {}", basic_b64()).as_str(),
        ))
        .and(header("clientId", MANAGE_CLIENT_ID))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .named("GET companies with Basic and clientId")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let credential = Arc::new(basic());
    assert!(
        credential.granted().is_none(),
        "nothing configured, nothing known"
    );
    let transport = transport(&server, credential);

    transport
        .send(ApiRequest::get("/company/companies"))
        .await
        .expect("sent with both headers");
    let request = &received(&server, "GET", "/api/company/companies").await[0];
    assert_eq!(request.headers.get_all("authorization").iter().count(), 1);
    assert_eq!(request.headers.get_all("clientid").iter().count(), 1);
}

#[tokio::test]
async fn form_source_sends_a_client_credentials_form_body() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new(), 1).await;
    mount_tickets(&server, "tok-1", 1).await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(form_source(&server)));

    transport.send(ApiRequest::get("/tickets")).await.unwrap();

    let request = &received(&server, "POST", TOKEN_PATH).await[0];
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    assert!(
        request.headers.get("authorization").is_none(),
        "ClientAuth::RequestBody puts the secret in the body only"
    );
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("grant_type", "client_credentials"),
            ("scope", "read:tickets edit:tickets"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn form_source_with_basic_client_auth_sends_the_secret_in_the_header() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new(), 1).await;
    catch_all(&server).await;
    let source = form_source(&server).with_client_auth(ClientAuth::BasicHeader);
    oauth(source).authorize().await.unwrap();

    let request = &received(&server, "POST", TOKEN_PATH).await[0];
    use base64::Engine;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(authorization_of(request), format!("Basic {expected}"));
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("grant_type=client_credentials"), "{body}");
    assert!(!body.contains("client_secret"), "{body}");
}

#[tokio::test]
async fn json_source_sends_a_json_body_and_learns_the_granted_scopes() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "grant_type": "client_credentials",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scope": "read:tickets edit:tickets",
        })))
        .respond_with(TokenSequence::new().scope("read:tickets"))
        .named("token endpoint (JSON body)")
        .expect(1)
        .mount(&server)
        .await;
    mount_tickets(&server, "tok-1", 1).await;
    catch_all(&server).await;
    let credential = oauth(json_source(&server));
    let granted = credential.granted().expect("the requested scopes");
    assert_eq!(granted.names(), ["edit:tickets", "read:tickets"]);
    assert_eq!(credential.granted_source(), GrantSource::Requested);
    assert_grant(
        credential.as_ref(),
        &["edit:tickets", "read:tickets"],
        GrantSource::Requested,
    );
    let transport = transport(&server, credential.clone());

    transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap();

    let granted = credential
        .granted()
        .expect("learned from the token response");
    assert_eq!(granted.names(), ["read:tickets"]);
    assert_eq!(credential.granted_source(), GrantSource::TokenResponse);
    assert_grant(
        credential.as_ref(),
        &["read:tickets"],
        GrantSource::TokenResponse,
    );
    assert!(granted.grants(&READ_TICKETS));
    assert!(!granted.grants(&EDIT_TICKETS));
}

#[tokio::test]
async fn a_scope_requested_but_not_granted_is_missing_after_the_first_token_fetch() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new().scope("read:tickets"), 1).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201))
        .named("POST /api/tickets (must not be sent)")
        .expect(0)
        .mount(&server)
        .await;
    mount_tickets(&server, "tok-1", 1).await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(json_source(&server)));

    // Before the first token, the requested scopes (read and edit) pass the check;
    // the token response grants only read, so the write is refused before sending.
    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .json(&json!({"summary": "printer on fire"}))
                .unwrap()
                .requirement(CREATE_TICKET),
        )
        .await
        .unwrap_err();
    let Error::MissingScope {
        scope,
        label,
        operation,
        ..
    } = &error
    else {
        panic!("expected MissingScope, got {error:?}");
    };
    assert_eq!(
        (scope.as_str(), label.as_str(), operation.as_str()),
        ("edit:tickets", "Tickets - Edit", "tickets.create")
    );
    assert_eq!(token_requests(&server).await, 1);
    assert!(received(&server, "POST", "/api/tickets").await.is_empty());

    transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .expect("the granted scope still works");
    assert_eq!(token_requests(&server).await, 1);
}

async fn invalid_scope_error(server: &MockServer, source: impl TokenSource + 'static) -> Error {
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_scope",
            "error_description": "read:actions"
        })))
        .named("token endpoint: invalid_scope")
        .expect(1)
        .mount(server)
        .await;
    catch_all(server).await;
    let transport = transport(server, oauth(source));
    transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err()
}

fn assert_invalid_scope(error: &Error) {
    let auth = auth_error(error);
    assert_eq!(auth.oauth_error.as_deref(), Some("invalid_scope"));
    assert_eq!(auth.description.as_deref(), Some("read:actions"));
    assert_eq!(auth.status.map(|s| s.as_u16()), Some(400));
    assert!(!error.is_retryable());
    let text = error.to_string();
    assert!(
        text.contains("read:actions") && text.contains("invalid_scope"),
        "{text}"
    );
}

#[tokio::test]
async fn invalid_scope_from_the_form_token_endpoint_names_the_scope() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    let error = invalid_scope_error(&server, form_source(&server)).await;
    assert_invalid_scope(&error);
    assert_eq!(token_requests(&server).await, 1);
}

#[tokio::test]
async fn invalid_scope_from_the_json_token_endpoint_names_the_scope() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    let error = invalid_scope_error(&server, json_source(&server)).await;
    assert_invalid_scope(&error);
    assert_eq!(token_requests(&server).await, 1);
}

async fn redirected_token_error(make: fn(&str) -> Arc<dyn TokenSource>) {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(307).insert_header("location", token_url(&elsewhere).as_str()),
        )
        .named("token endpoint: 307 to another origin")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("stolen", 3600, None)))
        .named("another origin (must never see the client secret)")
        .expect(0)
        .mount(&elsewhere)
        .await;
    let credential = Arc::new(
        neo_auth_core::OAuth2Credential::builder(make(&token_url(&server)))
            .cache_config(cache_config())
            .build()
            .expect("valid credential"),
    );
    let transport = transport(&server, credential);

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(error.is_auth(), "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("redirect"), "{error}");
    assert_eq!(token_requests(&server).await, 1);
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn form_token_endpoint_redirect_is_not_followed() {
    let _capture = capture_check(&[]);
    redirected_token_error(|url| {
        Arc::new(
            ClientCredentialsSource::new(url, CLIENT_ID, SecretString::from(CLIENT_SECRET))
                .unwrap(),
        )
    })
    .await;
}

#[tokio::test]
async fn json_token_endpoint_redirect_is_not_followed() {
    let _capture = capture_check(&[]);
    redirected_token_error(|url| {
        Arc::new(JsonTokenSource::new(url, CLIENT_ID, SecretString::from(CLIENT_SECRET)).unwrap())
    })
    .await;
}

#[tokio::test]
async fn token_endpoint_401_is_not_retried_and_sends_no_api_request() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_string("bad client"))
        .named("token endpoint: 401")
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(json_source(&server)));

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(error.is_auth(), "{error}");
    assert!(
        error
            .to_string()
            .contains("rejected the client id or secret"),
        "{error}"
    );
    assert_eq!(
        auth_error(&error).description.as_deref(),
        Some("bad client")
    );
}

#[tokio::test]
async fn learned_scopes_follow_the_current_token() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    // The first token lists a scope; the refreshed one lists none.
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(TokenSequence::new().scope("read:tickets"))
        .up_to_n_times(1)
        .with_priority(1)
        .named("token endpoint: first token, with scope")
        .expect(1)
        .mount(&server)
        .await;
    mount_token(&server, TokenSequence::new().prefix("tok-next-"), 1).await;
    catch_all(&server).await;
    let credential = oauth(json_source(&server));

    let first = credential.authorize().await.unwrap();
    let learned = credential.granted().expect("learned");
    assert_eq!(learned.names(), ["read:tickets"]);
    assert_eq!(credential.granted_source(), GrantSource::TokenResponse);
    // Authorizing again with the same token does not rebuild the grant.
    credential.authorize().await.unwrap();
    let again = credential.granted().expect("still learned");
    assert!(Arc::ptr_eq(&learned, &again), "the grant was rebuilt");

    assert!(credential.invalidate(&first));
    credential.authorize().await.unwrap();
    // The new token says nothing about scopes: the old token's grant is dropped,
    // and the requested scopes apply again.
    let granted = credential.granted().expect("the requested scopes");
    assert_eq!(granted.names(), ["edit:tickets", "read:tickets"]);
    assert_eq!(credential.granted_source(), GrantSource::Requested);
    assert_grant(
        credential.as_ref(),
        &["edit:tickets", "read:tickets"],
        GrantSource::Requested,
    );
    assert_eq!(token_requests(&server).await, 2);
}

/// A 200 token answer far over the 64 KiB limit of token responses.
fn oversized_token_answer() -> ResponseTemplate {
    let mut body = token_body("tok-big", 3600, None);
    body["padding"] = "x".repeat(100 * 1024).into();
    ResponseTemplate::new(200).set_body_json(body)
}

/// Whether `error` or anything in its source chain is [`Error::ResponseTooLarge`].
fn too_large_in_chain(error: &Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = next {
        if let Some(Error::ResponseTooLarge { limit, .. }) = current.downcast_ref::<Error>() {
            return *limit == 64 * 1024;
        }
        next = current.source();
    }
    false
}

#[tokio::test]
async fn an_oversized_token_response_is_refused_and_not_retried() {
    let _capture = capture_check(&[]);
    for json in [false, true] {
        let server = MockServer::start().await;
        catch_all(&server).await;
        mount_token(&server, oversized_token_answer(), 2).await;
        let error = if json {
            json_source(&server).fetch().await
        } else {
            form_source(&server).fetch().await
        }
        .unwrap_err();
        assert!(error.is_auth() && !error.is_retryable(), "{error:?}");
        assert!(too_large_in_chain(&error), "{error:?}");
        assert!(error.to_string().contains("65536 bytes"), "{error}");

        // Through the cache and the transport: one more token request (not
        // retried), and no API request (the catch-all expects none).
        let credential = if json {
            oauth(json_source(&server))
        } else {
            oauth(form_source(&server))
        };
        let error = transport(&server, credential)
            .send(ApiRequest::get("/tickets"))
            .await
            .unwrap_err();
        assert!(error.is_auth(), "{error:?}");
        assert!(too_large_in_chain(&error), "{error:?}");
    }
}

#[tokio::test]
async fn an_oversized_token_error_body_is_cut_and_keeps_the_status() {
    let _capture = capture_check(&[]);
    for json in [false, true] {
        let server = MockServer::start().await;
        let body = format!(
            r#"{{"error":"invalid_client","padding":"{}"}}"#,
            "x".repeat(100 * 1024)
        );
        mount_token(&server, ResponseTemplate::new(401).set_body_string(body), 1).await;
        let error = if json {
            json_source(&server).fetch().await
        } else {
            form_source(&server).fetch().await
        }
        .unwrap_err();
        let auth = auth_error(&error);
        assert_eq!(auth.status.map(|s| s.as_u16()), Some(401), "{error:?}");
        assert!(!too_large_in_chain(&error), "{error:?}");
        // The description is a short snippet of what was read, not 100 KiB.
        assert!(error.to_string().len() < 1024, "{error}");
    }
}
