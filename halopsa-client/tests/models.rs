//! The typed models and the list envelope: hand-written fixtures for every model
//! (lenient numbers, nulls, missing and unknown fields), round trips, decode-error
//! paths, the typed request bodies (notes, time entries, attachment uploads), every
//! modelled schema of the OpenAPI spec, and every model field checked to be a
//! property of the spec schema it models.

use std::collections::BTreeSet;
use std::fmt::Debug;

use halopsa_client::models::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------- helpers

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// Decodes with `serde_path_to_error`, so a failure names the JSON path.
fn decode<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| format!("{}: {}", e.path(), e.inner()))
}

fn page<T: DeserializeOwned>(name: &str) -> ListResponse<T> {
    decode(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// serialize → deserialize gives the same value, and serializing is stable.
fn assert_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    let again: T = decode(&json).unwrap_or_else(|e| panic!("re-decoding {json}: {e}"));
    assert_eq!(&again, value, "round trip of {json}");
    assert_eq!(serde_json::to_string(&again).unwrap(), json);
}

/// Every non-null field of the raw record survives decode → encode (nothing lost).
fn assert_lossless<T: Serialize + DeserializeOwned>(raw: &Value) {
    let record: T = serde_json::from_value(raw.clone()).unwrap();
    let out = serde_json::to_value(&record).unwrap();
    let out = out.as_object().expect("a record serializes as an object");
    for (key, value) in raw.as_object().unwrap() {
        if !value.is_null() {
            assert!(out.contains_key(key), "`{key}` was lost: {raw} -> {out:?}");
        }
    }
}

/// All the checks every fixture page gets: each record round-trips and loses nothing.
fn check_page<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    name: &str,
    key: Option<&str>,
) -> ListResponse<T> {
    let list: ListResponse<T> = page(name);
    assert_eq!(list.key.as_deref(), key, "{name}");
    let raw: Value = serde_json::from_str(&fixture(name)).unwrap();
    let raw_items = match key {
        Some(key) => raw[key].as_array().unwrap().clone(),
        None => raw.as_array().unwrap().clone(),
    };
    assert_eq!(list.items.len(), raw_items.len(), "{name}");
    for item in &list.items {
        assert_round_trip(item);
    }
    for raw in &raw_items {
        assert_lossless::<T>(raw);
    }
    list
}

// ---------------------------------------------------------------- records

#[test]
fn tickets() {
    let list: ListResponse<Ticket> = check_page("tickets_page.json", Some("tickets"));
    assert_eq!(list.record_count, Some(717));
    assert_eq!(list.extra["page_no"], json!(1));
    assert_eq!(list.extra["page_size"], json!(100));
    assert_eq!(list.extra["include_children"], json!(false));

    let t = &list.items[0];
    assert_eq!(t.id, Some(1042));
    assert_eq!(t.summary.as_deref(), Some("Printer offline"));
    assert_eq!(t.client_id, Some(12), "12.0 decodes as 12");
    assert_eq!(t.site_id, Some(30), "\"30\" decodes as 30");
    assert_eq!(t.team.as_deref(), Some("1st Line"));
    assert_eq!(t.agent_name.as_deref(), Some(""));
    assert_eq!(t.excludefromsla, Some(false), "0 decodes as false");
    assert_eq!(t.onhold, Some(false));
    assert_eq!(t.estimate, Some(1.5));
    assert_eq!(t.timetaken, Some(0.25), "\"0.25\" decodes as 0.25");
    assert_eq!(t.fixbydate, None, "null is None");
    assert_eq!(
        t.deadlinedate.as_deref(),
        Some("1900-01-01T00:00:00"),
        "dates are kept as sent"
    );
    assert_eq!(t.datecreated.as_deref(), Some("2024-05-01T09:12:03.27"));
    assert_eq!(t.targetdate, None, "missing is None");
    assert_eq!(t.extra["x_future_field"], json!({"a": 1}));
    assert_eq!(t.slastate.as_deref(), Some("I"), "SLA state is modelled");
    assert!(
        !t.extra.contains_key("summary"),
        "modelled fields are not duplicated in extra"
    );

    let cf = t.custom_field("CFContractNumber").expect("custom field");
    assert_eq!(cf.id, Some(140));
    assert_eq!(cf.value, Some(json!("C-2024-17")));
    let multi = t.custom_field("CFAffectedUsers").unwrap();
    assert_eq!(multi.value, Some(json!([{"id": 1, "display": "One"}])));
    assert_eq!(multi.extra["unknown_cf_key"], json!(true));
    assert!(t.custom_field("CFMissing").is_none());

    let assets = t.assets.as_ref().unwrap();
    assert_eq!(assets[0].id, Some(3945));
    assert_eq!(assets[0].client_id, Some(12));

    let t2 = &list.items[1];
    assert_eq!(t2.id, Some(1043), "\"1043\" decodes as 1043");
    assert_eq!(t2.status_id, Some(2));
    assert_eq!(t2.onhold, Some(true), "\"True\" decodes as true");
    assert_eq!(t2.dateoccurred.as_deref(), Some("2024-05-02 08:00:00"));
    assert_eq!(t2.customfields, None);
    assert!(t2.extra.is_empty());
}

#[test]
fn create_payloads_send_only_what_is_set() {
    let ticket = Ticket {
        summary: Some("Printer offline".into()),
        client_id: Some(12),
        novalidate: Some(true),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&ticket).unwrap(),
        json!({"summary": "Printer offline", "client_id": 12, "_novalidate": true})
    );
    assert_eq!(serde_json::to_value(Ticket::default()).unwrap(), json!({}));

    let mut extra = Map::new();
    extra.insert("new_field".into(), json!("passes through"));
    let action = Action {
        ticket_id: Some(1042),
        note: Some("Restarted spooler".into()),
        hiddenfromuser: Some(true),
        timetaken: Some(0.25),
        extra,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&action).unwrap(),
        json!({"ticket_id": 1042, "note": "Restarted spooler", "hiddenfromuser": true, "timetaken": 0.25, "new_field": "passes through"})
    );
    // Keyword and underscore fields keep Halo's names on the wire.
    let client = Client {
        r#ref: Some("ACME01".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&client).unwrap(),
        json!({"ref": "ACME01"})
    );
    let line = InvoiceLine {
        itemid: Some(501),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&line).unwrap(),
        json!({"_itemid": 501})
    );
}

