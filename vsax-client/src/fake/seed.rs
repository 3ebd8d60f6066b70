//! The fake's state and its seed data.

use serde_json::{Value, json};

use super::FakeConfig;

/// Everything the fake stores, as the JSON VSA X sends (PascalCase).
#[derive(Debug)]
#[non_exhaustive]
pub struct FakeState {
    /// The configuration the fake runs with.
    pub config: FakeConfig,
    /// `/organizations`.
    pub organizations: Vec<Value>,
    /// `/sites`.
    pub sites: Vec<Value>,
    /// `/groups`.
    pub groups: Vec<Value>,
    /// `/devices` (the detail; the list shows the list fields).
    pub devices: Vec<Value>,
    /// `/assets`.
    pub assets: Vec<Value>,
    /// `/automation/scripts`.
    pub scripts: Vec<Value>,
    /// `/automation/tasks`.
    pub tasks: Vec<Value>,
    /// `/automation/workflows`.
    pub workflows: Vec<Value>,
    /// Script executions (`ScriptId`, `DeviceIdentifier`, `ExecutionId`, …).
    pub script_executions: Vec<Value>,
    /// Task executions, each with its `Devices` (and their `Scripts`).
    pub task_executions: Vec<Value>,
    /// Workflow executions.
    pub workflow_executions: Vec<Value>,
    /// `/notifications`.
    pub notifications: Vec<Value>,
    /// `/notifications/webhooks` (with their `SecretKey`).
    pub webhooks: Vec<Value>,
    /// The next id handed out by a create or a run.
    pub next_id: i64,
}

/// The fields of a device that the list shows.
pub(crate) const DEVICE_LIST_FIELDS: &[&str] = &[
    "Identifier",
    "Name",
    "GroupId",
    "GroupName",
    "SiteId",
    "SiteName",
    "OrganizationId",
    "OrganizationName",
    "IsAgentInstalled",
    "IsMdmEnrolled",
    "HasCustomFields",
];

/// The organizations, named the way an MSP's RMM often names its customers:
/// the PSA's company names without the legal suffix (the HaloPSA and
/// ConnectWise Manage fakes hold them as "Contoso Ltd", "Fabrikam Inc", …).
/// The device names start with the short code of their organization.
const ORGANIZATIONS: [(i64, &str, &str); 3] = [
    (4821, "Contoso", "CONTOSO"),
    (4822, "Fabrikam", "FABRIKAM"),
    (4823, "Northwind Traders", "NORTHWIND"),
];

/// The free space of device `n`'s system disk, in percent: every fourth
/// device is running low (under 10 %).
fn free_disk_percentage(n: usize) -> u32 {
    [41, 6, 73, 58][n % 4] - (n as u32 / 4) % 3
}

/// A GUID-shaped identifier for device `n`.
pub(crate) fn guid(n: usize) -> String {
    format!("8f3c2a1d-5b6e-4f7a-9c0d-{n:012x}")
}

