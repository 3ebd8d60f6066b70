//! Each operation's request shape (method, path, query, body, headers) pinned
//! with plain wiremock mocks.

use serde_json::json;
use vsax_client::models::{
    CreateNotification, Priority, RunScript, RunTask, RunWorkflow, WebhookSettings,
};
use vsax_client::odata::Filter;
use vsax_client::secrecy::SecretString;
use vsax_client::{AccessPolicy, Approval, Client, Credentials, WebhookUpdate};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// base64("tok-1:s3cret")
const BASIC: &str = "Basic dG9rLTE6czNjcmV0";

fn credentials(server: &MockServer) -> Credentials {
    Credentials::new(&server.uri(), "tok-1", SecretString::from("s3cret")).unwrap()
}

fn client(server: &MockServer) -> Client {
    Client::builder(credentials(server))
        .policy(AccessPolicy::allow_all())
        .build()
        .unwrap()
}

fn data(value: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"Data": value, "Meta": {"ResponseCode": 200}}))
}

fn page(items: serde_json::Value, total: u64) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"Data": items, "Meta": {"TotalCount": total, "NextQueryLink": null, "ResponseCode": 200}}))
}

#[tokio::test]
async fn a_list_sends_basic_auth_dollar_paging_count_filter_and_order() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/devices"))
        .and(header("authorization", BASIC))
        .and(query_param("$skip", "0"))
        .and(query_param("$top", "100"))
        .and(query_param("$count", "true"))
        .and(query_param(
            "$filter",
            "OrganizationId eq 4821 and contains(Name,'O''Brien')",
        ))
        .and(query_param("$orderby", "Name desc"))
        .respond_with(page(json!([{"Identifier": "a"}]), 1))
        .expect(1)
        .named("devices list")
        .mount(&server)
        .await;
    let devices = client(&server)
        .devices()
        .list()
        .filter(&Filter::eq("OrganizationId", 4821).and(Filter::contains("Name", "O'Brien")))
        .order_by("Name", true)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(devices.len(), 1);
}

#[tokio::test]
async fn count_can_be_turned_off_and_pages_follow_skip() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/organizations"))
        .and(query_param("$skip", "0"))
        .and(query_param("$top", "2"))
        .and(query_param_is_missing("$count"))
        .respond_with(page(json!([{"Id": 1}, {"Id": 2}]), 3))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/organizations"))
        .and(query_param("$skip", "2"))
        .respond_with(page(json!([{"Id": 3}]), 3))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(credentials(&server))
        .send_count(false)
        .page_size(2)
        .build()
        .unwrap();
    let orgs = client.organizations().list().collect_all().await.unwrap();
    assert_eq!(orgs.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 2, 3]);
}

