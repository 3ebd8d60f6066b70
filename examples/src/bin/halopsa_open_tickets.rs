//! HaloPSA example: the open tickets of one company, and a private note on one
//! of them.
//!
//! ```text
//! # against the in-process fake (no credentials, no network)
//! cargo run -p examples --bin halopsa_open_tickets -- --sandbox --company "contoso" --note "Checked remotely"
//! # against a real tenant (HALOPSA_BASE_URL, HALOPSA_CLIENT_ID, HALOPSA_CLIENT_SECRET, …)
//! cargo run -p examples --bin halopsa_open_tickets -- --company "Contoso Ltd"
//! ```
//!
//! The company is found by id or by name, compared the way
//! [`examples::correlate`] compares names (case, punctuation and suffixes
//! like "Ltd" ignored); a name that matches several companies is refused, not
//! guessed. Without `--note` nothing is written.

use std::process::ExitCode;

use clap::Parser;
use examples::correlate::{Correlation, Correlator, Owner};
use futures_util::TryStreamExt;
use halopsa_client::fake::FakeServer;
use halopsa_client::models::{Action, Company, Ticket};
use halopsa_client::{Client, HaloCredentials};
use neo_auth_core::{Error, Result};

/// The open tickets of a HaloPSA company, and a private note on one of them.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Run against the in-process HaloPSA fake instead of HALOPSA_* credentials.
    #[arg(long)]
    sandbox: bool,
    /// The company: its id, or its name.
    #[arg(long)]
    company: String,
    /// Add this text as a private note (hidden from the end user) to a ticket.
    #[arg(long)]
    note: Option<String>,
    /// The ticket for the note (default: the company's first open ticket).
    #[arg(long)]
    ticket: Option<i64>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("halopsa_open_tickets: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<()> {
    // The fake must outlive the client that talks to it.
    let (client, _fake) = if args.sandbox {
        let fake = FakeServer::start().await;
        let client = Client::builder().credentials(fake.credentials()).build()?;
        (client, Some(fake))
    } else {
        let client = Client::builder()
            .credentials(HaloCredentials::from_env()?)
            .build()?;
        (client, None)
    };

    let company = find_company(&client, &args.company).await?;
    let company_id = company.id.unwrap_or_default();
    println!(
        "{} (#{company_id}): open tickets",
        company.name.as_deref().unwrap_or("?")
    );
    let tickets: Vec<Ticket> = client
        .tickets()
        .list()
        .client_id(company_id)
        .open_only(true)
        .stream()
        .try_collect()
        .await?;
    for ticket in &tickets {
        println!(
            "  #{:<6} {}",
            ticket.id.unwrap_or_default(),
            ticket.summary.as_deref().unwrap_or("")
        );
    }
    println!("{} open ticket(s)", tickets.len());

    let Some(note) = args.note else {
        return Ok(());
    };
    let ticket_id = match args.ticket.or_else(|| tickets.first().and_then(|t| t.id)) {
        Some(id) => id,
        None => {
            return Err(Error::config(
                "the company has no open ticket to add the note to",
            ));
        }
    };
    let action = client
        .actions()
        .create(&Action {
            ticket_id: Some(ticket_id),
            outcome: Some("Private Note".into()),
            note: Some(note),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await?;
    println!(
        "private note #{} added to ticket #{ticket_id}",
        action.id.unwrap_or_default()
    );
    Ok(())
}

/// The company with id `wanted`, or the one whose name matches it.
async fn find_company(client: &Client, wanted: &str) -> Result<Company> {
    if let Ok(id) = wanted.trim().parse::<i64>() {
        return client.companies().get(id).send().await;
    }
    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    let mut correlator = Correlator::new();
    for (index, company) in companies.iter().enumerate() {
        correlator.push(
            index,
            company.name.clone().unwrap_or_default(),
            [] as [&str; 0],
        );
    }
    match correlator.correlate(&Owner::named(wanted)) {
        Correlation::Matched { company, .. } => companies
            .get(company.key)
            .cloned()
            .ok_or_else(|| Error::config("the company list changed while reading it")),
        Correlation::Ambiguous(found) => {
            let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
            Err(Error::config(format!(
                "`{wanted}` matches several companies ({}): give the id instead",
                names.join(", ")
            )))
        }
        Correlation::Unmatched => Err(Error::config(format!("no company is named `{wanted}`"))),
    }
}
