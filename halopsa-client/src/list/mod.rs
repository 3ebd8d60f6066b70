//! List requests: typed filters, one page, a stream of pages, a stream of items.
//!
//! Halo paginates with `pageinate=true`, a 1-based `page_no` and `page_size` ≤ 100.
//! The pager stops on `record_count` and on the number of items actually returned
//! — never on the requested page size, because Halo silently caps pages at 100 and
//! some endpoints (`/Asset`) serve 50 whatever is asked. A bare-array answer from
//! a paginated endpoint (it ignored `pageinate`) that is full — at least the page
//! size or 50 items, the API agent's default page — is not taken as the whole
//! list: the next page is read too, and the list ends on an empty or short page or
//! a repeat, with a warning.
//!
//! Endpoints the spec gives no paging parameters (`/Actions` and the configuration
//! lists, [`ResourceDef::paginated`] `false`) are read with one GET without them,
//! and that reply — bare or wrapped, with or without `record_count` — is the whole
//! list. A paginated endpoint that answers without `record_count` and serves the
//! previous page again (it ignored `page_no`) ends the list there; with
//! `record_count` still ahead, the same repetition is a stall
//! ([`Error::PaginationStalled`]).
//!
//! Streams ([`ListRequest::pages`], [`ListRequest::stream`],
//! [`ListRequest::collect_all`]) of a paginated resource send `order=id` and
//! `orderdesc=false` unless the caller chose an order, so that records created
//! during a long sync are appended at the end instead of shifting the pages.

mod date_field;
mod pager;

use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use futures_util::TryStreamExt;
use futures_util::stream::{self, BoxStream};
use neo_auth_core::{Error, Page, PageToken, PagerLimits, RequestOptions, Result};
use serde::de::DeserializeOwned;

use crate::client::{Client, MAX_PAGE_SIZE};
use crate::date::format_halo_time;
use crate::endpoints::ResourceDef;

pub use date_field::DateField;
use pager::{PagerMemory, fetch_page, observe};

/// The order a stream of a paginated list uses when the caller set none: by id,
/// ascending, so that pages do not shift while records are being created.
pub(crate) const STABLE_ORDER: [(&str, &str); 2] = [("order", "id"), ("orderdesc", "false")];

