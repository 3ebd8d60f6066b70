//! HaloPSA scopes, policy areas and the requirement of every operation.
//!
//! Scopes are ticked on the application's *Permissions* tab: Configuration →
//! Integrations → Halo API → View Applications → (the application) → Permissions
//! ([`PERMISSION_LOCATION`]).
//!
//! **Labels are the wire names.** Every [`Scope`] here has the scope string as
//! its portal label (`edit:tickets` is both), because that tab lists the scope
//! names themselves rather than friendlier captions. That comes from setup guides
//! written against real tenants — RoboShadow's Halo guide says "In the
//! Permissions Tab enable read:tickets, edit:tickets, read:customers", and Halo's
//! own "Setting up an API Agent" guide (halopsa.com guides, kbid 1566) shows an
//! application with `Read:Tickets` — not from Halo's reference documentation or a
//! screenshot of the tab, so it is **unverified**: the tab may capitalise or group
//! the names differently. Error messages therefore quote the wire name, which is
//! the string to look for either way.
//!
//! Rules (verified against a live tenant, see `api/halopsa.md` §2.1):
//! `all` grants everything; `edit:X` implies `read:X`; actions fall under
//! `tickets`; sites and users under `customers`. There is no `read:actions` or
//! `:sites` scope. `all:standard` is taken to grant everything except `admin`.
//!
//! The per-endpoint mapping of the finer scopes is inferred from their names
//! (unverified per endpoint); configuration lists (statuses, priorities, …) are
//! read with `read:tickets` and written with `admin`.

use neo_auth_core::{Access, Area, Need, Requirement, Requirements, Scope, ScopeRules};

/// Where an admin ticks a Halo scope, completing "tick `edit:tickets` …".
pub const PERMISSION_LOCATION: &str = "on the Permissions tab of the Halo API application (Configuration → Integrations → Halo API → View Applications → (the application) → Permissions)";

/// Builds the scope constant for one Halo permission string.
macro_rules! halo_scope {
    ($name:ident, $wire:literal) => {
        #[doc = concat!("The `", $wire, "` scope.")]
        pub const $name: Scope = Scope::new($wire, $wire);
    };
}

halo_scope!(ALL, "all");
halo_scope!(ADMIN, "admin");
halo_scope!(READ_TICKETS, "read:tickets");
halo_scope!(EDIT_TICKETS, "edit:tickets");
halo_scope!(READ_CUSTOMERS, "read:customers");
halo_scope!(EDIT_CUSTOMERS, "edit:customers");
halo_scope!(READ_ASSETS, "read:assets");
halo_scope!(EDIT_ASSETS, "edit:assets");
halo_scope!(READ_ITEMS, "read:items");
halo_scope!(EDIT_ITEMS, "edit:items");
halo_scope!(READ_CALENDAR, "read:calendar");
halo_scope!(EDIT_CALENDAR, "edit:calendar");
halo_scope!(READ_KB, "read:kb");
halo_scope!(EDIT_KB, "edit:kb");
halo_scope!(READ_CONTRACTS, "read:contracts");
halo_scope!(EDIT_CONTRACTS, "edit:contracts");
halo_scope!(READ_INVOICES, "read:invoices");
halo_scope!(EDIT_INVOICES, "edit:invoices");
halo_scope!(READ_QUOTES, "read:quotes");
halo_scope!(EDIT_QUOTES, "edit:quotes");
halo_scope!(READ_SUPPLIERS, "read:suppliers");
halo_scope!(EDIT_SUPPLIERS, "edit:suppliers");
halo_scope!(READ_CRM, "read:crm");
halo_scope!(EDIT_CRM, "edit:crm");
halo_scope!(READ_REPORTING, "read:reporting");
halo_scope!(EDIT_REPORTING, "edit:reporting");
halo_scope!(READ_POS, "read:pos");
halo_scope!(EDIT_POS, "edit:pos");
halo_scope!(READ_SOS, "read:sos");
halo_scope!(EDIT_SOS, "edit:sos");
halo_scope!(READ_TIMESHEETS, "read:timesheets");
halo_scope!(EDIT_TIMESHEETS, "edit:timesheets");
halo_scope!(EDIT_MINE_TIMESHEETS, "editMine:timesheets");
halo_scope!(READ_PROJECTS, "read:projects");
halo_scope!(EDIT_PROJECTS, "edit:projects");

