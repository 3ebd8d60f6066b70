//! The fake's seed data: companies, boards with statuses, members (the API
//! member with a default board), tickets with notes, no callbacks.

use serde_json::{Value, json};

/// How much the fake is seeded with.
///
/// ```
/// use cwmanage_client::fake::Seed;
/// let seed = Seed::default().companies(120).tickets(2500);
/// assert_eq!(seed.company_count(), 120);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seed {
    companies: usize,
    tickets: usize,
}

impl Default for Seed {
    /// 30 companies and 60 tickets.
    fn default() -> Self {
        Seed {
            companies: 30,
            tickets: 60,
        }
    }
}

impl Seed {
    /// Sets the number of companies (at least 2; the first is the MSP itself).
    pub fn companies(mut self, count: usize) -> Self {
        self.companies = count.max(2);
        self
    }

    /// Sets the number of tickets.
    pub fn tickets(mut self, count: usize) -> Self {
        self.tickets = count;
        self
    }

    /// The number of companies.
    pub fn company_count(&self) -> usize {
        self.companies
    }

    /// The number of tickets.
    pub fn ticket_count(&self) -> usize {
        self.tickets
    }
}

/// The API member's id and identifier.
pub const API_MEMBER_ID: i64 = 190;
/// The API member's identifier.
pub const API_MEMBER: &str = "apiuser";
/// The API member's default service board.
pub const DEFAULT_BOARD_ID: i64 = 1;

/// The first company id (ids are sparse: 250, 253, 256, … like a real database).
pub(crate) const FIRST_COMPANY_ID: i64 = 250;

fn info(updated: &str) -> Value {
    json!({"lastUpdated": updated, "updatedBy": "jdoe"})
}

/// The client companies (after the MSP itself): identifier and name. The
/// names are the HaloPSA fake's, the identifiers the short codes the RMM
/// fakes (Asio, VSA X) use, so an RMM device correlates to its company in
/// either PSA; beyond the list they repeat with a number.
const COMPANIES: &[(&str, &str)] = &[
    ("CONTOSO", "Contoso Ltd"),
    ("FABRIKAM", "Fabrikam Inc"),
    ("NORTHWIND", "Northwind Traders"),
    ("ADVWORKS", "Adventure Works"),
    ("TAILSPIN", "Tailspin Toys"),
    ("WWI", "Wide World Importers"),
    ("LITWARE", "Litware Inc"),
    ("PROSEWARE", "Proseware Ltd"),
    ("FOURTHCOF", "Fourth Coffee"),
    ("WOODGROVE", "Woodgrove Bank"),
    ("ALPINE", "Alpine Ski House"),
    ("COHO", "Coho Winery"),
];

/// The identifier and name of client company `n` (from 0).
fn client_company(n: usize) -> (String, String) {
    let (identifier, name) = COMPANIES[n % COMPANIES.len()];
    match n / COMPANIES.len() {
        0 => (identifier.to_owned(), name.to_owned()),
        round => (
            format!("{identifier}{}", round + 1),
            format!("{name} {}", round + 1),
        ),
    }
}

pub(crate) fn companies(seed: &Seed) -> Vec<Value> {
    (0..seed.companies)
        .map(|i| {
            let id = FIRST_COMPANY_ID + 3 * i as i64;
            let (identifier, name) = if i == 0 {
                ("MSP".to_owned(), "Neo MSP (owner)".to_owned())
            } else {
                client_company(i - 1)
            };
            json!({
                "id": id,
                "identifier": identifier,
                "name": name,
                "status": {"id": 1, "name": "Active"},
                "types": [{"id": 1, "name": if i == 0 { "Owner" } else { "Client" }}],
                "addressLine1": format!("{} Main St", 100 + i),
                "city": "Tampa",
                "state": "FL",
                "zip": "33602",
                "country": {"id": 1, "name": "United States"},
                "phoneNumber": format!("813555{:04}", i),
                "website": format!("www.company{i}.example"),
                "deletedFlag": false,
                "customFields": [{"id": 3, "caption": "Tenant", "type": "Text", "entryMethod": "EntryField",
                                  "numberOfDecimals": 0, "value": if i % 3 == 0 { Value::Null } else { json!(format!("t-{i}")) }}],
                "_info": info("2025-01-31T08:00:00Z"),
            })
        })
        .collect()
}

