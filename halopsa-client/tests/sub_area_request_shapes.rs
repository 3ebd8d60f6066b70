//! Issue 14's request shapes, pinned against a mock server: the path, method,
//! query names and values of every new list, filter, get and call; and every
//! path and query name the crate sends — new and old — checked against the
//! vendor's OpenAPI spec kept in `tests/fixtures/vendor/`.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, UNIX_EPOCH};

use common::*;
use halopsa_client::Client;
use halopsa_client::models::AttachmentUpload;
use neo_auth_core::Error;
use serde_json::{Map, Value, json};
use wiremock::matchers::{method, path, path_regex, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The answers every call here can decode.
async fn mount_answers(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/Report/4"))
        .and(query_param("loadreport", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": 4, "name": "Hours", "report": {"loaded": true, "rows": [{"agent": "Ann", "hours": 2.5}]}}),
        ))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/Attachment/[0-9]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"file bytes".to_vec()))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/[A-Za-z]+/[^/]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/[A-Za-z]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Report"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"report": {"loaded": true, "rows": [{"n": 1}]}}])),
        )
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/Attachment"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!([{"id": 31, "ticket_id": 7, "filename": "a.txt"}])),
        )
        .mount(server)
        .await;
}

fn pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The last request the server saw.
async fn last(server: &MockServer) -> Request {
    api_requests(server)
        .await
        .pop()
        .expect("a request was sent")
}

/// Asserts the last request: method, path and exactly these query pairs
/// (paging and order parameters of paged lists left out of `query`).
async fn assert_last(server: &MockServer, verb: &str, expected_path: &str, query: &[(&str, &str)]) {
    let request = last(server).await;
    assert_eq!(request.method.as_str(), verb, "{expected_path}");
    assert_eq!(request.url.path(), expected_path);
    let sent: BTreeSet<(String, String)> = pairs(&request)
        .into_iter()
        .filter(|(k, _)| {
            !["pageinate", "page_size", "page_no", "order", "orderdesc"].contains(&k.as_str())
        })
        .collect();
    let wanted: BTreeSet<(String, String)> = query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(sent, wanted, "{verb} {expected_path}");
}

#[tokio::test]
async fn sub_area_lists_and_gets_are_pinned() {
    let (server, client) = setup().await;
    mount_answers(&server).await;
    client
        .recurring_invoices()
        .list()
        .client_ids(&[1, 2])
        .contract_id(3)
        .ticket_id(4)
        .toplevel_id(5)
        .include_lines(true)
        .search("x")
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/RecurringInvoice",
        &[
            ("client_ids", "1,2"),
            ("contract_id", "3"),
            ("ticket_id", "4"),
            ("toplevel_id", "5"),
            ("includelines", "true"),
            ("search", "x"),
        ],
    )
    .await;
    assert_eq!(
        query(&last(&server).await, "pageinate").as_deref(),
        Some("true")
    );
    client
        .recurring_invoices()
        .get(9)
        .include_details(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/RecurringInvoice/9",
        &[("includedetails", "true")],
    )
    .await;

    client
        .purchase_orders()
        .list()
        .supplier_id(1)
        .ticket_id(2)
        .salesorder_id(3)
        .open(true)
        .closed(false)
        .awaiting_approval(true)
        .unsent(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/PurchaseOrder",
        &[
            ("supplier_id", "1"),
            ("ticket_id", "2"),
            ("salesorder_id", "3"),
            ("open", "true"),
            ("closed", "false"),
            ("awaiting_approval", "true"),
            ("unsent", "true"),
        ],
    )
    .await;
    client.purchase_orders().get(2).send().await.unwrap();
    assert_last(&server, "GET", "/api/PurchaseOrder/2", &[]).await;

    client
        .sales_orders()
        .list()
        .client_ids(&[7])
        .ticket_id(1)
        .toplevel_id(2)
        .open(true)
        .closed(true)
        .needs_invoicing(true)
        .ready_for_invoicing(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/SalesOrder",
        &[
            ("client_ids", "7"),
            ("ticket_id", "1"),
            ("toplevel_id", "2"),
            ("open", "true"),
            ("closed", "true"),
            ("needsinvoicing", "true"),
            ("ready_for_invoicing", "true"),
        ],
    )
    .await;

    client.contract_schedules().list().send().await.unwrap();
    assert_last(&server, "GET", "/api/ContractSchedule", &[]).await;
    let uuid = "0b8d1c9e-5f3a-4e7b-9c2d-1a2b3c4d5e6f";
    client
        .contract_schedules()
        .get(uuid)
        .include_details(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        &format!("/api/ContractSchedule/{uuid}"),
        &[("includedetails", "true")],
    )
    .await;

    client
        .client_prepays()
        .list()
        .client_ids(&[1])
        .contract_id(2)
        .ready_for_invoicing(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/ClientPrepay",
        &[
            ("client_ids", "1"),
            ("contract_id", "2"),
            ("ready_for_invoicing", "true"),
        ],
    )
    .await;
    client
        .supplier_contracts()
        .list()
        .supplier_id(4)
        .include_inactive(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/SupplierContract",
        &[("supplier_id", "4"), ("includeinactive", "true")],
    )
    .await;

    client.contract_rules(8).await.unwrap();
    assert_last(
        &server,
        "GET",
        "/api/ClientContract/8",
        &[("includedetails", "true")],
    )
    .await;
}

