//! Every operation against the stateful fake: auth, each area's reads, the
//! approval-gated runs, notifications and webhooks, missing permissions (from
//! the declared grant before sending, and from the server's 403), policy
//! denial, organization scoping, the declared expiry, and `check_access()`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use neo_auth_core::ManualClock;
use neo_auth_core::doctor::Severity;
use vsax_client::fake::{FakeConfig, FakeServer};
use vsax_client::models::{
    CreateNotification, Priority, RunScript, RunTask, RunWorkflow, WebhookSettings,
};
use vsax_client::permissions::{self, PERMISSION_AREAS, PORTAL_PATH};
use vsax_client::secrecy::{ExposeSecret, SecretString};
use vsax_client::{
    AccessPolicy, Approval, Client, Credentials, Error, WebhookUpdate, WebhookVerifier,
};

fn approval() -> Approval {
    Approval::new("j.doe", "T-1234").unwrap()
}

async fn fake_and_client() -> (FakeServer, Client) {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    (fake, client)
}

#[tokio::test]
async fn basic_auth_happy_path_and_bad_secret() {
    let (fake, client) = fake_and_client().await;
    let environment: serde_json::Value = client.get_json("/environment", &[], None).await.unwrap();
    assert_eq!(environment["Name"], "fake tenant");

    let wrong = Credentials::new(
        &fake.tenant_url(),
        "fake-token-id",
        SecretString::from("wrong"),
    )
    .unwrap();
    let client = fake.builder_for(wrong).build().unwrap();
    let err = client.devices().list().send().await.unwrap_err();
    assert!(err.is_auth(), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("30-day grace period"), "{text}");
    assert!(!text.contains("wrong"), "the secret never shows: {text}");
}

