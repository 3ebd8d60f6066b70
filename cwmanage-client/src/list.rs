//! List and count requests, with ConnectWise's two paging modes.
//!
//! - **Navigable** (`page`/`pageSize`, the next page in the `Link` header): what
//!   [`ListRequest::send`] uses for its one page, and what every list with an
//!   `orderBy` uses.
//! - **Forward-only** (`pagination-type: forward-only`, keyset by id through
//!   `pageId`): the default of full scans ([`ListRequest::pages`],
//!   [`ListRequest::stream`], [`ListRequest::collect_all`]) on endpoints that
//!   allow it. An endpoint that answers the first forward-only page without any
//!   `Link` header does not page that way: the scan starts again navigably.
//!
//! Either way every record arrives once (the core's pager tells records apart
//! by id and follows `Link` URLs whatever the order of their parameters), and a
//! full navigable page without a `Link` header fails the scan instead of
//! silently ending it.

use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::{StreamExt, TryStreamExt, stream};
use http::{HeaderName, HeaderValue};
use neo_auth_core::{
    ApiRequest, ClientCore, Error, ItemStream, ListCall, Page, PageHook, PageSeen, PageStream,
    PageVerdict, Result, Verb, collection_path,
};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::conditions::Condition;
use crate::endpoints::Endpoint;
use crate::models::Count;
use crate::query::{ListQuery, Order};

/// The request header that asks for forward-only paging.
pub const PAGINATION_TYPE_HEADER: &str = "pagination-type";

/// How a list pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingMode {
    /// `page`/`pageSize` with `Link` headers.
    Navigable,
    /// `pagination-type: forward-only` with `pageId` (ordered by id, no `orderBy`).
    ForwardOnly,
}

/// A list of one endpoint: conditions and shaping, then [`send`](Self::send)
/// (the first page), [`pages`](Self::pages), [`stream`](Self::stream) or
/// [`collect_all`](Self::collect_all).
#[must_use = "a list request does nothing until sent"]
pub struct ListRequest<T> {
    client: Client,
    endpoint: &'static Endpoint,
    parent: Option<i64>,
    query: ListQuery,
    page_size: Option<u32>,
    mode: Option<PagingMode>,
    max_pages: Option<u64>,
    _record: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for ListRequest<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListRequest")
            .field("endpoint", &self.endpoint.spec.name)
            .field("parent", &self.parent)
            .field("query", &self.query)
            .field("page_size", &self.page_size)
            .field("mode", &self.mode)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> ListRequest<T> {
    pub(crate) fn new(client: Client, endpoint: &'static Endpoint, parent: Option<i64>) -> Self {
        ListRequest {
            client,
            endpoint,
            parent,
            query: ListQuery::new(),
            page_size: None,
            mode: None,
            max_pages: None,
            _record: PhantomData,
        }
    }

    /// Adds a condition (`and`-ed with earlier ones).
    pub fn conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.conditions(condition);
        self
    }

