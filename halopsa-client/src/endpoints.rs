//! Every HaloPSA resource this crate calls, described once: path, how its list
//! is paged and wrapped, the kind of its ids, the parent key of its records and
//! what each verb needs (from its area in [`scopes::requirements`](crate::scopes::requirements)).
//!
//! | accessor | path | list key | paged |
//! | --- | --- | --- | --- |
//! | `tickets()` | `/Tickets` | `tickets` | yes |
//! | `actions()` | `/Actions` | `actions` | no (per ticket: `ticket_id`) |
//! | `contacts()` | `/Users` | `users` | yes |
//! | `companies()` | `/Client` | `clients` | yes |
//! | `sites()` | `/Site` | `sites` | yes |
//! | `assets()` | `/Asset` | `assets` | yes (Halo serves 50 a page) |
//! | `products()` | `/Item` | `items` | yes |
//! | `appointments()` | `/Appointment` | `appointments` | yes |
//! | `slas()` | `/SLA` | undocumented | no |
//! | `kb_articles()` | `/KBArticle` | `articles` | yes |
//! | `contracts()` | `/ClientContract` | `contracts` | yes |
//! | `invoices()` | `/Invoice` | `invoices` | yes |
//! | `quotations()` | `/Quotation` | `quotes` | yes |
//! | `suppliers()` | `/Supplier` | `suppliers` | yes |
//! | `opportunities()` | `/Opportunities` | `tickets` | yes |
//! | `reports()` | `/Report` | `reports` | yes |
//! | `statuses()` | `/Status` | `statuses` | no |
//! | `priorities()` | `/Priority` | undocumented | no (string ids) |
//! | `categories()` | `/Category` | `categories` | no |
//! | `teams()` | `/Team` | `teams` | no |
//! | `agents()` | `/Agent` | `agents` | no |
//! | `ticket_types()` | `/TicketType` | undocumented | no |
//! | `workflows()` | `/Workflow` | undocumented | no |
//! | `recurring_invoices()` | `/RecurringInvoice` | `invoices` | yes |
//! | `purchase_orders()` | `/PurchaseOrder` | `purchaseorders` | yes |
//! | `sales_orders()` | `/SalesOrder` | `salesorders` | yes |
//! | `contract_schedules()` | `/ContractSchedule` | undocumented | no (string ids) |
//! | `client_prepays()` | `/ClientPrepay` | undocumented | yes |
//! | `supplier_contracts()` | `/SupplierContract` | undocumented | yes |
//! | `outcomes()` | `/Outcome` | `outcomes` | no |
//! | `asset_types()` | `/AssetType` | undocumented | no |
//! | `asset_groups()` | `/AssetGroup` | undocumented | no |
//! | `fields()` | `/Field` | `fields` | no |
//! | `field_infos()` | `/FieldInfo` | undocumented | no |
//! | `lookups()` | `/Lookup` | `lookups` | no |
//! | `top_levels()` | `/TopLevel` | undocumented | yes |
//! | `timesheets()` | `/Timesheet` | `timesheets` | no |
//! | `timesheet_events()` | `/TimesheetEvent` | undocumented | no |
//! | `projects()` | `/Projects` | `tickets` | yes |
//! | `crm_notes()` | `/CRMNote` | `actions` | no |
//! | `attachments()` | `/Attachment` | `attachments` | no |
//!
//! "Paged" follows the OpenAPI spec: only the lists it gives `pageinate` /
//! `page_no` are paged (`pageinate=true&page_size=…&page_no=…`, pages of at most
//! [`MAX_PAGE_SIZE`], ended by `record_count` and by the records actually
//! returned); the others are read with one GET without paging parameters, and
//! that reply is the whole list. Halo answers `/Asset` 50 a page whatever size
//! is asked: the pager follows `record_count`, not the requested size.
//!
//! List keys are those Halo's client libraries read (the vendor documents no
//! response schemas). A list reply is a bare array or an object holding the
//! records under the key (matched in any case), with `record_count`; where the
//! key is undocumented or absent, the first array that is not metadata is taken.

use neo_auth_core::{EndpointSpec, Envelope, IdKind, PagingScheme, Requirements};

