//! The request each operation sends (method, path, query, body, headers),
//! pinned against plain wiremock mocks; and every path sent is in
//! ConnectWise's own path list.

use std::collections::BTreeSet;

use cwmanage_client::models::{CallbackEntry, Reference, Ticket, TicketNote};
use cwmanage_client::scopes::areas;
use cwmanage_client::{
    AreaAccess, Client, Condition, CwCredentials, Order, PatchOp, Site, default_policy,
};
use futures_util::TryStreamExt;
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BASE: &str = "/v2025_1/apis/3.0";

async fn server(is_cloud: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/login/companyinfo/acme"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"CompanyName": "Acme", "Codebase": "v2025_1/", "CompanyID": "acme", "IsCloud": is_cloud}),
        ))
        .named("companyinfo")
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .credentials(CwCredentials::new(
            Site::parse(&server.uri()).unwrap(),
            "acme",
            "PUB",
            SecretString::from("PRIV"),
            SecretString::from("CLIENT-GUID"),
        ))
        .policy(default_policy().with(areas::CALLBACKS, AreaAccess::WRITE))
        .build()
        .unwrap()
}

async fn reply(server: &MockServer, verb: &str, at: &str, status: u16, body: Value) {
    Mock::given(method(verb))
        .and(path(format!("{BASE}{at}")))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .named(format!("{verb} {at}"))
        .mount(server)
        .await;
}

async fn api_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with(BASE))
        .collect()
}

fn query(request: &Request) -> Vec<(String, String)> {
    request.url.query_pairs().into_owned().collect()
}

fn header<'a>(request: &'a Request, name: &str) -> Vec<&'a str> {
    request
        .headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect()
}

#[tokio::test]
async fn every_request_carries_basic_auth_the_client_id_and_the_pinned_version() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/system/info",
        200,
        json!({"version": "v2025.1", "isCloud": false}),
    )
    .await;
    let client = client(&server);
    client.system().info().await.unwrap();
    let sent = api_requests(&server).await;
    assert_eq!(sent.len(), 1);
    let r = &sent[0];
    // base64("acme+PUB:PRIV")
    assert_eq!(
        header(r, "authorization"),
        vec!["Basic YWNtZStQVUI6UFJJVg=="]
    );
    assert_eq!(header(r, "clientid"), vec!["CLIENT-GUID"]);
    assert_eq!(
        header(r, "accept"),
        vec!["application/vnd.connectwise.com+json; version=2025.1, application/json"]
    );
    // Discovery sends no credentials.
    let discovery: Vec<Request> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().starts_with("/login/"))
        .collect();
    assert_eq!(discovery.len(), 1);
    assert!(header(&discovery[0], "authorization").is_empty());
    assert!(header(&discovery[0], "clientid").is_empty());
}

#[tokio::test]
async fn a_configured_api_version_is_sent() {
    let server = server("False").await;
    reply(&server, "GET", "/system/info", 200, json!({})).await;
    let client = Client::builder()
        .credentials(
            CwCredentials::new(
                Site::parse(&server.uri()).unwrap(),
                "acme",
                "PUB",
                SecretString::from("PRIV"),
                SecretString::from("CLIENT-GUID"),
            )
            .with_api_version("2019.1"),
        )
        .build()
        .unwrap();
    client.system().info().await.unwrap();
    let sent = api_requests(&server).await;
    assert_eq!(
        header(&sent[0], "accept"),
        vec!["application/vnd.connectwise.com+json; version=2019.1, application/json"]
    );
}