/// A list request for one resource. Ends in [`ListRequest::send`] (first page),
/// [`ListRequest::page`], [`ListRequest::pages`], [`ListRequest::stream`] or
/// [`ListRequest::collect_all`].
///
/// Every filter is offered on every resource, but each Halo endpoint honours only
/// some of them and ignores the rest silently. Each filter's documentation lists
/// the endpoints whose OpenAPI parameters include it; elsewhere it is sent but
/// has no effect. [`ListRequest::param`] sends any other parameter.
///
/// For an unpaginated resource ([`ResourceDef::paginated`] `false`) every ending
/// makes one GET without paging parameters: the first page is the whole list,
/// [`ListRequest::page_size`] does not apply, and pages after the first are empty.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// # async fn run(client: halopsa_client::Client) -> neo_auth_core::Result<()> {
/// let mut open = client
///     .tickets()
///     .list()
///     .client_id(12)
///     .statuses(&[1, 2])
///     .open_only(true)
///     .stream();
/// while let Some(ticket) = open.try_next().await? {
///     println!("{:?} {:?}", ticket.id, ticket.summary);
/// }
/// # Ok(()) }
/// ```
#[must_use]
pub struct ListRequest<T> {
    client: Client,
    def: &'static ResourceDef,
    params: Vec<(String, String)>,
    page_size: u32,
    max_pages: Option<u64>,
    allow_ignored_paging: bool,
    options: RequestOptions,
    /// A filter given a value Halo cannot take; reported when sent.
    invalid: Option<String>,
    _item: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for ListRequest<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListRequest")
            .field("resource", &self.def.path)
            .field("params", &self.params)
            .field("page_size", &self.page_size)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> ListRequest<T> {
    pub(crate) fn new(client: Client, def: &'static ResourceDef) -> Self {
        let page_size = client.page_size();
        ListRequest {
            client,
            def,
            params: Vec::new(),
            page_size,
            max_pages: None,
            allow_ignored_paging: false,
            options: RequestOptions::default(),
            invalid: None,
            _item: PhantomData,
        }
    }

    /// Per-request overrides (timeouts, attempts), applied to every page request.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a raw query parameter (for the many filters not modelled here).
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// Free-text search (`search`). Honoured by `/Tickets`, `/Users`, `/Client`,
    /// `/Site`, `/Asset`, `/Item`, `/Appointment`, `/KBArticle`,
    /// `/ClientContract`, `/Invoice`, `/Quotation`, `/Supplier`,
    /// `/Opportunities`, `/Report` and `/Agent`.
    pub fn search(self, text: impl Into<String>) -> Self {
        self.param("search", text.into())
    }

    /// Only records of this company (`client_id`). Honoured by `/Tickets`,
    /// `/Users`, `/Site`, `/Asset`, `/Appointment`, `/KBArticle`,
    /// `/ClientContract`, `/Invoice`, `/Quotation`, `/Opportunities`,
    /// `/Category`, `/Agent` and `/TicketType` (not by `/Client` itself).
    pub fn client_id(self, id: i64) -> Self {
        self.param("client_id", id)
    }

    /// Only records of this site (`site_id`). Honoured by `/Tickets`, `/Users`,
    /// `/Site`, `/Asset`, `/KBArticle`, `/ClientContract`, `/Invoice`,
    /// `/Quotation` and `/Opportunities`.
    pub fn site_id(self, id: i64) -> Self {
        self.param("site_id", id)
    }

    /// Only records of this contact (`user_id`). Honoured by `/Tickets`,
    /// `/Asset`, `/Invoice`, `/Quotation` and `/Opportunities`.
    pub fn user_id(self, id: i64) -> Self {
        self.param("user_id", id)
    }

    /// Only records of this agent (`agent_id`). Honoured by `/Tickets` and
    /// `/Opportunities`. For several agents use [`ListRequest::agents`].
    pub fn agent_id(self, id: i64) -> Self {
        self.param("agent_id", id)
    }

    /// Only records with this status (`status_id`). Honoured by `/Tickets` and
    /// `/Opportunities`. For several statuses use [`ListRequest::statuses`].
    pub fn status_id(self, id: i64) -> Self {
        self.param("status_id", id)
    }

    /// Only records whose status is one of `ids` (`status`, sent comma-separated,
    /// as the spec's "array of int" parameters are strings). Honoured by
    /// `/Tickets` and `/Opportunities`. An empty slice is refused when sent.
    pub fn statuses(self, ids: &[i64]) -> Self {
        self.id_list("status", "statuses", ids)
    }

    /// Only records assigned to one of the agents `ids` (`agent`, comma-separated).
    /// Honoured by `/Tickets` and `/Opportunities`. An empty slice is refused when
    /// sent.
    pub fn agents(self, ids: &[i64]) -> Self {
        self.id_list("agent", "agents", ids)
    }

    /// Only records of one of the teams `ids` (`team`, team ids comma-separated).
    /// Honoured by `/Tickets` and `/Opportunities` (`/Agent` also has a `team`
    /// parameter, documented as a single team, not a list of ids). An empty slice
    /// is refused when sent.
    pub fn teams(self, ids: &[i64]) -> Self {
        self.id_list("team", "teams", ids)
    }

    /// Only open tickets (`open_only`). Honoured by `/Tickets` and `/Opportunities`.
    pub fn open_only(self, open: bool) -> Self {
        self.param("open_only", open)
    }

    /// Only closed tickets (`closed_only`). Honoured by `/Tickets` and
    /// `/Opportunities`.
    pub fn closed_only(self, closed: bool) -> Self {
        self.param("closed_only", closed)
    }

    /// Includes inactive records (`includeinactive`). Honoured by `/Users`,
    /// `/Client`, `/Site`, `/Asset`, `/Item`, `/KBArticle`, `/ClientContract`,
    /// `/Supplier` and `/Workflow`.
    pub fn include_inactive(self, include: bool) -> Self {
        self.param("includeinactive", include)
    }

    /// Orders by a field, ascending (`order`, `orderdesc=false`). Honoured by every
    /// paginated list. A stream ordered by a field that is not unique can still
    /// shift between pages while records change; the default (no order set) is
    /// the stable order (`order=id&orderdesc=false`).
    pub fn order_by(self, field: impl Into<String>) -> Self {
        self.param("order", field.into()).param("orderdesc", false)
    }

    /// Orders by a field, descending (`order`, `orderdesc=true`). Honoured by every
    /// paginated list.
    pub fn order_by_desc(self, field: impl Into<String>) -> Self {
        self.param("order", field.into()).param("orderdesc", true)
    }

    /// Records whose `field` lies between `from` and `to`, UTC (`datesearch`,
    /// `startdate`, `enddate`). Honoured by `/Tickets` and `/Opportunities`
    /// (`/Actions` takes `startdate`/`enddate` for the action date). Only
    /// [`DateField::Occurred`] and [`DateField::Cleared`] are documented values.
    pub fn date_range(self, field: DateField, from: SystemTime, to: SystemTime) -> Self {
        self.param("datesearch", field.wire())
            .param("startdate", format_halo_time(from))
            .param("enddate", format_halo_time(to))
    }

    /// Records updated between `from` and `to`, UTC (`lastupdatefromdate`,
    /// `lastupdatetodate`). Honoured by `/Tickets`, `/Users`, `/Client`, `/Site`,
    /// `/Asset` and `/Opportunities` (the spec types `lastupdatefromdate` as a
    /// bool on `/Tickets`, evidently a spec slip: a date is sent).
    pub fn updated_between(self, from: SystemTime, to: SystemTime) -> Self {
        self.param("lastupdatefromdate", format_halo_time(from))
            .param("lastupdatetodate", format_halo_time(to))
    }

    /// Sets the page size (1–100; validated when sent). Ignored by unpaginated
    /// resources, which send no page size.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// Caps the number of pages a stream fetches (it fails as stalled past it).
    pub fn max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = Some(max_pages);
        self
    }