use crate::scopes::requirements;

/// Halo's page-size cap: larger requests are silently cut to 100.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Halo's numbered paging.
const PAGED: PagingScheme = PagingScheme::Numbered {
    page: "page_no",
    size: "page_size",
    first: 1,
    max_size: MAX_PAGE_SIZE,
    extra: &[("pageinate", "true")],
};

/// Keys of a wrapped page that never hold the records, even when they hold an array.
pub(crate) const METADATA_KEYS: &[&str] = &[
    "record_count",
    "page_no",
    "page_size",
    "include_children",
    "columns",
    "filters",
];

/// A Halo list reply: bare, or the records under `key` (`""`: undocumented)
/// with `record_count`, falling back to the first array that is not metadata.
const fn list(key: &'static [&'static str]) -> Envelope {
    Envelope::under(key)
        .with_total(&["record_count"])
        .or_bare()
        .or_first_array(METADATA_KEYS)
}

/// A resource, read in one GET unless `.paging(PAGED)` is added.
const fn resource(
    name: &'static str,
    path: &'static str,
    noun: &'static str,
    verbs: Requirements,
    key: &'static [&'static str],
) -> EndpointSpec {
    EndpointSpec::new(name, path, verbs)
        .noun(noun)
        .envelope(list(key))
}

const UNDOCUMENTED: &[&str] = &[""];

