//! The exact request every operation sends (method, path, query, body, headers).

mod common;

use std::fmt::Debug;
use std::time::{Duration, UNIX_EPOCH};

use common::*;
use futures_util::TryStreamExt;
use halopsa_client::models::{Action, Appointment, Asset, Item, Priority, Ticket, User};
use halopsa_client::{Client, ListCall, Resource, SaveOutcome, TicketList};
use neo_auth_core::Error;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn wrapped(key: &str, items: Value, total: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"record_count": total, key: items}))
}

/// Answers a POST like Halo: every record sent, with an id (`first_id`, +1, …)
/// where it had none; a single record as an object.
fn echo_saved(first_id: i64) -> impl Fn(&Request) -> ResponseTemplate {
    move |request: &Request| {
        let body: Vec<Value> = serde_json::from_slice(&request.body).unwrap();
        let saved: Vec<Value> = body
            .into_iter()
            .enumerate()
            .map(|(i, mut record)| {
                if record.get("id").is_none() {
                    record["id"] = json!(first_id + i as i64);
                }
                record
            })
            .collect();
        match saved.as_slice() {
            [one] => ResponseTemplate::new(201).set_body_json(one),
            _ => ResponseTemplate::new(201).set_body_json(saved),
        }
    }
}

/// The query parameters of a request, in order.
fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn body_of(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
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
        .respond_with(echo_saved(1))
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
    assert_eq!(error.saved.len(), 100);
    assert_eq!(error.applied.end, 100);
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
async fn every_resource_lists_from_its_path_with_or_without_paging() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/[A-Za-z]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    // (path, paginated per the OpenAPI spec, `paginated` of the definition)
    let lists: Vec<(&str, bool, bool)> = vec![
        ("Tickets", true, first_page(&client.tickets()).await),
        ("Users", true, first_page(&client.contacts()).await),
        ("Asset", true, first_page(&client.assets()).await),
        ("Item", true, first_page(&client.products()).await),
        (
            "Appointment",
            true,
            first_page(&client.appointments()).await,
        ),
        ("Client", true, first_page(&client.companies()).await),
        ("Site", true, first_page(&client.sites()).await),
        ("SLA", false, first_page(&client.slas()).await),
        ("KBArticle", true, first_page(&client.kb_articles()).await),
        (
            "ClientContract",
            true,
            first_page(&client.contracts()).await,
        ),
        ("Invoice", true, first_page(&client.invoices()).await),
        ("Quotation", true, first_page(&client.quotations()).await),
        ("Supplier", true, first_page(&client.suppliers()).await),
        (
            "Opportunities",
            true,
            first_page(&client.opportunities()).await,
        ),
        ("Report", true, first_page(&client.reports()).await),
        ("Status", false, first_page(&client.statuses()).await),
        ("Priority", false, {
            client.priorities().list().send().await.unwrap();
            paged(client.priorities().definition())
        }),
        ("Category", false, first_page(&client.categories()).await),
        ("Team", false, first_page(&client.teams()).await),
        ("Agent", false, first_page(&client.agents()).await),
        (
            "TicketType",
            false,
            first_page(&client.ticket_types()).await,
        ),
        ("Workflow", false, first_page(&client.workflows()).await),
        ("Actions", false, {
            client.actions().list(7).send().await.unwrap();
            paged(client.actions().definition())
        }),
    ];
    let requests = api_requests(&server).await;
    assert_eq!(requests.len(), lists.len());
    for ((expected_path, spec_paginated, def_paginated), request) in lists.iter().zip(&requests) {
        assert_eq!(request.url.path(), format!("/api/{expected_path}"));
        assert_eq!(spec_paginated, def_paginated, "{expected_path}");
        let pairs = query_pairs(request);
        let paging: Vec<&str> = pairs
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| ["pageinate", "page_size", "page_no"].contains(k))
            .collect();
        if *spec_paginated {
            assert_eq!(
                (
                    query(request, "pageinate").as_deref(),
                    query(request, "page_size").as_deref(),
                    query(request, "page_no").as_deref()
                ),
                (Some("true"), Some("100"), Some("1")),
                "{expected_path}"
            );
        } else {
            assert!(paging.is_empty(), "{expected_path}: {pairs:?}");
        }
    }
    assert_eq!(
        query_pairs(&requests[22]),
        [("ticket_id".to_owned(), "7".to_owned())]
    );
}

/// Whether an endpoint's list is paged.
fn paged(spec: &halopsa_client::EndpointSpec) -> bool {
    spec.paging != neo_auth_core::PagingScheme::None
}

