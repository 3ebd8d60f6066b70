//! ConnectWise Asio example: the software installed on the devices of one
//! site, each program once with the number of devices that have it.
//!
//! ```text
//! # against the in-process fake (no credentials, no network)
//! cargo run -p examples --bin asio_site_software -- --sandbox --company contoso
//! # against a real partner (ASIO_CLIENT_ID, ASIO_CLIENT_SECRET, ASIO_REGION, …)
//! cargo run -p examples --bin asio_site_software -- --company "Contoso" --site "Head Office"
//! ```
//!
//! The company is found by id, friendly name or name (compared the way
//! [`examples::correlate`] compares names; a name that matches several
//! companies is refused, not guessed); the site by id or name, by default the
//! company's primary site. Nothing is written.

use std::collections::BTreeMap;
use std::process::ExitCode;

use asio_client::fake::FakeServer;
use asio_client::models::{Company, EndpointApplications, Site};
use asio_client::{Client, Credentials};
use clap::Parser;
use examples::correlate::{Correlator, Owner};
use futures_util::TryStreamExt;
use neo_auth_core::{Error, Result};

/// The installed software of an Asio site.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Run against the in-process Asio fake instead of ASIO_* credentials.
    #[arg(long)]
    sandbox: bool,
    /// The company: its id, friendly name or name.
    #[arg(long)]
    company: String,
    /// The site: its id or name (default: the company's primary site).
    #[arg(long)]
    site: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("asio_site_software: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<()> {
    // The fake must outlive the client that talks to it.
    let (client, _fake) = if args.sandbox {
        let fake = FakeServer::start().await;
        (fake.client()?, Some(fake))
    } else {
        let client = Client::builder()
            .credentials(Credentials::from_env()?)
            .build()?;
        (client, None)
    };

    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    let company = find_company(&companies, &args.company)?;
    let sites: Vec<Site> = client
        .sites()
        .for_company(&company.id)
        .stream()
        .try_collect()
        .await?;
    let site = find_site(&sites, args.site.as_deref())?;
    println!("{} / {}: installed software", company.name, site.name);

    // Program (name, version, publisher) → the devices that have it.
    let mut programs: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    let mut devices = 0;
    let mut software = client
        .assets()
        .applications()
        .sites([site.id.as_str()])
        .stream();
    while let Some(EndpointApplications { applications, .. }) = software.try_next().await? {
        devices += 1;
        for application in applications {
            let key = (
                application.name,
                application.version.unwrap_or_default(),
                application.publisher.unwrap_or_default(),
            );
            *programs.entry(key).or_default() += 1;
        }
    }
    for ((name, version, publisher), count) in &programs {
        let by = if publisher.is_empty() {
            String::new()
        } else {
            format!(" ({publisher})")
        };
        println!("  {name} {version}{by}: {count} of {devices} device(s)");
    }
    println!("{} program(s) on {devices} device(s)", programs.len());
    Ok(())
}

/// The company with id `wanted`, or the one whose friendly name or name matches it.
fn find_company<'c>(companies: &'c [Company], wanted: &str) -> Result<&'c Company> {
    if let Some(company) = companies.iter().find(|c| c.id == wanted.trim()) {
        return Ok(company);
    }
    let mut correlator = Correlator::new();
    for (index, company) in companies.iter().enumerate() {
        correlator.push(index, company.name.clone(), company.friendly_name.clone());
    }
    let found = correlator
        .find(&Owner::named(wanted).identifier(wanted))
        .map_err(|no_match| Error::config(format!("{no_match}: give the company's id instead")))?;
    companies
        .get(found.company.key)
        .ok_or_else(|| Error::config("the company list changed while reading it"))
}

/// The site with id or name `wanted`, else the primary site (else the only one).
fn find_site<'s>(sites: &'s [Site], wanted: Option<&str>) -> Result<&'s Site> {
    let found = match wanted.map(str::trim) {
        Some(wanted) => sites
            .iter()
            .find(|s| s.id == wanted || s.name.eq_ignore_ascii_case(wanted)),
        None => sites
            .iter()
            .find(|s| s.primary_flag == Some(true))
            .or(match sites {
                [only] => Some(only),
                _ => None,
            }),
    };
    found.ok_or_else(|| {
        let names: Vec<&str> = sites.iter().map(|s| s.name.as_str()).collect();
        Error::config(format!(
            "no such site; the company's sites are: {}",
            names.join(", ")
        ))
    })
}