    /// Accepts a list whose endpoint ignores paging as complete.
    ///
    /// When a paginated endpoint ignores `pageinate`/`page_no` (Halo then serves
    /// the login agent's default page, 50 rows for an API agent, for every page
    /// number), the stream notices the repeated page. By default that is
    /// [`Error::PaginationStalled`], because records past the first page exist but
    /// cannot be read; with `true` the stream ends after the first page instead,
    /// with a warning in the log. The same holds for an unpaginated endpoint
    /// (e.g. `/Actions`) whose one reply carries a `record_count` above the
    /// records it holds.
    pub fn allow_ignored_paging(mut self, allow: bool) -> Self {
        self.allow_ignored_paging = allow;
        self
    }

    /// A comma-separated id list parameter; an empty list is remembered as invalid.
    fn id_list(mut self, key: &str, what: &str, ids: &[i64]) -> Self {
        if ids.is_empty() {
            self.invalid.get_or_insert_with(|| {
                format!("{what}() needs at least one id (an empty `{key}` filter would not filter)")
            });
            return self;
        }
        let value = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        self.param(key, value)
    }

    fn validate(&self) -> Result<()> {
        if let Some(invalid) = &self.invalid {
            return Err(Error::config(invalid.clone()));
        }
        if self.def.paginated && !(1..=MAX_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::config(format!(
                "page size {} is outside 1–{MAX_PAGE_SIZE}: Halo silently caps pages at 100",
                self.page_size
            )));
        }
        Ok(())
    }

    /// The first page (for an unpaginated resource: the whole list). Sends the
    /// filters as set, with no default order.
    pub async fn send(&self) -> Result<Page<T>> {
        self.page(1).await
    }

    /// Page `page_no` (1-based; 0 is taken as 1). For an unpaginated resource,
    /// page 1 is the whole list and later pages are empty (nothing is sent). Sends
    /// the filters as set, with no default order: to page by hand through a list
    /// that may change, set one (e.g. `order_by("id")`).
    pub async fn page(&self, page_no: u64) -> Result<Page<T>> {
        self.validate()?;
        let page_no = page_no.max(1);
        if !self.def.paginated && page_no > 1 {
            return Ok(Page::new(Vec::new(), None));
        }
        fetch_page(
            self.client.clone(),
            self.def,
            self.params.clone(),
            self.page_size,
            page_no,
            self.options.clone(),
        )
        .await
        .map(|fetched| fetched.page)
    }

    /// All pages, one in memory at a time. A paginated resource is read in
    /// the stable order `order=id&orderdesc=false` unless an order was set.
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>>> {
        if let Err(error) = self.validate() {
            return Box::pin(stream::once(async move { Err(error) }));
        }
        let limits = self
            .max_pages
            .map(|m| PagerLimits::default().with_max_pages(m))
            .unwrap_or_else(|| self.client.pager_limits());
        let ListRequest {
            client,
            def,
            mut params,
            page_size,
            options,
            allow_ignored_paging,
            ..
        } = self;
        if def.paginated && !params.iter().any(|(k, _)| k == "order") {
            params.extend(
                STABLE_ORDER
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
        }
        let memory = Arc::new(Mutex::new(PagerMemory::new(allow_ignored_paging)));
        Box::pin(neo_auth_core::pages(
            PageToken::Number(1),
            limits,
            move |token| {
                let client = client.clone();
                let params = params.clone();
                let options = options.clone();
                let memory = memory.clone();
                async move {
                    let PageToken::Number(page_no) = token else {
                        return Err(Error::config("HaloPSA pages are numbered"));
                    };
                    let fetched =
                        fetch_page(client, def, params, page_size, page_no, options).await?;
                    observe(&memory, def, fetched)
                }
            },
        ))
    }

    /// All items, streamed (one page in memory at a time), in the stable order (`order=id&orderdesc=false`)
    /// unless an order was set (see [`ListRequest::pages`]).
    pub fn stream(self) -> BoxStream<'static, Result<T>> {
        Box::pin(
            self.pages()
                .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    /// All items collected into a `Vec` (convenience for small lists), in
    /// the stable order (`order=id&orderdesc=false`) unless an order was set.
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.stream().try_collect().await
    }
}