    /// Adds a condition on child arrays (`childConditions`).
    pub fn child_conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.child_conditions(condition);
        self
    }

    /// Adds a condition on custom fields (`customFieldConditions`).
    pub fn custom_field_conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.custom_field_conditions(condition);
        self
    }

    /// Sorts by `field`; the list then pages navigably.
    pub fn order_by(mut self, field: impl Into<String>, order: Order) -> Self {
        self.query = self.query.order_by(field, order);
        self
    }

    /// Asks for only these fields (`fields`); keep `id` for full scans, which
    /// tell records apart by it.
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.query = self.query.fields(fields);
        self
    }

    /// A whole prepared [`ListQuery`] (replaces the filters set so far).
    pub fn query(mut self, query: ListQuery) -> Self {
        self.query = query;
        self
    }

    /// A raw query parameter (escape hatch).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query = self.query.param(key, value);
        self
    }

    /// The page size (1 to 1000; default the client's).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// Pages forward-only even if the client's default is navigable.
    pub fn forward_only(mut self) -> Self {
        self.mode = Some(PagingMode::ForwardOnly);
        self
    }

    /// Pages navigably (`page`/`pageSize`).
    pub fn navigable(mut self) -> Self {
        self.mode = Some(PagingMode::Navigable);
        self
    }

    /// Caps the pages a scan fetches (it fails as stalled past it).
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// The mode a full scan uses.
    pub fn scan_mode(&self) -> Result<PagingMode> {
        match (self.mode, self.query.is_ordered()) {
            (Some(PagingMode::ForwardOnly), true) => Err(Error::config(
                "ConnectWise refuses orderBy with forward-only paging: drop the order or page navigably",
            )),
            (Some(PagingMode::ForwardOnly), false) if !self.endpoint.forward_only => {
                Err(Error::config(format!(
                    "{} does not page forward-only",
                    self.endpoint.spec.path
                )))
            }
            (Some(mode), _) => Ok(mode),
            (None, true) => Ok(PagingMode::Navigable),
            (None, false) if self.endpoint.forward_only && self.client.inner.forward_only => {
                Ok(PagingMode::ForwardOnly)
            }
            (None, false) => Ok(PagingMode::Navigable),
        }
    }

    fn call(
        &self,
        core: &ClientCore,
        mode: PagingMode,
        unsupported: Arc<AtomicBool>,
    ) -> Result<ListCall<T>> {
        let mut call = ListCall::<T>::new(core.transport().clone(), &self.endpoint.spec)
            .page_size(self.page_size.unwrap_or(core.page_size()))
            .limits(core.pager_limits());
        if let Some(pages) = self.max_pages {
            call = call.max_pages(pages);
        }
        if let Some(parent) = self.parent {
            call = call.parent(parent);
        }
        for (key, value) in self.query.pairs()? {
            call = call.param(key, value);
        }
        Ok(match mode {
            PagingMode::ForwardOnly => call
                .header(
                    HeaderName::from_static(PAGINATION_TYPE_HEADER),
                    HeaderValue::from_static("forward-only"),
                )
                .hook(ForwardOnlyHook { unsupported }),
            PagingMode::Navigable => call.hook(NavigableHook),
        })
    }

    /// The first page (navigable, page 1).
    pub async fn send(&self) -> Result<Page<T>> {
        let core = self.client.core().await?;
        if self.mode == Some(PagingMode::ForwardOnly) {
            self.scan_mode()?;
            return self
                .call(core, PagingMode::ForwardOnly, Arc::default())?
                .send()
                .await;
        }
        self.call(core, PagingMode::Navigable, Arc::default())?
            .send()
            .await
    }

    /// Every page, one in memory at a time.
    pub fn pages(self) -> PageStream<T> {
        Box::pin(stream::once(self.scan()).try_flatten())
    }

    /// Every record, one page in memory at a time.
    pub fn stream(self) -> ItemStream<T> {
        neo_auth_core::flatten_pages(self.pages())
    }

    /// Every record in a `Vec` (for lists known to be small).
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.stream().try_collect().await
    }

    async fn scan(self) -> Result<PageStream<T>> {
        let mode = self.scan_mode()?;
        let core = self.client.core().await?;
        if mode == PagingMode::Navigable {
            return Ok(self.call(core, mode, Arc::default())?.pages());
        }
        let unsupported = Arc::new(AtomicBool::new(false));
        let mut forward = self.call(core, mode, unsupported.clone())?.pages();
        match forward.next().await {
            None => Ok(Box::pin(stream::empty())),
            Some(Err(_)) if unsupported.load(Ordering::SeqCst) => {
                tracing::debug!(
                    endpoint = self.endpoint.spec.path,
                    "no Link header on a forward-only page: paging navigably"
                );
                Ok(self
                    .call(core, PagingMode::Navigable, Arc::default())?
                    .pages())
            }
            Some(first) => Ok(Box::pin(stream::once(async move { first }).chain(forward))),
        }
    }
}

/// Forward-only: a first page without any `Link` header means the endpoint
/// ignored the header (not every endpoint pages forward-only).
struct ForwardOnlyHook {
    unsupported: Arc<AtomicBool>,
}

impl PageHook for ForwardOnlyHook {
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
        if page.index == 1 && !page.headers.contains_key(http::header::LINK) {
            self.unsupported.store(true, Ordering::SeqCst);
            return Err(Error::config("the endpoint does not page forward-only"));
        }
        Ok(PageVerdict::Continue)
    }
}

/// Navigable: a full page without a `Link` header may not be the last one.
struct NavigableHook;

impl PageHook for NavigableHook {
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
        let full = page
            .page_size
            .is_some_and(|size| page.items >= size as usize);
        if full && page.next.is_none() && !page.headers.contains_key(http::header::LINK) {
            return Err(Error::pagination_stalled(
                page.index,
                "ConnectWise answered a full page without a Link header, so it cannot tell whether more records follow (a proxy may strip the header): narrow the conditions or raise the page size",
            ));
        }
        Ok(PageVerdict::Continue)
    }
}

/// `GET …/count` with the same conditions as a list.
#[must_use = "a count request does nothing until sent"]
#[derive(Debug)]
pub struct CountRequest {
    client: Client,
    endpoint: &'static Endpoint,
    parent: Option<i64>,
    query: ListQuery,
}

impl CountRequest {
    pub(crate) fn new(client: Client, endpoint: &'static Endpoint, parent: Option<i64>) -> Self {
        CountRequest {
            client,
            endpoint,
            parent,
            query: ListQuery::new(),
        }
    }

    /// Adds a condition.
    pub fn conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.conditions(condition);
        self
    }

    /// Adds a condition on child arrays.
    pub fn child_conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.child_conditions(condition);
        self
    }

    /// Adds a condition on custom fields.
    pub fn custom_field_conditions(mut self, condition: Condition) -> Self {
        self.query = self.query.custom_field_conditions(condition);
        self
    }

    /// The number of matching records.
    pub async fn send(self) -> Result<u64> {
        let spec = &self.endpoint.spec;
        let requirement = spec
            .requirements
            .requirement(spec.name, Verb::List)
            .ok_or_else(|| Error::config(format!("{} cannot be counted", spec.path)))?
            .for_operation(format!("{}.count", spec.name));
        let parent = self.parent.map(neo_auth_core::RecordId::from);
        let path = format!("{}/count", collection_path(spec, parent.as_ref())?);
        let request = ApiRequest::get(path)
            .queries(self.query.pairs()?)
            .requirement(requirement);
        let core = self.client.core().await?;
        let count: Count = core.transport().send_json(request).await?;
        Ok(count.count)
    }
}
