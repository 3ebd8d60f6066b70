//! Every example payload of the vendor notes (fixtures) and of the v2.2.8 spec
//! decodes into the crate's models; unknown fields are kept, missing ones
//! tolerated, unknown enum values kept, numbers read leniently, and a wrong
//! type is a decode error naming its path — never a panic.

use asio_client::models::*;
use neo_auth_core::decode_json;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fixture<T: DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    decode_json(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_fixture_of_the_notes_decodes() {
    let companies: Vec<Company> = fixture("companies.json");
    assert_eq!(companies[0].name, "Acme Corp");
    assert_eq!(
        companies[0].primary_site.as_ref().unwrap().id.as_deref(),
        Some("9f1e")
    );
    let site: Site = fixture("site.json");
    assert_eq!(site.company_id(), Some("5b0c"));
    let groups: Value = fixture("device_list.json");
    let groups: Vec<EndpointGroup> = serde_json::from_value(groups["platform"].clone()).unwrap();
    let devices = groups.into_iter().next().unwrap().into_devices("platform");
    assert_eq!(devices[0].company_id, "5b0c");
    assert_eq!(devices[0].site_id, "9f1e");
    assert_eq!(devices[0].endpoint_type, Some(EndpointType::Desktop));
    assert_eq!(
        devices[0].system.as_ref().unwrap().serial_number.as_deref(),
        Some("ABC123")
    );
    let details: DeviceDetails = fixture("device_details.json");
    assert!(details.platform.is_some() && details.extra.contains_key("endpointMapping"));
    let beat: Heartbeat = fixture("heartbeat.json");
    assert_eq!(beat.status, Some(HeartbeatStatus::PartialSuccess));
    assert_eq!(beat.availabilities().next().unwrap().online, Some(true));
    assert_eq!(beat.failed_records[0].error.as_deref(), Some("Not Found"));
    let state: SystemState = fixture("system_state.json");
    assert_eq!(state.company_id.as_deref(), Some("5b0c"));
    let groups: Vec<DeviceGroup> = fixture("device_groups.json");
    assert_eq!(groups[0].is_static, Some(false));
    let apps: Vec<EndpointApplications> = fixture("applications.json");
    assert_eq!(apps[0].applications[0].size_bytes(), Some(5_242_880));
    let token: InstallToken = fixture("install_token.json");
    assert_eq!(token.as_str(), "f4b2990c-075a-4132-967c-2fa3431e89df");
    let scripts: Vec<Script> = fixture("scripts.json");
    assert_eq!(scripts[0].has_parameters, Some(true));
    let shell: Value = fixture("shell_scripts.json");
    let shell: Vec<ShellScript> = serde_json::from_value(shell["Templates"].clone()).unwrap();
    assert_eq!(shell[0].expected_execution_time_sec, Some(60));
    let tasks: Vec<TaskDefinition> = fixture("tasks.json");
    assert_eq!(tasks[0].json_schema.as_deref(), Some("{}"));
    let results: Value = fixture("task_results.json");
    let results: Vec<TaskResult> = serde_json::from_value(results["Result"].clone()).unwrap();
    assert_eq!(results[0].completion_status.as_deref(), Some("Success"));
    let reply: ScheduledTask = fixture("schedule_task_reply.json");
    assert_eq!(reply.task_id, "1f2e");
    let page: TicketPage = fixture("tickets.json");
    assert_eq!(page.total_count, Some(1));
    assert_eq!(page.tickets[0].due_date.as_deref(), Some("01/31/2025"));
    assert!(page.tickets[0].extra.contains_key("nocTicketId"));
    let notes: Vec<TicketNote> = fixture("ticket_notes.json");
    assert_eq!(notes[0].visibility, Some(1));
    let fields: Vec<CustomField> = fixture("custom_fields.json");
    assert_eq!(fields[0].value, json!("Gold"));
    let limits: RateLimits = fixture("rate_limits.json");
    assert_eq!(limits.buckets().count(), 2);
    assert!(limits.buckets().all(|(_, _, b)| b.limit == Some(35)));
}

#[test]
fn the_run_script_body_is_the_notes_example() {
    let expected: Value = fixture("schedule_task_request.json");
    let run = RunScript::new("8c1d", "Run hotfix", ["d1ce"])
        .parameters(&json!({"Arg1": "value"}))
        .unwrap();
    assert_eq!(serde_json::to_value(&run).unwrap(), expected);
}

fn spec() -> Value {
    serde_norway::from_str(include_str!("fixtures/asio-openapi-2.2.8.yaml")).unwrap()
}

fn resolve<'a>(root: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(root, root.pointer(r.trim_start_matches('#')).unwrap()),
        None => v,
    }
}

/// An example built from a schema: its `example`s where given, else a value
/// of the declared type (depth-limited: the schemas are recursive).
fn example(root: &Value, schema: &Value, depth: u32) -> Value {
    let schema = resolve(root, schema);
    if let Some(e) = schema.get("example") {
        return e.clone();
    }
    if depth > 6 {
        return Value::Null;
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut out = serde_json::Map::new();
        for part in parts {
            if let Value::Object(m) = example(root, part, depth + 1) {
                out.extend(m);
            }
        }
        return Value::Object(out);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => json!([example(root, &schema["items"], depth + 1)]),
        Some("string") => json!("x"),
        Some("integer") | Some("number") => json!(1),
        Some("boolean") => json!(true),
        _ => match schema.get("properties").and_then(Value::as_object) {
            Some(props) => Value::Object(
                props
                    .iter()
                    .map(|(k, s)| (k.clone(), example(root, s, depth + 1)))
                    .collect(),
            ),
            None => json!({}),
        },
    }
}

