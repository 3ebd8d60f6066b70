//! The HaloPSA fake itself, over plain HTTP: auth, scopes, pagination quirks,
//! writes, faults, visibility and token revocation.
#![cfg(feature = "fake")]

use std::collections::HashSet;
use std::time::{Duration, Instant};

use halopsa_client::fake::{FakeConfig, FakeServer, Fault, SeedSize};
use serde_json::{Value, json};

thread_local! {
    /// One plain HTTP client per test (each test runs on its own thread and runtime).
    static HTTP: reqwest::Client = neo_auth_core::http_client_builder().build().expect("reqwest client");
}

/// A plain HTTP client (reqwest with the SDK's TLS set-up).
fn http() -> reqwest::Client {
    HTTP.with(reqwest::Client::clone)
}

/// `POST /auth/token?tenant=fake` with these form fields.
async fn token_response(server: &FakeServer, form: &[(&str, &str)]) -> reqwest::Response {
    let url = format!("{}/auth/token?tenant=fake", server.base_url());
    http()
        .post(url)
        .form(form)
        .send()
        .await
        .expect("token request")
}

/// A token for `scope` (none: Halo's default `all`), with the configured credentials.
async fn login_with(server: &FakeServer, scope: Option<&str>) -> String {
    let config = server.config();
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_id", config.client_id.as_str()),
        ("client_secret", config.client_secret.as_str()),
    ];
    if let Some(scope) = scope {
        form.push(("scope", scope));
    }
    let response = token_response(server, &form).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

async fn login(server: &FakeServer) -> String {
    login_with(server, None).await
}

