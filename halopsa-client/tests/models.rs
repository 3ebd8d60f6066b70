//! The typed models and the list envelope: hand-written fixtures for every model
//! (lenient numbers, nulls, missing and unknown fields), round trips, decode-error
//! paths, and every modelled schema of the OpenAPI spec.

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
    assert_eq!(t.extra["slastate"], json!("I"));
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
