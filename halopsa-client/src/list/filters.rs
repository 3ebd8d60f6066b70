//! One list type per Halo endpoint, each with only the filters its endpoint's
//! OpenAPI parameters include: a filter the endpoint ignores does not compile
//! (`client.companies().list().open_only(true)` has no `open_only`).
//!
//! Every list also has the endings and settings of the core's
//! [`list_builder!`](neo_auth_core::list_builder) (`param` for any other
//! parameter, `page_size`, `max_pages`, `options`, `send`, `page`, `pages`,
//! `stream`, `collect_all`) and [`allow_ignored_paging`](TicketList::allow_ignored_paging).

use std::time::SystemTime;

use super::typed::typed_filters;
use crate::date::format_halo_time;
use crate::list::DateField;
use crate::models::{
    Action, Agent, Appointment, Asset, Category, Company, Contract, Invoice, Item, KbArticle,
    Opportunity, Priority, Quotation, Report, Site, Sla, Status, Supplier, Team, Ticket,
    TicketType, User, Workflow,
};

/// One filter method, by name.
macro_rules! filter {
    (search) => {
        /// Free-text search (`search`).
        pub fn search(self, text: impl Into<String>) -> Self {
            self.param("search", text.into())
        }
    };
    (client_id) => {
        /// Only records of this company (`client_id`).
        pub fn client_id(self, id: i64) -> Self {
            self.param("client_id", id)
        }
    };
    (site_id) => {
        /// Only records of this site (`site_id`).
        pub fn site_id(self, id: i64) -> Self {
            self.param("site_id", id)
        }
    };
    (user_id) => {
        /// Only records of this contact (`user_id`).
        pub fn user_id(self, id: i64) -> Self {
            self.param("user_id", id)
        }
    };
    (tickets) => {
        /// Only records of this agent (`agent_id`). For several agents use `agents`.
        pub fn agent_id(self, id: i64) -> Self {
            self.param("agent_id", id)
        }

        /// Only records with this status (`status_id`). For several statuses use
        /// `statuses`.
        pub fn status_id(self, id: i64) -> Self {
            self.param("status_id", id)
        }

        /// Only records whose status is one of `ids` (`status`, sent
        /// comma-separated, as the spec's "array of int" parameters are strings).
        /// An empty slice is refused when sent.
        pub fn statuses(self, ids: &[i64]) -> Self {
            self.id_list("status", "statuses", ids)
        }

        /// Only records assigned to one of the agents `ids` (`agent`,
        /// comma-separated). An empty slice is refused when sent.
        pub fn agents(self, ids: &[i64]) -> Self {
            self.id_list("agent", "agents", ids)
        }

        /// Only records of one of the teams `ids` (`team`, team ids
        /// comma-separated). An empty slice is refused when sent.
        pub fn teams(self, ids: &[i64]) -> Self {
            self.id_list("team", "teams", ids)
        }

        /// Only open tickets (`open_only`).
        pub fn open_only(self, open: bool) -> Self {
            self.param("open_only", open)
        }

        /// Only closed tickets (`closed_only`).
        pub fn closed_only(self, closed: bool) -> Self {
            self.param("closed_only", closed)
        }

        /// Records whose `field` lies between `from` and `to`, UTC (`datesearch`,
        /// `startdate`, `enddate`). Only [`DateField::Occurred`] and
        /// [`DateField::Cleared`] are documented values.
        pub fn date_range(self, field: DateField, from: SystemTime, to: SystemTime) -> Self {
            self.param("datesearch", field.wire())
                .param("startdate", format_halo_time(from))
                .param("enddate", format_halo_time(to))
        }

        /// A comma-separated id list parameter; an empty list is refused when sent.
        fn id_list(self, key: &str, what: &str, ids: &[i64]) -> Self {
            if ids.is_empty() {
                return self.refuse(format!(
                    "{what}() needs at least one id (an empty `{key}` filter would not filter)"
                ));
            }
            let value = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            self.param(key, value)
        }
    };
    (include_inactive) => {
        /// Includes inactive records (`includeinactive`).
        pub fn include_inactive(self, include: bool) -> Self {
            self.param("includeinactive", include)
        }
    };
    (order) => {
        /// Orders by a field, ascending (`order`, `orderdesc=false`). A stream
        /// ordered by a field that is not unique can still shift between pages
        /// while records change; the default (no order set) is the stable order
        /// (`order=id&orderdesc=false`).
        pub fn order_by(self, field: impl Into<String>) -> Self {
            self.param("order", field.into()).param("orderdesc", false)
        }

        /// Orders by a field, descending (`order`, `orderdesc=true`).
        pub fn order_by_desc(self, field: impl Into<String>) -> Self {
            self.param("order", field.into()).param("orderdesc", true)
        }
    };
    (updated_between) => {
        /// Records updated between `from` and `to`, UTC (`lastupdatefromdate`,
        /// `lastupdatetodate`). Offered on `/Tickets` and `/Opportunities` only:
        /// there the parameters filter (the spec's `bool` type for them is a
        /// slip, a date is sent); on `/Users`, `/Client`, `/Site` and `/Asset`
        /// `lastupdatefromdate` is a bool "include the field" and filters nothing.
        pub fn updated_between(self, from: SystemTime, to: SystemTime) -> Self {
            self.param("lastupdatefromdate", format_halo_time(from))
                .param("lastupdatetodate", format_halo_time(to))
        }
    };
}

