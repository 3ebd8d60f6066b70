//! What the doctor checks per area: the area's requirements, what degrades
//! without them, and how its read is probed — the one place the doctor knows
//! the resource handlers.

use neo_auth_core::Result;
use neo_auth_core::doctor::Probe as ProbeRead;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::scopes::{ResourceRequirements, areas, requirements};
use crate::{Client, ListCall};

/// Areas every Halo tenant in use has records in: when the login agent sees none
/// there, it cannot see records (a problem). An empty list elsewhere — no
/// quotations, no appointments — may simply be the tenant's data (a warning).
const RECORDS_EXPECTED: &[neo_auth_core::Area] = &[
    areas::TICKETS,
    areas::COMPANIES,
    areas::SITES,
    areas::CONTACTS,
];

/// The note on the configuration line: one list stands for all of them.
pub(crate) const CONFIGURATION_NOTE: &str = "probed through GET /Status only: priorities, categories, teams, agents, ticket types, workflows, outcomes, asset types and groups, fields and lookups need the same scope but are not read";

/// The note on the invoices line: the sub-areas under the same scope.
pub(crate) const INVOICES_NOTE: &str =
    "probed through GET /Invoice: recurring invoices need the same scope but are not read";

/// The note on the contracts line.
pub(crate) const CONTRACTS_NOTE: &str = "probed through GET /ClientContract: contract schedules, contract rules and prepay records need the same scope but are not read";

/// The note on the suppliers line.
pub(crate) const SUPPLIERS_NOTE: &str =
    "probed through GET /Supplier: supplier contracts need the same scope but are not read";

/// The note on the timesheets line.
pub(crate) const TIMESHEETS_NOTE: &str =
    "probed through GET /TimesheetEvent: /Timesheet is read per agent and day";

/// A 1-item read of one list.
pub(crate) type ListProbe = fn(Client) -> ProbeRead<'static>;

