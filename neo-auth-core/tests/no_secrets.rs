//! Secrets never reach a `Debug` rendering, an error message or the log.
//!
//! This binary installs one global TRACE subscriber (see `common::global_capture`)
//! so that everything any test here traced, on any thread, is captured; each test
//! checks the whole capture when it is done.

mod common;

use std::sync::Arc;

use common::*;
use neo_auth_core::{
    AccessPolicy, ApiRequest, Approval, AreaAccess, ClientAuth, ClientCredentialsSource,
    Credential, Error, RequestOptions, TokenSource,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Prefix of every access token handed out in this binary.
const TOKEN: &str = "at-4c1e9b-access-token-never-print-";

fn tokens() -> Vec<String> {
    (1..=5).map(|n| format!("{TOKEN}{n}")).collect()
}

#[track_caller]
fn assert_clean(context: &str, text: &str) {
    let tokens = tokens();
    let extra: Vec<&str> = tokens.iter().map(String::as_str).collect();
    assert_no_secrets(context, text, &extra);
    assert!(
        !text.contains("Bearer at-"),
        "{context} shows a bearer header:\n{text}"
    );
}

#[track_caller]
fn assert_capture_clean() {
    assert_clean("the tracing capture", &global_capture().text());
}

async fn mount(server: &MockServer, verb: &str, at: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oauth_session_leaks_nothing() {
    global_capture();
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new().prefix(TOKEN), 2).await;
    // The first GET is rejected (refresh + retry), then the data comes back.
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(
        &server,
        "GET",
        "/api/tickets",
        ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])),
    )
    .await;
    // An API that echoes secret-looking fields in an error body.
    mount(
        &server,
        "POST",
        "/api/tickets",
        ResponseTemplate::new(400).set_body_json(json!({
            "message": "bad ticket",
            "client_secret": CLIENT_SECRET,
            "access_token": format!("{TOKEN}1"),
        })),
    )
    .await;
    // A body that does not decode, with a token inside.
    mount(
        &server,
        "GET",
        "/api/broken",
        ResponseTemplate::new(200).set_body_json(json!({
            "count": "many", "access_token": format!("{TOKEN}2")
        })),
    )
    .await;

    let source = form_source(&server).with_client_auth(ClientAuth::BasicHeader);
    assert_clean("ClientCredentialsSource", &format!("{source:?}"));
    let credential = oauth(source);
    let transport = transport_builder(&server, credential.clone())
        .policy(AccessPolicy::allow_all().with(TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()
        .unwrap();

    let response = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let approval = Approval::new("ops-lead", "bulk import reviewed").unwrap();
    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .approval(Some(approval))
                .json(&json!([{"summary": "printer on fire"}]))
                .unwrap()
                .options(RequestOptions::new().log_bodies(true)),
        )
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_clean("an API error (Display)", &error.to_string());
    assert_clean("an API error (Debug)", &format!("{error:?}"));

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Count {
        count: u32,
    }
    let error = transport
        .send_json::<Count>(ApiRequest::get("/broken"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_clean("a decode error (Display)", &error.to_string());
    assert_clean("a decode error (Debug)", &format!("{error:?}"));

    // Holding a live token now.
    let authorization = credential.authorize().await.unwrap();
    assert_clean("Authorization", &format!("{authorization:?}"));
    assert_clean("OAuth2Credential", &format!("{credential:?}"));
    assert_clean("TokenCache", &format!("{:?}", credential.cache()));
    let cached = credential.cache().peek().expect("a cached token");
    assert_clean("CachedToken", &format!("{cached:?}"));
    assert_clean("AccessToken", &format!("{:?}", cached.token()));
    assert_clean("Transport", &format!("{transport:?}"));

    let trace = global_capture().text();
    assert!(trace.contains("neo.request"), "requests are traced");
    assert!(
        trace.contains("ops-lead") && trace.contains("bulk import reviewed"),
        "the approval is recorded in the span:\n{trace}"
    );
    // The HTTP library logs through `log`; those records are captured (and
    // checked) too.
    assert!(
        !captured_lines_with(&["reqwest::connect", "starting new connection"]).is_empty(),
        "`log` records reach the capture:\n{trace}"
    );
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_json_token_endpoint_leaks_nothing() {
    global_capture();
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "unknown client",
            "client_secret": CLIENT_SECRET,
        })),
        2,
    )
    .await;
    let source = json_source(&server);
    assert_clean("JsonTokenSource", &format!("{source:?}"));
    let error = source.fetch().await.unwrap_err();
    assert!(error.is_auth(), "{error:?}");
    assert_clean("a token error (Display)", &error.to_string());
    assert_clean("a token error (Debug)", &format!("{error:?}"));

    let credential = oauth(json_source(&server));
    let transport = transport(&server, credential);
    let _ = transport.send(ApiRequest::get("/tickets")).await;
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_token_endpoint_error_leaks_nothing() {
    global_capture();
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "client_secret": CLIENT_SECRET,
        })),
        1,
    )
    .await;
    let source = ClientCredentialsSource::new(
        &token_url(&server),
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    )
    .unwrap();
    let error = source.fetch().await.unwrap_err();
    assert_clean("a form token error (Display)", &error.to_string());
    assert_clean("a form token error (Debug)", &format!("{error:?}"));
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_basic_session_leaks_nothing() {
    global_capture();
    let server = MockServer::start().await;
    mount(&server, "GET", "/api/tickets", ResponseTemplate::new(200)).await;
    mount(
        &server,
        "GET",
        "/api/failing",
        ResponseTemplate::new(500)
            .set_body_string(format!("boom: Authorization: Basic {}", basic_b64())),
    )
    .await;
    let credential: Arc<dyn Credential> = Arc::new(basic());
    assert_clean("BasicCredential", &format!("{credential:?}"));
    let authorization = credential.authorize().await.unwrap();
    assert_clean("Authorization (Basic)", &format!("{authorization:?}"));
    let transport = transport(&server, credential);
    transport.send(ApiRequest::get("/tickets")).await.unwrap();
    let error = transport
        .send(ApiRequest::get("/failing").options(RequestOptions::new().max_attempts(1)))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_clean("a 500 error (Display)", &error.to_string());
    assert_clean("a 500 error (Debug)", &format!("{error:?}"));
    assert_clean("Transport (Basic)", &format!("{transport:?}"));
    assert_capture_clean();
}

