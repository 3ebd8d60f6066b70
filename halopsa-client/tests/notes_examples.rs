//! Every example of the reference notes (`api/halopsa.md`, copied verbatim to `tests/fixtures/vendor/halopsa-notes.md`), verbatim.
//!
//! The notes' fenced examples are copied byte for byte into
//! `tests/fixtures/notes/` (a test pins that the copies still match the notes).
//! Each JSON example decodes into the model the SDK uses for it, keeps every field
//! when serialised again, and is what the client sends or accepts; the two HTTP
//! examples are the requests the client really makes. The error body shapes and
//! token response fields the notes describe in prose (§2.1, §2.7, §2.8) are fed
//! through the client too.
//!
//! The vendor OpenAPI spec has no `example` / `examples` anywhere (a guard test
//! below fails if that changes); its modelled schemas are decoded by
//! `tests/models.rs` (`every_modelled_spec_schema_decodes`).

mod common;

use std::collections::BTreeSet;

use halopsa_client::models::{Action, ListResponse, Ticket};
use neo_auth_core::{Error, RequestOptions};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const NOTES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/vendor/halopsa-notes.md"
);
const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/vendor/halopsa-openapi-v2.json"
);

/// The fenced example blocks of the notes, in order: the fence language, the
/// fixture holding the block verbatim, and the request line the notes write in
/// front of a JSON body (`POST /api/Tickets`), which is not part of the JSON and
/// so not part of the fixture.
const EXAMPLES: &[(&str, &str, Option<&str>)] = &[
    ("http", "token_request.http", None),
    ("http", "tickets_list_request.http", None),
    ("json", "tickets_list_response.json", None),
    (
        "json",
        "tickets_create_request.json",
        Some("POST /api/Tickets"),
    ),
    (
        "json",
        "actions_create_request.json",
        Some("POST /api/Actions"),
    ),
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path} must exist (reference data kept in the repository): {e}")
    })
}

fn fixture(name: &str) -> String {
    read(&format!(
        "{}/tests/fixtures/notes/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn raw(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Decodes with `serde_path_to_error`, so a failure names the JSON path.
fn decode<T: DeserializeOwned>(name: &str) -> T {
    let text = fixture(name);
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| panic!("{name}: {}: {}", e.path(), e.inner()))
}

/// The fenced blocks of a Markdown text: (language, body).
fn fenced_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_end();
        match (&mut open, trimmed.strip_prefix("```")) {
            (None, Some(language)) => open = Some((language.to_owned(), String::new())),
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some((_, body)), _) => body.push_str(line),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "an unclosed fence in the notes");
    blocks
}

/// Serialising `value` gives back exactly `raw`: no field lost, none invented,
/// no value changed.
fn assert_lossless<T: Serialize>(value: &T, raw: &Value, what: &str) {
    let out = serde_json::to_value(value).unwrap();
    assert_eq!(&out, raw, "{what}: re-serialised differently");
}

/// The query pairs of an example request line, sorted.
fn example_query(request_line: &str) -> (String, Vec<(String, String)>) {
    let target = request_line
        .split_whitespace()
        .nth(1)
        .expect("a request target");
    let url = url::Url::parse("http://notes.invalid")
        .unwrap()
        .join(target)
        .unwrap();
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    (url.path().to_owned(), pairs)
}

