//! The HaloPSA part of `neo demo`.

use examples::correlate::{Correlation, Correlator, Owner};
use futures_util::TryStreamExt;
use halopsa_client::fake::FakeServer;
use halopsa_client::models::{Action, Asset, Company, Ticket};
use halopsa_client::{Client, areas, default_policy};
use neo_auth_core::{Approval, AreaAccess, Credential, Error, Result};

use super::{Demo, Device};
use crate::halopsa::Halo;
use crate::vendor::Vendor;

const VENDOR: &str = "HaloPSA";

/// Runs every HaloPSA step; an error ends the part early (and is unexpected).
pub async fn run(demo: &mut Demo) {
    let server = FakeServer::start().await;
    if let Err(error) = steps(demo, &server).await {
        demo.failed(&error);
    }
}

async fn steps(demo: &mut Demo, server: &FakeServer) -> Result<()> {
    demo.step(VENDOR, "authenticate (OAuth2 client credentials)");
    demo.say(format!("fake at {}", server.base_url()));
    let client = Halo::fake_client(server, &[], default_policy())?;
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
    let mut correlator = Correlator::new();
    for company in &companies {
        if let (Some(id), Some(name)) = (company.id, &company.name) {
            correlator.push(id, name.clone(), [] as [&str; 0]);
        }
    }

    demo.step(VENDOR, "correlate a device to its PSA company");
    let (device, expected_company) = device_to_correlate(demo, &client).await?;
    let owner = Owner {
        name: &device.owner,
        identifier: device.owner_identifier.as_deref(),
    };
    let company_id = match correlator.correlate(&owner) {
        Correlation::Matched { company, by } => {
            demo.say(format!(
                "device {} (owner \"{}\" in {}) → company #{} \"{}\" (matched by {by})",
                device.name, device.owner, device.source, company.key, company.name
            ));
            if let Some(expected) = expected_company {
                demo.expect(
                    company.key == expected,
                    format!("matched company #{}, expected #{expected}", company.key),
                );
            }
            company.key
        }
        Correlation::Ambiguous(found) => {
            let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
            demo.expect(
                false,
                format!(
                    "\"{}\" matches several companies: {}",
                    device.owner,
                    names.join(", ")
                ),
            );
            return Ok(());
        }
        Correlation::Unmatched => {
            demo.expect(false, format!("no company matches \"{}\"", device.owner));
            return Ok(());
        }
    };

    demo.step(VENDOR, "open a ticket for the device");
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some(format!("Low disk space on {}", device.name)),
            details: Some(format!(
                "Reported by {} for device {}",
                device.source, device.name
            )),
            client_id: Some(company_id),
            ..Default::default()
        })
        .send()
        .await?;
    let ticket_id = ticket.id.unwrap_or_default();
    demo.say(format!(
        "ticket #{ticket_id} opened for company #{company_id}"
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
            note: Some("Cleared 12 GB of temporary files; monitoring".into()),
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

    demo.step(VENDOR, "the doctor for a credential without `edit:tickets`");
    let reduced = Halo::fake_client(server, &["edit:tickets".to_owned()], default_policy())?;
    let report = Halo::doctor(&reduced)
        .await?
        .only_areas(&[areas::TICKETS, areas::ACTIONS]);
    for line in report.to_string().lines() {
        demo.say(line);
    }
    demo.say(format!("exit code of `neo doctor`: {}", report.exit_code()));
    demo.expect(
        report.exit_code() == 3,
        "the reduced credential's report does not fail",
    );
    demo.expect(
        report.to_string().contains("tick \"edit:tickets\""),
        "the report does not name the label `edit:tickets`",
    );
    Ok(())
}

/// The device to correlate: the first an RMM reported, else (no RMM crate in
/// the workspace yet) a HaloPSA asset, its owner spelled the way an RMM might
/// (upper case, no legal suffix). Returns the company it should match, when known.
async fn device_to_correlate(demo: &mut Demo, client: &Client) -> Result<(Device, Option<i64>)> {
    if let Some(device) = demo.devices.first() {
        return Ok((device.clone(), None));
    }
    demo.say("no RMM crate in the workspace yet: the device is a HaloPSA asset");
    let assets: Vec<Asset> = client.assets().list().page_size(10).send().await?.items;
    let asset = assets
        .into_iter()
        .find(|a| a.client_id.is_some() && a.client_name.is_some())
        .ok_or_else(|| Error::config("the fake has no asset with a company"))?;
    let owner = asset.client_name.clone().unwrap_or_default();
    let rmm_spelling = owner
        .trim_end_matches(" Ltd")
        .trim_end_matches(" Inc")
        .to_uppercase();
    let device = Device {
        name: asset
            .inventory_number
            .clone()
            .unwrap_or_else(|| format!("asset-{}", asset.id.unwrap_or_default())),
        owner: rmm_spelling,
        owner_identifier: None,
        source: "HaloPSA assets",
    };
    Ok((device, asset.client_id))
}