/// A numeric "secret" (a PIN, a numeric key) that a wrong-typed field carries.
const NUMERIC_SECRET: &str = "4242424242";

#[track_caller]
fn assert_error_clean(context: &str, error: &Error, extra: &[&str]) {
    for text in [error.to_string(), format!("{error:?}")] {
        assert_clean(context, &text);
        for secret in extra {
            assert!(
                !text.contains(secret),
                "{context} leaks `{secret}`:\n{text}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_inside_vendor_messages_are_masked() {
    global_capture();
    let server = MockServer::start().await;
    let leaked = format!("{TOKEN}3");
    mount(
        &server,
        "GET",
        "/api/echo",
        ResponseTemplate::new(400)
            .set_body_json(json!({"message": format!("invalid token Bearer {leaked}")})),
    )
    .await;
    mount(
        &server,
        "GET",
        "/api/rejected",
        ResponseTemplate::new(401).set_body_json(json!({
            "detail": format!("client_secret={CLIENT_SECRET} rejected"),
        })),
    )
    .await;
    let transport = transport(&server, Arc::new(basic()));

    let error = transport.send(ApiRequest::get("/echo")).await.unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(
        api.message.as_deref(),
        Some("invalid token Bearer ** redacted **")
    );
    assert_error_clean("an API message with a bearer token", &error, &[]);

    let error = transport
        .send(ApiRequest::get("/rejected"))
        .await
        .unwrap_err();
    assert!(error.is_auth(), "{error:?}");
    assert_error_clean("a 401 description with a form secret", &error, &[]);
    assert!(error.to_string().contains("rejected"), "{error}");
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_inside_token_endpoint_descriptions_are_masked() {
    global_capture();
    for json in [true, false] {
        let server = MockServer::start().await;
        let described = |status: u16, error: &str| {
            ResponseTemplate::new(status).set_body_json(json!({
                "error": error,
                "error_description": format!("client_secret={CLIENT_SECRET} rejected"),
            }))
        };
        // A 503 first, so the retry path logs the error; then a final refusal.
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(described(503, "temporarily_unavailable"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(described(400, "invalid_client"))
            .mount(&server)
            .await;
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
        assert!(
            error
                .to_string()
                .contains("client_secret=** redacted ** rejected"),
            "{error}"
        );
        assert_error_clean("a token endpoint description", &error, &[]);
    }
    assert!(
        !captured_lines_with(&["token request failed; retrying", "redacted"]).is_empty(),
        "the token retry is traced, with the description masked"
    );
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_in_a_wrongly_typed_field_is_not_quoted() {
    global_capture();
    let server = MockServer::start().await;
    mount(
        &server,
        "GET",
        "/api/credentials",
        ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"name": "integration", "client_secret": {NUMERIC_SECRET}, "api_key": "{TOKEN}4"}}"#
        )),
    )
    .await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Stored {
        name: String,
        client_secret: String,
        api_key: u64,
    }
    let transport = transport(&server, Arc::new(basic()));
    let error = transport
        .send_json::<Stored>(ApiRequest::get("/credentials"))
        .await
        .unwrap_err();
    let Error::Decode { path, source, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(path, "client_secret");
    assert!(source.to_string().contains("expected a string"), "{source}");
    assert_error_clean("a decode error", &error, &[NUMERIC_SECRET]);

    // The same at the token endpoint, for both sources: a numeric access token,
    // and a secret-looking string where a number belongs.
    let mut parse_errors = 0;
    for body in [
        format!(r#"{{"access_token": {NUMERIC_SECRET}, "token_type": "bearer"}}"#),
        format!(
            r#"{{"access_token": "{TOKEN}4", "token_type": "bearer", "expires_in": "{TOKEN}5x"}}"#
        ),
    ] {
        let server = MockServer::start().await;
        mount(
            &server,
            "POST",
            TOKEN_PATH,
            ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"),
        )
        .await;
        let sources: [Arc<dyn TokenSource>; 2] = [
            Arc::new(json_source(&server)),
            Arc::new(form_source(&server)),
        ];
        for source in sources {
            match source.fetch().await {
                Ok(token) => {
                    // Both sources read any `expires_in`; it must not be a leak either.
                    assert_clean("a token", &format!("{token:?}"));
                }
                Err(error) => {
                    parse_errors += 1;
                    assert!(error.is_auth(), "{error:?}");
                    assert!(
                        error.to_string().contains("could not be parsed at"),
                        "{error}"
                    );
                    let chain = std::error::Error::source(&error)
                        .map(|s| format!("{s} {s:?}"))
                        .unwrap_or_default();
                    assert_error_clean("a token parse error", &error, &[NUMERIC_SECRET]);
                    assert_clean("a token parse error's source", &chain);
                    assert!(!chain.contains(NUMERIC_SECRET), "{chain}");
                }
            }
        }
    }
    // Both sources refuse the numeric token; both read the unreadable string
    // `expires_in` leniently as an unknown lifetime (issue 8, item 1).
    assert_eq!(parse_errors, 2);
    assert_capture_clean();
}

/// Bodies that are not JSON although they carry JSON: cut off, or embedded in text.
fn quoted_secret_bodies() -> Vec<String> {
    vec![
        format!(r#"invalid request body: {{"client_secret":"{CLIENT_SECRET}"}}"#),
        format!(r#"upstream said {{"id":1,"access_token":"{TOKEN}1","#),
        format!(
            "python repr {{'client_secret': '{CLIENT_SECRET}', 'password': '{BASIC_PASSWORD}'}}"
        ),
        format!(r#"rejected {{\"access_token\": \"{TOKEN}2\"}}"#),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quoted_secrets_in_non_json_token_bodies_are_masked() {
    global_capture();
    for body in quoted_secret_bodies() {
        for json in [true, false] {
            let server = MockServer::start().await;
            // A 503 first, so the retry path logs the description; then a final refusal.
            Mock::given(method("POST"))
                .and(path(TOKEN_PATH))
                .respond_with(ResponseTemplate::new(503).set_body_string(body.clone()))
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&server)
                .await;
            Mock::given(method("POST"))
                .and(path(TOKEN_PATH))
                .respond_with(ResponseTemplate::new(400).set_body_string(body.clone()))
                .mount(&server)
                .await;
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
            assert!(error.to_string().contains("redacted"), "{error}");
            assert_error_clean("a non-JSON token body", &error, &[]);
        }
    }
    assert!(
        !captured_lines_with(&["token request failed; retrying", "HTTP 503", "redacted"])
            .is_empty(),
        "the token retry is traced, with the description masked"
    );
    assert_capture_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quoted_secrets_in_non_json_api_bodies_are_masked() {
    global_capture();
    let server = MockServer::start().await;
    let bodies = quoted_secret_bodies();
    for (n, body) in bodies.iter().enumerate() {
        mount(
            &server,
            "GET",
            &format!("/api/text/{n}"),
            ResponseTemplate::new(400).set_body_string(body.clone()),
        )
        .await;
    }
    // An error body over the 64 KiB read limit is cut, so it is no longer JSON.
    let oversized = format!(
        r#"{{"message":"rejected","client_secret":"{CLIENT_SECRET}","padding":"{}"}}"#,
        "x".repeat(80 * 1024)
    );
    mount(
        &server,
        "GET",
        "/api/oversized",
        ResponseTemplate::new(400).set_body_string(oversized),
    )
    .await;
    mount(
        &server,
        "GET",
        "/api/embedded",
        ResponseTemplate::new(400).set_body_json(json!({
            "message": format!(r#"rejected {{"client_secret": "{CLIENT_SECRET}"}}"#),
        })),
    )
    .await;
    // A 200 cut off mid-body: the decode error's snippet takes the text path.
    mount(
        &server,
        "GET",
        "/api/truncated",
        ResponseTemplate::new(200).set_body_raw(
            format!(r#"{{"id":1,"access_token":"{TOKEN}5","#),
            "application/json",
        ),
    )
    .await;
    let transport = transport(&server, Arc::new(basic()));
    let paths = (0..bodies.len())
        .map(|n| format!("/text/{n}"))
        .chain(["/oversized".to_owned(), "/embedded".to_owned()]);
    for at in paths {
        let error = transport.send(ApiRequest::get(&at)).await.unwrap_err();
        let api = error.api().expect("an API error");
        assert!(
            api.message
                .as_deref()
                .is_some_and(|m| m.contains("redacted")),
            "{at}: {api:?}"
        );
        assert_error_clean(&format!("the error of GET {at}"), &error, &[]);
    }
    let error = transport
        .send_json::<serde_json::Value>(ApiRequest::get("/truncated"))
        .await
        .unwrap_err();
    let Error::Decode { snippet, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(snippet.contains("redacted"), "{snippet}");
    assert_error_clean("a decode error of a cut-off body", &error, &[]);
    assert_capture_clean();
}