/// Sends a resource's first list page; returns whether its definition pages.
async fn first_page<T>(resource: &Resource<T>) -> bool
where
    T: halopsa_client::Record,
{
    let list: ListCall<T> = resource.list().into();
    list.send().await.unwrap();
    paged(resource.definition())
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

// ---------------------------------------------------------------- list filters

/// A list builder step, for the table below.
type Filter = fn(TicketList) -> TicketList;

/// One row: a name, the builder step and the query parameters it must send.
type FilterCase = (&'static str, Filter, Vec<(&'static str, &'static str)>);

#[tokio::test]
async fn every_list_filter_is_sent_under_its_halo_name() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(wrapped("tickets", json!([]), 0))
        .mount(&server)
        .await;
    let cases: Vec<FilterCase> = vec![
        ("user_id", |l| l.user_id(77), vec![("user_id", "77")]),
        (
            "closed_only",
            |l| l.closed_only(true),
            vec![("closed_only", "true")],
        ),
        (
            // `/Tickets` does not honour it: the contacts list has the filter
            // (`include_inactive_is_sent_where_honoured` checks its wire name).
            "include_inactive",
            |l| l.param("includeinactive", true),
            vec![("includeinactive", "true")],
        ),
        (
            "order_by (ascending)",
            |l| l.order_by("dateoccurred"),
            vec![("order", "dateoccurred"), ("orderdesc", "false")],
        ),
        (
            "order_by_desc",
            |l| l.order_by_desc("id"),
            vec![("order", "id"), ("orderdesc", "true")],
        ),
        (
            "updated_between",
            |l| {
                let from = UNIX_EPOCH + Duration::from_secs(1_714_554_720);
                l.updated_between(from, from + Duration::from_secs(3_600))
            },
            vec![
                ("lastupdatefromdate", "2024-05-01T09:12:00Z"),
                ("lastupdatetodate", "2024-05-01T10:12:00Z"),
            ],
        ),
        (
            "date_range (cleared)",
            |l| {
                let from = UNIX_EPOCH + Duration::from_secs(1_714_554_720);
                l.date_range(halopsa_client::DateField::Cleared, from, from)
            },
            vec![
                ("datesearch", "datecleared"),
                ("startdate", "2024-05-01T09:12:00Z"),
                ("enddate", "2024-05-01T09:12:00Z"),
            ],
        ),
        (
            "raw param",
            |l| l.param("includelastaction", true),
            vec![("includelastaction", "true")],
        ),
        ("page_size", |l| l.page_size(25), vec![("page_size", "25")]),
        (
            "statuses",
            |l| l.statuses(&[1, 2, 9]),
            vec![("status", "1,2,9")],
        ),
        ("agents", |l| l.agents(&[5]), vec![("agent", "5")]),
        ("teams", |l| l.teams(&[3, 4]), vec![("team", "3,4")]),
    ];
    for (_, filter, _) in &cases {
        filter(client.tickets().list()).send().await.unwrap();
    }
    let requests = api_requests(&server).await;
    assert_eq!(requests.len(), cases.len());
    for ((name, _, expected), request) in cases.iter().zip(&requests) {
        for (key, value) in expected {
            assert_eq!(
                query(request, key).as_deref(),
                Some(*value),
                "{name}: {key}"
            );
        }
        assert_eq!(
            query(request, "pageinate").as_deref(),
            Some("true"),
            "{name}"
        );
        assert_eq!(query(request, "page_no").as_deref(), Some("1"), "{name}");
        // Nothing but the filter and the paging parameters.
        let extra: Vec<String> = query_pairs(request)
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| {
                !["pageinate", "page_size", "page_no"].contains(&k.as_str())
                    && !expected.iter().any(|(e, _)| e == k)
            })
            .collect();
        assert!(extra.is_empty(), "{name}: unexpected {extra:?}");
    }
}

#[tokio::test]
async fn a_page_size_outside_1_to_100_is_refused_before_sending() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    for size in [0, 101, 1000] {
        let error = client
            .tickets()
            .list()
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{size}: {error:?}");
        let error = client
            .contacts()
            .list()
            .page_size(size)
            .collect_all()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{size}: {error:?}");
    }
    // Unpaginated lists send no page size, so it does not matter there.
    client
        .statuses()
        .list()
        .page_size(1000)
        .send()
        .await
        .unwrap();
}

// ---------------------------------------------------------------- write areas

/// get / create / update / delete / list of one write area: method, path, query, body.
async fn write_area_shapes<T>(
    resource: fn(&Client) -> Resource<T>,
    api: &str,
    draft: T,
    change: T,
    draft_json: Value,
    change_json: Value,
) where
    T: halopsa_client::Record + Debug,
{
    let (server, client) = setup().await;
    let record_path = format!("/api/{api}/7");
    Mock::given(method("GET"))
        .and(path(record_path.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/{api}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 7}])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/{api}")))
        .respond_with(echo_saved(7))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(record_path.as_str()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let handler = resource(&client);
    let read = handler.get(7).include_details(true).send().await.unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap()["id"], 7, "{api}");
    let created = handler.create(&draft).send().await.unwrap();
    assert_eq!(serde_json::to_value(&created).unwrap()["id"], 7, "{api}");
    let updated = handler.update(&change).send().await.unwrap();
    assert_eq!(serde_json::to_value(&updated).unwrap()["id"], 7, "{api}");
    handler.delete(7).send().await.unwrap();
    // Filters every write area's list honours or ignores, sent raw.
    let list: ListCall<T> = handler.list().into();
    let page = list
        .param("client_id", 3)
        .param("includeinactive", true)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1, "{api}");

    let requests = api_requests(&server).await;
    let shape: Vec<(String, String)> = requests
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_owned()))
        .collect();
    let collection = format!("/api/{api}");
    assert_eq!(
        shape,
        [
            ("GET", record_path.as_str()),
            ("POST", collection.as_str()),
            ("POST", collection.as_str()),
            ("DELETE", record_path.as_str()),
            ("GET", collection.as_str()),
        ]
        .map(|(m, p)| (m.to_owned(), p.to_owned())),
        "{api}"
    );
    assert_eq!(
        query_pairs(&requests[0]),
        [("includedetails".to_owned(), "true".to_owned())],
        "{api}"
    );
    for post in &requests[1..3] {
        assert_eq!(
            post.headers.get("content-type").unwrap(),
            "application/json",
            "{api}"
        );
        assert!(query_pairs(post).is_empty(), "{api}");
    }
    assert_eq!(body_of(&requests[1]), json!([draft_json]), "{api}: create");
    assert_eq!(body_of(&requests[2]), json!([change_json]), "{api}: update");
    assert!(query_pairs(&requests[3]).is_empty(), "{api}");
    assert!(requests[3].body.is_empty(), "{api}");
    for (key, value) in [
        ("client_id", "3"),
        ("includeinactive", "true"),
        ("pageinate", "true"),
        ("page_size", "100"),
        ("page_no", "1"),
    ] {
        assert_eq!(
            query(&requests[4], key).as_deref(),
            Some(value),
            "{api}: {key}"
        );
    }
    for request in &requests {
        assert_eq!(
            request.headers.get("authorization").unwrap(),
            format!("Bearer {TOKEN}").as_str()
        );
    }
}

