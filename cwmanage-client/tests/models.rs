//! Every fixture (the api notes' examples and realistic replies) decodes, and
//! what the SDK sends matches the notes' request examples.

use cwmanage_client::models::*;
use cwmanage_client::{CwErrors, PatchOp, company_info_from_reply};
use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrors, decode_json};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn companies_decode_with_lenient_numbers_and_unknown_values() {
    let companies: Vec<Company> = decode_json(&fixture("companies.json")).unwrap();
    assert_eq!(companies.len(), 2);
    let acme = &companies[0];
    assert_eq!(acme.id, Some(250));
    assert_eq!(
        acme.status.as_ref().unwrap().name.as_deref(),
        Some("Active")
    );
    assert!(acme.status.as_ref().unwrap().info.is_some());
    assert_eq!(acme.extra["dateAcquired"], "2020-01-01T00:00:00Z");
    let cf = &acme.custom_fields.as_ref().unwrap()[0];
    assert_eq!(cf.field_type, Some(CustomFieldType::Text));
    assert_eq!(cf.entry_method, Some(EntryMethod::EntryField));
    assert_eq!(cf.value, "t-42");
    let globex = &companies[1];
    assert_eq!(globex.id, Some(251));
    assert_eq!(globex.deleted_flag, Some(false));
    let cf = &globex.custom_fields.as_ref().unwrap()[0];
    assert_eq!(
        cf.field_type,
        Some(CustomFieldType::Unknown("Signature".into()))
    );
    assert_eq!(
        cf.entry_method,
        Some(EntryMethod::Unknown("Scanner".into()))
    );
}

#[test]
fn a_ticket_decodes_every_modelled_field_and_keeps_the_rest() {
    let t: Ticket = decode_json(&fixture("ticket.json")).unwrap();
    assert_eq!(t.id, Some(5000));
    assert_eq!(t.record_type, Some(RecordType::ServiceTicket));
    assert_eq!(t.board.as_ref().unwrap().name.as_deref(), Some("Help Desk"));
    assert_eq!(t.status.as_ref().unwrap().extra["Sort"], 0);
    assert_eq!(
        t.company.as_ref().unwrap().identifier.as_deref(),
        Some("ACME")
    );
    assert_eq!(t.severity, Some(Level::Medium));
    assert_eq!(t.impact, Some(Level::Low));
    assert_eq!(t.actual_hours, Some(0.25));
    assert_eq!(t.budget_hours, Some(1.5));
    assert_eq!(t.parent_ticket_id, None);
    assert_eq!(t.integrator_tags.as_deref(), Some(&["neo".to_owned()][..]));
    assert_eq!(t.extra["escalationLevel"], 0);
    // Round trip keeps unknown fields.
    let back: Ticket = serde_json::from_value(serde_json::to_value(&t).unwrap()).unwrap();
    assert_eq!(back, t);
}

#[test]
fn a_wrong_number_type_is_a_decode_error_naming_the_path() {
    let err = decode_json::<Vec<Ticket>>(br#"[{"id": 1}, {"id": "five"}]"#).unwrap_err();
    assert!(err.to_string().contains("[1].id"), "{err}");
    let err = decode_json::<Ticket>(br#"{"budgetHours": {"x": 1}}"#).unwrap_err();
    assert!(err.to_string().contains("budgetHours"), "{err}");
}

#[test]
fn notes_boards_statuses_members_and_system_info_decode() {
    let notes: Vec<TicketNote> = decode_json(&fixture("notes.json")).unwrap();
    assert_eq!(notes[1].ticket_id, Some(5000));
    assert_eq!(notes[1].internal_analysis_flag, Some(true));
    let boards: Vec<Board> = decode_json(&fixture("boards.json")).unwrap();
    assert_eq!(boards[1].inactive_flag, Some(false));
    assert!(boards[0].extra.contains_key("signOffTemplate"));
    let statuses: Vec<BoardStatus> = decode_json(&fixture("statuses.json")).unwrap();
    assert_eq!(
        statuses[0].escalation_status,
        Some(EscalationStatus::NotResponded)
    );
    assert_eq!(statuses[1].sort_order, Some(9));
    assert_eq!(
        statuses[1].escalation_status,
        Some(EscalationStatus::Unknown("SomethingNew".into()))
    );
    let me: Member = decode_json(&fixture("my_member.json")).unwrap();
    assert_eq!(me.license_class, Some(LicenseClass::Api));
    assert_eq!(me.service_default_board.unwrap().id, Some(1));
    assert_eq!(me.default_phone, Some(ContactKind::Mobile));
    let info: SystemInfo = decode_json(&fixture("system_info.json")).unwrap();
    assert_eq!(info.version.as_deref(), Some("v2025.1.98765"));
    let count: Count = decode_json(&fixture("count.json")).unwrap();
    assert_eq!(count.count, 123);
}

#[test]
fn security_rows_decode_and_unknown_levels_grant_nothing() {
    let rows: Vec<MySecurity> = decode_json(&fixture("my_security.json")).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2].inquire_level, Some(SecurityLevel::Mine));
    let odd = rows[3].inquire_level.clone().unwrap();
    assert_eq!(odd, SecurityLevel::Unknown("Elevated".into()));
    assert_eq!(odd.permission_level(), neo_auth_core::PermissionLevel::None);
}