#[tokio::test]
async fn lookup_and_work_lists_are_pinned() {
    let (server, client) = setup().await;
    mount_answers(&server).await;
    client
        .outcomes()
        .list()
        .tickettype_id(1)
        .workflow_id(2)
        .workflow_step(3)
        .show_hidden(true)
        .exclude_system_actions(true)
        .quick_only(false)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Outcome",
        &[
            ("tickettype_id", "1"),
            ("workflow_id", "2"),
            ("workflow_step", "3"),
            ("showhidden", "true"),
            ("excludesystemactions", "true"),
            ("quick_only", "false"),
        ],
    )
    .await;
    client
        .asset_types()
        .list()
        .assetgroup_id(1)
        .tickettype_id(2)
        .kind("hw")
        .can_create_only(true)
        .setup_list(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/AssetType",
        &[
            ("assetgroup_id", "1"),
            ("tickettype_id", "2"),
            ("type", "hw"),
            ("can_create_only", "true"),
            ("setuplist", "true"),
        ],
    )
    .await;
    client
        .asset_groups()
        .list()
        .kind("hw")
        .tree(true)
        .include_types(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/AssetGroup",
        &[
            ("type", "hw"),
            ("istree", "true"),
            ("includetypesforgroups", "true"),
        ],
    )
    .await;
    client
        .fields()
        .list()
        .kind("ticket")
        .type_id(3)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Field",
        &[("kind", "ticket"), ("type_id", "3")],
    )
    .await;
    client
        .field_infos()
        .list()
        .type_id(1)
        .field_type(2)
        .input_type(3)
        .domain("d")
        .include_values(true)
        .custom_field_setup(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/FieldInfo",
        &[
            ("typeid", "1"),
            ("fieldtype", "2"),
            ("inputtype", "3"),
            ("domain", "d"),
            ("includevalues", "true"),
            ("iscustomfieldsetup", "true"),
        ],
    )
    .await;
    client
        .lookups()
        .list()
        .lookup_id(5)
        .client_id(1)
        .ticket_id(2)
        .outcome_id(3)
        .assettype_id(4)
        .show_all_codes(true)
        .exclude_zero(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Lookup",
        &[
            ("lookupid", "5"),
            ("client_id", "1"),
            ("ticket_id", "2"),
            ("outcome_id", "3"),
            ("assettype_id", "4"),
            ("showallcodes", "true"),
            ("exclude_zero", "true"),
        ],
    )
    .await;
    client
        .top_levels()
        .list()
        .kind(1)
        .org_id(2)
        .include_agents(true)
        .include_teams(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/TopLevel",
        &[
            ("type", "1"),
            ("org_id", "2"),
            ("include_agents", "true"),
            ("include_teams", "true"),
        ],
    )
    .await;

    client.timesheets().list().send().await.unwrap();
    assert_last(&server, "GET", "/api/Timesheet", &[]).await;
    client
        .timesheets()
        .get(3)
        .param("agent_id", 3)
        .param("date", "2024-05-01")
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Timesheet/3",
        &[("agent_id", "3"), ("date", "2024-05-01")],
    )
    .await;
    let from = UNIX_EPOCH + Duration::from_secs(1_714_554_720);
    client
        .timesheet_events()
        .list()
        .agent_id(1)
        .agents("1,2")
        .start_date(from)
        .end_date(from + Duration::from_secs(3_600))
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/TimesheetEvent",
        &[
            ("agent_id", "1"),
            ("agents", "1,2"),
            ("start_date", "2024-05-01T09:12:00Z"),
            ("end_date", "2024-05-01T10:12:00Z"),
        ],
    )
    .await;
    client
        .projects()
        .list()
        .agent_id(1)
        .status_id(2)
        .parent_id(3)
        .milestone_id(4)
        .project_ids(&[5, 6])
        .open_only(true)
        .closed_only(false)
        .ticket_id_only(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Projects",
        &[
            ("agent_id", "1"),
            ("status_id", "2"),
            ("parent_id", "3"),
            ("milestone_id", "4"),
            ("project_ids", "5,6"),
            ("open_only", "true"),
            ("closed_only", "false"),
            ("ticketidonly", "true"),
        ],
    )
    .await;
    client
        .crm_notes()
        .list()
        .client_id(1)
        .supplier_id(2)
        .toplevel_id(3)
        .count(10)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/CRMNote",
        &[
            ("client_id", "1"),
            ("supplier_id", "2"),
            ("toplevel_id", "3"),
            ("count", "10"),
        ],
    )
    .await;
    client
        .attachments()
        .list(7)
        .action_id(2)
        .kind(0)
        .unique_id(9)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Attachment",
        &[
            ("ticket_id", "7"),
            ("action_id", "2"),
            ("type", "0"),
            ("unique_id", "9"),
        ],
    )
    .await;
}