#[tokio::test]
async fn contacts_requests() {
    write_area_shapes(
        Client::contacts,
        "Users",
        User {
            name: Some("Jane Doe".into()),
            emailaddress: Some("jane@acme.example".into()),
            client_id: Some(12),
            site_id: Some(30),
            ..Default::default()
        },
        User {
            id: Some(7),
            phonenumber: Some("0161 496 0000".into()),
            ..Default::default()
        },
        json!({"name": "Jane Doe", "emailaddress": "jane@acme.example", "client_id": 12, "site_id": 30}),
        json!({"id": 7, "phonenumber": "0161 496 0000"}),
    )
    .await;
}

#[tokio::test]
async fn assets_requests() {
    write_area_shapes(
        Client::assets,
        "Asset",
        Asset {
            inventory_number: Some("LAPTOP-0042".into()),
            client_id: Some(12),
            assettype_id: Some(1),
            ..Default::default()
        },
        Asset {
            id: Some(7),
            inactive: Some(true),
            ..Default::default()
        },
        json!({"inventory_number": "LAPTOP-0042", "client_id": 12, "assettype_id": 1}),
        json!({"id": 7, "inactive": true}),
    )
    .await;
}

#[tokio::test]
async fn products_requests() {
    write_area_shapes(
        Client::products,
        "Item",
        Item {
            name: Some("USB-C Dock".into()),
            baseprice: Some(129.5),
            taxable: Some(true),
            ..Default::default()
        },
        Item {
            id: Some(7),
            costprice: Some(80.0),
            ..Default::default()
        },
        json!({"name": "USB-C Dock", "baseprice": 129.5, "taxable": true}),
        json!({"id": 7, "costprice": 80.0}),
    )
    .await;
}

#[tokio::test]
async fn appointments_requests() {
    write_area_shapes(
        Client::appointments,
        "Appointment",
        Appointment {
            subject: Some("Install printer".into()),
            start_date: Some("2024-06-03T09:00:00Z".into()),
            end_date: Some("2024-06-03T10:00:00Z".into()),
            agent_id: Some(5),
            ticket_id: Some(1042),
            ..Default::default()
        },
        Appointment {
            id: Some(7),
            note: Some("Bring toner".into()),
            ..Default::default()
        },
        json!({
            "subject": "Install printer", "start_date": "2024-06-03T09:00:00Z",
            "end_date": "2024-06-03T10:00:00Z", "agent_id": 5, "ticket_id": 1042
        }),
        json!({"id": 7, "note": "Bring toner"}),
    )
    .await;
}

// ---------------------------------------------------------------- read areas

