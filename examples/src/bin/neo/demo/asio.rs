//! The ConnectWise Asio part of `neo demo`: the companies and their devices,
//! and the doctor for a key without `platform.devices.read`.

use asio_client::fake::{FakeConfig, FakeServer};
use asio_client::models::{Company, Device};
use asio_client::{Client, policy, scopes};
use examples::correlate::RmmDevice;
use futures_util::TryStreamExt;
use neo_auth_core::Result;

use super::Demo;
use crate::asio::Asio;
use crate::vendor::Vendor;

const VENDOR: &str = "ConnectWise Asio";

/// The running fake and a client with every scope (`None` when it could not
/// be built, which the demo reported).
pub struct Session {
    fake: FakeServer,
    client: Option<Client>,
}

/// Starts the fake, authenticates, and lists the companies and devices
/// (into [`Demo::devices`]).
pub async fn inventory(demo: &mut Demo) -> Session {
    let fake = Asio::start_fake().await;
    let client = demo.built(Asio::fake_client(&fake, &[], policy::default_policy()));
    let session = Session { fake, client };
    if let Some(client) = &session.client
        && let Err(error) = inventory_steps(demo, &session.fake, client).await
    {
        demo.failed(&error);
    }
    session
}

async fn inventory_steps(demo: &mut Demo, fake: &FakeServer, client: &Client) -> Result<()> {
    demo.step(
        VENDOR,
        "authenticate (OAuth2 client credentials) and list the companies",
    );
    demo.say(format!("fake at {}", fake.uri()));
    let companies: Vec<Company> = client.companies().list().stream().try_collect().await?;
    let granted = client
        .grant()
        .map(|(grant, _)| grant.names().len())
        .unwrap_or_default();
    demo.say(format!(
        "token fetched ({} token request) with {granted} scopes",
        fake.token_requests()
    ));
    demo.expect(
        fake.token_requests() == 1,
        "expected exactly one token request",
    );
    demo.expect(
        granted == client.requested_scopes().len(),
        format!(
            "the token holds {granted} scopes, {} were asked for",
            client.requested_scopes().len()
        ),
    );
    demo.say(format!(
        "{} companies: {}",
        companies.len(),
        companies
            .iter()
            .map(|c| match &c.friendly_name {
                Some(code) => format!("{} [{code}]", c.name),
                None => c.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let seeded = FakeConfig::default().companies;
    demo.expect(
        companies.len() == seeded,
        format!(
            "listed {} companies, the fake holds {seeded}",
            companies.len()
        ),
    );

    demo.step(VENDOR, "list the devices");
    let devices: Vec<Device> = client.devices().list().stream().try_collect().await?;
    demo.say(format!(
        "{} devices, e.g. {}",
        devices.len(),
        devices
            .iter()
            .take(3)
            .filter_map(|d| d.friendly_name.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    demo.expect(
        devices.len() == fake.device_count(),
        format!(
            "listed {} devices, the fake holds {}",
            devices.len(),
            fake.device_count()
        ),
    );
    let reported: Vec<RmmDevice> = devices
        .iter()
        .filter_map(|d| RmmDevice::from_asio(d, &companies))
        .collect();
    demo.expect(
        reported.len() == devices.len(),
        "a device belongs to a company the company list does not show",
    );
    demo.devices.extend(reported);
    Ok(())
}

/// The doctor for a key without `platform.devices.read`.
pub async fn doctor(demo: &mut Demo, session: &Session) {
    let scope = &scopes::DEVICES_READ;
    demo.step(
        VENDOR,
        format!("the doctor for a key without `{}`", scope.name()),
    );
    let reduced = Asio::fake_client(
        &session.fake,
        &[scope.name().to_owned()],
        policy::default_policy(),
    );
    if let Some(client) = demo.built(reduced) {
        let report = client.check_access().await.only_areas(&[policy::DEVICES]);
        demo.doctor_report(&report, scope.label());
    }
}
