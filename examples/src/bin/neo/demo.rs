//! `neo demo`: what the SDK does for an integration, in a few seconds against the
//! embedded HaloPSA fake. Every step states what it expects; anything else is
//! printed as UNEXPECTED and makes `neo demo` exit 1.

use std::time::Instant;

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer};
use halopsa_client::models::{Action, Invoice, Ticket};
use halopsa_client::{Client, areas, default_policy};
use neo_auth_core::{Approval, AreaAccess, Error};

use crate::Outcome;
use crate::halopsa::{fake_client, fake_credentials};

/// What went against expectations.
#[derive(Default)]
struct Expectations {
    unexpected: Vec<String>,
}

impl Expectations {
    /// Records `what` as unexpected unless `ok`.
    fn check(&mut self, ok: bool, what: impl Into<String>) {
        if !ok {
            let what = what.into();
            println!("   UNEXPECTED: {what}");
            self.unexpected.push(what);
        }
    }

    /// A call the SDK must refuse before sending anything: prints the refusal
    /// and checks its kind and that the fake saw no API request for it.
    fn refused<T>(
        &mut self,
        server: &FakeServer,
        requests_before: usize,
        outcome: Result<T, Error>,
        expected: (&str, fn(&Error) -> bool),
    ) {
        let (kind, is_expected) = expected;
        match outcome {
            Err(error) => {
                println!("   refused: {error}");
                self.check(
                    is_expected(&error),
                    format!("expected {kind}, got: {error}"),
                );
            }
            Ok(_) => self.check(false, format!("expected {kind}, but the call went through")),
        }
        let sent = server.api_requests() - requests_before;
        println!("   API requests sent for it: {sent}");
        self.check(
            sent == 0,
            format!("{sent} API request(s) sent for a refused call"),
        );
    }
}

const MISSING_SCOPE: (&str, fn(&Error) -> bool) = (
    "a missing-scope error",
    |e| matches!(e, Error::MissingScope { label, .. } if label == "edit:tickets"),
);
const POLICY_DENIED: (&str, fn(&Error) -> bool) = (
    "a policy denial",
    |e| matches!(e, Error::PolicyDenied { area, .. } if area == "invoices"),
);
const APPROVAL_REQUIRED: (&str, fn(&Error) -> bool) = (
    "an approval-required error",
    |e| matches!(e, Error::ApprovalRequired { area, .. } if area == "tickets"),
);