#[tokio::test]
async fn every_read_area_gets_one_record_by_id() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/[A-Za-z]+/[^/]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 5, "name": "x"})))
        .mount(&server)
        .await;
    let paths = [
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
        "Category",
        "Team",
        "Agent",
        "TicketType",
        "Workflow",
    ];
    assert_eq!(client.companies().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.sites().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.slas().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(
        client.kb_articles().get(5).send().await.unwrap().id,
        Some(5)
    );
    assert_eq!(client.contracts().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.invoices().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.quotations().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.suppliers().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(
        client.opportunities().get(5).send().await.unwrap().id,
        Some(5)
    );
    assert_eq!(client.reports().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.statuses().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.categories().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.teams().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(client.agents().get(5).send().await.unwrap().id, Some(5));
    assert_eq!(
        client.ticket_types().get(5).send().await.unwrap().id,
        Some(5)
    );
    assert_eq!(client.workflows().get(5).send().await.unwrap().id, Some(5));
    let requests = api_requests(&server).await;
    let got: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(got, paths.map(|p| format!("/api/{p}/5")));
    assert!(
        requests
            .iter()
            .all(|r| r.method.as_str() == "GET" && r.url.query().is_none())
    );
}

// ---------------------------------------------------------------- priorities

#[tokio::test]
async fn priorities_use_their_uuid_in_the_path() {
    let (server, client) = setup().await;
    let uuid = "5d6c1d4a-0000-4000-8000-00000000000b";
    Mock::given(method("GET"))
        .and(path(format!("/api/Priority/{uuid}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": uuid, "priorityid": 2, "name": "High"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("/api/Priority/{uuid}")))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Priority"))
        .respond_with(echo_saved(0))
        .expect(1)
        .mount(&server)
        .await;
    let admin = builder(&server)
        .policy(halopsa_client::default_policy().with(
            halopsa_client::areas::CONFIGURATION,
            neo_auth_core::AreaAccess::WRITE,
        ))
        .build()
        .unwrap();

    let high = client.priorities().get(uuid).send().await.unwrap();
    assert_eq!((high.id.as_deref(), high.priorityid), (Some(uuid), Some(2)));
    let updated = admin
        .priorities()
        .update(&Priority {
            id: Some(uuid.to_owned()),
            fixtime: Some(6.0),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(updated.id.as_deref(), Some(uuid));
    admin.priorities().delete(uuid).send().await.unwrap();
    // A bad id never leaves the client.
    for bad in ["", "   "] {
        let error = client.priorities().get(bad).send().await.unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        let error = admin.priorities().delete(bad).send().await.unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
    }
    // An update with an empty id is not an update.
    let error = admin
        .priorities()
        .update(&Priority {
            id: Some(String::new()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no id"), "{error}");

    let requests = api_requests(&server).await;
    assert_eq!(requests.len(), 3);
    assert_eq!(body_of(&requests[1]), json!([{"id": uuid, "fixtime": 6.0}]));
}

// ---------------------------------------------------------------- actions

#[tokio::test]
async fn actions_update_and_update_batch() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Actions"))
        .respond_with(echo_saved(0))
        .expect(3)
        .mount(&server)
        .await;
    let saved = client
        .actions()
        .update(&Action {
            ticket_id: Some(9),
            id: Some(2),
            note: Some("edited".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!((saved.ticket_id, saved.id), (Some(9), Some(2)));
    let edits: Vec<Action> = (1..=150)
        .map(|id| Action {
            ticket_id: Some(9),
            id: Some(id),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .collect();
    let saved = client
        .actions()
        .update_batch(&edits)
        .send_batch()
        .await
        .unwrap();
    assert_eq!(saved.len(), 150);
    assert_eq!(saved[149].id, Some(150));

    // Refused before sending: no ticket, no id.
    let no_ticket = Action {
        id: Some(1),
        ..Default::default()
    };
    let no_id = Action {
        ticket_id: Some(9),
        ..Default::default()
    };
    for bad in [no_ticket, no_id] {
        let error = client
            .actions()
            .update_batch(std::slice::from_ref(&bad))
            .send_batch()
            .await
            .unwrap_err();
        assert!(
            matches!(error.error, Error::Config { .. }),
            "{:?}",
            error.error
        );
        assert_eq!(error.applied.end, 0);
    }

    let requests = api_requests(&server).await;
    assert_eq!(
        body_of(&requests[0]),
        json!([{"ticket_id": 9, "id": 2, "note": "edited"}])
    );
    let sizes: Vec<usize> = requests[1..]
        .iter()
        .map(|r| body_of(r).as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 50]);
    assert_eq!(
        body_of(&requests[2])[0],
        json!({"ticket_id": 9, "id": 101, "hiddenfromuser": true})
    );
}

// ---------------------------------------------------------------- list envelope and paging

#[tokio::test]
async fn the_documented_list_key_wins_over_earlier_arrays() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"page_no":1,"filters":[],"record_count":2,"tickets":[{"id":1},{"id":2}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Opportunities"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"views":[{"id":3,"name":"All"}],"labels":["a"],"record_count":1,"tickets":[{"id":8,"summary":"Deal"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let page = client.tickets().list().send().await.unwrap();
    assert_eq!(
        page.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert_eq!(page.total, Some(2));
    let all = client.tickets().list().collect_all().await.unwrap();
    assert_eq!(all.len(), 2, "record_count ends the list");
    // Arrays of other shapes before the key are neither taken nor decoded as records.
    let deals = client.opportunities().list().collect_all().await.unwrap();
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0].summary.as_deref(), Some("Deal"));
}

#[tokio::test]
async fn an_unpaginated_wrapped_reply_without_record_count_is_the_whole_list() {
    // The audit's case: a wrapped reply without record_count from an endpoint
    // that ignores page_no used to be fetched twice and fail as stalled.
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Actions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"actions": [{"id": 1, "ticket_id": 4}, {"id": 2, "ticket_id": 4}, {"id": 3, "ticket_id": 4}]}),
        ))
        .expect(4)
        .mount(&server)
        .await;
    let list = || client.actions().list(4);
    let page = list().send().await.unwrap();
    assert_eq!((page.items.len(), page.total), (3, None));
    assert!(page.next.is_none());
    let pages: Vec<_> = list().pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 1);
    let streamed: Vec<Action> = list().stream().try_collect().await.unwrap();
    assert_eq!(streamed.len(), 3);
    let all = list().collect_all().await.unwrap();
    assert_eq!(
        all.iter().map(|a| a.id).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    assert!(list().page(2).await.unwrap().items.is_empty(), "no page 2");
    for request in api_requests(&server).await {
        assert_eq!(
            query_pairs(&request),
            [("ticket_id".to_owned(), "4".to_owned())]
        );
    }
}

#[tokio::test]
async fn configuration_lists_accept_bare_and_wrapped_replies() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}, {"id": 9}])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Team"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"teams": [{"id": 1, "name": "1st Line"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/SLA"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"filters": [], "slas": [{"id": 1, "name": "Standard"}, {"id": 2}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        client.statuses().list().collect_all().await.unwrap().len(),
        2
    );
    assert_eq!(client.teams().list().collect_all().await.unwrap().len(), 1);
    // `/SLA`'s key is undocumented: the first array that is not metadata is taken.
    assert_eq!(client.slas().list().collect_all().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_paginated_list_that_ignores_page_no_without_record_count_ends_cleanly() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"clients": [{"id": 1}, {"id": 2}]})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let all = client.companies().list().collect_all().await.unwrap();
    assert_eq!(
        all.iter().map(|c| c.id).collect::<Vec<_>>(),
        [Some(1), Some(2)],
        "each record once"
    );
    let requests = api_requests(&server).await;
    assert_eq!(query(&requests[1], "page_no").as_deref(), Some("2"));
}

#[tokio::test]
async fn a_repeated_page_with_record_count_still_stalls() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(wrapped("clients", json!([{"id": 1}, {"id": 2}]), 10))
        .expect(2)
        .mount(&server)
        .await;
    let error = client.companies().list().collect_all().await.unwrap_err();
    assert!(
        matches!(error, Error::PaginationStalled { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_list_of_distinct_pages_without_record_count_ends_on_an_empty_page() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(|request: &Request| {
            let page: u64 = query(request, "page_no").unwrap().parse().unwrap();
            let items: Vec<Value> = if page <= 3 {
                vec![json!({"id": page * 10}), json!({"id": page * 10 + 1})]
            } else {
                Vec::new()
            };
            ResponseTemplate::new(200).set_body_json(json!({"clients": items}))
        })
        .expect(4)
        .mount(&server)
        .await;
    let all = client.companies().list().collect_all().await.unwrap();
    assert_eq!(all.len(), 6);
}

// ---------------------------------------------------------------- writes Halo answered oddly

/// Mounts a POST /api/Tickets answer, expected exactly once (never retried).
async fn post_answers(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

fn draft(n: usize) -> Vec<Ticket> {
    (0..n)
        .map(|i| Ticket {
            summary: Some(format!("t{i}")),
            ..Default::default()
        })
        .collect()
}

/// The error is `WriteUncertain` for `POST /Tickets`, its source says `what`.
fn assert_uncertain(error: &Error, what: &str) {
    match error {
        Error::WriteUncertain {
            method,
            path,
            source,
        } => {
            assert_eq!(method.as_str(), "POST");
            assert_eq!(path, "/Tickets");
            assert!(source.to_string().contains(what), "{source}");
        }
        other => panic!("expected WriteUncertain, got {other:?}"),
    }
    assert!(error.is_write_uncertain());
    assert!(!error.is_retryable());
    assert!(
        error.to_string().contains("may have been applied"),
        "{error}"
    );
}

#[tokio::test]
async fn an_empty_list_reply_to_a_create_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(&server, ResponseTemplate::new(201).set_body_json(json!([]))).await;
    let error = client
        .tickets()
        .create(&draft(1)[0])
        .send()
        .await
        .unwrap_err();
    assert_uncertain(&error, "0 record(s) for 1 sent");
}

#[tokio::test]
async fn an_empty_body_reply_to_a_create_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(&server, ResponseTemplate::new(201)).await;
    let error = client
        .tickets()
        .create(&draft(1)[0])
        .send()
        .await
        .unwrap_err();
    assert_uncertain(&error, "no body");
}

#[tokio::test]
async fn a_blank_body_reply_to_an_update_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(200).set_body_raw(" \n", "application/json"),
    )
    .await;
    let error = client
        .tickets()
        .update(&Ticket {
            id: Some(3),
            summary: Some("x".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    assert_uncertain(&error, "no body");
}

#[tokio::test]
async fn a_batch_answered_with_fewer_records_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!([{"id": 1}, {"id": 2}])),
    )
    .await;
    let error = client
        .tickets()
        .create_batch(&draft(3))
        .send_batch()
        .await
        .unwrap_err();
    assert!(error.saved.is_empty());
    assert_eq!(error.applied.end, 0);
    assert_uncertain(&error.error, "2 record(s) for 3 sent");
}

