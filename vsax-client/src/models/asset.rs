//! Device assets: hardware categories and installed software (`/assets`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::de::{null_as_empty, string_list, text_id};
use super::device::NetworkAdapter;
use super::timestamp::Timestamp;

/// A device's inventory (`/assets`, `/assets/{identifier}`; the same
/// identifier as the device). The list already carries the full inventory.
///
/// ```
/// use vsax_client::models::Asset;
/// let a: Asset = serde_json::from_str(r#"{
///   "Identifier":"8f3c","AssetInfo":[{"CategoryName":"BIOS","CategoryData":{"Version":"1.9.0"}}],
///   "InstalledSoftware":[{"Name":"7-Zip","Version":"23.01"}]}"#).unwrap();
/// assert_eq!(a.category("bios").unwrap()["Version"], "1.9.0");
/// assert_eq!(a.installed_software[0].name.as_deref(), Some("7-Zip"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Asset {
    /// The device id, a GUID string.
    #[serde(deserialize_with = "text_id")]
    pub identifier: String,
    /// The host name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The group's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub group_name: Option<String>,
    /// The description (the operating system, in one source).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "string_list")]
    pub tags: Vec<String>,
    /// The kind of asset, as sent.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub r#type: Option<String>,
    /// The agent version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub client_version: Option<String>,
    /// When the device was last online.
    #[serde(default)]
    pub last_seen_online: Option<Timestamp>,
    /// A link to the device in the console.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub external_url: Option<String>,
    /// CPU usage.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub cpu_usage: Option<f64>,
    /// Memory in use.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub memory_usage: Option<f64>,
    /// Memory installed.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub memory_total: Option<f64>,
    /// Whether the firewall is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub firewall_enabled: Option<bool>,
    /// Whether antivirus is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub antivirus_enabled: Option<bool>,
    /// Whether antivirus definitions are current.
    #[serde(
        rename = "AntiVirusUpToDate",
        alias = "AntivirusUpToDate",
        default,
        deserialize_with = "lenient::opt_bool"
    )]
    pub antivirus_up_to_date: Option<bool>,
    /// Whether User Account Control is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub uac_enabled: Option<bool>,
    /// Pending updates by class.
    #[serde(default)]
    pub updates: Option<UpdateCounts>,
    /// Available updates, as sent (shape unverified).
    #[serde(default)]
    pub available_updates: Option<Value>,
    /// Hardware categories (System, BIOS, Operating System, …).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub asset_info: Vec<AssetCategory>,
    /// The public IP address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub public_ip_address: Option<String>,
    /// The computer id, as text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub computer_id: Option<String>,
    /// The organization.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// The site.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub site_id: Option<i64>,
    /// IP addresses, as sent: the sources disagree on their shape (objects
    /// `{Name, MAC, IPs[…]}` or plain strings).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub ip_addresses: Vec<Value>,
    /// Disks.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub disks: Vec<Disk>,
    /// Installed software.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub installed_software: Vec<InstalledSoftware>,
    /// Network adapters.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub local_ip_addresses: Vec<NetworkAdapter>,
    /// Security products (antivirus, firewall, …).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub security: Vec<SecurityProduct>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Asset {
    /// The data of the hardware category named `name` (case-insensitive).
    pub fn category(&self, name: &str) -> Option<&Map<String, Value>> {
        self.asset_info
            .iter()
            .find(|c| {
                c.category_name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .map(|c| &c.category_data)
    }
}

/// One hardware category (`AssetInfo[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AssetCategory {
    /// The category (System, BIOS, Operating System, …).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub category_name: Option<String>,
    /// Its key/value data, as sent.
    #[serde(default, deserialize_with = "null_as_map")]
    pub category_data: Map<String, Value>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn null_as_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    Ok(Option::<Map<String, Value>>::deserialize(d)?.unwrap_or_default())
}

/// Pending updates by class (`Updates`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct UpdateCounts {
    /// Critical updates.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub critical: Option<i64>,
    /// Important updates.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub important: Option<i64>,
    /// Other updates.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub unspecified: Option<i64>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A disk (`Disks[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Disk {
    /// The disk's name (`C:`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Whether it is the system disk.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub system: Option<bool>,
    /// Free space, in percent.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub free_percentage: Option<f64>,
    /// The size, in the unit VSA X uses (unverified).
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub total_value: Option<f64>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An installed program (`InstalledSoftware[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InstalledSoftware {
    /// The program's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its publisher.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub publisher: Option<String>,
    /// Its version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub version: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A security product (`Security[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct SecurityProduct {
    /// The kind (antivirus, firewall, …), as sent.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub r#type: Option<String>,
    /// The product's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Whether it is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub enabled: Option<bool>,
    /// Whether it is up to date.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub up_to_date: Option<bool>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
