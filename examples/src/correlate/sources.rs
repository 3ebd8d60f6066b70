//! The records of the workspace's vendor crates, as the [`Correlator`] takes
//! them: PSA companies ([`PsaCompany`]: HaloPSA, ConnectWise Manage) and RMM
//! devices with their owner ([`RmmDevice`]: ConnectWise Asio, Kaseya VSA X).
//!
//! ```
//! use cwmanage_client::models::Company;
//! use examples::correlate::{Correlator, MatchedBy, RmmDevice};
//!
//! let psa: Vec<Company> = serde_json::from_value(serde_json::json!([
//!     {"id": 253, "identifier": "CONTOSO", "name": "Contoso Ltd"},
//!     {"id": 256, "identifier": "FABRIKAM", "name": "Fabrikam Inc"},
//! ]))?;
//! let device: vsax_client::models::Device = serde_json::from_value(serde_json::json!(
//!     {"Identifier": "8f3c", "Name": "FABRIKAM-WKS-001", "OrganizationId": 4822, "OrganizationName": "Fabrikam"}
//! ))?;
//! let device = RmmDevice::from_vsax(&device).expect("the device names its organization");
//! let companies = Correlator::from_companies(&psa);
//! let found = companies.find(&device.owner())?;
//! assert_eq!((found.company.key, found.by), (256, MatchedBy::Name));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use super::{Correlator, Owner};

/// A PSA company the correlator can match: its key, name and the identifiers
/// an MSP may also have recorded in its RMM.
pub trait PsaCompany {
    /// The PSA's key of the company (its id).
    type Key;

    /// The key; `None` leaves the company out (a record without an id).
    fn key(&self) -> Option<Self::Key>;
    /// The name; `None` leaves the company out.
    fn company_name(&self) -> Option<&str>;
    /// Identifiers that may also be recorded in the RMM.
    fn identifiers(&self) -> Vec<&str>;
}

/// HaloPSA: the client's id and name; its reference (`ref`) and accounts id
/// are the identifiers.
impl PsaCompany for halopsa_client::models::Company {
    type Key = i64;

    fn key(&self) -> Option<i64> {
        self.id
    }

    fn company_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn identifiers(&self) -> Vec<&str> {
        [self.r#ref.as_deref(), self.accountsid.as_deref()]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// ConnectWise Manage: the company's id and name; its identifier (the short
/// code typed into Manage, e.g. `CONTOSO`) is the identifier.
impl PsaCompany for cwmanage_client::models::Company {
    type Key = i64;

    fn key(&self) -> Option<i64> {
        self.id
    }

    fn company_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn identifiers(&self) -> Vec<&str> {
        self.identifier.as_deref().into_iter().collect()
    }
}

impl<K> Correlator<K> {
    /// A correlator over a PSA's companies; a company without a key or a
    /// name is left out.
    pub fn from_companies<'a, C>(companies: impl IntoIterator<Item = &'a C>) -> Self
    where
        C: PsaCompany<Key = K> + 'a,
    {
        let mut correlator = Correlator::new();
        for company in companies {
            if let (Some(key), Some(name)) = (company.key(), company.company_name()) {
                correlator.push(key, name, company.identifiers());
            }
        }
        correlator
    }
}

/// The RMM a device came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rmm {
    /// ConnectWise Asio.
    Asio,
    /// Kaseya VSA X.
    VsaX,
}

impl fmt::Display for Rmm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rmm::Asio => "ConnectWise Asio",
            Rmm::VsaX => "Kaseya VSA X",
        })
    }
}

/// A device as its RMM reports it, with its owner (the RMM's organization or
/// company) as the RMM spells it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RmmDevice {
    /// The RMM it came from.
    pub rmm: Rmm,
    /// The RMM's id of the device (Asio's endpoint id, VSA X's identifier).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The owner's name.
    pub owner_name: String,
    /// An identifier of the owner the MSP recorded in the RMM (Asio: the
    /// company's friendly name, where MSPs keep the PSA's short code).
    pub owner_identifier: Option<String>,
}

