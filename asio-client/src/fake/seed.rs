//! Seed data of the fake: companies with sites, devices, software, tickets
//! with notes, scripts — realistic shapes from the vendor notes.

use serde_json::{Value, json};

use super::FakeConfig;

/// The seeded records.
#[derive(Debug, Default)]
pub(crate) struct Seed {
    pub(crate) companies: Vec<Value>,
    pub(crate) sites: Vec<Value>,
    pub(crate) devices: Vec<Value>,
    pub(crate) tickets: Vec<Value>,
    pub(crate) notes: Vec<(String, Value)>,
    pub(crate) scripts: Vec<Value>,
}

/// The companies, as an MSP's RMM typically names them: the PSA's names
/// without the legal suffix, and the short code the MSP uses everywhere as
/// the friendly name (the PSA's company identifier). They are the first
/// companies of the HaloPSA and ConnectWise Manage fakes, so the three
/// correlate; beyond the list the names repeat with a number.
const COMPANIES: &[(&str, &str)] = &[
    ("Contoso", "CONTOSO"),
    ("Fabrikam, Inc.", "FABRIKAM"),
    ("Northwind Traders", "NORTHWIND"),
    ("Adventure Works", "ADVWORKS"),
    ("Tailspin Toys", "TAILSPIN"),
    ("Wide World Importers", "WWI"),
    ("Litware", "LITWARE"),
    ("Proseware", "PROSEWARE"),
];

/// The name and friendly name of company `c`.
fn company_name(c: usize) -> (String, String) {
    let (name, code) = COMPANIES[c % COMPANIES.len()];
    match c / COMPANIES.len() {
        0 => (name.to_owned(), code.to_owned()),
        round => (
            format!("{name} {}", round + 1),
            format!("{code}{}", round + 1),
        ),
    }
}

/// The name of site `s` of a company.
fn site_name(s: usize) -> String {
    match s {
        0 => "Head Office".to_owned(),
        s => format!("Branch {s}"),
    }
}