/// One API call: `(status, body text)`.
async fn call(
    server: &FakeServer,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, String) {
    let url = format!("{}/api/{}", server.base_url(), path.trim_start_matches('/'));
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = http().request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("api request");
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn get_json(server: &FakeServer, path: &str, token: &str) -> Value {
    let (status, body) = call(server, "GET", path, token, None).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn json_of(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

fn small() -> FakeConfig {
    FakeConfig::default().with_seed(SeedSize::small())
}

fn ids(page: &Value, key: &str) -> Vec<i64> {
    page[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn authinfo_names_the_auth_server_and_tenant() {
    let server = FakeServer::start_with(small()).await;
    let body: Value = http()
        .get(format!("{}/api/authinfo", server.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["auth_url"], format!("{}/auth", server.base_url()));
    assert_eq!(body["tenant_id"], "fake");
    assert_eq!(server.api_requests(), 0, "authinfo is not an API request");

    let on_prem = FakeServer::start_with(small().with_tenant(None)).await;
    let body: Value = http()
        .get(format!("{}/API/AuthInfo", on_prem.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(body["tenant_id"].is_null());
}

#[tokio::test]
async fn token_happy_path_with_tenant() {
    let server = FakeServer::start_with(small()).await;
    let response = token_response(
        &server,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "fake-client-id"),
            ("client_secret", "fake-client-secret"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "all");
    assert!(body["refresh_token"].is_null());
    assert_eq!(body["id_token"].as_str().unwrap().split('.').count(), 3);
    // Its parts are unpadded base64url JSON (header, claims) and a fake signature.
    {
        use base64::Engine;
        let parts: Vec<&str> = body["id_token"].as_str().unwrap().split('.').collect();
        let decode = |part: &str| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .unwrap()
        };
        let header: Value = serde_json::from_slice(&decode(parts[0])).unwrap();
        assert!(header.is_object(), "{header}");
        let claims: Value = serde_json::from_slice(&decode(parts[1])).unwrap();
        assert!(claims["exp"].as_u64() > claims["iat"].as_u64(), "{claims}");
        assert_eq!(decode(parts[2]), b"fake-signature");
    }
    let token = body["access_token"].as_str().unwrap();
    assert_ne!(token, login(&server).await, "tokens are unique");
    assert_eq!(server.token_requests(), 2);
    let me = get_json(&server, "Agent/me", token).await;
    assert_eq!(
        (me["id"].as_i64(), me["isapiagent"].as_bool()),
        (Some(1), Some(true))
    );

    // The parts of HTTP Basic credentials are form-encoded (RFC 6749 §2.3.1).
    let response = http()
        .post(format!("{}/auth/token?tenant=fake", server.base_url()))
        .basic_auth("fake%2Dclient%2Did", Some("fake-client-secret"))
        .form(&[("grant_type", "client_credentials"), ("scope", "all")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "form-decoded id accepted");
    let response = http()
        .post(format!("{}/auth/token?tenant=fake", server.base_url()))
        .basic_auth("fake-client-id", Some("wrong"))
        .form(&[("grant_type", "client_credentials"), ("scope", "all")])
        .send()
        .await
        .unwrap();
    assert_ne!(response.status(), 200, "a wrong secret is refused");
    // HTTP Basic client authentication works too.
    let response = http()
        .post(format!("{}/auth/token?tenant=fake", server.base_url()))
        .basic_auth("fake-client-id", Some("fake-client-secret"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "read:tickets"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap()["scope"],
        "read:tickets"
    );
}

#[tokio::test]
async fn the_token_response_can_leave_out_scope() {
    let server = FakeServer::start_with(small().with_token_scope_in_response(false)).await;
    assert!(!server.config().token_scope_in_response);
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "fake-client-id"),
        ("client_secret", "fake-client-secret"),
        ("scope", "read:tickets"),
    ];
    let response = token_response(&server, &form).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert!(body.get("scope").is_none(), "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    // The grant is still enforced.
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(call(&server, "GET", "Tickets", token, None).await.0, 200);
    assert_eq!(call(&server, "GET", "Client", token, None).await.0, 403);
    assert!(
        FakeConfig::default().token_scope_in_response,
        "on by default"
    );
}

#[tokio::test]
async fn bad_credentials_tenant_and_grant_type_are_refused() {
    let server = FakeServer::start_with(small()).await;
    let wrong = [
        ("grant_type", "client_credentials"),
        ("client_id", "fake-client-id"),
        ("client_secret", "nope"),
    ];
    let response = token_response(&server, &wrong).await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "invalid_client"
    );

    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", "fake-client-id"),
        ("client_secret", "fake-client-secret"),
    ];
    for url in ["/auth/token", "/auth/token?tenant=other"] {
        let response = http()
            .post(format!("{}{url}", server.base_url()))
            .form(&good)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{url}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "invalid_request");
        assert!(
            body["error_description"]
                .as_str()
                .unwrap()
                .contains("tenant"),
            "{body}"
        );
    }

    let password = [
        ("grant_type", "password"),
        ("client_id", "fake-client-id"),
        ("client_secret", "fake-client-secret"),
    ];
    let response = token_response(&server, &password).await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "unsupported_grant_type"
    );
}

#[tokio::test]
async fn an_invalid_scope_is_named() {
    let server = FakeServer::start_with(small()).await;
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "fake-client-id"),
        ("client_secret", "fake-client-secret"),
        ("scope", "read:tickets read:actions"),
    ];
    let response = token_response(&server, &form).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_scope");
    assert_eq!(
        body["error_description"],
        "The scope 'read:actions' is not valid"
    );
}

#[tokio::test]
async fn granted_scopes_are_what_the_application_allows() {
    let server =
        FakeServer::start_with(small().with_scopes(["edit:tickets", "read:customers"])).await;
    let grant = |scope: &'static str| {
        let server = &server;
        async move {
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", "fake-client-id"),
                ("client_secret", "fake-client-secret"),
                ("scope", scope),
            ];
            let response = token_response(server, &form).await;
            (
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    let (status, body) = grant("all").await;
    assert_eq!(
        (status, body["scope"].as_str()),
        (200, Some("edit:tickets read:customers"))
    );
    let (status, body) = grant("read:tickets edit:assets").await;
    assert_eq!(
        (status, body["scope"].as_str()),
        (200, Some("read:tickets"))
    );
    let (status, body) = grant("edit:assets").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_scope"))
    );
}

#[tokio::test]
async fn api_requests_need_a_valid_bearer_token() {
    let server = FakeServer::start_with(small()).await;
    let response = http()
        .get(format!("{}/api/Tickets", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.json::<Value>().await.unwrap()["Message"],
        "Authorization has been denied for this request."
    );
    let (status, _) = call(&server, "GET", "Tickets", "not-a-token", None).await;
    assert_eq!(status, 401);
    assert_eq!(server.api_requests(), 2);

    let expired = FakeServer::start_with(small().with_token_lifetime(0)).await;
    let token = login(&expired).await;
    assert_eq!(
        call(&expired, "GET", "Tickets", &token, None).await.0,
        401,
        "a 0 s token is expired at once"
    );
}

#[tokio::test]
async fn scopes_are_enforced_with_403() {
    let server = FakeServer::start_with(small().with_scopes(["read:tickets"])).await;
    let token = login(&server).await;
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 200);
    assert_eq!(
        call(&server, "GET", "Actions?ticket_id=1", &token, None)
            .await
            .0,
        200
    );
    assert_eq!(call(&server, "GET", "Status", &token, None).await.0, 200);
    assert_eq!(call(&server, "GET", "Agent/me", &token, None).await.0, 200);
    let cases = [
        ("POST", "Tickets", "edit:tickets"),
        ("DELETE", "Tickets/1", "edit:tickets"),
        ("GET", "Client", "read:customers"),
        ("GET", "site/1", "read:customers"),
        ("GET", "Asset", "read:assets"),
        ("POST", "Status", "admin"),
        ("GET", "ReportData/1", "read:reporting"),
    ];
    for (method, path, scope) in cases {
        let (status, body) = call(
            &server,
            method,
            path,
            &token,
            Some(json!([{"summary": "x"}])),
        )
        .await;
        assert_eq!(status, 403, "{method} {path}: {body}");
        let body = json_of(&body);
        assert_eq!(body["ClassName"], "HaloPermissionException");
        assert_eq!(
            body["Message"],
            format!("The application does not have the required permission: {scope}")
        );
    }
    assert_eq!(server.count("Tickets"), 10, "nothing was written");

    let standard = FakeServer::start_with(small().with_scopes(["all:standard"])).await;
    let token = login(&standard).await;
    assert_eq!(
        call(
            &standard,
            "POST",
            "Tickets",
            &token,
            Some(json!([{"summary": "x"}]))
        )
        .await
        .0,
        201
    );
    assert_eq!(
        call(
            &standard,
            "POST",
            "Status",
            &token,
            Some(json!([{"name": "x"}]))
        )
        .await
        .0,
        403
    );
}

#[tokio::test]
async fn paginated_pages_are_capped_at_100_and_cover_every_ticket_once() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::default().with_tickets(250)),
    )
    .await;
    let token = login(&server).await;
    let mut seen = HashSet::new();
    let mut sizes = Vec::new();
    for page in 1..=4 {
        let body = get_json(
            &server,
            &format!("Tickets?pageinate=true&page_size=1000&page_no={page}"),
            &token,
        )
        .await;
        assert_eq!(body["record_count"], 250);
        assert_eq!(body["include_children"], false);
        let page_ids = ids(&body, "tickets");
        sizes.push(page_ids.len());
        for id in page_ids {
            assert!(seen.insert(id), "ticket {id} twice");
        }
    }
    assert_eq!(sizes, [100, 100, 50, 0]);
    assert_eq!(seen.len(), 250);

    // Bad paging values fall back instead of failing.
    let body = get_json(
        &server,
        "tickets?pageinate=true&page_no=-3&page_size=abc",
        &token,
    )
    .await;
    assert_eq!(ids(&body, "tickets").first(), Some(&1));
    assert_eq!(ids(&body, "tickets").len(), 50);
    let body = get_json(
        &server,
        "Tickets?pageinate=true&page_size=10&page_no=99999999999999",
        &token,
    )
    .await;
    assert_eq!(ids(&body, "tickets").len(), 0);
}

