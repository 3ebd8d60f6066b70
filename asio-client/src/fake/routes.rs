//! The fake's routes: Asio's paths, its scope oracle (written independently
//! of the client's table), its pages and its error shapes.

use neo_auth_core::testkit::{
    FakeRequest, Reply, Router, Target, link_next, numbered_page, offset_page,
};
use serde_json::{Value, json};

use super::{FakeState, StoredTask};

pub(crate) struct AsioRoutes;

fn error(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(status, &json!({"code": code, "message": message}))
}

fn ticket_error(status: u16, message: &str) -> Reply {
    Reply::json(
        status,
        &json!([{"code": status.to_string(), "message": message}]),
    )
}

/// The wire scope each route needs.
fn needed(method: &str, path: &str) -> Option<&'static str> {
    let p = path;
    Some(match method {
        _ if p == "/v1/rate_limits" => return None,
        "POST" if p.ends_with("/schedule-tasks") => "platform.automation.create",
        "POST" if p == "/api/platform/v1/device/token" => "platform.agent.read",
        "POST" if p.ends_with("/endpoints/applications") => "platform.asset.read",
        _ if p.contains("/automation/") => "platform.automation.read",
        _ if p.starts_with("/api/platform/v1/device-groups")
            || p.starts_with("/api/platform/v2/device-groups") =>
        {
            "platform.deviceGroups.read"
        }
        _ if p.contains("/custom-fields")
            || p.starts_with("/api/platform/v1/company/companies") && !p.ends_with("/sites") =>
        {
            "platform.companies.read"
        }
        _ if p.contains("/company/") => "platform.sites.read",
        _ if p.contains("/device/") => "platform.devices.read",
        _ if p.contains("/contact/") => "platform.contacts.read",
        _ if p.contains("/ticketing/") => "platform.tickets.read",
        _ => return None,
    })
}

impl Router<FakeState> for AsioRoutes {
    fn target(&self, request: &FakeRequest) -> Target {
        if request.route_path() == "/v1/token" {
            Target::Token
        } else {
            Target::Api
        }
    }