fn guid(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

pub(crate) fn seed(config: &FakeConfig) -> Seed {
    let mut seed = Seed::default();
    let mut device_n = 0;
    for c in 0..config.companies {
        let company_id = guid(0xc0, c);
        let (company, code) = company_name(c);
        let mut first_site = None;
        for s in 0..config.sites_per_company {
            let site_id = guid(0x51, c * 100 + s);
            first_site.get_or_insert_with(|| site_id.clone());
            seed.sites.push(json!({
                "id": site_id, "name": site_name(s), "timeZone": "Australia/Sydney",
                "company": {"id": company_id, "name": company},
                "primaryAddress": {"addressLine1": format!("{s} Main St"), "locality": "Sydney", "countryCode": "AU"},
                "activeFlag": true, "primaryFlag": s == 0,
            }));
            for _ in 0..config.devices_per_site {
                let kind = if device_n % 3 == 0 {
                    "Server"
                } else {
                    "Desktop"
                };
                seed.devices.push(json!({
                    "companyID": company_id, "siteID": site_id,
                    "endpointID": guid(0xde, device_n),
                    "friendlyName": format!("{code}-S{s}-{kind}-{device_n:03}"),
                    "deviceName": format!("HOST{device_n:04}"),
                    "endpointType": kind,
                    "createdAt": "2024-03-01T10:00:00Z",
                    "os": {"product": "Windows 11 Pro", "version": "10.0.22631"},
                    "system": {"serialNumber": format!("SN{device_n:06}"), "model": "Latitude 5440"},
                    "bios": {"manufacturer": "Dell Inc.", "version": "1.2.3"},
                    "processors": [{"name": "Intel Core i7", "numberOfCores": 8}],
                    "physicalMemory": [{"sizeBytes": 17179869184u64}],
                }));
                device_n += 1;
            }
        }
        seed.companies.push(json!({
            "id": company_id, "name": company, "friendlyName": code,
            "partnerId": "50012345",
            "activityStatus": {"id": "a1", "name": "Active", "activeFlag": true},
            "primarySite": first_site.map(|id| json!({"id": id, "name": site_name(0)})),
            "primaryContact": {"id": guid(0xcc, c), "firstName": "Pat", "lastName": format!("Owner{c}"), "primaryEmail": format!("pat{c}@example.com")},
            "createdDate": "2024-03-01T10:00:00Z",
        }));
    }
    let statuses = ["New", "InProgress", "Closed"];
    let priorities = ["High", "Medium", "Low"];
    for t in 0..config.tickets {
        let company = seed
            .companies
            .get(t % config.companies.max(1))
            .map(|c| c["id"].clone());
        let id = guid(0x7a, t);
        seed.tickets.push(json!({
            "id": id, "number": format!("{}", 10000 + t), "summary": format!("Ticket {t}"),
            "status": {"id": format!("st-{}", t % 3), "name": statuses[t % 3]},
            "priority": {"id": format!("pr-{}", t % 3), "name": priorities[t % 3]},
            "company": {"id": company},
            "serviceBoard": {"id": "sb-1", "name": "Help Desk"},
            "source": {"id": "src-1", "name": "RMM"},
            "createdAt": format!("2025-01-{:02}T03:04:05Z", 1 + t % 28),
            "dueDate": "01/31/2025",
        }));
        seed.notes.push((
            id,
            json!({"id": guid(0x40, t), "detail": format!("Note on ticket {t}"), "visibility": 1}),
        ));
    }
    for n in 0..config.scripts {
        seed.scripts.push(json!({
            "id": guid(0x5c, n), "name": format!("Script {n}"), "description": "Clears temp files",
            "scriptCategory": "Maintenance", "hasParameters": n % 2 == 0,
            "createdAt": "2024-01-01T00:00:00Z",
        }));
    }
    seed
}

/// The software installed on a seeded device: what every managed Windows
/// machine has, plus a server's or a desktop's own, varied by the device's
/// number so that sites differ (every fifth desktop still runs an old Adobe
/// Reader, every other server backs up with Veeam).
pub(crate) fn installed_software(device: &Value) -> Value {
    let n: usize = device["deviceName"]
        .as_str()
        .and_then(|name| name.trim_start_matches("HOST").parse().ok())
        .unwrap_or(0);
    let app = |name: &str, version: &str, publisher: &str, size_mb: u64| {
        json!({
            "name": name, "version": version, "publisher": publisher,
            "installedDate": "2024-05-01", "kind": "msi",
            "installedSizeBytes": (size_mb * 1024 * 1024).to_string(),
        })
    };
    let mut apps = vec![
        app("7-Zip", "23.01", "Igor Pavlov", 5),
        app(
            "Microsoft Edge",
            "120.0.2210.91",
            "Microsoft Corporation",
            512,
        ),
        app("ScreenConnect Client", "23.9.8", "ConnectWise, LLC", 25),
    ];
    if device["endpointType"] == "Server" {
        apps.push(app(
            "Microsoft SQL Server 2019",
            "15.0.4345.5",
            "Microsoft Corporation",
            1800,
        ));
        if n % 2 == 0 {
            apps.push(app(
                "Veeam Agent for Microsoft Windows",
                "6.1.0.349",
                "Veeam Software Group GmbH",
                420,
            ));
        }
    } else {
        apps.push(app(
            "Microsoft 365 Apps for business",
            "16.0.17126.20132",
            "Microsoft Corporation",
            2300,
        ));
        apps.push(app(
            "Zoom Workplace",
            "6.0.11",
            "Zoom Video Communications, Inc.",
            310,
        ));
        if n % 5 == 1 {
            apps.push(app(
                "Adobe Acrobat Reader DC",
                "19.010.20069",
                "Adobe Systems Incorporated",
                640,
            ));
        }
    }
    Value::Array(apps)
}
