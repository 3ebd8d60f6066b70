//! Whole jobs against the HaloPSA fake, as the SDK's users run them.

use std::collections::HashSet;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::{Action, Ticket};
use halopsa_client::{Client, HaloCredentials, areas, default_policy};
use neo_auth_core::{AccessPolicy, Approval, AreaAccess, Error};
use secrecy::ExposeSecret;

fn credentials(server: &FakeServer) -> HaloCredentials {
    server.credentials()
}

fn client(server: &FakeServer) -> Client {
    client_with(credentials(server), default_policy())
}

fn client_with(credentials: HaloCredentials, policy: AccessPolicy) -> Client {
    Client::builder()
        .credentials(credentials)
        .policy(policy)
        .rate_limit(None)
        .build()
        .expect("valid client")
}

/// A security product opening tickets from 50 tasks at once: one token for all,
/// every ticket stored once, every note on the right ticket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_ticket_opening_uses_one_token() {
    log_capture();
    let server = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let client = client(&server);
    let before = server.count("Tickets");
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let ticket = client
                    .tickets()
                    .create(&Ticket {
                        summary: Some(format!("Alert {i}: suspicious login")),
                        client_id: Some(1),
                        ..Default::default()
                    })
                    .send()
                    .await?;
                let note = client
                    .actions()
                    .create(&Action {
                        ticket_id: ticket.id,
                        note: Some(format!("evidence for alert {i}")),
                        hiddenfromuser: Some(true),
                        ..Default::default()
                    })
                    .send()
                    .await?;
                Ok::<_, neo_auth_core::Error>((ticket, note))
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let (ticket, note) = task.await.expect("task").expect("created");
        let id = ticket.id.expect("an id");
        ids.insert(id);
        assert_eq!(note.ticket_id, Some(id));
        assert_eq!(
            note.id,
            Some(1),
            "the first action of every new ticket is action 1"
        );
    }
    assert_eq!(ids.len(), 50);
    assert_eq!(server.count("Tickets"), before + 50);
    assert_eq!(server.token_requests(), 1);
}

/// A sync job reading everything, with a captured log that must never contain a secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sync_reads_everything_once_and_logs_no_secret() {
    let capture = log_capture();
    let server = FakeServer::start().await;
    let client = client(&server);
    let companies = client.companies().list().collect_all().await.unwrap();
    let tickets: Vec<Ticket> = client
        .tickets()
        .list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    let unique: HashSet<i64> = tickets.iter().filter_map(|t| t.id).collect();
    assert_eq!(unique.len(), tickets.len());
    assert_eq!(tickets.len(), server.count("Tickets"));
    assert_eq!(companies.len(), server.count("Client"));
    let report = client.check_access().await.unwrap();
    assert!(!report.has_problems(), "{report}");

    // The access token the client holds now, as the fake issued it.
    let token = client
        .credential()
        .cache()
        .peek()
        .expect("a token was fetched")
        .secret()
        .expose_secret()
        .to_owned();
    assert!(
        token.starts_with(FAKE_TOKEN_PREFIX),
        "the fake's tokens look like `{FAKE_TOKEN_PREFIX}…`"
    );

    let text = String::from_utf8_lossy(&capture.lock().unwrap()).into_owned();
    assert!(
        text.contains("neo.request"),
        "the requests were traced: {text}"
    );
    let secret = server.config().client_secret.clone();
    let lower = text.to_lowercase();
    for (needle, what) in [
        (secret.as_str(), "the client secret"),
        (token.as_str(), "the access token"),
        // Any token the fake issued to any test of this binary.
        (FAKE_TOKEN_PREFIX, "an access token"),
    ] {
        assert!(!text.contains(needle), "{what} reached the log");
    }
    for needle in ["bearer ", "client_secret=", "access_token"] {
        assert!(!lower.contains(needle), "`{needle}` reached the log");
    }
    for shown in [format!("{client:?}"), format!("{server:?}")] {
        assert!(
            !shown.contains(&secret) && !shown.contains(&token),
            "{shown}"
        );
    }
}

