//! The fake's routes: Basic auth, the fake's own per-area permission oracle
//! and organization scoping, then the endpoints.

use neo_auth_core::testkit::{FakeRequest, Reply, Router, offset_page, url_with_params};
use serde_json::{Map, Value, json};

use super::filter::FakeFilter;
use super::seed::{DEVICE_LIST_FIELDS, FakeState};

/// The fake's router.
pub(crate) struct VsaxRouter;

/// VSA X's error body (as far as one client reads it).
pub(crate) fn error(status: u16, message: &str, details: &str) -> Reply {
    Reply::json(
        status,
        &json!({"Meta": {"ResponseCode": status}, "Error": {"Message": message, "Details": details}}),
    )
}

/// The permission a request needs, as the fake names it (independent of the client).
fn needed(method: &str, segments: &[&str]) -> Option<(&'static str, &'static str)> {
    let write = method != "GET";
    Some(match segments.first().copied()? {
        "devices" => ("devices.read", "Devices"),
        "assets" => ("device_assets.read", "Device Assets"),
        "organizations" | "sites" | "groups" => {
            ("organizations.read", "Organizations / Sites / Groups")
        }
        "automation" if write => ("automation.write", "Automation"),
        "automation" => ("automation.read", "Automation"),
        "notifications" if write => ("notifications.write", "Notifications"),
        "notifications" => ("notifications.read", "Notifications"),
        _ => return None,
    })
}

impl FakeState {
    fn holds(&self, permission: &str) -> bool {
        self.config.granted.iter().any(|granted| {
            let name = granted.name();
            name == permission
                || permission
                    .strip_suffix(".read")
                    .is_some_and(|area| name.strip_suffix(".write") == Some(area))
        })
    }

    /// Whether the token's organization scope covers `org`.
    fn sees(&self, org: Option<i64>) -> bool {
        match (&self.config.organizations, org) {
            (None, _) => true,
            (Some(allowed), Some(org)) => allowed.contains(&org),
            (Some(_), None) => false,
        }
    }

    fn bare(&self, segment: &str) -> bool {
        self.config
            .bare
            .iter()
            .any(|b| b.eq_ignore_ascii_case(segment))
    }

    /// A list page: `$filter`, `$skip`/`$top` (capped), `TotalCount`, and
    /// `NextQueryLink` above the threshold.
    fn page(&self, request: &FakeRequest, segment: &str, records: Vec<Value>) -> Reply {
        let query = request.query();
        let records = match query.get("$filter") {
            None => records,
            Some(text) => match FakeFilter::parse(text) {
                Ok(filter) => records.into_iter().filter(|r| filter.matches(r)).collect(),
                Err(why) => return error(400, "Bad Request", &why),
            },
        };
        let total = records.len();
        let skip = usize::try_from(query.int_lenient("$skip").unwrap_or(0)).unwrap_or(0);
        let top = query
            .int_lenient("$top")
            .and_then(|t| usize::try_from(t).ok())
            .filter(|t| *t > 0)
            .unwrap_or(self.config.default_top)
            .min(self.config.max_top);
        let slice = offset_page(&records, skip, top);
        if self.bare(segment) {
            return Reply::json(200, &slice.items);
        }
        let next = (total > self.config.next_link_above && slice.has_more).then(|| {
            let skip = (skip + slice.items.len()).to_string();
            let top = top.to_string();
            url_with_params(request.url(), &[("$skip", &skip), ("$top", &top)]).to_string()
        });
        Reply::json(
            200,
            &json!({"Data": slice.items, "Meta": {"TotalCount": total, "NextQueryLink": next, "ResponseCode": 200}}),
        )
    }

    fn one(&self, segment: &str, record: Value) -> Reply {
        if self.bare(segment) {
            return Reply::json(200, &record);
        }
        Reply::json(200, &json!({"Data": record, "Meta": {"ResponseCode": 200}}))
    }
}