#[tokio::test]
async fn without_pageinate_only_fifty_come_back() {
    let server = FakeServer::start().await;
    let token = login(&server).await;
    let body = get_json(&server, "Tickets?page_size=100&page_no=2", &token).await;
    assert_eq!(body["record_count"], 250);
    assert_eq!(ids(&body, "tickets"), (1..=50).collect::<Vec<_>>());
    let body = get_json(&server, "Tickets?count=7", &token).await;
    assert_eq!(ids(&body, "tickets").len(), 7);
}

#[tokio::test]
async fn assets_always_come_fifty_per_page() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::default().with_assets(120)),
    )
    .await;
    let token = login(&server).await;
    let mut sizes = Vec::new();
    for page in 1..=3 {
        let body = get_json(
            &server,
            &format!("Asset?pageinate=true&page_size=100&page_no={page}"),
            &token,
        )
        .await;
        assert_eq!(body["record_count"], 120);
        sizes.push(ids(&body, "assets").len());
    }
    assert_eq!(sizes, [50, 50, 20]);
}

#[tokio::test]
async fn configuration_lists_are_bare_arrays_whatever_the_paging_parameters() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    let statuses = get_json(&server, "Status", &token).await;
    let names: Vec<&str> = statuses
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["New", "In Progress", "Waiting on Customer", "Closed"]
    );
    assert_eq!(statuses[3]["id"], 9);
    // The spec gives these endpoints no paging parameters: Halo ignores them.
    let paged = get_json(
        &server,
        "Status?pageinate=true&page_size=2&page_no=2",
        &token,
    )
    .await;
    assert_eq!(paged, statuses, "paging parameters are ignored");
    let priorities = get_json(&server, "Priority?pageinate=true", &token).await;
    assert!(priorities[0]["id"].is_string() && priorities[0]["priorityid"] == 1);
    assert_eq!(priorities.as_array().map(Vec::len), Some(4));
    let agents = get_json(&server, "Agent?pageinate=true&page_size=1", &token).await;
    let agents = agents.as_array().expect("a bare array even with pageinate");
    assert!(agents.len() > 1);
    assert!(agents.iter().any(|a| a["name"] == "API Agent"));
    for path in ["Category", "Team", "TicketType", "Workflow", "SLA"] {
        let body = get_json(
            &server,
            &format!("{path}?pageinate=true&page_size=1"),
            &token,
        )
        .await;
        assert_eq!(body.as_array().map(Vec::len), Some(3), "{path}: {body}");
    }
    // `count` still limits.
    let two = get_json(&server, "Status?count=2", &token).await;
    assert_eq!(two.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn configuration_lists_can_come_wrapped_without_record_count() {
    let server = FakeServer::start_with(small().with_config_lists_wrapped(true)).await;
    let token = login(&server).await;
    for (path, key, len) in [
        ("Status", "statuses", 4),
        ("Priority", "priorities", 4),
        ("Team", "teams", 3),
        ("SLA", "slas", 3),
    ] {
        let body = get_json(
            &server,
            &format!("{path}?pageinate=true&page_size=1&page_no=2"),
            &token,
        )
        .await;
        assert_eq!(
            body[key].as_array().map(Vec::len),
            Some(len),
            "{path}: {body}"
        );
        assert!(body.get("record_count").is_none(), "{path}: {body}");
    }
}

#[tokio::test]
async fn actions_are_not_paginated_and_always_wrapped() {
    let mut seed = SeedSize::small();
    seed.actions_per_ticket = 130;
    let server = FakeServer::start_with(FakeConfig::default().with_seed(seed)).await;
    let token = login(&server).await;
    for query in [
        "",
        "&pageinate=true&page_size=10&page_no=1",
        "&pageinate=true&page_size=10&page_no=3",
    ] {
        let body = get_json(&server, &format!("Actions?ticket_id=2{query}"), &token).await;
        assert_eq!(body["record_count"], 130, "{query}");
        assert_eq!(
            ids(&body, "actions"),
            (1..=130).collect::<Vec<_>>(),
            "every action, whatever the paging parameters ({query})"
        );
    }
    let body = get_json(&server, "Actions?ticket_id=2&count=5", &token).await;
    assert_eq!(ids(&body, "actions"), [1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn list_filters_and_ordering() {
    let server = FakeServer::start().await;
    let token = login(&server).await;
    let body = get_json(
        &server,
        "Tickets?pageinate=true&page_size=100&client_id=1",
        &token,
    )
    .await;
    let rows = body["tickets"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|t| t["client_id"] == 1));
    let body = get_json(
        &server,
        "Tickets?pageinate=true&page_size=100&open_only=true",
        &token,
    )
    .await;
    assert!(
        body["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["status_id"] != 9)
    );
    assert!(body["record_count"].as_u64().unwrap() < 250);
    let body = get_json(&server, "Tickets?search=PRINTER", &token).await;
    assert!(
        body["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["summary"] == "Printer offline")
    );
    let body = get_json(&server, "Tickets?order=id&orderdesc=true&count=2", &token).await;
    assert_eq!(ids(&body, "tickets"), [250, 249]);
    let body = get_json(&server, "Site?client_id=2", &token).await;
    assert_eq!(body["record_count"], 2, "client_id is a double on sites");
    let (status, body) = call(&server, "GET", "Tickets?client_id=abc", &token, None).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn a_ticket_is_created_updated_read_back_and_deleted() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    let (status, body) = call(
        &server,
        "POST",
        "Tickets",
        &token,
        Some(json!([{"summary": "Printer offline", "client_id": 1}])),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let created = json_of(&body);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(id, 11);
    assert_eq!(created["status_id"], 1);
    assert_eq!(
        get_json(&server, &format!("Tickets/{id}"), &token).await["summary"],
        "Printer offline"
    );

    let (status, body) = call(
        &server,
        "POST",
        "tickets",
        &token,
        Some(json!([{"id": id, "summary": "Printer fixed"}])),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let stored = server.record("Tickets", id).unwrap();
    assert_eq!(
        (stored["summary"].as_str(), stored["client_id"].as_i64()),
        (Some("Printer fixed"), Some(1))
    );

    let (status, body) = call(
        &server,
        "POST",
        "Tickets",
        &token,
        Some(json!([{"summary": "a"}, {"summary": "b"}])),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(json_of(&body).as_array().map(Vec::len), Some(2));
    assert_eq!(server.count("Tickets"), 13);

    for bad in [
        json!([{"details": "no summary"}]),
        json!([{"id": 999, "summary": "x"}]),
        json!([1]),
        json!([]),
    ] {
        let (status, body) = call(&server, "POST", "Tickets", &token, Some(bad.clone())).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let too_many: Vec<Value> = (0..101)
        .map(|i| json!({"summary": format!("t{i}")}))
        .collect();
    assert_eq!(
        call(
            &server,
            "POST",
            "Tickets",
            &token,
            Some(Value::Array(too_many))
        )
        .await
        .0,
        400
    );
    assert_eq!(server.count("Tickets"), 13, "failed batches store nothing");

    let (status, body) = call(&server, "DELETE", &format!("Tickets/{id}"), &token, None).await;
    assert_eq!((status, body.as_str()), (200, ""));
    let (status, body) = call(&server, "GET", &format!("Tickets/{id}"), &token, None).await;
    assert_eq!(status, 404);
    assert_eq!(
        json_of(&body)["errorMessage"],
        format!("Tickets {id} not found")
    );
    assert_eq!(
        call(&server, "DELETE", &format!("Tickets/{id}"), &token, None)
            .await
            .0,
        404
    );
    assert_eq!(server.requests_to("post", "/API/TICKETS"), 8);
}

#[tokio::test]
async fn action_ids_are_numbered_per_ticket() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    let (_, body) = call(
        &server,
        "POST",
        "Tickets",
        &token,
        Some(json!([{"summary": "New"}])),
    )
    .await;
    let ticket = json_of(&body)["id"].as_i64().unwrap();
    for expected in 1..=2 {
        let (status, body) = call(
            &server,
            "POST",
            "Actions",
            &token,
            Some(json!([{"ticket_id": ticket, "note": format!("n{expected}")}])),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(json_of(&body)["id"], expected);
    }
    // Seeded ticket 1 has actions 1 and 2 (small seed): the next is 3.
    let (_, body) = call(
        &server,
        "POST",
        "Actions",
        &token,
        Some(json!([{"ticket_id": 1, "note": "more", "new_status": 9}])),
    )
    .await;
    assert_eq!(json_of(&body)["id"], 3);
    assert_eq!(
        server.record("Tickets", 1).unwrap()["status_id"],
        9,
        "new_status moves the ticket"
    );
    assert_eq!(server.record_action(ticket, 2).unwrap()["note"], "n2");
    assert_eq!(
        get_json(&server, &format!("Actions/2?ticket_id={ticket}"), &token).await["note"],
        "n2"
    );
    let list = get_json(&server, &format!("Actions?ticket_id={ticket}"), &token).await;
    assert_eq!(ids(&list, "actions"), [1, 2]);

    let (status, body) = call(&server, "GET", "Actions", &token, None).await;
    assert_eq!(status, 400);
    assert_eq!(json_of(&body)["errorMessage"], "ticket_id is required");
    assert_eq!(call(&server, "GET", "Actions/1", &token, None).await.0, 400);
    assert_eq!(
        call(
            &server,
            "POST",
            "Actions",
            &token,
            Some(json!([{"note": "orphan"}]))
        )
        .await
        .0,
        400
    );
    assert_eq!(
        call(
            &server,
            "POST",
            "Actions",
            &token,
            Some(json!([{"ticket_id": 999, "note": "x"}]))
        )
        .await
        .0,
        400
    );
    assert_eq!(
        call(
            &server,
            "DELETE",
            &format!("Actions/1?ticket_id={ticket}"),
            &token,
            None
        )
        .await
        .0,
        200
    );
    assert!(server.record_action(ticket, 1).is_none());
}

#[tokio::test]
async fn an_object_body_or_bad_json_is_a_400() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    let (status, body) = call(
        &server,
        "POST",
        "Tickets",
        &token,
        Some(json!({"summary": "x"})),
    )
    .await;
    assert_eq!(status, 400);
    let body = json_of(&body);
    assert_eq!(body["ClassName"], "System.ArgumentException");
    assert_eq!(body["Message"], "Expected an array");
    let response = http()
        .post(format!("{}/api/Tickets", server.base_url()))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("[{\"summary\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn rate_limited_faults_with_and_without_retry_after() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    server.inject(Fault::RateLimited {
        retry_after: None,
        times: 1,
    });
    server.inject(Fault::RateLimited {
        retry_after: Some(7),
        times: 1,
    });
    let url = format!("{}/api/Tickets", server.base_url());
    let first = http().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(first.status(), 429);
    assert!(first.headers().get("retry-after").is_none());
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(
        first.text().await.unwrap(),
        "Rate Limit Reached - 300 Requests per rolling 5 minute window"
    );
    let second = http().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(
        (
            second.status().as_u16(),
            second.headers()["retry-after"].to_str().unwrap()
        ),
        (429, "7")
    );
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 200);
}

#[tokio::test]
async fn server_error_unauthorized_and_malformed_faults() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    server.inject(Fault::ServerError {
        status: 502,
        times: 2,
    });
    server.inject(Fault::Unauthorized { times: 1 });
    server.inject(Fault::MalformedJson { times: 1 });
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 502);
    assert_eq!(call(&server, "GET", "Client", &token, None).await.0, 502);
    assert_eq!(
        call(&server, "GET", "Tickets", &token, None).await.0,
        401,
        "401 with a valid token"
    );
    let (status, body) = call(&server, "GET", "Tickets", &token, None).await;
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    assert_eq!(
        call(&server, "GET", "Tickets", &token, None).await.0,
        200,
        "the faults are used up"
    );

    // A fault restricted to a path waits for a matching request; authinfo is never faulted.
    server.inject_on(
        "/API/Client",
        Fault::ServerError {
            status: 503,
            times: 1,
        },
    );
    server.inject(Fault::ServerError {
        status: 999,
        times: 1,
    });
    let info = http()
        .get(format!("{}/api/authinfo", server.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(info.status(), 200);
    assert_eq!(
        call(&server, "GET", "Tickets", &token, None).await.0,
        500,
        "an invalid status becomes 500"
    );
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 200);
    assert_eq!(call(&server, "GET", "Client/1", &token, None).await.0, 503);
}

#[tokio::test]
async fn slow_and_token_endpoint_faults() {
    let server = FakeServer::start_with(small()).await;
    server.inject(Fault::TokenServerError {
        status: 503,
        times: 1,
    });
    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", "fake-client-id"),
        ("client_secret", "fake-client-secret"),
    ];
    let response = token_response(&server, &good).await;
    assert_eq!(response.status(), 503);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"],
        "server_error"
    );
    let token_after = login(&server).await;
    assert_eq!(server.token_requests(), 2);
    server.inject_on(
        "/api/tickets",
        Fault::TokenServerError {
            status: 500,
            times: 1,
        },
    );
    assert_eq!(
        call(&server, "GET", "Tickets", &token_after, None).await.0,
        200,
        "token faults skip the API"
    );

    server.inject(Fault::Slow {
        delay: Duration::from_millis(300),
        times: 1,
    });
    let started = Instant::now();
    let (status, _) = call(&server, "GET", "Tickets", &token_after, None).await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    // The fault is used up: the next request is answered normally (no upper
    // bound on its duration is asserted — that would depend on the machine).
    let (status, _) = call(&server, "GET", "Tickets", &token_after, None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_configured_rate_limit_answers_429_without_retry_after() {
    let server =
        FakeServer::start_with(small().with_rate_limit(Some((3, Duration::from_secs(60))))).await;
    let token = login(&server).await;
    for _ in 0..3 {
        assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 200);
    }
    let response = http()
        .get(format!("{}/api/Tickets", server.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_none());
    assert_eq!(
        response.text().await.unwrap(),
        "Rate Limit Reached - 3 Requests per rolling 1 minute window"
    );
    assert_eq!(
        server.token_requests(),
        1,
        "the token endpoint is not limited"
    );
}

#[tokio::test]
async fn an_agent_that_sees_nothing_gets_empty_lists() {
    let server = FakeServer::start_with(small().with_agent_sees_nothing(true)).await;
    let token = login(&server).await;
    let body = get_json(&server, "Tickets?pageinate=true&page_size=10", &token).await;
    assert_eq!(body["record_count"], 0);
    assert_eq!(body["tickets"], json!([]));
    assert_eq!(call(&server, "GET", "Tickets/1", &token, None).await.0, 404);
    assert_eq!(get_json(&server, "Client", &token).await["record_count"], 0);
    assert!(
        !get_json(&server, "Status", &token)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(get_json(&server, "Agent/me", &token).await["id"], 1);
    assert_eq!(
        server.count("Tickets"),
        10,
        "the data is there, just hidden"
    );
}

#[tokio::test]
async fn revoked_tokens_get_401_until_a_new_one_is_fetched() {
    let server = FakeServer::start_with(small()).await;
    let token = login(&server).await;
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 200);
    server.revoke_tokens();
    assert_eq!(call(&server, "GET", "Tickets", &token, None).await.0, 401);
    let fresh = login(&server).await;
    assert_eq!(call(&server, "GET", "Tickets", &fresh, None).await.0, 200);
}

#[tokio::test]
async fn routing_agent_me_report_data_and_unknown_paths() {
    let server = FakeServer::start_with(small().with_agent_id(7)).await;
    let token = login(&server).await;
    let me = get_json(&server, "agent/ME", &token).await;
    assert_eq!(
        (me["id"].as_i64(), me["name"].as_str()),
        (Some(7), Some("API Agent"))
    );

    let report = server.record("Report", 1).unwrap();
    let published = report["published_id"].as_str().unwrap();
    let data = get_json(&server, &format!("ReportData/{published}"), &token).await;
    assert_eq!(data["name"], "Hours per ticket");
    assert_eq!(data["data"].as_array().map(Vec::len), Some(10));
    assert!(data["data"][0]["hours"].as_f64().unwrap() > 0.0);
    assert_eq!(
        call(&server, "GET", "ReportData/nope", &token, None)
            .await
            .0,
        404
    );

    let (status, body) = call(&server, "GET", "NoSuchThing", &token, None).await;
    assert_eq!(status, 404);
    assert_eq!(
        json_of(&body)["Message"],
        "No HTTP resource was found that matches the request URI"
    );
    assert_eq!(
        call(&server, "GET", "Tickets/1/extra", &token, None)
            .await
            .0,
        404
    );
    assert_eq!(
        call(&server, "PUT", "Tickets/1", &token, Some(json!({})))
            .await
            .0,
        405
    );
    assert_eq!(
        call(&server, "GET", "Tickets/abc", &token, None).await.0,
        404
    );
    // `/Priority/{id}` takes the UUID string, as in the spec, not `priorityid`.
    let priority = server.record("Priority", 2).unwrap();
    let uuid = priority["id"].as_str().unwrap();
    assert_eq!(
        get_json(&server, &format!("Priority/{uuid}"), &token).await["priorityid"],
        2
    );
    assert_eq!(
        get_json(
            &server,
            &format!("Priority/{}", uuid.to_uppercase()),
            &token
        )
        .await["priorityid"],
        2,
        "ids match case-insensitively"
    );
    let (status, body) = call(&server, "GET", "Priority/2", &token, None).await;
    assert_eq!(status, 404, "the number is not the id: {body}");
    // Updates name the priority by its UUID too.
    let (status, body) = call(
        &server,
        "POST",
        "Priority",
        &token,
        Some(json!([{"id": 2, "name": "x"}])),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = call(
        &server,
        "POST",
        "Priority",
        &token,
        Some(json!([{"id": uuid, "name": "Urgent"}])),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(server.record("Priority", 2).unwrap()["name"], "Urgent");
    assert_eq!(
        call(&server, "DELETE", &format!("Priority/{uuid}"), &token, None)
            .await
            .0,
        200
    );
    assert!(server.record("Priority", 2).is_none());
}

#[tokio::test]
async fn seeded_data_is_realistic_and_debug_output_has_no_secret() {
    let server = FakeServer::start().await;
    let client = server.record("Client", 1).unwrap();
    assert_eq!(client["name"], "Contoso Ltd");
    assert_eq!(client["x_future_field"], json!({"a": 1}));
    assert!(server.record("Site", 3).unwrap()["client_id"].is_f64());
    assert!(server.record("Users", 1).unwrap()["site_id"].is_f64());
    let ticket = server.record("Tickets", 1).unwrap();
    assert_eq!(ticket["customfields"][0]["name"], "CFRef");
    assert!(
        ticket["dateoccurred"]
            .as_str()
            .unwrap()
            .starts_with("2024-")
    );
    assert_eq!(server.count("Actions"), 750);
    assert_eq!(server.record_action(250, 3).unwrap()["ticket_id"], 250);
    assert_eq!(server.count("nonsense"), 0);
    for resource in [
        "Item",
        "Appointment",
        "KBArticle",
        "ClientContract",
        "Invoice",
        "Quotation",
        "Supplier",
        "Opportunities",
        "Report",
        "Team",
        "SLA",
    ] {
        assert!(server.count(resource) > 0, "{resource}");
    }

    let secret = FakeConfig::default().with_credentials("id", "s3cr3t-value");
    assert!(!format!("{secret:?}").contains("s3cr3t-value"));
    assert!(!format!("{server:?}").contains("fake-client-secret"));
    assert!(format!("{server:?}").contains(&server.base_url()));
}