#[tokio::test]
async fn attachment_download_and_upload_are_pinned() {
    let (server, client) = setup().await;
    mount_answers(&server).await;
    let file = client.attachments().download(12).send().await.unwrap();
    assert_eq!(file, b"file bytes");
    assert_last(&server, "GET", "/api/Attachment/12", &[]).await;
    let error = client
        .attachments()
        .download(12)
        .max_bytes(3)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { .. }), "{error:?}");

    let upload = AttachmentUpload::builder("a.txt", b"hello".to_vec())
        .ticket(7)
        .action(2)
        .build()
        .unwrap();
    let stored = client.attachments().upload(&upload).send().await.unwrap();
    assert_eq!(stored.id, Some(31));
    let request = last(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("POST", "/api/Attachment")
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!([{"ticket_id": 7, "action_id": 2, "filename": "a.txt", "data_base64": "aGVsbG8="}])
    );
}

#[tokio::test]
async fn reports_run_and_query_as_reads() {
    let (server, client) = setup().await;
    mount_answers(&server).await;
    let report = client.run_report(4).await.unwrap();
    assert_eq!(report.report.unwrap().rows.unwrap().len(), 1);
    assert_last(&server, "GET", "/api/Report/4", &[("loadreport", "true")]).await;
    let rows: Vec<Map<String, Value>> = client.run_report_as(4).await.unwrap();
    assert_eq!(rows[0]["agent"], "Ann");

    let rows: Vec<Map<String, Value>> = client.query_sql_as(" SELECT 1 AS n ").await.unwrap();
    assert_eq!(rows[0]["n"], 1);
    let request = last(&server).await;
    assert_eq!(
        (request.method.as_str(), request.url.path()),
        ("POST", "/api/Report")
    );
    assert!(pairs(&request).is_empty());
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!([{"_loadreportonly": true, "sql": "SELECT 1 AS n"}])
    );

    let error = client.query_sql_as::<Value>("  ").await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = client.run_report(0).await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}

/// A read-only reports area still runs both: they are reads.
#[tokio::test]
async fn report_queries_pass_a_read_only_policy_and_are_retried() {
    let server = MockServer::start().await;
    mount_auth(&server, "read:reporting").await;
    let client = builder(&server)
        .policy(neo_auth_core::AccessPolicy::read_only())
        .build()
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/api/Report"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_answers(&server).await;
    let rows: Vec<Value> = client.query_sql_as("SELECT 1").await.unwrap();
    assert_eq!(rows.len(), 1);
    let posts = api_requests(&server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() == "POST")
        .count();
    assert_eq!(posts, 2, "the 503 was retried, as a read is");
    client.run_report(4).await.unwrap();
}