fn org_of(record: &Value) -> Option<i64> {
    record["OrganizationId"].as_i64()
}

fn id_matches(record: &Value, key: &str, id: &str) -> bool {
    match &record[key] {
        Value::String(s) => s.eq_ignore_ascii_case(id),
        Value::Number(n) => n.to_string() == id,
        _ => false,
    }
}

fn pick(record: &Value, fields: &[&str]) -> Value {
    let mut out = Map::new();
    for field in fields {
        if let Some(value) = record.get(*field) {
            out.insert((*field).to_owned(), value.clone());
        }
    }
    Value::Object(out)
}

fn without(record: &Value, fields: &[&str]) -> Value {
    let mut out = record.clone();
    if let Some(map) = out.as_object_mut() {
        for field in fields {
            map.remove(*field);
        }
    }
    out
}

fn not_found(what: &str, id: &str) -> Reply {
    error(404, "Not Found", &format!("no {what} {id}"))
}

fn out_of_scope(what: &str, id: &str) -> Reply {
    error(
        403,
        "Forbidden",
        &format!("the {what} {id} belongs to an organization outside the token's scope"),
    )
}

const NOW: &str = "2026-09-24T16:15:02Z";

impl Router<FakeState> for VsaxRouter {
    fn route(&self, state: &mut FakeState, request: &FakeRequest) -> Reply {
        let authorized = request.basic().is_some_and(|(id, secret)| {
            id == state.config.token_id && secret == state.config.token_secret
        });
        if !authorized {
            return error(
                401,
                "Unauthorized",
                "the Token ID or Token Secret is not valid",
            );
        }
        let method = request.method();
        let Some(rest) = request.route_path().strip_prefix("/api/v3") else {
            return Reply::no_route(method, request.route_path());
        };
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        if let Some((permission, area)) = needed(method, &segments)
            && !state.holds(permission)
        {
            return error(
                403,
                "Forbidden",
                &format!("the token has no {area} permission"),
            );
        }
        match (method, segments.as_slice()) {
            ("GET", ["environment"]) => state.one(
                "environment",
                json!({"Name": "fake tenant", "Version": "10.fake"}),
            ),
            ("GET", ["devices", rest @ ..]) => devices(state, request, rest),
            ("GET", ["assets"]) => {
                let list = state
                    .assets
                    .iter()
                    .filter(|a| state.sees(org_of(a)))
                    .cloned()
                    .collect();
                state.page(request, "assets", list)
            }
            ("GET", ["assets", id]) => match state
                .assets
                .iter()
                .find(|a| id_matches(a, "Identifier", id))
            {
                None => not_found("asset", id),
                Some(a) if !state.sees(org_of(a)) => out_of_scope("asset", id),
                Some(a) => state.one("assets", a.clone()),
            },
            ("GET", [kind @ ("organizations" | "sites" | "groups"), rest @ ..]) => {
                hierarchy(state, request, kind, rest)
            }
            (_, ["automation", rest @ ..]) => automation(state, request, rest),
            (_, ["notifications", "webhooks", rest @ ..]) => webhooks(state, request, rest),
            (_, ["notifications", rest @ ..]) => notifications(state, request, rest),
            _ => Reply::no_route(method, request.route_path()),
        }
    }
}

