//! Halo's permission, visibility, pagination and filter quirks, through the real
//! [`Client`] against the stateful fake:
//!
//! - the login agent lacks a permission the application's scope (`all`) covers
//!   ([`FakeConfig::with_agent_forbidden`]) → [`Error::Forbidden`], and the doctor
//!   says "agent lacks permission", not "scope missing";
//! - the same fake with a reduced credential → [`Error::MissingScope`] before
//!   anything is sent;
//! - a paginated list answering a bare array of 50 ([`FakeConfig::with_bare_array_list`])
//!   → 50 rows exactly once, no endless loop;
//! - the comma-separated `status`, `agent` and `team` filters;
//! - an area the agent's teams hide ([`FakeConfig::with_agent_sees_nothing_in`])
//!   → empty list, 404 on a read, and a doctor problem for a required area.
#![cfg(feature = "fake")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::{Opportunity, Ticket};
use halopsa_client::{Severity, Visibility, areas};
use neo_auth_core::{Access, Error};
use serde_json::Value;

use common::fake_client as client;

use common::fake_client_with_scopes as client_with_scopes;

/// Every stored record of `resource`, by id (the fake numbers them from 1).
fn stored(server: &FakeServer, resource: &str) -> BTreeMap<i64, Value> {
    let count = server.count(resource) as i64;
    let records: BTreeMap<i64, Value> = (1..=count)
        .filter_map(|id| server.record(resource, id).map(|r| (id, r)))
        .collect();
    assert_eq!(records.len() as i64, count, "{resource} ids run from 1");
    records
}

/// The ids of `records` whose `field` satisfies `keep`.
fn ids_where(records: &BTreeMap<i64, Value>, keep: impl Fn(&Value) -> bool) -> BTreeSet<i64> {
    records
        .iter()
        .filter(|(_, r)| keep(r))
        .map(|(id, _)| *id)
        .collect()
}

/// Every id of a list, failing when one arrives twice.
fn unique_ids(ids: impl IntoIterator<Item = Option<i64>>) -> BTreeSet<i64> {
    let mut seen = BTreeSet::new();
    for id in ids {
        let id = id.expect("every record has an id");
        assert!(seen.insert(id), "record {id} arrived twice");
    }
    seen
}

fn forbidden_invoices() -> FakeConfig {
    FakeConfig::default()
        .with_seed(SeedSize::small())
        .with_agent_forbidden("Invoice")
}

