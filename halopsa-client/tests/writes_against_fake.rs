//! Every exposed write against the stateful fake, table-driven.
//!
//! For each resource the default policy keeps read-only (companies, sites, the
//! knowledge base, contracts, invoices, quotations, suppliers, opportunities,
//! reports, SLAs and the configuration lists):
//!
//! - under [`default_policy`], create, update and delete are refused with
//!   `PolicyDenied` naming the area, and the fake receives no request at all;
//! - with the area on `WRITE_WITH_APPROVAL`, a write without an approval is
//!   `ApprovalRequired` (still nothing sent) and one with an approval goes through;
//! - with the area on `WRITE`, create → get → update → get → delete → get (404)
//!   works through the client, checked against the fake's stored records.
//!
//! Plus the client-level delete round trips of tickets and of actions (keyed by
//! ticket and action id).

mod common;

use std::fmt::Debug;

use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::{
    Action, Agent, AssetGroup, AssetType, Category, ClientPrepay, Company, Contract, CrmNote,
    Field, FieldInfo, Invoice, KbArticle, Lookup, Opportunity, Outcome, Priority, Project,
    PurchaseOrder, Quotation, RecurringInvoice, Report, SalesOrder, Site, Sla, Status, Supplier,
    SupplierContract, Team, Ticket, TicketType, TimesheetEvent, TopLevel, Workflow,
};
use halopsa_client::{Client, Resource, areas, default_policy};
use neo_auth_core::{AccessPolicy, Approval, Area, AreaAccess, Error};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn client_with(server: &FakeServer, policy: AccessPolicy) -> Client {
    common::fake_builder(server).policy(policy).build().unwrap()
}

async fn small_server() -> FakeServer {
    FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await
}

fn approval() -> Approval {
    Approval::new("jane@msp.example", "change agreed with the customer").unwrap()
}

fn is_not_found(error: &Error) -> bool {
    error.status().map(|s| s.as_u16()) == Some(404)
}

/// A record of `T` from JSON (the tests describe records as JSON so one table
/// row fits every model).
fn record<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value} as a record: {e}"))
}

/// A field of a typed record, through its JSON form.
fn field_of<T: Serialize>(record: &T, field: &str) -> Value {
    serde_json::to_value(record).unwrap()[field].clone()
}

fn id_of<T: Serialize>(record: &T) -> i64 {
    field_of(record, "id")
        .as_i64()
        .unwrap_or_else(|| panic!("a numeric id: {}", serde_json::to_value(record).unwrap()))
}

/// One row of the table: a write resource of a read-only area.
struct Case {
    /// The policy area.
    area: Area,
    /// The fake's path name (`Client`).
    path: &'static str,
    /// The string field the update changes (`name`).
    field: &'static str,
    /// More fields of the created record, kept by the update.
    extra: Value,
}

fn assert_policy_denied(error: &Error, area: &Area, path: &str, what: &str) {
    match error {
        Error::PolicyDenied {
            area: denied,
            allowed,
            ..
        } => {
            assert_eq!(denied, area.name(), "{path} {what}");
            assert_eq!(*allowed, AreaAccess::Read, "{path} {what}");
        }
        other => panic!("{path} {what}: expected PolicyDenied, got {other:?}"),
    }
}

fn assert_approval_required(error: &Error, area: &Area, path: &str, what: &str) {
    match error {
        Error::ApprovalRequired { area: gated, .. } => {
            assert_eq!(gated, area.name(), "{path} {what}")
        }
        other => panic!("{path} {what}: expected ApprovalRequired, got {other:?}"),
    }
}