fn devices(state: &FakeState, request: &FakeRequest, rest: &[&str]) -> Reply {
    let [id, tail @ ..] = rest else {
        let list = state
            .devices
            .iter()
            .filter(|d| state.sees(org_of(d)))
            .map(|d| pick(d, DEVICE_LIST_FIELDS))
            .collect();
        return state.page(request, "devices", list);
    };
    let Some(device) = state
        .devices
        .iter()
        .find(|d| id_matches(d, "Identifier", id))
    else {
        return not_found("device", id);
    };
    if !state.sees(org_of(device)) {
        return out_of_scope("device", id);
    }
    match tail {
        [] => state.one(
            "devices",
            without(device, &["CustomFields", "AppliedPolicies", "Antivirus"]),
        ),
        ["customfields"] => state.one("devices", device["CustomFields"].clone()),
        ["appliedpolicies"] => state.one("devices", device["AppliedPolicies"].clone()),
        ["antivirus"] => state.one("devices", device["Antivirus"].clone()),
        ["notifications"] => {
            let list = state
                .notifications
                .iter()
                .filter(|n| id_matches(n, "DeviceIdentifier", id))
                .cloned()
                .collect();
            state.page(request, "devices", list)
        }
        _ => Reply::no_route(request.method(), request.route_path()),
    }
}

fn hierarchy(state: &FakeState, request: &FakeRequest, kind: &str, rest: &[&str]) -> Reply {
    let (records, noun) = match kind {
        "organizations" => (&state.organizations, "organization"),
        "sites" => (&state.sites, "site"),
        _ => (&state.groups, "group"),
    };
    let org = |r: &Value| {
        if kind == "organizations" {
            r["Id"].as_i64()
        } else {
            org_of(r)
        }
    };
    match rest {
        [] => {
            let list = records
                .iter()
                .filter(|r| state.sees(org(r)))
                .cloned()
                .collect();
            state.page(request, kind, list)
        }
        [id, tail @ ..] => {
            let Some(record) = records.iter().find(|r| id_matches(r, "Id", id)) else {
                return not_found(noun, id);
            };
            if !state.sees(org(record)) {
                return out_of_scope(noun, id);
            }
            match tail {
                [] => state.one(kind, record.clone()),
                ["customfields"] => state.one(
                    kind,
                    json!([{"Id": 11, "Name": "PSA company", "Value": record["Name"], "Type": "Text"}]),
                ),
                _ => Reply::no_route(request.method(), request.route_path()),
            }
        }
    }
}

fn automation(state: &mut FakeState, request: &FakeRequest, rest: &[&str]) -> Reply {
    let method = request.method();
    match (method, rest) {
        ("GET", [kind @ ("scripts" | "tasks" | "workflows")]) => {
            let list = catalog(state, kind).clone();
            state.page(request, "automation", list)
        }
        ("GET", ["tasks", "executions", tail @ ..]) => task_executions(state, tail),
        ("GET", ["workflows", "executions"]) => {
            let list = state.workflow_executions.clone();
            state.page(request, "automation", list)
        }
        ("GET", ["workflows", "executions", id]) => {
            match state
                .workflow_executions
                .iter()
                .find(|e| id_matches(e, "Id", id))
            {
                Some(e) => state.one("automation", e.clone()),
                None => not_found("workflow execution", id),
            }
        }
        ("GET", [kind @ ("scripts" | "tasks" | "workflows"), id]) => {
            match catalog(state, kind)
                .iter()
                .find(|r| id_matches(r, "Id", id))
            {
                Some(r) => state.one("automation", r.clone()),
                None => not_found(kind, id),
            }
        }
        ("GET", ["scripts", script, "device", device, "executions", tail @ ..]) => {
            let list: Vec<Value> = state
                .script_executions
                .iter()
                .filter(|e| {
                    id_matches(e, "ScriptId", script) && id_matches(e, "DeviceIdentifier", device)
                })
                .cloned()
                .collect();
            match tail {
                [] => state.page(request, "automation", list),
                [id] => match list.into_iter().find(|e| id_matches(e, "ExecutionId", id)) {
                    Some(e) => state.one("automation", e),
                    None => not_found("script execution", id),
                },
                _ => Reply::no_route(method, request.route_path()),
            }
        }
        ("POST", [kind @ ("scripts" | "tasks" | "workflows"), id, "run"]) => {
            run(state, request, kind, id)
        }
        _ => Reply::no_route(method, request.route_path()),
    }
}