/// Runs the demo.
pub async fn run() -> Result<Outcome, Error> {
    let started = Instant::now();
    let mut expect = Expectations::default();
    println!("== Starting the embedded HaloPSA fake");
    let server = FakeServer::start_with(FakeConfig::default()).await;
    println!("   {}", server.base_url());
    let client = fake_client(&server, &[])?;

    println!("\n== 1. A credential without `edit:tickets` tries to open a ticket");
    let reduced = fake_client(&server, &["read:tickets", "read:customers"])?;
    let before = server.api_requests();
    let outcome = reduced
        .tickets()
        .create(&Ticket {
            summary: Some("never sent".into()),
            ..Default::default()
        })
        .send()
        .await;
    expect.refused(&server, before, outcome, MISSING_SCOPE);

    println!("\n== 2. The doctor, for the full `all` credential");
    let report = client.check_access().await?;
    print!("{report}");
    expect.check(
        report.is_ok(),
        "the full credential's report lists problems",
    );

    println!("\n== 3. The doctor, for the reduced credential (read:tickets read:customers)");
    let report = reduced.check_access().await?;
    print!("{report}");
    let problems = report.problems();
    expect.check(
        problems.iter().any(|p| p.contains("edit:tickets")),
        "the reduced credential's report does not name `edit:tickets`",
    );

    println!("\n== 4. The policy: invoices are read-only by default");
    let before = server.api_requests();
    let outcome = client
        .invoices()
        .update(&Invoice {
            id: Some(1),
            ..Default::default()
        })
        .send()
        .await;
    expect.refused(&server, before, outcome, POLICY_DENIED);

    println!("\n== 5. Tickets need an approval when the integrator says so");
    let strict = Client::builder()
        .credentials(fake_credentials(&server))
        .policy(default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()?;
    let draft = Ticket {
        summary: Some("Suspicious sign-in from a new country".into()),
        details: Some("Raised by the security product".into()),
        client_id: Some(1),
        ..Default::default()
    };
    let before = server.api_requests();
    let outcome = strict.tickets().create(&draft).send().await;
    expect.refused(&server, before, outcome, APPROVAL_REQUIRED);
    let ticket = strict
        .tickets()
        .create(&draft)
        .approval(Approval::new(
            "jane@msp.example",
            "customer confirmed by phone",
        )?)
        .send()
        .await?;
    let ticket_id = ticket.id.unwrap_or_default();
    println!("   approved by jane@msp.example: ticket #{ticket_id} created");
    expect.check(
        server.record("Tickets", ticket_id).is_some(),
        format!("ticket #{ticket_id} is not stored"),
    );

    println!("\n== 6. An AI assistant adds a private note and a time entry");
    let note = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Private Note".into()),
            note: Some("Sign-in blocked; user asked to reset the password".into()),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await?;
    let time = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Time Entry".into()),
            note: Some("Investigation".into()),
            timetaken: Some(0.5),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await?;
    let actions = client.actions().list(ticket_id).collect_all().await?;
    println!(
        "   ticket #{ticket_id}: note = action #{}, time entry = action #{} ({} h); {} action(s) on it",
        note.id.unwrap_or_default(),
        time.id.unwrap_or_default(),
        time.timetaken.unwrap_or_default(),
        actions.len()
    );
    expect.check(
        (note.id, time.id, actions.len()) == (Some(1), Some(2), 2),
        "the note and time entry are not actions 1 and 2 of the new ticket",
    );

    println!("\n== 7. Streaming every ticket, one page in memory at a time");
    let before = server.api_requests();
    let listed = Instant::now();
    let all: Vec<Ticket> = client.tickets().list().stream().try_collect().await?;
    println!(
        "   {} tickets in {} API requests, {:.1?}",
        all.len(),
        server.api_requests() - before,
        listed.elapsed()
    );
    expect.check(
        all.len() == server.count("Tickets"),
        format!(
            "streamed {} tickets, the fake holds {}",
            all.len(),
            server.count("Tickets")
        ),
    );

    println!("\n== 8. 200 concurrent tasks on a fresh client: one token fetch");
    let fresh = fake_client(&server, &[])?;
    let before = server.token_requests();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let client = fresh.clone();
            tokio::spawn(async move { client.whoami().await })
        })
        .collect();
    for task in tasks {
        task.await
            .map_err(|e| Error::config_with("a demo task panicked or was cancelled", e))??;
    }
    let fetched = server.token_requests() - before;
    println!("   token requests: {fetched}");
    expect.check(
        fetched == 1,
        format!("{fetched} token requests, expected 1"),
    );

    println!(
        "\n== Done in {:.1?}: {} API requests, {} token requests in all",
        started.elapsed(),
        server.api_requests(),
        server.token_requests()
    );
    Ok(expect.outcome())
}

impl Expectations {
    /// The demo's outcome: [`Outcome::Problems`] as soon as anything was unexpected.
    fn outcome(&self) -> Outcome {
        if self.unexpected.is_empty() {
            println!("   everything as expected");
            Outcome::Fine
        } else {
            eprintln!(
                "{} unexpected result(s): {}",
                self.unexpected.len(),
                self.unexpected.join("; ")
            );
            Outcome::Problems
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_call_that_goes_through_or_sends_requests_is_unexpected() {
        let server = FakeServer::start().await;
        let client = fake_client(&server, &[]).unwrap();
        let mut expect = Expectations::default();
        assert_eq!(expect.outcome(), Outcome::Fine);

        // Refused as expected, nothing sent.
        expect.refused(
            &server,
            0,
            Err::<(), _>(Error::config("x")),
            ("a config error", |e| matches!(e, Error::Config { .. })),
        );
        assert_eq!(expect.outcome(), Outcome::Fine);

        // A refusal of the wrong kind.
        expect.refused(&server, 0, Err::<(), _>(Error::config("x")), POLICY_DENIED);
        assert_eq!(expect.unexpected.len(), 1);
        assert_eq!(expect.outcome(), Outcome::Problems);

        // A call that went through, with traffic.
        let mut expect = Expectations::default();
        let before = server.api_requests();
        let outcome = client.whoami().await;
        expect.refused(&server, before, outcome, MISSING_SCOPE);
        assert_eq!(expect.unexpected.len(), 2, "{:?}", expect.unexpected);
        assert_eq!(expect.outcome(), Outcome::Problems);
    }
}
