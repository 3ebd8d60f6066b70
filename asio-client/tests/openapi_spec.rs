//! Every request the crate sends, checked against the vendor's OpenAPI
//! document (v2.2.8, copied into `tests/fixtures/`): the path matches a
//! declared path template, the method is declared on it, every query
//! parameter is declared (directly or through `$ref`), path parameters fit
//! their `enum`, and the JSON body validates against the request schema
//! (types, required fields, enums, and no property the schema does not name).
//!
//! Known drift, where the live API is ahead of v2.2.8 (see `api/asio.md`), is
//! listed in `DRIFT` with why; nothing else is exempt.

use std::collections::BTreeSet;

use asio_client::models::RunScript;
use asio_client::resources::TicketFilter;
use asio_client::{AccessPolicy, Client, Credentials};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// (method, path template, why it is exempt).
const DRIFT: &[(&str, &str, &str)] = &[
    (
        "GET",
        "/api/platform/v1/contact/contacts",
        "v2.2.8 offers only POST; the list is tried and a refusal tolerated",
    ),
    (
        "POST",
        "/api/platform/v1/device/token",
        "v2.2.8 names the company `clientID`; the live API refuses it (ErrClientIDNotAllowed) and wants `companyID`",
    ),
];

fn spec() -> Value {
    let text = include_str!("fixtures/asio-openapi-2.2.8.yaml");
    serde_norway::from_str(text).expect("the spec parses")
}

fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(
                root,
                root.pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling {reference}")),
            )
        }
        None => value,
    }
}

/// Every property name a schema (through `allOf`) declares, or `None` when it
/// declares none (free-form).
fn properties(root: &Value, schema: &Value) -> Option<BTreeSet<String>> {
    let schema = resolve(root, schema);
    let mut names = BTreeSet::new();
    let mut any = false;
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        any = true;
        names.extend(props.keys().cloned());
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(more) = properties(root, part) {
            any = true;
            names.extend(more);
        }
    }
    any.then_some(names)
}

fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    validate_in(root, schema, value, at, errors, true);
}

/// `strict`: also refuse properties the schema (with its `allOf` parts) does not name.
fn validate_in(
    root: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    errors: &mut Vec<String>,
    strict: bool,
) {
    let schema = resolve(root, schema);
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate_in(root, part, value, at, errors, false);
    }
    let kind = schema.get("type").and_then(Value::as_str);
    let ok = match (kind, value) {
        (None, _) | (_, Value::Null) => true,
        (Some("object"), Value::Object(_)) | (Some("array"), Value::Array(_)) => true,
        (Some("string"), Value::String(_)) | (Some("boolean"), Value::Bool(_)) => true,
        (Some("integer"), Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Some("number"), Value::Number(_)) => true,
        _ => false,
    };
    if !ok {
        errors.push(format!("{at}: expected {kind:?}, got {value}"));
        return;
    }
    if let (Some(options), Some(s)) = (schema.get("enum").and_then(Value::as_array), value.as_str())
        && !options.iter().any(|o| o == s)
    {
        errors.push(format!("{at}: `{s}` is not one of {options:?}"));
    }
    if let Value::Object(map) = value {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = required.as_str()
                && !map.contains_key(name)
            {
                errors.push(format!("{at}: missing required `{name}`"));
            }
        }
        if strict && let Some(known) = properties(root, schema) {
            for key in map.keys() {
                if !known.contains(key) {
                    errors.push(format!("{at}: `{key}` is not a property of the schema"));
                }
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (key, sub) in props {
                if let Some(v) = map.get(key) {
                    validate(root, sub, v, &format!("{at}.{key}"), errors);
                }
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, item_schema, item, &format!("{at}[{i}]"), errors);
        }
    }
}

/// A matched template, its path parameters, and its count of literal segments.
type Match<'a> = (&'a str, Vec<(String, String)>, usize);

/// The spec's path template matching `actual`, with its path parameters.
fn match_template<'a>(spec: &'a Value, actual: &str) -> Option<(&'a str, Vec<(String, String)>)> {
    let paths = spec["paths"].as_object()?;
    let parts: Vec<&str> = actual.trim_start_matches('/').split('/').collect();
    // Prefer templates with more literal segments.
    let mut best: Option<Match<'_>> = None;
    for template in paths.keys() {
        let t: Vec<&str> = template.trim_start_matches('/').split('/').collect();
        if t.len() != parts.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let fits = t.iter().zip(&parts).all(|(t, a)| {
            if t.starts_with('{') {
                params.push((t.trim_matches(['{', '}']).to_owned(), (*a).to_owned()));
                true
            } else {
                literals += 1;
                t == a
            }
        });
        if fits && best.as_ref().is_none_or(|(_, _, l)| literals > *l) {
            best = Some((template.as_str(), params, literals));
        }
    }
    best.map(|(t, p, _)| (t, p))
}

