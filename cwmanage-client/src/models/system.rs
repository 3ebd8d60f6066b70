//! Server information (`/system/info`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What `/system/info` says about the server.
///
/// ```
/// use cwmanage_client::models::SystemInfo;
/// let info: SystemInfo = serde_json::from_str(
///     r#"{"version": "v2025.1.12345", "isCloud": true, "serverTimeZone": "Eastern Standard Time",
///         "cloudRegion": "NA", "licenseBits": [{"name": "x", "activeFlag": true}]}"#,
/// ).unwrap();
/// assert_eq!(info.is_cloud, Some(true));
/// assert_eq!(info.license_bits.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SystemInfo {
    /// The server version (`v2025.1.12345`).
    pub version: Option<String>,
    /// Whether the server is ConnectWise cloud.
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub is_cloud: Option<bool>,
    /// The server's time zone.
    pub server_time_zone: Option<String>,
    /// The cloud region.
    pub cloud_region: Option<String>,
    /// The licensed features, as sent.
    pub license_bits: Vec<Value>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