/// A list type of one endpoint, its record type's [`Record`](super::Record)
/// impl, and the filters it honours.
macro_rules! halo_list {
    ($(#[$meta:meta])* $name:ident => $item:ty, $path:literal: [$($filter:ident),*]) => {
        neo_auth_core::list_builder! {
            $(#[$meta])*
            #[doc = ""]
            #[doc = concat!("The list of `", $path, "`; see [the list rules](crate::Resource::list).")]
            pub struct $name => $item;
        }

        impl $name {
            $(filter!($filter);)*

            /// Accepts a list whose endpoint ignores paging as complete.
            ///
            /// When a paged endpoint ignores `pageinate`/`page_no` (Halo then
            /// serves the login agent's default page, 50 rows for an API agent,
            /// for every page number), the stream notices the repeated records.
            /// By default that is [`Error::PaginationStalled`](crate::Error::PaginationStalled),
            /// because records past the first page exist but cannot be read;
            /// with `true` the stream ends after the first page instead, with a
            /// warning in the log. The same holds for an unpaged endpoint (e.g.
            /// `/Actions`) whose one reply carries a `record_count` above the
            /// records it holds.
            pub fn allow_ignored_paging(self, allow: bool) -> Self {
                self.map_call(|call| super::allow_ignored_paging(call, allow))
            }
        }

        impl super::Record for $item {
            type List = $name;
        }

        impl ::std::convert::From<$name> for neo_auth_core::ListCall<$item> {
            fn from(list: $name) -> Self {
                list.into_call()
            }
        }
    };
}

halo_list! {
    /// Tickets.
    TicketList => Ticket, "/Tickets": [search, client_id, site_id, user_id, tickets, order, updated_between]
}
halo_list! {
    /// The actions of one ticket (one GET; `/Actions` also takes
    /// `startdate`/`enddate` for the action date, through `param`).
    ActionList => Action, "/Actions": []
}
typed_filters!(TicketList {
    id requesttype_id = "requesttype_id": "Only tickets of this ticket type";
    ids requesttypes = "requesttype": "Only tickets of one of these ticket types";
    ids categories_1 = "category_1": "Only tickets with one of these first-level category ids";
    ids categories_2 = "category_2": "Only tickets with one of these second-level category ids";
    ids categories_3 = "category_3": "Only tickets with one of these third-level category ids";
    ids categories_4 = "category_4": "Only tickets with one of these fourth-level category ids";
    ids priorities = "priority": "Only tickets with one of these priority ids";
    ids slas = "sla": "Only tickets under one of these SLA ids";
    ids client_ids = "client_ids": "Only tickets of one of these companies";
    id asset_id = "asset_id": "Only tickets of this asset";
    id contract_id = "contract_id": "Only tickets of this contract";
    flag ticket_id_only = "ticketidonly": "Only the id fields (ticket, SLA, status, client)";
});
typed_filters!(ActionList {
    flag exclude_system = "excludesys": "Leaves out system actions";
    flag time_entries_only = "timeentriesonly": "Only time entries";
    flag exclude_private = "excludeprivate": "Only public actions";
    flag important_only = "importantonly": "Only important actions";
    flag sla_only = "slaonly": "Only SLA hold and release actions";
    flag conversation_only = "conversationonly": "Only the agent to end-user conversation";
    flag agent_only = "agentonly": "Only actions done by agents";
    flag supplier_only = "supplieronly": "Only actions relating to suppliers";
    flag include_attachments = "includeattachments": "Includes attachment details";
    id count = "count": "At most this many actions";
});
halo_list! {
    /// Contacts (Halo users).
    ContactList => User, "/Users": [search, client_id, site_id, include_inactive, order]
}
halo_list! {
    /// Companies (Halo clients).
    CompanyList => Company, "/Client": [search, include_inactive, order]
}
halo_list! {
    /// Sites.
    SiteList => Site, "/Site": [search, client_id, site_id, include_inactive, order]
}
halo_list! {
    /// Assets.
    AssetList => Asset, "/Asset": [search, client_id, site_id, user_id, include_inactive, order]
}
halo_list! {
    /// Products (Halo items).
    ProductList => Item, "/Item": [search, include_inactive, order]
}
halo_list! {
    /// Appointments.
    AppointmentList => Appointment, "/Appointment": [search, client_id, order]
}
halo_list! {
    /// SLAs (one GET).
    SlaList => Sla, "/SLA": []
}
halo_list! {
    /// Knowledge-base articles.
    KbArticleList => KbArticle, "/KBArticle": [search, client_id, site_id, include_inactive, order]
}
halo_list! {
    /// Client contracts.
    ContractList => Contract, "/ClientContract": [search, client_id, site_id, include_inactive, order]
}
halo_list! {
    /// Invoices.
    InvoiceList => Invoice, "/Invoice": [search, client_id, site_id, user_id, order]
}
halo_list! {
    /// Quotations.
    QuotationList => Quotation, "/Quotation": [search, client_id, site_id, user_id, order]
}
halo_list! {
    /// Suppliers.
    SupplierList => Supplier, "/Supplier": [search, include_inactive, order]
}
halo_list! {
    /// Opportunities.
    OpportunityList => Opportunity, "/Opportunities": [search, client_id, site_id, user_id, tickets, order, updated_between]
}
halo_list! {
    /// Reports.
    ReportList => Report, "/Report": [search, order]
}
halo_list! {
    /// Ticket statuses (one GET).
    StatusList => Status, "/Status": []
}
halo_list! {
    /// Priorities (one GET).
    PriorityList => Priority, "/Priority": []
}
halo_list! {
    /// Ticket categories (one GET).
    CategoryList => Category, "/Category": [client_id]
}
halo_list! {
    /// Teams (one GET).
    TeamList => Team, "/Team": []
}
halo_list! {
    /// Agents (one GET; `/Agent` also has a `team` parameter, documented as a
    /// single team, through `param`).
    AgentList => Agent, "/Agent": [search, client_id]
}
halo_list! {
    /// Ticket types (one GET).
    TicketTypeList => TicketType, "/TicketType": [client_id]
}
halo_list! {
    /// Workflows (one GET).
    WorkflowList => Workflow, "/Workflow": [include_inactive]
}

pub(super) use {filter, halo_list};