pub(crate) fn boards() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "Help Desk", "inactiveFlag": false, "projectFlag": false,
               "location": {"id": 2, "name": "Tampa"}, "department": {"id": 10, "name": "Services"},
               "_info": info("2024-06-01T00:00:00Z")}),
        json!({"id": 2, "name": "Security Incidents", "inactiveFlag": false, "projectFlag": false,
               "location": {"id": 2, "name": "Tampa"}, "department": {"id": 10, "name": "Services"},
               "_info": info("2024-06-01T00:00:00Z")}),
        json!({"id": 3, "name": "Projects", "inactiveFlag": false, "projectFlag": true}),
    ]
}

/// Statuses of each board: (board id, status id, name, closed, default).
pub(crate) fn statuses() -> Vec<Value> {
    let mut out = Vec::new();
    let mut id = 17;
    for board in [(1, "Help Desk"), (2, "Security Incidents"), (3, "Projects")] {
        for (i, (name, closed, escalation)) in [
            ("New", false, "NotResponded"),
            ("In Progress", false, "Responded"),
            ("Waiting on Client", false, "ResolutionPlan"),
            ("Closed", true, "Resolved"),
        ]
        .iter()
        .enumerate()
        {
            out.push(json!({
                "id": id,
                "name": name,
                "board": {"id": board.0, "name": board.1},
                "sortOrder": i,
                "displayOnBoard": true,
                "inactive": false,
                "closedStatus": closed,
                "defaultFlag": i == 0,
                "timeEntryNotAllowed": false,
                "escalationStatus": escalation,
                "customerPortalFlag": true,
            }));
            id += 1;
        }
    }
    out
}

pub(crate) fn members() -> Vec<Value> {
    vec![
        json!({"id": API_MEMBER_ID, "identifier": API_MEMBER, "firstName": "API", "lastName": "Member",
               "inactiveFlag": false, "licenseClass": "A", "securityRole": {"id": 63, "name": "Neo Integration"},
               "serviceDefaultBoard": {"id": DEFAULT_BOARD_ID, "name": "Help Desk"},
               "defaultEmail": "Office", "officeEmail": "api@msp.example", "primaryEmail": "api@msp.example"}),
        json!({"id": 191, "identifier": "jdoe", "firstName": "John", "lastName": "Doe", "inactiveFlag": false,
               "licenseClass": "F", "securityRole": {"id": 1, "name": "Admin"},
               "serviceDefaultBoard": {"id": 2, "name": "Security Incidents"}, "officeEmail": "jdoe@msp.example"}),
    ]
}

/// Tickets spread over the boards and companies; every fifth one closed.
pub(crate) fn tickets(seed: &Seed, companies: &[Value]) -> Vec<Value> {
    let summaries = [
        "Printer offline",
        "VPN down",
        "Suspicious login",
        "New user setup",
        "Disk full",
    ];
    (0..seed.tickets)
        .map(|i| {
            let id = 5000 + 2 * i as i64;
            let company = &companies[i % companies.len()];
            let (board_id, board) = if i % 4 == 3 { (2, "Security Incidents") } else { (1, "Help Desk") };
            let closed = i % 5 == 4;
            let status_base = if board_id == 1 { 17 } else { 21 };
            let (status_id, status) = if closed { (status_base + 3, "Closed") } else { (status_base, "New") };
            json!({
                "id": id,
                "summary": format!("{} #{i}", summaries[i % summaries.len()]),
                "recordType": "ServiceTicket",
                "board": {"id": board_id, "name": board},
                "status": {"id": status_id, "name": status},
                "company": {"id": company["id"], "identifier": company["identifier"], "name": company["name"]},
                "severity": "Medium",
                "impact": "Low",
                "closedFlag": closed,
                "priority": {"id": 4, "name": "Priority 3 - Normal Response"},
                "customFields": [],
                "_info": info("2025-01-31T08:00:00Z"),
            })
        })
        .collect()
}