#[tokio::test]
async fn a_single_object_answering_a_batch_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!({"id": 1})),
    )
    .await;
    let error = client
        .tickets()
        .create_batch(&draft(2))
        .send_batch()
        .await
        .unwrap_err();
    assert_uncertain(&error.error, "1 record(s) for 2 sent");
}

#[tokio::test]
async fn a_short_second_chunk_keeps_the_first_and_is_write_uncertain() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(echo_saved(1))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!([{"id": 101}])))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let error = client
        .tickets()
        .create_batch(&draft(150))
        .send_batch()
        .await
        .unwrap_err();
    assert_eq!((error.saved.len(), error.applied.end), (100, 100));
    assert_uncertain(&error.error, "1 record(s) for 50 sent");
}

#[tokio::test]
async fn an_undecodable_reply_to_a_write_is_write_uncertain() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!({"id": "not-a-number"})),
    )
    .await;
    let error = client
        .tickets()
        .create(&draft(1)[0])
        .send()
        .await
        .unwrap_err();
    match &error {
        Error::WriteUncertain { source, .. } => {
            assert!(
                matches!(source.as_ref(), Error::Decode { path, .. } if path == "id"),
                "{source:?}"
            );
        }
        other => panic!("expected WriteUncertain, got {other:?}"),
    }
}

#[tokio::test]
async fn a_matching_reply_is_returned_as_saved() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!([{"id": 1, "summary": "t0"}])),
    )
    .await;
    let saved = client.tickets().create(&draft(1)[0]).send().await.unwrap();
    assert_eq!((saved.id, saved.summary.as_deref()), (Some(1), Some("t0")));
}