#[tokio::test]
async fn ticket_and_action_filters_are_pinned() {
    let (server, client) = setup().await;
    mount_answers(&server).await;
    client
        .tickets()
        .list()
        .requesttype_id(1)
        .requesttypes(&[1, 2])
        .categories_1(&[3])
        .categories_2(&[4])
        .categories_3(&[5])
        .categories_4(&[6])
        .priorities(&[1, 4])
        .slas(&[2])
        .client_ids(&[8, 9])
        .asset_id(10)
        .contract_id(11)
        .ticket_id_only(true)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Tickets",
        &[
            ("requesttype_id", "1"),
            ("requesttype", "1,2"),
            ("category_1", "3"),
            ("category_2", "4"),
            ("category_3", "5"),
            ("category_4", "6"),
            ("priority", "1,4"),
            ("sla", "2"),
            ("client_ids", "8,9"),
            ("asset_id", "10"),
            ("contract_id", "11"),
            ("ticketidonly", "true"),
        ],
    )
    .await;
    client
        .actions()
        .list(5)
        .exclude_system(true)
        .time_entries_only(true)
        .exclude_private(true)
        .important_only(false)
        .sla_only(false)
        .conversation_only(true)
        .agent_only(true)
        .supplier_only(false)
        .include_attachments(true)
        .count(3)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Actions",
        &[
            ("ticket_id", "5"),
            ("excludesys", "true"),
            ("timeentriesonly", "true"),
            ("excludeprivate", "true"),
            ("importantonly", "false"),
            ("slaonly", "false"),
            ("conversationonly", "true"),
            ("agentonly", "true"),
            ("supplieronly", "false"),
            ("includeattachments", "true"),
            ("count", "3"),
        ],
    )
    .await;
    let error = client
        .tickets()
        .list()
        .priorities(&[])
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("priorities()"), "{error}");
    let from = UNIX_EPOCH + Duration::from_secs(1_714_554_720);
    client
        .opportunities()
        .list()
        .updated_between(from, from)
        .send()
        .await
        .unwrap();
    assert_last(
        &server,
        "GET",
        "/api/Opportunities",
        &[
            ("lastupdatefromdate", "2024-05-01T09:12:00Z"),
            ("lastupdatetodate", "2024-05-01T09:12:00Z"),
        ],
    )
    .await;
}

// ------------------------------------------------------------ the vendor spec

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/vendor/halopsa-openapi-v2.json"
);

