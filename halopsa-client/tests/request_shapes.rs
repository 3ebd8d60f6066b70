//! The exact request every operation sends (method, path, query, body, headers).

mod common;

use common::*;
use halopsa_client::models::{Action, Ticket};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, ResponseTemplate};

fn wrapped(key: &str, items: Value, total: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"record_count": total, key: items}))
}

#[tokio::test]
async fn ticket_list_sends_pagination_and_filters() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(wrapped("tickets", json!([{"id": 1, "summary": "a"}]), 1))
        .expect(1)
        .mount(&server)
        .await;
    let page = client
        .tickets()
        .list()
        .client_id(12)
        .site_id(3)
        .agent_id(5)
        .status_id(2)
        .open_only(true)
        .search("printer")
        .order_by_desc("id")
        .page_size(50)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.total, Some(1));
    let requests = api_requests(&server).await;
    let r = &requests[0];
    assert_eq!(
        r.headers.get("authorization").unwrap(),
        format!("Bearer {TOKEN}").as_str()
    );
    for (key, value) in [
        ("pageinate", "true"),
        ("page_size", "50"),
        ("page_no", "1"),
        ("client_id", "12"),
        ("site_id", "3"),
        ("agent_id", "5"),
        ("status_id", "2"),
        ("open_only", "true"),
        ("search", "printer"),
        ("order", "id"),
        ("orderdesc", "true"),
    ] {
        assert_eq!(query(r, key).as_deref(), Some(value), "{key}");
    }
}

#[tokio::test]
async fn date_ranges_are_utc_iso() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(wrapped("tickets", json!([]), 0))
        .mount(&server)
        .await;
    let from = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_714_554_720);
    let to = from + std::time::Duration::from_secs(86_400);
    client
        .tickets()
        .list()
        .date_range(halopsa_client::DateField::Occurred, from, to)
        .send()
        .await
        .unwrap();
    let r = &api_requests(&server).await[0];
    assert_eq!(query(r, "datesearch").as_deref(), Some("dateoccured"));
    assert_eq!(
        query(r, "startdate").as_deref(),
        Some("2024-05-01T09:12:00Z")
    );
    assert_eq!(query(r, "enddate").as_deref(), Some("2024-05-02T09:12:00Z"));
}

#[tokio::test]
async fn get_create_update_delete_a_ticket() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets/42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 42, "summary": "x"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": 43, "summary": "Printer offline"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/Tickets/43"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let ticket = client
        .tickets()
        .get(42)
        .include_details(true)
        .send()
        .await
        .unwrap();
    assert_eq!(ticket.id, Some(42));
    let created = client
        .tickets()
        .create(&Ticket {
            summary: Some("Printer offline".into()),
            client_id: Some(12),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(created.id, Some(43));
    client
        .tickets()
        .update(&Ticket {
            id: Some(43),
            status_id: Some(2),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    client
        .tickets()
        .delete(43)
        .reason("duplicate")
        .send()
        .await
        .unwrap();

    let requests = api_requests(&server).await;
    assert_eq!(
        query(&requests[0], "includedetails").as_deref(),
        Some("true")
    );
    let create: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        create,
        json!([{"summary": "Printer offline", "client_id": 12}])
    );
    assert_eq!(
        requests[1].headers.get("content-type").unwrap(),
        "application/json"
    );
    let update: Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(update, json!([{"id": 43, "status_id": 2}]));
    assert_eq!(query(&requests[3], "reason").as_deref(), Some("duplicate"));
}

#[tokio::test]
async fn create_with_an_id_and_update_without_one_are_refused_before_sending() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let with_id = Ticket {
        id: Some(5),
        ..Default::default()
    };
    let error = client.tickets().create(&with_id).send().await.unwrap_err();
    assert!(error.to_string().contains("update()"), "{error}");
    let error = client
        .tickets()
        .update(&Ticket::default())
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no id"), "{error}");
}

#[tokio::test]
async fn batches_are_split_into_posts_of_100() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(|request: &wiremock::Request| {
            let body: Vec<Value> = serde_json::from_slice(&request.body).unwrap();
            let saved: Vec<Value> = body
                .into_iter()
                .enumerate()
                .map(|(i, mut t)| {
                    t["id"] = json!(i + 1);
                    t
                })
                .collect();
            ResponseTemplate::new(201).set_body_json(saved)
        })
        .expect(2)
        .mount(&server)
        .await;
    let tickets: Vec<Ticket> = (0..150)
        .map(|i| Ticket {
            summary: Some(format!("t{i}")),
            ..Default::default()
        })
        .collect();
    let saved = client
        .tickets()
        .create_batch(&tickets)
        .send_batch()
        .await
        .unwrap();
    assert_eq!(saved.len(), 150);
    let sizes: Vec<usize> = api_requests(&server)
        .await
        .iter()
        .map(|r| serde_json::from_slice::<Vec<Value>>(&r.body).unwrap().len())
        .collect();
    assert_eq!(sizes, vec![100, 50]);
}