#[tokio::test]
async fn single_record_and_sub_resource_paths() {
    let server = MockServer::start().await;
    let id = "8f3c2a1d-5b6e-4f7a-9c0d-1e2f3a4b5c6d";
    for (p, body) in [
        (format!("/api/v3/devices/{id}"), json!({"Identifier": id})),
        (
            format!("/api/v3/devices/{id}/customfields"),
            json!([{"Id": 1, "Value": "x"}]),
        ),
        (
            format!("/api/v3/devices/{id}/appliedpolicies"),
            json!([{"Id": 2}]),
        ),
        (
            format!("/api/v3/devices/{id}/antivirus"),
            json!({"AgentStatus": "ok"}),
        ),
        (format!("/api/v3/assets/{id}"), json!({"Identifier": id})),
        (
            "/api/v3/organizations/4821/customfields".to_owned(),
            json!([]),
        ),
        ("/api/v3/sites/12".to_owned(), json!({"Id": 12})),
        (
            "/api/v3/groups/125".to_owned(),
            json!({"Id": 125, "Notes": "n"}),
        ),
        (
            "/api/v3/automation/scripts/42/device/dev-1/executions/e-9".to_owned(),
            json!({"ExecutionId": "e-9"}),
        ),
        (
            "/api/v3/automation/tasks/executions/t-1/devices/dev-1/scripts/42".to_owned(),
            json!({"Output": "ok"}),
        ),
        (
            "/api/v3/automation/workflows/executions/77".to_owned(),
            json!({"Id": 77}),
        ),
        (
            "/api/v3/notifications/webhooks/wh-1".to_owned(),
            json!({"Id": "wh-1"}),
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(p.as_str()))
            .respond_with(data(body))
            .expect(1)
            .named(p.as_str())
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("/api/v3/devices/{id}/notifications")))
        .and(query_param("$top", "100"))
        .respond_with(page(json!([]), 0))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v3/automation/scripts/42/device/dev-1/executions",
        ))
        .and(query_param("$skip", "0"))
        .respond_with(page(json!([{"ExecutionId": "e-9"}]), 1))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    assert_eq!(c.devices().get(id).send().await.unwrap().identifier, id);
    assert_eq!(
        c.devices()
            .custom_fields(id)
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        c.devices()
            .applied_policies(id)
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        c.devices()
            .antivirus(id)
            .send()
            .await
            .unwrap()
            .agent_status
            .as_deref(),
        Some("ok")
    );
    assert!(
        c.devices()
            .notifications(id)
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(c.assets().get(id).send().await.unwrap().identifier, id);
    assert!(
        c.organizations()
            .custom_fields(4821)
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(c.sites().get(12).send().await.unwrap().id, 12);
    assert_eq!(
        c.groups().get(125).send().await.unwrap().notes.as_deref(),
        Some("n")
    );
    assert_eq!(
        c.scripts()
            .executions(42, "dev-1")
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        c.scripts()
            .execution(42, "dev-1", "e-9")
            .send()
            .await
            .is_ok()
    );
    assert!(
        c.tasks()
            .device_script("t-1", "dev-1", 42)
            .send()
            .await
            .is_ok()
    );
    assert!(c.workflows().execution(77).send().await.is_ok());
    assert!(c.webhooks().get("wh-1").send().await.is_ok());
}

#[tokio::test]
async fn ids_that_would_leave_the_path_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    for bad in ["..", "a/b", "a\\b", ""] {
        assert!(
            matches!(
                c.devices().get(bad).send().await,
                Err(vsax_client::Error::Config { .. })
            ),
            "{bad:?}"
        );
        assert!(
            c.devices().custom_fields(bad).collect_all().await.is_err(),
            "{bad:?}"
        );
        assert!(
            c.scripts().executions(42, bad).collect_all().await.is_err(),
            "{bad:?}"
        );
        assert!(
            c.scripts().execution(42, "dev", bad).send().await.is_err(),
            "{bad:?}"
        );
    }
}

