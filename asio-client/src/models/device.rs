use serde::{Deserialize, Serialize};

use super::common::Extra;

neo_auth_core::open_enum! {
    /// What kind of machine an endpoint is.
    pub enum EndpointType {
        /// A desktop or laptop.
        Desktop = "Desktop",
        /// A server.
        Server = "Server",
        /// A network device.
        NetworkDevice = "NetworkDevice",
    }
}

neo_auth_core::open_enum! {
    /// The overall result of a heartbeat request.
    pub enum HeartbeatStatus {
        /// Every resource answered.
        Success = "success",
        /// Some resources failed: see [`Heartbeat::failed_records`].
        PartialSuccess = "partial_success",
        /// No resource answered.
        Failed = "failed",
    }
}

/// The operating system block of an endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Os {
    /// `Windows 11 Pro`.
    pub product: Option<String>,
    /// `10.0.22631`.
    pub version: Option<String>,
    /// The build number.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub build_number: Option<String>,
    /// The OS type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The architecture.
    pub arch: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `system` block of an endpoint (model, serial number, domain, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct SystemInfo {
    /// The hardware model.
    pub model: Option<String>,
    /// The serial number.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub serial_number: Option<String>,
    /// The system name.
    pub system_name: Option<String>,
    /// The domain.
    pub domain: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One device (endpoint) of the v2 device list, flattened out of its
/// company/site group so it carries both ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Device {
    /// The company the device belongs to (from its group).
    #[serde(rename = "companyID", alias = "companyId", alias = "clientID")]
    pub company_id: String,
    /// The site the device belongs to (from its group).
    #[serde(rename = "siteID", alias = "siteId")]
    pub site_id: String,
    /// The category it was listed under (`platform`, `network`, `cloud`).
    pub category: String,
    /// The endpoint id.
    #[serde(rename = "endpointID", alias = "endpointId", alias = "EndpointID")]
    pub endpoint_id: String,
    /// The device name.
    pub device_name: Option<String>,
    /// The friendly name.
    pub friendly_name: Option<String>,
    /// `Desktop`, `Server`, …
    pub endpoint_type: Option<EndpointType>,
    /// The operating system (when projected).
    pub os: Option<Os>,
    /// Model, serial number, domain (when projected).
    pub system: Option<SystemInfo>,
    /// Other fields, including projected inventory blocks (`bios`,
    /// `processors`, `physicalMemory`, `drives`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One company/site group of the v2 device list, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct EndpointGroup {
    /// The company id.
    #[serde(rename = "companyID", alias = "companyId", alias = "clientID")]
    pub company_id: String,
    /// The site id.
    #[serde(rename = "siteID", alias = "siteId")]
    pub site_id: String,
    /// The group's endpoints.
    pub endpoints: Vec<Device>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EndpointGroup {
    /// The group's devices, each carrying its company, site and `category`.
    pub fn into_devices(self, category: &str) -> Vec<Device> {
        let EndpointGroup {
            company_id,
            site_id,
            endpoints,
            ..
        } = self;
        endpoints
            .into_iter()
            .map(|mut device| {
                device.company_id.clone_from(&company_id);
                device.site_id.clone_from(&site_id);
                category.clone_into(&mut device.category);
                device
            })
            .collect()
    }
}

/// `GET …/device/companies/{c}/sites/{s}/endpoints/{e}`: one device's details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeviceDetails {
    /// The company id.
    #[serde(rename = "companyID")]
    pub company_id: String,
    /// The site id.
    #[serde(rename = "siteID")]
    pub site_id: String,
    /// The endpoint id.
    #[serde(rename = "endpointID")]
    pub endpoint_id: String,
    /// The registration id.
    pub reg_id: Option<String>,
    /// The endpoint type.
    pub endpoint_type: Option<EndpointType>,
    /// The OS type.
    pub os_type: Option<String>,
    /// The details of a platform endpoint.
    pub platform: Option<serde_json::Value>,
    /// The details of a network endpoint.
    pub network: Option<serde_json::Value>,
    /// The details of a cloud endpoint.
    pub cloud: Option<serde_json::Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET …/device/endpoints/heartbeat`: online status of endpoints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Heartbeat {
    /// Overall result.
    pub status: Option<HeartbeatStatus>,
    /// The groups that answered.
    pub successful_records: Vec<HeartbeatGroup>,
    /// Each resource that failed, with why (`Not Found`, `Forbidden`).
    pub failed_records: Vec<FailedRecord>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Heartbeat {
    /// Every endpoint's availability, flattened.
    pub fn availabilities(&self) -> impl Iterator<Item = &Availability> {
        self.successful_records
            .iter()
            .flat_map(|g| g.endpoints.iter())
    }
}

/// A company/site group of heartbeat answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct HeartbeatGroup {
    /// The company id.
    #[serde(rename = "clientID", alias = "companyID")]
    pub company_id: Option<String>,
    /// The site id.
    #[serde(rename = "siteID")]
    pub site_id: Option<String>,
    /// The endpoints' availability.
    pub endpoints: Vec<Availability>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One endpoint's heartbeat (PascalCase on the wire).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Availability {
    /// The endpoint id.
    #[serde(rename = "EndpointID", alias = "endpointID", alias = "endpointId")]
    pub endpoint_id: String,
    /// The last heartbeat, as sent (`2025-11-28 05:16:43.565000+00:00`).
    #[serde(rename = "DcDateTimeUTC")]
    pub last_seen: Option<String>,
    /// Whether the endpoint is online.
    #[serde(
        rename = "Availability",
        deserialize_with = "neo_auth_core::lenient::opt_bool"
    )]
    pub online: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A resource the heartbeat could not answer for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct FailedRecord {
    /// The resource type asked for.
    pub resource_type: Option<String>,
    /// The resource id.
    pub resource: Option<String>,
    /// Why it failed (`Not Found`, `Forbidden`).
    pub error: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET …/device/endpoints/{id}/system-state-info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct SystemState {
    /// The endpoint id.
    #[serde(rename = "endpointID")]
    pub endpoint_id: String,
    /// The company id.
    #[serde(rename = "clientID")]
    pub company_id: Option<String>,
    /// The site id.
    #[serde(rename = "siteID")]
    pub site_id: Option<String>,
    /// `{lastBootUpTimeUTC}`.
    pub startup_status: Option<serde_json::Value>,
    /// `{username, logonTime, status, isAdmin}`.
    pub last_logged_on_user: Option<serde_json::Value>,
    /// Users logged on now.
    pub logged_on_users: Vec<serde_json::Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A device group: `GET /api/platform/v1/device-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeviceGroup {
    /// The group id.
    pub id: String,
    /// The group's name.
    pub name: String,
    /// A description.
    pub description: Option<String>,
    /// Whether the group is predefined.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_bool")]
    pub predefined: Option<bool>,
    /// Whether membership is static.
    #[serde(
        rename = "static",
        deserialize_with = "neo_auth_core::lenient::opt_bool"
    )]
    pub is_static: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The installed software of one endpoint (`…/endpoints/applications`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct EndpointApplications {
    /// The company id.
    #[serde(rename = "companyID")]
    pub company_id: String,
    /// The site id.
    #[serde(rename = "siteID")]
    pub site_id: String,
    /// The endpoint id.
    #[serde(rename = "endpointID")]
    pub endpoint_id: String,
    /// The installed applications.
    pub applications: Vec<Application>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One installed application.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Application {
    /// The name.
    pub name: String,
    /// The version.
    pub version: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// When it was installed.
    pub installed_date: Option<String>,
    /// Its size in bytes, as sent (the spec types it as a string; see
    /// [`size_bytes`](Application::size_bytes)).
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub installed_size_bytes: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Application {
    /// The size in bytes, when sent as a whole number.
    pub fn size_bytes(&self) -> Option<u64> {
        self.installed_size_bytes.as_deref()?.trim().parse().ok()
    }
}