fn sorted_query(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

// ------------------------------------------------------------ the fixtures

#[test]
fn every_example_block_of_the_notes_has_a_verbatim_fixture() {
    let blocks = fenced_blocks(&read(NOTES));
    assert_eq!(
        blocks.len(),
        EXAMPLES.len(),
        "the notes have {} example blocks; give each a fixture in tests/fixtures/notes/ and a test here",
        blocks.len()
    );
    for ((language, body), (expected_language, name, request_line)) in blocks.iter().zip(EXAMPLES) {
        assert_eq!(language, expected_language, "{name}");
        let body = match request_line {
            Some(line) => body
                .strip_prefix(line)
                .and_then(|rest| rest.strip_prefix('\n'))
                .unwrap_or_else(|| panic!("{name}: the block no longer starts with `{line}`")),
            None => body.as_str(),
        };
        assert_eq!(
            fixture(name),
            body,
            "{name} is no longer the notes' block verbatim"
        );
        if *expected_language == "json" {
            serde_json::from_str::<Value>(body)
                .unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
        }
    }
}

// ------------------------------------------------------------ JSON examples

#[test]
fn the_ticket_list_example_decodes_into_the_list_envelope() {
    let name = "tickets_list_response.json";
    let page =
        ListResponse::<Ticket>::from_slice_with_key(fixture(name).as_bytes(), Some("tickets"))
            .unwrap();
    assert_eq!(page.record_count, Some(717));
    assert_eq!(page.key.as_deref(), Some("tickets"));
    assert!(page.extra.is_empty(), "{:?}", page.extra);
    let [ticket] = page.items.as_slice() else {
        panic!("one ticket: {:?}", page.items)
    };
    assert_eq!(ticket.id, Some(1042));
    assert_eq!(ticket.summary.as_deref(), Some("Printer offline"));
    assert_eq!(ticket.client_id, Some(12));
    assert_eq!(ticket.status_id, Some(1));
    assert_eq!(ticket.agent_id, Some(5));
    assert_eq!(ticket.team.as_deref(), Some("1st Line"));
    assert_eq!(ticket.dateoccurred.as_deref(), Some("2024-05-01T09:12:00Z"));
    assert!(ticket.extra.is_empty(), "all typed: {:?}", ticket.extra);
    assert_lossless(&page, &raw(name), name);
    // Plain `Deserialize` (no key known) reads the same page.
    let plain: ListResponse<Ticket> = decode(name);
    assert_eq!(plain, page);
}

#[test]
fn the_ticket_create_example_decodes_into_tickets() {
    let name = "tickets_create_request.json";
    let tickets: Vec<Ticket> = decode(name);
    let [ticket] = tickets.as_slice() else {
        panic!("one ticket: {tickets:?}")
    };
    assert_eq!(ticket.id, None);
    assert_eq!(ticket.summary.as_deref(), Some("Printer offline"));
    assert_eq!(ticket.details.as_deref(), Some("User reports..."));
    assert_eq!(ticket.client_id, Some(12));
    assert_eq!(ticket.site_id, Some(30));
    assert_eq!(ticket.user_id, Some(77));
    assert_eq!(ticket.tickettype_id, Some(1));
    assert_eq!(ticket.team.as_deref(), Some("1st Line"));
    assert_eq!(ticket.priority_id, Some(3));
    assert!(ticket.extra.is_empty(), "all typed: {:?}", ticket.extra);
    assert_lossless(&tickets, &raw(name), name);
}

#[test]
fn the_action_create_example_decodes_into_actions() {
    let name = "actions_create_request.json";
    let actions: Vec<Action> = decode(name);
    let [action] = actions.as_slice() else {
        panic!("one action: {actions:?}")
    };
    assert_eq!(action.id, None);
    assert_eq!(action.ticket_id, Some(1042));
    assert_eq!(action.outcome.as_deref(), Some("Private Note"));
    assert_eq!(action.note.as_deref(), Some("Restarted spooler"));
    assert_eq!(action.hiddenfromuser, Some(true));
    assert_eq!(action.timetaken, Some(0.25));
    assert_eq!(action.new_status, Some(2));
    assert!(action.extra.is_empty(), "all typed: {:?}", action.extra);
    assert_lossless(&actions, &raw(name), name);
}

/// Answers a POST with its first record, given `id`.
fn echo_with_id(id: i64) -> impl Fn(&Request) -> ResponseTemplate {
    move |request: &Request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let mut saved = body.get(0).cloned().unwrap_or_else(|| json!({}));
        saved["id"] = json!(id);
        ResponseTemplate::new(201).set_body_json(saved)
    }
}

/// The only POST the server received to `path`, as JSON.
async fn posted_body(server: &MockServer, to: &str) -> Value {
    let posts: Vec<Request> = common::api_requests(server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path() == to)
        .collect();
    assert_eq!(posts.len(), 1, "one POST to {to}");
    serde_json::from_slice(&posts[0].body).unwrap()
}

