//! Realistic vendor records, pre-rendered once, and the plain structs both the
//! typed stream and the raw floor decode them into.

use serde::Deserialize;

/// A HaloPSA ticket: the 25 fields of `halopsa_client::models::Ticket` a list
/// usually carries, as a plain struct (no lenient parsing, no `extra` map): the
/// same type for the typed stream and the floor, so the ratio is the SDK's own
/// cost.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Fields are decoded to be measured, not read.
pub struct HaloTicket {
    pub id: i64,
    pub summary: Option<String>,
    pub details: Option<String>,
    pub tickettype_id: Option<i64>,
    pub tickettype_name: Option<String>,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub site_id: Option<i64>,
    pub site_name: Option<String>,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    pub agent_id: Option<i64>,
    pub agent_name: Option<String>,
    pub team: Option<String>,
    pub status_id: Option<i64>,
    pub status_name: Option<String>,
    pub priority_id: Option<i64>,
    pub sla_id: Option<i64>,
    pub category_1: Option<String>,
    pub impact: Option<i64>,
    pub urgency: Option<i64>,
    pub dateoccurred: Option<String>,
    pub datecreated: Option<String>,
    pub onhold: Option<bool>,
}

/// A ConnectWise Manage reference (`{"id":…,"name":…,"_info":{…}}`).
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct CwRef {
    pub id: i64,
    pub name: Option<String>,
}

/// A ConnectWise Manage service ticket (about 2.3 KB on the wire).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct CwTicket {
    pub id: i64,
    pub summary: Option<String>,
    pub record_type: Option<String>,
    pub board: Option<CwRef>,
    pub status: Option<CwRef>,
    pub company: Option<CwRef>,
    pub site: Option<CwRef>,
    pub contact: Option<CwRef>,
    pub contact_name: Option<String>,
    pub contact_email_address: Option<String>,
    pub priority: Option<CwRef>,
    pub severity: Option<String>,
    pub impact: Option<String>,
    pub closed_flag: Option<bool>,
    pub actual_hours: Option<f64>,
    pub approved: Option<bool>,
    pub date_entered: Option<String>,
    pub entered_by: Option<String>,
    pub owner: Option<CwRef>,
}

/// A VSA X network adapter (`LocalIpAddresses[]`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
pub struct VsaxAdapter {
    pub name: Option<String>,
    pub physical_address: Option<String>,
    pub dhcp_enabled: Option<bool>,
    pub gateways: Option<Vec<String>>,
    pub dns_servers: Option<Vec<String>>,
    pub subnet_mask: Option<String>,
    #[serde(rename = "IpV4")]
    pub ip_v4: Option<Vec<String>>,
}

/// A Kaseya VSA X device as `GET /devices` lists it (the fields of
/// `vsax_client::models::Device`, ~1.1 KB on the wire, in
/// `{"Data":[…],"Meta":{"TotalCount":…}}`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
pub struct VsaxDevice {
    pub identifier: String,
    pub name: Option<String>,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub site_id: Option<i64>,
    pub site_name: Option<String>,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub is_agent_installed: Option<bool>,
    pub is_mdm_enrolled: Option<bool>,
    pub has_custom_fields: Option<bool>,
    pub description: Option<String>,
    pub uptime: Option<String>,
    pub is_online: Option<bool>,
    pub computer_type: Option<String>,
    pub in_maintenance: Option<bool>,
    pub external_ip_address: Option<String>,
    pub local_ip_addresses: Option<Vec<VsaxAdapter>>,
    pub client_version: Option<String>,
    pub critical_notifications: Option<i64>,
    pub elevated_notifications: Option<i64>,
    pub normal_notifications: Option<i64>,
    pub low_notifications: Option<i64>,
}

impl VsaxDevice {
    /// The number the bench server put in the identifier (`d-<n>`).
    pub fn number(&self) -> i64 {
        self.identifier
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }
}

/// An Asio device's operating system.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct AsioOs {
    pub product: Option<String>,
    pub version: Option<String>,
    pub build_number: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub arch: Option<String>,
}

/// An Asio device's system block.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct AsioSystem {
    pub model: Option<String>,
    pub serial_number: Option<String>,
    pub system_name: Option<String>,
    pub domain: Option<String>,
}

