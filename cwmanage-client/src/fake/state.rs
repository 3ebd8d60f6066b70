//! What the fake remembers.

use neo_auth_core::testkit::Store;
use serde_json::Value;

use super::listing::PagingQuirks;
use super::role::FakeRole;
use super::seed::{self, Seed};

/// The fake's credentials.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    pub(crate) company_id: String,
    pub(crate) public_key: String,
    pub(crate) private_key: String,
    pub(crate) client_id: String,
}

/// The fake's state.
pub(crate) struct State {
    pub(crate) keys: Keys,
    pub(crate) codebase: String,
    pub(crate) role: FakeRole,
    pub(crate) quirks: PagingQuirks,
    pub(crate) companies: Store<Value>,
    pub(crate) tickets: Store<Value>,
    pub(crate) notes: Store<Value>,
    pub(crate) boards: Store<Value>,
    pub(crate) statuses: Store<Value>,
    pub(crate) members: Store<Value>,
    pub(crate) callbacks: Store<Value>,
}

fn store(records: Vec<Value>) -> Store<Value> {
    let mut store = Store::new();
    for record in records {
        if let Some(id) = record.get("id").and_then(Value::as_i64) {
            store.insert_at(id, record);
        }
    }
    store
}

impl State {
    pub(crate) fn new(
        keys: Keys,
        codebase: String,
        role: FakeRole,
        quirks: PagingQuirks,
        seed: &Seed,
    ) -> Self {
        let companies = seed::companies(seed);
        let tickets = seed::tickets(seed, &companies);
        let mut notes = Store::new();
        for ticket in tickets.iter().take(5) {
            let ticket_id = ticket.get("id").cloned().unwrap_or(Value::Null);
            for n in 0..3 {
                notes.insert_with(|id| {
                    serde_json::json!({
                        "id": id, "ticketId": ticket_id, "text": format!("Seeded note {n}"),
                        "detailDescriptionFlag": n == 0, "internalAnalysisFlag": n == 1, "resolutionFlag": n == 2,
                        "member": {"id": seed::API_MEMBER_ID, "identifier": seed::API_MEMBER},
                        "dateCreated": "2025-01-31T08:05:00Z", "createdBy": seed::API_MEMBER,
                    })
                });
            }
        }
        State {
            keys,
            codebase,
            role,
            quirks,
            companies: store(companies),
            tickets: store(tickets),
            notes,
            boards: store(seed::boards()),
            statuses: store(seed::statuses()),
            members: store(seed::members()),
            callbacks: Store::new(),
        }
    }
}
