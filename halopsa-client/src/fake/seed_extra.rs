//! Seed records of the sub-areas, lookups, timesheets, projects, CRM notes and
//! attachments, seeded after everything else so that the older records keep
//! their values.

use serde_json::json;

use super::config::FakeConfig;
use super::seed_gen::{Rng, date};
use super::tables::Tables;

/// The table holding each contract's rules and schedule, merged into
/// `GET /ClientContract/{id}?includedetails=true`.
pub(crate) const CONTRACT_DETAILS: &str = "ContractDetail";

/// The content of seeded attachment `id`.
pub(crate) fn attachment_content(id: i64) -> Vec<u8> {
    format!("2024-05-01 09:12:00 spooler restarted (attachment {id})\n").into_bytes()
}

/// Every record this module seeds.
pub(crate) fn seed(store: &mut Tables, config: &FakeConfig, rng: &mut Rng) {
    let size = &config.seed;
    let clients: Vec<i64> = (1..=size.clients as i64).collect();
    let tickets: Vec<i64> = (1..=size.tickets as i64).collect();
    let n = size.other;
    for i in 0..n {
        let id = i as i64 + 1;
        let client = rng.pick_id(&clients);
        let day = i as u64 * 86_400;
        let total = 100.0 * (1 + rng.below(20)) as f64;
        store.insert("RecurringInvoice", id, json!({
            "id": id, "client_id": client, "contract_id": id, "invoicenumber": format!("RINV-{id:04}"),
            "invoice_date": date(day), "nextcreationdate": date(day + 30 * 86_400), "total": total,
            "lines": [{"id": 1, "description": "Monthly managed services", "qty": 1, "unit_price": total}],
        }));
        store.insert("PurchaseOrder", id, json!({
            "id": id, "po_ref": format!("PO-{id:05}"), "supplier_id": id, "client_id": client,
            "ticket_id": rng.pick_id(&tickets), "status": i % 2, "date": date(day), "total": total,
        }));
        store.insert(
            "SalesOrder",
            id,
            json!({
                "id": id, "client_id": client, "ticket_id": rng.pick_id(&tickets), "status": i % 2,
                "date": date(day), "total": total * 1.2,
            }),
        );
        store.insert("ContractSchedule", id, json!({
            "id": rng.uuid(), "chid": id, "seq": 1, "date": date(day + 30 * 86_400), "amount": 250.0,
            "note": "Monthly charge",
        }));
        store.insert(
            "ClientPrepay",
            id,
            json!({
                "id": id, "client_id": client, "contract_id": id, "date": date(day), "hours": 10.0,
                "amount": 900.0, "note": "Prepaid block of hours",
            }),
        );
        store.insert(
            "SupplierContract",
            id,
            json!({
                "id": id, "supplier_id": id, "ref": format!("SC-{id:04}"), "start_date": date(day),
                "end_date": date(day + 365 * 86_400),
            }),
        );
        store.insert(CONTRACT_DETAILS, id, json!({
            "billingplans": [{"seq": 1, "client_id": client, "requesttype": 1, "requesttype_name": "Incident",
                "chargerate_id": 2, "multiplier": 1.0}],
            "schedule": [{"id": rng.uuid(), "chid": id, "seq": 1, "date": date(day + 30 * 86_400), "amount": 250.0}],
        }));
        store.insert(
            "TopLevel",
            id,
            json!({"id": id, "name": format!("Division {id}"), "type": 0}),
        );
        store.insert(
            "TimesheetEvent",
            id,
            json!({
                "id": id, "agent_id": 1 + i as i64 % 3, "start_date": date(day + 32_400),
                "end_date": date(day + 36_000), "subject": "Lunch", "event_type": 0,
            }),
        );
        store.insert("Projects", id, json!({
            "id": id, "summary": format!("Office move {id}"), "client_id": client, "status_id": 2,
            "agent_id": 1 + i as i64 % 3, "dateoccurred": date(day),
        }));
        store.insert("CRMNote", id, json!({
            "id": id, "client_id": client, "note": format!("Quarterly review {id}"), "datetime": date(day),
        }));
    }
    for (id, date_offset) in (1..=3).zip([0u64, 86_400, 172_800]) {
        store.insert("Timesheet", id, json!({
            "id": id, "agent_id": id, "date": date(date_offset), "start_time": date(date_offset + 28_800),
            "end_time": date(date_offset + 61_200), "actual_hours": 7.5, "target_hours": 7.5,
        }));
    }
    for (id, name, hidden, hours, timer) in [
        (1, "Private Note", true, 0.0, false),
        (2, "Email User", false, 0.0, false),
        (3, "Phone Call", false, 0.0, false),
        (4, "Remote Session", false, 0.25, true),
        (5, "Update", false, 0.0, false),
    ] {
        store.insert(
            "Outcome",
            id,
            json!({
                "id": id, "outcome": name, "buttonname": name, "hidefromuser": hidden,
                "defaultmanhrs": hours, "usetimer": timer, "hidden": false,
            }),
        );
    }
    for (id, name) in [(1, "Workstations"), (2, "Servers"), (3, "Network")] {
        store.insert("AssetGroup", id, json!({"id": id, "name": name}));
        store.insert(
            "AssetType",
            id,
            json!({"id": id, "name": format!("{name} type"), "assetgroup_id": id}),
        );
    }
    for (id, name, label) in [
        (1, "CFContractNumber", "Contract number"),
        (2, "CFRoom", "Room"),
    ] {
        store.insert(
            "Field",
            id,
            json!({"id": id, "name": name, "label": label, "type": 0}),
        );
        store.insert(
            "FieldInfo",
            id,
            json!({"id": id, "name": name, "label": label, "type": 0, "typeinfo": 0}),
        );
    }
    for (id, value) in [(1, "Email"), (2, "Phone"), (3, "Portal")] {
        store.insert(
            "Lookup",
            id,
            json!({"id": id, "lookupid": 1, "name": value}),
        );
    }
    for ticket in 1..=3.min(size.tickets as i64) {
        let content = attachment_content(ticket);
        store.insert(
            "Attachment",
            ticket,
            json!({
                "id": ticket, "ticket_id": ticket, "filename": format!("log-{ticket}.txt"),
                "filesize": content.len(), "type": 0, "unique_id": ticket,
            }),
        );
        store.insert_file(ticket, content);
    }
}