/// Every scope name Halo accepts at its token endpoint (HaloAPI's validator list).
/// Requesting anything else fails with `invalid_scope`.
pub const KNOWN_SCOPE_NAMES: &[&str] = &[
    "all",
    "all:standard",
    "admin",
    "read:tickets",
    "edit:tickets",
    "read:calendar",
    "edit:calendar",
    "read:customers",
    "edit:customers",
    "read:crm",
    "edit:crm",
    "editMine:timesheets",
    "read:timesheets",
    "edit:timesheets",
    "read:contracts",
    "edit:contracts",
    "read:suppliers",
    "edit:suppliers",
    "read:items",
    "edit:items",
    "read:projects",
    "edit:projects",
    "read:sales",
    "edit:sales",
    "read:quotes",
    "edit:quotes",
    "read:sos",
    "edit:sos",
    "read:pos",
    "edit:pos",
    "read:invoices",
    "edit:invoices",
    "read:reporting",
    "edit:reporting",
    "read:software",
    "edit:software",
    "read:softwarelicensing",
    "edit:softwarelicensing",
    "read:kb",
    "edit:kb",
    "read:assets",
    "edit:assets",
    "access:chat",
    "access:adpasswordreset",
];

/// Halo's scope rules: `all` ⊇ everything, `all:standard` ⊇ everything but
/// `admin`, `edit:X` ⊇ `read:X`, and every name covers itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct HaloScopeRules;

impl ScopeRules for HaloScopeRules {
    fn implies(&self, granted: &str, required: &Scope) -> bool {
        let required = required.name();
        if granted == required || granted == "all" {
            return true;
        }
        if granted == "all:standard" {
            return required != "admin";
        }
        match (
            granted.strip_prefix("edit:"),
            required.strip_prefix("read:"),
        ) {
            (Some(g), Some(r)) => g == r,
            _ => false,
        }
    }
}

/// The policy areas of the HaloPSA client.
pub mod areas {
    use super::Area;

    /// Tickets.
    pub const TICKETS: Area = Area::new("tickets");
    /// Actions: notes and time entries on tickets.
    pub const ACTIONS: Area = Area::new("actions");
    /// Contacts (Halo "users").
    pub const CONTACTS: Area = Area::new("contacts");
    /// Assets.
    pub const ASSETS: Area = Area::new("assets");
    /// Products (Halo "items").
    pub const PRODUCTS: Area = Area::new("products");
    /// Appointments.
    pub const APPOINTMENTS: Area = Area::new("appointments");
    /// Companies (Halo "clients").
    pub const COMPANIES: Area = Area::new("companies");
    /// Sites.
    pub const SITES: Area = Area::new("sites");
    /// SLAs.
    pub const SLAS: Area = Area::new("slas");
    /// Knowledge base.
    pub const KNOWLEDGE_BASE: Area = Area::new("knowledge_base");
    /// Contracts.
    pub const CONTRACTS: Area = Area::new("contracts");
    /// Invoices.
    pub const INVOICES: Area = Area::new("invoices");
    /// Quotations.
    pub const QUOTATIONS: Area = Area::new("quotations");
    /// Suppliers.
    pub const SUPPLIERS: Area = Area::new("suppliers");
    /// Opportunities.
    pub const OPPORTUNITIES: Area = Area::new("opportunities");
    /// Reports.
    pub const REPORTS: Area = Area::new("reports");
    /// Configuration: statuses, priorities, categories, teams, agents, ticket
    /// types, workflows, and the lookups written against (outcomes, asset types
    /// and groups, fields, lookup values, top levels).
    pub const CONFIGURATION: Area = Area::new("configuration");
    /// Timesheets and timesheet events.
    pub const TIMESHEETS: Area = Area::new("timesheets");
    /// Projects (`/Projects`).
    pub const PROJECTS: Area = Area::new("projects");
    /// CRM notes (`/CRMNote`).
    pub const CRM_NOTES: Area = Area::new("crm_notes");
    /// The application's own identity: the agent it logs in as (`GET /Agent/me`,
    /// [`Client::whoami`](crate::Client::whoami)). Needs no scope; read-only in
    /// the default policy, so that the doctor can tell which agent acts.
    pub const IDENTITY: Area = Area::new("identity");

