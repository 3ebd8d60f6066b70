//! Halo's lists on the core's [`ListCall`]: one list type per endpoint, each
//! carrying only the filters its endpoint honours (`filters.rs`), Halo's stop
//! rules as a per-stream hook (`hook.rs`), and the stable order of streams.
//!
//! Halo paginates with `pageinate=true`, a 1-based `page_no` and `page_size` ≤
//! 100 ([`endpoints`](crate::endpoints)). A list stops on `record_count` and on
//! the records actually returned — never on the requested page size, because
//! Halo silently caps pages at 100 and some endpoints (`/Asset`) serve 50
//! whatever is asked — and never yields a record twice: a page that brings no
//! new record fails as [`Error::PaginationStalled`](crate::Error::PaginationStalled).
//! A bare-array answer from a paged endpoint (it ignored `pageinate`) that is
//! full is not taken as the whole list: the next page is read too.
//!
//! Endpoints the spec gives no paging parameters (`/Actions` and the
//! configuration lists) are read with one GET without them, and that reply —
//! bare or wrapped, with or without `record_count` — is the whole list: page 1
//! is all of it, later pages are empty (nothing is sent), and the page size
//! does not apply.
//!
//! Streams (`pages`, `stream`, `collect_all`) of a paged list send `order=id`
//! and `orderdesc=false` unless the caller chose an order, so that records
//! created during a long sync are appended at the end instead of shifting the
//! pages. A single page (`send`, `page`) is sent with the filters as set: to
//! page by hand through a list that may change, set an order.

mod date_field;
mod filters;
mod finance;
mod hook;
mod lookups;
mod typed;
mod work;

use neo_auth_core::{EndpointSpec, ListCall};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::endpoints::is_paged;

pub use date_field::DateField;
pub use filters::{
    ActionList, AgentList, AppointmentList, AssetList, CategoryList, CompanyList, ContactList,
    ContractList, InvoiceList, KbArticleList, OpportunityList, PriorityList, ProductList,
    QuotationList, ReportList, SiteList, SlaList, StatusList, SupplierList, TeamList, TicketList,
    TicketTypeList, WorkflowList,
};
pub use finance::{
    ClientPrepayList, ContractScheduleList, PurchaseOrderList, RecurringInvoiceList,
    SalesOrderList, SupplierContractList,
};
use hook::HaloPages;
pub use lookups::{
    AssetGroupList, AssetTypeList, FieldInfoList, FieldList, LookupList, OutcomeList, TopLevelList,
};
pub use work::{AttachmentList, CrmNoteList, ProjectList, TimesheetEventList, TimesheetList};

/// The order a stream of a paged list uses when the caller set none: by id,
/// ascending, so that pages do not shift while records are being created.
const STABLE_ORDER: &[(&str, &str)] = &[("order", "id"), ("orderdesc", "false")];

/// A record type of one Halo endpoint, and the list type of that endpoint:
/// [`Resource::list`](crate::Resource::list) returns `Self::List`, which has the
/// filters the endpoint honours. Generic code reaches the list's common endings
/// through the core call: `let call: ListCall<T> = resource.list().into();`.
pub trait Record: Serialize + DeserializeOwned + Send + 'static {
    /// The endpoint's list type.
    type List: From<ListCall<Self>> + Into<ListCall<Self>>;
}

/// The list of `spec`: the client's page size and pager limits (paged lists),
/// the stable order for streams, and Halo's stop rules, fresh for every stream.
pub(crate) fn list_call<T: DeserializeOwned + Send + 'static>(
    client: &Client,
    spec: &'static EndpointSpec,
) -> ListCall<T> {
    let call = ListCall::new(client.transport(), spec)
        .limits(client.pager_limits())
        .stream_hook(move || HaloPages::new(spec, false));
    if is_paged(spec) {
        call.page_size(client.page_size())
            .stream_defaults(STABLE_ORDER)
    } else {
        call
    }
}

/// Accepting a list whose endpoint ignores paging (`allow_ignored_paging`).
fn allow_ignored_paging<T: DeserializeOwned + Send + 'static>(
    call: ListCall<T>,
    allow: bool,
) -> ListCall<T> {
    let spec = call.spec();
    call.stream_hook(move || HaloPages::new(spec, allow))
}