#[tokio::test]
async fn an_agent_without_the_invoice_permission_is_forbidden_although_all_is_granted() {
    let server = FakeServer::start_with(forbidden_invoices()).await;
    assert_eq!(server.config().application_scopes, ["all"]);
    let client = client(&server);
    // Other areas work: the scope `all` is granted and the agent may read tickets.
    assert!(
        !client
            .tickets()
            .list()
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(client.granted_scopes(), ["all"], "from the token response");

    let error = client.invoices().list().send().await.unwrap_err();
    match &error {
        Error::Forbidden {
            operation,
            vendor,
            scope,
            hint,
            response,
        } => {
            assert_eq!(operation, "invoices.list");
            assert_eq!(vendor, "HaloPSA");
            assert_eq!(scope, "read:invoices");
            assert_eq!(hint, halopsa_client_forbidden_hint(), "HaloErrors' hint");
            assert!(hint.contains("login agent"), "{hint}");
            assert_eq!(response.status.as_u16(), 403);
            assert_eq!(
                response.code.as_deref(),
                Some(FakeConfig::AGENT_FORBIDDEN_CLASS)
            );
            assert_eq!(
                response.message.as_deref(),
                Some("The agent 'API Agent' does not have permission to access Invoice")
            );
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert!(error.is_forbidden() && !error.is_missing_scope() && !error.is_retryable());
    let text = error.to_string();
    assert!(
        text.contains("invoices.list")
            && text.contains("`read:invoices`")
            && !text.contains("tick"),
        "{text}"
    );
    // The server's message is kept in the source chain.
    let source = std::error::Error::source(&error).expect("the server's 403 is the source");
    let source = source.to_string();
    assert!(
        source.contains("403")
            && source.contains("does not have permission to access Invoice")
            && source.contains("HaloPermissionException"),
        "{source}"
    );
    assert_eq!(
        server.requests_to("GET", "/api/invoice"),
        1,
        "sent once, never retried"
    );

    // A single read is refused the same way.
    let error = client.invoices().get(1).send().await.unwrap_err();
    assert!(
        matches!(&error, Error::Forbidden { operation, scope, .. }
            if operation == "invoices.get" && scope == "read:invoices"),
        "{error:?}"
    );
    assert_eq!(server.requests_to("GET", "/api/invoice"), 2);

    // The doctor: agent lacks permission, not a missing scope, no checkbox to tick.
    let report = client.check_access().await.unwrap();
    let invoices = report.check(&areas::INVOICES, Access::Read).unwrap();
    assert_eq!(invoices.visibility, Visibility::Forbidden, "{report}");
    assert_eq!(invoices.granted, Some(true), "the scope is granted (all)");
    assert_eq!(invoices.state(), "granted, refused (403)");
    assert!(invoices.required, "the default policy reads invoices");
    assert_eq!(invoices.severity, Severity::Problem);
    assert_eq!(invoices.scope.as_ref().unwrap().name(), "read:invoices");
    let problem = invoices.detail.as_deref().unwrap();
    assert!(problem.contains("login agent"), "{problem}");
    assert!(
        problem.contains("answered 403 although the credential holds `read:invoices`"),
        "{problem}"
    );
    let answer = invoices.error.as_deref().unwrap();
    assert!(
        answer.contains("does not have permission to access Invoice"),
        "the server's message is kept: {answer}"
    );
    assert!(
        !problem.contains("tick") && !problem.contains("missing"),
        "no checkbox to tick: {problem}"
    );
    assert!(answer.contains("403"), "{invoices:?}");
    // Writing invoices is not in the default policy: informational, not probed.
    let write = report.check(&areas::INVOICES, Access::Write).unwrap();
    assert!(!write.required && write.granted == Some(true) && write.severity == Severity::Ok);
    // Nothing else is a problem.
    assert_eq!(report.problems().count(), 1, "{report}");
    let line = report
        .to_string()
        .lines()
        .find(|l| l.contains("invoices") && l.contains("read "))
        .unwrap()
        .to_owned();
    assert!(line.contains("granted, refused (403)"), "{line}");
}

/// The hint the client gives for a 403 on a granted scope (from the error).
fn halopsa_client_forbidden_hint() -> &'static str {
    use neo_auth_core::VendorErrors;
    halopsa_client::HaloErrors.forbidden_hint()
}

#[tokio::test]
async fn a_reduced_credential_on_the_same_fake_is_missing_the_scope_before_any_request() {
    let server = FakeServer::start_with(forbidden_invoices()).await;
    let reduced = client_with_scopes(&server, &["edit:tickets", "read:customers"]);
    let error = reduced.invoices().list().send().await.unwrap_err();
    match &error {
        Error::MissingScope {
            operation,
            scope,
            label,
            response,
            ..
        } => {
            assert_eq!(operation, "invoices.list");
            assert_eq!(scope, "read:invoices");
            assert_eq!(label, "read:invoices");
            assert!(response.is_none(), "refused before sending: {response:?}");
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    assert!(
        error.to_string().contains("tick \"read:invoices\""),
        "{error}"
    );
    assert_eq!(server.api_requests(), 0, "nothing was sent");
    assert_eq!(server.requests_to("GET", "/api/invoice"), 0);

    // The doctor names the checkbox for the reduced credential.
    let report = reduced.check_access().await.unwrap();
    assert_eq!(server.requests_to("GET", "/api/invoice"), 0, "not probed");
    let invoices = report.check(&areas::INVOICES, Access::Read).unwrap();
    assert_eq!(invoices.state(), "missing");
    assert_eq!(invoices.visibility, Visibility::NotProbed);
    let problem = invoices.detail.as_deref().unwrap();
    assert!(
        problem.contains("`read:invoices` missing") && problem.contains("tick \"read:invoices\""),
        "{problem}"
    );

    // The full credential on the same fake reaches Halo and is refused by the agent.
    let error = client(&server).invoices().list().send().await.unwrap_err();
    assert!(error.is_forbidden(), "{error:?}");
    assert_eq!(server.requests_to("GET", "/api/invoice"), 1);
}

#[tokio::test]
async fn a_bare_array_of_fifty_is_a_stall_unless_allowed_then_fifty_rows_once() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small().with_tickets(120))
            .with_bare_array_list("Tickets"),
    )
    .await;
    let client = client(&server);
    // By default the 70 unreachable tickets are not silently dropped.
    let error = tokio::time::timeout(
        Duration::from_secs(20),
        client.tickets().list().collect_all(),
    )
    .await
    .expect("the stream ends")
    .unwrap_err();
    assert!(
        matches!(&error, Error::PaginationStalled { reason, .. } if reason.contains("first 50 record(s)")),
        "{error:?}"
    );
    assert_eq!(server.requests_to("GET", "/api/tickets"), 2);

    let tickets: Vec<Ticket> = tokio::time::timeout(
        Duration::from_secs(20),
        client
            .tickets()
            .list()
            .allow_ignored_paging(true)
            .stream()
            .try_collect(),
    )
    .await
    .expect("the stream ends")
    .expect("no error");
    let ids = unique_ids(tickets.iter().map(|t| t.id));
    assert_eq!(ids, (1..=50).collect::<BTreeSet<i64>>());
    for ticket in &tickets {
        let id = ticket.id.unwrap();
        let record = server.record("Tickets", id).unwrap();
        assert_eq!(
            ticket.summary.as_deref(),
            record["summary"].as_str(),
            "ticket {id}"
        );
    }
    // The full bare page made the client read page 2, which repeated page 1.
    assert_eq!(server.requests_to("GET", "/api/tickets"), 4);

    // A smaller page size reads the same way.
    let tickets: Vec<Ticket> = tokio::time::timeout(
        Duration::from_secs(20),
        client
            .tickets()
            .list()
            .page_size(20)
            .allow_ignored_paging(true)
            .collect_all(),
    )
    .await
    .expect("the stream ends")
    .expect("no error");
    assert_eq!(
        unique_ids(tickets.iter().map(|t| t.id)),
        (1..=50).collect::<BTreeSet<i64>>()
    );
    assert_eq!(server.requests_to("GET", "/api/tickets"), 6);
}

#[tokio::test]
async fn a_short_bare_array_is_the_whole_list_in_one_request() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small().with_tickets(30))
            .with_bare_array_list("Tickets"),
    )
    .await;
    let tickets: Vec<Ticket> = client(&server)
        .tickets()
        .list()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        unique_ids(tickets.iter().map(|t| t.id)),
        (1..=30).collect::<BTreeSet<i64>>()
    );
    assert_eq!(server.requests_to("GET", "/api/tickets"), 1);
}