    /// Every area, for reports.
    pub const ALL: &[Area] = &[
        TICKETS,
        ACTIONS,
        CONTACTS,
        ASSETS,
        PRODUCTS,
        APPOINTMENTS,
        COMPANIES,
        SITES,
        SLAS,
        KNOWLEDGE_BASE,
        CONTRACTS,
        INVOICES,
        QUOTATIONS,
        SUPPLIERS,
        OPPORTUNITIES,
        REPORTS,
        CONFIGURATION,
        TIMESHEETS,
        PROJECTS,
        CRM_NOTES,
        IDENTITY,
    ];
}

/// What one policy area needs: its read and its write requirement, for the raw
/// escape hatches ([`Client::get_json`](crate::Client::get_json) and friends).
/// The endpoints of the area ([`endpoints`](crate::endpoints)) take their
/// per-verb requirements from the same line of the table below: list and get
/// need the read scope, create, update and delete the write scope.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceRequirements {
    /// Reads (list, get).
    pub read: Requirement,
    /// Writes (create, update, delete).
    pub write: Requirement,
}

/// One area of the table: its [`ResourceRequirements`] and the per-verb
/// [`Requirements`] of its endpoints, from its read and write scopes.
macro_rules! area {
    ($(#[$doc:meta])* $name:ident, $verbs:ident = $op:literal, $area:expr, $read:ident, $write:ident) => {
        $(#[$doc])*
        pub const $name: ResourceRequirements = ResourceRequirements {
            read: Requirement::scoped(concat!($op, ".read"), $area, Access::Read, $read),
            write: Requirement::scoped(concat!($op, ".write"), $area, Access::Write, $write),
        };
        #[doc = concat!("What each verb of an endpoint of the `", $op, "` area needs.")]
        pub(crate) const $verbs: Requirements = {
            static READ: Scope = $read;
            static WRITE: Scope = $write;
            Requirements::read_write($area, &READ, &WRITE)
        };
    };
}

/// Requirement table: what each resource needs.
pub mod requirements {
    use super::*;
    area! {
    /// `/Tickets`.
        TICKETS, TICKETS_VERBS = "tickets", areas::TICKETS, READ_TICKETS, EDIT_TICKETS
    }
    area! {
    /// `/Actions` (under the tickets scope).
        ACTIONS, ACTIONS_VERBS = "actions", areas::ACTIONS, READ_TICKETS, EDIT_TICKETS
    }
    area! {
    /// `/Users` (contacts, under the customers scope).
        CONTACTS, CONTACTS_VERBS = "contacts", areas::CONTACTS, READ_CUSTOMERS, EDIT_CUSTOMERS
    }
    area! {
    /// `/Asset`.
        ASSETS, ASSETS_VERBS = "assets", areas::ASSETS, READ_ASSETS, EDIT_ASSETS
    }
    area! {
    /// `/Item`.
        PRODUCTS, PRODUCTS_VERBS = "products", areas::PRODUCTS, READ_ITEMS, EDIT_ITEMS
    }
    area! {
    /// `/Appointment`.
        APPOINTMENTS, APPOINTMENTS_VERBS = "appointments", areas::APPOINTMENTS, READ_CALENDAR, EDIT_CALENDAR
    }
    area! {
    /// `/Client`.
        COMPANIES, COMPANIES_VERBS = "companies", areas::COMPANIES, READ_CUSTOMERS, EDIT_CUSTOMERS
    }
    area! {
    /// `/Site` (under the customers scope).
        SITES, SITES_VERBS = "sites", areas::SITES, READ_CUSTOMERS, EDIT_CUSTOMERS
    }
    area! {
    /// `/SLA`.
        SLAS, SLAS_VERBS = "slas", areas::SLAS, READ_TICKETS, ADMIN
    }
    area! {
    /// `/KBArticle`.
        KNOWLEDGE_BASE, KNOWLEDGE_BASE_VERBS = "knowledge_base", areas::KNOWLEDGE_BASE, READ_KB, EDIT_KB
    }
    area! {
    /// `/ClientContract` (its rules come with the contract, `includedetails`).
        CONTRACTS, CONTRACTS_VERBS = "contracts", areas::CONTRACTS, READ_CONTRACTS, EDIT_CONTRACTS
    }
    area! {
    /// `/ContractSchedule`, in the contracts area.
        CONTRACT_SCHEDULES, CONTRACT_SCHEDULES_VERBS = "contract_schedules", areas::CONTRACTS, READ_CONTRACTS, EDIT_CONTRACTS
    }
    area! {
    /// `/ClientPrepay` (prepay records), in the contracts area.
        CLIENT_PREPAYS, CLIENT_PREPAYS_VERBS = "client_prepays", areas::CONTRACTS, READ_CONTRACTS, EDIT_CONTRACTS
    }
    area! {
    /// `/Invoice`.
        INVOICES, INVOICES_VERBS = "invoices", areas::INVOICES, READ_INVOICES, EDIT_INVOICES
    }
    area! {
    /// `/RecurringInvoice`, in the invoices area.
        RECURRING_INVOICES, RECURRING_INVOICES_VERBS = "recurring_invoices", areas::INVOICES, READ_INVOICES, EDIT_INVOICES
    }
    area! {
    /// `/PurchaseOrder`, in the invoices area (scope `pos`).
        PURCHASE_ORDERS, PURCHASE_ORDERS_VERBS = "purchase_orders", areas::INVOICES, READ_POS, EDIT_POS
    }
    area! {
    /// `/SalesOrder`, in the invoices area (scope `sos`).
        SALES_ORDERS, SALES_ORDERS_VERBS = "sales_orders", areas::INVOICES, READ_SOS, EDIT_SOS
    }
    area! {
    /// `/Quotation`.
        QUOTATIONS, QUOTATIONS_VERBS = "quotations", areas::QUOTATIONS, READ_QUOTES, EDIT_QUOTES
    }
    area! {
    /// `/Supplier`.
        SUPPLIERS, SUPPLIERS_VERBS = "suppliers", areas::SUPPLIERS, READ_SUPPLIERS, EDIT_SUPPLIERS
    }
    area! {
    /// `/SupplierContract`, in the suppliers area.
        SUPPLIER_CONTRACTS, SUPPLIER_CONTRACTS_VERBS = "supplier_contracts", areas::SUPPLIERS, READ_SUPPLIERS, EDIT_SUPPLIERS
    }
    area! {
    /// `/Opportunities`.
        OPPORTUNITIES, OPPORTUNITIES_VERBS = "opportunities", areas::OPPORTUNITIES, READ_CRM, EDIT_CRM
    }
    area! {
    /// `/Report` and `/ReportData`.
        REPORTS, REPORTS_VERBS = "reports", areas::REPORTS, READ_REPORTING, EDIT_REPORTING
    }
    area! {
    /// Configuration lists and lookups.
        CONFIGURATION, CONFIGURATION_VERBS = "configuration", areas::CONFIGURATION, READ_TICKETS, ADMIN
    }
    area! {
    /// `/TopLevel` (read with the customers scope, in the configuration area).
        TOP_LEVELS, TOP_LEVELS_VERBS = "top_levels", areas::CONFIGURATION, READ_CUSTOMERS, ADMIN
    }
    area! {
    /// `/Timesheet` and `/TimesheetEvent` (an agent's own timesheet is
    /// writable with `editMine:timesheets`, which this table does not ask for).
        TIMESHEETS, TIMESHEETS_VERBS = "timesheets", areas::TIMESHEETS, READ_TIMESHEETS, EDIT_TIMESHEETS
    }
    /// What each verb of `/Timesheet` needs: the timesheets area's, but the
    /// spec offers no `DELETE /Timesheet/{id}`, so a delete is refused before
    /// sending.
    pub(crate) const TIMESHEET_DAYS_VERBS: Requirements = {
        static READ: Scope = READ_TIMESHEETS;
        static WRITE: Scope = EDIT_TIMESHEETS;
        Requirements::of(
            areas::TIMESHEETS,
            Need::Scoped(&READ),
            Need::Scoped(&READ),
            Need::Scoped(&WRITE),
            Need::Scoped(&WRITE),
            Need::Unsupported,
        )
    };
    area! {
    /// `/Projects`.
        PROJECTS, PROJECTS_VERBS = "projects", areas::PROJECTS, READ_PROJECTS, EDIT_PROJECTS
    }
    area! {
    /// `/CRMNote` (under the crm scope).
        CRM_NOTES, CRM_NOTES_VERBS = "crm_notes", areas::CRM_NOTES, READ_CRM, EDIT_CRM
    }

    /// Every area's requirements, tickets first, in the doctor's order (what
    /// a credential for every area needs: the sandbox's full grant). A
    /// sub-area with its own scope (purchase orders: `pos`) follows its parent.
    pub const ALL: &[ResourceRequirements] = &[
        TICKETS,
        ACTIONS,
        CONTACTS,
        ASSETS,
        PRODUCTS,
        APPOINTMENTS,
        COMPANIES,
        SITES,
        SLAS,
        KNOWLEDGE_BASE,
        CONTRACTS,
        INVOICES,
        PURCHASE_ORDERS,
        SALES_ORDERS,
        QUOTATIONS,
        SUPPLIERS,
        OPPORTUNITIES,
        REPORTS,
        CONFIGURATION,
        TOP_LEVELS,
        TIMESHEETS,
        PROJECTS,
        CRM_NOTES,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::{GrantedScopes, ScopeSet};
    use std::sync::Arc;

    fn granted(s: &str) -> GrantedScopes {
        GrantedScopes::parse(s).with_rules(Arc::new(HaloScopeRules))
    }

    #[test]
    fn the_permission_location_names_the_halo_api_path() {
        assert_eq!(
            PERMISSION_LOCATION,
            "on the Permissions tab of the Halo API application (Configuration → Integrations → Halo API → View Applications → (the application) → Permissions)"
        );
        assert!(!PERMISSION_LOCATION.contains("HaloPSA API"));
    }

    #[test]
    fn halo_rules() {
        assert!(granted("all").grants(&EDIT_INVOICES));
        assert!(granted("all").grants(&ADMIN));
        assert!(granted("all:standard").grants(&EDIT_TICKETS));
        assert!(!granted("all:standard").grants(&ADMIN));
        assert!(granted("edit:tickets").grants(&READ_TICKETS));
        assert!(!granted("read:tickets").grants(&EDIT_TICKETS));
        assert!(!granted("edit:tickets").grants(&READ_CUSTOMERS));
        assert!(!granted("edit:ticketsx").grants(&READ_TICKETS));
    }

    #[test]
    fn every_scope_used_is_a_known_name() {
        for r in requirements::ALL {
            for req in [&r.read, &r.write] {
                let name = req.scope().unwrap().name();
                assert!(KNOWN_SCOPE_NAMES.contains(&name), "{name}");
                assert!(req.scope().unwrap().label().starts_with(name));
            }
        }
    }
}
