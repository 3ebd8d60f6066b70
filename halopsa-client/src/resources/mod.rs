//! The resource accessors of [`Client`](crate::Client), one line each over the
//! [`endpoints`](mod@crate::endpoints) table; the handlers with their own shape —
//! [`Actions`](actions::Actions) (keyed by ticket), [`Priorities`](configuration::Priorities)
//! (string ids) and the report data — have their own modules.

use crate::endpoints;
use crate::models::{
    Appointment, Asset, Category, Company, Contract, Invoice, Item, KbArticle, Opportunity,
    Quotation, Report, Site, Sla, Status, Supplier, Team, Ticket, TicketType, User, Workflow,
};
use crate::resource::Resource;

/// Declares `Client` accessors returning a [`Resource`] of one endpoint.
macro_rules! accessors {
    ($($(#[$doc:meta])* $accessor:ident -> $model:ty = $spec:ident;)*) => {
        impl crate::Client {
            $(
                $(#[$doc])*
                pub fn $accessor(&self) -> Resource<$model> {
                    Resource::new(self, &endpoints::$spec)
                }
            )*
        }
    };
}

accessors! {
    /// Tickets (`/Tickets`): list (with the typed filters of
    /// [`TicketList`](crate::TicketList)), get, create, update, batch, delete
    /// (with a reason).
    tickets -> Ticket = TICKETS;
    /// Contacts (Halo users, `/Users`): list, get, create, update, delete.
    contacts -> User = CONTACTS;
    /// Companies (Halo clients, `/Client`): list, get; writes exist but the
    /// default policy keeps them read-only.
    companies -> Company = COMPANIES;
    /// Sites (`/Site`): list, get; writes exist but the default policy keeps
    /// them read-only.
    sites -> Site = SITES;
    /// Assets (`/Asset`): list, get, create, update, delete. Halo serves `/Asset`
    /// lists 50 per page whatever page size is asked; the pager follows
    /// `record_count`, not the requested size.
    assets -> Asset = ASSETS;
    /// Products (Halo items, `/Item`): list, get, create, update, delete.
    products -> Item = PRODUCTS;
    /// Appointments (`/Appointment`): list, get, create, update, delete.
    appointments -> Appointment = APPOINTMENTS;
    /// SLAs (`/SLA`, one GET): list, get; writes (scope `admin`) need the policy
    /// to allow them.
    slas -> Sla = SLAS;
    /// Knowledge-base articles (`/KBArticle`): list, get; writes need the policy
    /// to allow them.
    kb_articles -> KbArticle = KB_ARTICLES;
    /// Client contracts (`/ClientContract`): list, get; writes need the policy
    /// to allow them.
    contracts -> Contract = CONTRACTS;
    /// Invoices (`/Invoice`): list, get; writes need the policy to allow them.
    invoices -> Invoice = INVOICES;
    /// Quotations (`/Quotation`): list, get; writes need the policy to allow them.
    quotations -> Quotation = QUOTATIONS;
    /// Suppliers (`/Supplier`): list, get; writes need the policy to allow them.
    suppliers -> Supplier = SUPPLIERS;
    /// Opportunities (`/Opportunities`): list, get; writes need the policy to
    /// allow them.
    opportunities -> Opportunity = OPPORTUNITIES;
    /// Reports (`/Report`): list, get; writes need the policy to allow them.
    reports -> Report = REPORTS;
    /// Ticket statuses (`/Status`, one GET).
    statuses -> Status = STATUSES;
    /// Ticket categories (`/Category`, one GET).
    categories -> Category = CATEGORIES;
    /// Teams (`/Team`, one GET).
    teams -> Team = TEAMS;
    /// Agents (`/Agent`, one GET).
    agents -> crate::models::Agent = AGENTS;
    /// Ticket types (`/TicketType`, one GET).
    ticket_types -> TicketType = TICKET_TYPES;
    /// Workflows (`/Workflow`, one GET).
    workflows -> Workflow = WORKFLOWS;
}

pub mod actions;
pub mod configuration;
mod report_rows;
pub mod reports;