fn catalog<'s>(state: &'s FakeState, kind: &str) -> &'s Vec<Value> {
    match kind {
        "scripts" => &state.scripts,
        "tasks" => &state.tasks,
        _ => &state.workflows,
    }
}

fn task_executions(state: &FakeState, rest: &[&str]) -> Reply {
    let [id, tail @ ..] = rest else {
        return error(404, "Not Found", "a task execution id is needed");
    };
    let Some(execution) = state
        .task_executions
        .iter()
        .find(|e| id_matches(e, "ExecutionId", id))
    else {
        return not_found("task execution", id);
    };
    let devices = execution["Devices"].as_array().cloned().unwrap_or_default();
    match tail {
        [] => state.one("automation", without(execution, &["Devices"])),
        ["devices"] => state.one(
            "automation",
            Value::Array(devices.iter().map(|d| without(d, &["Scripts"])).collect()),
        ),
        ["devices", device, rest @ ..] => {
            let Some(d) = devices
                .iter()
                .find(|d| id_matches(d, "DeviceIdentifier", device))
            else {
                return not_found("device of the execution", device);
            };
            let scripts = d["Scripts"].as_array().cloned().unwrap_or_default();
            match rest {
                ["scripts"] => state.one("automation", Value::Array(scripts)),
                ["scripts", script] => match scripts
                    .into_iter()
                    .find(|s| id_matches(s, "ScriptId", script))
                {
                    Some(s) => state.one("automation", s),
                    None => not_found("script of the execution", script),
                },
                _ => error(404, "Not Found", "no such execution resource"),
            }
        }
        _ => error(404, "Not Found", "no such execution resource"),
    }
}

/// Records a run as an execution and answers with its id.
fn run(state: &mut FakeState, request: &FakeRequest, kind: &str, id: &str) -> Reply {
    let Some(item) = catalog(state, kind)
        .iter()
        .find(|r| id_matches(r, "Id", id))
        .cloned()
    else {
        return not_found(kind, id);
    };
    let Ok(body) = request.json::<Value>() else {
        return error(400, "Bad Request", "the body is not JSON");
    };
    let device_ok = |state: &FakeState, device: &str| {
        state
            .devices
            .iter()
            .find(|d| id_matches(d, "Identifier", device))
            .map(|d| state.sees(org_of(d)))
    };
    let execution = state.take_id();
    match kind {
        "scripts" => {
            let Some(device) = body["DeviceIdentifier"].as_str() else {
                return error(400, "Bad Request", "DeviceIdentifier is required");
            };
            match device_ok(state, device) {
                None => return not_found("device", device),
                Some(false) => return out_of_scope("device", device),
                Some(true) => {}
            }
            state.script_executions.push(json!({
                "ExecutionId": execution.to_string(), "ScriptId": item["Id"], "DeviceIdentifier": device,
                "Status": "Completed", "StartTime": NOW, "EndTime": NOW,
                "Output": format!("{} finished", item["Name"].as_str().unwrap_or("script")), "ExitCode": 0,
                "Variables": body["Variables"]
            }));
        }
        "tasks" => {
            let targets: Vec<String> = match body["DeviceIdentifiers"].as_array() {
                Some(ids) => ids
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                None => state
                    .devices
                    .iter()
                    .take(2)
                    .filter_map(|d| d["Identifier"].as_str().map(str::to_owned))
                    .collect(),
            };
            let devices: Vec<Value> = targets
                .iter()
                .map(|device| json!({
                    "DeviceIdentifier": device, "Status": "Completed",
                    "Scripts": [{"ScriptId": 42, "Name": "Clear temp folder", "Status": "Completed", "Output": "ok", "ExitCode": 0}]
                }))
                .collect();
            state.task_executions.push(json!({
                "ExecutionId": execution.to_string(), "TaskId": item["Id"], "Status": "Completed",
                "StartTime": NOW, "Devices": devices
            }));
        }
        _ => state.workflow_executions.push(json!({
            "Id": execution, "WorkflowId": item["Id"], "Status": "Running", "StartTime": NOW,
            "DeviceIdentifiers": body["DeviceIdentifiers"]
        })),
    }
    state.one("automation", json!({"ExecutionId": execution}))
}

