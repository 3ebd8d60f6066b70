//! Every operation against the stateful fake: auth, paging quirks, scope and
//! policy refusals, faults, script runs and the doctor.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use asio_client::fake::{FakeConfig, FakeServer, Fault};
use asio_client::models::RunScript;
use asio_client::resources::TicketFilter;
use asio_client::{AccessPolicy, Approval, AreaAccess, Error, policy, scopes};
use neo_auth_core::ManualClock;

async fn first_company(client: &asio_client::Client) -> String {
    client
        .companies()
        .list()
        .collect_all()
        .await
        .unwrap()
        .remove(0)
        .id
}

#[tokio::test]
async fn auth_happy_path_asks_for_one_token_with_the_nine_scopes() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let companies = client.companies().list().collect_all().await.unwrap();
    assert_eq!(companies.len(), 6);
    let _ = client.sites().list().collect_all().await.unwrap();
    let clone = client.clone();
    let _ = clone.automation().scripts().collect_all().await.unwrap();
    assert_eq!(fake.token_requests(), 1);
    assert_eq!(client.token_fetches(), 1);
    let (granted, _) = client.grant().expect("granted from the token's scope");
    let mut names = granted.names();
    names.sort();
    let mut nine: Vec<String> = scopes::REQUIRED
        .iter()
        .map(|s| s.name().to_owned())
        .collect();
    nine.sort();
    assert_eq!(names, nine);
}

#[tokio::test]
async fn bad_secret_is_an_auth_error() {
    let fake = FakeServer::start().await;
    let creds =
        asio_client::Credentials::new(asio_client::fake::CLIENT_ID, "wrong".to_owned().into())
            .base_url(fake.uri());
    let client = asio_client::Client::builder()
        .credentials(creds)
        .build()
        .unwrap();
    let err = client.companies().list().collect_all().await.unwrap_err();
    assert!(err.is_auth(), "{err:?}");
    assert!(!err.to_string().contains("wrong"));
}

#[tokio::test]
async fn a_locked_key_is_explained() {
    let fake = FakeServer::start().await;
    fake.inject_on("/v1/token", Fault::TokenLocked { times: 10 });
    let client = fake
        .client_builder()
        .token_cache(
            neo_auth_core::TokenCacheConfig::default()
                .with_max_attempts(1)
                .with_backoff(neo_auth_core::Backoff::new(
                    Duration::from_millis(1),
                    Duration::from_millis(5),
                )),
        )
        .build()
        .unwrap();
    let err = client.companies().list().send().await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("423 Locked"), "{text}");
    assert!(text.contains("cached token"), "{text}");
    assert!(err.is_auth());
    assert_eq!(fake.token_requests(), 1, "a locked key is not hammered");
    assert_eq!(fake.requests_to("GET", "/api/"), 0);
}

#[tokio::test]
async fn the_device_list_pages_through_link_cursors_and_splits_companies_by_four() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let devices = client
        .devices()
        .list()
        .page_size(5)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(devices.len(), fake.device_count());
    let ids: HashSet<_> = devices.iter().map(|d| d.endpoint_id.clone()).collect();
    assert_eq!(ids.len(), devices.len(), "every device exactly once");
    assert!(
        devices
            .iter()
            .all(|d| !d.company_id.is_empty() && !d.site_id.is_empty() && d.category == "platform")
    );
    // Six companies: one batch of 4 and one of 2.
    let bodies = fake.with_state(|s| s.device_list_bodies().to_vec());
    let batch_sizes: HashSet<usize> = bodies
        .iter()
        .map(|b| b["resources"].as_array().unwrap().len())
        .collect();
    assert_eq!(batch_sizes, HashSet::from([4, 2]));
    assert!(bodies.iter().all(|b| b["resourceType"] == "company"));
    // 4 companies × 12 devices at 5 per page = 10 pages; 2 × 12 = 5 pages.
    assert_eq!(
        fake.requests_to(
            "POST",
            "/api/platform/v2/device/categories/platform/endpoints"
        ),
        15
    );
}