    fn route(&self, state: &mut FakeState, request: &FakeRequest) -> Reply {
        let (method, path) = (request.method(), request.route_path());
        if path == "/v1/token" {
            return if method == "POST" {
                state.tokens.handle(request)
            } else {
                Reply::no_route(method, path)
            };
        }
        let granted = match state.tokens.validate(request.headers()) {
            Ok(granted) => granted,
            Err(_) => return Reply::text(401, "access_denied"),
        };
        if let Some(scope) = needed(method, path)
            && !granted.iter().any(|g| g == scope)
        {
            return error(
                403,
                "forbidden",
                &format!("the token lacks the scope {scope}"),
            );
        }
        let segments: Vec<&str> = request.segments();
        match (method, segments.as_slice()) {
            ("GET", ["v1", "rate_limits"]) => Reply::json(
                200,
                &json!({"resources": {"topology": {"partner-topology-endpoints": {"limit": 35, "remaining": 34, "reset": 1735689600}}}}),
            ),
            ("GET", ["api", "platform", "v1", "company", "companies"]) => {
                Reply::json(200, &state.companies)
            }
            ("GET", ["api", "platform", "v1", "company", "companies", id]) => {
                find(&state.companies, "id", id).map_or_else(
                    || error(404, "not_found", "company not found"),
                    |c| Reply::json(200, c),
                )
            }
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v1",
                    "company",
                    "companies",
                    id,
                    "custom-fields",
                ],
            ) => {
                if find(&state.companies, "id", id).is_none() {
                    return error(404, "not_found", "company not found");
                }
                Reply::json(
                    200,
                    &json!([{"attributeId": "cf-1", "name": "Contract", "value": "Gold", "type": "string"}]),
                )
            }
            ("GET", ["api", "platform", "v1", "company", "companies", id, "sites"]) => {
                let sites: Vec<&Value> = state
                    .sites
                    .iter()
                    .filter(|s| s["company"]["id"] == *id)
                    .collect();
                Reply::json(200, &sites)
            }
            ("GET", ["api", "platform", "v1", "company", "sites"]) => {
                Reply::json(200, &state.sites)
            }
            ("GET", ["api", "platform", "v1", "company", "sites", id]) => {
                find(&state.sites, "id", id).map_or_else(
                    || error(404, "not_found", "site not found"),
                    |s| Reply::json(200, s),
                )
            }
            (
                "POST",
                [
                    "api",
                    "platform",
                    "v2",
                    "device",
                    "categories",
                    category,
                    "endpoints",
                ],
            ) => device_list(state, request, category),
            (
                "POST",
                [
                    "api",
                    "platform",
                    "v2",
                    "device",
                    "endpoints",
                    "applications",
                ],
            ) => applications(state, request),
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "device",
                    "companies",
                    c,
                    "sites",
                    s,
                    "endpoints",
                    e,
                ],
            ) => {
                match state
                    .devices
                    .iter()
                    .find(|d| d["endpointID"] == *e && d["companyID"] == *c && d["siteID"] == *s)
                {
                    Some(d) => Reply::json(
                        200,
                        &json!({
                            "companyID": c, "siteID": s, "endpointID": e, "endpointType": d["endpointType"],
                            "osType": "windows", "platform": {"os": d["os"], "system": d["system"]},
                        }),
                    ),
                    None => error(404, "not_found", "resource not found"),
                }
            }
            ("GET", ["api", "platform", "v2", "device", "endpoints", "heartbeat"]) => {
                heartbeat(state, request)
            }
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "device",
                    "endpoints",
                    e,
                    "system-state-info",
                ],
            ) => match find(&state.devices, "endpointID", e) {
                Some(d) => Reply::json(
                    200,
                    &json!({
                        "endpointID": e, "clientID": d["companyID"], "siteID": d["siteID"],
                        "startupStatus": {"lastBootUpTimeUTC": "2025-11-28T05:16:43Z"},
                        "lastLoggedOnUser": {"username": "ACME\\pat", "isAdmin": false}, "loggedOnUsers": [],
                    }),
                ),
                None => error(404, "not_found", "resource not found"),
            },
            ("GET", ["api", "platform", "v1", "device-groups"]) => Reply::json(
                200,
                &json!([{"id": "dg-1", "name": "Servers", "predefined": true, "static": false}]),
            ),
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "device-groups",
                    "dg-1",
                    "endpoints",
                ],
            ) => {
                let ids: Vec<&Value> = state
                    .devices
                    .iter()
                    .filter(|d| d["endpointType"] == "Server")
                    .map(|d| &d["endpointID"])
                    .collect();
                Reply::json(200, &ids)
            }
            ("POST", ["api", "platform", "v1", "device", "token"]) => install_token(request),
            ("GET", ["api", "platform", "v1", "automation", "scripts"]) => {
                Reply::json(200, &state.scripts)
            }
            ("GET", ["api", "platform", "v1", "automation", "shellScripts"]) => Reply::json(
                200,
                &json!({"Templates": [{"templateId": "51a74346-e19b-11e7-9809-0800279505d9", "name": "PowerShell", "executorEngine": "powershell", "hasParameters": true}], "count": 1}),
            ),
            ("GET", ["api", "platform", "v1", "automation", "tasks"]) => Reply::json(
                200,
                &json!([{"name": "Run script", "type": "script", "JSONSchema": "{}", "userParameters": "{}"}]),
            ),
            ("GET", ["api", "platform", "v1", "automation", "tasks", "summary"]) => {
                let results: Vec<Value> = state
                    .tasks
                    .iter()
                    .map(|t| json!({"taskId": t.task_id, "name": t.body["name"]}))
                    .collect();
                Reply::json(
                    200,
                    &json!({"Results": results, "Count": state.tasks.len()}),
                )
            }
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v1",
                    "automation",
                    "tasks",
                    task,
                    "instances",
                    "summary",
                ],
            ) => match state.tasks.iter().find(|t| t.task_id == *task) {
                Some(t) => Reply::json(
                    200,
                    &json!({"Results": [{"instanceId": t.instance_id, "taskId": t.task_id}], "Count": 1}),
                ),
                None => error(404, "not_found", "task not found"),
            },
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "automation",
                    "endpoints",
                    e,
                    "tasks",
                    "summary",
                ],
            ) => {
                let tasks: Vec<Value> = state
                    .tasks
                    .iter()
                    .filter(|t| {
                        t.body["targets"]
                            .as_array()
                            .is_some_and(|a| a.iter().any(|x| x == *e))
                    })
                    .map(|t| json!({"taskID": t.task_id, "description": t.body["description"]}))
                    .collect();
                Reply::json(200, &tasks)
            }
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "automation",
                    "tasks",
                    task,
                    "instances",
                    instance,
                    "results",
                ],
            ) => {
                match state
                    .tasks
                    .iter()
                    .find(|t| t.task_id == *task && t.instance_id == *instance)
                {
                    Some(t) => {
                        let results: Vec<Value> = t.body["targets"].as_array().into_iter().flatten().map(|e| json!({
                            "endpointId": e, "completionStatus": "Success", "resultDetails": "done",
                            "taskId": t.task_id, "taskInstanceId": t.instance_id,
                        })).collect();
                        let count = results.len();
                        Reply::json(200, &json!({"Result": results, "Count": count}))
                    }
                    None => error(404, "not_found", "task instance not found"),
                }
            }
            (
                "POST",
                [
                    "api",
                    "platform",
                    "v2",
                    "automation",
                    "endpoints",
                    "schedule-tasks",
                ],
            ) => schedule(state, request),
            ("GET", ["api", "platform", "v1", "contact", "contacts"]) => {
                error(404, "not_found", "resource not found")
            }
            ("GET", ["api", "platform", "v2", "service", "ticketing", "tickets"]) => {
                tickets(state, request)
            }
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v2",
                    "service",
                    "ticketing",
                    "tickets",
                    id,
                ],
            ) => find(&state.tickets, "id", id).map_or_else(
                || ticket_error(404, "ticket not found"),
                |t| Reply::json(200, t),
            ),
            (
                "GET",
                [
                    "api",
                    "platform",
                    "v1",
                    "service",
                    "ticketing",
                    "tickets",
                    id,
                    "notes",
                ],
            ) => {
                let notes: Vec<&Value> = state
                    .notes
                    .iter()
                    .filter(|(t, _)| t == id)
                    .map(|(_, n)| n)
                    .collect();
                Reply::json(200, &notes)
            }
            _ => Reply::no_route(method, path),
        }
    }
}