#[tokio::test]
async fn lists_send_conditions_order_fields_and_page_size() {
    let server = server("False").await;
    reply(&server, "GET", "/service/tickets", 200, json!([{"id": 1}])).await;
    let client = client(&server);
    let page = client
        .tickets()
        .list()
        .conditions(
            Condition::eq("board/name", "Help Desk").and(Condition::eq("closedFlag", false)),
        )
        .order_by("id", Order::Desc)
        .fields(["id", "summary", "status/name"])
        .page_size(100)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let sent = api_requests(&server).await;
    let q = query(&sent[0]);
    assert!(
        q.contains(&(
            "conditions".into(),
            r#"board/name = "Help Desk" and closedFlag = False"#.into()
        )),
        "{q:?}"
    );
    assert!(q.contains(&("orderBy".into(), "id desc".into())), "{q:?}");
    assert!(
        q.contains(&("fields".into(), "id,summary,status/name".into())),
        "{q:?}"
    );
    assert!(q.contains(&("pageSize".into(), "100".into())), "{q:?}");
    assert!(header(&sent[0], "pagination-type").is_empty());
    // `+` and `&` travel encoded.
    let raw = sent[0].url.query().unwrap_or_default().to_owned();
    assert!(
        raw.contains("Help+Desk") || raw.contains("Help%20Desk"),
        "{raw}"
    );
}