fn check(spec: &Value, request: &Request) -> Vec<String> {
    let method = request.method.as_str().to_ascii_lowercase();
    let actual = request.url.path();
    if actual == "/v1/token" {
        // The token body is checked by the core's token tests; here: it exists in the spec.
        return match spec["paths"]["/v1/token"].get("post") {
            Some(_) => Vec::new(),
            None => vec!["POST /v1/token is not in the spec".to_owned()],
        };
    }
    let Some((template, path_params)) = match_template(spec, actual) else {
        return vec![format!("{method} {actual}: no such path in the spec")];
    };
    if DRIFT
        .iter()
        .any(|(m, p, _)| m.eq_ignore_ascii_case(&method) && *p == template)
    {
        return Vec::new();
    }
    let Some(operation) = spec["paths"][template].get(&method) else {
        return vec![format!("{method} {template}: the method is not declared")];
    };
    let mut errors = Vec::new();
    let declared: Vec<&Value> = spec["paths"][template]
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(
            operation
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .map(|p| resolve(spec, p))
        .collect();
    for (name, value) in request.url.query_pairs() {
        let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if !declared
            .iter()
            .any(|p| p["in"] == "query" && (p["name"] == name.as_ref() || p["name"] == base))
        {
            errors.push(format!(
                "{method} {template}: query parameter `{name}` is not declared"
            ));
            continue;
        }
        if let Some(p) = declared
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == name.as_ref())
        {
            let kind = p["schema"]["type"].as_str();
            if kind == Some("integer") && value.parse::<i64>().is_err() {
                errors.push(format!(
                    "{method} {template}: `{name}={value}` is not an integer"
                ));
            }
        }
    }
    // Required headers: Host is HTTP's own; Origin is not sent (live clients
    // succeed without it, api/asio.md §1.1).
    for p in declared
        .iter()
        .filter(|p| p["in"] == "header" && p["required"] == true)
    {
        let name = p["name"].as_str().unwrap_or_default();
        if matches!(name.to_ascii_lowercase().as_str(), "host" | "origin") {
            continue;
        }
        if !request
            .headers
            .contains_key(name.to_ascii_lowercase().as_str())
        {
            errors.push(format!(
                "{method} {template}: required header `{name}` is missing"
            ));
        }
    }
    for (name, value) in path_params {
        if let Some(p) = declared
            .iter()
            .find(|p| p["in"] == "path" && p["name"] == name.as_str())
            && let Some(options) = p["schema"]["enum"].as_array()
            && !options.iter().any(|o| o == value.as_str())
        {
            errors.push(format!(
                "{method} {template}: path `{name}={value}` is not one of {options:?}"
            ));
        }
    }
    if let Some(schema) = operation.pointer("/requestBody/content/application~1json/schema") {
        match serde_json::from_slice::<Value>(&request.body) {
            Ok(body) => validate(
                spec,
                schema,
                &body,
                &format!("{method} {template} body"),
                &mut errors,
            ),
            Err(_) => errors.push(format!("{method} {template}: the body is not JSON")),
        }
    } else if !request.body.is_empty() {
        errors.push(format!(
            "{method} {template}: a body was sent where the spec declares none"
        ));
    }
    errors
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let scope = asio_client::scopes::REQUIRED
        .iter()
        .chain(asio_client::scopes::OPTIONAL.iter())
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" ");
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "at-1", "token_type": "Bearer", "expires_in": 3599, "scope": scope,
        })))
        .mount(&server)
        .await;
    for category in ["platform", "network", "cloud"] {
        Mock::given(method("POST"))
            .and(path(format!(
                "/api/platform/v2/device/categories/{category}/endpoints"
            )))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ category: [] })))
            .mount(&server)
            .await;
    }
    // Everything else: an empty answer (the check is on what was sent).
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn every_request_the_crate_sends_is_valid_against_the_vendor_spec() {
    let spec = spec();
    let server = server().await;
    let wanted = asio_client::scopes::REQUIRED
        .iter()
        .chain(asio_client::scopes::OPTIONAL.iter())
        .map(|s| s.name());
    let client = Client::builder()
        .credentials(Credentials::new("0e30abc", "secret".to_owned().into()).base_url(server.uri()))
        .scopes(wanted)
        .policy(AccessPolicy::allow_all())
        .build()
        .unwrap();
    // Results are not the point (the answers are empty); the requests are.
    let _ = client.companies().list().send().await;
    let _ = client.companies().get("c1").await;
    let _ = client
        .companies()
        .custom_fields("c1")
        .attribute_ids(["a1", "a2"])
        .with_defaults(true)
        .send()
        .await;
    let _ = client.sites().list().send().await;
    let _ = client.sites().for_company("c1").send().await;
    let _ = client.sites().get("s1").await;
    let _ = client
        .devices()
        .list()
        .companies(["c1", "c2", "c3", "c4", "c5"])
        .fields(["friendlyName", "os", "system"])
        .filter("endpointType in (Server,Desktop)")
        .sort_by("friendlyName asc")
        .page_size(100)
        .collect_all()
        .await;
    let _ = client
        .devices()
        .list()
        .category(asio_client::resources::Category::Network)
        .sites(["s1"])
        .collect_all()
        .await;
    let _ = client
        .devices()
        .list()
        .category(asio_client::resources::Category::Cloud)
        .endpoints(["e1"])
        .collect_all()
        .await;
    let _ = client
        .assets()
        .hardware()
        .endpoints(["e1"])
        .collect_all()
        .await;
    let _ = client.devices().details("c1", "s1", "e1", &["os"]).await;
    let _ = client.devices().heartbeat(["e1", "e2"]).send().await;
    let _ = client.devices().heartbeat_of_companies(["c1"]).send().await;
    let _ = client.devices().system_state("e1").await;
    let _ = client.devices().groups().send().await;
    let _ = client.devices().group_endpoints("g1").send().await;
    let _ = client
        .assets()
        .applications()
        .companies(["c1"])
        .name("7-Zip")
        .version("23.01")
        .page_size(50)
        .collect_all()
        .await;
    let _ = client.agent().install_token("c1", "s1").await;
    let _ = client.automation().scripts().send().await;
    let _ = client.automation().shell_scripts().send().await;
    let _ = client.automation().tasks().send().await;
    let _ = client
        .automation()
        .task_summaries()
        .from_date("2025-01-01")
        .to_date("2025-01-31")
        .send()
        .await;
    let _ = client
        .automation()
        .task_instances("t1")
        .from_date("2025-01-01")
        .send()
        .await;
    let _ = client.automation().endpoint_tasks("e1").send().await;
    let _ = client.automation().results("t1", "i1").await;
    let run = RunScript::new("tpl-1", "Run hotfix", ["e1"])
        .description("hotfix")
        .parameters(&json!({"Arg1": "value"}))
        .unwrap();
    let _ = client.automation().run_script(&run, None).await;
    let _ = client.contacts().list(Some("c1")).await;
    let filter = TicketFilter::new()
        .company_ids(["c1"])
        .site_ids(["s1"])
        .status_ids(["st1"])
        .status_names(["New"])
        .priority_ids(["p1"])
        .priority_names(["High"])
        .numbers(["10423"])
        .ticket_ids(["t1"])
        .assignee_ids(["u1"])
        .tag_names(["vip"])
        .created_from("2025-01-01")
        .created_to("2025-01-31T23:59:59")
        .updated_from("2025-01-01")
        .updated_to("2025-01-02")
        .due_from("2025-01-01")
        .due_to("2025-02-01");
    let _ = client
        .tickets()
        .list()
        .filter(&filter)
        .or(1, &TicketFilter::new().numbers(["2"]))
        .sort("createdAt", true)
        .page_size(50)
        .send()
        .await;
    let _ = client.tickets().get("t1").await;
    let _ = client.tickets().notes("t1").send().await;
    let _ = client.rate_limits().await;

    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.len() >= 30,
        "only {} requests were sent",
        requests.len()
    );
    let mut errors = Vec::new();
    let mut templates = BTreeSet::new();
    for request in &requests {
        errors.extend(check(&spec, request));
        if let Some((t, _)) = match_template(&spec, request.url.path()) {
            templates.insert(format!("{} {t}", request.method));
        }
    }
    assert!(
        errors.is_empty(),
        "requests not valid against the spec:\n{}",
        errors.join("\n")
    );
    // Every endpoint of the crate's table was exercised.
    for spec_entry in asio_client::endpoints::ALL {
        let prefix = spec_entry.path.split('{').next().unwrap_or_default();
        assert!(
            requests.iter().any(|r| r.url.path().starts_with(prefix)),
            "no request to {}",
            spec_entry.path
        );
    }
    // The device list was split by four companies: two batches.
    let device_lists = requests
        .iter()
        .filter(|r| r.url.path() == "/api/platform/v2/device/categories/platform/endpoints")
        .count();
    assert!(device_lists >= 2, "{templates:?}");
}

#[test]
fn the_validator_catches_what_it_should() {
    let spec = spec();
    let schema = json!({"$ref": "#/components/schemas/ScheduleTask"});
    let mut errors = Vec::new();
    // `parameters` as an object (not a JSON string) and a misspelt field.
    let bad = json!({"templateId": "x", "parameters": {"a": 1}, "targets": ["e"]});
    validate(&spec, &schema, &bad, "body", &mut errors);
    assert!(
        errors.iter().any(|e| e.contains("templateId")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("parameters")),
        "{errors:?}"
    );
    let good = serde_json::to_value(RunScript::new("t", "n", ["e"])).unwrap();
    let mut errors = Vec::new();
    validate(&spec, &schema, &good, "body", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(match_template(&spec, "/api/platform/v1/nope").is_none());
}