/// `/Tickets` (schema `Faults`).
pub(crate) static TICKETS: EndpointSpec = resource(
    "tickets",
    "/Tickets",
    "ticket",
    requirements::TICKETS_VERBS,
    &["tickets"],
)
.paging(PAGED);
/// `/Actions`: notes and time entries, listed per ticket; ids restart on every
/// ticket, so every single-record request carries `ticket_id`.
pub(crate) static ACTIONS: EndpointSpec = resource(
    "actions",
    "/Actions",
    "action",
    requirements::ACTIONS_VERBS,
    &["actions"],
)
.parent_key("ticket_id");
/// `/Users` (contacts).
pub(crate) static CONTACTS: EndpointSpec = resource(
    "contacts",
    "/Users",
    "contact",
    requirements::CONTACTS_VERBS,
    &["users"],
)
.paging(PAGED);
/// `/Client` (companies).
pub(crate) static COMPANIES: EndpointSpec = resource(
    "companies",
    "/Client",
    "company",
    requirements::COMPANIES_VERBS,
    &["clients"],
)
.paging(PAGED);
/// `/Site`.
pub(crate) static SITES: EndpointSpec = resource(
    "sites",
    "/Site",
    "site",
    requirements::SITES_VERBS,
    &["sites"],
)
.paging(PAGED);
/// `/Asset` (schema `Device`), 50 a page whatever is asked.
pub(crate) static ASSETS: EndpointSpec = resource(
    "assets",
    "/Asset",
    "asset",
    requirements::ASSETS_VERBS,
    &["assets"],
)
.paging(PAGED);
/// `/Item` (products).
pub(crate) static PRODUCTS: EndpointSpec = resource(
    "products",
    "/Item",
    "product",
    requirements::PRODUCTS_VERBS,
    &["items"],
)
.paging(PAGED);
/// `/Appointment`.
pub(crate) static APPOINTMENTS: EndpointSpec = resource(
    "appointments",
    "/Appointment",
    "appointment",
    requirements::APPOINTMENTS_VERBS,
    &["appointments"],
)
.paging(PAGED);
/// `/SLA`.
pub(crate) static SLAS: EndpointSpec = resource(
    "slas",
    "/SLA",
    "SLA",
    requirements::SLAS_VERBS,
    UNDOCUMENTED,
);
/// `/KBArticle`.
pub(crate) static KB_ARTICLES: EndpointSpec = resource(
    "kb_articles",
    "/KBArticle",
    "knowledge-base article",
    requirements::KNOWLEDGE_BASE_VERBS,
    &["articles"],
)
.paging(PAGED);
/// `/ClientContract`.
pub(crate) static CONTRACTS: EndpointSpec = resource(
    "contracts",
    "/ClientContract",
    "contract",
    requirements::CONTRACTS_VERBS,
    &["contracts"],
)
.paging(PAGED);
/// `/Invoice`.
pub(crate) static INVOICES: EndpointSpec = resource(
    "invoices",
    "/Invoice",
    "invoice",
    requirements::INVOICES_VERBS,
    &["invoices"],
)
.paging(PAGED);
/// `/Quotation`.
pub(crate) static QUOTATIONS: EndpointSpec = resource(
    "quotations",
    "/Quotation",
    "quotation",
    requirements::QUOTATIONS_VERBS,
    &["quotes"],
)
.paging(PAGED);
/// `/Supplier`.
pub(crate) static SUPPLIERS: EndpointSpec = resource(
    "suppliers",
    "/Supplier",
    "supplier",
    requirements::SUPPLIERS_VERBS,
    &["suppliers"],
)
.paging(PAGED);
/// `/Opportunities` (tickets of the CRM; listed under `tickets`).
pub(crate) static OPPORTUNITIES: EndpointSpec = resource(
    "opportunities",
    "/Opportunities",
    "opportunity",
    requirements::OPPORTUNITIES_VERBS,
    &["tickets"],
)
.paging(PAGED);
/// `/Report` (schema `AnalyzerProfile`); `/ReportData` shares its requirements.
pub(crate) static REPORTS: EndpointSpec = resource(
    "reports",
    "/Report",
    "report",
    requirements::REPORTS_VERBS,
    &["reports"],
)
.paging(PAGED);
/// `/Status`.
pub(crate) static STATUSES: EndpointSpec = resource(
    "statuses",
    "/Status",
    "status",
    requirements::CONFIGURATION_VERBS,
    &["statuses"],
);
/// `/Priority`: string ids (a UUID; `priorityid` is the number tickets carry).
pub(crate) static PRIORITIES: EndpointSpec = resource(
    "priorities",
    "/Priority",
    "priority",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
)
.id(IdKind::Text);
/// `/Category`.
pub(crate) static CATEGORIES: EndpointSpec = resource(
    "categories",
    "/Category",
    "category",
    requirements::CONFIGURATION_VERBS,
    &["categories"],
);
/// `/Team`.
pub(crate) static TEAMS: EndpointSpec = resource(
    "teams",
    "/Team",
    "team",
    requirements::CONFIGURATION_VERBS,
    &["teams"],
);
/// `/Agent`.
pub(crate) static AGENTS: EndpointSpec = resource(
    "agents",
    "/Agent",
    "agent",
    requirements::CONFIGURATION_VERBS,
    &["agents"],
);
/// `/TicketType`.
pub(crate) static TICKET_TYPES: EndpointSpec = resource(
    "ticket_types",
    "/TicketType",
    "ticket type",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
);
/// `/Workflow`.
pub(crate) static WORKFLOWS: EndpointSpec = resource(
    "workflows",
    "/Workflow",
    "workflow",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
);