#[test]
fn single_ticket_and_unknown_only() {
    let t: Ticket = decode(r#"{"id": 5, "brand_new": [1, {"x": null}]}"#).unwrap();
    assert_eq!(t.id, Some(5));
    assert_eq!(t.extra["brand_new"], json!([1, {"x": null}]));
    assert_round_trip(&t);
    let empty: Ticket = decode("{}").unwrap();
    assert_eq!(empty, Ticket::default());
    let nulls: Ticket =
        decode(r#"{"id": null, "summary": null, "customfields": null, "onhold": ""}"#).unwrap();
    assert_eq!(nulls, Ticket::default());
}

#[test]
fn actions() {
    let list: ListResponse<Action> = check_page("actions_page.json", Some("actions"));
    assert_eq!(list.record_count, Some(3));
    let a = &list.items[0];
    assert_eq!((a.ticket_id, a.id), (Some(1042), Some(1)));
    assert_eq!(a.outcome.as_deref(), Some("Private Note"));
    assert_eq!(a.hiddenfromuser, Some(true));
    assert_eq!(a.actisbillable, Some(true), "1 decodes as true");
    assert_eq!(a.actionchargehours, Some(0.25));
    assert_eq!(a.actionnonchargehours, Some(0.0));
    assert_eq!(a.chargerate, Some(2));
    assert_eq!((a.new_status, a.old_status), (Some(2), Some(1)));
    assert_eq!(
        a.extra["who"],
        json!("Sam Agent"),
        "`who` is not in the spec: kept in extra"
    );
    assert_eq!(a.extra["x_action_extra"], json!([1, 2, 3]));
    let b = &list.items[1];
    assert_eq!(b.ticket_id, Some(1042));
    assert_eq!(b.sendemail, Some(false));
    assert_eq!(b.emailcc.as_deref(), Some(""));
    assert_eq!(b.actionarrivaldate, None);
    // Action ids restart per ticket.
    let c = &list.items[2];
    assert_eq!((c.ticket_id, c.id), (Some(1043), Some(1)));
    assert_eq!(c.timetaken, Some(2.0));
    assert_eq!(c.actionby_agent_id, Some(6));
}

#[test]
fn users() {
    let list: ListResponse<User> = check_page("users_page.json", Some("users"));
    assert_eq!(list.record_count, Some(2), "record_count \"2\" decodes");
    let u = &list.items[0];
    assert_eq!(u.name.as_deref(), Some("Jane Doe"));
    assert_eq!(u.site_id, Some(30), "site_id is double in the spec");
    assert_eq!(u.site_id_int, Some(30));
    assert_eq!(u.isimportantcontact, Some(true));
    assert_eq!(u.linked_agent_id, None);
    assert_eq!(
        u.custom_field("CFCostCentre").unwrap().value,
        Some(json!(4410))
    );
    assert_eq!(u.extra["x_user_extra"], json!("kept"));
    let b = &list.items[1];
    assert_eq!(
        (b.client_id, b.site_id, b.inactive),
        (Some(12), Some(31), Some(false))
    );
}

#[test]
fn clients() {
    let list: ListResponse<Client> = check_page("clients_page.json", Some("clients"));
    let c = &list.items[0];
    assert_eq!(c.name.as_deref(), Some("Acme Ltd"));
    assert_eq!(c.r#ref.as_deref(), Some("ACME01"));
    assert_eq!(
        c.accountsid.as_deref(),
        Some("4410"),
        "a number where a string is expected is formatted"
    );
    assert_eq!(c.pritech, Some(5));
    assert_eq!(c.is_vip, Some(true));
    assert_eq!(c.customfields, Some(vec![]));
    assert_eq!(c.extra["x_client_extra"], json!({"nested": [true]}));
    // `Company` is the same type.
    let company: &Company = c;
    assert_eq!(company.id, Some(12));
}

#[test]
fn sites() {
    let list: ListResponse<Site> = check_page("sites_page.json", Some("sites"));
    let s = &list.items[0];
    assert_eq!(s.client_id, Some(12), "client_id is double in the spec");
    let address = s.delivery_address.as_ref().unwrap();
    assert_eq!(address.line1.as_deref(), Some("1 High Street"));
    assert_eq!(address.primary, Some(true));
    assert_eq!(address.extra["lat"], json!(51.5));
    assert_eq!(s.invoice_address, None);
    assert_eq!(s.extra["x_site_extra"], json!(1));
    assert_eq!(
        (list.items[1].client_id, list.items[1].inactive),
        (Some(12), Some(true))
    );
}

#[test]
fn assets() {
    let list: ListResponse<Asset> = check_page("assets_page.json", Some("assets"));
    assert_eq!(list.record_count, Some(3));
    let a = &list.items[0];
    assert_eq!(a.inventory_number.as_deref(), Some("PRN-0042"));
    assert_eq!(a.status_id, Some(1));
    let fields = a.fields.as_ref().unwrap();
    assert_eq!(fields[0].value, Some(json!("10.0.0.42")));
    assert_eq!(fields[0].extra["mandatory"], json!(false));
    assert_eq!(fields[1].value, Some(json!(120345)));
    assert_eq!(a.users.as_ref().unwrap()[0].site_id, Some(30));
    assert_eq!(
        a.extra["x_asset_extra"],
        Value::Null,
        "unknown nulls are kept"
    );
    assert_eq!(list.items[1].assettype_id, Some(7));
    assert_eq!(list.items[2].inactive, Some(true));
}

#[test]
fn items() {
    let list: ListResponse<Item> = check_page("items_page.json", Some("items"));
    let i = &list.items[0];
    assert_eq!(i.baseprice, Some(18.1));
    assert_eq!(i.costprice, Some(15.2));
    assert_eq!(i.quantity_in_stock, Some(0.0));
    assert_eq!(i.nominalcode.as_deref(), Some("4000"));
    assert_eq!(i.extra["x_item_extra"], json!("y"));
}

#[test]
fn appointments() {
    let list: ListResponse<Appointment> =
        check_page("appointments_page.json", Some("appointments"));
    let a = &list.items[0];
    assert_eq!(a.subject.as_deref(), Some("Onsite: printer repair"));
    assert_eq!(a.start_date.as_deref(), Some("2024-05-03T09:00:00"));
    assert_eq!((a.client_id, a.ticket_id), (Some(12), Some(1042)));
    assert_eq!(a.is_private, Some(false));
    assert_eq!(a.status, None);
    assert_eq!(a.extra["x_appt_extra"], json!(3.25));
}

#[test]
fn slas_bare_array() {
    let list: ListResponse<Sla> = check_page("slas.json", None);
    assert_eq!(list.record_count, None);
    let s = &list.items[0];
    assert_eq!(s.name.as_deref(), Some("Standard"));
    let priorities = s.priorities.as_ref().unwrap();
    assert_eq!(
        priorities[0].id.as_deref(),
        Some("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    );
    assert_eq!(priorities[1].priorityid, Some(2));
    assert_eq!(priorities[1].responsetime, Some(1.0));
    assert_eq!(list.items[1].workday_id, Some(2));
}

#[test]
fn kb_articles() {
    let list: ListResponse<KbArticle> = check_page("articles_page.json", Some("articles"));
    let k = &list.items[0];
    assert_eq!(k.name.as_deref(), Some("Reset a printer queue"));
    assert_eq!(k.r#type, Some(0));
    assert_eq!(k.view_count, Some(42));
    let faq = &k.faqlists.as_ref().unwrap()[0];
    assert_eq!(faq.name.as_deref(), Some("Printing"));
    assert_eq!(faq.extra["x_faq_extra"], json!(1));
}

#[test]
fn contracts() {
    let list: ListResponse<Contract> = check_page("contracts_page.json", Some("contracts"));
    let c = &list.items[0];
    assert_eq!(c.r#ref.as_deref(), Some("MSA-2024"));
    assert_eq!(c.periodchargeamount, Some(2500.0));
    assert_eq!(c.site_id, None);
    assert_eq!(c.extra["x_contract_extra"], json!({"k": "v"}));
}

#[test]
fn invoices() {
    let list: ListResponse<Invoice> = check_page("invoices_page.json", Some("invoices"));
    let i = &list.items[0];
    assert_eq!(i.client_id, Some(12));
    assert_eq!(i.invoicenumber.as_deref(), Some("INV-9001"));
    assert_eq!(
        (i.total, i.revenue, i.tax_total),
        (Some(3000.0), Some(2500.0), Some(500.0))
    );
    assert_eq!(i.posted, Some(true));
    let lines = i.lines.as_ref().unwrap();
    assert_eq!(lines[0].itemid, Some(501));
    assert_eq!(lines[0].qty_order, Some(25.0));
    assert_eq!(lines[0].extra["x_line_extra"], json!("l"));
    assert_eq!(
        (lines[1].qty_order, lines[1].unit_price),
        (Some(1.0), Some(2047.5))
    );
}

#[test]
fn quotations() {
    let list: ListResponse<Quotation> = check_page("quotes_page.json", Some("quotes"));
    let q = &list.items[0];
    assert_eq!(q.title.as_deref(), Some("Laptop refresh"));
    assert_eq!(q.ticket_id, Some(1043));
    let line = &q.lines.as_ref().unwrap()[0];
    assert_eq!(
        (line.current_quantity, line.baseprice),
        (Some(3.0), Some(1500.0))
    );
    assert_eq!(line.optional, Some(false));
}

#[test]
fn suppliers() {
    let list: ListResponse<Supplier> = check_page("suppliers_page.json", Some("suppliers"));
    let s = &list.items[0];
    assert_eq!(s.name.as_deref(), Some("Pax8"));
    assert_eq!(s.email_address.as_deref(), Some("billing@pax8.example"));
    assert_eq!(s.extra["x_supplier_extra"], json!(9));
}

#[test]
fn opportunities() {
    let list: ListResponse<Opportunity> = check_page("opportunities_page.json", Some("tickets"));
    let o = &list.items[0];
    assert_eq!(o.oppvalue, Some(12000.0));
    assert_eq!(o.oppconversionprobability, Some(60.0));
    assert_eq!(o.oppvalueadjusted, Some(7200.0));
    assert_eq!(o.pipeline_stage_name.as_deref(), Some("Proposal"));
    assert_eq!(o.extra["x_opp_extra"], json!("o"));
}

#[test]
fn reports() {
    let list: ListResponse<Report> = check_page("reports_page.json", Some("reports"));
    let r = &list.items[0];
    assert_eq!(r.published_id.as_deref(), Some("b1f2c3"));
    assert_eq!(r.charttype, Some(1));
    let content = r.report.as_ref().unwrap();
    assert_eq!(content.loaded, Some(true));
    let rows = content.rows.as_ref().unwrap();
    assert_eq!(rows[0]["Client"], json!("Acme Ltd"));
    assert_eq!(rows[1]["Open"], json!(1));
    assert_eq!(content.extra["chart_labels"], json!([]));
    assert_eq!(r.extra["x_report_extra"], json!(true));
}

#[test]
fn statuses() {
    let list: ListResponse<Status> = check_page("statuses.json", None);
    assert_eq!(list.items.len(), 3);
    assert_eq!(list.items[1].r#type, Some(1));
    assert_eq!(list.items[1].sequence, Some(2));
    assert_eq!(list.items[0].extra["x_status_extra"], json!(1));
}

#[test]
fn priorities() {
    let list: ListResponse<Priority> = check_page("priorities.json", None);
    let p = &list.items[1];
    assert_eq!(
        p.id.as_deref(),
        Some("6fa459ea-ee8a-3ca4-894e-db77e160355e")
    );
    assert_eq!(
        (p.priorityid, p.slaid, p.fixtime),
        (Some(3), Some(1), Some(24.0))
    );
    assert_eq!(list.items[0].extra["x_priority_extra"], json!("p"));
}

#[test]
fn categories_wrapped_without_record_count() {
    let list: ListResponse<Category> = check_page("categories.json", Some("categories"));
    assert_eq!(list.record_count, None);
    assert_eq!(list.items[0].value.as_deref(), Some("Hardware>Printer"));
    assert_eq!(list.items[1].type_id, Some(1));
}

#[test]
fn teams() {
    let list: ListResponse<Team> = check_page("teams.json", None);
    let t = &list.items[0];
    assert_eq!(t.department_name.as_deref(), Some("Service Desk"));
    let member = &t.agents.as_ref().unwrap()[0];
    assert_eq!(
        (member.agent_id, member.role_id.as_deref()),
        (Some(5), Some("ab12"))
    );
    assert_eq!(list.items[1].department_id, Some(1));
}

#[test]
fn agents() {
    let list: ListResponse<Agent> = check_page("agents.json", None);
    let a = &list.items[0];
    assert_eq!(a.email.as_deref(), Some("sam@msp.example"));
    assert_eq!(a.r#use.as_deref(), Some("agent"));
    assert_eq!(a.teams.as_ref().unwrap()[0].is_manager, Some(false));
    assert_eq!(a.departments.as_ref().unwrap()[0].department_id, Some(1));
    assert_eq!(a.roles.as_ref().unwrap()[0].id_int, Some(3));
    assert_eq!(a.extra["x_agent_extra"], json!({"deep": {"er": 1}}));
    assert_eq!(
        (list.items[1].isapiagent, list.items[1].isdisabled),
        (Some(true), Some(false))
    );

    let me: Agent = decode(&fixture("agent_me.json")).unwrap();
    assert_eq!(me.id, Some(6));
    assert_eq!(me.roles.as_ref().unwrap()[0].id.as_deref(), Some("admin"));
    assert_eq!(me.roles.as_ref().unwrap()[0].id_int, Some(1));
    assert_round_trip(&me);
}

#[test]
fn ticket_types() {
    let list: ListResponse<TicketType> = check_page("ticket_types.json", None);
    assert_eq!(list.items[0].default_sla, Some(1));
    assert_eq!(list.items[1].r#use.as_deref(), Some("opps"));
    assert_eq!(list.items[1].group_id, Some(2));
}

#[test]
fn workflows() {
    let list: ListResponse<Workflow> = check_page("workflows.json", None);
    let w = &list.items[0];
    let steps = w.steps.as_ref().unwrap();
    assert_eq!(steps[0].isstart, Some(true));
    assert_eq!((steps[1].step_id, steps[1].isend), (Some(2), Some(true)));
    assert_eq!(steps[0].extra["x_step_extra"], json!(1));
    assert_eq!(w.extra["x_wf_extra"], json!("w"));
}

/// A single record from a fixture: decodes, round-trips and loses nothing.
fn check_record<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str) -> T {
    let record: T = decode(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_round_trip(&record);
    assert_lossless::<T>(&serde_json::from_str(&fixture(name)).unwrap());
    record
}

#[test]
fn recurring_invoices() {
    let list: ListResponse<RecurringInvoice> =
        check_page("recurring_invoices_page.json", Some("invoices"));
    assert_eq!(list.record_count, Some(2));
    let r = &list.items[0];
    assert_eq!(
        (r.id, r.client_id, r.contract_id),
        (Some(31), Some(12), Some(8))
    );
    assert_eq!(r.is_recurring_invoice, Some(true));
    assert_eq!(r.disabled, Some(false), "0 decodes as false");
    assert_eq!(r.revenue, Some(2500.0), "\"2500\" decodes as 2500");
    assert_eq!(r.tax_total, Some(500.0));
    assert_eq!(r.nextcreationdate.as_deref(), Some("2024-06-01T00:00:00"));
    assert_eq!(r.enddate, None);
    let line = &r.lines.as_ref().unwrap()[0];
    assert_eq!((line.itemid, line.qty_order), (Some(501), Some(25.0)));
    assert_eq!(r.extra["x_rinvoice_extra"], json!({"kept": true}));
    let second = &list.items[1];
    assert_eq!((second.id, second.client_id), (Some(32), Some(13)));
    assert_eq!(
        (second.is_recurring_invoice, second.disabled),
        (Some(true), Some(true))
    );
}

#[test]
fn purchase_orders() {
    let list: ListResponse<PurchaseOrder> =
        check_page("purchase_orders_page.json", Some("purchaseorders"));
    let po = &list.items[0];
    assert_eq!(po.po_ref.as_deref(), Some("PO-00220"));
    assert_eq!((po.supplier_id, po.salesorder_id), (Some(4), Some(90)));
    assert_eq!(po.requires_approval, Some(true));
    assert_eq!((po.price, po.total), (Some(4500.0), Some(5400.0)));
    assert_eq!(po.datesent.as_deref(), Some("1900-01-01T00:00:00"));
    assert_eq!(
        po.extra["3rd_party_ponumber"],
        json!("PX-7781"),
        "a key no Rust name can spell is kept in extra"
    );
    let line = &po.lines.as_ref().unwrap()[0];
    assert_eq!(line.name.as_deref(), Some("Laptop 14\""));
    assert_eq!(
        (line.quantity_received, line.salesorder_line_id),
        (Some(0.0), Some(3))
    );
    assert_eq!(line.extra["x_line_extra"], json!(1));
    assert_eq!(
        po.customfields.as_ref().unwrap()[0].value,
        Some(json!("4410"))
    );
}

#[test]
fn sales_orders() {
    let list: ListResponse<SalesOrder> = check_page("sales_orders_page.json", Some("salesorders"));
    let so = &list.items[0];
    assert_eq!((so.client_id, so.quotation_id), (Some(12), Some(44)));
    assert_eq!(so.po_number.as_deref(), Some("ACME-PO-17"));
    assert_eq!((so.tax_total, so.profit), (Some(1200.0), Some(1500.0)));
    assert_eq!(so.do_not_invoice, Some(false), "\"false\" decodes as false");
    let line = &so.lines.as_ref().unwrap()[0];
    assert_eq!(
        (line.taxable, line.line_recurring),
        (Some(true), Some(false))
    );
    assert_eq!(line.costprice, Some(1500.0));
    assert_eq!(so.extra["x_so_extra"], Value::Null);
}

#[test]
fn contract_schedules_have_uuid_ids() {
    let list: ListResponse<ContractSchedule> = check_page("contract_schedules.json", None);
    let s = &list.items[0];
    assert_eq!(
        s.id.as_deref(),
        Some("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    );
    assert_eq!((s.chid, s.amount), (Some(8), Some(2500.0)));
    assert_eq!(s.extra["x_schedule_extra"], json!(1));
    let t = &list.items[1];
    assert_eq!((t.chid, t.seq, t.amount), (Some(8), Some(2), Some(2500.0)));
    assert_eq!(t.note, None);
}

#[test]
fn contract_rules_and_schedule_on_the_contract() {
    let contract: Contract = check_record("contract_with_rules.json");
    let rules = contract.billingplans.as_ref().unwrap();
    assert_eq!(rules[0].requesttype_name.as_deref(), Some("Incident"));
    assert_eq!(rules[0].partialmatchcategory, Some(true));
    assert_eq!(rules[0].not_included_in_contract, Some(false));
    assert_eq!(rules[0].extra["x_rule_extra"], json!("r"));
    assert_eq!((rules[1].seq, rules[1].multiplier), (Some(2), Some(1.5)));
    assert_eq!(rules[1].not_included_in_contract, Some(true));
    let schedule = contract.schedule.as_ref().unwrap();
    assert_eq!(schedule[0].chid, Some(8));
}

#[test]
fn client_prepays() {
    let list: ListResponse<ClientPrepay> = check_page("client_prepays.json", None);
    let p = &list.items[0];
    assert_eq!((p.hours, p.amount), (Some(20.0), Some(1800.0)));
    assert_eq!(
        p.invoice_id.as_deref(),
        Some("9001"),
        "the spec types invoice_id as text: a number is kept as its text"
    );
    assert_eq!(p.expirychecked, Some(false));
    assert_eq!(list.items[1].hours, Some(-1.5));
}

#[test]
fn supplier_contracts() {
    let list: ListResponse<SupplierContract> = check_page("supplier_contracts.json", None);
    let c = &list.items[0];
    assert_eq!(c.r#ref.as_deref(), Some("PAX8-MSP"));
    assert_eq!(
        (c.started, c.expired, c.active),
        (Some(true), Some(false), Some(true))
    );
    assert_eq!(c.customfields, Some(vec![]));
    let d = &list.items[1];
    assert_eq!(
        (d.id, d.supplier_id, d.is_default),
        (Some(7), Some(9), Some(true))
    );
}

#[test]
fn attachments() {
    let list: ListResponse<Attachment> = check_page("attachments_page.json", Some("attachments"));
    let a = &list.items[0];
    assert_eq!(a.filename.as_deref(), Some("printer-error.png"));
    assert_eq!(
        (a.ticket_id, a.action_id, a.filesize),
        (Some(1042), Some(2), Some(48213))
    );
    assert_eq!(a.isimage, Some(true));
    assert_eq!(a.content(), Ok(None), "no data_base64: no content");
    assert_eq!(a.extra["x_att_extra"], json!("a"));
    let log = &list.items[1];
    assert_eq!(
        (log.id, log.ticket_id, log.filesize),
        (Some(5502), Some(1042), Some(18))
    );
    assert_eq!(log.action_id, None);
    assert_eq!(log.content().unwrap().unwrap(), b"restarted at 09:12");

    let broken = Attachment {
        data_base64: Some("not base64!".into()),
        ..Default::default()
    };
    let error = broken.content().unwrap_err();
    assert!(
        matches!(error, AttachmentError::InvalidBase64 { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not valid base64"), "{error}");
}

#[test]
fn attachment_upload_body() {
    let upload = AttachmentUpload::builder("spooler.log", b"restarted at 09:12".to_vec())
        .ticket(1042)
        .action(3)
        .content_type("text/plain")
        .note("from the print server")
        .description("spooler log")
        .visible_to_users(false)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&upload).unwrap(),
        json!({
            "ticket_id": 1042,
            "action_id": 3,
            "filename": "spooler.log",
            "data_base64": "cmVzdGFydGVkIGF0IDA5OjEy",
            "content_type": "text/plain",
            "note": "from the print server",
            "desc": "spooler log",
            "showforusers": false
        })
    );
    assert_eq!((upload.ticket_id(), upload.action_id()), (1042, Some(3)));
    assert_eq!((upload.filename(), upload.size()), ("spooler.log", 18));

    // What Halo stores decodes back to the bytes sent.
    let stored: Attachment =
        serde_json::from_value(serde_json::to_value(&upload).unwrap()).unwrap();
    assert_eq!(stored.content().unwrap().unwrap(), b"restarted at 09:12");

    // Only what is set is sent; binary content survives the encoding.
    let bytes: Vec<u8> = (0..=255).collect();
    let minimal = AttachmentUpload::builder("all-bytes.bin", bytes.clone())
        .ticket(7)
        .build()
        .unwrap();
    let body = serde_json::to_value(&minimal).unwrap();
    let keys: BTreeSet<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        BTreeSet::from(["ticket_id".into(), "filename".into(), "data_base64".into()])
    );
    let decoded: Attachment = serde_json::from_value(body).unwrap();
    assert_eq!(decoded.content().unwrap().unwrap(), bytes);
}

#[test]
fn attachment_upload_refuses_bad_input() {
    let build = |name: &str, content: Vec<u8>| {
        AttachmentUpload::builder(name, content)
            .ticket(1042)
            .build()
    };
    assert_eq!(build("empty.txt", vec![]), Err(AttachmentError::Empty));
    assert_eq!(build("", vec![1]), Err(AttachmentError::MissingFilename));
    assert_eq!(build("   ", vec![1]), Err(AttachmentError::MissingFilename));
    assert_eq!(
        AttachmentUpload::builder("a.txt", vec![1]).build(),
        Err(AttachmentError::MissingTicket)
    );

    // The default limit, at and one past the boundary.
    assert_eq!(MAX_ATTACHMENT_BYTES, 20 * 1024 * 1024);
    let at_limit = build("big.bin", vec![0; MAX_ATTACHMENT_BYTES]).unwrap();
    assert_eq!(at_limit.size(), MAX_ATTACHMENT_BYTES);
    assert_eq!(
        build("big.bin", vec![0; MAX_ATTACHMENT_BYTES + 1]),
        Err(AttachmentError::TooLarge {
            size: MAX_ATTACHMENT_BYTES + 1,
            limit: MAX_ATTACHMENT_BYTES
        })
    );

    // A per-upload limit.
    let small = |len: usize| {
        AttachmentUpload::builder("a.bin", vec![1; len])
            .ticket(1)
            .max_bytes(4)
            .build()
    };
    assert!(small(4).is_ok());
    let error = small(5).unwrap_err();
    assert_eq!(error, AttachmentError::TooLarge { size: 5, limit: 4 });
    assert_eq!(
        error.to_string(),
        "the attachment is 5 bytes, more than the limit of 4 bytes"
    );
    assert_eq!(
        AttachmentError::Empty.to_string(),
        "the attachment is empty (0 bytes)"
    );
    assert!(
        AttachmentError::MissingTicket
            .to_string()
            .contains("ticket(id)")
    );
}

fn outcomes() -> Vec<Outcome> {
    check_page::<Outcome>("outcomes.json", Some("outcomes")).items
}

#[test]
fn outcomes_tell_private_notes_and_time_entries() {
    let all = outcomes();
    let named = |name: &str| {
        all.iter()
            .find(|o| o.outcome.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no outcome {name}"))
    };
    let private = named("Private Note");
    assert_eq!(private.id, Some(1));
    assert!(private.is_private_note() && !private.is_time_entry());
    assert_eq!(private.extra["x_outcome_extra"], json!([1]));
    let email = named("Email User");
    assert!(!email.is_private_note() && !email.is_time_entry());
    assert_eq!(
        (email.sendemail, email.show_email_fields),
        (Some(1), Some(true))
    );
    let remote = named("Remote Support");
    assert_eq!((remote.id, remote.defaultmanhrs), (Some(7), Some(0.25)));
    assert!(remote.is_time_entry() && !remote.is_private_note());
    let internal = named("Internal Time");
    assert!(
        internal.is_time_entry() && internal.is_private_note(),
        "defaultnonbill logs time"
    );
    assert!(!internal.is_selectable(), "hidden");
    assert!(remote.is_selectable(), "hidden not set");

    let private_notes: Vec<_> = all
        .iter()
        .filter(|o| o.is_private_note())
        .map(|o| o.id)
        .collect();
    assert_eq!(private_notes, [Some(1), Some(9)]);
    assert!(!Outcome::default().is_private_note() && !Outcome::default().is_time_entry());
}

#[test]
fn typed_action_constructors() {
    let all = outcomes();
    let private = &all[0];
    let remote = &all[2];

    let note = Action::private_note(1042, "Restarted the spooler")
        .unwrap()
        .with_outcome(private)
        .unwrap();
    assert_eq!(
        serde_json::to_value(&note).unwrap(),
        json!({"ticket_id": 1042, "outcome": "Private Note", "outcome_id": 1, "note": "Restarted the spooler", "hiddenfromuser": true})
    );

    let public = Action::public_note(1042, "An engineer is on the way").unwrap();
    assert_eq!(
        serde_json::to_value(&public).unwrap(),
        json!({"ticket_id": 1042, "note": "An engineer is on the way", "hiddenfromuser": false})
    );

    let entry = Action::time_entry(1042, remote, 1.5)
        .unwrap()
        .with_note("Replaced the fuser")
        .unwrap();
    assert_eq!(
        serde_json::to_value(&entry).unwrap(),
        json!({"ticket_id": 1042, "outcome": "Remote Support", "outcome_id": 7, "note": "Replaced the fuser", "timetaken": 1.5, "hiddenfromuser": false})
    );
    // Time under a private outcome stays private.
    let internal = Action::time_entry(1042, &all[3], 0.5).unwrap();
    assert_eq!(
        (internal.outcome_id, internal.hiddenfromuser),
        (Some(9), Some(true))
    );
    assert_round_trip(&entry);
}

#[test]
fn typed_action_constructors_refuse_bad_input() {
    let remote = &outcomes()[2];
    assert_eq!(Action::private_note(1, ""), Err(ActionError::EmptyNote));
    assert_eq!(Action::public_note(1, " \n\t"), Err(ActionError::EmptyNote));
    assert_eq!(
        Action::time_entry(1, remote, 1.0).unwrap().with_note(""),
        Err(ActionError::EmptyNote)
    );
    for hours in [0.0, -0.25, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            Action::time_entry(1, remote, hours),
            Err(ActionError::InvalidHours { hours }),
            "{hours}"
        );
    }
    let nan = Action::time_entry(1, remote, f64::NAN).unwrap_err();
    assert!(matches!(nan, ActionError::InvalidHours { hours } if hours.is_nan()));
    assert!(nan.to_string().contains("NaN"), "{nan}");

    let made_up = Outcome {
        outcome: Some("Private Note".into()),
        hidefromuser: Some(true),
        ..Default::default()
    };
    let error = Action::time_entry(1, &made_up, 1.0).unwrap_err();
    assert_eq!(
        error,
        ActionError::OutcomeWithoutId {
            name: Some("Private Note".into())
        }
    );
    assert_eq!(
        error.to_string(),
        "the outcome `Private Note` has no id (read outcomes from /Outcome)"
    );
    assert_eq!(
        Action::private_note(1, "x")
            .unwrap()
            .with_outcome(&Outcome::default()),
        Err(ActionError::OutcomeWithoutId { name: None })
    );
}

#[test]
fn asset_types_and_groups() {
    let types: ListResponse<AssetType> = check_page("asset_types.json", None);
    let printer = &types.items[0];
    assert_eq!(
        (printer.assetgroup_id, printer.keyfield_id),
        (Some(2), Some(3))
    );
    assert_eq!(printer.show_to_users, Some(true));
    assert_eq!(printer.monthlycost, Some(12.5));
    assert_eq!(printer.extra["x_at_extra"], json!(0));
    assert_eq!(
        (types.items[1].id, types.items[1].assetgroup_id),
        (Some(8), Some(2))
    );
    assert_eq!(types.items[1].enableresourcebooking, Some(false));

    let groups: ListResponse<AssetGroup> = check_page("asset_groups.json", None);
    let hardware = &groups.items[0];
    assert_eq!(
        hardware.nominalcode.as_deref(),
        Some("4000"),
        "a number where text is expected"
    );
    let names: Vec<_> = hardware
        .assettypes
        .iter()
        .flatten()
        .map(|t| t.name.as_deref())
        .collect();
    assert_eq!(names, [Some("Printer"), Some("Laptop")]);
    assert_eq!(
        (groups.items[1].id, groups.items[1].assettypes.as_ref()),
        (Some(3), None)
    );
}

#[test]
fn fields_field_infos_and_lookups() {
    let fields: ListResponse<Field> = check_page("fields.json", Some("fields"));
    assert_eq!(fields.items[0].mandatory, Some(true));
    assert_eq!(fields.items[0].values, Some(vec![]));
    assert_eq!(fields.items[0].extra["x_field_extra"], json!("f"));
    let colour = &fields.items[1];
    assert_eq!(
        (colour.id, colour.lookup, colour.mandatory),
        (Some(4), Some(31), Some(false))
    );
    assert_eq!(
        colour.values.as_ref().unwrap()[1].name.as_deref(),
        Some("Colour")
    );

    let infos: ListResponse<FieldInfo> = check_page("field_infos.json", None);
    let contract = &infos.items[0];
    assert_eq!(contract.name.as_deref(), Some("CFContractNumber"));
    assert_eq!(
        (contract.mandatory, contract.characterlimit),
        (Some(true), Some(20))
    );
    assert_eq!(contract.extra["x_fi_extra"], json!({"k": 1}));
    let affected = &infos.items[1];
    assert_eq!(
        (affected.r#type, affected.mandatory),
        (Some(2), Some(false))
    );
    assert_eq!(affected.values.as_ref().unwrap()[1].sequence, Some(2));

    let lookups: ListResponse<Lookup> = check_page("lookups.json", Some("lookups"));
    let mileage = &lookups.items[0];
    assert_eq!((mileage.id, mileage.lookupid), (Some(1), Some(31)));
    assert_eq!(mileage.value2.as_deref(), Some("0.45"));
    let parking = &lookups.items[1];
    assert_eq!(
        (parking.id, parking.lookupid, parking.value2_bool),
        (Some(2), Some(31), Some(true))
    );
    assert_eq!(
        parking.sub_lookup.as_ref().unwrap()[0].name.as_deref(),
        Some("Airport")
    );
}

#[test]
fn top_levels() {
    let list: ListResponse<TopLevel> = check_page("top_levels.json", None);
    assert_eq!(list.items[0].user_count, Some(340));
    assert_eq!(list.items[0].organisation_name.as_deref(), Some("MSP Ltd"));
    let reseller = &list.items[1];
    assert_eq!(
        (reseller.parentid, reseller.agent_department),
        (Some(1), Some(false))
    );
}

#[test]
fn timesheets_and_events() {
    let list: ListResponse<Timesheet> = check_page("timesheets.json", Some("timesheets"));
    let day = &list.items[0];
    assert_eq!((day.agent_id, day.actual_hours), (Some(5), Some(6.75)));
    assert_eq!((day.target_hours, day.percentage), (Some(7.5), Some(90.0)));
    let event = &day.events.as_ref().unwrap()[0];
    assert_eq!(
        (event.ticket_id, event.action_number, event.timetaken),
        (Some(1042), Some(2), Some(0.25))
    );
    let approval = day.approval.as_ref().unwrap();
    assert_eq!(
        (approval.approvalstatus, approval.approvedby),
        (Some(1), Some(6))
    );
    assert_eq!(approval.extra["x_approval_extra"], json!("a"));
    assert_eq!(day.extra["x_ts_extra"], json!({"week": 18}));

    let events: ListResponse<TimesheetEvent> = check_page("timesheet_events.json", None);
    let e = &events.items[0];
    assert_eq!(
        (e.traveltime, e.mileage, e.charge_rate),
        (Some(0.5), Some(12), Some(2))
    );
    assert_eq!(e.customer.as_deref(), Some("Acme Ltd"));
    let lunch = &events.items[1];
    assert_eq!(
        (lunch.id, lunch.agent_id, lunch.break_type),
        (Some(1202), Some(5), Some(1))
    );
}

#[test]
fn projects() {
    let list: ListResponse<Project> = check_page("projects.json", None);
    let p = &list.items[0];
    assert_eq!(p.is_project, Some(true));
    assert_eq!(
        (p.projecttimebudget, p.projecttimeactual),
        (Some(80.0), Some(12.5))
    );
    assert_eq!(p.projecttimepercentage, Some(15.625));
    assert_eq!((p.milestone_id, p.child_count), (Some(3), Some(6)));
    assert_eq!(p.team.as_deref(), Some("Projects"));
    assert_eq!(p.extra["x_project_extra"], json!("p"));
    let child = &list.items[1];
    assert_eq!(
        (child.id, child.parent_id, child.is_project),
        (Some(2002), Some(2001), Some(true))
    );
}

#[test]
fn crm_notes() {
    let list: ListResponse<CrmNote> = check_page("crm_notes.json", None);
    let n = &list.items[0];
    assert_eq!(
        (n.client_id, n.who_agentid, n.timetaken),
        (Some(12), Some(6), Some(0.5))
    );
    assert_eq!(n.note.as_deref(), Some("Quarterly review booked"));
    let s = &list.items[1];
    assert_eq!(
        (s.supplier_id, s.purchase_order_id, s.timetaken),
        (Some(4), Some(220), Some(0.1))
    );
}

#[test]
fn ticket_categories_time_sla_and_expenses() {
    let t: Ticket = check_record("ticket_sla_time_expenses.json");
    assert_eq!(
        (
            t.categoryid_1,
            t.categoryid_2,
            t.categoryid_3,
            t.categoryid_4
        ),
        (Some(14), Some(15), None, None)
    );
    assert_eq!(
        (t.chargehours, t.nonchargehours, t.travelhours, t.mileage),
        (Some(0.75), Some(0.25), Some(0.5), Some(12.0))
    );
    assert_eq!(t.attachment_count, Some(2));
    assert_eq!(
        (t.slastate.as_deref(), t.slaresponsestate.as_deref()),
        (Some("I"), Some("I"))
    );
    assert_eq!(
        (t.slatimeleft, t.slapercused, t.slaholdtime),
        (Some(3.5), Some(56.25), Some(0.0))
    );
    assert_eq!(t.slaactiondate.as_deref(), Some("2024-05-01T17:00:00Z"));
    let expenses = t.expenses.as_ref().unwrap();
    assert_eq!(
        (expenses[0].amount, expenses[0].invoiceable),
        (Some(8.5), Some(true))
    );
    assert_eq!(expenses[0].extra["x_expense_extra"], json!(1));
    assert_eq!(
        (expenses[1].id, expenses[1].fault_id, expenses[1].amount),
        (Some(2), Some(1042), Some(5.4))
    );
    assert_eq!(
        (expenses[1].invoiceable, expenses[1].ihid),
        (Some(false), None)
    );
}

#[test]
fn action_travel_and_email() {
    let a: Action = check_record("action_travel_email.json");
    assert_eq!((a.traveltime, a.mileage), (Some(0.5), Some(12.0)));
    assert_eq!(a.emailsubject.as_deref(), Some("[#1042] Printer offline"));
    assert_eq!(
        a.emailbody.as_deref(),
        Some("Hello Jane, an engineer is on the way.")
    );
    assert_eq!(
        a.emailbody_html.as_deref(),
        Some("<p>Hello Jane, an engineer is on the way.</p>")
    );
    assert_eq!(
        (a.emailbcc.as_deref(), a.attachment_count),
        (Some(""), Some(1))
    );
}

#[test]
fn ticket_type_fields_and_required_fields() {
    let tt: TicketType = check_record("ticket_type_with_fields.json");
    assert_eq!(
        (tt.hasmandatorytechfields, tt.hasmandatoryuserfields),
        (Some(true), Some(false))
    );
    assert_eq!(tt.fieldidlist, Some(vec![140, 141, 7]));
    let fields = tt.fields.as_ref().unwrap();
    assert_eq!(
        (
            fields[0].technew,
            fields[0].techdetail,
            fields[0].endusernew
        ),
        (Some(2), Some(1), Some(0))
    );
    assert_eq!(fields[1].fieldid, Some(141));
    assert_eq!(fields[0].extra["x_rtf_extra"], json!(1));
    let required: Vec<_> = tt
        .required_fields()
        .map(|f| f.fieldname.as_deref())
        .collect();
    assert_eq!(
        required,
        [Some("CFContractNumber")],
        "only the field whose definition is mandatory"
    );
    assert!(
        !fields[2].is_mandatory(),
        "no definition: not known to be mandatory"
    );
    assert_eq!(TicketType::default().required_fields().count(), 0);
}

#[test]
fn new_models_refuse_lossy_values_naming_the_path() {
    let cases: [(Result<(), String>, &str, &str); 5] = [
        (
            decode::<RecurringInvoice>(r#"{"lines": [{"qty_order": "many"}]}"#).map(drop),
            "lines[0].qty_order",
            "many",
        ),
        (
            decode::<PurchaseOrder>(r#"{"supplier_id": 4.5}"#).map(drop),
            "supplier_id",
            "4.5",
        ),
        (
            decode::<Timesheet>(r#"{"events": [{"id": 1}, {"ticket_id": "abc"}]}"#).map(drop),
            "events[1].ticket_id",
            "abc",
        ),
        (
            decode::<Outcome>(r#"{"hidefromuser": "maybe"}"#).map(drop),
            "hidefromuser",
            "maybe",
        ),
        (
            decode::<TicketType>(r#"{"fields": [{"fieldinfo": {"mandatory": 2}}]}"#).map(drop),
            "fields[0].fieldinfo.mandatory",
            "2",
        ),
    ];
    for (result, path, mention) in cases {
        let error = result.expect_err(path);
        assert!(error.starts_with(&format!("{path}: ")), "{error}");
        assert!(error.contains(mention), "{error}");
    }
}

#[test]
fn wrong_types_are_errors_naming_the_path() {
    let cases = [
        (r#"{"id": 1.5}"#, "id", "1.5"),
        (r#"{"id": "abc"}"#, "id", "abc"),
        (r#"{"onhold": "maybe"}"#, "onhold", "maybe"),
        (r#"{"estimate": "lots"}"#, "estimate", "lots"),
        (r#"{"summary": ["a"]}"#, "summary", "sequence"),
        (
            r#"{"customfields": [{"id": 1}, {"id": 2.5}]}"#,
            "customfields[1].id",
            "2.5",
        ),
        (r#"{"assets": {"id": 1}}"#, "assets", "map"),
    ];
    for (json, path, mention) in cases {
        let error = decode::<Ticket>(json).expect_err(json);
        assert!(error.starts_with(&format!("{path}: ")), "{json}: {error}");
        assert!(error.contains(mention), "{json}: {error}");
    }
}

// ---------------------------------------------------------------- envelope

#[test]
fn envelope_wrapped_and_bare() {
    let wrapped: ListResponse<Ticket> =
        decode(r#"{"record_count": 2, "tickets": [{"id": 1}, {"id": 2}]}"#).unwrap();
    assert_eq!(
        wrapped.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert_eq!(wrapped.record_count, Some(2));
    assert_eq!(wrapped.key.as_deref(), Some("tickets"));
    assert!(wrapped.extra.is_empty());

    let bare: ListResponse<Status> = decode(r#"[{"id": 1}, {"id": "2"}]"#).unwrap();
    assert_eq!(
        bare.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    assert_eq!((bare.record_count, bare.key.as_deref()), (None, None));

    let empty: ListResponse<Ticket> = decode("[]").unwrap();
    assert!(empty.items.is_empty());
    let no_items: ListResponse<Ticket> = decode(r#"{"record_count": 0}"#).unwrap();
    assert_eq!(
        (no_items.items.len(), no_items.record_count, no_items.key),
        (0, Some(0), None)
    );
    let null_items: ListResponse<Ticket> =
        decode(r#"{"record_count": 0, "tickets": null}"#).unwrap();
    assert!(null_items.items.is_empty());
    assert_eq!(null_items.extra["tickets"], Value::Null);
}

#[test]
fn envelope_any_key_and_lenient_count() {
    let list: ListResponse<Value> = decode(
        r#"{"page_no": 2, "columns": [{"id": 1}], "note": "x", "widgets": [{"a": 1}, {"a": 2}], "more": [3], "record_count": "717", "obj": {"k": 1}}"#,
    )
    .unwrap();
    assert_eq!(
        list.key.as_deref(),
        Some("widgets"),
        "metadata arrays are skipped"
    );
    assert_eq!(list.items, [json!({"a": 1}), json!({"a": 2})]);
    assert_eq!(list.record_count, Some(717));
    assert_eq!(list.extra["page_no"], json!(2));
    assert_eq!(list.extra["columns"], json!([{"id": 1}]));
    assert_eq!(list.extra["note"], json!("x"));
    assert_eq!(
        list.extra["more"],
        json!([3]),
        "later arrays are kept as extra"
    );
    assert_eq!(list.extra["obj"], json!({"k": 1}));

    for (count, expected) in [
        ("717.0", Some(717)),
        ("null", None),
        (r#""""#, None),
        (r#"" 5 ""#, Some(5)),
    ] {
        let list: ListResponse<Value> =
            decode(&format!(r#"{{"record_count": {count}, "x": []}}"#)).unwrap();
        assert_eq!(list.record_count, expected, "{count}");
    }
    let error = decode::<ListResponse<Value>>(r#"{"record_count": 1.5, "x": []}"#).unwrap_err();
    assert!(
        error.starts_with("record_count: ") && error.contains("1.5"),
        "{error}"
    );
    let error = decode::<ListResponse<Value>>(r#"{"record_count": -1, "x": []}"#).unwrap_err();
    assert!(error.starts_with("record_count: "), "{error}");
    let error = decode::<ListResponse<Value>>(r#""tickets""#).unwrap_err();
    assert!(error.contains("array"), "{error}");
}

#[test]
fn envelope_prefers_the_documented_key() {
    let keyed = |json: &str, key: &str| {
        ListResponse::<Ticket>::from_slice_with_key(json.as_bytes(), Some(key))
    };
    // The audit's case: an empty `filters` array before the items.
    let body = r#"{"page_no":1,"filters":[],"record_count":2,"tickets":[{"id":1},{"id":2}]}"#;
    for list in [keyed(body, "tickets").unwrap(), decode(body).unwrap()] {
        assert_eq!(
            list.items.iter().map(|t| t.id).collect::<Vec<_>>(),
            [Some(1), Some(2)]
        );
        assert_eq!(
            (list.record_count, list.key.as_deref()),
            (Some(2), Some("tickets"))
        );
        assert_eq!(list.extra["filters"], json!([]));
    }

    // Any array before the key: taken only without a key.
    let body = r#"{"views":[{"id":9}],"labels":["a"],"tickets":[{"id":1}],"more":[{"id":5}]}"#;
    let list = keyed(body, "tickets").unwrap();
    assert_eq!(
        list.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [Some(1)]
    );
    assert_eq!(list.extra["views"], json!([{"id": 9}]));
    assert_eq!(list.extra["labels"], json!(["a"]));
    assert_eq!(list.extra["more"], json!([{"id": 5}]));
    let unkeyed: ListResponse<Ticket> = decode(body).unwrap();
    assert_eq!(unkeyed.key.as_deref(), Some("views"));

    // The key matches case-insensitively; a bare array is taken whole.
    let list = keyed(r#"{"Tickets":[{"id":3}]}"#, "tickets").unwrap();
    assert_eq!(
        (list.items.len(), list.key.as_deref()),
        (1, Some("Tickets"))
    );
    let list = keyed(r#"[{"id":1},{"id":2}]"#, "tickets").unwrap();
    assert_eq!((list.items.len(), list.key), (2, None));

    // Absent key: the first array that is not metadata, in order.
    let list = keyed(
        r#"{"columns":[{"id":1}],"record_count":"1","data":[{"id":7}],"other":[{"id":8}]}"#,
        "tickets",
    )
    .unwrap();
    assert_eq!(list.key.as_deref(), Some("data"));
    assert_eq!(
        list.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        [Some(7)]
    );
    assert_eq!(list.record_count, Some(1));
    assert!(!list.extra.contains_key("data"));
    assert_eq!(list.extra["other"], json!([{"id": 8}]));
    let list = keyed(r#"{"record_count":0,"filters":[]}"#, "tickets").unwrap();
    assert_eq!((list.items.len(), list.key), (0, None));

    // Present but not an array: no items, and no fallback to another array.
    let list = keyed(r#"{"other":[{"id":1}],"tickets":null}"#, "tickets").unwrap();
    assert!(list.items.is_empty());
    assert_eq!(list.key, None);
    assert_eq!(list.extra["tickets"], Value::Null);
    assert_eq!(list.extra["other"], json!([{"id": 1}]));
}

#[test]
fn envelope_with_a_key_reports_bad_records_by_path() {
    let error = ListResponse::<Ticket>::from_slice_with_key(
        br#"{"filters":["x"],"tickets":[{"id":1},{"id":"abc"}]}"#,
        Some("tickets"),
    )
    .unwrap_err();
    match &error {
        neo_auth_core::Error::Decode { path, .. } => assert_eq!(path, "tickets[1].id"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    // In the fallback the message names the key and index.
    let error = ListResponse::<Ticket>::from_slice_with_key(
        br#"{"data":[{"id":1},{"id":1.5}]}"#,
        Some("tickets"),
    )
    .unwrap_err();
    assert!(error.to_string().contains("data[1]"), "{error}");
    let error =
        ListResponse::<Ticket>::from_slice_with_key(br#"{"tickets":[{"id":1},"#, Some("tickets"))
            .unwrap_err();
    assert!(
        matches!(error, neo_auth_core::Error::Decode { .. }),
        "{error:?}"
    );
    // The key applies to that decode only (also after an error): a plain decode
    // afterwards takes the first array again.
    let plain: ListResponse<Value> = decode(r#"{"views":[1],"tickets":[2]}"#).unwrap();
    assert_eq!(plain.key.as_deref(), Some("views"));
}

#[test]
fn envelope_bad_item_names_index_and_field() {
    let cases = [
        (
            r#"{"record_count": 2, "tickets": [{"id": 1}, {"id": "abc"}]}"#,
            "tickets[1].id",
        ),
        (
            r#"{"record_count": 2, "tickets": [{"id": 1}, {"id": 1.5}]}"#,
            "tickets[1].id",
        ),
        (
            r#"{"tickets": [{"id": 1}, {"summary": "ok", "client_id": 2.5}]}"#,
            "tickets[1].client_id",
        ),
        (
            r#"{"tickets": [{"customfields": [{"id": 1}, {"id": "x"}]}]}"#,
            "tickets[0].customfields[1].id",
        ),
        (r#"[{"id": 1}, {"id": 1}, {"id": 1.5}]"#, "[2].id"),
        (r#"{"tickets": [1]}"#, "tickets[0]"),
    ];
    for (json, path) in cases {
        let error = decode::<ListResponse<Ticket>>(json).expect_err(json);
        assert!(
            error.starts_with(&format!("{path}: ")),
            "{json}: got {error}"
        );
    }
    // Malformed JSON is an error, not a panic.
    assert!(decode::<ListResponse<Ticket>>(r#"{"tickets": [{"id": 1},"#).is_err());
}

#[test]
fn envelope_serializes_back() {
    let wrapped: ListResponse<Ticket> =
        decode(r#"{"record_count": "1", "tickets": [{"id": 1, "x": 2}], "page_no": 1}"#).unwrap();
    let value = serde_json::to_value(&wrapped).unwrap();
    assert_eq!(
        value,
        json!({"record_count": 1, "tickets": [{"id": 1, "x": 2}], "page_no": 1})
    );
    let again: ListResponse<Ticket> = serde_json::from_value(value).unwrap();
    assert_eq!(again, wrapped);

    let bare = ListResponse::bare(vec![Status {
        id: Some(1),
        ..Default::default()
    }]);
    assert_eq!(serde_json::to_value(&bare).unwrap(), json!([{"id": 1}]));
    let built = ListResponse::wrapped("statuses", vec![Status::default()], Some(1));
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"record_count": 1, "statuses": [{}]})
    );
    assert_eq!(built.into_iter().count(), 1);
}

// ---------------------------------------------------------------- OpenAPI spec

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/vendor/halopsa-openapi-v2.json"
);

fn load_spec() -> Value {
    let text = std::fs::read_to_string(SPEC).unwrap_or_else(|e| {
        panic!("the HaloPSA OpenAPI spec must be at {SPEC} (a verbatim copy of the vendor's spec kept in the repository): {e}")
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{SPEC} is not valid JSON: {e}"))
}

fn schema<'a>(spec: &'a Value, name: &str) -> &'a Map<String, Value> {
    spec["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("the spec has no schema `{name}` with properties"))
}

fn ref_name(reference: &Value) -> Option<&str> {
    reference.as_str().and_then(|r| r.rsplit('/').next())
}

/// Properties the spec types `number` (double) that the models decode as integers:
/// the example feeds them `2.0`.
const INTEGER_DOUBLES: &[(&str, &[&str])] = &[
    ("Users", &["site_id"]),
    ("Users_List", &["site_id"]),
    ("Site", &["client_id"]),
];

fn integer_doubles(schema: &str) -> &'static [&'static str] {
    INTEGER_DOUBLES
        .iter()
        .find(|(name, _)| *name == schema)
        .map_or(&[], |(_, keys)| keys)
}

/// A sample value for one property: integer → 1, number → 1.5 (2.0 where the
/// model decodes an integer), string → "x", boolean → true, array → [] (or one
/// sample element when `nested` and the items are an object schema), object → {}.
fn sample(spec: &Value, property: &Value, as_integer: bool, nested: bool) -> Value {
    if let Some(name) = ref_name(&property["$ref"]) {
        let target = &spec["components"]["schemas"][name];
        return match target["type"].as_str() {
            Some("integer") => json!(1),
            Some("number") => json!(1.5),
            Some("string") => json!("x"),
            Some("boolean") => json!(true),
            _ if nested && target["properties"].is_object() => example(spec, name, false),
            _ => json!({}),
        };
    }
    match property["type"].as_str() {
        Some("integer") => json!(1),
        Some("number") if as_integer => json!(2.0),
        Some("number") => json!(1.5),
        Some("string") => json!("x"),
        Some("boolean") => json!(true),
        Some("array") => match ref_name(&property["items"]["$ref"]) {
            Some(name)
                if nested && spec["components"]["schemas"][name]["properties"].is_object() =>
            {
                json!([example(spec, name, false)])
            }
            _ => json!([]),
        },
        Some("object") => json!({}),
        // Untyped (e.g. `CustomField.value`): any JSON.
        _ => json!("x"),
    }
}

/// An object with every property of the schema set to a sample value (and, when
/// `nested`, one level of nested records filled in the same way).
fn example(spec: &Value, name: &str, nested: bool) -> Value {
    let as_integer = integer_doubles(name);
    let object = schema(spec, name)
        .iter()
        .map(|(key, property)| {
            (
                key.clone(),
                sample(spec, property, as_integer.contains(&key.as_str()), nested),
            )
        })
        .collect::<Map<_, _>>();
    Value::Object(object)
}

/// The schema's example decodes into `T` (nested records too), loses no property,
/// and round-trips.
fn check_schema<T: Serialize + DeserializeOwned + PartialEq + Debug>(spec: &Value, name: &str) {
    for &key in integer_doubles(name) {
        let declared = &schema(spec, name)[key];
        assert_eq!(
            declared["type"], "number",
            "{name}.{key} is no longer a double in the spec"
        );
    }
    let example = example(spec, name, true);
    let text = example.to_string();
    let record: T = decode(&text)
        .unwrap_or_else(|e| panic!("spec schema {name} → {}: {e}", std::any::type_name::<T>()));
    let out = serde_json::to_value(&record).unwrap();
    let in_keys: BTreeSet<_> = example.as_object().unwrap().keys().collect();
    let out_keys: BTreeSet<_> = out.as_object().unwrap().keys().collect();
    assert_eq!(in_keys, out_keys, "{name}: properties lost or invented");
    for &key in integer_doubles(name) {
        assert_eq!(out[key], json!(2), "{name}.{key} decodes as an integer");
    }
    assert_round_trip(&record);
}

#[test]
fn every_modelled_spec_schema_decodes() {
    let spec = load_spec();
    check_schema::<Ticket>(&spec, "Faults");
    check_schema::<Opportunity>(&spec, "Faults");
    check_schema::<Action>(&spec, "Actions");
    check_schema::<User>(&spec, "Users");
    check_schema::<User>(&spec, "Users_List");
    check_schema::<Client>(&spec, "Area");
    check_schema::<Site>(&spec, "Site");
    check_schema::<Address>(&spec, "AddressStore");
    check_schema::<Asset>(&spec, "Device");
    check_schema::<Asset>(&spec, "Device_List");
    check_schema::<AssetField>(&spec, "FieldHelper");
    check_schema::<Item>(&spec, "Item");
    check_schema::<Appointment>(&spec, "Appointment");
    check_schema::<Sla>(&spec, "SlaHead");
    check_schema::<KbArticle>(&spec, "KBEntry");
    check_schema::<FaqList>(&spec, "FAQListHead");
    check_schema::<Contract>(&spec, "ContractHeader");
    check_schema::<Invoice>(&spec, "InvoiceHeader");
    check_schema::<InvoiceLine>(&spec, "InvoiceDetail");
    check_schema::<Quotation>(&spec, "QuotationHeader");
    check_schema::<QuotationLine>(&spec, "QuotationDetail");
    check_schema::<Supplier>(&spec, "Company");
    check_schema::<Report>(&spec, "AnalyzerProfile");
    check_schema::<ReportContent>(&spec, "ReportContent");
    check_schema::<Status>(&spec, "TStatus");
    check_schema::<Priority>(&spec, "Policy");
    check_schema::<Category>(&spec, "CategoryDetail");
    check_schema::<Team>(&spec, "SectionDetail");
    check_schema::<Agent>(&spec, "Uname");
    check_schema::<TeamMembership>(&spec, "UnameSection");
    check_schema::<DepartmentMembership>(&spec, "UnameDepartment");
    check_schema::<AgentRole>(&spec, "NHD_Roles");
    check_schema::<TicketType>(&spec, "RequestType");
    check_schema::<Workflow>(&spec, "FlowHeader");
    check_schema::<WorkflowStep>(&spec, "FlowDetail");
    check_schema::<CustomField>(&spec, "CustomField");
    check_schema::<Project>(&spec, "Faults");
    check_schema::<Expense>(&spec, "Expense");
    check_schema::<RecurringInvoice>(&spec, "InvoiceHeader");
    check_schema::<PurchaseOrder>(&spec, "SupplierOrderHeader");
    check_schema::<PurchaseOrderLine>(&spec, "SupplierOrderDetail");
    check_schema::<SalesOrder>(&spec, "OrderHead");
    check_schema::<SalesOrderLine>(&spec, "OrderLine");
    check_schema::<ContractSchedule>(&spec, "ContractSchedule");
    check_schema::<ContractRule>(&spec, "ContractDetail");
    check_schema::<ClientPrepay>(&spec, "PrepayHistory");
    check_schema::<SupplierContract>(&spec, "Contract");
    check_schema::<Attachment>(&spec, "Attachment");
    check_schema::<Outcome>(&spec, "TOutcome");
    check_schema::<AssetType>(&spec, "Xtype");
    check_schema::<AssetGroup>(&spec, "Generic");
    check_schema::<Field>(&spec, "Field");
    check_schema::<FieldInfo>(&spec, "FieldInfo");
    check_schema::<Lookup>(&spec, "Lookup");
    check_schema::<TopLevel>(&spec, "Tree");
    check_schema::<Timesheet>(&spec, "Timesheet");
    check_schema::<TimesheetApproval>(&spec, "TimesheetApproval");
    check_schema::<TimesheetEvent>(&spec, "TimesheetEvent");
    check_schema::<CrmNote>(&spec, "AreaNote");
    check_schema::<TicketTypeField>(&spec, "RequestTypeField");
}

#[test]
fn spec_example_values_land_in_the_typed_fields() {
    let spec = load_spec();
    let ticket: Ticket = decode(&example(&spec, "Faults", true).to_string()).unwrap();
    assert_eq!(ticket.id, Some(1));
    assert_eq!(ticket.summary.as_deref(), Some("x"));
    assert_eq!(ticket.estimate, Some(1.5));
    assert_eq!(ticket.onhold, Some(true));
    assert_eq!(ticket.customfields.as_ref().unwrap()[0].id, Some(1));
    assert_eq!(
        ticket.customfields.as_ref().unwrap()[0].value,
        Some(json!("x"))
    );
    assert_eq!(
        ticket.assets.as_ref().unwrap()[0]
            .inventory_number
            .as_deref(),
        Some("x")
    );
    let priority: Priority = decode(&example(&spec, "Policy", true).to_string()).unwrap();
    assert_eq!(
        (priority.id.as_deref(), priority.priorityid),
        (Some("x"), Some(1))
    );
    let user: User = decode(&example(&spec, "Users", true).to_string()).unwrap();
    assert_eq!(user.site_id, Some(2));
    // A double id with a fraction is refused, not truncated.
    let mut bad = example(&spec, "Site", false);
    bad["client_id"] = json!(1.5);
    let error = decode::<Site>(&bad.to_string()).unwrap_err();
    assert!(
        error.starts_with("client_id: ") && error.contains("1.5"),
        "{error}"
    );
}

/// Every model struct, the source file it is declared in, and the spec schemas it
/// models (a struct that models a full and a list schema, such as `User`, may use
/// the fields of either).
const MODEL_SCHEMAS: &[(&str, &str, &[&str])] = &[
    ("ticket.rs", "Ticket", &["Faults"]),
    ("opportunity.rs", "Opportunity", &["Faults"]),
    ("project.rs", "Project", &["Faults"]),
    ("expense.rs", "Expense", &["Expense"]),
    ("action.rs", "Action", &["Actions"]),
    ("user.rs", "User", &["Users", "Users_List"]),
    ("client.rs", "Client", &["Area"]),
    ("site.rs", "Site", &["Site"]),
    ("site.rs", "Address", &["AddressStore"]),
    ("asset.rs", "Asset", &["Device", "Device_List"]),
    ("asset.rs", "AssetField", &["FieldHelper"]),
    ("asset_type.rs", "AssetType", &["Xtype"]),
    ("asset_group.rs", "AssetGroup", &["Generic"]),
    ("item.rs", "Item", &["Item"]),
    ("appointment.rs", "Appointment", &["Appointment"]),
    ("sla.rs", "Sla", &["SlaHead"]),
    ("kb.rs", "KbArticle", &["KBEntry"]),
    ("kb.rs", "FaqList", &["FAQListHead"]),
    ("contract.rs", "Contract", &["ContractHeader"]),
    ("contract_rule.rs", "ContractRule", &["ContractDetail"]),
    (
        "contract_schedule.rs",
        "ContractSchedule",
        &["ContractSchedule"],
    ),
    ("client_prepay.rs", "ClientPrepay", &["PrepayHistory"]),
    ("invoice.rs", "Invoice", &["InvoiceHeader"]),
    ("invoice.rs", "InvoiceLine", &["InvoiceDetail"]),
    (
        "recurring_invoice.rs",
        "RecurringInvoice",
        &["InvoiceHeader"],
    ),
    (
        "purchase_order.rs",
        "PurchaseOrder",
        &["SupplierOrderHeader"],
    ),
    (
        "purchase_order.rs",
        "PurchaseOrderLine",
        &["SupplierOrderDetail"],
    ),
    ("sales_order.rs", "SalesOrder", &["OrderHead"]),
    ("sales_order.rs", "SalesOrderLine", &["OrderLine"]),
    ("quotation.rs", "Quotation", &["QuotationHeader"]),
    ("quotation.rs", "QuotationLine", &["QuotationDetail"]),
    ("supplier.rs", "Supplier", &["Company"]),
    ("supplier_contract.rs", "SupplierContract", &["Contract"]),
    ("report.rs", "Report", &["AnalyzerProfile"]),
    ("report.rs", "ReportContent", &["ReportContent"]),
    ("status.rs", "Status", &["TStatus"]),
    ("priority.rs", "Priority", &["Policy"]),
    ("category.rs", "Category", &["CategoryDetail"]),
    ("team.rs", "Team", &["SectionDetail"]),
    ("agent.rs", "Agent", &["Uname"]),
    ("agent.rs", "TeamMembership", &["UnameSection"]),
    ("agent.rs", "DepartmentMembership", &["UnameDepartment"]),
    ("agent.rs", "AgentRole", &["NHD_Roles"]),
    ("ticket_type.rs", "TicketType", &["RequestType"]),
    ("ticket_type.rs", "TicketTypeField", &["RequestTypeField"]),
    ("workflow.rs", "Workflow", &["FlowHeader"]),
    ("workflow.rs", "WorkflowStep", &["FlowDetail"]),
    ("custom_field.rs", "CustomField", &["CustomField"]),
    ("attachment.rs", "Attachment", &["Attachment"]),
    ("attachment.rs", "AttachmentUpload", &["Attachment"]),
    ("outcome.rs", "Outcome", &["TOutcome"]),
    ("field.rs", "Field", &["Field"]),
    ("field_info.rs", "FieldInfo", &["FieldInfo"]),
    ("lookup.rs", "Lookup", &["Lookup"]),
    ("top_level.rs", "TopLevel", &["Tree"]),
    ("timesheet.rs", "Timesheet", &["Timesheet"]),
    ("timesheet.rs", "TimesheetApproval", &["TimesheetApproval"]),
    ("timesheet_event.rs", "TimesheetEvent", &["TimesheetEvent"]),
    ("crm_note.rs", "CrmNote", &["AreaNote"]),
];

/// Structs in `src/models` that serialize no record fields of their own: the list
/// envelope (its own serializer) and the upload builder (not serializable).
const NOT_RECORDS: &[&str] = &["ListResponse", "AttachmentUploadBuilder"];

fn model_source(file: &str) -> String {
    let path = format!("{}/src/models/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The JSON keys a model struct serializes, read from its declaration: each field's
/// name (without `r#`) or its `rename`, leaving out `flatten`ed and `skip`ped fields.
fn wire_names(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("pub struct {name} {{"))
        .unwrap_or_else(|| panic!("no `pub struct {name}` in its file"));
    let body = &source[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    let mut names = Vec::new();
    let mut attributes = String::new();
    let mut in_attribute = false;
    for line in body.lines().map(str::trim) {
        if line.starts_with("//") || line.is_empty() {
            continue;
        }
        if in_attribute || line.starts_with("#[") {
            attributes.push_str(line);
            in_attribute = attributes.matches('[').count() > attributes.matches(']').count();
            continue;
        }
        let declaration = line.strip_prefix("pub ").unwrap_or(line);
        let (ident, _) = declaration
            .split_once(':')
            .unwrap_or_else(|| panic!("{name}: not a field: `{line}`"));
        let skipped = attributes.contains("flatten") || attributes.contains("serde(skip)");
        if !skipped {
            let renamed = attributes
                .split_once("rename = \"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(wire, _)| wire.to_owned());
            names.push(renamed.unwrap_or_else(|| ident.trim_start_matches("r#").to_owned()));
        }
        attributes.clear();
    }
    assert!(!names.is_empty(), "{name}: no fields found");
    names
}

#[test]
fn every_model_field_is_a_spec_property() {
    let spec = load_spec();
    for &(file, name, schemas) in MODEL_SCHEMAS {
        let names = wire_names(&model_source(file), name);
        let unknown: Vec<_> = names
            .iter()
            .filter(|key| {
                !schemas
                    .iter()
                    .any(|&schema_name| schema(&spec, schema_name).contains_key(key.as_str()))
            })
            .collect();
        assert!(
            unknown.is_empty(),
            "{name} serializes {unknown:?}, properties of none of the spec schemas {schemas:?}"
        );
    }

    // Every struct of the models is listed above, so a new model cannot skip the check.
    let dir = format!("{}/src/models", env!("CARGO_MANIFEST_DIR"));
    let mut declared = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for rest in source.split("\npub struct ").skip(1) {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            declared.insert(name);
        }
    }
    let listed: BTreeSet<String> = MODEL_SCHEMAS
        .iter()
        .map(|(_, name, _)| (*name).to_owned())
        .chain(NOT_RECORDS.iter().map(|name| (*name).to_owned()))
        .collect();
    assert_eq!(declared, listed, "model structs and MODEL_SCHEMAS differ");
}

#[test]
fn the_field_reader_sees_renames_keywords_and_skips() {
    let source = r#"
pub struct Sample {
    /// Doc: with a colon.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(
        rename = "_novalidate",
        deserialize_with = "opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub novalidate: Option<bool>,
    pub r#type: Option<i64>,
    ticket_id: i64,
    #[serde(skip)]
    size: usize,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
"#;
    assert_eq!(
        wire_names(source, "Sample"),
        ["id", "_novalidate", "type", "ticket_id"]
    );
}

#[test]
fn an_upload_debug_shows_the_size_not_the_content() {
    use halopsa_client::models::AttachmentUpload;
    let content = b"CONFIDENTIAL-CUSTOMER-DATA".repeat(4);
    let builder = AttachmentUpload::builder("notes.txt", content.clone()).ticket(12);
    let debug = format!("{builder:?}");
    assert!(!debug.contains("CONFIDENTIAL"), "{debug}");
    assert!(debug.contains("size: 104"), "{debug}");
    let upload = builder.build().unwrap();
    let debug = format!("{upload:?}");
    assert!(
        debug.contains("notes.txt") && debug.contains("size: 104"),
        "{debug}"
    );
    let encoded = serde_json::to_string(&upload).unwrap();
    let base64_part = &encoded[encoded.find("data_base64").unwrap() + 14..][..20];
    assert!(!debug.contains(base64_part), "{debug}");
}
