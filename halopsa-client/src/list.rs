//! List requests: typed filters, one page, a stream of pages, a stream of items.
//!
//! Halo paginates with `pageinate=true`, a 1-based `page_no` and `page_size` ≤ 100.
//! The pager stops on `record_count` and on the number of items actually returned
//! — never on the requested page size, because Halo silently caps pages at 100 and
//! some endpoints (`/Asset`) serve 50 whatever is asked. A bare-array answer (the
//! endpoint ignored pagination) is the complete list.
//!
//! Endpoints the spec gives no paging parameters (`/Actions` and the configuration
//! lists, [`ResourceDef::paginated`] `false`) are read with one GET without them,
//! and that reply — bare or wrapped, with or without `record_count` — is the whole
//! list. A paginated endpoint that answers without `record_count` and serves the
//! previous page again (it ignored `page_no`) ends the list there; with
//! `record_count` still ahead, the same repetition is a stall
//! ([`Error::PaginationStalled`]).

use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use futures_util::TryStreamExt;
use futures_util::stream::{self, BoxStream};
use neo_auth_core::{
    Access, ApiRequest, Error, Page, PageToken, PagerLimits, RequestOptions, Result, fingerprint,
};
use serde::de::DeserializeOwned;

use crate::client::{Client, MAX_PAGE_SIZE, api_path};
use crate::date::format_halo_time;
use crate::models::ListResponse;
use crate::resource::ResourceDef;

/// The date field a ticket date range applies to (`datesearch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateField {
    /// When the ticket was logged (`dateoccured`, Halo's spelling).
    Occurred,
    /// When the ticket was closed (`datecleared`).
    Cleared,
    /// The last action (`lastactiondate`).
    LastAction,
    /// The deadline (`deadlinedate`).
    Deadline,
}

impl DateField {
    fn wire(self) -> &'static str {
        match self {
            DateField::Occurred => "dateoccured",
            DateField::Cleared => "datecleared",
            DateField::LastAction => "lastactiondate",
            DateField::Deadline => "deadlinedate",
        }
    }
}

