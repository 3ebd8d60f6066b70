//! Reading and deleting records, `/Agent/me` and `/ReportData/{publishedid}`.
//! Saving (POST) is in [`super::save`]; lists in [`super::listing`].

use neo_auth_core::testkit::{Query, Reply};
use serde_json::{Value, json};

use super::catalog::{self, ResourceDef};
use super::listing::{self, Shape};
use super::replies;
use super::state::State;

/// The `ticket_id` an actions request must carry, or the 400 message.
fn ticket_id(query: &Query) -> Result<i64, String> {
    match query.int("ticket_id") {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err("ticket_id is required".to_owned()),
        Err(bad) => Err(bad.to_string()),
    }
}

/// Whether the login agent is hidden from this resource's records
/// ([`FakeConfig::hides_from_agent`](super::FakeConfig::hides_from_agent)).
fn hidden(state: &State, def: &ResourceDef) -> bool {
    state.config.hides_from_agent(def.path)
}

/// The login agent's name (for messages), `API Agent` when it is not stored.
pub(crate) fn agent_name(state: &State) -> String {
    state
        .tables
        .get("Agent", state.config.agent_id)
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("API Agent")
        .to_owned()
}

/// `GET /api/<Res>`.
pub(crate) fn list(state: &State, def: &ResourceDef, query: &Query) -> Reply {
    let shape = Shape::of(&state.config, def);
    let team_name = |id: i64| {
        state
            .tables
            .get("Team", id)
            .and_then(|t| t.get("name"))
            .and_then(Value::as_str)
    };
    if catalog::is_actions(def) {
        return match ticket_id(query) {
            Ok(ticket) => listing::list(
                def,
                state.tables.actions_of(ticket),
                query,
                shape,
                &team_name,
            ),
            Err(message) => replies::bad_request(&message),
        };
    }
    let records = state.tables.records(def.path).map(|(_, r)| r);
    listing::list(def, records, query, shape, &team_name)
}

/// `GET /api/<Res>/<id>` (`/api/Actions/<id>?ticket_id=T`).
pub(crate) fn get(state: &State, def: &ResourceDef, id: &str, query: &Query) -> Reply {
    let record = if catalog::is_actions(def) {
        let ticket = match ticket_id(query) {
            Ok(ticket) => ticket,
            Err(message) => return replies::bad_request(&message),
        };
        id.parse::<i64>()
            .ok()
            .and_then(|id| state.tables.action(ticket, id))
    } else {
        state
            .tables
            .find(def, id)
            .and_then(|key| state.tables.get(def.path, key))
    };
    let details = query.flag("includedetails");
    match record {
        Some(record) if !hidden(state, def) && def.path == "ClientContract" && details => {
            Reply::json(200, &with_details(state, record))
        }
        Some(record) if !hidden(state, def) => Reply::json(200, record),
        _ => replies::not_found(def.path, id),
    }
}

/// A contract with its rules and schedule, as a detailed read carries them.
fn with_details(state: &State, contract: &Value) -> Value {
    let mut contract = contract.clone();
    let id = contract.get("id").and_then(Value::as_i64);
    let details = id.and_then(|id| state.tables.get(super::seed_extra::CONTRACT_DETAILS, id));
    if let (Some(Value::Object(details)), Value::Object(fields)) = (details, &mut contract) {
        for (key, value) in details {
            fields.insert(key.clone(), value.clone());
        }
    }
    contract
}

/// `DELETE /api/<Res>/<id>` (`?ticket_id=T` for actions): 200 with no body.
pub(crate) fn delete(
    state: &mut State,
    def: &'static ResourceDef,
    id: &str,
    query: &Query,
) -> Reply {
    if hidden(state, def) {
        return replies::not_found(def.path, id);
    }
    let removed = if catalog::is_actions(def) {
        let ticket = match ticket_id(query) {
            Ok(ticket) => ticket,
            Err(message) => return replies::bad_request(&message),
        };
        id.parse::<i64>()
            .ok()
            .and_then(|id| state.tables.remove_action(ticket, id))
            .is_some()
    } else {
        state
            .tables
            .find(def, id)
            .and_then(|key| state.tables.remove(def.path, key))
            .is_some()
    };
    if removed {
        Reply::empty(200)
    } else {
        replies::not_found(def.path, id)
    }
}

