//! `POST /api/<Res>`: Halo's create-and-update. The body is a JSON array (at most
//! 100 records); an element without `id` (or `0`/`null`) is created with the next
//! id, one with an existing `id` is updated by merging its fields. Everything is
//! validated before anything is stored. 201 with the saved object (one element) or
//! the array of saved objects.

use std::time::SystemTime;

use neo_auth_core::testkit::Reply;
use serde_json::{Map, Value};

use super::catalog::{self, ResourceDef};
use super::replies;
use super::state::State;

/// The most records one POST may carry.
const MAX_BATCH: usize = 100;

/// What to do with one element.
enum Op {
    /// A new record (for actions: on this ticket).
    Create { ticket: Option<i64> },
    /// An update of the record with this key (for actions: on this ticket).
    Update { ticket: Option<i64>, key: i64 },
}

/// Answers `POST /api/<Res>`.
pub(crate) fn save(state: &mut State, def: &'static ResourceDef, body: &[u8]) -> Reply {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return replies::argument_error(&format!("The request body is not valid JSON: {e}"));
        }
    };
    let Value::Array(elements) = value else {
        return replies::argument_error("Expected an array");
    };
    if elements.is_empty() {
        return replies::argument_error("Expected at least one record");
    }
    if elements.len() > MAX_BATCH {
        return replies::argument_error("At most 100 records can be saved in one request");
    }
    let mut planned = Vec::with_capacity(elements.len());
    for element in elements {
        let Value::Object(fields) = element else {
            return replies::argument_error("Expected an array of objects");
        };
        match plan(state, def, &fields) {
            Ok(op) => planned.push((op, fields)),
            Err(message) => return replies::bad_request(&message),
        }
    }
    let mut saved: Vec<Value> = planned
        .into_iter()
        .map(|(op, fields)| apply(state, def, op, fields))
        .collect();
    if saved.len() == 1 {
        Reply::json(201, &saved.remove(0))
    } else {
        Reply::json(201, &Value::Array(saved))
    }
}

/// An integer from a JSON number (also a whole double) or numeric string.
pub(crate) fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn plan(state: &State, def: &ResourceDef, fields: &Map<String, Value>) -> Result<Op, String> {
    let id = match fields.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) if def.string_id => match state.tables.find(def, s) {
            Some(key) => Some(key),
            None => return Err(format!("{} {s} not found", def.path)),
        },
        Some(other) if def.string_id => {
            return Err(format!("The value {other} is not valid for id."));
        }
        Some(other) => match as_int(other) {
            Some(0) => None,
            Some(id) => Some(id),
            None => return Err(format!("The value {other} is not valid for id.")),
        },
    };
    if catalog::is_actions(def) {
        let ticket = match fields.get("ticket_id").and_then(as_int) {
            Some(ticket) => ticket,
            None => return Err("ticket_id is required".to_owned()),
        };
        if state.tables.get("Tickets", ticket).is_none() {
            return Err(format!("Tickets {ticket} not found"));
        }
        return match id {
            None => Ok(Op::Create {
                ticket: Some(ticket),
            }),
            Some(key) if state.tables.action(ticket, key).is_some() => Ok(Op::Update {
                ticket: Some(ticket),
                key,
            }),
            Some(key) => Err(format!("Actions {key} not found on ticket {ticket}")),
        };
    }
    match id {
        Some(key) if state.tables.get(def.path, key).is_some() => {
            Ok(Op::Update { ticket: None, key })
        }
        Some(key) => Err(format!("{} {key} not found", def.path)),
        None if def.path == "Tickets"
            && fields
                .get("summary")
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty()) =>
        {
            Err("summary is required".to_owned())
        }
        None => Ok(Op::Create { ticket: None }),
    }
}

fn apply(
    state: &mut State,
    def: &'static ResourceDef,
    op: Op,
    mut fields: Map<String, Value>,
) -> Value {
    let now = crate::date::format_halo_time(SystemTime::now());
    match op {
        Op::Update {
            ticket: Some(ticket),
            key,
        } => {
            fields.remove("ticket_id");
            fields.remove("id");
            let Some(stored) = state.tables.action_mut(ticket, key) else {
                return Value::Null;
            };
            merge(stored, fields);
            stored.clone()
        }
        Op::Update { ticket: None, key } => {
            fields.remove("id");
            fields.remove("priorityid");
            let Some(stored) = state.tables.table_mut(def.path).get_mut(key) else {
                return Value::Null;
            };
            merge(stored, fields);
            stored.clone()
        }
        Op::Create {
            ticket: Some(ticket),
        } => {
            fields.insert("ticket_id".to_owned(), ticket.into());
            fields
                .entry("who_agentid")
                .or_insert(state.config.agent_id.into());
            fields.entry("datetime").or_insert(now.into());
            if let Some(status) = fields.get("new_status").and_then(as_int)
                && let Some(Value::Object(t)) = state.tables.table_mut("Tickets").get_mut(ticket)
            {
                t.insert("status_id".to_owned(), status.into());
            }
            let mut record = Value::Object(fields);
            state.tables.add_action(ticket, |id| {
                record["id"] = id.into();
                record.clone()
            });
            record
        }
        Op::Create { ticket: None } => {
            let key = state.tables.table_mut(def.path).next_id();
            if def.string_id {
                fields.insert("id".to_owned(), state.rng.uuid().into());
                fields.insert("priorityid".to_owned(), key.into());
            } else {
                fields.insert("id".to_owned(), key.into());
            }
            if def.path == "Tickets" {
                fields.entry("status_id").or_insert(1.into());
                fields.entry("dateoccurred").or_insert(now.clone().into());
                fields.entry("datecreated").or_insert(now.into());
                fields.entry("deleted").or_insert(false.into());
            }
            let record = Value::Object(fields);
            state.tables.insert(def.path, key, record.clone());
            record
        }
    }
}

/// Shallow merge: the given fields replace the stored ones.
fn merge(stored: &mut Value, fields: Map<String, Value>) {
    if let Value::Object(stored) = stored {
        stored.extend(fields);
    }
}