#[tokio::test]
async fn a_resource_server_url_as_base_reaches_the_same_urls() {
    // Halo's API Details show the Resource Server URL `https://x.halopsa.com/api`;
    // pasted as the base URL it must not lead to `/api/api/...`.
    let mut seen = Vec::new();
    for suffix in ["", "/api", "/api/", "/API"] {
        let server = MockServer::start().await;
        mount_auth(&server, "all").await;
        Mock::given(method("GET"))
            .and(path("/api/Tickets/7"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7})))
            .expect(1)
            .named("ticket 7")
            .mount(&server)
            .await;
        let client = Client::builder()
            .credentials(halopsa_client::HaloCredentials::new(
                format!("{}{suffix}", server.uri()),
                CLIENT_ID,
                secrecy::SecretString::from(SECRET),
            ))
            .retry(fast_retry())
            .rate_limit(None)
            .build()
            .unwrap();
        let ticket = client.tickets().get(7).send().await.unwrap();
        assert_eq!(ticket.id, Some(7), "base URL suffix `{suffix}`");
        let paths: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url.path()))
            .collect();
        seen.push(paths);
    }
    assert_eq!(
        seen[0],
        [
            "GET /api/authinfo",
            "POST /auth/token",
            "GET /api/Tickets/7"
        ]
    );
    for paths in &seen[1..] {
        assert_eq!(paths, &seen[0]);
    }
}

#[tokio::test]
async fn an_empty_id_list_filter_is_refused_before_sending() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(wrapped("tickets", json!([]), 0))
        .expect(0)
        .named("tickets (must not be called)")
        .mount(&server)
        .await;
    let cases: Vec<(&str, Filter)> = vec![
        ("statuses", |l| l.statuses(&[])),
        ("agents", |l| l.agents(&[])),
        ("teams", |l| l.teams(&[1]).teams(&[])),
    ];
    for (name, filter) in cases {
        let error = filter(client.tickets().list()).send().await.unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{name}: {error:?}");
        assert!(
            error
                .to_string()
                .contains(&format!("{name}() needs at least one id")),
            "{error}"
        );
        let error = filter(client.tickets().list())
            .collect_all()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{name}: {error:?}");
    }
}

#[tokio::test]
async fn streams_of_paginated_lists_default_to_a_stable_order() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(|request: &Request| {
            let page: u64 = query(request, "page_no").unwrap().parse().unwrap();
            let items = if page == 1 {
                json!([{"id": 1}, {"id": 2}])
            } else {
                json!([{"id": 3}])
            };
            wrapped("tickets", items, 3)
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .mount(&server)
        .await;

    // A stream without an order: every page request is ordered by id, ascending.
    let all = client
        .tickets()
        .list()
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let requests = api_requests(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(query(request, "order").as_deref(), Some("id"));
        assert_eq!(query(request, "orderdesc").as_deref(), Some("false"));
    }

    // The caller's order wins, and is sent once.
    let _ = client
        .tickets()
        .list()
        .order_by_desc("dateoccurred")
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    let requests = api_requests(&server).await;
    for request in &requests[2..] {
        let orders: Vec<(String, String)> = query_pairs(request)
            .into_iter()
            .filter(|(k, _)| k == "order" || k == "orderdesc")
            .collect();
        assert_eq!(
            orders,
            [
                ("order".to_owned(), "dateoccurred".to_owned()),
                ("orderdesc".to_owned(), "true".to_owned())
            ]
        );
    }

    // One page by hand sends the filters as set: no default order.
    let before = api_requests(&server).await.len();
    client.tickets().list().send().await.unwrap();
    let requests = api_requests(&server).await;
    assert_eq!(query(&requests[before], "order"), None);

    // Unpaginated lists send no paging and no order.
    client.statuses().list().collect_all().await.unwrap();
    let requests = api_requests(&server).await;
    let last = requests.last().unwrap();
    assert_eq!(last.url.path(), "/api/Status");
    assert_eq!(last.url.query(), None);
}

fn bare_ids(ids: std::ops::Range<i64>) -> ResponseTemplate {
    let items: Vec<Value> = ids.map(|id| json!({"id": id})).collect();
    ResponseTemplate::new(200).set_body_json(items)
}

#[tokio::test]
async fn a_full_bare_page_then_the_same_page_again_is_a_stall_not_a_silent_truncation() {
    // The endpoint ignores pageinate and page_no: the agent's default 50 rows, bare,
    // every time. Records past them exist but cannot be read: a typed error.
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(bare_ids(1..51))
        .expect(2)
        .named("tickets, bare and repeated")
        .mount(&server)
        .await;
    let error = client.tickets().list().collect_all().await.unwrap_err();
    match &error {
        Error::PaginationStalled { pages, reason } => {
            assert_eq!(*pages, 2);
            assert!(reason.contains("/Tickets ignores paging"), "{reason}");
            assert!(reason.contains("first 50 record(s)"), "{reason}");
            assert!(reason.contains("allow_ignored_paging(true)"), "{reason}");
        }
        other => panic!("expected PaginationStalled, got {other:?}"),
    }
    let requests = api_requests(&server).await;
    assert_eq!(query(&requests[1], "page_no").as_deref(), Some("2"));
}

#[tokio::test]
async fn a_list_allowed_to_ignore_paging_yields_the_repeated_page_once() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(bare_ids(1..51))
        .expect(2)
        .named("tickets, bare and repeated")
        .mount(&server)
        .await;
    let all = client
        .tickets()
        .list()
        .allow_ignored_paging(true)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 50);
    let ids: std::collections::HashSet<_> = all.iter().map(|t| t.id).collect();
    assert_eq!(ids.len(), 50, "each record once");
}

