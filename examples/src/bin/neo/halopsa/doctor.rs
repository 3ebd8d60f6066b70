//! The HaloPSA doctor on the core's engine: one row per area and access,
//! a 1-item probe read per area, and the acting agent as the identity.
//!
//! (Once `halopsa-client`'s own `check_access()` returns the core's
//! `AccessReport`, this module becomes a call to it.)

use halopsa_client::scopes::{PERMISSION_LOCATION, ResourceRequirements, requirements};
use halopsa_client::{Client, ListCall};
use neo_auth_core::doctor::{AccessReport, Fact, PlanEntry, ProbePlan};
use neo_auth_core::{Area, Credential, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The doctor's areas: requirements, what degrades without read and write,
/// and whether an empty list is only worth a warning.
pub(super) const DOCTOR_AREAS: &[(ResourceRequirements, &str, &str, bool)] = &[
    (
        requirements::TICKETS,
        "tickets cannot be read or correlated",
        "tickets cannot be created or updated",
        false,
    ),
    (
        requirements::ACTIONS,
        "ticket notes and time entries cannot be read",
        "notes and time entries cannot be added",
        true,
    ),
    (
        requirements::CONTACTS,
        "contacts cannot be looked up",
        "contacts cannot be created or updated",
        false,
    ),
    (
        requirements::ASSETS,
        "assets cannot be read",
        "assets cannot be created or updated",
        true,
    ),
    (
        requirements::PRODUCTS,
        "products cannot be read",
        "products cannot be created or updated",
        true,
    ),
    (
        requirements::APPOINTMENTS,
        "appointments cannot be read",
        "appointments cannot be booked",
        true,
    ),
    (
        requirements::COMPANIES,
        "companies cannot be listed or mapped to devices",
        "companies cannot be changed",
        false,
    ),
    (
        requirements::SITES,
        "sites cannot be read",
        "sites cannot be changed",
        false,
    ),
    (
        requirements::SLAS,
        "SLAs cannot be read",
        "SLAs cannot be changed",
        true,
    ),
    (
        requirements::KNOWLEDGE_BASE,
        "knowledge-base articles cannot be read",
        "articles cannot be written",
        true,
    ),
    (
        requirements::CONTRACTS,
        "contracts cannot be read",
        "contracts cannot be changed",
        true,
    ),
    (
        requirements::INVOICES,
        "invoices cannot be read",
        "invoices cannot be changed",
        true,
    ),
    (
        requirements::QUOTATIONS,
        "quotations cannot be read",
        "quotations cannot be changed",
        true,
    ),
    (
        requirements::SUPPLIERS,
        "suppliers cannot be read",
        "suppliers cannot be changed",
        true,
    ),
    (
        requirements::OPPORTUNITIES,
        "opportunities cannot be read",
        "opportunities cannot be changed",
        true,
    ),
    (
        requirements::REPORTS,
        "reports cannot be read",
        "reports cannot be changed",
        true,
    ),
    (
        requirements::CONFIGURATION,
        "statuses, priorities, teams and agents cannot be read",
        "configuration cannot be changed",
        true,
    ),
];

/// The number of records a 1-item probe read saw.
async fn probe_count<T, L>(list: L) -> Result<u64>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    L: Into<ListCall<T>>,
{
    let page = list.into().page_size(1).send().await?;
    Ok(page.total.unwrap_or(page.items.len() as u64))
}

/// The 1-item probe of an area's read, where the tool has one.
fn probe_of(client: &Client, area: Area) -> Option<neo_auth_core::doctor::Probe<'static>> {
    let c = client.clone();
    let probe: neo_auth_core::doctor::Probe<'static> = match area.name() {
        "tickets" => Box::pin(async move { probe_count(c.tickets().list()).await }),
        "contacts" => Box::pin(async move { probe_count(c.contacts().list()).await }),
        "assets" => Box::pin(async move { probe_count(c.assets().list()).await }),
        "products" => Box::pin(async move { probe_count(c.products().list()).await }),
        "appointments" => Box::pin(async move { probe_count(c.appointments().list()).await }),
        "companies" => Box::pin(async move { probe_count(c.companies().list()).await }),
        "sites" => Box::pin(async move { probe_count(c.sites().list()).await }),
        "slas" => Box::pin(async move { probe_count(c.slas().list()).await }),
        "knowledge_base" => Box::pin(async move { probe_count(c.kb_articles().list()).await }),
        "contracts" => Box::pin(async move { probe_count(c.contracts().list()).await }),
        "invoices" => Box::pin(async move { probe_count(c.invoices().list()).await }),
        "quotations" => Box::pin(async move { probe_count(c.quotations().list()).await }),
        "suppliers" => Box::pin(async move { probe_count(c.suppliers().list()).await }),
        "opportunities" => Box::pin(async move { probe_count(c.opportunities().list()).await }),
        "reports" => Box::pin(async move { probe_count(c.reports().list()).await }),
        "configuration" => Box::pin(async move { probe_count(c.statuses().list()).await }),
        _ => return None,
    };
    Some(probe)
}

/// The agent the application acts as, checked against the configured one.
async fn identity(client: &Client) -> Result<Fact> {
    let expected = client.expected_agent_id();
    Ok(match client.whoami().await {
        Ok(me) => {
            let value = match (&me.id, &me.name) {
                (Some(id), Some(name)) => format!("{id} ({name})"),
                (Some(id), None) => id.to_string(),
                _ => "unknown".to_owned(),
            };
            let fact = Fact::new("acting agent", value);
            match (expected, me.id) {
                (Some(expected), Some(actual)) if expected != actual => fact.problem(format!(
                    "the configuration expects agent {expected}: change \"Agent to log in as\" on the Details tab of the API application"
                )),
                _ => fact,
            }
        }
        Err(error) if error.is_auth() => return Err(error),
        Err(error) if error.is_policy() => Fact::unknown(
            "acting agent",
            "the access policy does not allow reading `identity` (GET /Agent/me)",
        ),
        Err(error) => Fact::unknown("acting agent", format!("GET /Agent/me failed: {error}")),
    })
}

/// The doctor's report for the client's credential and policy.
pub(super) async fn report(client: &Client) -> Result<AccessReport> {
    // A token first: its `scope` says what was granted.
    client.credential().authorize().await?;
    let identity = identity(client).await?;
    let mut plan = ProbePlan::new("HaloPSA", PERMISSION_LOCATION)
        .grant(client.credential().grant())
        .policy(client.policy().clone())
        .identity(identity);
    for (needs, degrades_read, degrades_write, may_be_empty) in DOCTOR_AREAS {
        let area = *needs.read.area();
        for (requirement, degrades) in
            [(&needs.read, degrades_read), (&needs.write, degrades_write)]
        {
            let mut entry =
                PlanEntry::new(area, requirement.access(), requirement.scope().cloned())
                    .degrades(*degrades);
            if requirement.access() == neo_auth_core::Access::Read {
                if let Some(probe) = probe_of(client, area) {
                    entry = entry.probe(probe);
                }
                if *may_be_empty {
                    entry = entry.may_be_empty();
                }
            }
            plan = plan.entry(entry);
        }
    }
    Ok(plan.run().await)
}