#[tokio::test]
async fn the_client_sends_the_documented_create_bodies_byte_for_byte_equal_as_json() {
    let (server, client) = common::setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(echo_with_id(1042))
        .named("create ticket")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Actions"))
        .respond_with(echo_with_id(1))
        .named("create action")
        .expect(1)
        .mount(&server)
        .await;

    // Built field by field, as an integration would, not decoded from the fixture.
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some("Printer offline".into()),
            details: Some("User reports...".into()),
            client_id: Some(12),
            site_id: Some(30),
            user_id: Some(77),
            tickettype_id: Some(1),
            team: Some("1st Line".into()),
            priority_id: Some(3),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(ticket.id, Some(1042));
    assert_eq!(
        posted_body(&server, "/api/Tickets").await,
        raw("tickets_create_request.json")
    );

    let action = client
        .actions()
        .create(&Action {
            ticket_id: ticket.id,
            outcome: Some("Private Note".into()),
            note: Some("Restarted spooler".into()),
            hiddenfromuser: Some(true),
            timetaken: Some(0.25),
            new_status: Some(2),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!((action.ticket_id, action.id), (Some(1042), Some(1)));
    assert_eq!(
        posted_body(&server, "/api/Actions").await,
        raw("actions_create_request.json")
    );
}

// ------------------------------------------------------------ HTTP examples

#[tokio::test]
async fn the_ticket_list_request_example_is_what_the_client_sends() {
    let example = fixture("tickets_list_request.http");
    let mut lines = example.lines();
    let (example_path, example_query) = example_query(lines.next().unwrap());
    assert!(
        lines.next().unwrap().starts_with("Authorization: Bearer "),
        "{example}"
    );

    let (server, client) = common::setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            fixture("tickets_list_response.json").into_bytes(),
            "application/json",
        ))
        .named("ticket page")
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .tickets()
        .list()
        .page_size(100)
        .client_id(12)
        .open_only(true)
        .order_by_desc("id")
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, Some(1042));

    let requests = common::api_requests(&server).await;
    let [request] = requests.as_slice() else {
        panic!("one request: {requests:?}")
    };
    assert_eq!(request.url.path(), example_path);
    assert_eq!(sorted_query(request), example_query);
    let authorization = request.headers.get("authorization").unwrap();
    assert_eq!(
        authorization.to_str().unwrap(),
        format!("Bearer {}", common::TOKEN)
    );
}

#[tokio::test]
async fn the_token_request_example_is_what_the_client_sends() {
    let example = fixture("token_request.http");
    let mut lines = example.lines();
    let request_line = lines.next().unwrap();
    let (example_path, example_query) = example_query(request_line);
    assert_eq!(
        lines.next(),
        Some("Content-Type: application/x-www-form-urlencoded")
    );
    assert_eq!(lines.next(), Some(""));
    let example_form: Vec<(String, String)> =
        url::form_urlencoded::parse(lines.next().expect("a form body").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let scope = example_form
        .iter()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.clone())
        .expect("the example asks for scopes");

    let server = MockServer::start().await;
    common::mount_auth(&server, &scope).await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "API"})))
        .named("agent me")
        .mount(&server)
        .await;
    let client = common::builder(&server)
        .credentials(
            common::credentials(&server)
                .with_tenant("acme")
                .with_scopes(scope.split(' ').map(str::to_owned)),
        )
        .build()
        .unwrap();
    client.whoami().await.unwrap();

    let received = server.received_requests().await.unwrap();
    let tokens: Vec<&Request> = received
        .iter()
        .filter(|r| r.url.path() == example_path)
        .collect();
    let [token] = tokens.as_slice() else {
        panic!("one token request: {received:?}")
    };
    assert_eq!(token.method.as_str(), "POST");
    assert_eq!(sorted_query(token), example_query);
    assert_eq!(
        token.headers.get("content-type").unwrap().to_str().unwrap(),
        "application/x-www-form-urlencoded"
    );
    let sent: Vec<(String, String)> = url::form_urlencoded::parse(&token.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let keys = |pairs: &[(String, String)]| -> BTreeSet<String> {
        pairs.iter().map(|(k, _)| k.clone()).collect()
    };
    assert_eq!(keys(&sent), keys(&example_form), "{sent:?}");
    for (key, value) in &example_form {
        let actual = &sent.iter().find(|(k, _)| k == key).unwrap().1;
        match value.as_str() {
            // The notes elide the credentials.
            "..." if key == "client_id" => assert_eq!(actual, common::CLIENT_ID),
            "..." if key == "client_secret" => assert_eq!(actual, common::SECRET),
            _ => assert_eq!(actual, value, "{key}"),
        }
    }
}

// ------------------------------------------------------------ prose examples

/// The token response with every field §2.1 says HaloAPI reads is accepted, and
/// API calls carry `Bearer {access_token}`.
#[tokio::test]
async fn a_token_response_with_every_documented_field_is_accepted() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/authinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "auth_url": format!("{}/auth", server.uri()),
            "tenant_id": "acme"
        })))
        .named("authinfo")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer",
            "access_token": "documented-access-token",
            "expires_in": 3600,
            "refresh_token": "documented-refresh-token",
            "id_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiI1In0."
        })))
        .named("token")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 5, "name": "API"})))
        .named("agent me")
        .expect(2)
        .mount(&server)
        .await;
    let client = common::builder(&server).build().unwrap();
    assert_eq!(client.whoami().await.unwrap().id, Some(5));
    assert_eq!(client.whoami().await.unwrap().id, Some(5), "token reused");
    let received = server.received_requests().await.unwrap();
    let token = received
        .iter()
        .find(|r| r.url.path() == "/auth/token")
        .unwrap();
    assert_eq!(token.url.query(), Some("tenant=acme"));
    for call in received.iter().filter(|r| r.url.path() == "/api/Agent/me") {
        assert_eq!(
            call.headers.get("authorization").unwrap().to_str().unwrap(),
            "Bearer documented-access-token"
        );
    }
}