fn priority(text: &str) -> Option<&'static str> {
    ["Low", "Normal", "Elevated", "Critical"]
        .into_iter()
        .find(|p| p.eq_ignore_ascii_case(text))
}

fn notifications(state: &mut FakeState, request: &FakeRequest, rest: &[&str]) -> Reply {
    match (request.method(), rest) {
        ("GET", []) => {
            let list = state
                .notifications
                .iter()
                .filter(|n| state.sees(org_of(n)))
                .cloned()
                .collect();
            state.page(request, "notifications", list)
        }
        ("GET", [id]) => match state
            .notifications
            .iter()
            .find(|n| id_matches(n, "Identifier", id))
        {
            None => not_found("notification", id),
            Some(n) if !state.sees(org_of(n)) => out_of_scope("notification", id),
            Some(n) => state.one("notifications", n.clone()),
        },
        ("POST", []) => {
            let Ok(body) = request.json::<Value>() else {
                return error(400, "Bad Request", "the body is not JSON");
            };
            let title = body["Title"].as_str().unwrap_or("").trim().to_owned();
            let Some(severity) = body["Priority"].as_str().and_then(priority) else {
                return error(
                    400,
                    "Bad Request",
                    "Priority must be Low, Normal, Elevated or Critical",
                );
            };
            if title.is_empty() {
                return error(400, "Bad Request", "Title is required");
            }
            let id = state.take_id().to_string();
            let record = json!({
                "Identifier": id, "DeviceIdentifier": body["InstanceId"], "Severity": severity,
                "Title": title, "Description": body["Message"], "CreatedOn": NOW, "IsRead": false
            });
            state.notifications.push(record.clone());
            state.one("notifications", record)
        }
        ("DELETE", [id]) => {
            let before = state.notifications.len();
            state
                .notifications
                .retain(|n| !id_matches(n, "Identifier", id));
            if state.notifications.len() == before {
                not_found("notification", id)
            } else {
                Reply::empty(204)
            }
        }
        _ => Reply::no_route(request.method(), request.route_path()),
    }
}

const WEBHOOK_SETTINGS: &[&str] = &[
    "Name",
    "Description",
    "Url",
    "Priorities",
    "OrganizationIds",
    "Headers",
    "Language",
];