fn response_example(root: &Value, path: &str, method: &str) -> Value {
    let op = &root["paths"][path][method];
    let ok = op["responses"]
        .get("200")
        .or_else(|| op["responses"].get("201"))
        .unwrap();
    let content = &ok["content"]["application/json"];
    content
        .get("example")
        .cloned()
        .unwrap_or_else(|| example(root, &content["schema"], 0))
}

#[test]
fn the_spec_examples_and_schema_shaped_answers_decode() {
    let root = spec();
    let token = response_example(&root, "/v1/token", "post");
    assert!(token["access_token"].is_string());
    let limits: RateLimits =
        serde_json::from_value(response_example(&root, "/v1/rate_limits", "get")).unwrap();
    assert!(limits.buckets().count() > 0);

    fn decode<T: DeserializeOwned>(root: &Value, path: &str, method: &str) -> T {
        let value = response_example(root, path, method);
        decode_json(&serde_json::to_vec(&value).unwrap())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}\n{value}"))
    }
    let v1 = "/api/platform/v1";
    let v2 = "/api/platform/v2";
    let _: Vec<Company> = decode(&root, &format!("{v1}/company/companies"), "get");
    let _: Company = decode(
        &root,
        &format!("{v1}/company/companies/{{companyId}}"),
        "get",
    );
    let _: Vec<CustomField> = decode(
        &root,
        &format!("{v1}/company/companies/{{companyId}}/custom-fields"),
        "get",
    );
    let _: Vec<Site> = decode(&root, &format!("{v1}/company/sites"), "get");
    let _: Site = decode(&root, &format!("{v1}/company/sites/{{siteId}}"), "get");
    let _: Vec<Script> = decode(&root, &format!("{v1}/automation/scripts"), "get");
    let _: Vec<TaskDefinition> = decode(&root, &format!("{v1}/automation/tasks"), "get");
    let _: Vec<DeviceGroup> = decode(&root, &format!("{v1}/device-groups"), "get");
    let _: Vec<TicketNote> = decode(
        &root,
        &format!("{v1}/service/ticketing/tickets/{{id}}/notes"),
        "get",
    );
    let page: TicketPage = decode(&root, &format!("{v2}/service/ticketing/tickets"), "get");
    assert_eq!(page.tickets.len(), 1);
    let _: Ticket = decode(
        &root,
        &format!("{v2}/service/ticketing/tickets/{{id}}"),
        "get",
    );
    let _: DeviceDetails = decode(
        &root,
        &format!("{v2}/device/companies/{{companyID}}/sites/{{siteID}}/endpoints/{{endpointID}}"),
        "get",
    );
    let _: Heartbeat = decode(&root, &format!("{v2}/device/endpoints/heartbeat"), "get");
    let _: SystemState = decode(
        &root,
        &format!("{v2}/device/endpoints/{{endpointId}}/system-state-info"),
        "get",
    );
    let _: Vec<EndpointApplications> = decode(
        &root,
        &format!("{v2}/device/endpoints/applications"),
        "post",
    );
    let _: Vec<EndpointTaskSummary> = decode(
        &root,
        &format!("{v2}/automation/endpoints/{{endpointId}}/tasks/summary"),
        "get",
    );
    let _: ScheduledTask = decode(
        &root,
        &format!("{v2}/automation/endpoints/schedule-tasks"),
        "post",
    );
    let list: Value = decode(
        &root,
        &format!("{v2}/device/categories/{{category}}/endpoints"),
        "post",
    );
    let groups: Vec<EndpointGroup> = serde_json::from_value(list["platform"].clone()).unwrap();
    assert!(!groups.is_empty());
    let shell: Value = decode(&root, &format!("{v1}/automation/shellScripts"), "get");
    let _: Vec<ShellScript> = serde_json::from_value(shell["Templates"].clone()).unwrap();
    let results: Value = decode(
        &root,
        &format!("{v2}/automation/tasks/{{taskId}}/instances/{{instanceId}}/results"),
        "get",
    );
    let _: Vec<TaskResult> = serde_json::from_value(results["Result"].clone()).unwrap();
}

#[test]
fn tolerant_decoding_and_path_naming_errors() {
    // Unknown fields kept, optional ones missing, an unknown enum value kept,
    // numbers as strings read leniently.
    let page: TicketPage = decode_json(
        br#"{"tickets":[{"id":"t","brandNew":{"a":1},"number":10423}],"totalCount":"7"}"#,
    )
    .unwrap();
    assert_eq!(page.total_count, Some(7));
    assert_eq!(page.tickets[0].number.as_deref(), Some("10423"));
    assert_eq!(page.tickets[0].extra["brandNew"], json!({"a": 1}));
    let device: Device = decode_json(br#"{"endpointId":"e","endpointType":"Hypervisor"}"#).unwrap();
    assert_eq!(
        device.endpoint_type,
        Some(EndpointType::Unknown("Hypervisor".into()))
    );
    let beat: Heartbeat = decode_json(br#"{"status":"degraded"}"#).unwrap();
    assert!(beat.status.unwrap().is_unknown());
    // A wrong type is a decode error naming its path.
    let err = decode_json::<TicketPage>(br#"{"tickets":[{"id":"t","tags":"oops"}]}"#).unwrap_err();
    assert!(err.to_string().contains("tickets[0].tags"), "{err}");
    let err =
        decode_json::<RateLimits>(br#"{"resources":{"g":{"b":{"limit":"big"}}}}"#).unwrap_err();
    assert!(err.to_string().contains("resources.g.b.limit"), "{err}");
}
