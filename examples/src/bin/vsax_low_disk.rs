//! Kaseya VSA X example: the devices whose system disk is running out of
//! space, lowest first.
//!
//! ```text
//! # against the in-process fake (no credentials, no network)
//! cargo run -p examples --bin vsax_low_disk -- --sandbox
//! # against a real tenant (VSAX_BASE_URL, VSAX_TOKEN_ID, VSAX_TOKEN_SECRET)
//! cargo run -p examples --bin vsax_low_disk -- --below 15
//! ```
//!
//! The free space comes from the asset inventory (`GET /assets`, the token
//! needs "Device Assets: Read"), the organization of each device from the
//! device list ("Devices: Read"). Nothing is written.

use std::collections::HashMap;
use std::process::ExitCode;

use clap::Parser;
use examples::low_disk::low_disk;
use neo_auth_core::{Error, Result};
use vsax_client::fake::FakeServer;
use vsax_client::models::{Asset, Device};
use vsax_client::{Client, Credentials};

/// The VSA X devices low on disk space.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Run against the in-process VSA X fake instead of VSAX_* credentials.
    #[arg(long)]
    sandbox: bool,
    /// List the devices whose system disk has less than this much free space,
    /// in percent.
    #[arg(long, default_value_t = 10.0, value_name = "PERCENT")]
    below: f64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vsax_low_disk: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<()> {
    if !(args.below > 0.0 && args.below <= 100.0) {
        return Err(Error::config(format!(
            "--below {}: give a percentage above 0 and at most 100",
            args.below
        )));
    }
    // The fake must outlive the client that talks to it.
    let (client, _fake) = if args.sandbox {
        let fake = FakeServer::start().await;
        (fake.client_builder().build()?, Some(fake))
    } else {
        let client = Client::builder(Credentials::from_env()?).build()?;
        (client, None)
    };

    let assets: Vec<Asset> = client.assets().list().collect_all().await?;
    let devices: Vec<Device> = client.devices().list().collect_all().await?;
    let organization_of: HashMap<String, &str> = devices
        .iter()
        .filter_map(|d| {
            let organization = d.organization_name.as_deref()?;
            Some((d.identifier.to_ascii_lowercase(), organization))
        })
        .collect();

    let low = low_disk(&assets, args.below);
    println!(
        "{} of {} device(s) with less than {}% free on the system disk",
        low.len(),
        assets.len(),
        args.below
    );
    for device in &low {
        let asset = device.asset;
        let organization = organization_of
            .get(&asset.identifier.to_ascii_lowercase())
            .copied()
            .unwrap_or("?");
        println!(
            "  {:<24} {:<20} {} {:>5.1}% free",
            asset.name.as_deref().unwrap_or(&asset.identifier),
            organization,
            device.disk,
            device.free_percentage
        );
    }
    Ok(())
}