/// A sync job: one client shared by concurrent tasks (one per company, plus a
/// full pass and the other resources), many small pages each. Every ticket
/// arrives exactly once per pass, in the right company, with one token fetch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_sync_reads_every_ticket_exactly_once_with_one_token() {
    let seed = SeedSize::default().with_tickets(1_000);
    let companies = seed.clients;
    let server = FakeServer::start_with(FakeConfig::default().with_seed(seed)).await;
    let client = client(&server);
    let per_company: Vec<_> = (1..=companies as i64)
        .map(|company| {
            let client = client.clone();
            tokio::spawn(async move {
                let tickets: Vec<Ticket> = client
                    .tickets()
                    .list()
                    .client_id(company)
                    .page_size(20)
                    .stream()
                    .try_collect()
                    .await?;
                Ok::<_, Error>((company, tickets))
            })
        })
        .collect();
    let full = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .tickets()
                .list()
                .stream()
                .try_collect::<Vec<_>>()
                .await
        })
    };
    let others = {
        let client = client.clone();
        tokio::spawn(async move {
            let assets = client.assets().list().collect_all().await?;
            let contacts = client.contacts().list().collect_all().await?;
            Ok::<_, Error>((assets.len(), contacts.len()))
        })
    };

    let mut seen: HashSet<i64> = HashSet::new();
    let mut arrived = 0;
    for task in per_company {
        let (company, tickets) = task.await.expect("task").expect("company sync");
        for ticket in &tickets {
            assert_eq!(ticket.client_id, Some(company), "ticket {:?}", ticket.id);
            assert!(
                seen.insert(ticket.id.expect("an id")),
                "{:?} twice",
                ticket.id
            );
        }
        arrived += tickets.len();
    }
    let all_ids: HashSet<i64> = (1..=1_000).collect();
    assert_eq!(arrived, 1_000);
    assert_eq!(seen, all_ids, "every ticket, across the companies");

    let full = full.await.expect("task").expect("full pass");
    let full_ids: HashSet<i64> = full.iter().filter_map(|t| t.id).collect();
    assert_eq!(full.len(), 1_000, "no ticket twice in the full pass");
    assert_eq!(full_ids, all_ids);
    let (assets, contacts) = others.await.expect("task").expect("other resources");
    assert_eq!(assets, server.count("Asset"));
    assert_eq!(contacts, server.count("Users"));

    // Many pages: the full pass alone takes 10 (Halo caps pages at 100), each
    // company's pass of ~80 tickets 4 or more at 20 a page.
    assert!(
        server.requests_to("GET", "/api/tickets") >= 10 + 4 * companies,
        "{} ticket pages",
        server.requests_to("GET", "/api/tickets")
    );
    assert_eq!(server.token_requests(), 1, "one token for every task");
}

/// A security product whose integrator requires an approval for tickets: the
/// ticket is not opened (nothing sent) until an approval is attached; then it is
/// stored, readable, and the evidence note lands on it.
#[tokio::test]
async fn a_security_product_opens_a_ticket_only_with_an_approval() {
    let server = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let client = client_with(
        credentials(&server),
        default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL),
    );
    let before = server.count("Tickets");
    let alert = Ticket {
        summary: Some("Impossible travel: sign-in from two countries".into()),
        details: Some("alert 7731 from the identity product".into()),
        client_id: Some(2),
        ..Default::default()
    };
    let error = client.tickets().create(&alert).send().await.unwrap_err();
    assert!(
        matches!(&error, Error::ApprovalRequired { area, .. } if area == "tickets"),
        "{error:?}"
    );
    assert_eq!(server.requests_to("POST", "/api/tickets"), 0);
    assert_eq!(server.count("Tickets"), before);

    let approval = Approval::new("soc-lead@msp.example", "confirmed true positive").unwrap();
    let ticket = client
        .tickets()
        .create(&alert)
        .approval(approval)
        .send()
        .await
        .unwrap();
    let id = ticket.id.expect("an id");
    assert_eq!(server.requests_to("POST", "/api/tickets"), 1);
    assert_eq!(server.count("Tickets"), before + 1);
    let stored = server.record("Tickets", id).expect("stored");
    assert_eq!(
        stored["summary"],
        "Impossible travel: sign-in from two countries"
    );
    assert_eq!(stored["client_id"], 2);
    let read = client.tickets().get(id).send().await.unwrap();
    assert_eq!(read.summary, alert.summary);

    // Actions are not gated by the tickets approval.
    let note = client
        .actions()
        .create(&Action {
            ticket_id: Some(id),
            note: Some("evidence: sign-in log attached".into()),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!((note.ticket_id, note.id), (Some(id), Some(1)));
    assert!(server.record_action(id, 1).is_some());
}

/// An AI technician assistant adding a private note (changing the status) and a
/// time entry to an existing ticket; nothing else changes.
#[tokio::test]
async fn an_ai_assistant_adds_a_private_note_and_a_time_entry() {
    let server = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let client = client(&server);
    let ticket_id = 5;
    let existing = client
        .actions()
        .list(ticket_id)
        .collect_all()
        .await
        .unwrap();
    let next = existing.iter().filter_map(|a| a.id).max().unwrap_or(0) + 1;
    let neighbour = server.record_action(6, 1).expect("ticket 6 has action 1");
    let total = server.count("Actions");

    let note = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Private Note".into()),
            note: Some("Suggested fix: clear the print queue and restart the spooler".into()),
            hiddenfromuser: Some(true),
            new_status: Some(2),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let time = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Time Entry".into()),
            note: Some("Remote session".into()),
            timetaken: Some(0.75),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(note.id, Some(next));
    assert_eq!(time.id, Some(next + 1));

    let stored = server
        .record_action(ticket_id, next)
        .expect("the note is stored");
    assert_eq!(stored["hiddenfromuser"], true);
    assert_eq!(stored["outcome"], "Private Note");
    let stored = server
        .record_action(ticket_id, next + 1)
        .expect("the time entry is stored");
    assert_eq!(stored["timetaken"], 0.75);
    assert_eq!(
        server.record("Tickets", ticket_id).unwrap()["status_id"],
        2,
        "the note's new_status moved the ticket"
    );
    let after = client
        .actions()
        .list(ticket_id)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(after.len(), existing.len() + 2);
    let read = client
        .actions()
        .get(ticket_id, next + 1)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (read.timetaken, read.hiddenfromuser),
        (Some(0.75), Some(true))
    );
    assert_eq!(server.count("Actions"), total + 2);
    assert_eq!(
        server.record_action(6, 1),
        Some(neighbour),
        "other tickets untouched"
    );
}

