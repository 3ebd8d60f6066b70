//! The fake's routes: authentication, the role's levels, then the endpoints.

use neo_auth_core::testkit::{FakeRequest, Fault, Reply, Router, Target, basic_credentials};
use serde_json::{Map, Value, json};

use super::listing;
use super::replies::{bad_request, error, invalid_object, not_found, too_many};
use super::role::Verb;
use super::seed::{API_MEMBER, API_MEMBER_ID};
use super::state::State;

/// The fake's router.
pub(crate) struct CwRouter;

/// What a route needs from the role: (module function, verb), or nothing.
fn needs(method: &str, segments: &[&str]) -> Option<(&'static str, Verb)> {
    let inquire = method == "GET";
    match segments {
        ["company", "companies", ..] if inquire => Some(("Company Maintenance", Verb::Inquire)),
        ["company", "companies", ..] => Some(("Company Maintenance", Verb::Edit)),
        ["service", "tickets", _, "notes", ..] if inquire => {
            Some(("Service Tickets", Verb::Inquire))
        }
        ["service", "tickets", _, "notes", ..] => Some(("Service Tickets", Verb::Edit)),
        ["service", "tickets"] if method == "POST" => Some(("Service Tickets", Verb::Add)),
        ["service", "tickets", ..] if inquire => Some(("Service Tickets", Verb::Inquire)),
        ["service", "tickets", _] if method == "DELETE" => Some(("Service Tickets", Verb::Delete)),
        ["service", "tickets", ..] => Some(("Service Tickets", Verb::Edit)),
        ["service", "boards", ..] if inquire => Some(("Table Setup", Verb::Inquire)),
        ["service", "boards", ..] => Some(("Table Setup", Verb::Edit)),
        ["system", "members", ..] | ["system", "mymembers"] if inquire => {
            Some(("Member Maintenance", Verb::Inquire))
        }
        _ => None,
    }
}

fn unauthorized(message: &str) -> Reply {
    error(401, "Unauthorized", message)
}

impl CwRouter {
    fn authenticate(state: &State, request: &FakeRequest) -> Option<Reply> {
        let keys = &state.keys;
        match request.header("clientid") {
            Some(id) if id == keys.client_id => {}
            Some(_) => return Some(unauthorized("The clientId is not valid")),
            None => {
                return Some(unauthorized(
                    "A clientId header is required (developer.connectwise.com/ClientID)",
                ));
            }
        }
        let expected = (
            format!("{}+{}", keys.company_id, keys.public_key),
            keys.private_key.clone(),
        );
        match basic_credentials(request.headers()) {
            Some(given) if given.0.eq_ignore_ascii_case(&expected.0) && given.1 == expected.1 => {
                None
            }
            _ => Some(error(401, "ConnectWiseApi", "UserNotAuthenticated")),
        }
    }

    /// The path under the API base, lower-cased, split; `None` when outside it.
    fn api_segments<'a>(state: &State, route: &'a str) -> Option<Vec<&'a str>> {
        let prefix = format!("/{}apis/3.0/", state.codebase.to_ascii_lowercase());
        route
            .strip_prefix(&prefix)
            .map(|rest| rest.split('/').collect())
    }
}

impl Router<State> for CwRouter {
    fn target(&self, request: &FakeRequest) -> Target {
        if request.route_path().starts_with("/login/companyinfo") {
            Target::Other
        } else {
            Target::Api
        }
    }

    fn fault_reply(&self, _state: &State, fault: &Fault) -> Option<Reply> {
        match fault {
            Fault::RateLimited { retry_after, .. } => Some(too_many(*retry_after)),
            Fault::Unauthorized { .. } => {
                Some(error(401, "ConnectWiseApi", "UserNotAuthenticated"))
            }
            _ => None,
        }
    }

