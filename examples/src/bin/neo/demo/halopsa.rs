//! The HaloPSA part of `neo demo`: the companies, the RMM organizations
//! mapped to them, a ticket with a private note for the device that needs
//! attention, a ticket change the policy holds until approved, and the doctor
//! for a credential without `edit:tickets`.

use examples::correlate::Correlator;
use futures_util::TryStreamExt;
use halopsa_client::fake::FakeServer;
use halopsa_client::models::{Action, Company, Ticket};
use halopsa_client::{Client, areas, default_policy};
use neo_auth_core::{Approval, AreaAccess, Credential, Error, Result};

use super::Demo;
use crate::halopsa::Halo;
use crate::vendor::Vendor;

const VENDOR: &str = "HaloPSA";

/// The running fake and a client with the full grant (`None` when it could
/// not be built, which the demo reported).
pub struct Session {
    fake: FakeServer,
    client: Option<Client>,
}

/// Starts the fake and works the ticket; an error ends the part early (and
/// is unexpected).
pub async fn work(demo: &mut Demo) -> Session {
    let fake = Halo::start_fake().await;
    let client = demo.built(Halo::fake_client(&fake, &[], default_policy()));
    let session = Session { fake, client };
    if let Some(client) = &session.client
        && let Err(error) = steps(demo, &session.fake, client).await
    {
        demo.failed(&error);
    }
    session
}

async fn steps(demo: &mut Demo, server: &FakeServer, client: &Client) -> Result<()> {
    demo.step(VENDOR, "authenticate (OAuth2 client credentials)");
    demo.say(format!("fake at {}", server.base_url()));
    client.credential().authorize().await?;
    let me = client.whoami().await?;
    demo.say(format!(
        "token fetched ({} token request), acting as agent {} ({})",
        server.token_requests(),
        me.id.unwrap_or_default(),
        me.name.as_deref().unwrap_or("?")
    ));
    demo.expect(
        server.token_requests() == 1,
        "expected exactly one token request",
    );

    demo.step(VENDOR, "list the companies");
    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    demo.say(format!(
        "{} companies, e.g. {}",
        companies.len(),
        companies
            .iter()
            .take(3)
            .filter_map(|c| c.name.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    demo.expect(
        companies.len() == server.count("Client"),
        format!(
            "listed {} companies, the fake holds {}",
            companies.len(),
            server.count("Client")
        ),
    );

    let Some(target) = demo.correlate(VENDOR, &Correlator::from_companies(&companies)) else {
        return Ok(());
    };
    let (device, company_id) = (&target.device, target.company_id);

    demo.step(VENDOR, format!("open a ticket for {}", device.name));
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some(format!("Low disk space on {}", device.name)),
            details: Some(format!(
                "Reported by {} for device {} ({})",
                device.rmm, device.name, target.company_name
            )),
            client_id: Some(company_id),
            ..Default::default()
        })
        .send()
        .await?;
    let ticket_id = ticket.id.unwrap_or_default();
    demo.say(format!(
        "ticket #{ticket_id} \"{}\" opened for company #{company_id} \"{}\"",
        ticket.summary.as_deref().unwrap_or(""),
        target.company_name
    ));
    let stored = server.record("Tickets", ticket_id);
    demo.expect(
        stored
            .as_ref()
            .and_then(|t| t.get("client_id"))
            .and_then(|v| v.as_i64())
            == Some(company_id),
        format!("ticket #{ticket_id} is not stored for company #{company_id}"),
    );

    demo.step(VENDOR, "add a private note");
    let note = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Private Note".into()),
            note: Some("Temp folders fill the system disk; clean-up script requested".into()),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await?;
    let note_id = note.id.unwrap_or_default();
    demo.say(format!(
        "note #{note_id} added to ticket #{ticket_id}, hidden from the user"
    ));
    demo.expect(
        server.record_action(ticket_id, note_id).is_some(),
        "the note is not stored on the ticket",
    );

    demo.step(
        VENDOR,
        "a write blocked by the policy until an approval is given",
    );
    let strict = Halo::fake_client(
        server,
        &[],
        default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL),
    )?;
    demo.say("policy: tickets = write with approval");
    let change = Ticket {
        id: Some(ticket_id),
        summary: Some(format!("Low disk space on {} (escalated)", device.name)),
        ..Default::default()
    };
    let before = server.api_requests();
    let outcome = strict.tickets().update(&change).send().await;
    let sent = server.api_requests() - before;
    demo.refused(
        outcome,
        "an approval-required error",
        |e| matches!(e, Error::ApprovalRequired { area, .. } if area == "tickets"),
        sent,
    );
    let approval = Approval::new("jane@msp.example", "customer confirmed by phone")?;
    let updated = strict
        .tickets()
        .update(&change)
        .approval(approval)
        .send()
        .await?;
    demo.say(format!(
        "approved by jane@msp.example: ticket #{} is now \"{}\"",
        updated.id.unwrap_or_default(),
        updated.summary.as_deref().unwrap_or("")
    ));
    demo.expect(
        server
            .record("Tickets", ticket_id)
            .and_then(|t| t.get("summary").and_then(|s| s.as_str()).map(str::to_owned))
            == change.summary,
        "the approved update is not stored",
    );

    Ok(())
}

/// The doctor for a credential without `edit:tickets`, limited to the areas
/// the demo's integration uses (tickets and their actions).
pub async fn doctor(demo: &mut Demo, session: &Session) {
    demo.step(VENDOR, "the doctor for a credential without `edit:tickets`");
    let reduced = Halo::fake_client(
        &session.fake,
        &["edit:tickets".to_owned()],
        default_policy(),
    );
    let Some(reduced) = demo.built(reduced) else {
        return;
    };
    match Halo::doctor(&reduced).await {
        Ok(report) => {
            let report = report.only_areas(&[areas::TICKETS, areas::ACTIONS]);
            demo.doctor_report(&report, "edit:tickets");
        }
        Err(error) => demo.failed(&error),
    }
}