/// `GET /api/Agent/me`: the agent the application logs in as.
pub(crate) fn agent_me(state: &State) -> Reply {
    let id = state.config.agent_id;
    match state.tables.get("Agent", id) {
        Some(agent) => Reply::json(200, agent),
        None => replies::not_found("Agent", &id.to_string()),
    }
}

/// `GET /api/ReportData/<publishedid>` (the report's `published_id`, or its id):
/// `{"id": "<publishedid>", "name": "<report name>", "data": [rows]}`. "Hours per
/// ticket" reports give `{"ticket_id", "summary", "hours"}` rows; the others
/// "Tickets per client" rows `{"client_id", "client_name", "tickets"}`. Rows are
/// computed from the current records the login agent sees: none when it sees
/// nothing, no ticket rows (and no tickets counted) when tickets are hidden from
/// it, no client rows when companies are.
pub(crate) fn report_data(state: &State, published_id: &str) -> Reply {
    let report = state.tables.records("Report").map(|(_, r)| r).find(|r| {
        r.get("published_id")
            .and_then(Value::as_str)
            .is_some_and(|p| p.eq_ignore_ascii_case(published_id))
            || r.get("id")
                .and_then(Value::as_i64)
                .is_some_and(|id| id.to_string() == published_id)
    });
    let Some(report) = report else {
        return replies::not_found("ReportData", published_id);
    };
    let name = report
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("Report");
    let data = report_rows(state, name);
    Reply::json(
        200,
        &json!({"id": published_id, "name": name, "data": data}),
    )
}

/// `GET /api/Report/<id>?loadreport=true`: the report with its output,
/// `{"report": {"loaded": true, "rows": [...]}}`.
pub(crate) fn run_report(state: &State, id: &str) -> Reply {
    let report = id
        .parse::<i64>()
        .ok()
        .and_then(|key| state.tables.get("Report", key))
        .filter(|_| !state.config.hides_from_agent("Report"));
    let Some(report) = report else {
        return replies::not_found("Report", id);
    };
    let name = report
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("Report");
    let mut loaded = report.clone();
    loaded["report"] = json!({"loaded": true, "rows": report_rows(state, name)});
    Reply::json(200, &loaded)
}

/// `POST /api/Report` with `_loadreportonly`: the SQL of a stored report
/// answers with that report's rows; any other SQL does not load, as Halo
/// answers SQL it cannot run (`"loaded": false` with a `load_error`).
pub(crate) fn report_query(state: &State, body: &[u8]) -> Reply {
    let sql = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get(0)?.get("sql")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let report = state.tables.records("Report").map(|(_, r)| r).find(|r| {
        r.get("sql")
            .and_then(Value::as_str)
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(sql.trim()))
    });
    let content = match report {
        Some(report) => {
            let name = report
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("Report");
            json!({"loaded": true, "rows": report_rows(state, name)})
        }
        None => json!({"loaded": false, "load_error": format!("Invalid SQL: {sql}")}),
    };
    Reply::json(200, &json!({"sql": sql, "report": content}))
}

/// The rows of the report named `name`, from the current records the login
/// agent sees: "Hours per ticket" reports give `{"ticket_id", "summary",
/// "hours"}` rows, the others `{"client_id", "client_name", "tickets"}`.
pub(crate) fn report_rows(state: &State, name: &str) -> Vec<Value> {
    let tickets_hidden = state.config.hides_from_agent("Tickets");
    let tickets = state.tables.records("Tickets").filter(|_| !tickets_hidden);
    if state.config.agent_sees_nothing {
        Vec::new()
    } else if name.starts_with("Hours per ticket") {
        tickets
            .map(|(id, t)| {
                let hours: f64 = state
                    .tables
                    .actions_of(id)
                    .filter_map(|a| a.get("timetaken")?.as_f64())
                    .sum();
                json!({"ticket_id": id, "summary": t.get("summary"), "hours": hours})
            })
            .collect()
    } else {
        let clients = state
            .tables
            .records("Client")
            .filter(|_| !state.config.hides_from_agent("Client"));
        clients
            .map(|(id, c)| {
                let count = state
                    .tables
                    .records("Tickets")
                    .filter(|_| !tickets_hidden)
                    .filter(|(_, t)| t.get("client_id").and_then(Value::as_f64) == Some(id as f64))
                    .count();
                json!({"client_id": id, "client_name": c.get("name"), "tickets": count})
            })
            .collect()
    }
}