/// Runs the three checks of the module docs for one row.
async fn check<T>(handler: fn(&Client) -> Resource<T>, case: Case)
where
    T: halopsa_client::Record + Debug,
{
    let Case {
        area,
        path,
        field,
        extra,
    } = case;
    let server = small_server().await;
    let seeded = server.count(path);
    let first = server
        .record(path, 1)
        .unwrap_or_else(|| panic!("{path}: record 1 is seeded"));
    let mut draft = extra.clone();
    draft[field] = json!("Before");
    let draft: T = record(draft);
    let change = |id: i64| -> T { record(json!({"id": id, field: "After"})) };

    // (a) The default policy: read-only, nothing reaches the fake.
    let default = client_with(&server, default_policy());
    assert_eq!(default_policy().access(&area), AreaAccess::Read, "{path}");
    let resource = handler(&default);
    let error = resource.create(&draft).send().await.unwrap_err();
    assert_policy_denied(&error, &area, path, "create");
    let error = resource.update(&change(1)).send().await.unwrap_err();
    assert_policy_denied(&error, &area, path, "update");
    let error = resource
        .create_batch(std::slice::from_ref(&draft))
        .send_batch()
        .await
        .unwrap_err();
    assert_policy_denied(&error.error, &area, path, "create_batch");
    let error = resource.delete(1).send().await.unwrap_err();
    assert_policy_denied(&error, &area, path, "delete");
    // Even an approval does not open a read-only area.
    let error = resource
        .delete(1)
        .approval(approval())
        .send()
        .await
        .unwrap_err();
    assert_policy_denied(&error, &area, path, "delete with approval");
    assert_eq!(server.api_requests(), 0, "{path}: nothing was sent");
    assert_eq!(server.record(path, 1).as_ref(), Some(&first), "{path}");
    assert_eq!(server.count(path), seeded, "{path}");

    // With approvals required: refused without one, nothing sent; done with one.
    let gated = client_with(
        &server,
        default_policy().with(area, AreaAccess::WRITE_WITH_APPROVAL),
    );
    let resource = handler(&gated);
    let error = resource.create(&draft).send().await.unwrap_err();
    assert_approval_required(&error, &area, path, "create");
    let error = resource.delete(1).send().await.unwrap_err();
    assert_approval_required(&error, &area, path, "delete");
    assert_eq!(server.api_requests(), 0, "{path}: nothing was sent");
    let approved = resource
        .create(&draft)
        .approval(approval())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: approved create: {e}"));
    let approved_id = id_of(&approved);
    assert_eq!(server.count(path), seeded + 1, "{path}");
    resource
        .delete(approved_id)
        .approval(approval())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: approved delete: {e}"));
    assert!(server.record(path, approved_id).is_none(), "{path}");
    assert_eq!(server.count(path), seeded, "{path}");

    // (b) Write turned on: the whole round trip, against the stored state.
    let writer = client_with(&server, default_policy().with(area, AreaAccess::WRITE));
    let resource = handler(&writer);
    let created = resource
        .create(&draft)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: create: {e}"));
    let id = id_of(&created);
    assert_ne!(id, approved_id, "{path}: ids are never reused");
    assert_eq!(field_of(&created, field), json!("Before"), "{path}");
    let stored = server
        .record(path, id)
        .unwrap_or_else(|| panic!("{path} {id}: stored"));
    assert_eq!(stored[field], json!("Before"), "{path}");
    assert_eq!(server.count(path), seeded + 1, "{path}");

    let read = resource.get(id).send().await.unwrap();
    assert_eq!(id_of(&read), id, "{path}");
    assert_eq!(field_of(&read, field), json!("Before"), "{path}");

    let updated = resource
        .update(&change(id))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: update: {e}"));
    assert_eq!(id_of(&updated), id, "{path}");
    assert_eq!(field_of(&updated, field), json!("After"), "{path}");
    let stored = server.record(path, id).unwrap();
    assert_eq!(
        stored[field],
        json!("After"),
        "{path}: the update is stored"
    );
    for (key, value) in extra.as_object().unwrap() {
        assert_eq!(&stored[key], value, "{path}: `{key}` kept by the update");
    }
    let read = resource.get(id).send().await.unwrap();
    assert_eq!(field_of(&read, field), json!("After"), "{path}");
    assert_eq!(server.count(path), seeded + 1, "{path}: updated, not added");

    resource
        .delete(id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{path}: delete: {e}"));
    assert!(server.record(path, id).is_none(), "{path}: deleted");
    let error = resource.get(id).send().await.unwrap_err();
    assert!(is_not_found(&error), "{path}: {error:?}");
    let error = resource.delete(id).send().await.unwrap_err();
    assert!(is_not_found(&error), "{path}: deleted twice: {error:?}");
    assert_eq!(server.count(path), seeded, "{path}");
    assert_eq!(server.record(path, 1).as_ref(), Some(&first), "{path}");
}

/// Declares the table: one test per row, and [`ROWS`] listing the rows' areas.
macro_rules! write_cases {
    ($(
        $test:ident: $handler:ident -> $model:ty,
            area = $area:expr, path = $path:literal, field = $field:literal, extra = $extra:expr;
    )*) => {
        /// The area and fake path of every row.
        const ROWS: &[(Area, &str)] = &[$(($area, $path)),*];

        $(
            #[tokio::test]
            async fn $test() {
                check::<$model>(
                    |client| client.$handler(),
                    Case { area: $area, path: $path, field: $field, extra: $extra },
                )
                .await;
            }
        )*
    };
}

write_cases! {
    companies: companies -> Company,
        area = areas::COMPANIES, path = "Client", field = "name",
        extra = json!({"website": "https://before.example", "is_vip": true});
    sites: sites -> Site,
        area = areas::SITES, path = "Site", field = "name", extra = json!({"client_id": 1});
    kb_articles: kb_articles -> KbArticle,
        area = areas::KNOWLEDGE_BASE, path = "KBArticle", field = "name",
        extra = json!({"description": "How to restart the spooler"});
    contracts: contracts -> Contract,
        area = areas::CONTRACTS, path = "ClientContract", field = "ref",
        extra = json!({"client_id": 2, "periodchargeamount": 450.0});
    invoices: invoices -> Invoice,
        area = areas::INVOICES, path = "Invoice", field = "invoicenumber",
        extra = json!({"client_id": 2});
    quotations: quotations -> Quotation,
        area = areas::QUOTATIONS, path = "Quotation", field = "title",
        extra = json!({"client_id": 3});
    suppliers: suppliers -> Supplier,
        area = areas::SUPPLIERS, path = "Supplier", field = "name", extra = json!({"inactive": false});
    opportunities: opportunities -> Opportunity,
        area = areas::OPPORTUNITIES, path = "Opportunities", field = "summary",
        extra = json!({"client_id": 1});
    reports: reports -> Report,
        area = areas::REPORTS, path = "Report", field = "name",
        extra = json!({"sql": "SELECT 1"});
    slas: slas -> Sla,
        area = areas::SLAS, path = "SLA", field = "name", extra = json!({"workday_id": 1});
    statuses: statuses -> Status,
        area = areas::CONFIGURATION, path = "Status", field = "name",
        extra = json!({"shortname": "OH"});
    categories: categories -> Category,
        area = areas::CONFIGURATION, path = "Category", field = "value",
        extra = json!({"type_id": 1});
    teams: teams -> Team,
        area = areas::CONFIGURATION, path = "Team", field = "name",
        extra = json!({"department_id": 1});
    agents: agents -> Agent,
        area = areas::CONFIGURATION, path = "Agent", field = "name",
        extra = json!({"email": "new.agent@msp.example"});
    ticket_types: ticket_types -> TicketType,
        area = areas::CONFIGURATION, path = "TicketType", field = "name", extra = json!({});
    workflows: workflows -> Workflow,
        area = areas::CONFIGURATION, path = "Workflow", field = "name", extra = json!({});
    recurring_invoices: recurring_invoices -> RecurringInvoice,
        area = areas::INVOICES, path = "RecurringInvoice", field = "reference",
        extra = json!({"client_id": 1});
    purchase_orders: purchase_orders -> PurchaseOrder,
        area = areas::INVOICES, path = "PurchaseOrder", field = "po_ref",
        extra = json!({"supplier_id": 1});
    sales_orders: sales_orders -> SalesOrder,
        area = areas::INVOICES, path = "SalesOrder", field = "title",
        extra = json!({"client_id": 1});
    client_prepays: client_prepays -> ClientPrepay,
        area = areas::CONTRACTS, path = "ClientPrepay", field = "description",
        extra = json!({"client_id": 1});
    supplier_contracts: supplier_contracts -> SupplierContract,
        area = areas::SUPPLIERS, path = "SupplierContract", field = "ref",
        extra = json!({"supplier_id": 1});
    outcomes: outcomes -> Outcome,
        area = areas::CONFIGURATION, path = "Outcome", field = "outcome",
        extra = json!({"hidefromuser": true});
    asset_types: asset_types -> AssetType,
        area = areas::CONFIGURATION, path = "AssetType", field = "name",
        extra = json!({"assetgroup_id": 1});
    asset_groups: asset_groups -> AssetGroup,
        area = areas::CONFIGURATION, path = "AssetGroup", field = "name", extra = json!({});
    fields: fields -> Field,
        area = areas::CONFIGURATION, path = "Field", field = "name", extra = json!({});
    field_infos: field_infos -> FieldInfo,
        area = areas::CONFIGURATION, path = "FieldInfo", field = "name", extra = json!({});
    lookups: lookups -> Lookup,
        area = areas::CONFIGURATION, path = "Lookup", field = "name", extra = json!({"lookupid": 1});
    top_levels: top_levels -> TopLevel,
        area = areas::CONFIGURATION, path = "TopLevel", field = "name", extra = json!({});
    timesheet_events: timesheet_events -> TimesheetEvent,
        area = areas::TIMESHEETS, path = "TimesheetEvent", field = "subject",
        extra = json!({"agent_id": 1});
    projects: projects -> Project,
        area = areas::PROJECTS, path = "Projects", field = "summary",
        extra = json!({"client_id": 1});
    crm_notes: crm_notes -> CrmNote,
        area = areas::CRM_NOTES, path = "CRMNote", field = "note",
        extra = json!({"client_id": 1});
}

/// The table covers every area the default policy keeps read-only (but
/// `identity`, `GET /Agent/me`, which has no write).
#[test]
fn every_read_only_area_has_a_row() {
    let policy = default_policy();
    let read_only: Vec<&Area> = areas::ALL
        .iter()
        .filter(|area| policy.access(area) == AreaAccess::Read && **area != areas::IDENTITY)
        .collect();
    assert!(read_only.len() >= 11, "{read_only:?}");
    for area in read_only {
        assert!(
            ROWS.iter().any(|(row, _)| row == area),
            "no write case for read-only area {area}"
        );
    }
}

/// Priorities (UUID ids, their own handler) are configuration too.
#[tokio::test]
async fn priority_writes_follow_the_configuration_policy() {
    let server = small_server().await;
    let default = client_with(&server, default_policy());
    let draft = Priority {
        name: Some("Planned".into()),
        ..Default::default()
    };
    let error = default
        .priorities()
        .create(&draft)
        .send()
        .await
        .unwrap_err();
    assert_policy_denied(&error, &areas::CONFIGURATION, "Priority", "create");
    let error = default
        .priorities()
        .delete("5c1d2a8e-0000-4000-8000-000000000001")
        .send()
        .await
        .unwrap_err();
    assert_policy_denied(&error, &areas::CONFIGURATION, "Priority", "delete");
    assert_eq!(server.api_requests(), 0);
    assert_eq!(server.count("Priority"), 4);

    let gated = client_with(
        &server,
        default_policy().with(areas::CONFIGURATION, AreaAccess::WRITE_WITH_APPROVAL),
    );
    let error = gated.priorities().create(&draft).send().await.unwrap_err();
    assert_approval_required(&error, &areas::CONFIGURATION, "Priority", "create");
    assert_eq!(server.api_requests(), 0);
    let created = gated
        .priorities()
        .create(&draft)
        .approval(approval())
        .send()
        .await
        .unwrap();
    let uuid = created.id.clone().expect("a UUID");
    assert_eq!(server.count("Priority"), 5);
    gated
        .priorities()
        .delete(&uuid)
        .approval(approval())
        .send()
        .await
        .unwrap();
    assert_eq!(server.count("Priority"), 4);
}

// ------------------------------------------------------------ tickets and actions

#[tokio::test]
async fn a_ticket_is_deleted_with_its_actions() {
    let server = small_server().await;
    let client = client_with(&server, default_policy());
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some("Duplicate of #3".into()),
            client_id: Some(1),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let id = ticket.id.unwrap();
    let note = client
        .actions()
        .create(&Action {
            ticket_id: Some(id),
            note: Some("closing as duplicate".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(note.id, Some(1));
    assert!(server.record_action(id, 1).is_some());
    let tickets = server.count("Tickets");
    let actions = server.count("Actions");

    client
        .tickets()
        .delete(id)
        .reason("duplicate")
        .send()
        .await
        .unwrap();
    assert!(server.record("Tickets", id).is_none());
    assert!(server.record_action(id, 1).is_none(), "its actions go too");
    assert_eq!(server.count("Tickets"), tickets - 1);
    assert_eq!(server.count("Actions"), actions - 1);
    assert_eq!(
        server.requests_to("DELETE", &format!("/api/tickets/{id}")),
        1
    );
    let error = client.tickets().get(id).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    let error = client.actions().get(id, 1).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    // Other tickets are untouched.
    assert!(server.record("Tickets", 1).is_some());
    assert!(server.record_action(1, 1).is_some());
    let error = client.tickets().delete(id).send().await.unwrap_err();
    assert!(is_not_found(&error), "deleted twice: {error:?}");
}

#[tokio::test]
async fn deleting_an_action_touches_only_that_ticket() {
    let server = small_server().await;
    let client = client_with(&server, default_policy());
    // Seeded: tickets 1 and 2 both have actions 1 and 2.
    let a1 = server.record_action(1, 1).expect("ticket 1, action 1");
    let b1 = server.record_action(2, 1).expect("ticket 2, action 1");
    assert_ne!(a1, b1);
    let actions = server.count("Actions");

    client.actions().delete(1, 1).send().await.unwrap();
    assert!(server.record_action(1, 1).is_none());
    assert_eq!(
        server.record_action(2, 1),
        Some(b1.clone()),
        "ticket 2 keeps its action 1"
    );
    assert!(
        server.record_action(1, 2).is_some(),
        "ticket 1 keeps action 2"
    );
    assert_eq!(server.count("Actions"), actions - 1);
    assert!(server.record("Tickets", 1).is_some(), "the ticket stays");

    let error = client.actions().get(1, 1).send().await.unwrap_err();
    assert!(is_not_found(&error), "{error:?}");
    let other = client.actions().get(2, 1).send().await.unwrap();
    assert_eq!((other.ticket_id, other.id), (Some(2), Some(1)));
    assert_eq!(other.note.as_deref(), b1["note"].as_str());
    let left: Vec<Option<i64>> = client
        .actions()
        .list(1)
        .collect_all()
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(left, vec![Some(2)]);
    let error = client.actions().delete(1, 1).send().await.unwrap_err();
    assert!(is_not_found(&error), "deleted twice: {error:?}");

    // A new action on ticket 1 gets a fresh id, not the deleted one's.
    let added = client
        .actions()
        .create(&Action {
            ticket_id: Some(1),
            note: Some("re-added".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(added.id, Some(3));
    assert_eq!(server.record_action(2, 1), Some(b1));
}