#[tokio::test]
async fn sites_split_by_ten_and_a_404_ends_a_batch_cleanly() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let sites: Vec<String> = client
        .sites()
        .list()
        .collect_all()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(sites.len(), 18);
    let mut with_unknown = sites.clone();
    with_unknown.push("unknown-site".into());
    // 19 ids: batches of 10 and 9; an all-unknown batch answers 404.
    let devices = client
        .devices()
        .list()
        .sites(with_unknown)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(devices.len(), fake.device_count());
    let only_unknown = client
        .devices()
        .list()
        .sites(["nope"])
        .collect_all()
        .await
        .unwrap();
    assert!(only_unknown.is_empty());
}

#[tokio::test]
async fn projections_over_fifteen_fields_are_refused_before_sending() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let fields: Vec<String> = (0..16).map(|i| format!("f{i}")).collect();
    let err = client
        .devices()
        .list()
        .companies(["c"])
        .fields(fields)
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(fake.requests_to("POST", "/api/platform/v2/device"), 0);
}

#[tokio::test]
async fn details_heartbeat_system_state_and_groups() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let devices = client
        .assets()
        .hardware()
        .companies([first_company(&client).await])
        .collect_all()
        .await
        .unwrap();
    let d = &devices[0];
    assert!(
        d.extra.contains_key("bios"),
        "hardware projection carries bios"
    );
    let details = client
        .devices()
        .details(&d.company_id, &d.site_id, &d.endpoint_id, &["os", "system"])
        .await
        .unwrap();
    assert_eq!(details.endpoint_id, d.endpoint_id);
    let ids: Vec<String> = devices
        .iter()
        .take(5)
        .map(|d| d.endpoint_id.clone())
        .chain(["missing".to_owned()])
        .collect();
    let beat = client.devices().heartbeat(ids).send().await.unwrap();
    assert_eq!(beat.availabilities().count(), 5);
    assert_eq!(beat.failed_records.len(), 1);
    assert_eq!(beat.failed_records[0].resource.as_deref(), Some("missing"));
    assert_eq!(
        fake.requests_to("GET", "/api/platform/v2/device/endpoints/heartbeat"),
        2
    );
    let state = client.devices().system_state(&d.endpoint_id).await.unwrap();
    assert_eq!(state.endpoint_id, d.endpoint_id);
    // Device groups need the optional scope, which the default request leaves out.
    let err = client.devices().groups().send().await.unwrap_err();
    assert!(
        matches!(&err, Error::MissingScope { label, .. } if label == "Platform - DeviceGroups - Read"),
        "{err:?}"
    );
    let wanted = scopes::REQUIRED
        .iter()
        .chain(scopes::OPTIONAL.iter())
        .map(|s| s.name());
    let client = fake.client_builder().scopes(wanted).build().unwrap();
    let groups = client.devices().groups().collect_all().await.unwrap();
    assert_eq!(groups[0].name, "Servers");
    let members = client
        .devices()
        .group_endpoints("dg-1")
        .collect_all()
        .await
        .unwrap();
    assert!(!members.is_empty());
}

#[tokio::test]
async fn software_inventory_pages_and_install_tokens() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let apps = client
        .assets()
        .applications()
        .page_size(7)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(apps.len(), fake.device_count());
    assert_eq!(apps[0].applications[0].size_bytes(), Some(5_242_880));
    let site = client.sites().list().collect_all().await.unwrap().remove(0);
    let token = client
        .agent()
        .install_token(site.company_id().unwrap(), &site.id)
        .await
        .unwrap();
    assert!(token.as_str().starts_with("f4b2990c-"));
    assert!(!format!("{token:?}").contains("f4b2990c"));
    let err = client
        .agent()
        .install_token_with_field("clientID", "c", "s")
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().message.as_deref(),
        Some("ErrClientIDNotAllowed")
    );
}