fn find<'a>(records: &'a [Value], key: &str, id: &str) -> Option<&'a Value> {
    records.iter().find(|r| r[key] == id)
}

/// The `{resourceType, resources}` body, checked against Asio's limits.
fn resources(request: &FakeRequest) -> Result<(String, Vec<String>), Reply> {
    let body: Value = request
        .json()
        .map_err(|_| error(400, "bad_request", "the request body must be JSON"))?;
    let kind = body["resourceType"].as_str().unwrap_or_default().to_owned();
    let ids: Vec<String> = body["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let max = match kind.as_str() {
        "company" => 4,
        "site" => 10,
        "endpoint" => 500,
        _ => {
            return Err(error(
                400,
                "bad_request",
                "resourceType must be company, site or endpoint",
            ));
        }
    };
    if ids.is_empty() || ids.len() > max {
        return Err(error(
            400,
            "bad_request",
            &format!("resources must hold 1 to {max} ids for {kind}"),
        ));
    }
    Ok((kind, ids))
}

fn matches(device: &Value, kind: &str, ids: &[String]) -> bool {
    let key = match kind {
        "company" => "companyID",
        "site" => "siteID",
        _ => "endpointID",
    };
    device[key]
        .as_str()
        .is_some_and(|v| ids.iter().any(|i| i == v))
}

/// `cursor`/`limit` of a POST list; a 400 for values Asio refuses.
fn cursor(request: &FakeRequest) -> Result<(usize, usize), Reply> {
    let q = request.query();
    let limit = q
        .int("limit")
        .map_err(|_| error(400, "bad_request", "limit must be an integer"))?
        .unwrap_or(500);
    let cursor = q
        .int("cursor")
        .map_err(|_| error(400, "bad_request", "cursor must be an integer"))?
        .unwrap_or(0);
    if !(1..=500).contains(&limit) || cursor < 0 {
        return Err(error(
            400,
            "bad_request",
            "limit must be 1–500 and cursor ≥ 0",
        ));
    }
    Ok((
        usize::try_from(cursor).unwrap_or(0),
        usize::try_from(limit).unwrap_or(500),
    ))
}

