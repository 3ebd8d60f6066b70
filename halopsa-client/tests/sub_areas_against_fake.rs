//! Issue 14's endpoints against the stateful fake: the sensitive sub-areas
//! (recurring invoices, purchase and sales orders, contract schedules, rules
//! and prepay records, supplier contracts) list, get and filter; the lookups
//! drive the note helpers; timesheets, projects and CRM notes read; attachments
//! list, download (with a size limit) and upload; the doctor has their rows.
#![cfg(feature = "fake")]

mod common;

use std::fmt::Debug;

use common::{fake_client, fake_client_with_scopes};
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::AttachmentUpload;
use halopsa_client::{Record, Resource, areas};
use neo_auth_core::{Access, Error, ListCall};
use serde::Serialize;
use serde_json::Value;

async fn small() -> FakeServer {
    FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await
}

/// Every seeded record of `path` is listed (ids as the fake stores them), and
/// the first one reads back by id.
async fn lists_and_gets<T>(server: &FakeServer, resource: Resource<T>, path: &str)
where
    T: Record + Serialize + Debug + Clone,
{
    let call: ListCall<T> = resource.list().into();
    let all = call
        .collect_all()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(all.len(), server.count(path), "{path}: the whole list");
    let first = serde_json::to_value(&all[0]).unwrap();
    let id = first["id"].clone();
    let read = match &id {
        Value::String(text) => resource.get(text.as_str()).send().await,
        other => resource.get(other.as_i64().unwrap()).send().await,
    }
    .unwrap_or_else(|e| panic!("{path} get {id}: {e}"));
    assert_eq!(serde_json::to_value(&read).unwrap()["id"], id, "{path}");
}

#[tokio::test]
async fn every_sub_area_lists_and_gets() {
    let server = small().await;
    let client = fake_client(&server);
    lists_and_gets(&server, client.recurring_invoices(), "RecurringInvoice").await;
    lists_and_gets(&server, client.purchase_orders(), "PurchaseOrder").await;
    lists_and_gets(&server, client.sales_orders(), "SalesOrder").await;
    lists_and_gets(&server, client.contract_schedules(), "ContractSchedule").await;
    lists_and_gets(&server, client.client_prepays(), "ClientPrepay").await;
    lists_and_gets(&server, client.supplier_contracts(), "SupplierContract").await;
}

#[tokio::test]
async fn every_lookup_and_work_list_lists_and_gets() {
    let server = small().await;
    let client = fake_client(&server);
    lists_and_gets(&server, client.outcomes(), "Outcome").await;
    lists_and_gets(&server, client.asset_types(), "AssetType").await;
    lists_and_gets(&server, client.asset_groups(), "AssetGroup").await;
    lists_and_gets(&server, client.fields(), "Field").await;
    lists_and_gets(&server, client.field_infos(), "FieldInfo").await;
    lists_and_gets(&server, client.lookups(), "Lookup").await;
    lists_and_gets(&server, client.top_levels(), "TopLevel").await;
    lists_and_gets(&server, client.timesheets(), "Timesheet").await;
    lists_and_gets(&server, client.timesheet_events(), "TimesheetEvent").await;
    lists_and_gets(&server, client.projects(), "Projects").await;
    lists_and_gets(&server, client.crm_notes(), "CRMNote").await;
}

