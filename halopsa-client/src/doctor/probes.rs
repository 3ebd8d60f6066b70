//! What the doctor checks per area: the resource probed and what degrades.

use crate::endpoints as tickets;
use crate::endpoints::{
    self as actions, self as appointments, self as assets, self as companies,
    self as configuration, self as contacts, self as contracts, self as invoices,
    self as knowledge_base, self as opportunities, self as products, self as quotations,
    self as reports, self as sites, self as slas, self as suppliers,
};
use crate::scopes::areas;
use neo_auth_core::{Area, EndpointSpec};

/// Areas every Halo tenant in use has records in: when the login agent sees none
/// there, it cannot see records (a [`Severity::Problem`](super::Severity::Problem)).
/// An empty list elsewhere — no quotations, no appointments — may simply be the
/// tenant's data, so it is a [`Severity::Warning`](super::Severity::Warning).
pub(crate) const RECORDS_EXPECTED: &[Area] = &[
    areas::TICKETS,
    areas::COMPANIES,
    areas::SITES,
    areas::CONTACTS,
];

/// The note on the configuration line: one list stands for all of them.
const CONFIGURATION_NOTE: &str = "probed through GET /Status only: priorities, categories, teams, agents, ticket types and workflows need the same scope but are not read";

/// How an area's read is probed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProbeHow {
    /// A 1-item read of the resource's list (`page_size=1` where paginated).
    List,
    /// A read of the resource's list standing for a whole area; the note says so.
    ListStandingFor(&'static str),
    /// Actions are listed per ticket: `GET /Actions?ticket_id=<the ticket the
    /// tickets probe saw>&count=1`, not probed when no ticket is visible.
    ActionsOfVisibleTicket,
}

/// One area of the report.
pub(crate) struct Probe {
    /// The resource read by the probe; its requirements are the area's.
    pub(crate) def: &'static EndpointSpec,
    /// What stops working without read access.
    pub(crate) degrades_read: &'static str,
    /// What stops working without write access.
    pub(crate) degrades_write: &'static str,
    /// How the read is probed.
    pub(crate) how: ProbeHow,
}

/// Every area, tickets first (the actions probe reads a ticket it saw).
pub(crate) fn probes() -> Vec<Probe> {
    let p = |def, degrades_read, degrades_write, how| Probe {
        def,
        degrades_read,
        degrades_write,
        how,
    };
    vec![
        p(
            &tickets::TICKETS,
            "tickets cannot be read or correlated",
            "tickets cannot be created or updated",
            ProbeHow::List,
        ),
        p(
            &actions::ACTIONS,
            "ticket notes and time entries cannot be read",
            "notes and time entries cannot be added",
            ProbeHow::ActionsOfVisibleTicket,
        ),
        p(
            &contacts::CONTACTS,
            "contacts cannot be looked up",
            "contacts cannot be created or updated",
            ProbeHow::List,
        ),
        p(
            &assets::ASSETS,
            "assets cannot be read",
            "assets cannot be created or updated",
            ProbeHow::List,
        ),
        p(
            &products::PRODUCTS,
            "products cannot be read",
            "products cannot be created or updated",
            ProbeHow::List,
        ),
        p(
            &appointments::APPOINTMENTS,
            "appointments cannot be read",
            "appointments cannot be booked",
            ProbeHow::List,
        ),
        p(
            &companies::COMPANIES,
            "companies cannot be mapped to tenants",
            "companies cannot be changed",
            ProbeHow::List,
        ),
        p(
            &sites::SITES,
            "sites cannot be read",
            "sites cannot be changed",
            ProbeHow::List,
        ),
        p(
            &slas::SLAS,
            "SLAs cannot be read",
            "SLAs cannot be changed",
            ProbeHow::List,
        ),
        p(
            &knowledge_base::KB_ARTICLES,
            "the knowledge base cannot be searched",
            "articles cannot be written",
            ProbeHow::List,
        ),
        p(
            &contracts::CONTRACTS,
            "contracts cannot be read",
            "contracts cannot be changed",
            ProbeHow::List,
        ),
        p(
            &invoices::INVOICES,
            "invoices cannot be read",
            "invoices cannot be changed",
            ProbeHow::List,
        ),
        p(
            &quotations::QUOTATIONS,
            "quotations cannot be read",
            "quotations cannot be changed",
            ProbeHow::List,
        ),
        p(
            &suppliers::SUPPLIERS,
            "suppliers cannot be read",
            "suppliers cannot be changed",
            ProbeHow::List,
        ),
        p(
            &opportunities::OPPORTUNITIES,
            "opportunities cannot be read",
            "opportunities cannot be changed",
            ProbeHow::List,
        ),
        p(
            &reports::REPORTS,
            "reports cannot be read",
            "reports cannot be changed",
            ProbeHow::List,
        ),
        p(
            &configuration::STATUSES,
            "statuses, priorities, teams and agents cannot be listed",
            "configuration cannot be changed",
            ProbeHow::ListStandingFor(CONFIGURATION_NOTE),
        ),
    ]
}