/// A ConnectWise Asio endpoint (the fields of `asio_client::models::Device`,
/// ~600 bytes on the wire).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct AsioDevice {
    #[serde(rename = "endpointID")]
    pub endpoint_id: String,
    pub device_name: Option<String>,
    pub friendly_name: Option<String>,
    pub endpoint_type: Option<String>,
    pub os: Option<AsioOs>,
    pub system: Option<AsioSystem>,
}

/// A group of Asio endpoints under one company and site: the record of
/// `POST /api/platform/v2/device/categories/platform/endpoints`
/// (`{"platform":[{"companyID":…,"siteID":…,"endpoints":[…]}]}`).
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct AsioGroup {
    #[serde(rename = "companyID")]
    pub company_id: String,
    #[serde(rename = "siteID")]
    pub site_id: String,
    pub endpoints: Vec<AsioDevice>,
}

impl AsioGroup {
    /// (endpoints, the sum of the numbers the server put in their ids).
    pub fn weigh(&self) -> (u64, i64) {
        let sum = self
            .endpoints
            .iter()
            .map(|d| {
                d.endpoint_id
                    .rsplit('-')
                    .next()
                    .and_then(|n| n.parse::<i64>().ok())
                    .unwrap_or(0)
            })
            .sum();
        (self.endpoints.len() as u64, sum)
    }
}

/// How many Asio endpoints the bench server puts in one group.
pub const ASIO_GROUP: u64 = 10;

const WORDS: [&str; 16] = [
    "printer",
    "offline",
    "vpn",
    "outlook",
    "password",
    "reset",
    "laptop",
    "slow",
    "backup",
    "failed",
    "license",
    "renewal",
    "firewall",
    "alert",
    "onboarding",
    "request",
];

