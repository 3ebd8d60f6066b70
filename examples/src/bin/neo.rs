//! `neo`: the SDK's command-line tool.
//!
//! ```text
//! neo demo                      run the whole flow against the embedded HaloPSA fake
//! neo halopsa doctor [--fake]   check a HaloPSA credential (HALOPSA_* variables, or the fake)
//! neo halopsa tickets [--open] [--fake]
//!                               stream tickets and print them
//! ```

use std::process::ExitCode;
use std::time::Instant;

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer};
use halopsa_client::models::{Action, Ticket};
use halopsa_client::{Client, HaloCredentials, areas};
use neo_auth_core::{Approval, AreaAccess, Error};
use secrecy::SecretString;

const USAGE: &str = "usage:
  neo demo                                  the whole flow against the embedded HaloPSA fake
  neo halopsa doctor [--fake]               check a HaloPSA credential (HALOPSA_* variables)
  neo halopsa tickets [--open] [--fake]     stream tickets";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        ["demo"] => demo().await,
        ["halopsa", "doctor", rest @ ..] => halopsa_doctor(rest).await,
        ["halopsa", "tickets", rest @ ..] => halopsa_tickets(rest).await,
        ["help" | "--help" | "-h"] | [] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

/// A client for the fake (kept alive by the returned server) or from the environment.
async fn halopsa_client(fake: bool) -> Result<(Client, Option<FakeServer>), Error> {
    if fake {
        let server = FakeServer::start().await;
        let client = fake_client(&server, Vec::<String>::new())?;
        Ok((client, Some(server)))
    } else {
        let client = Client::builder()
            .credentials(HaloCredentials::from_env()?)
            .build()?;
        Ok((client, None))
    }
}

fn fake_credentials(server: &FakeServer) -> HaloCredentials {
    let config = server.config();
    let mut credentials = HaloCredentials::new(
        server.base_url(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
    )
    .with_agent_id(config.agent_id);
    if let Some(tenant) = &config.tenant {
        credentials = credentials.with_tenant(tenant.clone());
    }
    credentials
}

fn fake_client(server: &FakeServer, scopes: Vec<String>) -> Result<Client, Error> {
    let mut credentials = fake_credentials(server);
    if !scopes.is_empty() {
        credentials = credentials.with_scopes(scopes);
    }
    Client::builder().credentials(credentials).build()
}

async fn halopsa_doctor(rest: &[&str]) -> Result<(), Error> {
    let (client, _server) = halopsa_client(rest.contains(&"--fake")).await?;
    let report = client.check_access().await?;
    print!("{report}");
    Ok(())
}

async fn halopsa_tickets(rest: &[&str]) -> Result<(), Error> {
    let (client, _server) = halopsa_client(rest.contains(&"--fake")).await?;
    let mut list = client.tickets().list();
    if rest.contains(&"--open") {
        list = list.open_only(true);
    }
    let mut stream = list.stream();
    let mut count = 0u64;
    while let Some(ticket) = stream.try_next().await? {
        count += 1;
        println!(
            "#{:<6} {:<40} client {:?}",
            ticket.id.unwrap_or_default(),
            ticket.summary.as_deref().unwrap_or(""),
            ticket.client_id
        );
    }
    println!("{count} ticket(s)");
    Ok(())
}

async fn demo() -> Result<(), Error> {
    println!("== Starting the embedded HaloPSA fake");
    let server = FakeServer::start_with(FakeConfig::default()).await;
    println!("   {}", server.base_url());

    println!("\n== 1. The doctor, with the default `all` scope");
    let client = fake_client(&server, Vec::new())?;
    print!("{}", client.check_access().await?);

    println!("\n== 2. Streaming every ticket, one page in memory at a time");
    let started = Instant::now();
    let tickets_before = server.api_requests();
    let all: Vec<Ticket> = client.tickets().list().stream().try_collect().await?;
    let open: Vec<Ticket> = client
        .tickets()
        .list()
        .open_only(true)
        .collect_all()
        .await?;
    println!(
        "   {} tickets ({} open) in {} API requests, {:.1?}",
        all.len(),
        open.len(),
        server.api_requests() - tickets_before,
        started.elapsed()
    );

    println!("\n== 3. 200 concurrent tasks asking for a token");
    let fresh = fake_client(&server, Vec::new())?;
    let before = server.token_requests();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let client = fresh.clone();
            tokio::spawn(async move { client.whoami().await })
        })
        .collect();
    for task in tasks {
        task.await.map_err(|e| Error::config(e.to_string()))??;
    }
    println!("   token requests: {}", server.token_requests() - before);

    println!("\n== 4. Opening a ticket and adding a private note");
    let ticket = client
        .tickets()
        .create(&Ticket {
            summary: Some("Printer offline on 2nd floor".into()),
            details: Some("Reported by the security product".into()),
            client_id: Some(1),
            ..Default::default()
        })
        .send()
        .await?;
    let note = client
        .actions()
        .create(&Action {
            ticket_id: ticket.id,
            note: Some("Restarted the print spooler".into()),
            hiddenfromuser: Some(true),
            ..Default::default()
        })
        .send()
        .await?;
    println!(
        "   ticket #{}, action #{} on it",
        shown(ticket.id),
        shown(note.id)
    );

    println!("\n== 5. A credential with only `read:tickets` tries to write");
    let reduced = fake_client(&server, vec!["read:tickets".into()])?;
    let denied = reduced
        .tickets()
        .create(&Ticket {
            summary: Some("never sent".into()),
            ..Default::default()
        })
        .send()
        .await;
    println!("   {}", refused_or_report(denied));

    println!("\n== 6. The policy: invoices are read-only by default");
    let denied = client
        .invoices()
        .update(&halopsa_client::models::Invoice {
            id: Some(1),
            ..Default::default()
        })
        .send()
        .await;
    println!("   {}", refused_or_report(denied));

    println!("\n== 7. Tickets need an approval when the integrator says so");
    let strict = Client::builder()
        .credentials(fake_credentials(&server))
        .policy(
            halopsa_client::default_policy().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL),
        )
        .build()?;
    let draft = Ticket {
        summary: Some("Disk almost full".into()),
        client_id: Some(1),
        ..Default::default()
    };
    let refused = strict.tickets().create(&draft).send().await;
    println!("   without approval: {}", refused_or_report(refused));
    let approved = strict
        .tickets()
        .create(&draft)
        .approval(Approval::new(
            "jane@msp.example",
            "customer confirmed by phone",
        )?)
        .send()
        .await?;
    println!("   with approval: ticket #{} created", shown(approved.id));

    println!(
        "\n== Done: {} API requests, {} token requests in all",
        server.api_requests(),
        server.token_requests()
    );
    Ok(())
}

/// An id as printed: the number, or `?` when the server did not return one.
fn shown(id: Option<i64>) -> String {
    id.map_or_else(|| "?".to_owned(), |id| id.to_string())
}

/// What a call the SDK was expected to refuse printed: the refusal, or a warning
/// that it went through (the demo never panics on a surprise).
fn refused_or_report<T>(outcome: Result<T, Error>) -> String {
    match outcome {
        Err(error) => error.to_string(),
        Ok(_) => "UNEXPECTED: the call was not refused".to_owned(),
    }
}