    fn route(&self, state: &mut State, request: &FakeRequest) -> Reply {
        let route = request.route_path().to_owned();
        if let Some(company) = route.strip_prefix("/login/companyinfo/") {
            if request.method() != "GET" {
                return Reply::no_route(request.method(), &route);
            }
            if !company.eq_ignore_ascii_case(&state.keys.company_id) {
                return Reply::raw(200, "null", "application/json");
            }
            return Reply::json(
                200,
                &json!({
                    "CompanyName": "Neo MSP", "Codebase": state.codebase, "VersionCode": "v2025.1",
                    "VersionNumber": "v4.6.98765", "CompanyID": state.keys.company_id, "IsCloud": "False",
                }),
            );
        }
        let Some(segments) = Self::api_segments(state, &route) else {
            return not_found(&format!("no route for {route}"));
        };
        if let Some(reply) = Self::authenticate(state, request) {
            return reply;
        }
        let method = request.method().to_owned();
        if let Some((function, verb)) = needs(&method, &segments)
            && !state.role.allows(function, verb)
        {
            return error(
                403,
                "Unauthorized",
                &format!(
                    "You do not have security to perform this action ({function}: {})",
                    verb.label()
                ),
            );
        }
        let path_under_base = format!("/{}", segments.join("/"));
        match (method.as_str(), segments.as_slice()) {
            ("GET", ["system", "info"]) => Reply::json(
                200,
                &json!({"version": "v2025.1.98765", "isCloud": false, "serverTimeZone": "Eastern Standard Time",
                        "cloudRegion": null, "licenseBits": []}),
            ),
            ("GET", ["system", "mysecurity"]) => {
                Reply::json(200, &state.role.my_security(API_MEMBER_ID, API_MEMBER))
            }
            ("GET", ["system", "mymembers"]) => match state.members.get(API_MEMBER_ID) {
                Some(me) => Reply::json(200, me),
                None => not_found("no member"),
            },
            ("GET", ["system", "members", identifier]) => {
                let found = state.members.values().find(|m| {
                    m.get("identifier")
                        .and_then(Value::as_str)
                        .is_some_and(|i| i.eq_ignore_ascii_case(identifier))
                        || m.get("id")
                            .and_then(Value::as_i64)
                            .is_some_and(|id| id.to_string() == *identifier)
                });
                match found {
                    Some(m) => Reply::json(200, m),
                    None => not_found(&format!("Member {identifier} not found")),
                }
            }
            ("GET", ["company", "companies"]) => listing::page(
                request,
                &path_under_base,
                state.companies.values(),
                &state.quirks,
            ),
            ("GET", ["company", "companies", "count"]) => {
                listing::count(request, state.companies.values())
            }
            ("GET", ["company", "companies", id]) => one(&state.companies, id, "Company"),
            ("GET", ["service", "tickets"]) => listing::page(
                request,
                &path_under_base,
                state.tickets.values(),
                &state.quirks,
            ),
            ("GET", ["service", "tickets", "count"]) => {
                listing::count(request, state.tickets.values())
            }
            ("GET", ["service", "tickets", id]) => one(&state.tickets, id, "Ticket"),
            ("POST", ["service", "tickets"]) => create_ticket(state, request),
            ("PATCH", ["service", "tickets", id]) => patch_ticket(state, request, id),
            ("GET", ["service", "tickets", id, "notes"]) => match ticket_id(state, id) {
                Some(tid) => listing::page(
                    request,
                    "/service/tickets/{id}/notes",
                    notes_of(state, tid).iter(),
                    &state.quirks,
                ),
                None => not_found(&format!("Ticket {id} not found")),
            },
            ("GET", ["service", "tickets", id, "notes", "count"]) => match ticket_id(state, id) {
                Some(tid) => listing::count(request, notes_of(state, tid).iter()),
                None => not_found(&format!("Ticket {id} not found")),
            },
            ("POST", ["service", "tickets", id, "notes"]) => add_note(state, request, id),
            ("GET", ["service", "boards"]) => listing::page(
                request,
                &path_under_base,
                state.boards.values(),
                &state.quirks,
            ),
            ("GET", ["service", "boards", "count"]) => {
                listing::count(request, state.boards.values())
            }
            ("GET", ["service", "boards", id]) => one(&state.boards, id, "Board"),
            ("GET", ["service", "boards", board, "statuses"]) => match id_of(board) {
                Some(b) if state.boards.contains(b) => {
                    let of_board: Vec<Value> = state
                        .statuses
                        .values()
                        .filter(|s| s.pointer("/board/id").and_then(Value::as_i64) == Some(b))
                        .cloned()
                        .collect();
                    listing::page(
                        request,
                        "/service/boards/{id}/statuses",
                        of_board.iter(),
                        &state.quirks,
                    )
                }
                _ => not_found(&format!("Board {board} not found")),
            },
            ("GET", ["service", "boards", board, "statuses", id]) => {
                let status = id_of(id)
                    .and_then(|i| state.statuses.get(i))
                    .filter(|s| s.pointer("/board/id").and_then(Value::as_i64) == id_of(board));
                match status {
                    Some(s) => Reply::json(200, s),
                    None => not_found(&format!("Status {id} not found")),
                }
            }
            ("GET", ["system", "callbacks"]) => listing::page(
                request,
                &path_under_base,
                state.callbacks.values(),
                &state.quirks,
            ),
            ("GET", ["system", "callbacks", "count"]) => {
                listing::count(request, state.callbacks.values())
            }
            ("GET", ["system", "callbacks", id]) => one(&state.callbacks, id, "Callback"),
            ("POST", ["system", "callbacks"]) => register_callback(state, request),
            ("DELETE", ["system", "callbacks", id]) => {
                match id_of(id).and_then(|i| state.callbacks.delete(i)) {
                    Some(_) => Reply::empty(204),
                    None => not_found(&format!("Callback {id} not found")),
                }
            }
            (method, _) => Reply::no_route(method, &route),
        }
    }
}

