//! The client against the stateful fake: pagination quirks, writes, scopes,
//! policy, faults and the doctor.
#![cfg(feature = "fake")]

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use common::fast_retry;
use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, Fault, SeedSize};
use halopsa_client::models::{Action, Invoice, Ticket};
use halopsa_client::{CheckMethod, Client, HaloCredentials, Severity, Visibility, areas};
use neo_auth_core::{Access, Approval, AreaAccess, Error, ManualClock};
use secrecy::SecretString;

fn credentials(server: &FakeServer) -> HaloCredentials {
    server.credentials()
}

use common::fake_client as client;

use common::fake_client_with_scopes as client_with_scopes;

#[tokio::test]
async fn every_ticket_arrives_exactly_once_across_pages() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::default().with_tickets(250)),
    )
    .await;
    let client = client(&server);
    let tickets: Vec<Ticket> = client
        .tickets()
        .list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: HashSet<i64> = tickets.iter().filter_map(|t| t.id).collect();
    assert_eq!(tickets.len(), 250);
    assert_eq!(ids.len(), 250);
    // 3 pages of ≤100 and no extra request: termination follows record_count.
    assert_eq!(server.requests_to("GET", "/api/tickets"), 3);
}

#[tokio::test]
async fn assets_served_fifty_per_page_still_arrive_exactly_once() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::default().with_assets(120)),
    )
    .await;
    let client = client(&server);
    let pages: Vec<_> = client
        .assets()
        .list()
        .page_size(100)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, vec![50, 50, 20], "Halo's /Asset ignores page_size");
    let ids: HashSet<i64> = pages
        .iter()
        .flat_map(|p| p.items.iter().filter_map(|a| a.id))
        .collect();
    assert_eq!(ids.len(), 120);
}

#[tokio::test]
async fn config_lists_accept_both_shapes() {
    let server = FakeServer::start().await;
    let client = client(&server);
    let statuses = client.statuses().list().collect_all().await.unwrap();
    assert!(statuses.iter().any(|s| s.name.as_deref() == Some("Closed")));
    let priorities = client.priorities().list().collect_all().await.unwrap();
    assert!(!priorities.is_empty());
}

