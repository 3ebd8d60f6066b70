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
    /// Recurring invoices (`/RecurringInvoice`, invoices area): list, get
    /// (`include_details` for the lines); writes need the policy to allow the
    /// invoices area.
    recurring_invoices -> crate::models::RecurringInvoice = RECURRING_INVOICES;
    /// Purchase orders (`/PurchaseOrder`, invoices area, scope `pos`): list,
    /// get; writes need the policy to allow the invoices area.
    purchase_orders -> crate::models::PurchaseOrder = PURCHASE_ORDERS;
    /// Sales orders (`/SalesOrder`, invoices area, scope `sos`): list, get;
    /// writes need the policy to allow the invoices area.
    sales_orders -> crate::models::SalesOrder = SALES_ORDERS;
    /// Contract schedules (`/ContractSchedule`, contracts area, one GET): list,
    /// get by the schedule's UUID; writes need the policy to allow contracts.
    contract_schedules -> crate::models::ContractSchedule = CONTRACT_SCHEDULES;
    /// Prepay records (`/ClientPrepay`, contracts area): list, get; writes need
    /// the policy to allow contracts.
    client_prepays -> crate::models::ClientPrepay = CLIENT_PREPAYS;
    /// Supplier contracts (`/SupplierContract`, suppliers area): list, get;
    /// writes need the policy to allow suppliers.
    supplier_contracts -> crate::models::SupplierContract = SUPPLIER_CONTRACTS;
    /// Action outcomes (`/Outcome`, one GET; configuration area).
    outcomes -> crate::models::Outcome = OUTCOMES;
    /// Asset types (`/AssetType`, one GET; configuration area).
    asset_types -> crate::models::AssetType = ASSET_TYPES;
    /// Asset groups (`/AssetGroup`, one GET; configuration area).
    asset_groups -> crate::models::AssetGroup = ASSET_GROUPS;
    /// Custom fields (`/Field`, one GET; configuration area).
    fields -> crate::models::Field = FIELDS;
    /// Field definitions (`/FieldInfo`, one GET; configuration area).
    field_infos -> crate::models::FieldInfo = FIELD_INFOS;
    /// Lookup values (`/Lookup`, one GET; configuration area).
    lookups -> crate::models::Lookup = LOOKUPS;
    /// Top levels (`/TopLevel`; read with `read:customers`, configuration area).
    top_levels -> crate::models::TopLevel = TOP_LEVELS;
    /// Timesheets (`/Timesheet`, one GET; timesheets area, read-only by
    /// default). Halo offers no delete: one is refused before sending.
    timesheets -> crate::models::Timesheet = TIMESHEETS;
    /// Timesheet events (`/TimesheetEvent`, one GET; timesheets area).
    timesheet_events -> crate::models::TimesheetEvent = TIMESHEET_EVENTS;
    /// Projects (`/Projects`; projects area, read-only by default).
    projects -> crate::models::Project = PROJECTS;
    /// CRM notes (`/CRMNote`, one GET; crm_notes area, read-only by default).
    crm_notes -> crate::models::CrmNote = CRM_NOTES;
}

pub mod actions;
pub mod attachments;
pub mod configuration;
mod contract_rules;
mod private_note;
mod report_rows;
pub mod reports;
mod run_report;