/// A list request for one resource. Ends in [`ListRequest::send`] (first page),
/// [`ListRequest::page`], [`ListRequest::pages`], [`ListRequest::stream`] or
/// [`ListRequest::collect_all`].
///
/// For an unpaginated resource ([`ResourceDef::paginated`] `false`) every ending
/// makes one GET without paging parameters: the first page is the whole list,
/// [`ListRequest::page_size`] does not apply, and pages after the first are empty.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// # async fn run(client: halopsa_client::Client) -> neo_auth_core::Result<()> {
/// let mut open = client.tickets().list().client_id(12).open_only(true).stream();
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
    options: RequestOptions,
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
            options: RequestOptions::default(),
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

    /// Free-text search.
    pub fn search(self, text: impl Into<String>) -> Self {
        self.param("search", text.into())
    }

    /// Only records of this company (Halo client).
    pub fn client_id(self, id: i64) -> Self {
        self.param("client_id", id)
    }

    /// Only records of this site.
    pub fn site_id(self, id: i64) -> Self {
        self.param("site_id", id)
    }

    /// Only records of this contact (Halo user).
    pub fn user_id(self, id: i64) -> Self {
        self.param("user_id", id)
    }

    /// Only records of this agent.
    pub fn agent_id(self, id: i64) -> Self {
        self.param("agent_id", id)
    }

    /// Only records with this status.
    pub fn status_id(self, id: i64) -> Self {
        self.param("status_id", id)
    }

    /// Only open tickets.
    pub fn open_only(self, open: bool) -> Self {
        self.param("open_only", open)
    }

    /// Only closed tickets.
    pub fn closed_only(self, closed: bool) -> Self {
        self.param("closed_only", closed)
    }

    /// Includes inactive records.
    pub fn include_inactive(self, include: bool) -> Self {
        self.param("includeinactive", include)
    }

    /// Orders by a field, ascending.
    pub fn order_by(self, field: impl Into<String>) -> Self {
        self.param("order", field.into()).param("orderdesc", false)
    }

    /// Orders by a field, descending.
    pub fn order_by_desc(self, field: impl Into<String>) -> Self {
        self.param("order", field.into()).param("orderdesc", true)
    }

    /// Tickets whose `field` lies between `from` and `to` (UTC).
    pub fn date_range(self, field: DateField, from: SystemTime, to: SystemTime) -> Self {
        self.param("datesearch", field.wire())
            .param("startdate", format_halo_time(from))
            .param("enddate", format_halo_time(to))
    }

    /// Records updated between `from` and `to` (UTC).
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

    fn validate(&self) -> Result<()> {
        if self.def.paginated && !(1..=MAX_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::config(format!(
                "page size {} is outside 1–{MAX_PAGE_SIZE}: Halo silently caps pages at 100",
                self.page_size
            )));
        }
        Ok(())
    }

    /// The first page (for an unpaginated resource: the whole list).
    pub async fn send(&self) -> Result<Page<T>> {
        self.page(1).await
    }

    /// Page `page_no` (1-based; 0 is taken as 1). For an unpaginated resource,
    /// page 1 is the whole list and later pages are empty (nothing is sent).
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
    }

    /// All pages, one in memory at a time.
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
            params,
            page_size,
            options,
            ..
        } = self;
        // The fingerprint of the previous page when it carried no `record_count`.
        let previous: Arc<Mutex<Option<u64>>> = Arc::default();
        Box::pin(neo_auth_core::pages(
            PageToken::Number(1),
            limits,
            move |token| {
                let client = client.clone();
                let params = params.clone();
                let options = options.clone();
                let previous = previous.clone();
                async move {
                    let PageToken::Number(page_no) = token else {
                        return Err(Error::config("HaloPSA pages are numbered"));
                    };
                    let page = fetch_page(client, def, params, page_size, page_no, options).await?;
                    Ok(end_on_repeat_without_count(def, page, &previous))
                }
            },
        ))
    }

    /// All items, streamed (one page in memory at a time).
    pub fn stream(self) -> BoxStream<'static, Result<T>> {
        Box::pin(
            self.pages()
                .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    /// All items collected into a `Vec` (convenience for small lists).
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.stream().try_collect().await
    }
}

/// One page. A paginated resource gets `pageinate=true`, `page_size` and
/// `page_no`; an unpaginated one none of them, and its reply is the whole list.
async fn fetch_page<T: DeserializeOwned>(
    client: Client,
    def: &'static ResourceDef,
    params: Vec<(String, String)>,
    page_size: u32,
    page_no: u64,
    options: RequestOptions,
) -> Result<Page<T>> {
    let mut request = ApiRequest::get(api_path(def.path)).queries(params);
    if def.paginated {
        request = request
            .query("pageinate", "true")
            .query("page_size", page_size)
            .query("page_no", page_no);
    }
    let request = request
        .requirement(def.operation(Access::Read, "list"))
        .options(options);
    let response = client.transport().send(request).await?;
    let body = response.body();
    let bare = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let list = ListResponse::<T>::from_slice_with_key(body, def.list_key)?;
    let next = if !def.paginated || bare || list.items.is_empty() {
        None
    } else {
        Some(PageToken::Number(page_no + 1))
    };
    Ok(Page::new(list.items, next)
        .with_total(list.record_count)
        .with_fingerprint(fingerprint(body)))
}

/// Ends a paginated list cleanly when a page without `record_count` repeats the
/// previous one (also without `record_count`): the endpoint ignored `page_no`, so
/// what was already yielded is all it serves. The page is replaced by an empty,
/// final one. A repeated page that does carry `record_count` is passed on
/// unchanged, so the core pager still reports a stall when records remain.
fn end_on_repeat_without_count<T>(
    def: &ResourceDef,
    page: Page<T>,
    previous: &Mutex<Option<u64>>,
) -> Page<T> {
    let mut previous = previous
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if page.total.is_some() {
        *previous = None;
        return page;
    }
    if page.fingerprint.is_some() && page.fingerprint == *previous {
        tracing::warn!(
            path = def.path,
            "Halo served the same page again without record_count (it ignores page_no); the list ends here"
        );
        return Page::new(Vec::new(), None);
    }
    *previous = page.fingerprint;
    page
}