/// Two distinct values of `field` among `records`, the first two in id order.
fn two_values(records: &BTreeMap<i64, Value>, field: &str) -> [i64; 2] {
    let mut values = records.values().filter_map(|r| r[field].as_i64());
    let first = values.next().unwrap();
    let second = values.find(|v| *v != first).unwrap();
    [first, second]
}

#[tokio::test]
async fn multi_value_filters_return_exactly_the_matching_tickets() {
    let server = FakeServer::start().await;
    let client = client(&server);
    let records = stored(&server, "Tickets");
    assert_eq!(records.len(), 250);
    let collect = |request: halopsa_client::TicketList| async move {
        let tickets: Vec<Ticket> = request.collect_all().await.unwrap();
        unique_ids(tickets.iter().map(|t| t.id))
    };
    let in_set = |record: &Value, field: &str, set: &[i64]| {
        record[field].as_i64().is_some_and(|v| set.contains(&v))
    };

    // status: status ids.
    let statuses = [2, 3];
    let expected = ids_where(&records, |r| in_set(r, "status_id", &statuses));
    assert!(!expected.is_empty() && expected.len() < records.len());
    assert_eq!(
        collect(client.tickets().list().statuses(&statuses)).await,
        expected
    );
    // The filter is really sent comma-separated and applied on Halo's side.
    let first = client
        .tickets()
        .list()
        .statuses(&statuses)
        .page_size(100)
        .send()
        .await
        .unwrap();
    assert_eq!(first.total, Some(expected.len() as u64));

    // agent: agent ids.
    let agents = two_values(&records, "agent_id");
    let expected = ids_where(&records, |r| in_set(r, "agent_id", &agents));
    assert!(!expected.is_empty() && expected.len() < records.len());
    assert_eq!(
        collect(client.tickets().list().agents(&agents)).await,
        expected
    );

    // team: team ids (the spec's "Team ID's"); a ticket names its team.
    let teams = stored(&server, "Team");
    let team_ids = [1, 3];
    let names: Vec<&str> = team_ids
        .iter()
        .map(|id| teams[id]["name"].as_str().unwrap())
        .collect();
    let expected = ids_where(&records, |r| {
        r["team"].as_str().is_some_and(|t| names.contains(&t))
    });
    assert!(!expected.is_empty() && expected.len() < records.len());
    assert_eq!(
        collect(client.tickets().list().teams(&team_ids)).await,
        expected
    );

    // Filters combine: every one must match; within one, any id.
    let expected = ids_where(&records, |r| {
        in_set(r, "status_id", &statuses)
            && in_set(r, "agent_id", &agents)
            && r["team"].as_str().is_some_and(|t| names.contains(&t))
    });
    assert_eq!(
        collect(
            client
                .tickets()
                .list()
                .statuses(&statuses)
                .agents(&agents)
                .teams(&team_ids)
        )
        .await,
        expected
    );
    // A single id behaves like the `_id` filter.
    assert_eq!(
        collect(client.tickets().list().statuses(&[9])).await,
        collect(client.tickets().list().status_id(9)).await
    );
    // A team id that does not exist matches nothing.
    assert!(
        collect(client.tickets().list().teams(&[999]))
            .await
            .is_empty()
    );
    // An empty list is refused before sending.
    let before = server.api_requests();
    let error = client
        .tickets()
        .list()
        .agents(&[])
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("agents()"), "{error}");
    assert_eq!(server.api_requests(), before);
}

