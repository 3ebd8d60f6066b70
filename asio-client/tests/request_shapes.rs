//! Request shapes pinned with plain wiremock mocks: the JSON token request,
//! the bearer header, the POST device list (body on every page, `Link`
//! cursors), ticket paging, the heartbeat query, the script-run body, and
//! refusals that send nothing (`expect(0)`).

use asio_client::models::RunScript;
use asio_client::{AccessPolicy, Approval, Client, Credentials, Error, scopes};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn token_mock(server: &MockServer, scope: &str) {
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "at-123", "token_type": "Bearer", "expires_in": 3599, "scope": scope,
        })))
        .expect(1)
        .named("token")
        .mount(server)
        .await;
}

fn all_scopes() -> String {
    scopes::REQUIRED
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" ")
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .credentials(Credentials::new("0e30abc", "s3cr3t".to_owned().into()).base_url(server.uri()))
        .policy(AccessPolicy::read_only().with(
            asio_client::policy::AUTOMATION,
            asio_client::AreaAccess::WRITE_WITH_APPROVAL,
        ))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_token_request_is_json_with_space_separated_scopes() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    Mock::given(method("GET"))
        .and(path("/api/platform/v1/company/companies"))
        .and(header("authorization", "Bearer at-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client.companies().list().send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let token: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(token["grant_type"], "client_credentials");
    assert_eq!(token["client_id"], "0e30abc");
    assert_eq!(token["client_secret"], "s3cr3t");
    assert_eq!(token["scope"], all_scopes());
}

#[tokio::test]
async fn the_device_list_posts_its_body_on_every_page_and_follows_link_cursors() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    let list = "/api/platform/v2/device/categories/platform/endpoints";
    let body = json!({"resourceType": "site", "resources": ["s1", "s2"]});
    let next = format!(
        "<{}{list}?limit=2&field=os%2Csystem&cursor=2>; rel=\"next\"",
        server.uri()
    );
    Mock::given(method("POST"))
        .and(path(list))
        .and(query_param("limit", "2"))
        .and(query_param("field", "os,system"))
        .and(query_param_is_missing("cursor"))
        .and(body_json(&body))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", next.as_str())
                .set_body_json(json!({"platform": [{"companyID": "c1", "siteID": "s1", "endpoints": [{"endpointID": "e1"}, {"endpointID": "e2"}]}]})),
        )
        .expect(1)
        .named("first page")
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(list))
        .and(query_param("cursor", "2"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"platform": [{"companyID": "c1", "siteID": "s2", "endpoints": [{"endpointID": "e3"}]}]}),
        ))
        .expect(1)
        .named("second page")
        .mount(&server)
        .await;
    let devices = client(&server)
        .devices()
        .list()
        .sites(["s1", "s2"])
        .fields(["os", "system"])
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<(&str, &str)> = devices
        .iter()
        .map(|d| (d.site_id.as_str(), d.endpoint_id.as_str()))
        .collect();
    assert_eq!(ids, [("s1", "e1"), ("s1", "e2"), ("s2", "e3")]);
}