fn project(device: &Value, fields: Option<&str>) -> Value {
    let meta = [
        "endpointID",
        "friendlyName",
        "deviceName",
        "endpointType",
        "createdAt",
    ];
    let mut out = serde_json::Map::new();
    let wanted: Vec<&str> = fields.map(|f| f.split(',').collect()).unwrap_or_default();
    if let Some(map) = device.as_object() {
        for (k, v) in map {
            if k == "companyID" || k == "siteID" {
                continue;
            }
            if meta.contains(&k.as_str()) || wanted.contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

fn device_list(state: &mut FakeState, request: &FakeRequest, category: &str) -> Reply {
    if !matches!(category, "platform" | "network" | "cloud" | "all") {
        return error(400, "bad_request", "unknown category");
    }
    let (kind, ids) = match resources(request) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let fields = request.query().get("field").map(str::to_owned);
    if fields.as_deref().is_some_and(|f| f.split(',').count() > 15) {
        return error(400, "bad_request", "at most 15 fields may be projected");
    }
    let (cursor, limit) = match cursor(request) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    state
        .device_list_bodies
        .push(request.json().unwrap_or(Value::Null));
    let server_only = request
        .query()
        .get("filter")
        .is_some_and(|f| f.contains("Server") && !f.contains("Desktop"));
    let all: Vec<&Value> = if category == "platform" || category == "all" {
        state
            .devices
            .iter()
            .filter(|d| matches(d, &kind, &ids))
            .filter(|d| !server_only || d["endpointType"] == "Server")
            .collect()
    } else {
        Vec::new()
    };
    if all.is_empty() || cursor >= all.len() {
        return error(404, "not_found", "resource not found");
    }
    let page = offset_page(&all, cursor, limit);
    let mut groups: Vec<Value> = Vec::new();
    for device in page.items {
        let projected = project(device, fields.as_deref());
        match groups.last_mut() {
            Some(g) if g["companyID"] == device["companyID"] && g["siteID"] == device["siteID"] => {
                if let Some(list) = g["endpoints"].as_array_mut() {
                    list.push(projected);
                }
            }
            _ => groups.push(json!({"companyID": device["companyID"], "siteID": device["siteID"], "endpoints": [projected]})),
        }
    }
    let mut reply = Reply::json(200, &json!({ category: groups }));
    if page.has_more {
        let next = (cursor + limit).to_string();
        reply = reply.with_header("Link", link_next(request.url(), &[("cursor", &next)]));
    }
    reply
}

fn applications(state: &mut FakeState, request: &FakeRequest) -> Reply {
    let (kind, ids) = match resources(request) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let (cursor, limit) = match cursor(request) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    state
        .device_list_bodies
        .push(request.json().unwrap_or(Value::Null));
    let all: Vec<&Value> = state
        .devices
        .iter()
        .filter(|d| matches(d, &kind, &ids))
        .collect();
    if all.is_empty() || cursor >= all.len() {
        return error(404, "not_found", "resource not found");
    }
    let page = offset_page(&all, cursor, limit);
    let records: Vec<Value> = page
        .items
        .iter()
        .map(|d| {
            json!({
                "companyID": d["companyID"], "siteID": d["siteID"], "endpointID": d["endpointID"],
                "applications": super::seed::installed_software(d),
            })
        })
        .collect();
    let mut reply = Reply::json(200, &records);
    if page.has_more {
        let next = (cursor + limit).to_string();
        reply = reply.with_header("Link", link_next(request.url(), &[("cursor", &next)]));
    }
    reply
}

fn heartbeat(state: &FakeState, request: &FakeRequest) -> Reply {
    let q = request.query();
    let kind = q.get("resourceType").unwrap_or_default();
    let ids: Vec<&str> = q
        .get("resources")
        .map(|r| r.split(',').collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 4 {
        return error(400, "bad_request", "resources must hold 1 to 4 ids");
    }
    let key = match kind {
        "endpoints" => "endpointID",
        "companies" => "companyID",
        _ => return error(400, "bad_request", "Invalid Resource Type"),
    };
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for id in ids {
        let found: Vec<&Value> = state.devices.iter().filter(|d| d[key] == id).collect();
        if found.is_empty() {
            failed.push(json!({"resourceType": kind, "resource": id, "error": "Not Found"}));
            continue;
        }
        for d in found {
            ok.push(json!({"clientID": d["companyID"], "siteID": d["siteID"], "endpoints": [
                {"EndpointID": d["endpointID"], "DcDateTimeUTC": "2025-11-28 05:16:43.565000+00:00", "Availability": d["endpointType"] == "Server"}
            ]}));
        }
    }
    let status = match (ok.is_empty(), failed.is_empty()) {
        (false, true) => "success",
        (false, false) => "partial_success",
        _ => "failed",
    };
    Reply::json(
        200,
        &json!({"status": status, "successfulRecords": ok, "failedRecords": failed}),
    )
}

fn install_token(request: &FakeRequest) -> Reply {
    let body: Value = match request.json() {
        Ok(b) => b,
        Err(_) => return error(400, "bad_request", "invalid body"),
    };
    if body.get("clientID").is_some() {
        return error(400, "bad_request", "ErrClientIDNotAllowed");
    }
    match (body["companyID"].as_str(), body["siteID"].as_str()) {
        (Some(c), Some(s)) if !c.is_empty() && !s.is_empty() => Reply::json(
            200,
            &format!(
                "f4b2990c-{:04x}-4132-967c-2fa3431e89df",
                (c.len() + s.len()) % 0xffff
            ),
        ),
        _ => error(400, "bad_request", "companyID and siteID are required"),
    }
}

fn schedule(state: &mut FakeState, request: &FakeRequest) -> Reply {
    let body: Value = match request.json() {
        Ok(b) => b,
        Err(_) => return error(400, "bad_request", "invalid body"),
    };
    if body.get("parameters").is_some_and(|p| !p.is_string()) {
        return error(400, "bad_request", "parameters must be a JSON string");
    }
    let targets_ok = body["targets"].as_array().is_some_and(|t| !t.is_empty());
    if !targets_ok
        || body["templateID"].as_str().is_none()
        || body["schedule"]["regularity"].as_str().is_none()
    {
        return error(
            400,
            "bad_request",
            "templateID, targets and schedule are required",
        );
    }
    let n = state.tasks.len();
    let task = StoredTask {
        task_id: format!("1f2e0000-0000-4000-8000-{n:012x}"),
        instance_id: format!("1f2e1111-0000-4000-8000-{n:012x}"),
        body: body.clone(),
    };
    let reply = json!({
        "taskId": task.task_id, "templateId": body["templateID"], "templateType": body["templateType"],
        "name": body["name"], "createdOn": "2025-01-02T03:04:05Z", "stateToBeSubmitted": "Scheduled",
    });
    state.tasks.push(task);
    Reply::json(201, &reply)
}

fn tickets(state: &FakeState, request: &FakeRequest) -> Reply {
    let q = request.query();
    let (page, size) = match (q.int("pageNum"), q.int("pageSize")) {
        (Ok(Some(p)), Ok(Some(s))) if s > 0 => (p, usize::try_from(s).unwrap_or(0)),
        (Ok(None), Ok(None)) => (1, 1000),
        _ => {
            return ticket_error(
                400,
                "pageNum and pageSize must be sent together as positive integers",
            );
        }
    };
    let list = |name: &str| {
        q.get(name)
            .map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
    };
    let companies = list("companyIds");
    let statuses = list("statusNames");
    let priorities = list("priorityNames");
    let all: Vec<&Value> = state
        .tickets
        .iter()
        .filter(|t| {
            companies
                .as_ref()
                .is_none_or(|c| c.iter().any(|c| t["company"]["id"] == c.as_str()))
        })
        .filter(|t| {
            statuses
                .as_ref()
                .is_none_or(|s| s.iter().any(|s| t["status"]["name"] == s.as_str()))
        })
        .filter(|t| {
            priorities
                .as_ref()
                .is_none_or(|p| p.iter().any(|p| t["priority"]["name"] == p.as_str()))
        })
        .collect();
    let slice = numbered_page(&all, page, size, 1);
    // Past the end: empty, and a total of 0 (as Asio answers).
    let total = if slice.items.is_empty() { 0 } else { all.len() };
    Reply::json(200, &json!({"tickets": slice.items, "totalCount": total}))
}