impl FakeState {
    /// The seed for `config`.
    pub fn seeded(config: FakeConfig) -> FakeState {
        let organizations: Vec<Value> = ORGANIZATIONS
            .iter()
            .map(|(id, name, _)| json!({"Id": id, "Name": name, "IsMultiSite": true, "HasCustomFields": *id == 4821}))
            .collect();
        let mut sites = Vec::new();
        let mut groups = Vec::new();
        for (o, (org, org_name, _)) in ORGANIZATIONS.iter().enumerate() {
            for s in 0..2 {
                let site_id = 10 + (o as i64) * 2 + s;
                let site_name = if s == 0 { "HQ" } else { "Branch" };
                sites.push(json!({"Id": site_id, "Name": site_name, "ParentId": org, "OrganizationId": org, "OrganizationName": org_name}));
                for g in 0..2 {
                    let group_id = 100 + site_id * 2 + g;
                    let group_name = if g == 0 { "Workstations" } else { "Servers" };
                    groups.push(json!({
                        "Id": group_id, "Name": group_name, "Notes": format!("{org_name} {site_name} {group_name}"),
                        "ParentId": site_id, "SiteId": site_id, "SiteName": site_name,
                        "OrganizationId": org, "OrganizationName": org_name
                    }));
                }
            }
        }
        let mut devices = Vec::new();
        let mut assets = Vec::new();
        for n in 0..config.devices {
            let group = &groups[n % groups.len()];
            let id = guid(n);
            let code = ORGANIZATIONS
                .iter()
                .find(|(org, ..)| group["OrganizationId"] == *org)
                .map_or("ORG", |(_, _, code)| code);
            let name = format!("{code}-WKS-{n:03}");
            devices.push(json!({
                "Identifier": id, "Name": name,
                "GroupId": group["Id"], "GroupName": group["Name"],
                "SiteId": group["SiteId"], "SiteName": group["SiteName"],
                "OrganizationId": group["OrganizationId"], "OrganizationName": group["OrganizationName"],
                "IsAgentInstalled": true, "IsMdmEnrolled": false, "HasCustomFields": n % 2 == 0,
                "Description": "Seeded by the fake", "Uptime": "3 days", "IsOnline": n % 3 != 0,
                "ComputerType": "windows", "InMaintenance": false, "ExternalIpAddress": "203.0.113.7",
                "LocalIpAddresses": [{"Name": "Ethernet", "PhysicalAddress": "00-11-22-33-44-55", "DhcpEnabled": true,
                    "Gateways": ["192.168.1.1"], "DnsServers": ["192.168.1.1"], "SubnetMask": "255.255.255.0", "IpV4": "192.168.1.23", "IpV6": []}],
                "ClientVersion": "10.2.1", "CriticalNotifications": 0, "ElevatedNotifications": 1, "NormalNotifications": 2, "LowNotifications": 0,
                "CustomFields": [{"Id": 7, "Name": "Contract", "Value": "Gold", "Type": "Text"}],
                "AppliedPolicies": [{"Id": 3, "Name": "Workstation patching", "Type": "Patch"}],
                "Antivirus": {"AgentStatus": "Protected", "Name": "Defender", "Enabled": true, "UpToDate": true}
            }));
            assets.push(json!({
                "Identifier": id, "Name": name, "GroupName": group["Name"], "Description": "Windows 11 Pro",
                "Tags": ["seeded"], "Type": "Workstation", "ClientVersion": "10.2.1", "LastSeenOnline": "2026-09-24T16:15:02Z",
                "OrganizationId": group["OrganizationId"], "SiteId": group["SiteId"],
                "AssetInfo": [{"CategoryName": "BIOS", "CategoryData": {"Manufacturer": "Dell Inc.", "Version": "1.9.0"}}],
                "InstalledSoftware": [{"Name": "7-Zip", "Publisher": "Igor Pavlov", "Version": "23.01"}],
                "Disks": [{"Name": "C:", "System": true, "FreePercentage": free_disk_percentage(n), "TotalValue": 476}]
            }));
        }
        let scripts = vec![
            json!({"Id": 42, "Name": "Clear temp folder", "Description": "Deletes files under a folder",
                "Variables": [{"Id": 1, "Name": "Folder", "Type": "Text", "DefaultValue": "C:\\Temp"}]}),
            json!({"Id": 43, "Name": "Restart print spooler", "Variables": []}),
            json!({"Id": 44, "Name": "Collect event logs", "Variables": []}),
        ];
        let tasks = vec![
            json!({"Id": 7, "Name": "Weekly maintenance", "Description": "Temp cleanup and reboot"}),
            json!({"Id": 8, "Name": "Inventory refresh"}),
        ];
        let workflows = vec![
            json!({"Id": 3, "Name": "Onboard workstation"}),
            json!({"Id": 4, "Name": "Offboard workstation"}),
        ];
        let notifications = devices
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, d)| {
                let severity = ["Critical", "Elevated", "Normal", "Low", "Normal"][i % 5];
                let free = free_disk_percentage(i);
                let (title, description) = if free < 10 {
                    ("Disk space low".to_string(), format!("Drive C: has {free}% free space"))
                } else {
                    let (title, description) = [
                        ("Patches pending", "3 Windows updates are waiting for the next maintenance window"),
                        ("Antivirus definitions out of date", "Defender definitions are older than 3 days"),
                        ("Agent restarted", "The VSA X agent restarted after an update"),
                    ][i % 3];
                    (title.to_string(), description.to_string())
                };
                json!({
                    "Identifier": (5000 + i).to_string(), "DeviceIdentifier": d["Identifier"], "DeviceName": d["Name"],
                    "Severity": severity,
                    "Title": title, "Description": description,
                    "CreatedOn": "2026-09-24T16:15:02Z", "IsRead": false,
                    "OrganizationId": d["OrganizationId"], "OrganizationName": d["OrganizationName"],
                    "SiteId": d["SiteId"], "SiteName": d["SiteName"], "GroupId": d["GroupId"], "GroupName": d["GroupName"]
                })
            })
            .collect();
        let webhooks = vec![json!({
            "Id": "wh-1", "Name": "Existing bridge", "Url": "https://example.com/hooks/old",
            "Priorities": ["Critical"], "OrganizationIds": [], "Headers": {}, "Language": "en",
            "SecretKey": "seeded-secret"
        })];
        FakeState {
            config,
            organizations,
            sites,
            groups,
            devices,
            assets,
            scripts,
            tasks,
            workflows,
            script_executions: Vec::new(),
            task_executions: Vec::new(),
            workflow_executions: Vec::new(),
            notifications,
            webhooks,
            next_id: 9000,
        }
    }

    /// A new id for a created record or a run.
    pub fn take_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }
}
