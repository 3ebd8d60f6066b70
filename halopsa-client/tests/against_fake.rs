//! The client against the stateful fake: pagination quirks, writes, scopes,
//! policy, faults and the doctor.
#![cfg(feature = "fake")]

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::fast_retry;
use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, Fault, SeedSize};
use halopsa_client::models::{Action, Invoice, Ticket};
use halopsa_client::{CheckMethod, Client, HaloCredentials, Visibility, areas};
use neo_auth_core::{Access, Approval, AreaAccess, Error};
use secrecy::SecretString;

fn credentials(server: &FakeServer) -> HaloCredentials {
    let config = server.config();
    let mut credentials = HaloCredentials::new(
        server.base_url(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
    );
    if let Some(tenant) = &config.tenant {
        credentials = credentials.with_tenant(tenant.clone());
    }
    credentials
}

fn client(server: &FakeServer) -> Client {
    Client::builder()
        .credentials(credentials(server))
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap()
}

fn client_with_scopes(server: &FakeServer, scopes: &[&str]) -> Client {
    Client::builder()
        .credentials(credentials(server).with_scopes(scopes.iter().copied()))
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap()
}

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
                label.contains("edit:tickets") && label.contains("Permissions"),
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
async fn a_server_403_becomes_a_missing_scope_error() {
    // The application lost a scope after the token listed it: the server's 403 is mapped.
    let server = FakeServer::start_with(FakeConfig::default().with_scopes(["read:tickets"])).await;
    let client = Client::builder()
        .credentials(credentials(&server).with_scopes(["read:tickets"]))
        .retry(fast_retry())
        .rate_limit(None)
        .build()
        .unwrap();
    let error: Result<serde_json::Value, _> = client
        .get_json(
            "Client",
            &[],
            Some(halopsa_client::scopes::requirements::TICKETS.read),
        )
        .await;
    // read:tickets is granted, so the request is sent, and the fake answers 403 for /Client.
    assert!(
        matches!(error, Err(Error::MissingScope { .. })),
        "{error:?}"
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
    assert!(started.elapsed() >= Duration::from_millis(900));
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
    let server = FakeServer::start().await;
    let client = Client::builder()
        .credentials(credentials(&server))
        .retry(fast_retry())
        .timeouts(neo_auth_core::Timeouts::default().with_attempt(Duration::from_millis(300)))
        .rate_limit(None)
        .build()
        .unwrap();
    client.whoami().await.unwrap();
    server.inject(Fault::Slow {
        delay: Duration::from_secs(2),
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
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.agent.acting_agent_id, Some(7));
    let tickets = report.check(&areas::TICKETS, Access::Read).unwrap();
    assert!(tickets.granted);
    assert_eq!(tickets.method, CheckMethod::ProbeRead);
    assert!(matches!(tickets.visibility, Visibility::Records(n) if n > 0));
    let write = report.check(&areas::TICKETS, Access::Write).unwrap();
    assert!(write.granted && write.required);
    assert_eq!(write.method, CheckMethod::TokenScopes);
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
    assert!(!report.is_ok());
    let problems = report.problems().join("\n");
    assert!(
        problems.contains("edit:tickets (Halo API application → Permissions tab)"),
        "{problems}"
    );
    assert!(problems.contains("read:assets"), "{problems}");
    assert!(
        report
            .check(&areas::COMPANIES, Access::Read)
            .unwrap()
            .granted
    );
    assert!(
        !report
            .check(&areas::TICKETS, Access::Write)
            .unwrap()
            .granted
    );
    // Sensitive areas are read-only by policy, so their writes are not problems.
    let invoices = report.check(&areas::INVOICES, Access::Write).unwrap();
    assert!(!invoices.required && invoices.problem.is_none());
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
    assert_eq!(tickets.visibility, Visibility::Empty);
    assert!(
        tickets
            .problem
            .as_deref()
            .unwrap()
            .contains("sees no records"),
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
    let problem = report.agent.problem.clone().unwrap();
    assert!(
        problem.starts_with("the application acts as agent 12, the configuration expects 7"),
        "{problem}"
    );
}

#[tokio::test]
async fn the_client_side_budget_keeps_under_the_vendor_limit() {
    // The fake enforces 20 requests per 2 s; the client's budget of 20 per 2 s keeps
    // a burst of 30 reads from ever seeing a 429.
    let window = Duration::from_secs(2);
    let server =
        FakeServer::start_with(FakeConfig::default().with_rate_limit(Some((20, window)))).await;
    let client = Client::builder()
        .credentials(credentials(&server))
        .retry(neo_auth_core::RetryConfig::disabled())
        .rate_limit(Some((18, window)))
        .build()
        .unwrap();
    for _ in 0..30 {
        client.tickets().list().page_size(1).send().await.unwrap();
    }
}