/// `/RecurringInvoice` (invoices area).
pub(crate) static RECURRING_INVOICES: EndpointSpec = resource(
    "recurring_invoices",
    "/RecurringInvoice",
    "recurring invoice",
    requirements::RECURRING_INVOICES_VERBS,
    &["invoices"],
)
.paging(PAGED);
/// `/PurchaseOrder` (invoices area, scope `pos`).
pub(crate) static PURCHASE_ORDERS: EndpointSpec = resource(
    "purchase_orders",
    "/PurchaseOrder",
    "purchase order",
    requirements::PURCHASE_ORDERS_VERBS,
    &["purchaseorders"],
)
.paging(PAGED);
/// `/SalesOrder` (invoices area, scope `sos`).
pub(crate) static SALES_ORDERS: EndpointSpec = resource(
    "sales_orders",
    "/SalesOrder",
    "sales order",
    requirements::SALES_ORDERS_VERBS,
    &["salesorders"],
)
.paging(PAGED);
/// `/ContractSchedule` (contracts area): records carry a UUID `id`, the path
/// takes it as a string.
pub(crate) static CONTRACT_SCHEDULES: EndpointSpec = resource(
    "contract_schedules",
    "/ContractSchedule",
    "contract schedule",
    requirements::CONTRACT_SCHEDULES_VERBS,
    UNDOCUMENTED,
)
.id(IdKind::Text);
/// `/ClientPrepay` (contracts area).
pub(crate) static CLIENT_PREPAYS: EndpointSpec = resource(
    "client_prepays",
    "/ClientPrepay",
    "prepay record",
    requirements::CLIENT_PREPAYS_VERBS,
    UNDOCUMENTED,
)
.paging(PAGED);
/// `/SupplierContract` (suppliers area).
pub(crate) static SUPPLIER_CONTRACTS: EndpointSpec = resource(
    "supplier_contracts",
    "/SupplierContract",
    "supplier contract",
    requirements::SUPPLIER_CONTRACTS_VERBS,
    UNDOCUMENTED,
)
.paging(PAGED);
/// `/Outcome`: action outcomes (which is a private note, a time entry).
pub(crate) static OUTCOMES: EndpointSpec = resource(
    "outcomes",
    "/Outcome",
    "outcome",
    requirements::CONFIGURATION_VERBS,
    &["outcomes"],
);
/// `/AssetType`.
pub(crate) static ASSET_TYPES: EndpointSpec = resource(
    "asset_types",
    "/AssetType",
    "asset type",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
);
/// `/AssetGroup`.
pub(crate) static ASSET_GROUPS: EndpointSpec = resource(
    "asset_groups",
    "/AssetGroup",
    "asset group",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
);
/// `/Field`: custom fields.
pub(crate) static FIELDS: EndpointSpec = resource(
    "fields",
    "/Field",
    "field",
    requirements::CONFIGURATION_VERBS,
    &["fields"],
);
/// `/FieldInfo`: field definitions (required fields per ticket type).
pub(crate) static FIELD_INFOS: EndpointSpec = resource(
    "field_infos",
    "/FieldInfo",
    "field definition",
    requirements::CONFIGURATION_VERBS,
    UNDOCUMENTED,
);
/// `/Lookup`: lookup values (one lookup table per `lookupid`).
pub(crate) static LOOKUPS: EndpointSpec = resource(
    "lookups",
    "/Lookup",
    "lookup value",
    requirements::CONFIGURATION_VERBS,
    &["lookups"],
);
/// `/TopLevel`: the top levels companies belong to.
pub(crate) static TOP_LEVELS: EndpointSpec = resource(
    "top_levels",
    "/TopLevel",
    "top level",
    requirements::TOP_LEVELS_VERBS,
    UNDOCUMENTED,
)
.paging(PAGED);
/// `/Timesheet`: an agent's day (no delete in the spec).
pub(crate) static TIMESHEETS: EndpointSpec = resource(
    "timesheets",
    "/Timesheet",
    "timesheet",
    requirements::TIMESHEET_DAYS_VERBS,
    &["timesheets"],
);
/// `/TimesheetEvent`.
pub(crate) static TIMESHEET_EVENTS: EndpointSpec = resource(
    "timesheet_events",
    "/TimesheetEvent",
    "timesheet event",
    requirements::TIMESHEETS_VERBS,
    UNDOCUMENTED,
);
/// `/Projects` (schema `Faults`, listed under `tickets`).
pub(crate) static PROJECTS: EndpointSpec = resource(
    "projects",
    "/Projects",
    "project",
    requirements::PROJECTS_VERBS,
    &["tickets"],
)
.paging(PAGED);
/// `/CRMNote` (listed under `actions`; `count` limits it, no paging).
pub(crate) static CRM_NOTES: EndpointSpec = resource(
    "crm_notes",
    "/CRMNote",
    "CRM note",
    requirements::CRM_NOTES_VERBS,
    &["actions"],
);
/// `/Attachment`: a ticket's attachments (tickets area; `GET /Attachment/{id}`
/// is the raw file).
pub(crate) static ATTACHMENTS: EndpointSpec = resource(
    "attachments",
    "/Attachment",
    "attachment",
    requirements::TICKETS_VERBS,
    &["attachments"],
);

/// Whether the endpoint's list is paged.
pub(crate) fn is_paged(spec: &EndpointSpec) -> bool {
    spec.paging != PagingScheme::None
}