fn webhooks(state: &mut FakeState, request: &FakeRequest, rest: &[&str]) -> Reply {
    let public = |w: &Value| without(w, &["SecretKey"]);
    match (request.method(), rest) {
        ("GET", []) => {
            let list = state.webhooks.iter().map(public).collect();
            state.page(request, "notifications", list)
        }
        ("GET", [id]) => match state.webhooks.iter().find(|w| id_matches(w, "Id", id)) {
            Some(w) => state.one("notifications", public(w)),
            None => not_found("webhook", id),
        },
        ("POST", []) => {
            let Ok(body) = request.json::<Value>() else {
                return error(400, "Bad Request", "the body is not JSON");
            };
            if body["Name"].as_str().is_none_or(str::is_empty)
                || body["Url"].as_str().is_none_or(str::is_empty)
            {
                return error(400, "Bad Request", "Name and Url are required");
            }
            let n = state.take_id();
            let mut record = pick(&body, WEBHOOK_SETTINGS);
            record["Id"] = json!(format!("wh-{n}"));
            record["SecretKey"] = json!(format!("secret-{n}"));
            state.webhooks.push(record.clone());
            state.one("notifications", record)
        }
        (method @ ("PUT" | "PATCH"), [id]) => {
            let Ok(body) = request.json::<Value>() else {
                return error(400, "Bad Request", "the body is not JSON");
            };
            let Some(hook) = state.webhooks.iter_mut().find(|w| id_matches(w, "Id", id)) else {
                return not_found("webhook", id);
            };
            if method == "PUT" {
                for field in WEBHOOK_SETTINGS {
                    if let Some(map) = hook.as_object_mut() {
                        map.remove(*field);
                    }
                }
            }
            if let (Some(map), Some(changes)) = (
                hook.as_object_mut(),
                pick(&body, WEBHOOK_SETTINGS).as_object(),
            ) {
                map.extend(changes.clone());
            }
            let reply = public(hook);
            state.one("notifications", reply)
        }
        ("DELETE", [id]) => {
            let before = state.webhooks.len();
            state.webhooks.retain(|w| !id_matches(w, "Id", id));
            if state.webhooks.len() == before {
                not_found("webhook", id)
            } else {
                Reply::empty(204)
            }
        }
        ("POST", [id, "regeneratesecretkey"]) => {
            let n = state.take_id();
            let Some(hook) = state.webhooks.iter_mut().find(|w| id_matches(w, "Id", id)) else {
                return not_found("webhook", id);
            };
            let secret = format!("secret-{n}");
            hook["SecretKey"] = json!(secret);
            state.one("notifications", json!({"SecretKey": secret}))
        }
        _ => Reply::no_route(request.method(), request.route_path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::FakeConfig;
    use base64::Engine;

    fn request(method: &str, path_and_query: &str) -> FakeRequest {
        let basic =
            base64::engine::general_purpose::STANDARD.encode("fake-token-id:fake-token-secret");
        FakeRequest::new(method, &format!("http://127.0.0.1:1{path_and_query}"))
            .unwrap()
            .with_header("authorization", &format!("Basic {basic}"))
    }

    fn answer(config: FakeConfig, request: &FakeRequest) -> Reply {
        VsaxRouter.route(&mut FakeState::seeded(config), request)
    }

    #[test]
    fn unauthenticated_requests_get_vsax_401_bodies() {
        let bare = FakeRequest::new("GET", "http://127.0.0.1:1/api/v3/devices").unwrap();
        let reply = answer(FakeConfig::default(), &bare);
        assert_eq!(reply.status(), 401);
        assert_eq!(reply.body_json().unwrap()["Meta"]["ResponseCode"], 401);
    }

    #[test]
    fn areas_are_enforced_by_the_fakes_own_rules() {
        let config = FakeConfig::default().granted([&crate::permissions::NOTIFICATIONS_WRITE]);
        assert_eq!(
            answer(config.clone(), &request("GET", "/api/v3/notifications")).status(),
            200
        );
        let refused = answer(config, &request("GET", "/api/v3/assets"));
        assert_eq!(refused.status(), 403);
        assert!(
            refused.body_json().unwrap()["Error"]["Details"]
                .as_str()
                .unwrap()
                .contains("Device Assets")
        );
    }

    #[test]
    fn next_query_link_only_above_the_threshold() {
        let few = answer(
            FakeConfig::default(),
            &request("GET", "/api/v3/devices?$top=5"),
        );
        let body = few.body_json().unwrap();
        assert_eq!(body["Meta"]["TotalCount"], 12);
        assert!(body["Meta"]["NextQueryLink"].is_null());
        let config = FakeConfig::default().next_link_above(10);
        let many = answer(config, &request("GET", "/api/v3/devices?$top=5&$skip=5"));
        let link = many.body_json().unwrap()["Meta"]["NextQueryLink"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            link.contains("%24skip=10") || link.contains("$skip=10"),
            "{link}"
        );
    }

    #[test]
    fn bare_endpoints_answer_arrays() {
        let reply = answer(
            FakeConfig::default().bare(["organizations"]),
            &request("GET", "/api/v3/organizations"),
        );
        assert!(reply.body_json().unwrap().is_array());
    }
}
