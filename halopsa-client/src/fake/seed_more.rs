//! Seed data for configuration lists (statuses, priorities, teams, agents, …) and
//! the business resources (products, appointments, articles, contracts, invoices,
//! quotations, suppliers, opportunities, reports).

use serde_json::{Value, json};

use super::config::FakeConfig;
use super::seed_gen::{Rng, date, name_at};
use super::tables::Tables;

/// What ticket seeding needs from the configuration lists.
pub(crate) struct ConfigIds {
    /// Agents that can own tickets (not the API agent).
    pub(crate) human_agents: Vec<i64>,
    /// The number of ticket types.
    pub(crate) ticket_types: usize,
    /// Team names.
    pub(crate) teams: Vec<String>,
}

impl ConfigIds {
    /// Team names as `&str`, to pick from.
    pub(crate) fn team_names(&self) -> Vec<&str> {
        self.teams.iter().map(String::as_str).collect()
    }
}

const TEAMS: &[&str] = &[
    "1st Line",
    "2nd Line",
    "3rd Line",
    "Projects",
    "Service Desk",
    "Networks",
    "Security",
];
const AGENTS: &[&str] = &[
    "Sam Carter",
    "Priya Shah",
    "Tom Hughes",
    "Nina Kowalski",
    "Omar Haddad",
    "Ruth Ellis",
];
const TICKET_TYPES: &[&str] = &[
    "Incident",
    "Service Request",
    "Problem",
    "Change",
    "Project",
];
const CATEGORIES: &[&str] = &[
    "Hardware>Printer",
    "Hardware>Laptop",
    "Software>Office",
    "Network>VPN",
    "Accounts>Password",
];
const WORKFLOWS: &[&str] = &[
    "Standard Incident",
    "New Starter",
    "Leaver",
    "Change Approval",
];
const SLAS: &[&str] = &["Standard SLA", "Premium SLA", "Out of Hours"];
const PRODUCTS: &[&str] = &[
    "Microsoft 365 Business Premium",
    "Dell Latitude 5440",
    "HP LaserJet Pro M404",
    "Managed Backup (per server)",
    "Sophos XGS 116 Firewall",
    "Ubiquiti U6 Access Point",
    "Remote Support Hour",
];
const SUPPLIERS: &[&str] = &[
    "Dell Technologies",
    "Ingram Micro",
    "TD Synnex",
    "Microsoft",
    "Sophos",
];
const ARTICLES: &[&str] = &[
    "How to connect to the VPN",
    "Resetting your password",
    "Adding a shared mailbox",
    "Clearing the print queue",
    "Setting up MFA",
];
const DEALS: &[&str] = &[
    "Firewall refresh",
    "Microsoft 365 migration",
    "Laptop rollout",
    "Managed backup upsell",
];

/// Statuses, priorities, categories, teams, agents, ticket types, workflows and SLAs.
pub(crate) fn configuration(store: &mut Tables, config: &FakeConfig, rng: &mut Rng) -> ConfigIds {
    let other = config.seed.other;
    for (seq, (id, name, short)) in [
        (1, "New", "N"),
        (2, "In Progress", "IP"),
        (3, "Waiting on Customer", "W"),
        (9, "Closed", "C"),
    ]
    .into_iter()
    .enumerate()
    {
        store.insert(
            "Status",
            id,
            json!({
                "id": id, "name": name, "shortname": short, "type": if id == 9 { 1 } else { 0 },
                "sequence": seq + 1, "colour": "#4a90d9",
            }),
        );
    }
    for (id, name, fix) in [
        (1, "Critical", 4.0),
        (2, "High", 8.0),
        (3, "Medium", 24.0),
        (4, "Low", 72.0),
    ] {
        store.insert(
            "Priority",
            id,
            json!({
                "id": rng.uuid(), "priorityid": id, "name": name, "slaid": 1,
                "responsetime": fix / 4.0, "fixtime": fix,
            }),
        );
    }
    let mut teams = Vec::new();
    for i in 0..other {
        let id = i as i64 + 1;
        let name = name_at(TEAMS, i);
        store.insert("Team", id, json!({
            "id": id, "name": name, "sequence": id, "inactive": false, "department_id": 1, "department_name": "Support",
        }));
        teams.push(name);
        store.insert("Category", id, json!({
            "id": id, "type_id": 1, "value": name_at(CATEGORIES, i), "category_name": name_at(CATEGORIES, i),
        }));
        store.insert(
            "TicketType",
            id,
            json!({"id": id, "name": name_at(TICKET_TYPES, i), "use": "ticket"}),
        );
        store.insert(
            "Workflow",
            id,
            json!({"id": id, "name": name_at(WORKFLOWS, i), "active": true}),
        );
        store.insert(
            "SLA",
            id,
            json!({"id": id, "name": name_at(SLAS, i), "workday_id": 1}),
        );
    }
    let mut human_agents = Vec::new();
    let agent_ids = (1..=other as i64)
        .chain((!(1..=other as i64).contains(&config.agent_id)).then_some(config.agent_id));
    for (i, id) in agent_ids.enumerate() {
        let agent = if id == config.agent_id {
            json!({
                "id": id, "name": "API Agent", "firstname": "API", "surname": "Agent",
                "email": "api-agent@fake.halopsa.invalid", "initials": "AA", "isapiagent": true,
                "team": Value::Null, "teams": [], "isdisabled": false, "use": "agent", "roles": [], "departments": [],
            })
        } else {
            human_agents.push(id);
            let name = name_at(AGENTS, i);
            let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
            let team_index = i % teams.len().max(1);
            let team = teams.get(team_index).cloned();
            // Memberships as the spec's `UnameSection` / `NHD_Roles` / `UnameDepartment` objects.
            let memberships: Vec<Value> = team
                .iter()
                .map(|t| json!({
                    "id": id * 100 + team_index as i64 + 1, "agent_id": id, "agent_name": name,
                    "team_id": team_index as i64 + 1, "team_name": t, "department_id": 1, "is_manager": false,
                }))
                .collect();
            json!({
                "id": id, "name": name, "firstname": first, "surname": last,
                "email": format!("{}@msp.example", first.to_lowercase()),
                "initials": format!("{}{}", first.chars().next().unwrap_or('A'), last.chars().next().unwrap_or('A')),
                "isapiagent": false, "team": team, "teams": memberships, "isdisabled": false,
                "use": "agent", "roles": [{"id": "5d6c1d4a-0000-4000-8000-000000000001", "id_int": 1, "name": "Technician"}],
                "departments": [{"id": id, "agent_id": id, "department_id": 1, "department_name": "Support"}],
            })
        };
        store.insert("Agent", id, agent);
    }
    if teams.is_empty() {
        teams.push("1st Line".to_owned());
    }
    ConfigIds {
        human_agents,
        ticket_types: other,
        teams,
    }
}

