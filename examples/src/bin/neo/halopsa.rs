//! The `neo halopsa …` commands, against the HALOPSA_* variables or the fake.

use futures_util::TryStreamExt;
use halopsa_client::fake::FakeServer;
use halopsa_client::{Client, HaloCredentials};
use neo_auth_core::Error;

use crate::Outcome;
use crate::args::Flags;

/// The fake's credentials, as an integrator would configure them.
pub fn fake_credentials(server: &FakeServer) -> HaloCredentials {
    server.credentials().with_agent_id(server.config().agent_id)
}

/// A client for the fake asking for `scopes` (none: the default `all`).
pub fn fake_client(server: &FakeServer, scopes: &[&str]) -> Result<Client, Error> {
    let mut credentials = fake_credentials(server);
    if !scopes.is_empty() {
        credentials = credentials.with_scopes(scopes.iter().copied());
    }
    Client::builder().credentials(credentials).build()
}

/// A client for the fake (kept alive by the returned server) or from the environment.
async fn client(flags: &Flags) -> Result<(Client, Option<FakeServer>), Error> {
    let (mut credentials, server) = if flags.fake {
        let server = FakeServer::start().await;
        (fake_credentials(&server), Some(server))
    } else {
        (HaloCredentials::from_env()?, None)
    };
    if let Some(scopes) = &flags.scopes {
        credentials = credentials.with_scopes(scopes.iter().cloned());
    }
    let client = Client::builder().credentials(credentials).build()?;
    Ok((client, server))
}

/// `neo halopsa doctor`: prints the access report; problems make it exit 1.
pub async fn doctor(flags: &Flags) -> Result<Outcome, Error> {
    let (client, _server) = client(flags).await?;
    let report = client.check_access().await?;
    print!("{report}");
    let problems = report.problems().len();
    if problems == 0 {
        Ok(Outcome::Fine)
    } else {
        eprintln!("the credential has {problems} problem(s); see the report");
        Ok(Outcome::Problems)
    }
}

/// `neo halopsa tickets`: streams the tickets and prints one line each.
pub async fn tickets(flags: &Flags) -> Result<Outcome, Error> {
    let (client, _server) = client(flags).await?;
    let mut list = client.tickets().list();
    if flags.open {
        list = list.open_only(true);
    }
    let mut stream = list.stream();
    let mut count = 0u64;
    while let Some(ticket) = stream.try_next().await? {
        count += 1;
        println!(
            "#{:<6} {:<40} client {}",
            ticket.id.unwrap_or_default(),
            ticket.summary.as_deref().unwrap_or(""),
            ticket
                .client_id
                .map_or_else(|| "?".to_owned(), |id| id.to_string())
        );
    }
    println!("{count} ticket(s)");
    Ok(Outcome::Fine)
}
