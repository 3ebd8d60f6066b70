//! ConnectWise Manage example: a ticket for a company on the API member's
//! default service board, optionally with an internal note.
//!
//! ```text
//! # against the in-process fake (no credentials, no network)
//! cargo run -p examples --bin cwmanage_ticket -- --sandbox --company CONTOSO --summary "Disk almost full" --note "Checked remotely"
//! # against a real Manage (CWM_SITE, CWM_COMPANY_ID, CWM_PUBLIC_KEY, CWM_PRIVATE_KEY, CWM_CLIENT_ID)
//! cargo run -p examples --bin cwmanage_ticket -- --company "Contoso Ltd" --summary "Disk almost full"
//! ```
//!
//! The company is found by id, identifier or name (compared the way
//! [`examples::correlate`] compares names; a name that matches several
//! companies is refused, not guessed). No board is given: Manage's client
//! puts the ticket on the API member's default service board (which needs
//! System → Member Maintenance → Inquire; without it the ticket is refused
//! with the row to set). The default policy writes tickets without an
//! approval.

use std::process::ExitCode;

use clap::Parser;
use cwmanage_client::fake::FakeServer;
use cwmanage_client::models::{Company, Reference, Ticket, TicketNote};
use cwmanage_client::{Client, CwCredentials};
use examples::correlate::{Correlator, Owner};
use futures_util::TryStreamExt;
use neo_auth_core::{Error, Result};

/// A ConnectWise Manage ticket on the default board.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Run against the in-process Manage fake instead of CWM_* credentials.
    #[arg(long)]
    sandbox: bool,
    /// The company: its id, identifier or name.
    #[arg(long)]
    company: String,
    /// The ticket's summary.
    #[arg(long)]
    summary: String,
    /// Add this text as an internal note (technicians only).
    #[arg(long)]
    note: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cwmanage_ticket: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<()> {
    if args.summary.trim().is_empty() {
        return Err(Error::config("--summary is empty"));
    }
    // The fake must outlive the client that talks to it.
    let (client, _fake) = if args.sandbox {
        let fake = FakeServer::start().await;
        (fake.client_builder().build()?, Some(fake))
    } else {
        let client = Client::builder()
            .credentials(CwCredentials::from_env()?)
            .build()?;
        (client, None)
    };

    let company = find_company(&client, &args.company).await?;
    let company_id = company.id.unwrap_or_default();
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some(args.summary.trim().to_owned()),
            company: Some(Reference::id(company_id)),
            ..Default::default()
        })
        .send()
        .await?;
    let ticket_id = ticket.id.unwrap_or_default();
    let board = ticket
        .board
        .as_ref()
        .and_then(|b| b.name.clone())
        .unwrap_or_else(|| "?".to_owned());
    println!(
        "ticket #{ticket_id} \"{}\" opened for {} (#{company_id}) on the board {board}",
        ticket.summary.as_deref().unwrap_or(""),
        company.name.as_deref().unwrap_or("?")
    );

    if let Some(note) = args.note {
        let note = client
            .tickets()
            .notes(ticket_id)
            .add(&TicketNote::internal(note))
            .send()
            .await?;
        println!(
            "internal note #{} added to ticket #{ticket_id}",
            note.id.unwrap_or_default()
        );
    }
    Ok(())
}

/// The company with id `wanted`, or the one whose identifier or name matches it.
async fn find_company(client: &Client, wanted: &str) -> Result<Company> {
    if let Ok(id) = wanted.trim().parse::<i64>() {
        return client.companies().get(id).send().await;
    }
    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    let correlator = Correlator::from_companies(&companies);
    let found = correlator
        .find(&Owner::named(wanted).identifier(wanted))
        .map_err(|no_match| Error::config(format!("{no_match}: give the company's id instead")))?;
    let key = found.company.key;
    companies
        .into_iter()
        .find(|c| c.id == Some(key))
        .ok_or_else(|| Error::config("the company list changed while reading it"))
}