fn words(seed: usize, count: usize) -> String {
    (0..count)
        .map(|i| WORDS[(seed * 7 + i * 3) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many distinct record bodies are pre-rendered (records cycle through them;
/// the id differs in every record).
pub const VARIANTS: usize = 64;

/// The part of a Halo ticket after `{"id":<id>,` for variant `v`.
pub fn halo_rest(v: usize) -> String {
    format!(
        concat!(
            r#""summary":"{summary}","details":"{details}","tickettype_id":{tt},"tickettype_name":"Incident","#,
            r#""client_id":{client},"client_name":"Client {client} Ltd","site_id":{site},"site_name":"Head Office","#,
            r#""user_id":{user},"user_name":"User {user}","user_email":"user{user}@client{client}.example","#,
            r#""agent_id":{agent},"agent_name":"Agent {agent}","team":"1st Line","status_id":{status},"#,
            r#""status_name":"In Progress","priority_id":{prio},"sla_id":1,"category_1":"Hardware>Printer","#,
            r#""impact":{impact},"urgency":{urgency},"dateoccurred":"2024-05-01T09:12:00Z","#,
            r#""datecreated":"2024-05-01T09:12:03.27","onhold":{onhold}}}"#
        ),
        summary = words(v, 4),
        details = words(v + 1, 40),
        tt = 1 + v % 3,
        client = 10 + v % 50,
        site = 30 + v % 7,
        user = 70 + v,
        agent = 1 + v % 9,
        status = 1 + v % 5,
        prio = 1 + v % 4,
        impact = 1 + v % 3,
        urgency = 1 + v % 3,
        onhold = v.is_multiple_of(5),
    )
}

fn cw_ref(kind: &str, id: usize, name: &str) -> String {
    format!(
        r#"{{"id":{id},"name":"{name}","_info":{{"{kind}_href":"https://api-na.myconnectwise.net/v4_6_release/apis/3.0/{kind}/{id}"}}}}"#
    )
}

/// The part of a ConnectWise ticket after `{"id":<id>,` for variant `v`.
pub fn cw_rest(v: usize) -> String {
    format!(
        concat!(
            r#""summary":"{summary}","recordType":"ServiceTicket","board":{board},"status":{status},"#,
            r#""company":{company},"site":{site},"siteName":"Main","addressLine1":"1 High Street","city":"Springfield","#,
            r#""contact":{contact},"contactName":"Contact {v}","contactPhoneNumber":"5555550{v}","#,
            r#""contactEmailAddress":"contact{v}@client.example","type":{typ},"team":{team},"priority":{prio},"#,
            r#""serviceLocation":{loc},"source":{source},"severity":"Medium","impact":"Medium","#,
            r#""allowAllClientsPortalView":false,"customerUpdatedFlag":false,"automaticEmailContactFlag":false,"#,
            r#""closedFlag":false,"actualHours":{hours},"approved":true,"estimatedExpenseCost":0.0,"#,
            r#""dateEntered":"2024-05-01T09:12:03Z","enteredBy":"agent{agent}","owner":{owner},"#,
            r#""_info":{{"lastUpdated":"2024-05-02T10:00:00Z","updatedBy":"agent{agent}","#,
            r#""notes_href":"https://api-na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets/notes"}}}}"#
        ),
        summary = words(v, 6),
        board = cw_ref("service/boards", 1 + v % 4, "Help Desk"),
        status = cw_ref("service/statuses", 10 + v % 6, "In Progress"),
        company = cw_ref("company/companies", 250 + v, "Client Company Ltd"),
        site = cw_ref("company/sites", 300 + v, "Main"),
        contact = cw_ref("company/contacts", 400 + v, "Contact"),
        typ = cw_ref("service/types", 5, "Incident"),
        team = cw_ref("service/teams", 2, "Service Team"),
        prio = cw_ref("service/priorities", 8, "Priority 3 - Normal"),
        loc = cw_ref("service/locations", 1, "Remote"),
        source = cw_ref("service/sources", 2, "Email"),
        owner = cw_ref("system/members", 40 + v % 9, "Agent"),
        hours = (v % 8) as f64 * 0.25,
        agent = 1 + v % 9,
        v = v,
    )
}

/// The part of a VSA X device after `{"Identifier":"d-<n>",` for variant `v`.
pub fn vsax_rest(v: usize) -> String {
    format!(
        concat!(
            r#""Name":"WS-{v:04}","GroupId":{group},"GroupName":"Workstations","SiteId":{site},"#,
            r#""SiteName":"Head Office","OrganizationId":{org},"OrganizationName":"Client {org} Ltd","#,
            r#""IsAgentInstalled":true,"IsMdmEnrolled":false,"HasCustomFields":{custom},"#,
            r#""Description":"{description}","Uptime":"{days} days 4 hours","IsOnline":{online},"#,
            r#""ComputerType":"windows","InMaintenance":false,"ExternalIpAddress":"203.0.113.{ip}","#,
            r#""LocalIpAddresses":[{{"Name":"Ethernet","PhysicalAddress":"00-15-5D-00-{ip:02X}-01","#,
            r#""DhcpEnabled":true,"Gateways":["10.0.{site}.1"],"DnsServers":["10.0.{site}.2","1.1.1.1"],"#,
            r#""SubnetMask":"255.255.255.0","IpV4":["10.0.{site}.{ip}"],"IpV6":["fe80::{ip:x}:1"]}}],"#,
            r#""ClientVersion":"4.12.3","CriticalNotifications":{crit},"ElevatedNotifications":1,"#,
            r#""NormalNotifications":3,"LowNotifications":0}}"#
        ),
        v = v,
        group = 100 + v % 6,
        site = 30 + v % 7,
        org = 10 + v % 50,
        custom = v.is_multiple_of(3),
        description = words(v, 8),
        days = v % 40,
        online = !v.is_multiple_of(4),
        ip = 10 + v,
        crit = v % 2,
    )
}

/// The part of an Asio endpoint after `{"endpointID":"e-<n>",` for variant `v`.
pub fn asio_rest(v: usize) -> String {
    format!(
        concat!(
            r#""deviceName":"DESKTOP-{v:04}","friendlyName":"{friendly}","endpointType":"Desktop","#,
            r#""os":{{"product":"Windows 11 Pro","version":"10.0.22631","buildNumber":"22631","#,
            r#""type":"windows","arch":"x64"}},"system":{{"model":"OptiPlex 7090","#,
            r#""serialNumber":"SN{v:06}","systemName":"DESKTOP-{v:04}","domain":"client.local"}},"#,
            r#""agentVersion":"2024.5.1","lastSeen":"2024-05-01T09:12:03Z","#,
            r#""_links":{{"self":"/api/platform/v2/device/endpoints/{v}"}}}}"#
        ),
        v = v,
        friendly = words(v, 3),
    )
}