#[tokio::test]
async fn devices_every_read() {
    let (fake, client) = fake_and_client().await;
    let devices = client.devices().list().collect_all().await.unwrap();
    assert_eq!(devices.len(), fake.config().devices);
    assert!(
        devices.iter().all(|d| d.is_online.is_none()),
        "the list is thin"
    );
    let id = devices[1].identifier.clone();
    let device = client.devices().get(&id).send().await.unwrap();
    assert_eq!(device.identifier, id);
    assert!(device.is_online.is_some());
    assert_eq!(device.local_ip_addresses[0].ip_v4, ["192.168.1.23"]);
    let fields = client
        .devices()
        .custom_fields(&id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(fields[0].value, "Gold");
    let policies = client
        .devices()
        .applied_policies(&id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(policies[0].name.as_deref(), Some("Workstation patching"));
    let antivirus = client.devices().antivirus(&id).send().await.unwrap();
    assert_eq!(antivirus.agent_status.as_deref(), Some("Protected"));
    let notifications = client
        .devices()
        .notifications(&id)
        .collect_all()
        .await
        .unwrap();
    assert!(
        notifications
            .iter()
            .all(|n| n.device_identifier.as_deref() == Some(id.as_str()))
    );
    assert_eq!(notifications.len(), 1);
    let missing = client
        .devices()
        .get("00000000-0000-0000-0000-000000000000")
        .send()
        .await
        .unwrap_err();
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn assets_list_and_get() {
    let (_fake, client) = fake_and_client().await;
    let assets = client.assets().list().collect_all().await.unwrap();
    let first = &assets[0];
    assert_eq!(first.category("BIOS").unwrap()["Manufacturer"], "Dell Inc.");
    assert_eq!(first.installed_software[0].name.as_deref(), Some("7-Zip"));
    let again = client.assets().get(&first.identifier).send().await.unwrap();
    assert_eq!(again.identifier, first.identifier);
    assert!(again.last_seen_online.unwrap().parsed().is_some());
}

#[tokio::test]
async fn hierarchy_reads_and_the_assembled_tree() {
    let (fake, client) = fake_and_client().await;
    let orgs = client.organizations().list().collect_all().await.unwrap();
    assert_eq!(orgs.len(), 3);
    let contoso = client.organizations().get(4821).send().await.unwrap();
    assert_eq!(contoso.name.as_deref(), Some("Contoso"));
    let fields = client
        .organizations()
        .custom_fields(4821)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(fields[0].value, "Contoso");
    let sites = client.sites().list().collect_all().await.unwrap();
    assert_eq!(sites.len(), 6);
    let site = client.sites().get(sites[0].id).send().await.unwrap();
    assert_eq!(site.organization(), Some(4821));
    assert_eq!(
        client
            .sites()
            .custom_fields(site.id)
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
    let groups = client.groups().list().collect_all().await.unwrap();
    assert_eq!(groups.len(), 12);
    let group = client.groups().get(groups[0].id).send().await.unwrap();
    assert!(group.notes.is_some());
    assert_eq!(
        client
            .groups()
            .custom_fields(group.id)
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );

    let tree = client.hierarchy().await.unwrap();
    assert!(tree.unplaced().is_empty(), "{:?}", tree.unplaced());
    let placed: usize = tree
        .organizations()
        .iter()
        .map(|o| o.devices().count())
        .sum();
    assert_eq!(placed, fake.config().devices);
    let device = client.devices().list().send().await.unwrap().items[0].clone();
    assert_eq!(
        tree.organization_of_device(&device.identifier)
            .map(|o| o.id),
        device.organization_id
    );
}

#[tokio::test]
async fn a_script_run_needs_approval_by_default_and_records_an_execution() {
    let fake = FakeServer::start().await;
    let client = Client::builder(fake.credentials()).build().unwrap(); // default policy
    let scripts = client.scripts().list().collect_all().await.unwrap();
    assert_eq!(scripts[0].variables[0].name.as_deref(), Some("Folder"));
    let script = client.scripts().get(42).send().await.unwrap();
    assert_eq!(script.name.as_deref(), Some("Clear temp folder"));
    let device = client.devices().list().send().await.unwrap().items[0]
        .identifier
        .clone();
    let body = RunScript::on_device(&device).variable(1, r"C:\Temp");

    let refused = client.scripts().run(42, &body).send().await.unwrap_err();
    assert!(
        matches!(refused, Error::ApprovalRequired { .. }),
        "{refused:?}"
    );
    assert_eq!(fake.requests_to("POST", "/api/v3/automation"), 0);

    let receipt = client
        .scripts()
        .run(42, &body)
        .approval(approval())
        .send()
        .await
        .unwrap();
    let execution = receipt.execution_id.expect("the fake names the execution");
    assert_eq!(
        fake.requests_to("POST", "/api/v3/automation/scripts/42/run"),
        1
    );
    let history = client
        .scripts()
        .executions(42, &device)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id.as_deref(), Some(execution.as_str()));
    let one = client
        .scripts()
        .execution(42, &device, &execution)
        .send()
        .await
        .unwrap();
    assert_eq!(one.status.as_deref(), Some("Completed"));
    assert_eq!(one.exit_code, Some(0));
    let stored = fake.with_state(|s| s.script_executions[0]["Variables"].clone());
    assert_eq!(stored, serde_json::json!([{"Id": 1, "Value": "C:\\Temp"}]));
}

#[tokio::test]
async fn task_and_workflow_runs() {
    let (_fake, client) = fake_and_client().await;
    assert_eq!(client.tasks().list().collect_all().await.unwrap().len(), 2);
    assert_eq!(
        client.tasks().get(7).send().await.unwrap().name.as_deref(),
        Some("Weekly maintenance")
    );
    let device = client.devices().list().send().await.unwrap().items[0]
        .identifier
        .clone();
    let receipt = client
        .tasks()
        .run(7, &RunTask::new().on_devices([device.clone()]))
        .approval(approval())
        .send()
        .await
        .unwrap();
    let execution = receipt.execution_id.unwrap();
    let summary = client.tasks().execution(&execution).send().await.unwrap();
    assert_eq!(summary.status.as_deref(), Some("Completed"));
    let devices = client
        .tasks()
        .execution_devices(&execution)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(
        devices[0].device_identifier.as_deref(),
        Some(device.as_str())
    );
    let scripts = client
        .tasks()
        .device_scripts(&execution, &device)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(scripts[0].output.as_deref(), Some("ok"));
    let script = client
        .tasks()
        .device_script(&execution, &device, 42)
        .send()
        .await
        .unwrap();
    assert_eq!(script.exit_code, Some(0));

    assert_eq!(
        client.workflows().list().collect_all().await.unwrap().len(),
        2
    );
    assert!(client.workflows().get(3).send().await.is_ok());
    let run = client
        .workflows()
        .run(3, &RunWorkflow::new().constant("Folder", "C:\\Temp"))
        .approval(approval())
        .send()
        .await
        .unwrap();
    let id = run.execution_id.unwrap();
    let executions = client.workflows().executions().collect_all().await.unwrap();
    assert_eq!(executions.len(), 1);
    let one = client
        .workflows()
        .execution(id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(one.status.as_deref(), Some("Running"));
}

#[tokio::test]
async fn notifications_create_read_delete() {
    let (fake, client) = fake_and_client().await;
    let before = client
        .notifications()
        .list()
        .collect_all()
        .await
        .unwrap()
        .len();
    let created = client
        .notifications()
        .create(
            &CreateNotification::new("psa-bridge", "Backup failed", Priority::Critical)
                .message("twice"),
        )
        .send()
        .await
        .unwrap();
    let id = created.identifier.clone().unwrap();
    assert_eq!(created.severity, Some(Priority::Critical));
    let read = client.notifications().get(&id).send().await.unwrap();
    assert_eq!(read.description.as_deref(), Some("twice"));
    assert_eq!(
        client
            .notifications()
            .list()
            .collect_all()
            .await
            .unwrap()
            .len(),
        before + 1
    );
    client.notifications().delete(&id).send().await.unwrap();
    assert_eq!(
        client
            .notifications()
            .list()
            .collect_all()
            .await
            .unwrap()
            .len(),
        before
    );
    let gone = client.notifications().get(&id).send().await.unwrap_err();
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(fake.requests_to("DELETE", "/api/v3/notifications"), 1);
}

#[tokio::test]
async fn webhooks_lifecycle_and_delivery_verification() {
    let (fake, client) = fake_and_client().await;
    let settings = WebhookSettings::new("PSA bridge", "https://example.com/hooks/vsax")
        .priorities([Priority::Critical, Priority::Elevated])
        .header("Authorization", "Bearer receiver-token");
    let created = client.webhooks().create(&settings).send().await.unwrap();
    let id = created.id.clone().unwrap();
    let secret = created
        .secret_key
        .clone()
        .expect("the create reply carries the secret");
    assert!(!format!("{created:?}").contains(secret.secret().expose_secret()));

    let listed = client.webhooks().list().collect_all().await.unwrap();
    assert_eq!(listed.len(), 2);
    let read = client.webhooks().get(&id).send().await.unwrap();
    assert_eq!(read.priorities, [Priority::Critical, Priority::Elevated]);
    assert!(read.secret_key.is_none());
    assert_eq!(read.headers, ["Authorization"]);

    let renamed = client
        .webhooks()
        .update(&id, &settings.clone().priorities([Priority::Low]))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.priorities, [Priority::Low]);
    assert_eq!(fake.requests_to("PUT", "/api/v3/notifications/webhooks"), 1);
    let patching = fake
        .client_builder()
        .webhook_update(WebhookUpdate::Patch)
        .build()
        .unwrap();
    patching
        .webhooks()
        .update(&id, &settings)
        .send()
        .await
        .unwrap();
    assert_eq!(
        fake.requests_to("PATCH", "/api/v3/notifications/webhooks"),
        1
    );

    let verifier = WebhookVerifier::new(secret.secret().clone()).unwrap();
    let body = br#"{"Id":1,"Title":"Disk full","Priority":"Critical"}"#;
    let signature = verifier.sign(body);
    let new_secret = client.webhooks().regenerate_secret(&id).await.unwrap();
    assert_ne!(
        new_secret.secret().expose_secret(),
        secret.secret().expose_secret()
    );
    let renewed = WebhookVerifier::new(new_secret.secret().clone()).unwrap();
    assert!(
        renewed.verify(body, Some(&signature)).is_err(),
        "the old secret's signatures stop verifying"
    );
    assert_eq!(
        fake.with_state(|s| s
            .webhooks
            .iter()
            .find(|w| w["Id"] == id.as_str())
            .map(|w| w["SecretKey"].clone())),
        Some(serde_json::json!(new_secret.secret().expose_secret()))
    );

    client.webhooks().delete(&id).send().await.unwrap();
    assert_eq!(
        client.webhooks().list().collect_all().await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_server_403_names_the_area_the_portal_path_and_the_organization_caveat() {
    let fake =
        FakeServer::start_with(FakeConfig::default().granted([&permissions::DEVICES_READ])).await;
    let client = fake.client_builder().build().unwrap();
    assert!(client.devices().list().send().await.is_ok());
    for (err, label) in [
        (
            client.assets().list().send().await.unwrap_err(),
            "Device Assets: Read",
        ),
        (
            client.organizations().list().send().await.unwrap_err(),
            "Organizations / Sites / Groups: Read",
        ),
        (
            client.scripts().list().send().await.unwrap_err(),
            "Automation: Read",
        ),
        (
            client.notifications().list().send().await.unwrap_err(),
            "Notifications: Read",
        ),
    ] {
        let Error::MissingScope {
            label: got,
            response,
            ..
        } = &err
        else {
            panic!("expected a missing permission, got {err:?}");
        };
        assert_eq!(got, label);
        assert_eq!(response.as_ref().map(|r| r.status.as_u16()), Some(403));
        let text = err.to_string();
        assert!(text.contains(PORTAL_PATH), "{text}");
        assert!(
            text.contains("outside the organizations the token may see"),
            "{text}"
        );
    }
    // A write: the 403 names the read/write permission.
    let write = client
        .notifications()
        .create(&CreateNotification::new("x", "y", Priority::Low))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&write, Error::MissingScope { label, .. } if label == "Notifications: Read/Write"),
        "{write:?}"
    );
}

#[tokio::test]
async fn declared_areas_refuse_before_sending() {
    let fake = FakeServer::start().await;
    let credentials = fake
        .credentials()
        .with_granted([&permissions::DEVICES_READ, &permissions::NOTIFICATIONS_READ]);
    let client = fake.builder_for(credentials).build().unwrap();
    let read = client.assets().list().send().await.unwrap_err();
    assert!(
        matches!(&read, Error::MissingScope { label, response: None, .. } if label == "Device Assets: Read"),
        "{read:?}"
    );
    let write = client
        .webhooks()
        .create(&WebhookSettings::new("n", "https://example.com/h"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&write, Error::MissingScope { label, response: None, .. } if label == "Notifications: Read/Write"),
        "{write:?}"
    );
    assert_eq!(fake.requests_to("GET", "/api/v3/assets"), 0);
    assert_eq!(fake.requests_to("POST", "/api/v3/notifications"), 0);
    assert!(client.notifications().list().send().await.is_ok());
}

#[tokio::test]
async fn the_policy_denies_before_sending() {
    let fake = FakeServer::start().await;
    let client = fake
        .client_builder()
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let err = client
        .notifications()
        .create(&CreateNotification::new("x", "y", Priority::Low))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PolicyDenied { .. }), "{err:?}");
    assert!(
        client
            .webhooks()
            .delete("wh-1")
            .send()
            .await
            .unwrap_err()
            .is_policy()
    );
    assert_eq!(fake.requests_to("POST", "/api/v3/notifications"), 0);
    assert_eq!(fake.requests_to("DELETE", "/api/v3/notifications"), 0);
}

#[tokio::test]
async fn organization_scoping_hides_lists_and_refuses_reads() {
    let fake = FakeServer::start_with(FakeConfig::default().organizations([4822])).await;
    let client = fake.client_builder().build().unwrap();
    let devices = client.devices().list().collect_all().await.unwrap();
    assert!(!devices.is_empty());
    assert!(devices.iter().all(|d| d.organization_id == Some(4822)));
    let orgs = client.organizations().list().collect_all().await.unwrap();
    assert_eq!(orgs.iter().map(|o| o.id).collect::<Vec<_>>(), [4822]);
    let hidden = fake.with_state(|s| {
        s.devices
            .iter()
            .find(|d| d["OrganizationId"] == 4821)
            .and_then(|d| d["Identifier"].as_str().map(str::to_owned))
    });
    let err = client
        .devices()
        .get(&hidden.unwrap())
        .send()
        .await
        .unwrap_err();
    assert!(err.is_missing_scope(), "{err:?}");
    assert!(
        err.to_string()
            .contains("outside the organizations the token may see")
    );
}

#[tokio::test]
async fn after_the_declared_expiry_nothing_is_sent() {
    let fake = FakeServer::start().await;
    let clock = Arc::new(ManualClock::new());
    let in_three_days = DateTime::<Utc>::from(SystemTime::now()) + chrono::Duration::days(3);
    let credentials = fake.credentials().with_expiry(in_three_days);
    let client = fake
        .builder_for(credentials)
        .clock(clock.clone())
        .build()
        .unwrap();
    assert!(client.devices().list().send().await.is_ok());

    // Near the expiry: check_access warns.
    let report = client.check_access().await;
    let fact = report
        .facts
        .iter()
        .find(|f| f.name.contains("expiry"))
        .expect("an expiry fact");
    assert_eq!(fact.severity, Severity::Warning);
    let detail = fact.detail.as_deref().unwrap_or_default();
    assert!(detail.contains("expires in 2 day(s)"), "{detail}");

    clock.advance(Duration::from_secs(4 * 86_400));
    let before = fake.http().api_requests();
    let err = client.devices().list().send().await.unwrap_err();
    assert!(err.is_auth());
    assert!(err.to_string().contains("expired on"), "{err}");
    assert_eq!(fake.http().api_requests(), before, "nothing was sent");
    let report = client.check_access().await;
    let fact = report
        .facts
        .iter()
        .find(|f| f.name.contains("expiry"))
        .unwrap();
    assert_eq!(fact.severity, Severity::Problem);
}

#[tokio::test]
async fn check_access_reports_the_five_areas() {
    let (_fake, client) = fake_and_client().await;
    let report = client.check_access().await;
    assert_eq!(report.exit_code(), 0, "{report}");
    for row in &PERMISSION_AREAS {
        let check = report
            .check(&row.area, neo_auth_core::Access::Read)
            .expect("a read row per area");
        assert_eq!(
            check.scope.as_ref().map(|s| s.label().to_owned()),
            Some(row.read.label().to_owned())
        );
        assert!(check.seen.is_some(), "{} was probed", row.portal_name);
    }
    assert!(
        report
            .identity
            .as_ref()
            .unwrap()
            .value
            .as_deref()
            .unwrap()
            .contains("authenticated")
    );
}

#[tokio::test]
async fn check_access_with_a_token_lacking_one_area_names_exactly_that_area() {
    for missing in PERMISSION_AREAS.iter() {
        let granted: Vec<_> = permissions::ALL_PERMISSIONS
            .iter()
            .copied()
            .filter(|p| {
                !std::ptr::eq(*p, missing.read)
                    && missing.write.is_none_or(|w| !std::ptr::eq(*p, w))
            })
            .collect();
        let fake = FakeServer::start_with(FakeConfig::default().granted(granted)).await;
        let client = fake.client_builder().build().unwrap();
        let report = client.check_access().await;
        let problems: Vec<String> = report
            .missing_required()
            .iter()
            .filter_map(|c| c.scope.as_ref().map(|s| s.label().to_owned()))
            .collect();
        assert_eq!(problems, [missing.read.label().to_owned()], "{report}");
        assert!(
            report.to_string().contains(missing.read.label()),
            "{report}"
        );
    }
}
