//! The Kaseya VSA X part of `neo demo`: the devices and their disks, the
//! clean-up script the policy holds until an approval is given, and the
//! doctor for a token without `devices.read`.

use examples::correlate::RmmDevice;
use examples::low_disk::low_disk;
use neo_auth_core::{Approval, Error, Result};
use vsax_client::fake::FakeServer;
use vsax_client::models::{Asset, Device, RunScript};
use vsax_client::{Client, default_policy, permissions};

use super::Demo;
use crate::vendor::Vendor;
use crate::vsax::Vsax;

const VENDOR: &str = "Kaseya VSA X";
/// Below this much free space (percent) a system disk needs attention.
const LOW_DISK_PERCENT: f64 = 10.0;
/// The seeded "Clear temp folder" script and its folder variable.
const CLEANUP_SCRIPT: i64 = 42;
const FOLDER_VARIABLE: i64 = 1;

/// The running fake and a client with the full grant (`None` when it could
/// not be built, which the demo reported).
pub struct Session {
    fake: FakeServer,
    client: Option<Client>,
}

/// Starts the fake; proves the token; lists the devices (into
/// [`Demo::devices`]) and picks the one lowest on disk space as
/// [`Demo::attention`].
pub async fn inventory(demo: &mut Demo) -> Session {
    let fake = Vsax::start_fake().await;
    let client = demo.built(Vsax::fake_client(&fake, &[], default_policy()));
    let session = Session { fake, client };
    if let Some(client) = &session.client
        && let Err(error) = inventory_steps(demo, &session.fake, client).await
    {
        demo.failed(&error);
    }
    session
}

async fn inventory_steps(demo: &mut Demo, fake: &FakeServer, client: &Client) -> Result<()> {
    demo.step(VENDOR, "authenticate (API token)");
    demo.say(format!("fake at {}", fake.tenant_url()));
    let environment = client.environment().send().await?;
    demo.say(format!(
        "token {} accepted by {} {} (VSA X has no token exchange: the token travels with every request)",
        client.token_id(),
        environment.name.as_deref().unwrap_or("VSA X"),
        environment.version.as_deref().unwrap_or("")
    ));

    demo.step(VENDOR, "list the devices and their disks");
    let devices: Vec<Device> = client.devices().list().collect_all().await?;
    let expected = fake.config().devices;
    demo.say(format!(
        "{} devices, e.g. {}",
        devices.len(),
        names(devices.iter().filter_map(|d| d.name.as_deref()))
    ));
    demo.expect(
        devices.len() == expected,
        format!(
            "listed {} devices, the fake holds {expected}",
            devices.len()
        ),
    );
    let reported: Vec<RmmDevice> = devices.iter().filter_map(RmmDevice::from_vsax).collect();
    demo.expect(
        reported.len() == devices.len(),
        "a device names no organization",
    );
    let assets: Vec<Asset> = client.assets().list().collect_all().await?;
    let low = low_disk(&assets, LOW_DISK_PERCENT);
    demo.say(format!(
        "{} with less than {LOW_DISK_PERCENT}% free on the system disk:",
        low.len()
    ));
    for device in &low {
        demo.say(format!(
            "  {} ({} {}% free)",
            device
                .asset
                .name
                .as_deref()
                .unwrap_or(&device.asset.identifier),
            device.disk,
            device.free_percentage
        ));
    }
    demo.expect(!low.is_empty(), "no device is low on disk space");
    if let Some(lowest) = low.first() {
        let device = reported
            .iter()
            .find(|d| d.id.eq_ignore_ascii_case(&lowest.asset.identifier))
            .cloned();
        demo.expect(
            device.is_some(),
            format!(
                "the asset {} is not in the device list",
                lowest.asset.identifier
            ),
        );
        if let Some(device) = &device {
            demo.say(format!("needs attention: {device}"));
        }
        demo.attention = device;
    }
    demo.devices.extend(reported);
    Ok(())
}

/// Runs the clean-up script on the device that needs attention: refused by
/// the default policy (automation: write with approval) until approved.
pub async fn remediate(demo: &mut Demo, session: &Session) {
    if let Some(client) = &session.client
        && let Err(error) = remediate_steps(demo, &session.fake, client).await
    {
        demo.failed(&error);
    }
}

async fn remediate_steps(demo: &mut Demo, fake: &FakeServer, client: &Client) -> Result<()> {
    demo.step(
        VENDOR,
        "run the clean-up script: blocked by the policy until an approval is given",
    );
    let Some(device) = demo.attention.clone() else {
        demo.expect(false, "no device needs attention");
        return Ok(());
    };
    demo.say("policy: automation = write with approval (the default)");
    let run = RunScript::on_device(&device.id).variable(FOLDER_VARIABLE, r"C:\Windows\Temp");
    let before = fake.http().api_requests();
    let outcome = client.scripts().run(CLEANUP_SCRIPT, &run).send().await;
    let sent = fake.http().api_requests() - before;
    demo.refused(
        outcome,
        "an approval-required error",
        |e| matches!(e, Error::ApprovalRequired { area, .. } if area == "automation"),
        sent,
    );
    let approval = Approval::new(
        "jane@msp.example",
        "disk nearly full, cleared with the user",
    )?;
    let receipt = client
        .scripts()
        .run(CLEANUP_SCRIPT, &run)
        .approval(approval)
        .send()
        .await?;
    demo.say(format!(
        "approved by jane@msp.example: \"Clear temp folder\" ran on {} (execution {})",
        device.name,
        receipt.execution_id.as_deref().unwrap_or("?")
    ));
    let recorded = fake.with_state(|state| {
        state
            .script_executions
            .iter()
            .filter(|e| e["ScriptId"] == CLEANUP_SCRIPT && e["DeviceIdentifier"] == device.id)
            .count()
    });
    demo.expect(
        recorded == 1,
        format!("the fake recorded {recorded} run(s) of the script on the device, not 1"),
    );
    Ok(())
}

/// The doctor for a token whose role lacks `devices.read`.
pub async fn doctor(demo: &mut Demo, session: &Session) {
    let scope = &permissions::DEVICES_READ;
    demo.step(
        VENDOR,
        format!("the doctor for a token without `{}`", scope.name()),
    );
    let reduced = Vsax::fake_client(&session.fake, &[scope.name().to_owned()], default_policy());
    if let Some(client) = demo.built(reduced) {
        let report = client
            .check_access()
            .await
            .only_areas(&[permissions::DEVICES]);
        demo.doctor_report(&report, scope.label());
    }
}

/// The first three of `names`, comma-separated.
fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.take(3).collect::<Vec<_>>().join(", ")
}