/// Products, appointments, articles, contracts, invoices, quotations, suppliers,
/// opportunities and reports. Field types follow the spec (e.g. contract and
/// quotation `status` are int32 codes; a contract's status text is `contract_status`).
pub(crate) fn business(store: &mut Tables, config: &FakeConfig, rng: &mut Rng) {
    let size = &config.seed;
    let clients: Vec<i64> = (1..=size.clients as i64).collect();
    let tickets: Vec<i64> = (1..=size.tickets as i64).collect();
    let agents: Vec<i64> = (1..=size.other as i64)
        .filter(|a| *a != config.agent_id)
        .collect();
    let suppliers: Vec<i64> = (1..=size.other as i64).collect();
    for i in 0..size.items {
        let id = i as i64 + 1;
        let price = 20.0 + rng.below(400) as f64;
        store.insert("Item", id, json!({
            "id": id, "name": name_at(PRODUCTS, i), "description": name_at(PRODUCTS, i), "baseprice": price,
            "costprice": (price * 0.7).round(), "taxable": true, "supplier_id": rng.pick_id(&suppliers), "nominalcode": "4000",
        }));
    }
    for i in 0..size.other {
        let id = i as i64 + 1;
        let client = rng.pick_id(&clients);
        let day = i as u64 * 86_400;
        store.insert(
            "Supplier",
            id,
            json!({"id": id, "name": name_at(SUPPLIERS, i), "inactive": false, "toplevel_id": 2}),
        );
        store.insert("Appointment", id, json!({
            "id": id, "subject": format!("On-site visit {id}"), "start_date": date(day + 32_400),
            "end_date": date(day + 36_000), "agent_id": rng.pick_id(&agents), "ticket_id": rng.pick_id(&tickets),
            "client_id": client, "note": "Bring a spare toner.",
        }));
        let mut article = json!({
            "id": id, "name": name_at(ARTICLES, i), "description": format!("Steps for: {}", name_at(ARTICLES, i)),
            "resolution": "Follow the steps above.", "type": 0, "inactive": false, "tag_string": "howto", "faqlists": [],
        });
        if i == 0 {
            article["x_future_field"] = json!({"a": 1});
        }
        store.insert("KBArticle", id, article);
        store.insert("ClientContract", id, json!({
            "id": id, "client_id": client, "ref": format!("CON-{id:04}"), "start_date": date(day),
            "end_date": date(day + 365 * 86_400), "status": 1, "contract_status": "Active", "periodchargeamount": 250.0 * (1 + i % 4) as f64,
        }));
        let total = 100.0 * (1 + rng.below(20)) as f64;
        store.insert("Invoice", id, json!({
            "id": id, "client_id": client, "invoicenumber": format!("INV-{:05}", 1000 + id), "invoice_date": date(day),
            "duedate": date(day + 30 * 86_400), "total": total, "amountdue": if i % 3 == 0 { total } else { 0.0 },
            "posted": i % 3 != 0, "lines": [{"id": 1, "description": "Managed services", "qty": 1, "unit_price": total}],
        }));
        store.insert("Quotation", id, json!({
            "id": id, "client_id": client, "title": format!("Quote for {}", name_at(DEALS, i)), "date": date(day),
            "total": total * 2.0, "status": 0, "lines": [],
        }));
        store.insert("Opportunities", id, json!({
            "id": id, "summary": name_at(DEALS, i), "client_id": client, "agent_id": rng.pick_id(&agents),
            "status_id": 1, "dateoccurred": date(day), "foreignvalue": total * 10.0,
        }));
        let report = if i % 2 == 0 {
            "Hours per ticket"
        } else {
            "Tickets per client"
        };
        store.insert("Report", id, json!({
            "id": id, "name": if i < 2 { report.to_owned() } else { format!("{report} {}", i / 2 + 1) },
            "sql": "SELECT faultid, SUM(timetaken) FROM actions GROUP BY faultid", "datasource_id": 1,
            "is_published": true, "published_id": rng.uuid(), "report": {},
        }));
    }
}