#[tokio::test]
async fn a_full_scan_asks_for_forward_only_paging() {
    let server = server("False").await;
    let next = format!(
        "{}{BASE}/company/companies?pageSize=2&pageId=2",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/company/companies")))
        .and(wiremock::matchers::query_param_is_missing("pageId"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": 1}, {"id": 2}]))
                .insert_header("Link", format!("<{next}>; rel=\"next\"")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/company/companies")))
        .and(wiremock::matchers::query_param("pageId", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = client(&server);
    let all = client
        .companies()
        .list()
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let sent = api_requests(&server).await;
    assert_eq!(sent.len(), 2);
    for r in &sent {
        assert_eq!(header(r, "pagination-type"), vec!["forward-only"]);
    }
    assert!(query(&sent[0]).contains(&("pageSize".into(), "2".into())));
}

#[tokio::test]
async fn count_get_and_member_paths() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/company/companies/count",
        200,
        json!({"count": 7}),
    )
    .await;
    reply(
        &server,
        "GET",
        "/company/companies/250",
        200,
        json!({"id": 250}),
    )
    .await;
    reply(
        &server,
        "GET",
        "/service/boards/1/statuses",
        200,
        json!([{"id": 17}]),
    )
    .await;
    reply(
        &server,
        "GET",
        "/service/boards/1/statuses/17",
        200,
        json!({"id": 17}),
    )
    .await;
    reply(&server, "GET", "/service/boards/1", 200, json!({"id": 1})).await;
    reply(
        &server,
        "GET",
        "/system/members/jdoe",
        200,
        json!({"id": 191, "identifier": "jdoe"}),
    )
    .await;
    reply(
        &server,
        "GET",
        "/system/myMembers",
        200,
        json!({"id": 190, "identifier": "apiuser"}),
    )
    .await;
    reply(&server, "GET", "/system/mySecurity", 200, json!([])).await;
    reply(
        &server,
        "GET",
        "/service/tickets/5000/notes/count",
        200,
        json!({"count": 2}),
    )
    .await;
    let client = client(&server);
    let count = client
        .companies()
        .count()
        .conditions(Condition::eq("deletedFlag", false))
        .send()
        .await
        .unwrap();
    assert_eq!(count, 7);
    assert_eq!(
        client
            .companies()
            .get(250)
            .fields(["id"])
            .send()
            .await
            .unwrap()
            .id,
        Some(250)
    );
    assert_eq!(
        client
            .boards()
            .statuses(1)
            .list()
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    assert_eq!(
        client.boards().statuses(1).get(17).send().await.unwrap().id,
        Some(17)
    );
    assert_eq!(client.boards().get(1).send().await.unwrap().id, Some(1));
    assert_eq!(
        client.members().get("jdoe").send().await.unwrap().id,
        Some(191)
    );
    assert_eq!(client.members().me().await.unwrap().id, Some(190));
    assert!(client.system().my_security().await.unwrap().is_empty());
    assert_eq!(
        client.tickets().notes(5000).count().send().await.unwrap(),
        2
    );
    let sent = api_requests(&server).await;
    let count_query = query(&sent[0]);
    assert_eq!(
        count_query,
        vec![("conditions".to_owned(), "deletedFlag = False".to_owned())]
    );
    assert_eq!(
        query(&sent[1]),
        vec![("fields".to_owned(), "id".to_owned())]
    );
}

#[tokio::test]
async fn ticket_writes_send_connectwise_bodies() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/system/myMembers",
        200,
        json!({"id": 190, "serviceDefaultBoard": {"id": 4, "name": "Help Desk"}}),
    )
    .await;
    reply(
        &server,
        "POST",
        "/service/tickets",
        201,
        json!({"id": 5000, "summary": "Printer offline"}),
    )
    .await;
    reply(
        &server,
        "PATCH",
        "/service/tickets/5000",
        200,
        json!({"id": 5000}),
    )
    .await;
    reply(
        &server,
        "POST",
        "/service/tickets/5000/notes",
        201,
        json!({"id": 9, "ticketId": 5000}),
    )
    .await;
    let client = client(&server);
    let ticket = Ticket {
        summary: Some("Printer offline".into()),
        company: Some(Reference::identifier("ACME")),
        initial_description: Some("User reports...".into()),
        ..Default::default()
    };
    client.tickets().create(&ticket).send().await.unwrap();
    client
        .tickets()
        .update(
            5000,
            vec![
                PatchOp::reference("status", Reference::id(17)).unwrap(),
                PatchOp::replace("summary", "Printer offline (2nd floor)").unwrap(),
            ],
        )
        .send()
        .await
        .unwrap();
    client
        .tickets()
        .notes(5000)
        .add(&TicketNote::discussion("Called user, rebooting spooler."))
        .send()
        .await
        .unwrap();
    let sent = api_requests(&server).await;
    let by = |m: &str, p: &str| {
        sent.iter()
            .find(|r| r.method.as_str() == m && r.url.path() == format!("{BASE}{p}"))
            .unwrap_or_else(|| panic!("{m} {p} not sent"))
    };
    let create: Value = serde_json::from_slice(&by("POST", "/service/tickets").body).unwrap();
    assert_eq!(
        create,
        json!({"summary": "Printer offline", "company": {"identifier": "ACME"},
               "initialDescription": "User reports...", "board": {"id": 4, "name": "Help Desk"}})
    );
    let patch: Value = serde_json::from_slice(&by("PATCH", "/service/tickets/5000").body).unwrap();
    assert_eq!(
        patch,
        json!([{"op": "replace", "path": "status", "value": {"id": 17}},
               {"op": "replace", "path": "summary", "value": "Printer offline (2nd floor)"}])
    );
    let note: Value =
        serde_json::from_slice(&by("POST", "/service/tickets/5000/notes").body).unwrap();
    assert_eq!(
        note,
        json!({"text": "Called user, rebooting spooler.", "detailDescriptionFlag": true,
               "internalAnalysisFlag": false, "resolutionFlag": false})
    );
    for r in [
        by("POST", "/service/tickets"),
        by("PATCH", "/service/tickets/5000"),
    ] {
        assert_eq!(header(r, "content-type"), vec!["application/json"]);
    }
}

#[tokio::test]
async fn a_create_answered_without_an_id_is_uncertain() {
    let server = server("False").await;
    reply(
        &server,
        "POST",
        "/service/tickets",
        201,
        json!({"summary": "x"}),
    )
    .await;
    let client = client(&server);
    let ticket = Ticket {
        summary: Some("x".into()),
        board: Some(Reference::id(1)),
        ..Default::default()
    };
    let err = client.tickets().create(&ticket).send().await.unwrap_err();
    assert!(err.is_write_uncertain(), "{err:?}");
}

#[tokio::test]
async fn callbacks_register_and_delete() {
    let server = server("False").await;
    reply(
        &server,
        "POST",
        "/system/callbacks",
        201,
        json!({"id": 12, "type": "ticket"}),
    )
    .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{BASE}/system/callbacks/12")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    let entry = CallbackEntry::all_tickets("https://hooks.example/cw?recordId=", "neo");
    assert_eq!(
        client.callbacks().register(&entry).send().await.unwrap().id,
        Some(12)
    );
    client.callbacks().delete(12).send().await.unwrap();
    let sent = api_requests(&server).await;
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(
        body,
        json!({"description": "neo", "url": "https://hooks.example/cw?recordId=", "objectId": 1,
               "type": "ticket", "level": "owner"})
    );
    assert_eq!(sent[1].method.as_str(), "DELETE");
}

#[tokio::test]
async fn the_client_id_never_follows_a_redirect_to_another_origin() {
    let server = server("False").await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .expect(0)
        .named("another origin")
        .mount(&elsewhere)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/company/companies/1")))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/steal", elsewhere.uri())),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client.companies().get(1).send().await.unwrap_err();
    assert!(err.to_string().contains("another origin"), "{err}");
}

#[tokio::test]
async fn ssl_required_and_a_cloud_404_are_explained() {
    let server = server("True").await;
    reply(
        &server,
        "GET",
        "/system/info",
        400,
        json!({"code": "Security", "message": "SSL is required.", "errors": null}),
    )
    .await;
    reply(
        &server,
        "GET",
        "/company/companies/9",
        404,
        json!({"code": "NotFound", "message": "Company 9 not found"}),
    )
    .await;
    let client = client(&server);
    let ssl = client.system().info().await.unwrap_err().to_string();
    assert!(
        ssl.contains("SSL is required") && ssl.contains("`api-` host"),
        "{ssl}"
    );
    let missing = client
        .companies()
        .get(9)
        .send()
        .await
        .unwrap_err()
        .to_string();
    assert!(missing.contains("Company 9 not found"), "{missing}");
    assert!(missing.contains("credentials are wrong"), "{missing}");
}

#[tokio::test]
async fn an_on_premise_404_is_just_not_found() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/company/companies/9",
        404,
        json!({"code": "NotFound", "message": "Company 9 not found"}),
    )
    .await;
    let client = client(&server);
    let missing = client
        .companies()
        .get(9)
        .send()
        .await
        .unwrap_err()
        .to_string();
    assert!(!missing.contains("credentials"), "{missing}");
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after() {
    let server = server("False").await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/system/info")))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "0")
                .set_body_json(json!({"error": "ConnectWiseAPI", "message": "Too many requests. Please try again in 30 seconds."})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    reply(&server, "GET", "/system/info", 200, json!({"version": "x"})).await;
    let client = client(&server);
    assert_eq!(
        client.system().info().await.unwrap().version.as_deref(),
        Some("x")
    );
    assert_eq!(api_requests(&server).await.len(), 2);
}

/// Every path the crate sent in this file's scenarios is in ConnectWise's list.
#[tokio::test]
async fn every_path_sent_is_in_the_vendor_path_list() {
    let server = server("False").await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "count": 1})))
        .with_priority(200)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex(
            r".*/(companies|tickets|boards|statuses|notes|callbacks)$",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(100)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(50)
        .mount(&server)
        .await;
    let client = client(&server);
    let ticket = Ticket {
        summary: Some("x".into()),
        board: Some(Reference::id(1)),
        ..Default::default()
    };
    let _ = client.companies().list().collect_all().await.unwrap();
    let _ = client.companies().get(1).send().await.unwrap();
    let _ = client.companies().count().send().await.unwrap();
    let _ = client.tickets().list().collect_all().await.unwrap();
    let _ = client.tickets().get(1).send().await.unwrap();
    let _ = client.tickets().count().send().await.unwrap();
    let _ = client.tickets().create(&ticket).send().await.unwrap();
    let _ = client
        .tickets()
        .update(1, vec![PatchOp::replace("summary", "y").unwrap()])
        .send()
        .await
        .unwrap();
    let _ = client
        .tickets()
        .notes(1)
        .list()
        .collect_all()
        .await
        .unwrap();
    let _ = client.tickets().notes(1).count().send().await.unwrap();
    let _ = client
        .tickets()
        .notes(1)
        .add(&TicketNote::internal("n"))
        .send()
        .await
        .unwrap();
    let _ = client.boards().list().collect_all().await.unwrap();
    let _ = client.boards().get(1).send().await.unwrap();
    let _ = client.boards().count().send().await.unwrap();
    let _ = client
        .boards()
        .statuses(1)
        .list()
        .collect_all()
        .await
        .unwrap();
    let _ = client.boards().statuses(1).get(1).send().await.unwrap();
    let _ = client.members().get("jdoe").send().await.unwrap();
    let _ = client.members().me().await.unwrap();
    let _ = client.system().info().await.unwrap();
    let _ = client.system().my_security().await;
    let _ = client.callbacks().list().collect_all().await.unwrap();
    let _ = client.callbacks().get(1).send().await.unwrap();
    let _ = client.callbacks().count().send().await.unwrap();
    let _ = client
        .callbacks()
        .register(&CallbackEntry::all_tickets(
            "https://h.example/?recordId=",
            "d",
        ))
        .send()
        .await
        .unwrap();
    client.callbacks().delete(1).send().await.unwrap();
    let _ = client.check_access().await;

    let list_path = format!(
        "{}/tests/fixtures/cwmanage-paths-2025.1.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let vendor: BTreeSet<String> = std::fs::read_to_string(&list_path)
        .unwrap()
        .lines()
        .map(|l| normalize(l.trim()))
        .collect();
    let sent = api_requests(&server).await;
    let mut seen = BTreeSet::new();
    for r in &sent {
        let under = r.url.path().strip_prefix(BASE).unwrap();
        seen.insert(normalize(&format!("{} {under}", r.method)));
    }
    assert!(seen.len() >= 25, "{seen:?}");
    for call in &seen {
        assert!(
            vendor.contains(call),
            "{call} is not in the ConnectWise path list"
        );
    }
}

/// `METHOD /a/{x}/b`: placeholders and numeric or identifier segments after a
/// collection become `{}`.
fn normalize(line: &str) -> String {
    let (verb, path) = line.split_once(' ').unwrap_or(("", line));
    let parts: Vec<String> = path
        .split('/')
        .map(|seg| {
            if seg.starts_with('{')
                || seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty()
                || seg == "jdoe"
            {
                "{}".to_owned()
            } else {
                seg.to_owned()
            }
        })
        .collect();
    format!("{verb} {}", parts.join("/"))
}

#[tokio::test]
async fn streams_stop_when_a_navigable_full_page_has_no_link() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/service/tickets",
        200,
        json!([{"id": 1}, {"id": 2}]),
    )
    .await;
    let client = client(&server);
    let err = client
        .tickets()
        .list()
        .navigable()
        .page_size(2)
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("without a Link header"), "{err}");
}

#[tokio::test]
async fn a_wrong_number_type_in_a_reply_names_the_path() {
    let server = server("False").await;
    reply(
        &server,
        "GET",
        "/service/tickets",
        200,
        json!([{"id": 1}, {"id": "two", "summary": "x"}]),
    )
    .await;
    let client = client(&server);
    let err = client
        .tickets()
        .list()
        .navigable()
        .send()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("[1].id"), "{err}");
    // Unknown fields, missing optional fields and unknown enum values decode.
    reply(
        &server,
        "GET",
        "/service/boards/1/statuses/9",
        200,
        json!({"id": 9, "escalationStatus": "Brand New", "x": 1}),
    )
    .await;
    let status = client.boards().statuses(1).get(9).send().await.unwrap();
    assert!(status.escalation_status.unwrap().is_unknown());
    assert_eq!(status.extra["x"], 1);
    assert_eq!(status.name, None);
}
