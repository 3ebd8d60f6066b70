//! Every resource handler through the client against the stateful fake, with
//! typed results: the write areas round-trip (create, read back, update, delete),
//! the read areas list and get, actions update singly and in batches, priorities
//! use their UUID ids, unpaginated lists come back whole in one request, and
//! report data is read.
#![cfg(feature = "fake")]

mod common;

use std::collections::HashSet;
use std::fmt::Debug;

use common::fast_retry;
use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::{Action, Appointment, Asset, Item, Priority, User};
use halopsa_client::{Client, HaloCredentials, Resource, areas};
use neo_auth_core::{AreaAccess, Error};

fn credentials(server: &FakeServer) -> HaloCredentials {
    server.credentials()
}

use common::fake_client as client;

async fn small_server() -> FakeServer {
    FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await
}

/// Whether the error is Halo's 404 (a record that does not exist).
fn is_not_found(error: &Error) -> bool {
    error.status().map(|s| s.as_u16()) == Some(404)
}

// ------------------------------------------------------------ write areas

/// One write area's round trip: what to create, how to change it, and how to
/// read the changed field.
struct RoundTrip<T> {
    /// The fake's path name (`Users`).
    stored: &'static str,
    /// A record without an id.
    draft: T,
    /// An update of the record with this id, changing one field.
    change: fn(i64) -> T,
    /// The record's id.
    id_of: fn(&T) -> Option<i64>,
    /// The field the update changes.
    field: fn(&T) -> Option<String>,
    /// Its value before and after the update.
    values: (&'static str, &'static str),
}

/// Create → read back → update → read back → delete → 404, through one handler.
async fn round_trip<T>(server: &FakeServer, resource: Resource<T>, case: RoundTrip<T>)
where
    T: halopsa_client::Record + Debug,
{
    let RoundTrip {
        stored,
        draft,
        change,
        id_of,
        field,
        values: (before, after),
    } = case;
    let seeded = server.count(stored);
    let created = resource.create(&draft).send().await.unwrap();
    let id = id_of(&created).unwrap_or_else(|| panic!("{stored}: the fake assigns an id"));
    assert_eq!(
        field(&created).as_deref(),
        Some(before),
        "{stored}: {created:?}"
    );
    assert_eq!(server.count(stored), seeded + 1, "{stored}");

    let read = resource.get(id).send().await.unwrap();
    assert_eq!(id_of(&read), Some(id), "{stored}");
    assert_eq!(field(&read).as_deref(), Some(before), "{stored}");

    let updated = resource.update(&change(id)).send().await.unwrap();
    assert_eq!(id_of(&updated), Some(id), "{stored}");
    assert_eq!(field(&updated).as_deref(), Some(after), "{stored}");
    let read = resource.get(id).send().await.unwrap();
    assert_eq!(
        field(&read).as_deref(),
        Some(after),
        "{stored}: update stored"
    );

    resource.delete(id).send().await.unwrap();
    assert!(server.record(stored, id).is_none(), "{stored}: deleted");
    let error = resource.get(id).send().await.unwrap_err();
    assert!(is_not_found(&error), "{stored}: {error:?}");
    assert_eq!(server.count(stored), seeded, "{stored}");
}

#[tokio::test]
async fn contacts_round_trip() {
    let server = small_server().await;
    let client = client(&server);
    round_trip(
        &server,
        client.contacts(),
        RoundTrip {
            stored: "Users",
            draft: User {
                name: Some("Jane Doe".into()),
                emailaddress: Some("jane@client1.example".into()),
                client_id: Some(1),
                ..Default::default()
            },
            change: |id| User {
                id: Some(id),
                name: Some("Jane Smith".into()),
                ..Default::default()
            },
            id_of: |u| u.id,
            field: |u| u.name.clone(),
            values: ("Jane Doe", "Jane Smith"),
        },
    )
    .await;
}

