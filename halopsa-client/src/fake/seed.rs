//! Deterministic, realistic seed data: companies, sites, contacts, tickets with
//! their actions, and assets. The other resources are in [`super::seed_more`].

use serde_json::{Value, json};

use super::config::FakeConfig;
use super::seed_extra;
use super::seed_gen::{Rng, date, name_at};
use super::seed_more;
use super::tables::Tables;

const COMPANIES: &[&str] = &[
    "Contoso Ltd",
    "Fabrikam Inc",
    "Northwind Traders",
    "Adventure Works",
    "Tailspin Toys",
    "Wide World Importers",
    "Litware Inc",
    "Proseware Ltd",
    "Fourth Coffee",
    "Woodgrove Bank",
    "Alpine Ski House",
    "Coho Winery",
    "Lucerne Publishing",
    "Humongous Insurance",
    "Trey Research",
];
const FIRST: &[&str] = &[
    "Alice", "Ben", "Chloe", "Dan", "Emma", "Farid", "Grace", "Hugo", "Isla", "Jon", "Kira", "Liam",
];
const LAST: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Patel", "Wilson", "Evans", "Khan", "Walker", "Wright",
];
const SUMMARIES: &[&str] = &[
    "Printer offline",
    "Cannot connect to VPN",
    "Outlook keeps asking for password",
    "New starter: set up laptop",
    "Laptop screen flickering",
    "Shared drive not accessible",
    "Wi-Fi drops in meeting room",
    "Password reset request",
    "Teams calls dropping",
    "Backup job failed",
    "Server disk space low",
    "Phishing email reported",
    "Install Adobe Reader",
    "Computer very slow",
    "Leaver: disable account",
];
const OUTCOMES: &[&str] = &[
    "Private Note",
    "Email User",
    "Phone Call",
    "Remote Session",
    "Update",
];
const NOTES: &[&str] = &[
    "Called the user and reproduced the issue.",
    "Restarted the print spooler.",
    "Reset the password and confirmed login.",
    "Escalated to 2nd line.",
    "Applied the latest updates and rebooted.",
    "Waiting for the user to confirm.",
];
const ASSET_TYPES: &[&str] = &[
    "Laptop", "Desktop", "Server", "Printer", "Firewall", "Switch",
];
/// Ticket status ids: 9 is Closed.
const STATUSES: &[i64] = &[1, 2, 3, 9, 9];

/// Builds the seed data for `config`.
pub(crate) fn seed(config: &FakeConfig) -> Tables {
    let size = &config.seed;
    let mut rng = Rng::new(0x4841_4C4F);
    let mut store = Tables::default();
    let config_ids = seed_more::configuration(&mut store, config, &mut rng);

    for c in 0..size.clients {
        let id = c as i64 + 1;
        let mut client = json!({
            "id": id, "name": name_at(COMPANIES, c), "toplevel_id": 1, "toplevel_name": "Customers",
            "inactive": false, "website": format!("https://www.client{id}.example"),
            "main_site_id": c * size.sites_per_client + 1, "notes": "", "is_vip": c % 5 == 0,
            "ref": format!("CUST{id:04}"), "colour": "#2d7ff9", "customfields": [],
        });
        if c == 0 {
            client["x_future_field"] = json!({"a": 1});
        }
        store.insert("Client", id, client);
        for s in 0..size.sites_per_client {
            let site_id = (c * size.sites_per_client + s) as i64 + 1;
            let name = if s == 0 {
                "Head Office".to_owned()
            } else {
                format!("Branch {s}")
            };
            store.insert(
                "Site",
                site_id,
                json!({
                    "id": site_id, "name": name, "client_id": id as f64,
                    "client_name": name_at(COMPANIES, c), "inactive": false,
                }),
            );
        }
        for u in 0..size.users_per_client {
            let user_id = (c * size.users_per_client + u) as i64 + 1;
            let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
            let site = size.sites_per_client.max(1);
            let site_id = (c * size.sites_per_client + u % site) as i64 + 1;
            store.insert("Users", user_id, json!({
                "id": user_id, "name": format!("{first} {last}"), "firstname": first, "surname": last,
                "emailaddress": format!("{}.{}@client{id}.example", first.to_lowercase(), last.to_lowercase()),
                "phonenumber": format!("0161 496 {:04}", user_id % 10_000), "client_id": id,
                "client_name": name_at(COMPANIES, c),
                "site_id": if size.sites_per_client > 0 { json!(site_id as f64) } else { Value::Null },
                "inactive": false, "isimportantcontact": u == 0, "title": if u == 0 { "Office Manager" } else { "" },
                "customfields": [],
            }));
        }
    }
    tickets(&mut store, config, &config_ids, &mut rng);
    assets(&mut store, config, &mut rng);
    seed_more::business(&mut store, config, &mut rng);
    seed_extra::seed(&mut store, config, &mut rng);
    store
}