fn id_of(segment: &str) -> Option<i64> {
    segment.parse().ok()
}

fn one(store: &neo_auth_core::testkit::Store<Value>, id: &str, noun: &str) -> Reply {
    match id_of(id).and_then(|i| store.get(i)) {
        Some(record) => Reply::json(200, record),
        None => not_found(&format!("{noun} {id} not found")),
    }
}

fn ticket_id(state: &State, id: &str) -> Option<i64> {
    id_of(id).filter(|i| state.tickets.contains(*i))
}

fn notes_of(state: &State, ticket: i64) -> Vec<Value> {
    state
        .notes
        .values()
        .filter(|n| n.get("ticketId").and_then(Value::as_i64) == Some(ticket))
        .cloned()
        .collect()
}

/// A reference from a request body resolved against `store` by id, name or identifier.
fn resolve(store: &neo_auth_core::testkit::Store<Value>, reference: &Value) -> Option<Value> {
    let matches = |record: &&Value| {
        let same = |key: &str| {
            reference
                .get(key)
                .is_some_and(|want| match (want, record.get(key)) {
                    (Value::String(a), Some(Value::String(b))) => a.eq_ignore_ascii_case(b),
                    (a, Some(b)) => a == b,
                    _ => false,
                })
        };
        same("id") || same("identifier") || same("name")
    };
    let record = store.values().find(matches)?;
    let mut out = Map::new();
    for key in ["id", "identifier", "name"] {
        if let Some(v) = record.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    Some(Value::Object(out))
}

fn body_object(request: &FakeRequest, resource: &str) -> Result<Map<String, Value>, Reply> {
    match request.json::<Value>() {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid_object(
            resource,
            "InvalidObject",
            "the body must be a JSON object",
            "",
        )),
        Err(e) => Err(bad_request(
            "InvalidObject",
            &format!("the body is not JSON: {e}"),
        )),
    }
}