/// A reduced credential — asked for by the integration, or all the Halo
/// application allows — gets a typed missing-scope error naming the scope and
/// its portal label before any API request; its reads still work.
#[tokio::test]
async fn a_reduced_credential_gets_a_typed_missing_scope_before_traffic() {
    let draft = Ticket {
        summary: Some("never sent".into()),
        ..Default::default()
    };
    // The integration asks for less than the application allows.
    let server = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let requested = client_with(
        credentials(&server).with_scopes(["read:tickets"]),
        default_policy(),
    );
    // The application allows less than the integration asks for (`all`).
    let narrow = FakeServer::start_with(
        FakeConfig::default()
            .with_seed(SeedSize::small())
            .with_scopes(["read:tickets"]),
    )
    .await;
    let allowed = client(&narrow);

    for (server, client) in [(&server, &requested), (&narrow, &allowed)] {
        // Learn the granted scopes first where they come from the token.
        client.tickets().list().send().await.unwrap();
        let before = server.api_requests();
        let error = client.tickets().create(&draft).send().await.unwrap_err();
        match &error {
            Error::MissingScope {
                operation,
                scope,
                label,
                location,
                ..
            } => {
                assert_eq!(operation, "tickets.create");
                assert_eq!(scope, "edit:tickets");
                assert_eq!(label, "edit:tickets");
                assert!(location.contains("Permissions tab"), "{location}");
            }
            other => panic!("expected MissingScope, got {other:?}"),
        }
        let error = client
            .actions()
            .create(&Action {
                ticket_id: Some(1),
                note: Some("never sent".into()),
                ..Default::default()
            })
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::MissingScope { scope, .. } if scope == "edit:tickets"),
            "{error:?}"
        );
        let error = client.assets().list().send().await.unwrap_err();
        assert!(
            matches!(&error, Error::MissingScope { scope, .. } if scope == "read:assets"),
            "{error:?}"
        );
        assert_eq!(
            server.api_requests(),
            before,
            "nothing sent for the refusals"
        );
        assert_eq!(server.requests_to("POST", "/api/"), 0);
    }

    // Before any token, a scope the integration did not ask for is refused
    // without any traffic at all.
    let fresh = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let client = client_with(
        credentials(&fresh).with_scopes(["read:tickets"]),
        default_policy(),
    );
    let error = client.tickets().create(&draft).send().await.unwrap_err();
    assert!(error.is_missing_scope(), "{error:?}");
    assert_eq!(fresh.api_requests(), 0);
}

/// How the fake's access tokens start (`halopsa_client::fake`, token endpoint).
const FAKE_TOKEN_PREFIX: &str = "fake-at-";

/// Everything traced by any test of this binary, on any thread: a global
/// subscriber (a thread-local one misses spans whose callsites another test
/// registered first).
fn log_capture() -> Arc<Mutex<Vec<u8>>> {
    static CAPTURE: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let writer = buffer.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(move || CaptureWriter(writer.clone()))
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
            buffer
        })
        .clone()
}

struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