#[tokio::test]
async fn a_failed_chunk_reports_what_was_saved_and_is_not_retried() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!([{"id": 1}])))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let tickets: Vec<Ticket> = (0..150)
        .map(|i| Ticket {
            summary: Some(format!("t{i}")),
            ..Default::default()
        })
        .collect();
    let error = client
        .tickets()
        .create_batch(&tickets)
        .send_batch()
        .await
        .unwrap_err();
    assert_eq!(error.saved.len(), 1);
    assert_eq!(error.first_unconfirmed, 100);
    assert!(error.error.is_write_uncertain(), "{}", error.error);
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn actions_are_keyed_by_ticket() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Actions"))
        .respond_with(wrapped(
            "actions",
            json!([{"id": 1, "ticket_id": 9}, {"id": 2, "ticket_id": 9}]),
            2,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Actions/1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "ticket_id": 9, "note": "n"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Actions"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 3, "ticket_id": 9})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/Actions/3"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let all = client.actions().list(9).collect_all().await.unwrap();
    assert_eq!(all.len(), 2);
    let one = client.actions().get(9, 1).send().await.unwrap();
    assert_eq!(one.note.as_deref(), Some("n"));
    let note = Action {
        ticket_id: Some(9),
        note: Some("hello".into()),
        hiddenfromuser: Some(true),
        ..Default::default()
    };
    let saved = client.actions().create(&note).send().await.unwrap();
    assert_eq!((saved.ticket_id, saved.id), (Some(9), Some(3)));
    client.actions().delete(9, 3).send().await.unwrap();

    let requests = api_requests(&server).await;
    assert_eq!(query(&requests[0], "ticket_id").as_deref(), Some("9"));
    assert_eq!(query(&requests[1], "ticket_id").as_deref(), Some("9"));
    let body: Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(
        body,
        json!([{"ticket_id": 9, "note": "hello", "hiddenfromuser": true}])
    );
    assert_eq!(query(&requests[3], "ticket_id").as_deref(), Some("9"));
}

#[tokio::test]
async fn an_action_without_a_ticket_is_refused_before_sending() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let error = client
        .actions()
        .create(&Action {
            note: Some("orphan".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("ticket_id"), "{error}");
}

#[tokio::test]
async fn every_resource_lists_from_its_path() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/[A-Za-z]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    client.contacts().list().send().await.unwrap();
    client.assets().list().send().await.unwrap();
    client.products().list().send().await.unwrap();
    client.appointments().list().send().await.unwrap();
    client.companies().list().send().await.unwrap();
    client.sites().list().send().await.unwrap();
    client.slas().list().send().await.unwrap();
    client.kb_articles().list().send().await.unwrap();
    client.contracts().list().send().await.unwrap();
    client.invoices().list().send().await.unwrap();
    client.quotations().list().send().await.unwrap();
    client.suppliers().list().send().await.unwrap();
    client.opportunities().list().send().await.unwrap();
    client.reports().list().send().await.unwrap();
    client.statuses().list().send().await.unwrap();
    client.priorities().list().send().await.unwrap();
    client.categories().list().send().await.unwrap();
    client.teams().list().send().await.unwrap();
    client.agents().list().send().await.unwrap();
    client.ticket_types().list().send().await.unwrap();
    client.workflows().list().send().await.unwrap();
    let paths: Vec<String> = api_requests(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "Users",
            "Asset",
            "Item",
            "Appointment",
            "Client",
            "Site",
            "SLA",
            "KBArticle",
            "ClientContract",
            "Invoice",
            "Quotation",
            "Supplier",
            "Opportunities",
            "Report",
            "Status",
            "Priority",
            "Category",
            "Team",
            "Agent",
            "TicketType",
            "Workflow"
        ]
        .map(|p| format!("/api/{p}"))
    );
}

#[tokio::test]
async fn report_data_and_raw_escape_hatch() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/ReportData/abc-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{"hours": 2.5}]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/TicketTypeField"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .expect(1)
        .mount(&server)
        .await;
    let data = client.report_data("abc-123").await.unwrap();
    assert_eq!(data["data"][0]["hours"], json!(2.5));
    let raw: Value = client
        .get_json(
            "TicketTypeField",
            &[("tickettype_id", "3")],
            Some(halopsa_client::scopes::requirements::CONFIGURATION.read),
        )
        .await
        .unwrap();
    assert_eq!(raw[0]["id"], json!(1));
    let r = api_requests(&server).await;
    assert_eq!(query(&r[1], "tickettype_id").as_deref(), Some("3"));
}