#[tokio::test]
async fn a_404_ends_the_device_list_and_a_link_off_the_api_is_refused() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    let list = "/api/platform/v2/device/categories/platform/endpoints";
    Mock::given(method("POST"))
        .and(path(list))
        .and(body_json(
            json!({"resourceType": "company", "resources": ["empty"]}),
        ))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "not_found", "message": "resource not found"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(list))
        .and(body_json(json!({"resourceType": "company", "resources": ["evil"]})))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Link", "<https://attacker.example/steal?cursor=1>; rel=\"next\"")
                .set_body_json(json!({"platform": [{"companyID": "evil", "siteID": "s", "endpoints": [{"endpointID": "e"}]}]})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(
        client
            .devices()
            .list()
            .companies(["empty"])
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    let err = client
        .devices()
        .list()
        .companies(["evil"])
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}

#[tokio::test]
async fn tickets_always_send_page_num_with_page_size() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    let tickets = "/api/platform/v2/service/ticketing/tickets";
    Mock::given(method("GET"))
        .and(path(tickets))
        .and(query_param("pageNum", "1"))
        .and(query_param("pageSize", "500"))
        .and(query_param("companyIds", "c1,c2"))
        .and(query_param("statusNames1", "New"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"tickets": [{"id": "t1"}], "totalCount": 1})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let list = client(&server)
        .tickets()
        .list()
        .filter(&asio_client::resources::TicketFilter::new().company_ids(["c1", "c2"]))
        .or(
            1,
            &asio_client::resources::TicketFilter::new().status_names(["New"]),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
}

#[tokio::test]
async fn the_heartbeat_goes_four_ids_at_a_time() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    let beat = "/api/platform/v2/device/endpoints/heartbeat";
    for ids in ["a,b,c,d", "e"] {
        Mock::given(method("GET"))
            .and(path(beat))
            .and(query_param("resourceType", "endpoints"))
            .and(query_param("resources", ids))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"status": "success", "successfulRecords": [], "failedRecords": []}),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    client(&server)
        .devices()
        .heartbeat(["a", "b", "c", "d", "e"])
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_script_run_sends_the_run_now_body_only_with_approval() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    let run = RunScript::new("tpl", "Run hotfix", ["e1"])
        .parameters(&json!({"Arg1": "value"}))
        .unwrap();
    Mock::given(method("POST"))
        .and(path("/api/platform/v2/automation/endpoints/schedule-tasks"))
        .and(body_json(json!({
            "templateID": "tpl", "templateType": "script", "name": "Run hotfix",
            "parameters": "{\"Arg1\":\"value\"}", "targets": ["e1"], "targetType": "MANAGED_ENDPOINT",
            "resourcesType": "Both", "schedule": {"scheduleType": "TIME", "regularity": "Immediate", "category": "STZ"},
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"taskId": "1f2e", "templateId": "tpl"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    // Without approval nothing is sent (token included: the policy check comes first).
    let err = client
        .automation()
        .run_script(&run, None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ApprovalRequired { .. }));
    let task = client
        .automation()
        .run_script(&run, Some(Approval::new("jane", "CHG-1").unwrap()))
        .await
        .unwrap();
    assert_eq!(task.task_id, "1f2e");
}

#[tokio::test]
async fn a_201_without_a_task_id_is_write_uncertain() {
    let server = MockServer::start().await;
    token_mock(&server, &all_scopes()).await;
    Mock::given(method("POST"))
        .and(path("/api/platform/v2/automation/endpoints/schedule-tasks"))
        .respond_with(ResponseTemplate::new(201).set_body_string(""))
        .expect(1)
        .mount(&server)
        .await;
    let run = RunScript::new("tpl", "x", ["e1"]);
    let err = client(&server)
        .automation()
        .run_script(&run, Some(Approval::new("jane", "CHG-1").unwrap()))
        .await
        .unwrap_err();
    assert!(err.is_write_uncertain(), "{err:?}");
}

#[tokio::test]
async fn a_scope_missing_from_the_token_sends_nothing() {
    let server = MockServer::start().await;
    token_mock(&server, "platform.companies.read").await;
    Mock::given(method("GET"))
        .and(path("/api/platform/v1/company/companies"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/platform/v1/automation/scripts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(0)
        .named("scripts must not be called")
        .mount(&server)
        .await;
    let client = client(&server);
    client.companies().list().send().await.unwrap();
    let err = client.automation().scripts().send().await.unwrap_err();
    assert!(
        matches!(&err, Error::MissingScope { label, .. } if label == "Platform - Automation - Read"),
        "{err}"
    );
    assert!(
        err.to_string().contains("Integrations → API Access"),
        "{err}"
    );
}

#[tokio::test]
async fn a_server_403_is_read_as_the_missing_scope_when_the_grant_is_unknown() {
    let server = MockServer::start().await;
    // The token echoes no scope: the grant is only what was requested.
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "at", "expires_in": 3599})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/platform/v2/service/ticketing/tickets"))
        .respond_with(ResponseTemplate::new(403).set_body_string("Forbidden"))
        .mount(&server)
        .await;
    let err = client(&server).tickets().list().send().await.unwrap_err();
    match &err {
        Error::MissingScope {
            label, response, ..
        } => {
            assert_eq!(label, "Platform - Tickets - Read");
            assert!(response.is_some());
        }
        other => panic!("{other:?}"),
    }
}