#[tokio::test]
async fn full_bare_pages_are_followed_until_a_short_one() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(
            |request: &Request| match query(request, "page_no").as_deref() {
                Some("1") => bare_ids(1..51),
                Some("2") => bare_ids(51..71),
                other => {
                    ResponseTemplate::new(500).set_body_string(format!("unexpected page {other:?}"))
                }
            },
        )
        .expect(2)
        .named("tickets, 50 bare then 20 bare")
        .mount(&server)
        .await;
    let all = client.tickets().list().collect_all().await.unwrap();
    assert_eq!(all.len(), 70);
    assert_eq!(all.last().and_then(|t| t.id), Some(70));
}

#[tokio::test]
async fn a_short_bare_page_is_the_whole_list() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(bare_ids(1..21))
        .expect(2)
        .named("clients, 20 bare")
        .mount(&server)
        .await;
    let all = client.companies().list().collect_all().await.unwrap();
    assert_eq!(all.len(), 20);
    // A bare page as full as the requested page size is followed too.
    let first = client
        .companies()
        .list()
        .page_size(20)
        .send()
        .await
        .unwrap();
    assert_eq!(first.next, Some(neo_auth_core::PageToken::Number(2)));
}

#[tokio::test]
async fn report_data_as_decodes_typed_rows_and_keeps_the_value_form() {
    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Hours {
        agent: String,
        hours: f64,
    }
    let (server, client) = setup().await;
    let body = json!({"id": 4, "report": {"loaded": true, "rows": [
        {"agent": "Ann", "hours": 2.5},
        {"agent": "Bob", "hours": 1.0}
    ]}});
    Mock::given(method("GET"))
        .and(path("/api/ReportData/abc-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
        .expect(3)
        .named("report data")
        .mount(&server)
        .await;
    let rows: Vec<Hours> = client.report_data_as("abc-123").await.unwrap();
    assert_eq!(
        rows,
        [
            Hours {
                agent: "Ann".into(),
                hours: 2.5
            },
            Hours {
                agent: "Bob".into(),
                hours: 1.0
            }
        ]
    );
    assert_eq!(client.report_data("abc-123").await.unwrap(), body);
    let requests = api_requests(&server).await;
    assert!(requests.iter().all(|r| r.url.query().is_none()));

    // A row that does not fit is a decode error at its path; a blank id is refused.
    let error = client
        .report_data_as::<std::collections::HashMap<String, String>>("abc-123")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { path, .. } if path.starts_with("report.rows[0]")),
        "{error:?}"
    );
    let error = client.report_data_as::<Hours>(" ").await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(client.report_data("").await.is_err());
}

#[tokio::test]
async fn raw_delete_is_scope_policy_and_approval_checked() {
    use halopsa_client::{areas, scopes::requirements};
    use neo_auth_core::{ApiRequest, Approval, AreaAccess};
    let server = MockServer::start().await;
    mount_auth(&server, "all").await;
    Mock::given(method("DELETE"))
        .and(path("/api/Attachment/17"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .named("delete attachment 17")
        .mount(&server)
        .await;
    let client = builder(&server)
        .policy(
            halopsa_client::default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL),
        )
        .build()
        .unwrap();
    let write = requirements::TICKETS
        .write
        .for_operation("tickets.attachment.delete");

    // Refused before sending: no approval, a read requirement, a policy-denied
    // area, and (in the core) a write without any requirement.
    let error = client
        .delete_json::<()>("Attachment/17", &[], write.clone(), None)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ApprovalRequired { .. }), "{error:?}");
    let error = client
        .delete_json::<()>("Attachment/17", &[], requirements::TICKETS.read, None)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = client
        .delete_json::<()>("Invoice/3", &[], requirements::INVOICES.write, None)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::PolicyDenied { .. }), "{error:?}");
    let error = client
        .transport()
        .send(ApiRequest::delete("/Attachment/17"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(api_requests(&server).await.is_empty(), "nothing was sent");

    // With the approval: DELETE /api/Attachment/17?reason=duplicate, empty reply.
    let approval = Approval::new("jane", "duplicate upload").unwrap();
    let () = client
        .delete_json(
            "/api/Attachment/17",
            &[("reason", "duplicate")],
            write,
            Some(approval),
        )
        .await
        .unwrap();
    let requests = api_requests(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/api/Attachment/17");
    assert_eq!(
        query_pairs(&requests[0]),
        [("reason".to_owned(), "duplicate".to_owned())]
    );
    assert!(requests[0].headers.get("authorization").is_some());
}

#[tokio::test]
async fn an_unpaginated_reply_with_a_larger_record_count_is_a_stall_not_a_silent_cut() {
    let (server, client) = setup().await;
    let actions: Vec<Value> = (1..=50)
        .map(|id| json!({"id": id, "ticket_id": 7}))
        .collect();
    Mock::given(method("GET"))
        .and(path("/api/Actions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"record_count": 120, "actions": actions})),
        )
        .expect(2)
        .named("actions: 50 of 120")
        .mount(&server)
        .await;
    let error = client.actions().list(7).collect_all().await.unwrap_err();
    match &error {
        Error::PaginationStalled { reason, .. } => {
            assert!(reason.contains("/Actions answered 50 of 120"), "{reason}");
        }
        other => panic!("expected PaginationStalled, got {other:?}"),
    }
    // Accepted explicitly, the 50 arrive once, in one request.
    let partial = client
        .actions()
        .list(7)
        .allow_ignored_paging(true)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(partial.len(), 50);
}

#[tokio::test]
async fn send_unconfirmed_accepts_a_2xx_reply_that_does_not_show_the_records() {
    // No body: accepted, not confirmed, with the reason; one POST.
    let (server, client) = setup().await;
    post_answers(&server, ResponseTemplate::new(201)).await;
    let outcome = client
        .tickets()
        .create_batch(&draft(2))
        .send_unconfirmed()
        .await
        .unwrap();
    match outcome {
        SaveOutcome::Unconfirmed { status, why, .. } => {
            assert!(why.contains("of 2 record(s)"), "{why}");
            assert_eq!(status.as_u16(), 201);
            assert!(why.contains("no body"), "{why}");
        }
        other => panic!("expected Unconfirmed, got {other:?}"),
    }

    // One object for two records: accepted, with a snippet of the body.
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"id": 41, "summary": "t0"})),
    )
    .await;
    let outcome = client
        .tickets()
        .create_batch(&draft(2))
        .send_unconfirmed()
        .await
        .unwrap();
    match outcome {
        SaveOutcome::Unconfirmed { why, body, .. } => {
            assert!(why.contains("1 record(s) for 2 sent"), "{why}");
            assert!(body.contains("41"), "{body}");
        }
        other => panic!("expected Unconfirmed, got {other:?}"),
    }

    // The records themselves: confirmed.
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!([{"id": 7, "summary": "t0"}])),
    )
    .await;
    let outcome = client
        .tickets()
        .create_batch(&draft(1))
        .send_unconfirmed()
        .await
        .unwrap();
    match outcome {
        SaveOutcome::Confirmed(saved) => assert_eq!(saved[0].id, Some(7)),
        other => panic!("expected Confirmed, got {other:?}"),
    }
}

