//! Issue 8 item 3: the exact secrets the SDK holds are masked wherever server
//! or request text is rendered, even when a vendor echoes them bare (no
//! `client_secret=` or `Bearer ` in front for the patterns to catch).

mod common;

use std::sync::Arc;

use common::*;
use neo_auth_core::{ApiRequest, Credential, Error, KnownSecrets, RequestOptions, TokenSource};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Prefix of the tokens of this binary (long enough to be a known secret).
const TOKEN: &str = "at-8e2d-bare-token-never-print-";

/// Every text an error renders: Display, Debug and each source in its chain.
fn renderings(error: &Error) -> String {
    let mut out = format!("{error}\n{error:?}\n");
    let mut next = std::error::Error::source(error);
    while let Some(source) = next {
        out.push_str(&format!("{source}\n{source:?}\n"));
        next = source.source();
    }
    out
}

#[track_caller]
fn assert_masked(context: &str, error: &Error, extra: &[&str]) {
    let text = renderings(error);
    let mut extra = extra.to_vec();
    extra.push(TOKEN);
    assert_no_secrets(context, &text, &extra);
    assert!(
        text.contains("** redacted **"),
        "{context}: nothing masked:\n{text}"
    );
}

async fn mount(server: &MockServer, verb: &str, at: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

/// A vendor message quoting the client secret and a token bare.
fn echo(token: &str) -> String {
    format!("invalid secret {CLIENT_SECRET} for token {token} (check the client)")
}

#[tokio::test]
async fn api_errors_and_decode_snippets_mask_the_client_secret_and_the_tokens() {
    let _capture = capture_check(&[TOKEN]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new().prefix(TOKEN), 2).await;
    let first = format!("{TOKEN}1");
    // A 401 (which drops token 1), then a JSON error and a plain-text error
    // quoting the previous and the current token bare.
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(401).set_body_string(echo(&first)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(
        &server,
        "GET",
        "/api/tickets",
        ResponseTemplate::new(400).set_body_json(json!({
            "message": echo(&format!("{TOKEN}2")),
            "detail": echo(&first),
        })),
    )
    .await;
    mount(
        &server,
        "GET",
        "/api/text",
        ResponseTemplate::new(500).set_body_string(echo(&format!("{TOKEN}2"))),
    )
    .await;
    mount(
        &server,
        "GET",
        "/api/broken",
        ResponseTemplate::new(200).set_body_json(json!({
            "count": format!("many, says {CLIENT_SECRET} to {TOKEN}2"),
        })),
    )
    .await;
    let credential = oauth(json_source(&server));
    let transport = transport(&server, credential.clone());

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error:?}");
    assert_masked("a JSON API error", &error, &[]);
    let api = error.api().expect("an API error");
    assert!(
        api.message
            .as_deref()
            .unwrap_or("")
            .contains("check the client")
    );

    let error = transport
        .send(ApiRequest::get("/text").options(RequestOptions::new().max_attempts(1)))
        .await
        .unwrap_err();
    assert_masked("a text API error", &error, &[]);

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Count {
        count: u32,
    }
    let error = transport
        .send_json::<Count>(ApiRequest::get("/broken"))
        .await
        .unwrap_err();
    let Error::Decode { snippet, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(snippet.contains("** redacted **"), "{snippet}");
    assert_no_secrets("a decode error", &renderings(&error), &[TOKEN]);

    // The credential reports what it masks: the client secret and both tokens.
    let known = credential.known_secrets();
    assert_eq!(known.len(), 3, "{known:?}");
    assert!(!format!("{known:?}").contains(TOKEN));
}

#[tokio::test]
async fn token_endpoint_errors_mask_the_client_secret() {
    let _capture = capture_check(&[]);
    for json_body in [true, false] {
        let server = MockServer::start().await;
        let response = if json_body {
            ResponseTemplate::new(400).set_body_json(json!({
                "error": "invalid_client",
                "error_description": echo("none"),
            }))
        } else {
            ResponseTemplate::new(400).set_body_string(echo("none"))
        };
        mount_token(&server, response, 2).await;
        let sources: [Arc<dyn TokenSource>; 2] = [
            Arc::new(form_source(&server)),
            Arc::new(json_source(&server)),
        ];
        for source in sources {
            assert_eq!(source.known_secrets().len(), 1);
            let error = source.fetch().await.unwrap_err();
            assert!(error.is_auth(), "{error:?}");
            assert_masked("a token endpoint error", &error, &[]);
            let auth = error.auth().expect("an auth error");
            assert!(
                auth.description
                    .as_deref()
                    .unwrap_or("")
                    .contains("check the client"),
                "{auth:?}"
            );
        }
    }
}

#[tokio::test]
async fn basic_credentials_mask_password_and_secret_header_in_errors_and_body_logs() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    let quoted = format!(
        "user acme password {BASIC_PASSWORD} clientId {MANAGE_CLIENT_ID} auth {}",
        basic_b64()
    );
    mount(
        &server,
        "POST",
        "/api/tickets",
        ResponseTemplate::new(400).set_body_json(json!({"message": quoted})),
    )
    .await;
    mount(
        &server,
        "GET",
        "/api/tickets",
        ResponseTemplate::new(200).set_body_json(json!([{"note": quoted}])),
    )
    .await;
    let credential = Arc::new(basic());
    assert_eq!(credential.known_secrets().len(), 3);
    let transport = transport(&server, credential);

    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .json(&json!({"summary": format!("from {MANAGE_CLIENT_ID}")}))
                .unwrap()
                .options(RequestOptions::new().log_bodies(true)),
        )
        .await
        .unwrap_err();
    assert_masked("a Basic API error", &error, &[]);

    // Opt-in body logging of a response that quotes them.
    transport
        .send(ApiRequest::get("/tickets").options(RequestOptions::new().log_bodies(true)))
        .await
        .expect("200");
    let logged = captured_lines_with(&["response body", "clientId"]);
    assert!(!logged.is_empty(), "{}", global_capture().text());
    for line in logged {
        assert!(line.contains("** redacted **"), "{line}");
    }
    // The capture check (on drop) asserts no secret reached the log.
}