#[tokio::test]
async fn a_created_ticket_and_its_actions_read_back() {
    let server = FakeServer::start().await;
    let client = client(&server);
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some("Printer offline".into()),
            client_id: Some(1),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let id = ticket.id.expect("the fake assigns an id");
    let read = client.tickets().get(id).send().await.unwrap();
    assert_eq!(read.summary.as_deref(), Some("Printer offline"));
    assert_eq!(
        server.record("Tickets", id).unwrap()["summary"],
        "Printer offline"
    );

    let updated = client
        .tickets()
        .update(&Ticket {
            id: Some(id),
            summary: Some("Printer fixed".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(updated.summary.as_deref(), Some("Printer fixed"));

    // Action ids restart per ticket: the first note on a new ticket is action 1.
    let first = client
        .actions()
        .create(&Action {
            ticket_id: Some(id),
            note: Some("one".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let second = client
        .actions()
        .create(&Action {
            ticket_id: Some(id),
            note: Some("two".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!((first.id, second.id), (Some(1), Some(2)));
    let notes = client.actions().list(id).collect_all().await.unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        client
            .actions()
            .get(id, 2)
            .send()
            .await
            .unwrap()
            .note
            .as_deref(),
        Some("two")
    );
    // Another ticket has its own action 1.
    let other = client.actions().get(1, 1).send().await.unwrap();
    assert_eq!(other.ticket_id, Some(1));
}

#[tokio::test]
async fn missing_scopes_fail_before_sending_and_name_the_label() {
    let server = FakeServer::start_with(FakeConfig::default().with_scopes(["read:tickets"])).await;
    let client = client_with_scopes(&server, &["read:tickets"]);
    client.tickets().list().send().await.unwrap();
    let before = server.api_requests();

    let error = client
        .tickets()
        .create(&Ticket {
            summary: Some("x".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    match &error {
        Error::MissingScope {
            scope,
            label,
            operation,
            ..
        } => {
            assert_eq!(scope, "edit:tickets");
            assert_eq!(operation, "tickets.create");
            assert!(
                label == "edit:tickets" && error.to_string().contains("Permissions tab"),
                "{label}"
            );
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    let error = client.companies().list().send().await.unwrap_err();
    assert!(
        matches!(&error, Error::MissingScope { scope, .. } if scope == "read:customers"),
        "{error:?}"
    );
    assert_eq!(server.api_requests(), before, "nothing was sent");
}

#[tokio::test]
async fn a_server_403_on_a_merely_requested_scope_is_a_missing_scope_with_the_answer() {
    // The token response lists no scopes, so the client only knows what it asked
    // for (read:tickets read:customers); the application is allowed read:tickets
    // alone, so the request is sent and Halo answers /Client with 403. The grant
    // was never confirmed, so the scope is reported missing (tick it), and Halo's
    // own answer is kept as the source.
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_scopes(["read:tickets"])
            .with_token_scope_in_response(false),
    )
    .await;
    let client = client_with_scopes(&server, &["read:tickets", "read:customers"]);
    let requirement = halopsa_client::scopes::requirements::COMPANIES.read;
    let error = client
        .get_json::<serde_json::Value>("Client", &[], Some(requirement.clone()))
        .await
        .unwrap_err();
    match &error {
        Error::MissingScope {
            operation,
            scope,
            label,
            response,
            ..
        } => {
            assert_eq!(operation, requirement.operation());
            assert_eq!(operation, "companies.read");
            assert_eq!(scope, "read:customers");
            assert_eq!(label, "read:customers");
            let response = response.as_ref().expect("Halo's 403 is kept");
            assert_eq!(response.status.as_u16(), 403);
            assert_eq!(response.code.as_deref(), Some("HaloPermissionException"));
            assert!(
                response
                    .message
                    .as_deref()
                    .unwrap()
                    .contains("does not have the required permission"),
                "{response:?}"
            );
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    assert!(error.is_missing_scope() && !error.is_forbidden());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    let text = error.to_string();
    assert!(
        text.contains("companies.read")
            && text.contains("tick \"read:customers\"")
            && text.ends_with("(the server refused the call with HTTP 403)"),
        "{text}"
    );
    assert_eq!(
        server.requests_to("GET", "/api/client"),
        1,
        "sent once, not retried"
    );
}

/// A plain wiremock Halo for the doctor: auth with `all`, `Agent/me`, and every
/// other GET answering one record with id 3 (bare array, valid for every list).
async fn doctor_mock() -> wiremock::MockServer {
    use wiremock::matchers::{method, path, path_regex};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    common::mount_auth(&server, "all").await;
    Mock::given(method("GET"))
        .and(path("/api/Agent/me"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 1, "name": "API"})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/.+"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": 3}])))
        .with_priority(10)
        .named("every other list: one record")
        .mount(&server)
        .await;
    server
}

fn doctor_client(server: &wiremock::MockServer) -> Client {
    common::builder(server).build().unwrap()
}

#[tokio::test]
async fn the_doctor_reports_a_403_on_a_granted_scope_as_agent_lacks_permission() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    let server = doctor_mock().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "Message": "You do not have permission to view customers"
        })))
        .with_priority(1)
        .expect(1)
        .named("clients: 403 for this agent")
        .mount(&server)
        .await;
    let report = doctor_client(&server).check_access().await.unwrap();
    assert!(report.has_problems(), "{report}");
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert_eq!(companies.visibility, Visibility::Forbidden);
    assert_eq!(companies.granted, Some(true), "the scope is granted (all)");
    assert_eq!(companies.state(), "granted, refused (403)");
    assert_eq!(companies.severity, Severity::Problem);
    assert_eq!(companies.scope.as_ref().unwrap().label(), "read:customers");
    let problem = companies.detail.as_deref().unwrap();
    assert!(problem.contains("login agent"), "{problem}");
    let answer = companies.error.as_deref().unwrap();
    assert!(
        answer.contains("You do not have permission to view customers"),
        "the server's message is kept: {answer}"
    );
    assert!(problem.contains("`read:customers`"), "{problem}");
    assert!(
        problem.contains("Configuration → Teams & Agents → Agents"),
        "{problem}"
    );
    assert!(
        !problem.contains("missing") && !problem.contains("tick"),
        "{problem}"
    );
    assert!(answer.contains("403 Forbidden"), "{companies:?}");
    // Only that line is a problem.
    assert_eq!(report.problems().count(), 1, "{report}");
    let line = report
        .to_string()
        .lines()
        .find(|l| l.contains("companies") && l.contains("read "))
        .unwrap()
        .to_owned();
    assert!(line.contains("granted, refused (403)"), "{line}");
}

#[tokio::test]
async fn the_doctor_probes_actions_through_a_visible_ticket() {
    let server = doctor_mock().await;
    let report = doctor_client(&server).check_access().await.unwrap();
    assert!(!report.has_problems(), "{report}");
    let actions = report.check(&areas::ACTIONS, Access::Read).unwrap();
    assert_eq!(
        actions.method,
        CheckMethod::TokenScopes,
        "the token says; the probe sees"
    );
    assert_eq!(
        (actions.visibility, actions.seen),
        (Visibility::Records, Some(1))
    );
    assert!(
        actions
            .note
            .as_deref()
            .unwrap()
            .contains("GET /Actions?ticket_id=3&count=1"),
        "{actions:?}"
    );
    let requests = server.received_requests().await.unwrap();
    let probe = requests
        .iter()
        .find(|r| r.url.path() == "/api/Actions")
        .expect("an actions probe");
    assert_eq!(probe.url.query(), Some("ticket_id=3&count=1"));
    let configuration = report.check(&areas::CONFIGURATION, Access::Read).unwrap();
    assert!(
        configuration
            .note
            .as_deref()
            .unwrap()
            .starts_with("probed through GET /Status only"),
        "{configuration:?}"
    );
    assert!(
        report
            .to_string()
            .contains("probed through GET /Status only"),
        "{report}"
    );
}

#[tokio::test]
async fn an_empty_optional_area_is_a_warning_and_an_empty_core_area_a_problem() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    let empty = || {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"record_count": 0, "x": []}))
    };
    // No quotations on this tenant: a warning, the report is still OK.
    let server = doctor_mock().await;
    Mock::given(method("GET"))
        .and(path("/api/Quotation"))
        .respond_with(empty())
        .with_priority(1)
        .mount(&server)
        .await;
    let report = doctor_client(&server).check_access().await.unwrap();
    assert!(!report.has_problems(), "{report}");
    let quotations = report.check(&areas::QUOTATIONS, Access::Read).unwrap();
    assert_eq!(quotations.visibility, Visibility::NoneVisible);
    assert_eq!(quotations.severity, Severity::Warning);
    assert_eq!(report.problems().count(), 0);
    let warnings: Vec<_> = report.warnings().collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert_eq!(warnings[0].area, areas::QUOTATIONS, "{report}");
    let text = report.to_string();
    assert!(
        text.contains("warnings:") && text.contains("no problems found"),
        "{text}"
    );

    // No companies: the agent cannot see records, a problem.
    let server = doctor_mock().await;
    Mock::given(method("GET"))
        .and(path("/api/Client"))
        .respond_with(empty())
        .with_priority(1)
        .mount(&server)
        .await;
    let report = doctor_client(&server).check_access().await.unwrap();
    assert!(report.has_problems(), "{report}");
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert_eq!(companies.severity, Severity::Problem);
    assert!(
        companies
            .detail
            .as_deref()
            .unwrap()
            .contains("cannot see records"),
        "{report}"
    );
}