#[tokio::test]
async fn sub_area_filters_select_records() {
    let server = small().await;
    let client = fake_client(&server);
    let orders = client
        .purchase_orders()
        .list()
        .supplier_id(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].supplier_id, Some(2));
    let prepays = client
        .client_prepays()
        .list()
        .contract_id(3)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(prepays.iter().map(|p| p.id).collect::<Vec<_>>(), [Some(3)]);
    let contracts = client
        .supplier_contracts()
        .list()
        .supplier_id(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(contracts.len(), 1);
    let values = client
        .lookups()
        .list()
        .lookup_id(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(values.len(), 3);
    assert!(
        client
            .lookups()
            .list()
            .lookup_id(2)
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn contract_rules_come_with_the_detailed_contract() {
    let server = small().await;
    let client = fake_client(&server);
    let rules = client.contract_rules(2).await.unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].requesttype_name.as_deref(), Some("Incident"));
    let schedule = client.contract_schedule_of(2).await.unwrap();
    assert_eq!(schedule.len(), 1);
    assert_eq!(schedule[0].amount, Some(250.0));
    // The list carries no rules: they come only with `includedetails`.
    let listed = client.contracts().list().collect_all().await.unwrap();
    assert!(listed.iter().all(|c| c.billingplans.is_none()));
    let error = client.contract_rules(999).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn sub_areas_need_their_own_scopes() {
    let server = small().await;
    let client = fake_client_with_scopes(&server, &["read:invoices"]);
    client.recurring_invoices().list().send().await.unwrap();
    let error = client.purchase_orders().list().send().await.unwrap_err();
    assert!(error.to_string().contains("read:pos"), "{error}");
    assert_eq!(
        server.requests_to("GET", "/api/PurchaseOrder"),
        0,
        "refused before sending"
    );
}

#[tokio::test]
async fn note_helpers_use_the_tenants_outcomes() {
    let server = small().await;
    let client = fake_client(&server);
    let private = client
        .actions()
        .private_note(1, "Checked the logs")
        .await
        .unwrap();
    assert_eq!(private.hiddenfromuser, Some(true));
    assert_eq!(private.outcome.as_deref(), Some("Private Note"));
    assert_eq!(private.outcome_id, Some(1));
    let stored = server
        .record_action(1, private.id.unwrap())
        .expect("stored on ticket 1");
    assert_eq!(stored["outcome_id"], 1);
    let public = client
        .actions()
        .public_note(1, "Fixed, please check")
        .await
        .unwrap();
    assert_eq!(public.hiddenfromuser, Some(false));
    assert_eq!(public.outcome.as_deref(), Some("Email User"));
    let time = client
        .actions()
        .log_time(1, 0.5, "Remote fix")
        .await
        .unwrap();
    assert_eq!(time.outcome.as_deref(), Some("Remote Session"));
    assert_eq!(time.timetaken, Some(0.5));
    let error = client.actions().private_note(1, "  ").await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = client.actions().log_time(1, 0.0, "none").await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}

#[tokio::test]
async fn attachments_list_download_and_upload() {
    let server = small().await;
    let client = fake_client(&server);
    let listed = client.attachments().list(2).collect_all().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].filename.as_deref(), Some("log-2.txt"));
    let file = client.attachments().download(2).send().await.unwrap();
    assert!(String::from_utf8(file).unwrap().contains("attachment 2"));

    let upload = AttachmentUpload::builder("report.pdf", b"%PDF-1.7 pages".to_vec())
        .ticket(3)
        .build()
        .unwrap();
    let stored = client.attachments().upload(&upload).send().await.unwrap();
    let id = stored.id.unwrap();
    assert_eq!(stored.filename.as_deref(), Some("report.pdf"));
    assert_eq!(
        client.attachments().download(id).send().await.unwrap(),
        b"%PDF-1.7 pages"
    );
    let on_three = client.attachments().list(3).collect_all().await.unwrap();
    assert!(on_three.iter().any(|a| a.id == Some(id)));

    let error = client
        .attachments()
        .download(id)
        .max_bytes(4)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { .. }), "{error:?}");
    client.attachments().delete(id).send().await.unwrap();
    let error = client.attachments().download(id).send().await.unwrap_err();
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(404),
        "deleted: {error}"
    );
    let error = client.attachments().download(0).send().await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = client.attachments().download(999).send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn attachment_uploads_follow_the_tickets_policy() {
    let server = small().await;
    let client = common::fake_builder(&server)
        .policy(
            halopsa_client::default_policy().with(areas::TICKETS, neo_auth_core::AreaAccess::Read),
        )
        .build()
        .unwrap();
    let upload = AttachmentUpload::builder("a.txt", b"a".to_vec())
        .ticket(1)
        .build()
        .unwrap();
    let error = client
        .attachments()
        .upload(&upload)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_policy(), "{error}");
    assert_eq!(server.requests_to("POST", "/api/Attachment"), 0);
}

#[tokio::test]
async fn the_doctor_has_rows_for_the_new_areas() {
    let server = small().await;
    let client = fake_client(&server);
    let report = client.check_access().await.unwrap();
    let contracts = report.check(&areas::CONTRACTS, Access::Read).unwrap();
    assert!(
        contracts
            .note
            .as_deref()
            .is_some_and(|n| n.contains("prepay records")),
        "{contracts:?}"
    );
    for area in [areas::TIMESHEETS, areas::PROJECTS, areas::CRM_NOTES] {
        let read = report
            .check(&area, Access::Read)
            .unwrap_or_else(|| panic!("{area}"));
        assert_eq!(read.state(), "granted", "{area}: {read:?}");
    }
    let pos: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.area == areas::INVOICES && c.access == Access::Read)
        .collect();
    assert_eq!(
        pos.len(),
        3,
        "invoices, purchase orders, sales orders: {pos:?}"
    );
    assert_eq!(report.exit_code(), 0, "{}", report);

    // Without `read:pos` the purchase-order row is only a warning.
    let client = fake_client_with_scopes(&server, &["read:tickets", "read:invoices"]);
    let report = client.check_access().await.unwrap();
    let missing: Vec<_> = report
        .checks
        .iter()
        .filter(|c| {
            c.area == areas::INVOICES && c.scope.as_ref().is_some_and(|s| s.name() == "read:pos")
        })
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(
        missing[0].severity,
        neo_auth_core::doctor::Severity::Warning,
        "{:?}",
        missing[0]
    );
}

