//! The resources the fake serves: path, list envelope key and paging behaviour.

/// How a resource's list behaves. Which endpoints page follows the OpenAPI spec:
/// only the lists it gives `pageinate` / `page_no` are paged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `{record_count, <key>}`; 50 rows without `pageinate`, pages capped at 100.
    Paged,
    /// Like `Paged`, but every page holds 50 whatever `page_size` says (`/Asset`).
    FixedFifty,
    /// Not paginated, wrapped: `{record_count, <key>}` holding every matching
    /// record, whatever `pageinate` / `page_size` / `page_no` say (`/Actions`).
    Unpaged,
    /// A configuration list, not paginated: a bare array of every matching record
    /// whatever the paging parameters say (or `{<key>: [...]}` without
    /// `record_count` when [`FakeConfig::config_lists_wrapped`](super::FakeConfig::config_lists_wrapped)
    /// is set); unaffected by the agent's visibility.
    Config,
}

/// One resource.
#[derive(Debug)]
pub(crate) struct ResourceDef {
    /// The path segment as the spec spells it (`Tickets`, `Client`).
    pub(crate) path: &'static str,
    /// The list envelope key.
    pub(crate) key: &'static str,
    /// Paging behaviour.
    pub(crate) kind: Kind,
    /// Whether the record's `id` is a string (priorities: a UUID, `priorityid` is the
    /// number). Such records are found by that string only, as `/Priority/{id}` in
    /// the spec takes a string.
    pub(crate) string_id: bool,
}

const fn def(path: &'static str, key: &'static str, kind: Kind) -> ResourceDef {
    ResourceDef {
        path,
        key,
        kind,
        string_id: false,
    }
}

/// `/Actions`: keyed by `(ticket_id, id)`, stored apart from the others.
pub(crate) static ACTIONS: ResourceDef = def("Actions", "actions", Kind::Unpaged);

/// Every resource but actions.
pub(crate) const RESOURCES: &[ResourceDef] = &[
    def("Tickets", "tickets", Kind::Paged),
    def("Users", "users", Kind::Paged),
    def("Client", "clients", Kind::Paged),
    def("Site", "sites", Kind::Paged),
    def("Asset", "assets", Kind::FixedFifty),
    def("Item", "items", Kind::Paged),
    def("Appointment", "appointments", Kind::Paged),
    def("KBArticle", "articles", Kind::Paged),
    def("ClientContract", "contracts", Kind::Paged),
    def("Invoice", "invoices", Kind::Paged),
    def("Quotation", "quotes", Kind::Paged),
    def("Supplier", "suppliers", Kind::Paged),
    def("Opportunities", "tickets", Kind::Paged),
    def("Report", "reports", Kind::Paged),
    def("Status", "statuses", Kind::Config),
    ResourceDef {
        string_id: true,
        ..def("Priority", "priorities", Kind::Config)
    },
    def("Category", "categories", Kind::Config),
    def("Team", "teams", Kind::Config),
    def("Agent", "agents", Kind::Config),
    def("TicketType", "tickettypes", Kind::Config),
    def("Workflow", "workflows", Kind::Config),
    def("SLA", "slas", Kind::Config),
    def("RecurringInvoice", "invoices", Kind::Paged),
    def("PurchaseOrder", "purchaseorders", Kind::Paged),
    def("SalesOrder", "salesorders", Kind::Paged),
    ResourceDef {
        string_id: true,
        ..def("ContractSchedule", "schedules", Kind::Config)
    },
    def("ClientPrepay", "prepays", Kind::Paged),
    def("SupplierContract", "contracts", Kind::Paged),
    def("Outcome", "outcomes", Kind::Config),
    def("AssetType", "assettypes", Kind::Config),
    def("AssetGroup", "assetgroups", Kind::Config),
    def("Field", "fields", Kind::Config),
    def("FieldInfo", "fieldinfos", Kind::Config),
    def("Lookup", "lookups", Kind::Config),
    def("TopLevel", "tree", Kind::Paged),
    def("Timesheet", "timesheets", Kind::Unpaged),
    def("TimesheetEvent", "events", Kind::Config),
    def("Projects", "tickets", Kind::Paged),
    def("CRMNote", "actions", Kind::Unpaged),
    def("Attachment", "attachments", Kind::Unpaged),
];

/// The resource named `name` (case-insensitive), actions included.
pub(crate) fn lookup(name: &str) -> Option<&'static ResourceDef> {
    if name.eq_ignore_ascii_case(ACTIONS.path) {
        return Some(&ACTIONS);
    }
    RESOURCES.iter().find(|d| d.path.eq_ignore_ascii_case(name))
}

/// Whether `def` is the actions resource.
pub(crate) fn is_actions(def: &ResourceDef) -> bool {
    def.path == ACTIONS.path
}