#[tokio::test]
async fn policy_denies_sensitive_writes_and_approval_gates_tickets() {
    let server = FakeServer::start().await;
    let client = client(&server);
    let error = client
        .invoices()
        .update(&Invoice {
            id: Some(1),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::PolicyDenied { .. }), "{error:?}");
    assert_eq!(server.requests_to("POST", "/api/invoice"), 0);

    let strict = Client::builder()
        .credentials(credentials(&server))
        .policy(
            halopsa_client::default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL),
        )
        .rate_limit(None)
        .build()
        .unwrap();
    let draft = Ticket {
        summary: Some("Disk full".into()),
        ..Default::default()
    };
    let error = strict.tickets().create(&draft).send().await.unwrap_err();
    assert!(matches!(error, Error::ApprovalRequired { .. }), "{error:?}");
    assert_eq!(server.requests_to("POST", "/api/tickets"), 0);
    let saved = strict
        .tickets()
        .create(&draft)
        .approval(Approval::new("jane", "customer asked").unwrap())
        .send()
        .await
        .unwrap();
    assert!(saved.id.is_some());
    assert_eq!(server.requests_to("POST", "/api/tickets"), 1);

    // Turning a sensitive write on is explicit and works.
    let finance = Client::builder()
        .credentials(credentials(&server))
        .policy(halopsa_client::default_policy().with(areas::INVOICES, AreaAccess::WRITE))
        .rate_limit(None)
        .build()
        .unwrap();
    finance
        .invoices()
        .update(&Invoice {
            id: Some(1),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_for_reads() {
    let server = FakeServer::start().await;
    let client = client(&server);
    server.inject(Fault::RateLimited {
        retry_after: None,
        times: 1,
    });
    server.inject(Fault::ServerError {
        status: 503,
        times: 1,
    });
    let page = client.tickets().list().send().await.unwrap();
    assert!(!page.items.is_empty());
    assert_eq!(server.requests_to("GET", "/api/tickets"), 3);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = FakeServer::start().await;
    let client = client(&server);
    client.whoami().await.unwrap();
    server.inject(Fault::RateLimited {
        retry_after: Some(1),
        times: 1,
    });
    let started = std::time::Instant::now();
    client.tickets().list().send().await.unwrap();
    // A lower bound only: the client waited as asked (the retry backoff alone is ≤ 20 ms).
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(server.requests_to("GET", "/api/tickets"), 2);
}

#[tokio::test]
async fn writes_are_not_retried_after_a_server_error() {
    let server = FakeServer::start().await;
    let client = client(&server);
    client.whoami().await.unwrap();
    server.inject_on(
        "/api/tickets",
        Fault::ServerError {
            status: 500,
            times: 1,
        },
    );
    let error = client
        .tickets()
        .create(&Ticket {
            summary: Some("once".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(
        error.to_string().contains("may have been applied"),
        "{error}"
    );
    assert_eq!(server.requests_to("POST", "/api/tickets"), 1);
}

#[tokio::test]
async fn a_401_mid_stream_refreshes_the_token_and_the_stream_completes() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::default().with_tickets(250)),
    )
    .await;
    let client = client(&server);
    let mut stream = client.tickets().list().stream();
    let mut ids = HashSet::new();
    let mut n = 0;
    while let Some(ticket) = stream.try_next().await.unwrap() {
        n += 1;
        ids.insert(ticket.id.unwrap());
        if n == 150 {
            server.revoke_tokens();
        }
    }
    assert_eq!((n, ids.len()), (250, 250));
    assert_eq!(server.token_requests(), 2);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_not_a_panic() {
    let server = FakeServer::start().await;
    let client = client(&server);
    client.whoami().await.unwrap();
    server.inject(Fault::MalformedJson { times: 1 });
    let error = client.tickets().list().send().await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn slow_responses_hit_the_attempt_timeout_and_reads_retry() {
    // Huge margins both ways: the slow answer takes 60 s against a 1 s attempt
    // timeout, and a normal local answer takes milliseconds.
    let server = FakeServer::start().await;
    let client = Client::builder()
        .credentials(credentials(&server))
        .retry(fast_retry())
        .timeouts(neo_auth_core::Timeouts::default().with_attempt(Duration::from_secs(1)))
        .rate_limit(None)
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    server.inject(Fault::Slow {
        delay: Duration::from_secs(60),
        times: 1,
    });
    client.tickets().list().send().await.unwrap();
    assert_eq!(server.requests_to("GET", "/api/tickets"), 2);
}

#[tokio::test]
async fn doctor_with_a_full_credential() {
    let server = FakeServer::start_with(FakeConfig::default().with_agent_id(7)).await;
    let client = Client::builder()
        .credentials(credentials(&server).with_agent_id(7))
        .rate_limit(None)
        .build()
        .unwrap();
    let report = client.check_access().await.unwrap();
    assert!(!report.has_problems(), "{report}");
    let agent = report.identity.as_ref().unwrap();
    assert!(
        agent.value.as_deref().is_some_and(|v| v.starts_with("7 (")),
        "{agent:?}"
    );
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert_eq!(tickets.granted, Some(true));
    assert_eq!(tickets.method, CheckMethod::TokenScopes);
    assert!(tickets.visibility == Visibility::Records && tickets.seen > Some(0));
    let write = report.check(&areas::TICKETS, Access::Write).unwrap();
    assert!(write.granted == Some(true) && write.required);
    assert_eq!(write.method, CheckMethod::TokenScopes);
    assert_eq!(
        report.grant.source,
        Some(neo_auth_core::GrantSource::TokenResponse)
    );
    // Actions are probed through a ticket the tickets probe saw.
    let actions = report.check(&areas::ACTIONS, Access::Read).unwrap();
    assert!(
        actions.visibility == Visibility::Records && actions.seen > Some(0),
        "{report}"
    );
    assert_eq!(server.requests_to("GET", "/api/actions"), 1);
    // Every line names its exact portal label, which is the scope string.
    let text = report.to_string();
    for (area, access, label) in [
        (areas::TICKETS, Access::Read, "read:tickets"),
        (areas::TICKETS, Access::Write, "edit:tickets"),
        (areas::ACTIONS, Access::Write, "edit:tickets"),
        (areas::COMPANIES, Access::Read, "read:customers"),
        (areas::ASSETS, Access::Write, "edit:assets"),
        (areas::INVOICES, Access::Read, "read:invoices"),
        (areas::CONFIGURATION, Access::Write, "admin"),
    ] {
        let check = report.check(&area, access).unwrap();
        assert_eq!(
            check.scope.as_ref().unwrap().label(),
            label,
            "{area} {access}"
        );
        assert_eq!(check.severity, Severity::Ok, "{area} {access}");
        assert!(text.contains(label), "{text}");
    }
    assert_eq!(report.warnings().count(), 0, "{report}");
    // The doctor never writes.
    assert_eq!(server.requests_to("POST", "/api"), 0);
}

#[tokio::test]
async fn doctor_with_a_reduced_credential_names_the_labels() {
    let server = FakeServer::start_with(
        FakeConfig::default().with_scopes(["read:tickets", "read:customers"]),
    )
    .await;
    let client = client_with_scopes(&server, &["read:tickets", "read:customers"]);
    let report = client.check_access().await.unwrap();
    assert!(report.has_problems());
    let problems: Vec<&str> = report
        .problems()
        .filter_map(|c| c.detail.as_deref())
        .collect();
    let problems = problems.join("\n");
    assert!(
        problems
            .contains("tick \"edit:tickets\" on the Permissions tab of the Halo API application"),
        "{problems}"
    );
    assert!(
        problems.contains(
            "`read:assets` missing — tick \"read:assets\" on the Permissions tab of the Halo API application (Configuration → Integrations → Halo API → View Applications → (the application) → Permissions)"
        ),
        "{problems}"
    );
    // The text names the label once per permission, with what needs it.
    let text = report.to_string();
    assert!(
        text.contains("tick \"read:assets\" (read:assets)"),
        "{text}"
    );
    assert!(
        text.contains("needed to read assets: without it assets cannot be read"),
        "{text}"
    );
    let asset_read = report.check(&areas::ASSETS, Access::Read).unwrap();
    assert_eq!(asset_read.scope.as_ref().unwrap().label(), "read:assets");
    assert_eq!(asset_read.severity, Severity::Problem);
    assert_eq!(asset_read.state(), "missing");
    // Actions share the tickets scope: readable, probed through a visible ticket.
    let actions = report.check(&areas::ACTIONS, Access::Read).unwrap();
    assert!(
        actions.granted == Some(true) && actions.severity == Severity::Ok,
        "{report}"
    );
    assert_eq!(actions.visibility, Visibility::Records);
    assert_eq!(
        report
            .check(&areas::COMPANIES, Access::Read)
            .unwrap()
            .granted,
        Some(true)
    );
    assert_eq!(
        report
            .check(&areas::TICKETS, Access::Write)
            .unwrap()
            .granted,
        Some(false)
    );
    // Sensitive areas are read-only by policy, so their writes are not problems.
    let invoices = report.check(&areas::INVOICES, Access::Write).unwrap();
    assert!(!invoices.required && invoices.severity == Severity::Ok);
    let text = report.to_string();
    assert!(
        text.contains("edit:tickets") && text.contains("missing"),
        "{text}"
    );
}

#[tokio::test]
async fn doctor_says_when_the_agent_sees_nothing() {
    let server = FakeServer::start_with(FakeConfig::default().with_agent_sees_nothing(true)).await;
    let report = client(&server).check_access().await.unwrap();
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert_eq!(tickets.visibility, Visibility::NoneVisible);
    assert_eq!(tickets.severity, Severity::Problem);
    assert!(
        tickets
            .detail
            .as_deref()
            .unwrap()
            .contains("login agent of the Halo API application (its permissions and teams"),
        "{report}"
    );
}

#[tokio::test]
async fn doctor_reports_an_agent_mismatch_plainly() {
    let server = FakeServer::start_with(FakeConfig::default().with_agent_id(12)).await;
    let client = Client::builder()
        .credentials(credentials(&server).with_agent_id(7))
        .rate_limit(None)
        .build()
        .unwrap();
    let report = client.check_access().await.unwrap();
    let agent = report.identity.clone().unwrap();
    assert_eq!(agent.severity, Severity::Problem);
    let problem = agent.detail.unwrap();
    assert!(
        problem.starts_with("the application acts as agent 12, the configuration expects 7"),
        "{problem}"
    );
    assert_eq!(report.exit_code(), 3, "{report}");
}

#[tokio::test]
async fn the_client_side_budget_keeps_under_the_vendor_limit() {
    // The fake enforces Halo's limit: 20 API requests per rolling hour (a window
    // that cannot pass during the test). The client's budget, 18 per window on an
    // injected clock, holds the 19th request until that clock moves — no wall
    // clock decides anything.
    let server = FakeServer::start_with(
        FakeConfig::default().with_rate_limit(Some((20, Duration::from_secs(3600)))),
    )
    .await;
    let clock = Arc::new(ManualClock::new());
    let window = Duration::from_millis(100);
    let client = Client::builder()
        .credentials(credentials(&server))
        .retry(neo_auth_core::RetryConfig::disabled())
        .rate_limit(neo_auth_core::RateLimit::new(18, window))
        .clock(clock.clone())
        .build()
        .unwrap();
    for _ in 0..18 {
        client.tickets().list().page_size(1).send().await.unwrap();
    }
    assert_eq!(server.api_requests(), 18);

    let held = tokio::spawn({
        let client = client.clone();
        async move { client.tickets().list().page_size(1).send().await }
    });
    // However long this takes in real time, the budget's clock has not moved, so
    // the 19th request is still held back (a budget on the system clock would
    // have let it through after 100 ms).
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!held.is_finished(), "the budget let a 19th request through");
    assert_eq!(server.api_requests(), 18);

    clock.advance(window);
    // A hang guard, not a timing assertion: the budget re-checks its clock at
    // least once per window (100 ms) of real time.
    let page = tokio::time::timeout(Duration::from_secs(60), held)
        .await
        .expect("the held request is released once the budget's clock moves")
        .expect("task")
        .expect("no 429: the fake's limit was never reached");
    assert!(!page.items.is_empty());
    assert_eq!(server.api_requests(), 19);

    // The vendor limit is real: a client without a budget hits it at request 21.
    let unbudgeted = Client::builder()
        .credentials(credentials(&server))
        .retry(neo_auth_core::RetryConfig::disabled())
        .rate_limit(None)
        .build()
        .unwrap();
    unbudgeted
        .tickets()
        .list()
        .page_size(1)
        .send()
        .await
        .unwrap();
    let error = unbudgeted
        .tickets()
        .list()
        .page_size(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{error:?}");
}

#[tokio::test]
async fn the_doctor_reports_a_failed_probe_and_carries_on() {
    let server = FakeServer::start().await;
    let client = client(&server);
    // More failures than the retry policy has attempts, on three endpoints.
    server.inject_on(
        "/api/asset",
        Fault::ServerError {
            status: 500,
            times: 10,
        },
    );
    server.inject_on(
        "/api/kbarticle",
        Fault::ServerError {
            status: 404,
            times: 10,
        },
    );
    server.inject_on("/api/item", Fault::MalformedJson { times: 10 });
    let report = client.check_access().await.expect("a report, not an error");
    assert!(report.has_problems());

    // A 5xx that outlasts the retries: could not check, try again (a warning).
    let assets = report.check(&areas::ASSETS, Access::Read).unwrap();
    assert_eq!(assets.visibility, Visibility::ProbeFailed);
    assert_eq!(assets.state(), "probe failed");
    assert_eq!(assets.severity, Severity::Warning);
    assert!(
        assets.error.as_deref().unwrap().contains("500"),
        "{assets:?}"
    );
    let problem = assets.detail.as_deref().unwrap();
    assert!(
        problem.contains("probe read failed")
            && problem.contains("/Asset")
            && problem.contains("500"),
        "{problem}"
    );
    assert!(!problem.contains("missing"), "{problem}");

    // A 404 and an undecodable body leave access unconfirmed: problems.
    let kb = report.check(&areas::KNOWLEDGE_BASE, Access::Read).unwrap();
    assert_eq!(kb.visibility, Visibility::ProbeFailed);
    assert_eq!(kb.severity, Severity::Problem);
    assert!(kb.error.as_deref().unwrap().contains("404"), "{kb:?}");
    let products = report.check(&areas::PRODUCTS, Access::Read).unwrap();
    assert_eq!(products.visibility, Visibility::ProbeFailed);
    assert!(
        products.error.as_deref().unwrap().contains("decode"),
        "{products:?}"
    );
    assert!(
        products.detail.as_deref().unwrap().contains("unconfirmed"),
        "{products:?}"
    );

    // Every other probe still ran and succeeded.
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert!(tickets.visibility == Visibility::Records && tickets.seen > Some(0));
    assert!(tickets.granted == Some(true) && tickets.severity == Severity::Ok);
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert_eq!(companies.visibility, Visibility::Records);
    assert_eq!(report.problems().count(), 2, "{report}");
    assert_eq!(report.warnings().count(), 1, "{report}");
    // Writes are judged from the token scopes, unaffected.
    let asset_write = report.check(&areas::ASSETS, Access::Write).unwrap();
    assert!(asset_write.granted == Some(true) && asset_write.severity == Severity::Ok);

    let text = report.to_string();
    assert!(text.contains("probe failed"), "{text}");
    let asset_line = text
        .lines()
        .find(|l| l.contains("read:assets") && l.contains("read "))
        .unwrap();
    assert!(
        asset_line.contains("— probe failed") && !asset_line.contains("— granted"),
        "{asset_line}"
    );
}

#[tokio::test]
async fn the_doctor_reports_a_failed_agent_lookup_and_carries_on() {
    let server = FakeServer::start_with(FakeConfig::default().with_agent_id(7)).await;
    let client = Client::builder()
        .credentials(credentials(&server).with_agent_id(7))
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap();
    server.inject_on(
        "/api/agent/me",
        Fault::ServerError {
            status: 503,
            times: 10,
        },
    );
    let report = client.check_access().await.expect("a report, not an error");
    let agent = report.identity.as_ref().unwrap();
    assert_eq!(agent.value, None);
    assert_eq!(agent.severity, Severity::Problem);
    let problem = agent.detail.as_deref().unwrap();
    assert!(
        problem.contains("/Agent/me") && problem.contains("503"),
        "{problem}"
    );
    assert_eq!(
        report.check(&areas::TICKETS, Access::Read).unwrap().granted,
        Some(true)
    );
}

#[tokio::test]
async fn the_doctor_fails_only_when_there_is_no_token() {
    let server = FakeServer::start().await;
    let config = server.config();
    let client = Client::builder()
        .credentials(
            HaloCredentials::new(
                server.base_url(),
                config.client_id.clone(),
                SecretString::from("not-the-secret"),
            )
            .with_tenant(config.tenant.clone().unwrap()),
        )
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap();
    let error = client.check_access().await.unwrap_err();
    assert!(error.is_auth(), "{error:?}");
    assert!(error.to_string().contains("invalid_client"), "{error}");
    assert_eq!(server.api_requests(), 0);
}

#[tokio::test]
async fn doctor_without_scope_in_the_token_response_uses_requested_scopes_and_probes() {
    // The application is allowed less than the client asks for, and the token
    // response does not say what was granted.
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_scopes(["edit:tickets", "read:customers"])
            .with_token_scope_in_response(false),
    )
    .await;
    let client = client_with_scopes(&server, &["edit:tickets", "read:customers", "read:assets"]);
    let report = client.check_access().await.unwrap();
    let mut granted = report.grant.scopes.clone();
    granted.sort();
    assert_eq!(
        granted,
        vec!["edit:tickets", "read:assets", "read:customers"],
        "without a scope in the token response, the requested scopes stand"
    );
    assert_eq!(
        report.grant.source,
        Some(neo_auth_core::GrantSource::Requested)
    );

    // Writes are judged from the requested scopes: what was asked for is
    // unconfirmed (a warning), what was not asked for is missing.
    let ticket_write = report.check(&areas::TICKETS, Access::Write).unwrap();
    assert_eq!(ticket_write.granted, Some(true));
    assert_eq!(ticket_write.severity, Severity::Warning);
    assert!(
        ticket_write
            .detail
            .as_deref()
            .unwrap()
            .contains("unconfirmed"),
        "{report}"
    );
    assert_eq!(ticket_write.method, CheckMethod::RequestedScopes);
    let asset_write = report.check(&areas::ASSETS, Access::Write).unwrap();
    assert_eq!(asset_write.granted, Some(false));
    assert_eq!(asset_write.method, CheckMethod::RequestedScopes);
    assert!(
        asset_write
            .detail
            .as_deref()
            .unwrap()
            .contains("edit:assets"),
        "{report}"
    );

    // Reads are confirmed by probes: tickets work, assets were requested but the
    // application is not allowed them, which only the probe (a 403) reveals.
    let ticket_read = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert_eq!(ticket_read.granted, Some(true));
    assert_eq!(ticket_read.method, CheckMethod::ProbeRead);
    assert!(ticket_read.visibility == Visibility::Records && ticket_read.seen > Some(0));
    let asset_read = report.check(&areas::ASSETS, Access::Read).unwrap();
    assert_eq!(asset_read.granted, Some(false), "{report}");
    assert_eq!(asset_read.method, CheckMethod::ProbeRead);
    assert!(
        asset_read
            .detail
            .as_deref()
            .unwrap()
            .contains("read:assets"),
        "{report}"
    );

    let text = report.to_string();
    assert!(
        text.contains("grant (requested scopes): edit:tickets read:assets read:customers"),
        "{text}"
    );
    assert!(!text.contains("grant (token scopes)"), "{text}");
    assert!(text.contains("(requested scopes)"), "{text}");
    assert!(text.contains("(1-item probe read)"), "{text}");
    assert_eq!(server.requests_to("POST", "/api"), 0);
}

#[tokio::test]
async fn the_doctor_names_both_causes_of_a_403_when_the_token_lists_no_scopes() {
    // The application is allowed read:tickets only, the client asks for
    // read:tickets and read:customers, and the token response does not say what it
    // granted: a 403 on /Client may be the scope or the login agent.
    let server = FakeServer::start_with(
        FakeConfig::default()
            .with_scopes(["read:tickets"])
            .with_token_scope_in_response(false),
    )
    .await;
    let client = client_with_scopes(&server, &["read:tickets", "read:customers"]);
    let report = client.check_access().await.unwrap();
    assert!(report.has_problems(), "{report}");
    let companies = report.check(&areas::COMPANIES, Access::Read).unwrap();
    assert_eq!(companies.visibility, Visibility::Forbidden);
    assert_eq!(companies.granted, Some(false), "the grant is unconfirmed");
    assert_eq!(companies.state(), "refused (403)");
    assert_eq!(companies.severity, Severity::Problem);
    let problem = companies.detail.as_deref().unwrap();
    assert!(problem.contains("tick \"read:customers\""), "{problem}");
    assert!(problem.contains("login agent"), "{problem}");
    assert!(problem.contains("lists no scopes"), "{problem}");
    assert!(
        companies
            .error
            .as_deref()
            .unwrap()
            .contains("does not have the required permission"),
        "{companies:?}"
    );
    // Tickets are readable: that line is fine.
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert_eq!(tickets.granted, Some(true), "{report}");
    assert_eq!(tickets.severity, Severity::Ok, "{report}");
}

#[tokio::test]
async fn deletes_are_not_retried_after_a_server_error() {
    let server = FakeServer::start().await;
    let client = client(&server);
    client.whoami().await.unwrap();
    server.inject_on(
        "/api/tickets/3",
        Fault::ServerError {
            status: 500,
            times: 1,
        },
    );
    let error = client.tickets().delete(3).send().await.unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert_eq!(server.requests_to("DELETE", "/api/tickets/3"), 1);
    assert!(
        server.record("Tickets", 3).is_some(),
        "the fault came first"
    );

    // The raw escape hatch behaves the same.
    server.inject_on(
        "/api/tickets/5",
        Fault::ServerError {
            status: 503,
            times: 1,
        },
    );
    let write = halopsa_client::scopes::requirements::TICKETS.write;
    let error = client
        .delete_json::<serde_json::Value>("Tickets/5", &[], write, None)
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert_eq!(server.requests_to("DELETE", "/api/tickets/5"), 1);
}

#[tokio::test]
async fn a_delete_that_timed_out_is_uncertain_not_a_404_from_a_retry() {
    // The fake applies the delete, then holds the answer past the attempt timeout:
    // a retry would find the ticket gone and report a successful delete as 404.
    let server = FakeServer::start().await;
    let client = client(&server);
    client.whoami().await.unwrap();
    server.inject_on(
        "/api/tickets/4",
        Fault::Slow {
            delay: Duration::from_secs(3),
            times: 1,
        },
    );
    let error = client
        .tickets()
        .delete(4)
        .options(neo_auth_core::RequestOptions::new().attempt_timeout(Duration::from_millis(300)))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(
        error.to_string().contains("may have been applied"),
        "{error}"
    );
    assert_eq!(server.requests_to("DELETE", "/api/tickets/4"), 1);
    assert!(server.record("Tickets", 4).is_none(), "it was applied");

    // Opting in to retries is explicit.
    server.inject_on(
        "/api/tickets/6",
        Fault::ServerError {
            status: 500,
            times: 1,
        },
    );
    client
        .tickets()
        .delete(6)
        .options(neo_auth_core::RequestOptions::new().idempotent(true))
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests_to("DELETE", "/api/tickets/6"), 2);
    assert!(server.record("Tickets", 6).is_none());
}

#[tokio::test]
async fn the_doctor_under_a_tickets_only_policy_reads_the_token_scopes_and_skips_the_agent() {
    let server = FakeServer::start().await;
    let policy = neo_auth_core::AccessPolicy::deny_all()
        .with(areas::TICKETS, AreaAccess::WRITE)
        .with(areas::ACTIONS, AreaAccess::WRITE);
    let client = Client::builder()
        .credentials(credentials(&server))
        .retry(fast_retry())
        .rate_limit(None)
        .policy(policy)
        .build()
        .unwrap();
    // whoami belongs to the identity area, which this policy ignores.
    let error = client.whoami().await.unwrap_err();
    assert!(error.is_policy(), "{error:?}");
    let report = client.check_access().await.unwrap();
    assert!(!report.has_problems(), "{report}");
    assert_eq!(
        report.grant.source,
        Some(neo_auth_core::GrantSource::TokenResponse),
        "the token was fetched before the scopes were read"
    );
    let agent = report.identity.as_ref().unwrap();
    assert_eq!(agent.severity, Severity::Ok, "{report}");
    assert!(
        agent
            .detail
            .as_deref()
            .is_some_and(|why| why.contains("`identity`")),
        "{agent:?}"
    );
    assert!(
        report
            .to_string()
            .contains("acting agent: unknown — not checked"),
        "{report}"
    );
    // Only the areas the policy uses are checked.
    assert!(
        report
            .checks
            .iter()
            .all(|c| c.area == areas::TICKETS || c.area == areas::ACTIONS),
        "{report}"
    );
    assert_eq!(server.requests_to("GET", "/api/agent/me"), 0);
}

#[tokio::test]
async fn writes_refused_by_the_rate_limiter_are_retried_with_the_halo_retry_policy() {
    // Halo's 429 comes from its rate limiter, before processing: the default
    // policy repeats the write after Retry-After (1 s here).
    assert!(halopsa_client::halo_retry_config().retry_rate_limited_writes);
    let server = FakeServer::start().await;
    let client = Client::builder()
        .credentials(credentials(&server))
        .rate_limit(None)
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    server.inject_on(
        "/api/tickets/3",
        Fault::RateLimited {
            retry_after: Some(1),
            times: 1,
        },
    );
    client.tickets().delete(3).send().await.unwrap();
    assert_eq!(server.requests_to("DELETE", "/api/tickets/3"), 2);
    assert!(server.record("Tickets", 3).is_none());
    server.inject_on(
        "/api/tickets",
        Fault::RateLimited {
            retry_after: Some(1),
            times: 1,
        },
    );
    let created = client
        .tickets()
        .create(&Ticket {
            summary: Some("after a 429".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests_to("POST", "/api/tickets"), 2);
    let id = created.id.unwrap();
    assert_eq!(
        server.record("Tickets", id).unwrap()["summary"],
        "after a 429",
        "created once"
    );
}

#[tokio::test]
async fn an_expected_agent_that_the_policy_keeps_the_doctor_from_checking_is_a_warning() {
    let server = FakeServer::start().await;
    let policy = neo_auth_core::AccessPolicy::deny_all().with(areas::TICKETS, AreaAccess::WRITE);
    let client = Client::builder()
        .credentials(credentials(&server).with_agent_id(server.config().agent_id))
        .retry(fast_retry())
        .rate_limit(None)
        .policy(policy)
        .build()
        .unwrap();
    let report = client.check_access().await.unwrap();
    assert!(!report.has_problems(), "a warning, not a problem: {report}");
    assert_eq!(report.worst(), Severity::Warning, "{report}");
    assert_eq!(
        report.warnings().count(),
        0,
        "no row is a warning: {report}"
    );
    let agent = report.identity.as_ref().unwrap();
    assert_eq!(agent.severity, Severity::Warning);
    let warning = agent.detail.as_deref().unwrap();
    assert!(
        warning.contains(&format!("agent {}", server.config().agent_id))
            && warning.contains("not checked"),
        "{warning}"
    );
    assert!(report.to_string().contains("! acting agent"), "{report}");
    assert_eq!(report.exit_code(), 0);
}