#[tokio::test]
async fn run_bodies_and_paths() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/automation/scripts/42/run"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"DeviceIdentifier": "dev-1", "Variables": [{"Id": 1, "Value": "C:\\Temp"}], "WebhookUrl": "https://example.com/done"})))
        .respond_with(data(json!({"ExecutionId": 991})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/automation/tasks/7/run"))
        .and(body_json(json!({"DeviceIdentifiers": ["a", "b"]})))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/automation/workflows/3/run"))
        .and(body_json(
            json!({"ConstantVariableOverrides": [{"Name": "Folder", "Value": "x"}]}),
        ))
        .respond_with(data(json!("wf-5")))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let approval = || Approval::new("j.doe", "T-1").unwrap();
    let receipt = c
        .scripts()
        .run(
            42,
            &RunScript::on_device("dev-1")
                .variable(1, "C:\\Temp")
                .webhook_url("https://example.com/done"),
        )
        .approval(approval())
        .send()
        .await
        .unwrap();
    assert_eq!(receipt.execution_id.as_deref(), Some("991"));
    let empty = c
        .tasks()
        .run(7, &RunTask::new().on_devices(["a", "b"]))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.execution_id, None, "an empty 200 names no execution");
    let flow = c
        .workflows()
        .run(3, &RunWorkflow::new().constant("Folder", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(flow.execution_id.as_deref(), Some("wf-5"));
}

#[tokio::test]
async fn notification_and_webhook_writes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/notifications"))
        .and(body_json(
            json!({"InstanceId": "i-1", "Title": "Backup failed", "Priority": "Critical"}),
        ))
        .respond_with(data(json!({"Identifier": "n-1", "Title": "Backup failed"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v3/notifications/n-1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let hook = json!({"Name": "PSA bridge", "Url": "https://example.com/h", "Priorities": ["Critical"], "OrganizationIds": [4821], "Headers": {"X-Key": "v"}, "Language": "en"});
    Mock::given(method("POST"))
        .and(path("/api/v3/notifications/webhooks"))
        .and(body_json(hook.clone()))
        .respond_with(data(json!({"Id": "wh-2", "SecretKey": "k"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v3/notifications/webhooks/wh-2"))
        .and(body_json(hook.clone()))
        .respond_with(data(json!({"Id": "wh-2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/api/v3/notifications/webhooks/wh-2"))
        .and(body_json(hook.clone()))
        .respond_with(data(json!({"Id": "wh-2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v3/notifications/webhooks/wh-2/regenerateSecretKey",
        ))
        .respond_with(data(json!({"SecretKey": "k2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v3/notifications/webhooks/wh-2"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let c = client(&server);
    let created = c
        .notifications()
        .create(&CreateNotification::new(
            "i-1",
            "Backup failed",
            Priority::Critical,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(created.identifier.as_deref(), Some("n-1"));
    c.notifications().delete("n-1").send().await.unwrap();
    let settings = WebhookSettings::new("PSA bridge", "https://example.com/h")
        .priorities([Priority::Critical])
        .organizations([4821])
        .header("X-Key", "v");
    let hook = c.webhooks().create(&settings).send().await.unwrap();
    assert!(hook.secret_key.is_some());
    c.webhooks().update("wh-2", &settings).send().await.unwrap();
    let patching = Client::builder(credentials(&server))
        .policy(AccessPolicy::allow_all())
        .webhook_update(WebhookUpdate::Patch)
        .build()
        .unwrap();
    patching
        .webhooks()
        .update("wh-2", &settings)
        .send()
        .await
        .unwrap();
    use vsax_client::secrecy::ExposeSecret;
    assert_eq!(
        c.webhooks()
            .regenerate_secret("wh-2")
            .await
            .unwrap()
            .secret()
            .expose_secret(),
        "k2"
    );
    c.webhooks().delete("wh-2").send().await.unwrap();
}

#[tokio::test]
async fn a_write_reply_without_the_record_is_uncertain_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/notifications"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v3/notifications/webhooks/wh-1/regenerateSecretKey",
        ))
        .respond_with(data(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c
        .notifications()
        .create(&CreateNotification::new("i", "t", Priority::Low))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_write_uncertain(), "{err:?}");
    let err = c.webhooks().regenerate_secret("wh-1").await.unwrap_err();
    assert!(err.is_write_uncertain(), "{err:?}");
}

#[tokio::test]
async fn any_base_url_of_the_api_family_is_accepted() {
    let server = MockServer::start().await;
    // A Pulseway-style base: `<host>/v3`, kept as given.
    Mock::given(method("GET"))
        .and(path("/v3/environment"))
        .respond_with(data(json!({"Name": "pw"})))
        .expect(1)
        .mount(&server)
        .await;
    let credentials = Credentials::new(
        &format!("{}/v3", server.uri()),
        "tok-1",
        SecretString::from("s3cret"),
    )
    .unwrap();
    let c = Client::builder(credentials).build().unwrap();
    let env: serde_json::Value = c.get_json("/environment", &[], None).await.unwrap();
    assert_eq!(env["Name"], "pw");
}