#[test]
fn short_values_are_not_known_secrets() {
    let secrets = KnownSecrets::new().with(&secrecy::SecretString::from("abc"));
    assert!(secrets.is_empty());
    assert_eq!(secrets.mask("abc abc"), "abc abc");
}

#[tokio::test]
async fn a_list_page_that_fails_to_decode_masks_the_client_secret_and_the_token() {
    use neo_auth_core::{Area, EndpointSpec, Envelope, ListCall, PagingScheme, Requirements};

    static TICKETS: EndpointSpec = EndpointSpec::new(
        "tickets",
        "/tickets",
        Requirements::unscoped_read(Area::new("tickets")),
    )
    .paging(PagingScheme::None)
    .envelope(Envelope::under(&["items"]));

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Ticket {
        id: u32,
    }

    let _capture = capture_check(&[TOKEN]);
    let server = MockServer::start().await;
    mount_token(&server, TokenSequence::new().prefix(TOKEN), 1).await;
    // The second record's id is a string quoting the secret and the token bare,
    // and the envelope itself is fine: the record decode fails.
    mount(
        &server,
        "GET",
        "/api/tickets",
        ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"id": 1}, {"id": format!("{CLIENT_SECRET} {TOKEN}1")}],
        })),
    )
    .await;
    let transport = transport(&server, oauth(json_source(&server)));
    let error = ListCall::<Ticket>::new(&transport, &TICKETS)
        .send()
        .await
        .unwrap_err();
    let Error::Decode { path, snippet, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(path.starts_with("items[1]"), "{path}");
    assert!(snippet.contains("** redacted **"), "{snippet}");
    assert_no_secrets("a list decode error", &renderings(&error), &[TOKEN]);
}