#[tokio::test]
async fn reports_run_and_answer_sql_queries_as_reads() {
    let server = small().await;
    let client = common::fake_builder(&server)
        .policy(neo_auth_core::AccessPolicy::read_only())
        .build()
        .unwrap();
    let report = client.run_report(1).await.unwrap();
    let rows = report.report.and_then(|r| r.rows).unwrap();
    assert_eq!(rows.len(), server.count("Tickets"), "one row per ticket");
    let sql = "SELECT faultid, SUM(timetaken) FROM actions GROUP BY faultid";
    let queried: Vec<serde_json::Map<String, Value>> = client.query_sql_as(sql).await.unwrap();
    assert_eq!(
        queried, rows,
        "the stored report's SQL answers with its rows"
    );
    assert_eq!(server.count("Report"), 3, "a query saves nothing");
    let error = client
        .query_sql_as::<Value>("SELECT nonsense")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("Invalid SQL"), "{error}");
    // Without `read:reporting` the query is refused before it is sent.
    let client = fake_client_with_scopes(&server, &["read:tickets"]);
    let error = client.query_sql_as::<Value>(sql).await.unwrap_err();
    assert!(error.to_string().contains("read:reporting"), "{error}");
}

#[tokio::test]
async fn ticket_and_action_filters_select_records() {
    let server = small().await;
    let client = fake_client(&server);
    let all = client.tickets().list().collect_all().await.unwrap();
    let urgent = client
        .tickets()
        .list()
        .priorities(&[1, 2])
        .collect_all()
        .await
        .unwrap();
    let expected = all
        .iter()
        .filter(|t| matches!(t.priority_id, Some(1 | 2)))
        .count();
    assert_eq!(urgent.len(), expected);
    assert!(
        !urgent.is_empty() && urgent.len() < all.len(),
        "the filter selects"
    );
    let of_type = client
        .tickets()
        .list()
        .requesttype_id(1)
        .collect_all()
        .await
        .unwrap();
    assert!(of_type.iter().all(|t| t.tickettype_id == Some(1)));
    assert_eq!(
        of_type.len(),
        all.iter().filter(|t| t.tickettype_id == Some(1)).count()
    );

    let actions = client.actions().list(1).collect_all().await.unwrap();
    let public = client
        .actions()
        .list(1)
        .exclude_private(true)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        public.len(),
        actions
            .iter()
            .filter(|a| a.hiddenfromuser != Some(true))
            .count()
    );
    let timed = client
        .actions()
        .list(1)
        .time_entries_only(true)
        .collect_all()
        .await
        .unwrap();
    assert!(timed.iter().all(|a| a.timetaken.is_some_and(|t| t > 0.0)));
    assert_eq!(
        timed.len(),
        actions
            .iter()
            .filter(|a| a.timetaken.is_some_and(|t| t > 0.0))
            .count()
    );
}

/// Turning the invoices area on gates its sub-areas' writes behind an approval.
#[tokio::test]
async fn sub_area_writes_turned_on_need_an_approval_by_default() {
    let server = small().await;
    let client = common::fake_builder(&server)
        .policy(halopsa_client::policy_with_writes(&[areas::INVOICES]))
        .build()
        .unwrap();
    let draft = halopsa_client::models::PurchaseOrder {
        po_ref: Some("PO-NEW".into()),
        supplier_id: Some(1),
        ..Default::default()
    };
    let error = client
        .purchase_orders()
        .create(&draft)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ApprovalRequired { .. }), "{error:?}");
    assert_eq!(server.requests_to("POST", "/api/PurchaseOrder"), 0);
    let approval = neo_auth_core::Approval::new("jane@msp.example", "PO agreed").unwrap();
    let saved = client
        .purchase_orders()
        .create(&draft)
        .approval(approval)
        .send()
        .await
        .unwrap();
    let stored = server.record("PurchaseOrder", saved.id.unwrap()).unwrap();
    assert_eq!(stored["po_ref"], "PO-NEW");
    // Contracts stay read-only: only the area turned on writes.
    let prepay = halopsa_client::models::ClientPrepay::default();
    let error = client
        .client_prepays()
        .create(&prepay)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_policy(), "{error:?}");
}
