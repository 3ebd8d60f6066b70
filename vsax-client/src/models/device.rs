//! Devices: `GET /devices` (a thin list) and `GET /devices/{id}` (the detail).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::de::{null_as_empty, string_list, text_id};

/// A device (`/devices`, `/devices/{identifier}`).
///
/// The list carries the identity and hierarchy fields only; the detail adds
/// status, network and notification counters (all optional here).
///
/// ```
/// use vsax_client::models::Device;
/// let d: Device = serde_json::from_str(
///     r#"{"Identifier":"8f3c","Name":"ACME-WKS-014","GroupId":"125","IsOnline":1,"Brand":"x"}"#,
/// ).unwrap();
/// assert_eq!((d.group_id, d.is_online), (Some(125), Some(true)));
/// assert_eq!(d.extra["Brand"], "x");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Device {
    /// The device id, a GUID string.
    #[serde(deserialize_with = "text_id")]
    pub identifier: String,
    /// The host name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The group the device is in.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub group_id: Option<i64>,
    /// The group's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub group_name: Option<String>,
    /// The site of the group.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub site_id: Option<i64>,
    /// The site's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub site_name: Option<String>,
    /// The organization of the site.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// The organization's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub organization_name: Option<String>,
    /// Whether the agent is installed.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_agent_installed: Option<bool>,
    /// Whether the device is enrolled in mobile device management.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_mdm_enrolled: Option<bool>,
    /// Whether custom fields are set on the device.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub has_custom_fields: Option<bool>,
    /// Detail: the description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Detail: the uptime, as sent (format unverified: text or seconds).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub uptime: Option<String>,
    /// Detail: whether the device is online.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_online: Option<bool>,
    /// Detail: the kind of computer (`windows`, `mac`, `linux`, …).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub computer_type: Option<String>,
    /// Detail: whether the device is in maintenance mode.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub in_maintenance: Option<bool>,
    /// Detail: the public IP address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub external_ip_address: Option<String>,
    /// Detail: the network adapters.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub local_ip_addresses: Vec<NetworkAdapter>,
    /// Detail: the agent version.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub client_version: Option<String>,
    /// Detail: open critical notifications.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub critical_notifications: Option<i64>,
    /// Detail: open elevated notifications.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub elevated_notifications: Option<i64>,
    /// Detail: open normal notifications.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub normal_notifications: Option<i64>,
    /// Detail: open low notifications.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub low_notifications: Option<i64>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A network adapter of a device (`LocalIpAddresses[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct NetworkAdapter {
    /// The adapter's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The MAC address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub physical_address: Option<String>,
    /// Whether DHCP is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub dhcp_enabled: Option<bool>,
    /// Gateways (a list or a single string).
    #[serde(default, deserialize_with = "string_list")]
    pub gateways: Vec<String>,
    /// DNS servers (a list or a single string).
    #[serde(default, deserialize_with = "string_list")]
    pub dns_servers: Vec<String>,
    /// The subnet mask.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub subnet_mask: Option<String>,
    /// IPv4 addresses (a list or a single string).
    #[serde(rename = "IpV4", default, deserialize_with = "string_list")]
    pub ip_v4: Vec<String>,
    /// IPv6 addresses (a list or a single string).
    #[serde(rename = "IpV6", default, deserialize_with = "string_list")]
    pub ip_v6: Vec<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A policy applied to a device (`/devices/{id}/appliedpolicies`; shape unverified).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AppliedPolicy {
    /// The policy id (a number or a string), as text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// The policy's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The kind of policy (patch, endpoint protection, …), as sent.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        alias = "PolicyType"
    )]
    pub r#type: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A device's antivirus status (`/devices/{id}/antivirus`; shape unverified).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct AntivirusStatus {
    /// The agent's antivirus status, as sent.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub agent_status: Option<String>,
    /// The antivirus product.
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "Product")]
    pub name: Option<String>,
    /// Whether protection is on.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub enabled: Option<bool>,
    /// Whether definitions are current.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub up_to_date: Option<bool>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