fn create_ticket(state: &mut State, request: &FakeRequest) -> Reply {
    let mut ticket = match body_object(request, "ticket") {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    match ticket.get("summary").and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() && s.chars().count() <= 100 => {}
        _ => {
            return invalid_object(
                "ticket",
                "Required",
                "summary is required (at most 100 characters)",
                "summary",
            );
        }
    }
    let Some(board) = ticket.get("board").and_then(|b| resolve(&state.boards, b)) else {
        return invalid_object("ticket", "Required", "a valid board is required", "board");
    };
    let board_id = board.get("id").and_then(Value::as_i64);
    if let Some(company) = ticket.get("company") {
        match resolve(&state.companies, company) {
            Some(c) => {
                ticket.insert("company".to_owned(), c);
            }
            None => {
                return invalid_object(
                    "ticket",
                    "InvalidObject",
                    "the company was not found",
                    "company",
                );
            }
        }
    }
    let statuses_of_board: neo_auth_core::testkit::Store<Value> = {
        let mut s = neo_auth_core::testkit::Store::new();
        for status in state.statuses.values() {
            if status.pointer("/board/id").and_then(Value::as_i64) == board_id
                && let Some(id) = status.get("id").and_then(Value::as_i64)
            {
                s.insert_at(id, status.clone());
            }
        }
        s
    };
    let status = match ticket.get("status") {
        Some(wanted) => match resolve(&statuses_of_board, wanted) {
            Some(s) => s,
            None => {
                return invalid_object(
                    "ticket",
                    "InvalidObject",
                    "the status is not a status of the board",
                    "status",
                );
            }
        },
        None => statuses_of_board
            .values()
            .find(|s| s.get("defaultFlag") == Some(&Value::Bool(true)))
            .map(|s| json!({"id": s["id"], "name": s["name"]}))
            .unwrap_or(Value::Null),
    };
    ticket.insert("board".to_owned(), board);
    ticket.insert("status".to_owned(), status);
    for write_only in [
        "initialDescription",
        "initialInternalAnalysis",
        "initialResolution",
    ] {
        ticket.remove(write_only);
    }
    ticket
        .entry("recordType".to_owned())
        .or_insert(json!("ServiceTicket"));
    ticket.insert("closedFlag".to_owned(), json!(false));
    ticket.insert(
        "_info".to_owned(),
        json!({"lastUpdated": "2025-02-01T00:00:00Z", "updatedBy": API_MEMBER}),
    );
    let id = state.tickets.insert_with(|id| {
        ticket.insert("id".to_owned(), json!(id));
        Value::Object(ticket.clone())
    });
    match state.tickets.get(id) {
        Some(saved) => Reply::json(201, saved),
        None => error(500, "Unexpected", "the ticket was not stored"),
    }
}

/// Fields a PATCH may change (ConnectWise names are case-sensitive).
const PATCHABLE: [&str; 12] = [
    "summary",
    "status",
    "board",
    "company",
    "priority",
    "owner",
    "severity",
    "impact",
    "resources",
    "requiredDate",
    "customFields",
    "closedFlag",
];

fn patch_ticket(state: &mut State, request: &FakeRequest, id: &str) -> Reply {
    let Some(tid) = ticket_id(state, id) else {
        return not_found(&format!("Ticket {id} not found"));
    };
    let ops = match request.json::<Value>() {
        Ok(Value::Array(ops)) => ops,
        Ok(_) => {
            return bad_request(
                "InvalidObject",
                "a PATCH body must be a JSON array of operations",
            );
        }
        Err(e) => return bad_request("InvalidObject", &format!("the body is not JSON: {e}")),
    };
    let Some(mut ticket) = state.tickets.get(tid).cloned() else {
        return not_found(&format!("Ticket {id} not found"));
    };
    for op in &ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or_default();
        let path = op.get("path").and_then(Value::as_str).unwrap_or_default();
        if path.contains('/') {
            // ConnectWise answers a sub-path with 200 and changes nothing.
            continue;
        }
        if !PATCHABLE.contains(&path) {
            return invalid_object(
                "ticket",
                "InvalidPath",
                &format!("`{path}` is not a field of ticket"),
                path,
            );
        }
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        let value = match path {
            "status" => match resolve(&state.statuses, &value) {
                Some(s) => s,
                None => {
                    return invalid_object(
                        "ticket",
                        "InvalidObject",
                        "the status was not found",
                        "status",
                    );
                }
            },
            "board" => match resolve(&state.boards, &value) {
                Some(b) => b,
                None => {
                    return invalid_object(
                        "ticket",
                        "InvalidObject",
                        "the board was not found",
                        "board",
                    );
                }
            },
            "company" => match resolve(&state.companies, &value) {
                Some(c) => c,
                None => {
                    return invalid_object(
                        "ticket",
                        "InvalidObject",
                        "the company was not found",
                        "company",
                    );
                }
            },
            _ => value,
        };
        let Some(fields) = ticket.as_object_mut() else {
            break;
        };
        match kind {
            "replace" | "add" => {
                fields.insert(path.to_owned(), value);
            }
            "remove" => {
                fields.remove(path);
            }
            other => {
                return bad_request(
                    "InvalidObject",
                    &format!("`{other}` is not a patch operation"),
                );
            }
        }
    }
    let closed = ticket
        .pointer("/status/name")
        .and_then(Value::as_str)
        .is_some_and(|n| n.eq_ignore_ascii_case("closed"));
    if closed && let Some(fields) = ticket.as_object_mut() {
        fields.insert("closedFlag".to_owned(), json!(true));
    }
    state.tickets.update(tid, ticket.clone());
    Reply::json(200, &ticket)
}