#[tokio::test]
async fn tickets_page_with_page_num_and_total_count_and_filter() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let all = client
        .tickets()
        .list()
        .page_size(5)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), fake.ticket_count());
    let ids: HashSet<_> = all.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids.len(), all.len());
    let page = client.tickets().list().page_size(5).send().await.unwrap();
    assert_eq!(page.total, Some(23));
    let high_new = client
        .tickets()
        .list()
        .filter(
            &TicketFilter::new()
                .status_names(["New"])
                .priority_names(["High"]),
        )
        .collect_all()
        .await
        .unwrap();
    assert!(!high_new.is_empty());
    assert!(
        high_new
            .iter()
            .all(|t| t.status.as_ref().unwrap().name.as_deref() == Some("New"))
    );
    let one = client.tickets().get(&all[0].id).await.unwrap();
    assert_eq!(one.id, all[0].id);
    let notes = client
        .tickets()
        .notes(&all[0].id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
}

#[tokio::test]
async fn companies_sites_custom_fields_contacts_and_rate_limits() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let company = client
        .companies()
        .list()
        .collect_all()
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        client.companies().get(&company.id).await.unwrap().name,
        company.name
    );
    let fields = client
        .companies()
        .custom_fields(&company.id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(fields[0].attribute_id, "cf-1");
    let sites = client
        .sites()
        .for_company(&company.id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(sites.len(), 3);
    assert_eq!(
        client.sites().get(&sites[0].id).await.unwrap().id,
        sites[0].id
    );
    // This tenant offers no contact list: tolerated.
    assert!(
        client
            .contacts()
            .list(Some(&company.id))
            .await
            .unwrap()
            .is_none()
    );
    let primaries = client.contacts().primary_contacts().await.unwrap();
    assert_eq!(primaries.len(), 6);
    let limits = client.rate_limits().await.unwrap();
    assert_eq!(limits.buckets().next().unwrap().2.limit, Some(35));
}

#[tokio::test]
async fn running_a_script_needs_approval_then_produces_results() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    let script = client
        .automation()
        .scripts()
        .collect_all()
        .await
        .unwrap()
        .remove(0);
    let device = client
        .devices()
        .list()
        .companies([first_company(&client).await])
        .collect_all()
        .await
        .unwrap()
        .remove(0);
    let run = RunScript::new(script.id, "Clear temp", [device.endpoint_id.clone()])
        .parameters(&serde_json::json!({"days": 7}))
        .unwrap();
    let err = client
        .automation()
        .run_script(&run, None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ApprovalRequired { .. }), "{err:?}");
    assert_eq!(fake.requests_to("POST", "/api/platform/v2/automation"), 0);
    let approval = Approval::new("jane@msp.example", "ticket 10423").unwrap();
    let task = client
        .automation()
        .run_script(&run, Some(approval))
        .await
        .unwrap();
    let stored = fake.with_state(|s| s.tasks().to_vec());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].body["parameters"], "{\"days\":7}");
    let instances = client
        .automation()
        .task_instances(&task.task_id)
        .collect_all()
        .await
        .unwrap();
    let results = client
        .automation()
        .results(&task.task_id, &instances[0].instance_id)
        .await
        .unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].endpoint_id, device.endpoint_id);
    assert_eq!(results[0].completion_status.as_deref(), Some("Success"));
    let summaries = client
        .automation()
        .task_summaries()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(summaries.len(), 1);
    let per_endpoint = client
        .automation()
        .endpoint_tasks(&device.endpoint_id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(per_endpoint[0].task_id, task.task_id);
    assert_eq!(
        client
            .automation()
            .shell_scripts()
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        client
            .automation()
            .tasks()
            .collect_all()
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_script_run_is_not_retried_on_a_5xx() {
    let fake = FakeServer::start().await;
    let client = fake
        .client_builder()
        .policy(AccessPolicy::read_only().with(policy::AUTOMATION, AreaAccess::WRITE))
        .build()
        .unwrap();
    fake.inject_on(
        "/api/platform/v2/automation/endpoints/schedule-tasks",
        Fault::ServerError {
            status: 503,
            times: 1,
        },
    );
    let run = RunScript::new("tpl", "x", ["e"]);
    let err = client
        .automation()
        .run_script(&run, None)
        .await
        .unwrap_err();
    assert!(
        err.is_write_uncertain() || err.status().map(|s| s.as_u16()) == Some(503),
        "{err:?}"
    );
    assert_eq!(
        fake.requests_to(
            "POST",
            "/api/platform/v2/automation/endpoints/schedule-tasks"
        ),
        1
    );
}

#[tokio::test]
async fn missing_scopes_are_refused_before_sending_for_a_read_and_a_write() {
    let fake = FakeServer::start_with(
        FakeConfig::default()
            .without_scope(&scopes::TICKETS_READ)
            .without_scope(&scopes::AUTOMATION_CREATE),
    )
    .await;
    let client = fake
        .client_builder()
        .policy(AccessPolicy::allow_all())
        .build()
        .unwrap();
    // The first call learns the grant from the token.
    client.companies().list().send().await.unwrap();
    let err = client.tickets().list().send().await.unwrap_err();
    match &err {
        Error::MissingScope {
            label,
            scope,
            response,
            ..
        } => {
            assert_eq!(label, "Platform - Tickets - Read");
            assert_eq!(scope, "platform.tickets.read");
            assert!(response.is_none(), "refused before sending");
        }
        other => panic!("{other:?}"),
    }
    let err = client
        .automation()
        .run_script(&RunScript::new("t", "n", ["e"]), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::MissingScope { label, .. } if label == "Platform - Automation - Create"),
        "{err:?}"
    );
    assert_eq!(fake.requests_to("GET", "/api/platform/v2/service"), 0);
    assert_eq!(fake.requests_to("POST", "/api/platform/v2/automation"), 0);
}

#[tokio::test]
async fn policy_ignore_refuses_before_sending() {
    let fake = FakeServer::start().await;
    let client = fake
        .client_builder()
        .policy(AccessPolicy::read_only().with(policy::TICKETS, AreaAccess::Ignore))
        .build()
        .unwrap();
    let err = client.tickets().list().send().await.unwrap_err();
    assert!(matches!(err, Error::PolicyDenied { .. }), "{err:?}");
    assert_eq!(fake.requests_to("GET", "/api/platform/v2/service"), 0);
}

#[tokio::test]
async fn rate_limits_5xx_401_and_malformed_json() {
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    fake.inject_on(
        "/api/platform/v1/company/companies",
        Fault::RateLimited {
            retry_after: Some(0),
            times: 1,
        },
    );
    fake.inject_on(
        "/api/platform/v1/company/companies",
        Fault::ServerError {
            status: 502,
            times: 1,
        },
    );
    assert_eq!(
        client.companies().list().collect_all().await.unwrap().len(),
        6
    );
    assert_eq!(
        fake.requests_to("GET", "/api/platform/v1/company/companies"),
        3
    );
    fake.inject_on(
        "/api/platform/v1/automation/scripts",
        Fault::RateLimited {
            retry_after: None,
            times: 1,
        },
    );
    assert_eq!(
        client
            .automation()
            .scripts()
            .collect_all()
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        fake.requests_to("GET", "/api/platform/v1/automation/scripts"),
        2
    );
    // 401 mid-stream: re-mint once, then go on.
    fake.inject_on(
        "/api/platform/v2/service/ticketing/tickets",
        Fault::Unauthorized { times: 1 },
    );
    let all = client
        .tickets()
        .list()
        .page_size(10)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 23);
    fake.inject_on(
        "/api/platform/v1/company/sites",
        Fault::MalformedJson { times: 1 },
    );
    let err = client.sites().list().collect_all().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn expired_tokens_are_refreshed_once_per_lifetime() {
    let clock = Arc::new(ManualClock::new());
    let fake = FakeServer::start_with(FakeConfig::default().clock(clock.clone())).await;
    let client = fake.client_builder().clock(clock.clone()).build().unwrap();
    for _ in 0..5 {
        client.companies().list().send().await.unwrap();
    }
    assert_eq!(fake.token_requests(), 1);
    clock.advance(Duration::from_secs(3600));
    client.companies().list().send().await.unwrap();
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn check_access_names_every_label_and_the_inferred_region() {
    let fake = FakeServer::start().await;
    let full = fake.client().unwrap();
    let report = full.check_access().await;
    assert!(report.missing_required().is_empty(), "{report}");
    let text = report.to_string();
    for scope in scopes::REQUIRED {
        assert!(
            text.contains(scope.label()),
            "{} missing from\n{text}",
            scope.label()
        );
    }
    assert!(text.contains("explicit base URL"), "{text}");
    assert_eq!(fake.token_requests(), 1);

    for scope in scopes::REQUIRED {
        let fake = FakeServer::start_with(FakeConfig::default().without_scope(scope)).await;
        let client = fake
            .client_builder()
            .policy(
                AccessPolicy::read_only().with(policy::AUTOMATION, AreaAccess::WRITE_WITH_APPROVAL),
            )
            .build()
            .unwrap();
        let report = client.check_access().await;
        let missing: Vec<String> = report
            .missing_required()
            .iter()
            .map(|c| c.scope.as_ref().unwrap().label().to_owned())
            .collect();
        assert_eq!(missing, [scope.label().to_owned()], "{report}");
    }
}

#[tokio::test]
async fn check_access_reports_a_region_inferred_from_the_client_id() {
    let client = asio_client::Client::builder()
        .credentials(asio_client::Credentials::new(
            "0e32abcd",
            "s".to_owned().into(),
        ))
        .build()
        .unwrap();
    assert_eq!(client.base_url(), asio_client::Region::Au.base_url());
    assert_eq!(
        client.region_source().to_string(),
        "region AU (inferred from the client ID prefix `0e32`)"
    );
}

#[tokio::test]
async fn a_renamed_scope_is_requested_and_checked_under_its_new_name() {
    let fake = FakeServer::start().await;
    fake.with_state(|_| ());
    let client = fake
        .client_builder()
        .scope_name(&scopes::CONTACTS_READ, "platform.contact.read")
        .build()
        .unwrap();
    // The fake's key does not know the renamed string: the token leaves it out.
    client.companies().list().send().await.unwrap();
    assert!(
        client
            .requested_scopes()
            .contains(&"platform.contact.read".to_owned())
    );
    let err = client.contacts().list(None).await.unwrap_err();
    assert!(
        matches!(&err, Error::MissingScope { label, .. } if label == "Platform - Contacts - Read"),
        "{err:?}"
    );
    // The error names the string the client asked for, not the table's default.
    assert!(
        matches!(&err, Error::MissingScope { scope, .. } if scope == "platform.contact.read"),
        "{err:?}"
    );
}

#[tokio::test]
async fn secrets_never_reach_logs_debug_or_errors() {
    let secrets = [asio_client::fake::CLIENT_SECRET, "fake-asio-at-"];
    let _check = neo_auth_core::testkit::SecretCheck::new(secrets);
    let fake = FakeServer::start().await;
    let client = fake.client().unwrap();
    client.companies().list().send().await.unwrap();
    fake.inject_on(
        "/api/platform/v1/company/sites",
        Fault::Unauthorized { times: 2 },
    );
    let err = client.sites().list().send().await.unwrap_err();
    let report = client.check_access().await;
    for (what, text) in [
        ("client Debug", format!("{client:?}")),
        ("error", format!("{err} {err:?}")),
        (
            "report",
            format!("{report} {}", serde_json::to_string(&report).unwrap()),
        ),
    ] {
        neo_auth_core::testkit::assert_no_secrets(what, &text, &secrets);
    }
}