/// Every call of the crate, old and new, with every typed filter it has.
async fn exercise(client: &Client) {
    let from = UNIX_EPOCH + Duration::from_secs(1_714_554_720);
    let to = from + Duration::from_secs(60);
    macro_rules! run {
        ($($call:expr;)*) => {$(
            let _ = $call.send().await;
        )*};
    }
    run! {
        client.tickets().list().search("s").client_id(1).site_id(1).user_id(1).agent_id(1)
            .status_id(1).statuses(&[1]).agents(&[1]).teams(&[1]).open_only(true)
            .closed_only(true).date_range(halopsa_client::DateField::Cleared, from, to)
            .order_by("id").updated_between(from, to).requesttype_id(1).requesttypes(&[1])
            .categories_1(&[1]).categories_2(&[1]).categories_3(&[1]).categories_4(&[1])
            .priorities(&[1]).slas(&[1]).client_ids(&[1]).asset_id(1).contract_id(1)
            .ticket_id_only(true);
        client.opportunities().list().search("s").client_id(1).site_id(1).user_id(1)
            .agent_id(1).status_id(1).statuses(&[1]).agents(&[1]).teams(&[1])
            .open_only(true).closed_only(true).order_by_desc("id").updated_between(from, to)
            .date_range(halopsa_client::DateField::Occurred, from, to);
        client.actions().list(1).exclude_system(true).time_entries_only(true)
            .exclude_private(true).important_only(true).sla_only(true).conversation_only(true)
            .agent_only(true).supplier_only(true).include_attachments(true).count(1);
        client.contacts().list().search("s").client_id(1).site_id(1).include_inactive(true).order_by("id");
        client.companies().list().search("s").include_inactive(true).order_by("id");
        client.sites().list().search("s").client_id(1).site_id(1).include_inactive(true).order_by("id");
        client.assets().list().search("s").client_id(1).site_id(1).user_id(1).include_inactive(true).order_by("id");
        client.products().list().search("s").include_inactive(true).order_by("id");
        client.appointments().list().search("s").client_id(1).order_by("id");
        client.slas().list();
        client.kb_articles().list().search("s").client_id(1).site_id(1).include_inactive(true).order_by("id");
        client.contracts().list().search("s").client_id(1).site_id(1).include_inactive(true).order_by("id");
        client.invoices().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id");
        client.quotations().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id");
        client.suppliers().list().search("s").include_inactive(true).order_by("id");
        client.reports().list().search("s").order_by("id");
        client.statuses().list();
        client.priorities().list();
        client.categories().list().client_id(1);
        client.teams().list();
        client.agents().list().search("s").client_id(1);
        client.ticket_types().list().client_id(1);
        client.workflows().list().include_inactive(true);
        client.recurring_invoices().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id")
            .client_ids(&[1]).contract_id(1).ticket_id(1).toplevel_id(1).include_lines(true);
        client.purchase_orders().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id")
            .supplier_id(1).ticket_id(1).salesorder_id(1).open(true).closed(true)
            .awaiting_approval(true).unsent(true);
        client.sales_orders().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id")
            .client_ids(&[1]).ticket_id(1).toplevel_id(1).open(true).closed(true)
            .needs_invoicing(true).ready_for_invoicing(true);
        client.contract_schedules().list();
        client.client_prepays().list().search("s").client_id(1).order_by("id").client_ids(&[1])
            .contract_id(1).ready_for_invoicing(true);
        client.supplier_contracts().list().search("s").include_inactive(true).order_by("id").supplier_id(1);
        client.outcomes().list().tickettype_id(1).workflow_id(1).workflow_step(1).show_hidden(true)
            .exclude_system_actions(true).quick_only(true);
        client.asset_types().list().assetgroup_id(1).tickettype_id(1).kind("x").can_create_only(true).setup_list(true);
        client.asset_groups().list().kind("x").tree(true).include_types(true);
        client.fields().list().kind("x").type_id(1);
        client.field_infos().list().type_id(1).field_type(1).input_type(1).domain("x")
            .include_values(true).custom_field_setup(true);
        client.lookups().list().client_id(1).lookup_id(1).ticket_id(1).outcome_id(1).assettype_id(1)
            .show_all_codes(true).exclude_zero(true);
        client.top_levels().list().search("s").order_by("id").kind(1).org_id(1).include_agents(true).include_teams(true);
        client.timesheets().list();
        client.timesheet_events().list().agent_id(1).agents("1").start_date(from).end_date(to);
        client.projects().list().search("s").client_id(1).site_id(1).user_id(1).order_by("id")
            .agent_id(1).status_id(1).parent_id(1).milestone_id(1).project_ids(&[1])
            .open_only(true).closed_only(true).ticket_id_only(true);
        client.crm_notes().list().client_id(1).supplier_id(1).toplevel_id(1).count(1);
        client.attachments().list(1).action_id(1).kind(1).unique_id(1);
        client.tickets().get(1).include_details(true);
        client.actions().get(1, 2);
        client.contracts().get(1).include_details(true);
        client.priorities().get("0b8d1c9e-5f3a-4e7b-9c2d-1a2b3c4d5e6f");
        client.contract_schedules().get("0b8d1c9e-5f3a-4e7b-9c2d-1a2b3c4d5e6f").include_details(true);
        client.attachments().download(1);
        client.tickets().delete(1).reason("dup");
        client.actions().delete(1, 2);
    }
    let _ = client.run_report(4).await;
    let _ = client.query_sql_as::<Value>("SELECT 1").await;
    let _ = client.report_data("3f2c").await;
    let _ = client.whoami().await;
    let upload = AttachmentUpload::builder("a.txt", b"a".to_vec())
        .ticket(1)
        .build()
        .unwrap();
    let _ = client.attachments().upload(&upload).send().await;
    let _ = client.actions().private_note(1, "note").await;
}