#[tokio::test]
async fn the_fake_refuses_a_malformed_id_list_and_serves_opportunities_the_same_way() {
    let server = FakeServer::start().await;
    let client = client(&server);
    let requirement = halopsa_client::scopes::requirements::TICKETS.read;
    let error = client
        .get_json::<Value>("Tickets", &[("status", "1,two")], Some(requirement))
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(
        api.message.as_deref(),
        Some("The value 'two' is not valid for status.")
    );

    let records = stored(&server, "Opportunities");
    let agents = two_values(&records, "agent_id");
    let expected = ids_where(&records, |r| {
        r["agent_id"].as_i64().is_some_and(|a| agents.contains(&a))
    });
    assert!(!expected.is_empty() && expected.len() < records.len());
    let opportunities: Vec<Opportunity> = client
        .opportunities()
        .list()
        .agents(&agents)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(unique_ids(opportunities.iter().map(|o| o.id)), expected);
}

#[tokio::test]
async fn a_hidden_area_lists_empty_reads_404_and_the_doctor_says_the_agent_sees_nothing() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small())
            .with_agent_sees_nothing_in("Client"),
    )
    .await;
    let client = client(&server);
    assert_eq!(server.count("Client"), 3, "the records exist");
    let page = client.companies().list().send().await.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.total, Some(0));
    assert!(
        client
            .companies()
            .list()
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    let error = client.companies().get(1).send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error:?}");
    // Other areas are visible.
    assert!(!client.sites().list().send().await.unwrap().items.is_empty());
    assert!(
        !client
            .tickets()
            .list()
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );

    let report = client.check_access().await.unwrap();
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert!(
        companies.required && companies.granted == Some(true),
        "{companies:?}"
    );
    assert_eq!(companies.visibility, Visibility::NoneVisible);
    assert_eq!(companies.state(), "granted");
    assert_eq!(companies.severity, Severity::Problem);
    let problem = companies.detail.as_deref().unwrap();
    assert!(
        problem.contains("no records are visible") && problem.contains("login agent"),
        "{problem}"
    );
    assert!(!problem.contains("tick"), "{problem}");
    let sites = report.check(&areas::SITES, Access::Read).unwrap();
    assert_eq!(
        (sites.visibility, sites.seen),
        (Visibility::Records, Some(3))
    );
    assert_eq!(report.problems().count(), 1, "{report}");
    assert!(report.has_problems());
}

#[tokio::test]
async fn hidden_tickets_hide_their_actions_too() {
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small())
            .with_agent_sees_nothing_in("Tickets"),
    )
    .await;
    let client = client(&server);
    assert!(
        client
            .tickets()
            .list()
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert!(server.record_action(1, 1).is_some(), "the actions exist");
    assert!(
        client
            .actions()
            .list(1)
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let error = client.actions().get(1, 1).send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error:?}");

    let report = client.check_access().await.unwrap();
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert_eq!(tickets.visibility, Visibility::NoneVisible);
    assert_eq!(tickets.severity, Severity::Problem);
    assert!(
        tickets
            .detail
            .as_deref()
            .unwrap()
            .contains("no records are visible"),
        "{report}"
    );
    let actions = report.check(&areas::ACTIONS, Access::Read).unwrap();
    assert_eq!(actions.visibility, Visibility::NotProbed);
    assert!(
        actions
            .note
            .as_deref()
            .is_some_and(|n| n.starts_with("not probed")),
        "{report}"
    );
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert_eq!(
        (companies.visibility, companies.seen),
        (Visibility::Records, Some(3))
    );
}