/// How an area's read is probed.
#[derive(Clone, Copy)]
pub(crate) enum ProbeHow {
    /// A 1-item read of the tickets list, which also yields a ticket to read
    /// actions through.
    Tickets,
    /// A 1-item read of the area's list.
    List(ListProbe),
    /// A read of one list standing for a whole area; the note says so.
    ListStandingFor(ListProbe, &'static str),
    /// Actions are listed per ticket: `GET /Actions?ticket_id=<the ticket the
    /// tickets probe saw>&count=1`, not probed when no ticket is visible.
    ActionsOfVisibleTicket,
}

/// One area of the report.
pub(crate) struct Probe {
    /// The area's read and write requirements.
    pub(crate) needs: ResourceRequirements,
    /// What stops working without read access.
    pub(crate) degrades_read: &'static str,
    /// What stops working without write access.
    pub(crate) degrades_write: &'static str,
    /// How the read is probed.
    pub(crate) how: ProbeHow,
    /// A sub-area with its own scope (purchase orders, sales orders, top
    /// levels): the integration works without it, so a missing scope is a
    /// warning.
    pub(crate) optional: bool,
}

impl Probe {
    /// Whether an empty probe is only a warning: the area is not one every
    /// tenant has records in.
    pub(crate) fn may_be_empty(&self) -> bool {
        !RECORDS_EXPECTED.contains(self.needs.read.area())
    }
}

/// The number of records a 1-item read saw (the total when Halo reports one).
pub(crate) async fn count<T, L>(list: L) -> Result<u64>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    L: Into<ListCall<T>>,
{
    let page = list.into().page_size(1).send().await?;
    Ok(page.total.unwrap_or(page.items.len() as u64))
}

/// The tickets probe: what it saw, and the first ticket's id.
pub(crate) async fn tickets(client: &Client) -> (Result<u64>, Option<i64>) {
    match client.tickets().list().page_size(1).send().await {
        Ok(page) => (
            Ok(page.total.unwrap_or(page.items.len() as u64)),
            page.items.first().and_then(|t| t.id),
        ),
        Err(error) => (Err(error), None),
    }
}

/// The actions probe: at most one action of `ticket`.
pub(crate) async fn actions_of(client: Client, ticket: i64) -> Result<u64> {
    let page = client
        .actions()
        .list(ticket)
        .param("count", 1)
        .send()
        .await?;
    Ok(page.total.unwrap_or(page.items.len() as u64))
}

/// Every area, tickets first (the actions probe reads a ticket it saw).
pub(crate) fn probes() -> [Probe; 23] {
    let p = |needs, degrades_read, degrades_write, how| Probe {
        needs,
        degrades_read,
        degrades_write,
        how,
        optional: false,
    };
    let sub = |needs, degrades_read, degrades_write, how| Probe {
        optional: true,
        ..p(needs, degrades_read, degrades_write, how)
    };
    [
        p(
            requirements::TICKETS,
            "tickets cannot be read or correlated",
            "tickets cannot be created or updated",
            ProbeHow::Tickets,
        ),
        p(
            requirements::ACTIONS,
            "ticket notes and time entries cannot be read",
            "notes and time entries cannot be added",
            ProbeHow::ActionsOfVisibleTicket,
        ),
        p(
            requirements::CONTACTS,
            "contacts cannot be looked up",
            "contacts cannot be created or updated",
            ProbeHow::List(|c| Box::pin(async move { count(c.contacts().list()).await })),
        ),
        p(
            requirements::ASSETS,
            "assets cannot be read",
            "assets cannot be created or updated",
            ProbeHow::List(|c| Box::pin(async move { count(c.assets().list()).await })),
        ),
        p(
            requirements::PRODUCTS,
            "products cannot be read",
            "products cannot be created or updated",
            ProbeHow::List(|c| Box::pin(async move { count(c.products().list()).await })),
        ),
        p(
            requirements::APPOINTMENTS,
            "appointments cannot be read",
            "appointments cannot be booked",
            ProbeHow::List(|c| Box::pin(async move { count(c.appointments().list()).await })),
        ),
        p(
            requirements::COMPANIES,
            "companies cannot be mapped to tenants",
            "companies cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.companies().list()).await })),
        ),
        p(
            requirements::SITES,
            "sites cannot be read",
            "sites cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.sites().list()).await })),
        ),
        p(
            requirements::SLAS,
            "SLAs cannot be read",
            "SLAs cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.slas().list()).await })),
        ),
        p(
            requirements::KNOWLEDGE_BASE,
            "the knowledge base cannot be searched",
            "articles cannot be written",
            ProbeHow::List(|c| Box::pin(async move { count(c.kb_articles().list()).await })),
        ),
        p(
            requirements::CONTRACTS,
            "contracts cannot be read",
            "contracts cannot be changed",
            ProbeHow::ListStandingFor(
                |c| Box::pin(async move { count(c.contracts().list()).await }),
                CONTRACTS_NOTE,
            ),
        ),
        p(
            requirements::INVOICES,
            "invoices cannot be read",
            "invoices cannot be changed",
            ProbeHow::ListStandingFor(
                |c| Box::pin(async move { count(c.invoices().list()).await }),
                INVOICES_NOTE,
            ),
        ),
        sub(
            requirements::PURCHASE_ORDERS,
            "purchase orders cannot be read",
            "purchase orders cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.purchase_orders().list()).await })),
        ),
        sub(
            requirements::SALES_ORDERS,
            "sales orders cannot be read",
            "sales orders cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.sales_orders().list()).await })),
        ),
        p(
            requirements::QUOTATIONS,
            "quotations cannot be read",
            "quotations cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.quotations().list()).await })),
        ),
        p(
            requirements::SUPPLIERS,
            "suppliers cannot be read",
            "suppliers cannot be changed",
            ProbeHow::ListStandingFor(
                |c| Box::pin(async move { count(c.suppliers().list()).await }),
                SUPPLIERS_NOTE,
            ),
        ),
        p(
            requirements::OPPORTUNITIES,
            "opportunities cannot be read",
            "opportunities cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.opportunities().list()).await })),
        ),
        p(
            requirements::REPORTS,
            "reports cannot be read",
            "reports cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.reports().list()).await })),
        ),
        p(
            requirements::CONFIGURATION,
            "statuses, priorities, teams and agents cannot be listed",
            "configuration cannot be changed",
            ProbeHow::ListStandingFor(
                |c| Box::pin(async move { count(c.statuses().list()).await }),
                CONFIGURATION_NOTE,
            ),
        ),
        sub(
            requirements::TOP_LEVELS,
            "top levels cannot be listed",
            "top levels cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.top_levels().list()).await })),
        ),
        p(
            requirements::TIMESHEETS,
            "timesheets cannot be read",
            "timesheets cannot be changed",
            ProbeHow::ListStandingFor(
                |c| Box::pin(async move { count(c.timesheet_events().list()).await }),
                TIMESHEETS_NOTE,
            ),
        ),
        p(
            requirements::PROJECTS,
            "projects cannot be read",
            "projects cannot be changed",
            ProbeHow::List(|c| Box::pin(async move { count(c.projects().list()).await })),
        ),
        p(
            requirements::CRM_NOTES,
            "CRM notes cannot be read",
            "CRM notes cannot be added",
            ProbeHow::List(|c| Box::pin(async move { count(c.crm_notes().list().count(1)).await })),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requirement_line_is_probed_in_the_table_order() {
        let probed: Vec<_> = probes().iter().map(|p| *p.needs.read.area()).collect();
        let table: Vec<_> = requirements::ALL.iter().map(|r| *r.read.area()).collect();
        assert_eq!(probed, table);
        let records_expected: Vec<_> = probes()
            .iter()
            .filter(|p| !p.may_be_empty())
            .map(|p| p.needs.read.area().name())
            .collect();
        assert_eq!(
            records_expected,
            ["tickets", "contacts", "companies", "sites"]
        );
        let probes = probes();
        let optional: Vec<_> = probes
            .iter()
            .filter(|p| p.optional)
            .map(|p| p.needs.read.scope().unwrap().name())
            .collect();
        assert_eq!(optional, ["read:pos", "read:sos", "read:customers"]);
    }
}