#[test]
fn callbacks_and_their_payloads_decode() {
    let entries: Vec<CallbackEntry> = decode_json(&fixture("callbacks.json")).unwrap();
    assert_eq!(entries[0].callback_type, Some(CallbackType::Ticket));
    assert_eq!(entries[0].level, Some(CallbackLevel::Owner));
    let payload: CallbackPayload = decode_json(&fixture("callback_payload.json")).unwrap();
    assert_eq!(payload.id, Some(5000));
    assert_eq!(payload.action, Some(CallbackAction::Updated));
    let ticket: Ticket = payload.entity_as().unwrap().unwrap();
    assert_eq!(ticket.summary.as_deref(), Some("Printer offline"));
    assert!(
        payload
            .metadata
            .unwrap()
            .key_url
            .unwrap()
            .starts_with("https://api-na.")
    );
    assert_eq!(payload.extra["MessageId"], "2b1c");
    let err = decode_json::<CallbackPayload>(br#"{"Entity": "{not json"}"#).unwrap_err();
    assert!(err.to_string().contains("Entity"), "{err}");
}

#[test]
fn company_info_decodes_and_null_is_an_unknown_company() {
    let info = company_info_from_reply("acme", &fixture("company_info.json")).unwrap();
    assert_eq!(info.codebase.as_deref(), Some("v2017_3/"));
    assert_eq!(info.is_cloud, Some(true));
    assert_eq!(info.site_url.as_deref(), Some("na.myconnectwise.net"));
    let err = company_info_from_reply("nobody", &fixture("company_info_unknown.json")).unwrap_err();
    assert!(err.to_string().contains("`nobody`"));
}

#[test]
fn the_notes_request_examples_are_what_the_models_send() {
    let create = Ticket {
        summary: Some("Printer offline".into()),
        board: Some(Reference::id(1)),
        company: Some(Reference::identifier("ACME")),
        status: Some(Reference::name("New")),
        initial_description: Some("User reports...".into()),
        record_type: Some(RecordType::ServiceTicket),
        ..Default::default()
    };
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture("ticket_create.json")).unwrap();
    assert_eq!(serde_json::to_value(&create).unwrap(), expected);

    let patch = vec![
        PatchOp::reference("status", Reference::id(17)).unwrap(),
        PatchOp::replace("summary", "Printer offline (2nd floor)").unwrap(),
    ];
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture("ticket_patch.json")).unwrap();
    assert_eq!(serde_json::to_value(&patch).unwrap(), expected);

    let note = TicketNote::discussion("Called user, rebooting spooler.");
    let expected: serde_json::Value = serde_json::from_slice(&fixture("note_create.json")).unwrap();
    assert_eq!(serde_json::to_value(&note).unwrap(), expected);
}

#[test]
fn every_error_fixture_parses() {
    let parse = |status: u16, name: &str| {
        CwErrors::cloud().parse(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            &fixture(name),
        )
    };
    let d = parse(400, "error_invalid_object.json");
    assert_eq!(d.code.as_deref(), Some("InvalidObject"));
    assert!(
        d.message
            .unwrap()
            .contains("ObjectExists: A matching callback entry already exists (field objectId)")
    );
    let d = parse(400, "error_ssl_required.json");
    assert!(d.message.unwrap().contains("api-"));
    let d = parse(429, "error_429.json");
    assert_eq!(d.code.as_deref(), Some("ConnectWiseAPI"));
    let d = parse(401, "error_not_authenticated.json");
    assert!(d.message.unwrap().contains("check the company ID"));
}
