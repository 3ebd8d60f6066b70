//! The step both PSAs share: mapping the RMM organizations to the PSA's
//! companies with [`examples::correlate`].

use std::collections::BTreeSet;

use examples::correlate::{Correlator, MatchedBy, RmmDevice};

use super::Demo;

/// The PSA company the device that needs attention belongs to.
#[derive(Debug, Clone)]
pub struct Target {
    /// The device.
    pub device: RmmDevice,
    /// The company's id in the PSA.
    pub company_id: i64,
    /// The company's name in the PSA.
    pub company_name: String,
}

impl Demo {
    /// Correlates each organization the RMMs reported (one line each) with
    /// `companies`, expecting every one to match; returns the company of the
    /// device that needs attention.
    pub fn correlate(
        &mut self,
        vendor: &'static str,
        companies: &Correlator<i64>,
    ) -> Option<Target> {
        self.step(vendor, "map the RMM organizations to the PSA's companies");
        let mut seen = BTreeSet::new();
        let owners: Vec<RmmDevice> = self
            .devices
            .iter()
            .filter(|d| seen.insert((d.rmm, d.owner_name.clone(), d.owner_identifier.clone())))
            .cloned()
            .collect();
        self.expect(!owners.is_empty(), "no RMM reported a device");
        let (mut by_name, mut by_identifier) = (0, 0);
        for device in &owners {
            let owner = match &device.owner_identifier {
                Some(identifier) => format!("\"{}\" [{identifier}]", device.owner_name),
                None => format!("\"{}\"", device.owner_name),
            };
            match companies.find(&device.owner()) {
                Ok(found) => {
                    match found.by {
                        MatchedBy::Name => by_name += 1,
                        MatchedBy::Identifier => by_identifier += 1,
                    }
                    self.say(format!(
                        "{:<17} {owner:<33} → #{} \"{}\" (by {})",
                        device.rmm.to_string(),
                        found.company.key,
                        found.company.name,
                        found.by
                    ));
                }
                Err(no_match) => self.expect(false, format!("{}: {no_match}", device.rmm)),
            }
        }
        self.say(format!(
            "{} of {} organizations matched: {by_identifier} by identifier, {by_name} by name",
            by_identifier + by_name,
            owners.len()
        ));
        let device = self
            .attention
            .clone()
            .or_else(|| self.devices.first().cloned())?;
        match companies.find(&device.owner()) {
            Ok(found) => Some(Target {
                company_id: found.company.key,
                company_name: found.company.name.clone(),
                device,
            }),
            Err(no_match) => {
                self.expect(false, format!("{device}: {no_match}"));
                None
            }
        }
    }
}