#[tokio::test]
async fn send_unconfirmed_keeps_errors_checks_and_the_one_post_limit() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(400).set_body_json(json!({"Message": "bad"})),
    )
    .await;
    let error = client
        .tickets()
        .create(&draft(1)[0])
        .send_unconfirmed()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error:?}");

    // More than one POST's worth is refused before sending.
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let error = client
        .tickets()
        .create_batch(&draft(101))
        .send_unconfirmed()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}

#[tokio::test]
async fn send_unconfirmed_reports_an_undecodable_reply_with_the_field_path() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!({"id": "not-a-number"})),
    )
    .await;
    let outcome = client
        .tickets()
        .create(&draft(1)[0])
        .send_unconfirmed()
        .await
        .unwrap();
    match outcome {
        SaveOutcome::Unconfirmed { why, body, .. } => {
            assert!(
                why.contains("does not decode") && why.contains("`id`"),
                "{why}"
            );
            assert!(body.contains("not-a-number"), "{body}");
        }
        other => panic!("expected Unconfirmed, got {other:?}"),
    }
}

#[tokio::test]
async fn a_bare_reply_larger_than_the_page_size_but_short_of_fifty_is_the_whole_list() {
    // Halo ignored page_size=20 and served all 35: nothing is out of reach.
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(bare_ids(1..36))
        .expect(1)
        .named("tickets, 35 bare for page_size 20")
        .mount(&server)
        .await;
    let all = client
        .tickets()
        .list()
        .page_size(20)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 35);
}

#[tokio::test]
async fn an_allowed_unpaginated_reply_short_of_its_record_count_ends_cleanly() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Actions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"record_count": 4, "actions": []})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let error = client.actions().list(7).collect_all().await.unwrap_err();
    assert!(
        matches!(error, Error::PaginationStalled { .. }),
        "{error:?}"
    );
    let accepted = client
        .actions()
        .list(7)
        .allow_ignored_paging(true)
        .collect_all()
        .await
        .unwrap();
    assert!(accepted.is_empty());
}

#[tokio::test]
async fn a_raw_write_whose_2xx_reply_does_not_decode_is_write_uncertain() {
    let (server, client) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/api/Attachment/17"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 17})))
        .expect(1)
        .mount(&server)
        .await;
    let write = halopsa_client::scopes::requirements::TICKETS
        .write
        .for_operation("tickets.attachment.delete");
    let error = client
        .delete_json::<()>("Attachment/17", &[], write.clone(), None)
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");

    Mock::given(method("POST"))
        .and(path("/api/Attachment"))
        .respond_with(ResponseTemplate::new(201).set_body_string("created"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client
        .post_json::<_, Value>("Attachment", &json!([{"ticket_id": 1}]), write, None)
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
}

#[tokio::test]
async fn a_create_answered_with_a_record_without_an_id_is_not_confirmed() {
    let (server, client) = setup().await;
    post_answers(
        &server,
        ResponseTemplate::new(201).set_body_json(json!({"result": "queued"})),
    )
    .await;
    let error = client
        .tickets()
        .create(&draft(1)[0])
        .send()
        .await
        .unwrap_err();
    assert_uncertain(&error, "without an id");
}

#[tokio::test]
async fn include_inactive_is_sent_where_honoured() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Users"))
        .respond_with(wrapped("users", json!([]), 0))
        .mount(&server)
        .await;
    client
        .contacts()
        .list()
        .include_inactive(true)
        .send()
        .await
        .unwrap();
    let requests = api_requests(&server).await;
    assert_eq!(
        query(&requests[0], "includeinactive").as_deref(),
        Some("true")
    );
}