fn add_note(state: &mut State, request: &FakeRequest, id: &str) -> Reply {
    let Some(tid) = ticket_id(state, id) else {
        return not_found(&format!("Ticket {id} not found"));
    };
    let mut note = match body_object(request, "serviceNote") {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    if note
        .get("text")
        .and_then(Value::as_str)
        .is_none_or(|t| t.trim().is_empty())
    {
        return invalid_object("serviceNote", "Required", "text is required", "text");
    }
    let flags = [
        "detailDescriptionFlag",
        "internalAnalysisFlag",
        "resolutionFlag",
    ];
    if !flags
        .iter()
        .any(|f| note.get(*f) == Some(&Value::Bool(true)))
    {
        return invalid_object(
            "serviceNote",
            "Required",
            "one of detailDescriptionFlag, internalAnalysisFlag, resolutionFlag must be true",
            "detailDescriptionFlag",
        );
    }
    note.insert("ticketId".to_owned(), json!(tid));
    note.insert(
        "member".to_owned(),
        json!({"id": API_MEMBER_ID, "identifier": API_MEMBER}),
    );
    note.insert("createdBy".to_owned(), json!(API_MEMBER));
    note.insert("dateCreated".to_owned(), json!("2025-02-01T00:00:00Z"));
    let nid = state.notes.insert_with(|nid| {
        note.insert("id".to_owned(), json!(nid));
        Value::Object(note.clone())
    });
    match state.notes.get(nid) {
        Some(saved) => Reply::json(201, saved),
        None => error(500, "Unexpected", "the note was not stored"),
    }
}

fn register_callback(state: &mut State, request: &FakeRequest) -> Reply {
    let mut entry = match body_object(request, "callbackEntry") {
        Ok(e) => e,
        Err(reply) => return reply,
    };
    for field in ["url", "type", "level"] {
        if entry
            .get(field)
            .and_then(Value::as_str)
            .is_none_or(|v| v.trim().is_empty())
        {
            return invalid_object(
                "callbackEntry",
                "Required",
                &format!("{field} is required"),
                field,
            );
        }
    }
    let key = |e: &Value| {
        (
            e.get("url").cloned(),
            e.get("type").cloned(),
            e.get("level").cloned(),
            e.get("objectId").cloned(),
        )
    };
    let wanted = key(&Value::Object(entry.clone()));
    if state.callbacks.values().any(|e| key(e) == wanted) {
        return invalid_object(
            "callbackEntry",
            "ObjectExists",
            "A matching callback entry already exists",
            "objectId",
        );
    }
    entry.insert("memberId".to_owned(), json!(API_MEMBER_ID));
    entry
        .entry("inactiveFlag".to_owned())
        .or_insert(json!(false));
    let id = state.callbacks.insert_with(|id| {
        entry.insert("id".to_owned(), json!(id));
        Value::Object(entry.clone())
    });
    match state.callbacks.get(id) {
        Some(saved) => Reply::json(201, saved),
        None => error(500, "Unexpected", "the callback was not stored"),
    }
}
