//! The ConnectWise Manage part of `neo demo`: the API member, the companies,
//! the RMM organizations mapped to them, a ticket on the member's default
//! board with an internal note, and the doctor for a security role without
//! Service Tickets Add.

use cwmanage_client::fake::{DEFAULT_BOARD_ID, FakeServer};
use cwmanage_client::models::{Company, Reference, Ticket, TicketNote};
use cwmanage_client::scopes::{self, areas};
use cwmanage_client::{Client, default_policy};
use examples::correlate::Correlator;
use futures_util::TryStreamExt;
use neo_auth_core::Result;

use super::Demo;
use crate::cwmanage::CwManage;
use crate::vendor::Vendor;

const VENDOR: &str = "ConnectWise Manage";

/// The running fake and a client with the seed role (`None` when it could
/// not be built, which the demo reported).
pub struct Session {
    fake: FakeServer,
    client: Option<Client>,
}

/// Starts the fake and works the ticket; an error ends the part early (and
/// is unexpected).
pub async fn work(demo: &mut Demo) -> Session {
    let fake = CwManage::start_fake().await;
    let client = demo.built(CwManage::fake_client(&fake, &[], default_policy()));
    let session = Session { fake, client };
    if let Some(client) = &session.client
        && let Err(error) = steps(demo, &session.fake, client).await
    {
        demo.failed(&error);
    }
    session
}

async fn steps(demo: &mut Demo, fake: &FakeServer, client: &Client) -> Result<()> {
    demo.step(VENDOR, "authenticate (API member keys)");
    demo.say(format!("fake at {}", fake.uri()));
    let me = client.members().me().await?;
    let board = me
        .service_default_board
        .as_ref()
        .and_then(|b| b.name.as_deref())
        .unwrap_or("none");
    demo.say(format!(
        "API member {} (codebase {}), default service board: {board}",
        me.identifier.as_deref().unwrap_or("?"),
        client.codebase().unwrap_or("?")
    ));

    demo.step(VENDOR, "list the companies");
    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    demo.say(format!(
        "{} companies, e.g. {}",
        companies.len(),
        companies
            .iter()
            .take(4)
            .map(|c| format!(
                "{} [{}]",
                c.name.as_deref().unwrap_or("?"),
                c.identifier.as_deref().unwrap_or("?")
            ))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    demo.expect(
        companies.len() == fake.company_ids().len(),
        format!(
            "listed {} companies, the fake holds {}",
            companies.len(),
            fake.company_ids().len()
        ),
    );

    let Some(target) = demo.correlate(VENDOR, &Correlator::from_companies(&companies)) else {
        return Ok(());
    };
    let device = &target.device;

    demo.step(
        VENDOR,
        format!("open a ticket for {} on the default board", device.name),
    );
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some(format!("Low disk space on {}", device.name)),
            company: Some(Reference::id(target.company_id)),
            initial_description: Some(format!(
                "Reported by {} for device {}",
                device.rmm, device.name
            )),
            ..Default::default()
        })
        .send()
        .await?;
    let ticket_id = ticket.id.unwrap_or_default();
    let stored = fake.ticket(ticket_id);
    let stored_board = stored
        .as_ref()
        .and_then(|t| t["board"]["id"].as_i64())
        .unwrap_or_default();
    demo.say(format!(
        "ticket #{ticket_id} opened for company #{} \"{}\" on board #{stored_board} (no board given: the member's default)",
        target.company_id, target.company_name
    ));
    demo.expect(
        stored_board == DEFAULT_BOARD_ID,
        format!(
            "ticket #{ticket_id} is on board #{stored_board}, not the default #{DEFAULT_BOARD_ID}"
        ),
    );
    demo.expect(
        stored.as_ref().and_then(|t| t["company"]["id"].as_i64()) == Some(target.company_id),
        format!(
            "ticket #{ticket_id} is not stored for company #{}",
            target.company_id
        ),
    );

    demo.step(VENDOR, "add an internal note");
    let note = client
        .tickets()
        .notes(ticket_id)
        .add(&TicketNote::internal(
            "Clean-up script requested in VSA X; waiting for the approval",
        ))
        .send()
        .await?;
    demo.say(format!(
        "note #{} added to ticket #{ticket_id}, for technicians only",
        note.id.unwrap_or_default()
    ));
    demo.expect(
        fake.notes_of(ticket_id).len() == 1,
        "the note is not stored on the ticket",
    );
    Ok(())
}

/// The doctor for a security role whose Service Tickets row has no Add level.
pub async fn doctor(demo: &mut Demo, session: &Session) {
    let scope = &scopes::TICKETS_ADD;
    demo.step(
        VENDOR,
        format!("the doctor for a role without `{}`", scope.name()),
    );
    // The fake's member gets the reduced role: this is the last step on it.
    let reduced =
        CwManage::fake_client(&session.fake, &[scope.name().to_owned()], default_policy());
    if let Some(client) = demo.built(reduced) {
        let report = client.check_access().await.only_areas(&[areas::TICKETS]);
        demo.doctor_report(&report, scope.label());
    }
}