/// The client, site and user of a ticket or asset, consistent with each other.
fn placement(config: &FakeConfig, rng: &mut Rng) -> (Value, Value, Value, usize) {
    let size = &config.seed;
    if size.clients == 0 {
        return (Value::Null, Value::Null, Value::Null, 0);
    }
    let c = rng.below(size.clients);
    let site = match size.sites_per_client {
        0 => Value::Null,
        n => json!((c * n + rng.below(n)) as i64 + 1),
    };
    let user = match size.users_per_client {
        0 => Value::Null,
        n => json!((c * n + rng.below(n)) as i64 + 1),
    };
    (json!(c as i64 + 1), site, user, c)
}

fn tickets(store: &mut Tables, config: &FakeConfig, ids: &seed_more::ConfigIds, rng: &mut Rng) {
    for t in 0..config.seed.tickets {
        let id = t as i64 + 1;
        let (client_id, site_id, user_id, c) = placement(config, rng);
        let summary = rng.pick(SUMMARIES);
        let status = STATUSES
            .get(rng.below(STATUSES.len()))
            .copied()
            .unwrap_or(1);
        let agent = rng.pick_id(&ids.human_agents);
        let opened = t as u64 * 14_400 + rng.below(3600) as u64;
        let mut hours = 0.0;
        for a in 0..config.seed.actions_per_ticket {
            let action_id = a as i64 + 1;
            let taken = (rng.below(8) as f64 + 1.0) * 0.25;
            hours += taken;
            store.insert_action(id, action_id, json!({
                "id": action_id, "ticket_id": id, "outcome": rng.pick(OUTCOMES), "note": rng.pick(NOTES),
                "who_agentid": agent, "who_type": 1, "datetime": date(opened + (a as u64 + 1) * 1800),
                "timetaken": taken, "hiddenfromuser": a % 2 == 1, "actisbillable": true,
            }));
        }
        let mut ticket = json!({
            "id": id, "summary": summary, "details": format!("{summary}. Reported by the user by phone."),
            "tickettype_id": 1 + rng.below(ids.ticket_types.max(1)) as i64,
            "client_id": client_id, "client_name": if client_id.is_null() { Value::Null } else { json!(name_at(COMPANIES, c)) },
            "site_id": site_id, "user_id": user_id, "agent_id": agent, "team": rng.pick(&ids.team_names()),
            "status_id": status, "priority_id": 1 + rng.below(4) as i64, "sla_id": 1,
            "category_1": "Hardware>Printer", "dateoccurred": date(opened), "lastactiondate": date(opened + 7200),
            "timetaken": hours, "deleted": false, "inactive": false,
            "customfields": [{"id": 1, "name": "CFRef", "value": format!("REF-{id:05}")}],
        });
        if t % 10 == 4 {
            ticket["x_future_field"] = json!({"a": 1});
        }
        store.insert("Tickets", id, ticket);
    }
}

fn assets(store: &mut Tables, config: &FakeConfig, rng: &mut Rng) {
    for a in 0..config.seed.assets {
        let id = a as i64 + 1;
        let (client_id, site_id, _, c) = placement(config, rng);
        let kind = rng.below(ASSET_TYPES.len());
        let type_name = ASSET_TYPES.get(kind).copied().unwrap_or("Laptop");
        store.insert("Asset", id, json!({
            "id": id, "inventory_number": format!("ASSET-{id:04}"),
            "key_field": format!("{}-{id:04}", type_name.to_uppercase()),
            "client_id": client_id, "client_name": if client_id.is_null() { Value::Null } else { json!(name_at(COMPANIES, c)) },
            "site_id": site_id, "assettype_id": kind as i64 + 1, "assettype_name": type_name,
            "status_id": 1, "inactive": false, "fields": [], "customfields": [], "users": [],
        }));
    }
}