/// Query names the crate sends that the spec does not list, each on purpose.
/// The test fails if one is no longer sent, so the list cannot go stale.
const OUTSIDE_THE_SPEC: &[(&str, &str, &str)] = &[
    // Action ids restart on every ticket: a delete names the ticket, as the
    // get does (the spec lists `ticket_id` on `GET /Actions/{id}` only).
    ("delete", "/Actions/{id}", "ticket_id"),
];

/// The spec path a request path is an instance of (`/Tickets/1` →
/// `/Tickets/{id}`), by segment, case-insensitively; a literal segment wins
/// over a placeholder (`/Agent/me` over `/Agent/{id}`).
fn spec_path<'a>(spec: &'a Map<String, Value>, sent: &str) -> Option<&'a str> {
    let sent: Vec<&str> = sent.trim_start_matches("/api").split('/').collect();
    spec.keys()
        .map(String::as_str)
        .filter_map(|candidate| {
            let parts: Vec<&str> = candidate.split('/').collect();
            if parts.len() != sent.len() {
                return None;
            }
            let mut placeholders = 0;
            for (part, segment) in parts.iter().zip(&sent) {
                if part.starts_with('{') && part.ends_with('}') {
                    placeholders += 1;
                } else if !part.eq_ignore_ascii_case(segment) {
                    return None;
                }
            }
            Some((placeholders, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

#[tokio::test]
async fn every_path_and_query_name_sent_is_in_the_vendor_spec() {
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| panic!("{SPEC}: {e}"));
    let spec: Value = serde_json::from_str(&text).unwrap();
    let paths = spec["paths"].as_object().unwrap();

    let (server, client) = setup().await;
    mount_answers(&server).await;
    exercise(&client).await;
    let requests = api_requests(&server).await;
    assert!(
        requests.len() >= 50,
        "the exercise reached the server: {}",
        requests.len()
    );

    let mut problems = Vec::new();
    let mut seen_paths = BTreeSet::new();
    let mut exceptions_seen = BTreeSet::new();
    for request in &requests {
        let sent = request.url.path();
        let Some(template) = spec_path(paths, sent) else {
            problems.push(format!(
                "{} {sent}: no such path in the spec",
                request.method
            ));
            continue;
        };
        seen_paths.insert(template.to_owned());
        let verb = request.method.as_str().to_ascii_lowercase();
        let Some(operation) = paths[template].get(&verb) else {
            problems.push(format!(
                "{} {sent}: the spec has no {verb} on {template}",
                request.method
            ));
            continue;
        };
        let names: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["name"].as_str())
            .collect();
        for (key, _) in pairs(request) {
            let listed = OUTSIDE_THE_SPEC
                .iter()
                .find(|(v, t, k)| *v == verb && *t == template && *k == key);
            if let Some(listed) = listed {
                exceptions_seen.insert(*listed);
            } else if !names.contains(key.as_str()) {
                problems.push(format!(
                    "{} {sent}: query `{key}` is not a parameter of {verb} {template}",
                    request.method
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let listed: BTreeSet<_> = OUTSIDE_THE_SPEC.iter().copied().collect();
    assert_eq!(
        exceptions_seen, listed,
        "every listed exception is still sent"
    );
    for expected in [
        "/Attachment/{id}",
        "/Report/{id}",
        "/ContractSchedule/{id}",
        "/CRMNote",
        "/Projects",
    ] {
        assert!(
            seen_paths.contains(expected),
            "{expected} was exercised: {seen_paths:?}"
        );
    }
}

/// An upload is a write: a 5xx after it was sent is uncertain, never retried.
#[tokio::test]
async fn a_failed_upload_is_write_uncertain_and_not_retried() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/Attachment"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
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
    assert!(error.is_write_uncertain(), "{error:?}");
    assert_eq!(api_requests(&server).await.len(), 1, "not retried");
}

/// `/Timesheet` has no delete in the spec: refused before anything is sent,
/// whatever the policy.
#[tokio::test]
async fn a_timesheet_delete_is_refused_before_sending() {
    let (server, _) = setup().await;
    let client = builder(&server)
        .policy(halopsa_client::policy_with_writes(&[
            halopsa_client::areas::TIMESHEETS,
        ]))
        .build()
        .unwrap();
    let error = client.timesheets().delete(1).send().await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(api_requests(&server).await.is_empty());
}