#[tokio::test]
async fn assets_round_trip() {
    let server = small_server().await;
    let client = client(&server);
    round_trip(
        &server,
        client.assets(),
        RoundTrip {
            stored: "Asset",
            draft: Asset {
                inventory_number: Some("ASSET-9001".into()),
                client_id: Some(2),
                assettype_id: Some(1),
                ..Default::default()
            },
            change: |id| Asset {
                id: Some(id),
                inventory_number: Some("ASSET-9002".into()),
                ..Default::default()
            },
            id_of: |a| a.id,
            field: |a| a.inventory_number.clone(),
            values: ("ASSET-9001", "ASSET-9002"),
        },
    )
    .await;
}

#[tokio::test]
async fn products_round_trip() {
    let server = small_server().await;
    let client = client(&server);
    round_trip(
        &server,
        client.products(),
        RoundTrip {
            stored: "Item",
            draft: Item {
                name: Some("USB-C Dock".into()),
                baseprice: Some(129.5),
                ..Default::default()
            },
            change: |id| Item {
                id: Some(id),
                name: Some("USB-C Dock Gen 2".into()),
                ..Default::default()
            },
            id_of: |i| i.id,
            field: |i| i.name.clone(),
            values: ("USB-C Dock", "USB-C Dock Gen 2"),
        },
    )
    .await;
    // Fields not in the update are kept.
    let dock = client
        .products()
        .create(&Item {
            name: Some("Dock".into()),
            baseprice: Some(10.0),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let id = dock.id.unwrap();
    client
        .products()
        .update(&Item {
            id: Some(id),
            name: Some("Dock 2".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let read = client.products().get(id).send().await.unwrap();
    assert_eq!(
        (read.name.as_deref(), read.baseprice),
        (Some("Dock 2"), Some(10.0))
    );
}

#[tokio::test]
async fn appointments_round_trip() {
    let server = small_server().await;
    let client = client(&server);
    round_trip(
        &server,
        client.appointments(),
        RoundTrip {
            stored: "Appointment",
            draft: Appointment {
                subject: Some("Install printer".into()),
                start_date: Some("2024-06-03T09:00:00Z".into()),
                end_date: Some("2024-06-03T10:00:00Z".into()),
                agent_id: Some(2),
                ticket_id: Some(1),
                ..Default::default()
            },
            change: |id| Appointment {
                id: Some(id),
                subject: Some("Install printer (rescheduled)".into()),
                ..Default::default()
            },
            id_of: |a| a.id,
            field: |a| a.subject.clone(),
            values: ("Install printer", "Install printer (rescheduled)"),
        },
    )
    .await;
}

#[tokio::test]
async fn write_area_batches_create_and_update_every_record() {
    let server = small_server().await;
    let client = client(&server);
    let drafts: Vec<User> = (0..120)
        .map(|i| User {
            name: Some(format!("Contact {i}")),
            client_id: Some(1),
            ..Default::default()
        })
        .collect();
    let saved = client
        .contacts()
        .create_batch(&drafts)
        .send_batch()
        .await
        .unwrap();
    assert_eq!(saved.len(), 120);
    let ids: HashSet<i64> = saved.iter().filter_map(|u| u.id).collect();
    assert_eq!(ids.len(), 120);
    assert_eq!(server.requests_to("POST", "/api/users"), 2, "100 + 20");
    let changes: Vec<User> = saved
        .iter()
        .map(|u| User {
            id: u.id,
            title: Some("Updated".into()),
            ..Default::default()
        })
        .collect();
    let updated = client
        .contacts()
        .update_batch(&changes)
        .send_batch()
        .await
        .unwrap();
    assert!(
        updated
            .iter()
            .all(|u| u.title.as_deref() == Some("Updated") && u.name.is_some())
    );
    assert_eq!(server.count("Users"), 6 + 120);
}

// ------------------------------------------------------------ actions

#[tokio::test]
async fn actions_update_singly_and_in_batches() {
    let server = small_server().await;
    let client = client(&server);
    // Seeded ticket 3 has actions 1 and 2 (small seed).
    let updated = client
        .actions()
        .update(&Action {
            ticket_id: Some(3),
            id: Some(2),
            note: Some("Edited note".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(
        (updated.ticket_id, updated.id, updated.note.as_deref()),
        (Some(3), Some(2), Some("Edited note"))
    );
    assert_eq!(server.record_action(3, 2).unwrap()["note"], "Edited note");
    assert_ne!(
        server.record_action(4, 2).unwrap()["note"],
        "Edited note",
        "action 2 of another ticket is untouched"
    );

    // 150 new notes on ticket 5, then all of them updated in batches of 100.
    let notes: Vec<Action> = (0..150)
        .map(|i| Action {
            ticket_id: Some(5),
            note: Some(format!("note {i}")),
            ..Default::default()
        })
        .collect();
    let created = client
        .actions()
        .create_batch(&notes)
        .send_batch()
        .await
        .unwrap();
    assert_eq!(created.len(), 150);
    let before = server.requests_to("POST", "/api/actions");
    let edits: Vec<Action> = created
        .iter()
        .map(|a| Action {
            ticket_id: a.ticket_id,
            id: a.id,
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
    assert!(saved.iter().all(|a| a.hiddenfromuser == Some(true)));
    assert_eq!(server.requests_to("POST", "/api/actions") - before, 2);

    // The list is not paginated: all 152 actions of the ticket in one request.
    let gets = server.requests_to("GET", "/api/actions");
    let all = client.actions().list(5).collect_all().await.unwrap();
    assert_eq!(all.len(), 152);
    assert!(all.iter().all(|a| a.ticket_id == Some(5)));
    assert_eq!(server.requests_to("GET", "/api/actions") - gets, 1);

    // An update batch without ticket ids is refused before sending.
    let error = client
        .actions()
        .update_batch(&[Action {
            id: Some(1),
            note: Some("x".into()),
            ..Default::default()
        }])
        .send_batch()
        .await
        .unwrap_err();
    assert!(
        error.error.to_string().contains("ticket_id"),
        "{}",
        error.error
    );
}

#[tokio::test]
async fn unpaginated_lists_come_back_whole_in_one_request_every_way() {
    let mut seed = SeedSize::small();
    seed.actions_per_ticket = 130;
    let server = FakeServer::start_with(FakeConfig::default().with_seed(seed)).await;
    let client = client(&server);

    let page = client.actions().list(1).page_size(10).send().await.unwrap();
    assert_eq!((page.items.len(), page.total), (130, Some(130)));
    assert!(page.next.is_none());
    let pages: Vec<_> = client
        .actions()
        .list(1)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    let streamed: Vec<Action> = client
        .actions()
        .list(1)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed.len(), 130);
    let all = client.actions().list(1).collect_all().await.unwrap();
    let ids: HashSet<i64> = all.iter().filter_map(|a| a.id).collect();
    assert_eq!(ids.len(), 130);
    assert_eq!(server.requests_to("GET", "/api/actions"), 4);
    // There is no page 2, and asking for it sends nothing.
    assert!(
        client
            .actions()
            .list(1)
            .page(2)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(server.requests_to("GET", "/api/actions"), 4);

    let statuses = client.statuses().list().collect_all().await.unwrap();
    assert_eq!(statuses.len(), 4);
    assert_eq!(server.requests_to("GET", "/api/status"), 1);
}

#[tokio::test]
async fn configuration_lists_wrapped_without_record_count_are_read_once() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small())
            .with_config_lists_wrapped(true),
    )
    .await;
    let client = client(&server);
    let statuses = client.statuses().list().collect_all().await.unwrap();
    assert_eq!(statuses.len(), 4);
    let teams = client.teams().list().collect_all().await.unwrap();
    assert_eq!(teams.len(), 3);
    // Undocumented keys (`slas`, `priorities`) fall back to the first array.
    let slas = client.slas().list().collect_all().await.unwrap();
    assert_eq!(slas.len(), 3);
    let priorities = client.priorities().list().collect_all().await.unwrap();
    assert_eq!(priorities.len(), 4);
    for path in ["/api/status", "/api/team", "/api/sla", "/api/priority"] {
        assert_eq!(server.requests_to("GET", path), 1, "{path}");
    }
}

// ------------------------------------------------------------ read areas

/// Lists every record of a read area (typed) and reads the first one back by id.
async fn list_and_get<T>(
    server: &FakeServer,
    resource: Resource<T>,
    stored: &str,
    id_of: impl Fn(&T) -> Option<i64>,
    name_of: impl Fn(&T) -> Option<String>,
) where
    T: halopsa_client::Record + Debug,
{
    let list: halopsa_client::ListCall<T> = resource.list().into();
    let all = list
        .collect_all()
        .await
        .unwrap_or_else(|e| panic!("{stored}: {e}"));
    assert_eq!(all.len(), server.count(stored), "{stored}");
    assert!(!all.is_empty(), "{stored}: seeded");
    let ids: HashSet<i64> = all.iter().filter_map(&id_of).collect();
    assert_eq!(
        ids.len(),
        all.len(),
        "{stored}: every record once, with an id"
    );
    let first = &all[0];
    let id = id_of(first).unwrap();
    let one = resource
        .get(id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{stored}/{id}: {e}"));
    assert_eq!(id_of(&one), Some(id), "{stored}");
    let name = name_of(&one);
    assert!(name.is_some(), "{stored}: {one:?}");
    assert_eq!(name, name_of(first), "{stored}");
}

#[tokio::test]
async fn every_read_area_lists_and_gets_typed_records() {
    let server = small_server().await;
    let client = client(&server);
    list_and_get(
        &server,
        client.companies(),
        "Client",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.sites(),
        "Site",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(&server, client.slas(), "SLA", |r| r.id, |r| r.name.clone()).await;
    list_and_get(
        &server,
        client.kb_articles(),
        "KBArticle",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.contracts(),
        "ClientContract",
        |r| r.id,
        |r| r.r#ref.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.invoices(),
        "Invoice",
        |r| r.id,
        |r| r.invoicenumber.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.quotations(),
        "Quotation",
        |r| r.id,
        |r| r.title.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.suppliers(),
        "Supplier",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.opportunities(),
        "Opportunities",
        |r| r.id,
        |r| r.summary.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.reports(),
        "Report",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.statuses(),
        "Status",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.categories(),
        "Category",
        |r| r.id,
        |r| r.value.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.teams(),
        "Team",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.agents(),
        "Agent",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.ticket_types(),
        "TicketType",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.workflows(),
        "Workflow",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    // The write areas read the same way.
    list_and_get(
        &server,
        client.contacts(),
        "Users",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.assets(),
        "Asset",
        |r| r.id,
        |r| r.inventory_number.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.products(),
        "Item",
        |r| r.id,
        |r| r.name.clone(),
    )
    .await;
    list_and_get(
        &server,
        client.appointments(),
        "Appointment",
        |r| r.id,
        |r| r.subject.clone(),
    )
    .await;
}

#[tokio::test]
async fn read_area_values_match_the_seed() {
    let server = small_server().await;
    let client = client(&server);
    let company = client.companies().get(1).send().await.unwrap();
    assert_eq!(company.name.as_deref(), Some("Contoso Ltd"));
    assert!(company.extra.contains_key("x_future_field"), "kept");
    let site = client.sites().get(2).send().await.unwrap();
    assert_eq!(site.client_id, Some(2), "a double client_id decodes");
    let statuses = client.statuses().list().collect_all().await.unwrap();
    let closed = statuses.iter().find(|s| s.id == Some(9)).unwrap();
    assert_eq!(closed.name.as_deref(), Some("Closed"));
    let contract = client.contracts().get(1).send().await.unwrap();
    assert!(contract.status.is_some(), "{contract:?}");
    let invoice = client.invoices().get(1).send().await.unwrap();
    assert_eq!(invoice.lines.as_ref().map(Vec::len), Some(1));
    let report = client.reports().get(1).send().await.unwrap();
    assert!(report.published_id.is_some());
    let me = client.whoami().await.unwrap();
    let agents = client.agents().list().collect_all().await.unwrap();
    assert!(agents.iter().any(|a| a.id == me.id));
}

#[tokio::test]
async fn a_missing_record_is_a_404_api_error() {
    let server = small_server().await;
    let client = client(&server);
    let error = client.companies().get(999).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    let error = client.contacts().delete(999).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    assert!(!error.is_write_uncertain(), "a 404 is a definite answer");
}

// ------------------------------------------------------------ priorities

#[tokio::test]
async fn priorities_are_read_and_written_by_their_uuid() {
    let server = small_server().await;
    let client = Client::builder()
        .credentials(credentials(&server))
        .policy(halopsa_client::default_policy().with(areas::CONFIGURATION, AreaAccess::WRITE))
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap();
    let all = client.priorities().list().collect_all().await.unwrap();
    assert_eq!(all.len(), 4);
    let high = all.iter().find(|p| p.priorityid == Some(2)).expect("High");
    let uuid = high.id.clone().expect("a UUID id");
    assert!(uuid.contains('-'), "{uuid}");

    let read = client.priorities().get(&uuid).send().await.unwrap();
    assert_eq!(
        (read.name.as_deref(), read.priorityid),
        (Some("High"), Some(2))
    );
    let updated = client
        .priorities()
        .update(&Priority {
            id: Some(uuid.clone()),
            fixtime: Some(6.0),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(
        (updated.id.as_deref(), updated.fixtime),
        (Some(uuid.as_str()), Some(6.0))
    );

    let created = client
        .priorities()
        .create(&Priority {
            name: Some("Planned".into()),
            fixtime: Some(240.0),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let new_id = created.id.clone().expect("the fake assigns a UUID");
    assert_eq!(
        client
            .priorities()
            .get(&new_id)
            .send()
            .await
            .unwrap()
            .name
            .as_deref(),
        Some("Planned")
    );
    client.priorities().delete(&new_id).send().await.unwrap();
    let error = client.priorities().get(&new_id).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");

    // The number is not the id.
    let error = client.priorities().get("2").send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    // An empty id never leaves the client.
    let before = server.api_requests();
    let error = client.priorities().get("  ").send().await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = client.priorities().delete("").send().await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert_eq!(server.api_requests(), before);
}

// ------------------------------------------------------------ reports

#[tokio::test]
async fn report_data_is_read_through_the_client() {
    let server = small_server().await;
    let client = client(&server);
    let reports = client.reports().list().collect_all().await.unwrap();
    let hours = reports
        .iter()
        .find(|r| r.name.as_deref() == Some("Hours per ticket"))
        .unwrap();
    let published = hours.published_id.clone().unwrap();
    let data = client.report_data(&published).await.unwrap();
    assert_eq!(data["name"], "Hours per ticket");
    let rows = data["data"].as_array().unwrap();
    assert_eq!(rows.len(), server.count("Tickets"));
    assert!(rows.iter().all(|r| r["hours"].as_f64().unwrap() > 0.0));

    let per_client = reports
        .iter()
        .find(|r| r.name.as_deref() == Some("Tickets per client"))
        .unwrap();
    let data = client
        .report_data(per_client.published_id.as_deref().unwrap())
        .await
        .unwrap();
    let total: u64 = data["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tickets"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, server.count("Tickets"));

    let error = client.report_data("no-such-report").await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
}

#[tokio::test]
async fn report_rows_decode_into_a_typed_row() {
    #[derive(Debug, serde::Deserialize)]
    struct TicketsPerClient {
        #[serde(deserialize_with = "neo_auth_core::lenient::i64")]
        client_id: i64,
        client_name: String,
        #[serde(deserialize_with = "neo_auth_core::lenient::u64")]
        tickets: u64,
    }
    let server = small_server().await;
    let client = client(&server);
    let reports = client.reports().list().collect_all().await.unwrap();
    let per_client = reports
        .iter()
        .find(|r| r.name.as_deref() == Some("Tickets per client"))
        .unwrap();
    let rows: Vec<TicketsPerClient> = client
        .report_data_as(per_client.published_id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.client_id > 0 && !r.client_name.is_empty())
    );
    let total: u64 = rows.iter().map(|r| r.tickets).sum();
    assert_eq!(total as usize, server.count("Tickets"));
}

#[tokio::test]
async fn the_client_works_when_the_token_response_has_no_scope() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small())
            .with_token_scope_in_response(false),
    )
    .await;
    let client = client(&server);
    let tickets = client.tickets().list().collect_all().await.unwrap();
    assert_eq!(tickets.len(), 10);
    assert_eq!(server.token_requests(), 1);
}