/// One error body shape of §2.7 (or the 429 text of §2.8) and what the client
/// makes of it.
struct ErrorCase {
    status: u16,
    content_type: &'static str,
    body: &'static str,
    code: Option<&'static str>,
    message: &'static str,
}

const ERROR_CASES: &[ErrorCase] = &[
    ErrorCase {
        status: 400,
        content_type: "application/json",
        body: r#"{"resultCode": 1, "errorMessage": "details is required for this ticket type"}"#,
        code: Some("1"),
        message: "details is required for this ticket type",
    },
    ErrorCase {
        status: 400,
        content_type: "application/json",
        body: r#"{"ClassName": "System.ArgumentException", "Message": "Expected an array"}"#,
        code: Some("System.ArgumentException"),
        message: "Expected an array",
    },
    ErrorCase {
        status: 404,
        content_type: "application/json",
        body: r#"{"Message": "No HTTP resource was found that matches the request URI"}"#,
        code: None,
        message: "No HTTP resource was found that matches the request URI",
    },
    ErrorCase {
        status: 400,
        content_type: "application/json",
        body: r#"{"error": "invalid_request", "error_description": "bad filter"}"#,
        code: Some("invalid_request"),
        message: "bad filter",
    },
    ErrorCase {
        status: 400,
        content_type: "text/plain",
        body: "Bad Request",
        code: None,
        message: "Bad Request",
    },
    ErrorCase {
        status: 429,
        content_type: "text/plain",
        body: "Rate Limit Reached - 300 Requests per rolling 5 minute window",
        code: None,
        message: "Rate Limit Reached - 300 Requests per rolling 5 minute window",
    },
];

#[tokio::test]
async fn every_documented_error_shape_reaches_the_caller_parsed() {
    let notes = read(NOTES).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        notes.contains(ERROR_CASES[5].body),
        "the 429 text is quoted from §2.8"
    );
    for case in ERROR_CASES {
        let (server, client) = common::setup().await;
        Mock::given(method("GET"))
            .and(path("/api/Tickets/7"))
            .respond_with(
                ResponseTemplate::new(case.status)
                    .set_body_raw(case.body.as_bytes(), case.content_type),
            )
            .named("error")
            .expect(1)
            .mount(&server)
            .await;
        let error = client
            .tickets()
            .get(7)
            .options(RequestOptions::new().max_attempts(1))
            .send()
            .await
            .unwrap_err();
        let Error::Api(api) = &error else {
            panic!("{}: an API error, got {error:?}", case.body)
        };
        assert_eq!(api.status.as_u16(), case.status, "{}", case.body);
        assert_eq!(api.code.as_deref(), case.code, "{}", case.body);
        assert_eq!(api.message.as_deref(), Some(case.message), "{}", case.body);
        assert!(error.to_string().contains(case.message), "{error}");
    }
}

// ------------------------------------------------------------ the vendor spec

/// The OpenAPI spec carries no `example` / `examples` (checked with Python when
/// this test was written): there is nothing verbatim to decode, and the modelled
/// schemas are decoded from generated samples in `tests/models.rs`. If a new spec
/// version brings examples, this fails so that they get decoded too.
#[test]
fn the_vendor_spec_has_no_examples_left_undecoded() {
    fn walk(value: &Value, path: &mut Vec<String>, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    if key == "example" || key == "examples" {
                        found.push(format!("{}/{key}", path.join("/")));
                    }
                    path.push(key.clone());
                    walk(child, path, found);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(index.to_string());
                    walk(child, path, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let spec: Value = serde_json::from_str(&read(SPEC)).unwrap();
    assert!(
        spec["components"]["schemas"]["Faults"]["properties"].is_object(),
        "the spec is the full Halo spec"
    );
    let mut found = Vec::new();
    walk(&spec, &mut Vec::new(), &mut found);
    assert!(
        found.is_empty(),
        "the spec now has examples; decode them into the models: {found:?}"
    );
}