impl RmmDevice {
    /// The owner, as [`Correlator::find`] takes it.
    pub fn owner(&self) -> Owner<'_> {
        Owner {
            name: &self.owner_name,
            identifier: self.owner_identifier.as_deref(),
        }
    }

    /// An Asio device with its company, looked up in `companies` by the
    /// device's company id (`None` when it is not there). The name is the
    /// device's friendly name, else its host name, else its endpoint id.
    ///
    /// ```
    /// use asio_client::models::{Company, Device};
    /// use examples::correlate::{Rmm, RmmDevice};
    ///
    /// let companies: Vec<Company> = serde_json::from_value(serde_json::json!([
    ///     {"id": "c1", "name": "Contoso", "friendlyName": "CONTOSO"}
    /// ]))?;
    /// let device: Device = serde_json::from_value(serde_json::json!(
    ///     {"companyID": "c1", "siteID": "s1", "endpointID": "e1", "friendlyName": "CONTOSO-SRV-01"}
    /// ))?;
    /// let device = RmmDevice::from_asio(&device, &companies).unwrap();
    /// assert_eq!(device.rmm, Rmm::Asio);
    /// assert_eq!((device.owner_name.as_str(), device.owner_identifier.as_deref()), ("Contoso", Some("CONTOSO")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from_asio(
        device: &asio_client::models::Device,
        companies: &[asio_client::models::Company],
    ) -> Option<RmmDevice> {
        let company = companies.iter().find(|c| c.id == device.company_id)?;
        let name = [
            device.friendly_name.as_deref(),
            device.device_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|n| !n.trim().is_empty())
        .unwrap_or(&device.endpoint_id);
        Some(RmmDevice {
            rmm: Rmm::Asio,
            id: device.endpoint_id.clone(),
            name: name.to_owned(),
            owner_name: company.name.clone(),
            owner_identifier: company
                .friendly_name
                .clone()
                .filter(|f| !f.trim().is_empty()),
        })
    }

    /// A VSA X device, owned by its organization (`None` when the record
    /// names none). The name is the device's name, else its identifier.
    pub fn from_vsax(device: &vsax_client::models::Device) -> Option<RmmDevice> {
        let owner = device
            .organization_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())?;
        Some(RmmDevice {
            rmm: Rmm::VsaX,
            id: device.identifier.clone(),
            name: device
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| device.identifier.clone()),
            owner_name: owner.to_owned(),
            owner_identifier: None,
        })
    }
}

impl fmt::Display for RmmDevice {
    /// `NAME (RMM, owner "OWNER" [IDENTIFIER])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, owner \"{}\"",
            self.name, self.rmm, self.owner_name
        )?;
        if let Some(identifier) = &self.owner_identifier {
            write!(f, " [{identifier}]")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::super::MatchedBy;
    use super::*;
    use serde_json::json;

    fn halo(records: serde_json::Value) -> Vec<halopsa_client::models::Company> {
        serde_json::from_value(records).unwrap()
    }

    #[test]
    fn psa_companies_without_an_id_or_name_are_left_out() {
        let companies = halo(json!([
            {"id": 1, "name": "Contoso Ltd", "ref": "CUST0001"},
            {"name": "No id"},
            {"id": 3},
        ]));
        let correlator = Correlator::from_companies(&companies);
        assert_eq!(correlator.companies().len(), 1);
        assert_eq!(correlator.companies()[0].identifiers, ["CUST0001"]);
        let found = correlator
            .find(&Owner::named("x").identifier("cust0001"))
            .unwrap();
        assert_eq!((found.company.key, found.by), (1, MatchedBy::Identifier));
    }

    #[test]
    fn rmm_devices_carry_their_owner() {
        let companies: Vec<asio_client::models::Company> = serde_json::from_value(json!([
            {"id": "c1", "name": "Fabrikam, Inc.", "friendlyName": " "}
        ]))
        .unwrap();
        let device: asio_client::models::Device = serde_json::from_value(
            json!({"companyID": "c1", "siteID": "s", "endpointID": "e9", "deviceName": "HOST9"}),
        )
        .unwrap();
        let found = RmmDevice::from_asio(&device, &companies).unwrap();
        assert_eq!(found.name, "HOST9");
        assert_eq!(
            found.owner_identifier, None,
            "a blank friendly name is none"
        );
        assert_eq!(
            found.to_string(),
            "HOST9 (ConnectWise Asio, owner \"Fabrikam, Inc.\")"
        );
        let stranger: asio_client::models::Device =
            serde_json::from_value(json!({"companyID": "c2", "siteID": "s", "endpointID": "e1"}))
                .unwrap();
        assert_eq!(RmmDevice::from_asio(&stranger, &companies), None);

        let orphan: vsax_client::models::Device =
            serde_json::from_value(json!({"Identifier": "d1", "Name": "WKS"})).unwrap();
        assert_eq!(RmmDevice::from_vsax(&orphan), None);
        let owned: vsax_client::models::Device = serde_json::from_value(
            json!({"Identifier": "d2", "OrganizationName": "Northwind Traders"}),
        )
        .unwrap();
        let owned = RmmDevice::from_vsax(&owned).unwrap();
        assert_eq!((owned.name.as_str(), owned.rmm), ("d2", Rmm::VsaX));
        assert_eq!(owned.owner(), Owner::named("Northwind Traders"));
    }
}
