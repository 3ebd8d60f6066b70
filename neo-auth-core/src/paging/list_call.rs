//! [`ListCall`]: one endpoint's list, built from its [`EndpointSpec`] and sent
//! through the [`Transport`], paged by the endpoint's [`PagingScheme`] with every
//! loop guard of the pager.

use std::borrow::Borrow;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use futures_util::stream::{self, BoxStream, TryStreamExt};
use http::{HeaderName, HeaderValue, Method};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::access::requirements::Verb;
use crate::endpoint::{EndpointSpec, Envelope, ListMethod, PagingScheme};
use crate::error::{Error, Result};
use crate::paging::envelope::{DecodedPage, Keys, decode_page, decode_raw_page, starts_with_array};
use crate::paging::hash::Fingerprinter;
use crate::paging::hook::{PageHook, PageSeen, PageVerdict};
use crate::paging::link::{check_next_link, next_link, resolve};
use crate::paging::pager::{Page, PageToken, PagerLimits, pages};
use crate::paging::top_level::walk_top_level;
use crate::transport::request::{ApiRequest, RequestOptions};
use crate::transport::url_policy::{encode_path_segment, join_path};
use crate::transport::{ApiResponse, Transport};

/// A stream of pages, one in memory at a time.
pub type PageStream<T> = BoxStream<'static, Result<Page<T>>>;

/// A stream of records, one page in memory at a time.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// The records of a stream of pages, one page in memory at a time: what a
/// vendor's own list type returns from `stream()` when it builds its pages
/// itself (several paging modes, a fallback between them).
pub fn flatten_pages<T: Send + 'static>(pages: PageStream<T>) -> ItemStream<T> {
    Box::pin(
        pages
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten(),
    )
}

/// The placeholder an [`EndpointSpec::path`] may hold for a parent record's id.
const PARENT: &str = "{parent}";

/// How a record's key is found (for "never the same record twice").
enum RecordKey<T> {
    /// The record's `id` or `Id` field, read from its raw JSON; the hash of its
    /// bytes when it has neither.
    IdField,
    /// The hash of the record's bytes.
    Bytes,
    /// The caller's extractor.
    With(Arc<dyn Fn(&T) -> u64 + Send + Sync>),
}

impl<T> Clone for RecordKey<T> {
    fn clone(&self) -> Self {
        match self {
            RecordKey::IdField => RecordKey::IdField,
            RecordKey::Bytes => RecordKey::Bytes,
            RecordKey::With(f) => RecordKey::With(f.clone()),
        }
    }
}

/// Where a call's [`PageHook`] comes from.
enum HookSource {
    /// One hook for every stream of the call and its clones (a stateless hook).
    Shared(Arc<dyn PageHook>),
    /// A fresh hook for every stream (and every `send`/`page`): a hook with
    /// memory between pages never sees another stream's pages.
    PerStream(Arc<dyn Fn() -> Arc<dyn PageHook> + Send + Sync>),
}

impl Clone for HookSource {
    fn clone(&self) -> Self {
        match self {
            HookSource::Shared(hook) => HookSource::Shared(hook.clone()),
            HookSource::PerStream(make) => HookSource::PerStream(make.clone()),
        }
    }
}

impl HookSource {
    fn hook(&self) -> Arc<dyn PageHook> {
        match self {
            HookSource::Shared(hook) => hook.clone(),
            HookSource::PerStream(make) => make(),
        }
    }
}

/// A list of one endpoint: filters, page size and limits, then
/// [`send`](ListCall::send) (the first page), [`pages`](ListCall::pages),
/// [`stream`](ListCall::stream) or [`collect_all`](ListCall::collect_all).
///
/// - The requirement is the endpoint's [`Verb::List`] requirement: an endpoint
///   that declares no list is a configuration error, reported when sent.
/// - The page size is checked against the scheme's `max_size` when sent.
/// - A [`ListMethod::Post`] list travels as `POST` with a JSON body
///   ([`body`](ListCall::body), `{}` by default), is checked as a read and is
///   retried like one (it is sent as idempotent); the same body goes to every
///   page, including a `Link` URL.
/// - A next-page link (a `Link` header or a link in the body) is followed only
///   when it is on the API's origin and under its base path; otherwise the stream
///   fails with [`Error::Config`] naming the link, and nothing is sent to it.
/// - A record yielded once is never yielded again in one stream (records are
///   told apart by their `id`/`Id` field, see [`record_id`](ListCall::record_id)),
///   and a page that brings no new record ends the stream with
///   [`Error::PaginationStalled`]. The stream remembers the first 1 024 records
///   and the latest 32 768 at least, so its memory stays flat however long it
///   runs.
///
/// ```no_run
/// use futures_util::TryStreamExt;
/// use neo_auth_core::{Area, EndpointSpec, ListCall, PagingScheme, Requirements, Scope, Transport};
///
/// static READ: Scope = Scope::new("Company Maintenance", "Company Maintenance / Inquire");
/// static COMPANIES: EndpointSpec = EndpointSpec::new(
///     "companies",
///     "/company/companies",
///     Requirements::read_only(Area::new("companies"), &READ),
/// )
/// .paging(PagingScheme::LinkHeader { size: "pageSize", max_size: 1000 });
///
/// # async fn run(transport: Transport) -> neo_auth_core::Result<()> {
/// let mut companies = ListCall::<serde_json::Value>::new(&transport, &COMPANIES)
///     .param("conditions", "deletedFlag=false")
///     .page_size(500)
///     .stream();
/// while let Some(company) = companies.try_next().await? {
///     println!("{}", company["name"]);
/// }
/// # Ok(()) }
/// ```
#[must_use]
pub struct ListCall<T> {
    transport: Transport,
    spec: &'static EndpointSpec,
    params: Vec<(String, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Arc<serde_json::Value>>,
    parent: Option<String>,
    placeholders: Vec<(String, String)>,
    page_size: Option<u32>,
    limits: PagerLimits,
    options: RequestOptions,
    hook: Option<HookSource>,
    stream_defaults: &'static [(&'static str, &'static str)],
    record_key: RecordKey<T>,
    invalid: Option<String>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for ListCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListCall")
            .field("endpoint", &self.spec.name)
            .field("params", &self.params)
            .field("page_size", &self.page_size)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<T> Clone for ListCall<T> {
    fn clone(&self) -> Self {
        ListCall {
            transport: self.transport.clone(),
            spec: self.spec,
            params: self.params.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            parent: self.parent.clone(),
            placeholders: self.placeholders.clone(),
            page_size: self.page_size,
            limits: self.limits,
            options: self.options.clone(),
            hook: self.hook.clone(),
            stream_defaults: self.stream_defaults,
            record_key: self.record_key.clone(),
            invalid: self.invalid.clone(),
            _item: PhantomData,
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> ListCall<T> {
    /// A list of `spec` sent through `transport` (`&Transport` or `Arc<Transport>`).
    pub fn new(transport: impl Borrow<Transport>, spec: &'static EndpointSpec) -> Self {
        ListCall {
            transport: transport.borrow().clone(),
            spec,
            params: Vec::new(),
            headers: Vec::new(),
            body: None,
            parent: None,
            placeholders: Vec::new(),
            page_size: None,
            limits: PagerLimits::default(),
            options: RequestOptions::default(),
            hook: None,
            stream_defaults: &[],
            record_key: RecordKey::IdField,
            invalid: None,
            _item: PhantomData,
        }
    }

    /// The endpoint this call lists.
    pub fn spec(&self) -> &'static EndpointSpec {
        self.spec
    }

    /// Adds a query parameter (sent on every page except those reached through a
    /// link, which carries its own query).
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// Adds a (non-secret) header, sent on every page (ConnectWise's
    /// `pagination-type: forward-only`).
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Fills the `{parent}` placeholder of the endpoint's path with a parent
    /// record's id (percent-encoded as one path segment; `.`, `..` and ids with
    /// `/` or `\` are refused when sent).
    pub fn parent(mut self, id: impl fmt::Display) -> Self {
        self.parent = Some(id.to_string());
        self
    }

    /// Fills another `{name}` placeholder of the endpoint's path (for paths
    /// under two records, `/scripts/{parent}/device/{device}/executions`), like
    /// [`parent`](ListCall::parent): percent-encoded as one path segment, and
    /// refused when sent if the path has no such placeholder or the id cannot
    /// be one segment. Every placeholder of the path must be filled.
    pub fn placeholder(mut self, name: &str, id: impl fmt::Display) -> Self {
        self.placeholders.push((name.to_owned(), id.to_string()));
        self
    }

    /// The JSON body of a [`ListMethod::Post`] list (refused when sent for a
    /// `GET` list).
    pub fn body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        let name = self.spec.name;
        if self.spec.list_method != ListMethod::Post {
            return self.refuse(format!(
                "the `{name}` list travels as GET and takes no body"
            ));
        }
        match serde_json::to_value(body) {
            Ok(value) => self.body = Some(Arc::new(value)),
            Err(e) => {
                return self.refuse(format!(
                    "the body of the `{name}` list could not be serialized: {e}"
                ));
            }
        }
        self
    }

    /// Sets the page size (checked against the scheme's largest size when sent).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// The limits of a stream (page cap).
    pub fn limits(mut self, limits: PagerLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Caps the number of pages a stream fetches (it fails as stalled past it).
    pub fn max_pages(mut self, max_pages: u64) -> Self {
        self.limits = self.limits.with_max_pages(max_pages);
        self
    }

    /// Per-request overrides (timeouts, attempts), applied to every page.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// A vendor's extra stop rules, run on every page. The one hook is shared
    /// by every stream of this call and of its clones: for a hook with memory
    /// between pages use [`stream_hook`](ListCall::stream_hook).
    pub fn hook(mut self, hook: impl PageHook + 'static) -> Self {
        self.hook = Some(HookSource::Shared(Arc::new(hook)));
        self
    }

    /// A vendor's extra stop rules with memory between pages: `make` builds a
    /// fresh hook for every stream ([`pages`](ListCall::pages),
    /// [`stream`](ListCall::stream), [`collect_all`](ListCall::collect_all)) and
    /// every single page ([`send`](ListCall::send), [`page`](ListCall::page)),
    /// so two streams of one call (or of its clones) never share what a hook
    /// remembers.
    pub fn stream_hook<H, F>(mut self, make: F) -> Self
    where
        H: PageHook + 'static,
        F: Fn() -> H + Send + Sync + 'static,
    {
        self.hook = Some(HookSource::PerStream(Arc::new(move || {
            Arc::new(make()) as Arc<dyn PageHook>
        })));
        self
    }

    /// Query parameters a stream ([`pages`](ListCall::pages),
    /// [`stream`](ListCall::stream), [`collect_all`](ListCall::collect_all))
    /// sends when the call set none of their keys: a stable order for a long
    /// scan (HaloPSA's `order=id&orderdesc=false`), so records created during
    /// it do not shift the pages. A single page ([`send`](ListCall::send),
    /// [`page`](ListCall::page)) is sent with the parameters as set.
    pub fn stream_defaults(mut self, params: &'static [(&'static str, &'static str)]) -> Self {
        self.stream_defaults = params;
        self
    }

    /// How to tell records apart: the key `id` returns (no second look at the
    /// record's JSON). By default the record's `id` or `Id` field is read from
    /// its raw JSON (a quick scan of the record), and a record with neither is
    /// told apart by its bytes.
    pub fn record_id<K: Hash, F>(mut self, id: F) -> Self
    where
        F: Fn(&T) -> K + Send + Sync + 'static,
    {
        self.record_key = RecordKey::With(Arc::new(move |item| {
            let mut hasher = KeyHasher::default();
            id(item).hash(&mut hasher);
            hasher.0.finish()
        }));
        self
    }

    /// Records have no ids: tell them apart by their bytes (two identical records
    /// are then one).
    pub fn records_without_ids(mut self) -> Self {
        self.record_key = RecordKey::Bytes;
        self
    }

    /// Remembers a configuration error (a filter given a value the vendor cannot
    /// take), reported when the call is sent. The first one wins.
    pub fn refuse(mut self, message: impl Into<String>) -> Self {
        self.invalid.get_or_insert_with(|| message.into());
        self
    }

    fn validate(&self) -> Result<()> {
        if let Some(invalid) = &self.invalid {
            return Err(Error::config(invalid.clone()));
        }
        let spec = self.spec;
        if !spec.requirements.offers(Verb::List) {
            return Err(Error::config(format!(
                "the `{}` endpoint has no list (its requirements declare none)",
                spec.name
            )));
        }
        if let (Some(size), Some(max)) = (self.page_size, max_size(&spec.paging))
            && !(1..=max).contains(&size)
        {
            return Err(Error::config(format!(
                "page size {size} is outside 1–{max} for `{}`",
                spec.name
            )));
        }
        for (name, id) in &self.placeholders {
            let placeholder = format!("{{{name}}}");
            if name == "parent" || !spec.path.contains(&placeholder) {
                return Err(Error::config(format!(
                    "the `{}` list has no placeholder `{placeholder}` in its path `{}`",
                    spec.name, spec.path
                )));
            }
            check_parent_id(spec.name, id)?;
        }
        match (spec.path.contains(PARENT), &self.parent) {
            (true, None) => Err(Error::config(format!(
                "the `{}` list needs a parent id for `{}` (call `.parent(id)`)",
                spec.name, spec.path
            ))),
            (false, Some(_)) => Err(Error::config(format!(
                "the `{}` list has no parent in its path `{}`",
                spec.name, spec.path
            ))),
            (true, Some(parent)) => check_parent_id(spec.name, parent),
            (false, None) => Ok(()),
        }
    }

    fn context(&self, in_stream: bool) -> Result<Arc<Context<T>>> {
        self.validate()?;
        let spec = self.spec;
        let mut path = match &self.parent {
            Some(parent) => spec.path.replace(PARENT, &encode_path_segment(parent)),
            None => spec.path.to_owned(),
        };
        for (name, id) in &self.placeholders {
            path = path.replace(&format!("{{{name}}}"), &encode_path_segment(id));
        }
        if let Some(open) = path.find('{') {
            let unfilled = path[open..].split('}').next().unwrap_or_default();
            return Err(Error::config(format!(
                "the `{}` list needs a value for `{unfilled}}}` in `{}` (call `.placeholder(..)`)",
                spec.name, spec.path
            )));
        }
        let requirement = spec
            .requirements
            .requirement(spec.name, Verb::List)
            .ok_or_else(|| Error::config(format!("the `{}` endpoint has no list", spec.name)))?;
        let mut options = self.options.clone();
        let method = match spec.list_method {
            ListMethod::Post => {
                // A read that travels as POST: retried like a read.
                options = options.idempotent(true);
                Method::POST
            }
            _ => Method::GET,
        };
        let body = match spec.list_method {
            ListMethod::Post => Some(
                self.body
                    .clone()
                    .unwrap_or_else(|| Arc::new(serde_json::Value::Object(Default::default()))),
            ),
            _ => None,
        };
        Ok(Arc::new(Context {
            transport: self.transport.clone(),
            spec,
            path,
            method,
            params: self.params.clone(),
            headers: self.headers.clone(),
            body,
            requirement,
            page_size: self.page_size,
            options,
            hook: self.hook.as_ref().map(HookSource::hook),
            record_key: self.record_key.clone(),
            index: AtomicU64::new(0),
            consumed: AtomicU64::new(0),
            in_stream,
            two_pass: AtomicBool::new(false),
        }))
    }

    /// The first page.
    pub async fn send(&self) -> Result<Page<T>> {
        let context = self.context(false)?;
        let first = first_token(&self.spec.paging);
        context.fetch(first).await
    }

    /// One numbered page: `number` for a [`PagingScheme::Numbered`] list (a
    /// number below its `first` is the first page); for an unpaged list
    /// ([`PagingScheme::None`]) page 1 (or 0) is the whole list and later pages
    /// are empty, with nothing sent. Other schemes cannot be addressed by
    /// number ([`Error::Config`]).
    pub async fn page(&self, number: u64) -> Result<Page<T>> {
        let token = match self.spec.paging {
            PagingScheme::Numbered { first, .. } => PageToken::Number(number.max(first)),
            PagingScheme::None if number <= 1 => PageToken::Start,
            PagingScheme::None => {
                self.validate()?;
                return Ok(Page::new(Vec::new(), None));
            }
            _ => {
                return Err(Error::config(format!(
                    "the `{}` list cannot be read by page number (page {number})",
                    self.spec.name
                )));
            }
        };
        self.context(false)?.fetch(token).await
    }

    /// All pages, one in memory at a time, through the pager's loop guards.
    pub fn pages(mut self) -> PageStream<T> {
        let defaults = self.stream_defaults;
        if !defaults
            .iter()
            .any(|(key, _)| self.params.iter().any(|(set, _)| set == key))
        {
            self.params.extend(
                defaults
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
        }
        let context = match self.context(true) {
            Ok(context) => context,
            Err(error) => return Box::pin(stream::once(async move { Err(error) })),
        };
        let first = first_token(&self.spec.paging);
        Box::pin(pages(first, self.limits, move |token| {
            let context = context.clone();
            async move { context.fetch(token).await }
        }))
    }

    /// All records, one page in memory at a time.
    pub fn stream(self) -> ItemStream<T> {
        flatten_pages(self.pages())
    }

    /// All records collected into a `Vec` (for lists known to be small).
    pub async fn collect_all(self) -> Result<Vec<T>> {
        self.stream().try_collect().await
    }
}

/// A `std::hash::Hasher` over the core's fast hash, for caller-given ids.
#[derive(Default)]
struct KeyHasher(Fingerprinter);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0.finish()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
}

fn max_size(scheme: &PagingScheme) -> Option<u32> {
    match *scheme {
        PagingScheme::Numbered { max_size, .. }
        | PagingScheme::Offset { max_size, .. }
        | PagingScheme::LinkHeader { max_size, .. }
        | PagingScheme::Cursor { max_size, .. } => Some(max_size),
        _ => None,
    }
}

fn first_token(scheme: &PagingScheme) -> PageToken {
    match *scheme {
        PagingScheme::Numbered { first, .. } => PageToken::Number(first),
        PagingScheme::Offset { .. } => PageToken::Offset(0),
        _ => PageToken::Start,
    }
}

fn check_parent_id(name: &str, parent: &str) -> Result<()> {
    if parent.is_empty() || parent == "." || parent == ".." || parent.contains(['/', '\\']) {
        return Err(Error::config(format!(
            "`{}` is not a parent id the `{name}` list can put in its path",
            parent.escape_debug()
        )));
    }
    Ok(())
}

/// What every page request of one stream shares.
struct Context<T> {
    transport: Transport,
    spec: &'static EndpointSpec,
    path: String,
    method: Method,
    params: Vec<(String, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Arc<serde_json::Value>>,
    requirement: crate::access::requirement::Requirement,
    page_size: Option<u32>,
    options: RequestOptions,
    hook: Option<Arc<dyn PageHook>>,
    record_key: RecordKey<T>,
    /// Pages fetched so far.
    index: AtomicU64,
    /// Records (before de-duplication) received so far: the next offset.
    consumed: AtomicU64,
    /// Whether the pages belong to a stream (not a single `send`/`page`).
    in_stream: bool,
    /// Set once a page had records without ids: later pages are read in two
    /// passes straight away (their keys need the records' bytes).
    two_pass: AtomicBool,
}

impl<T: DeserializeOwned> Context<T> {
    /// The request for `token`, and the URL it goes to (for relative links).
    fn request(&self, token: &PageToken) -> Result<(ApiRequest, Url)> {
        let (path, query) = match token {
            PageToken::Link(url) => check_next_link(self.transport.base_url(), url)?,
            _ => (self.path.clone(), self.first_query(token)?),
        };
        let mut url = join_path(self.transport.base_url(), &path)?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter());
        }
        let mut request = ApiRequest::new(self.method.clone(), path)
            .queries(query)
            .requirement(self.requirement.clone())
            .options(self.options.clone());
        for (name, value) in &self.headers {
            request = request.header(name.clone(), value.clone());
        }
        if let Some(body) = &self.body {
            request = request.json(body.as_ref())?;
        }
        Ok((request, url))
    }

    fn first_query(&self, token: &PageToken) -> Result<Vec<(String, String)>> {
        let mut query = self.params.clone();
        let size = |query: &mut Vec<(String, String)>, name: &str| {
            if let Some(size) = self.page_size {
                query.push((name.to_owned(), size.to_string()));
            }
        };
        let unexpected = || {
            Error::config(format!(
                "the `{}` list cannot page with the token {token:?}",
                self.spec.name
            ))
        };
        match (&self.spec.paging, token) {
            (PagingScheme::None, PageToken::Start) => {}
            (
                PagingScheme::Numbered {
                    page,
                    size: s,
                    extra,
                    ..
                },
                PageToken::Number(n),
            ) => {
                query.extend(
                    extra
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
                );
                query.push(((*page).to_owned(), n.to_string()));
                size(&mut query, s);
            }
            (PagingScheme::Offset { skip, top, .. }, PageToken::Offset(n)) => {
                query.push(((*skip).to_owned(), n.to_string()));
                size(&mut query, top);
            }
            (PagingScheme::LinkHeader { size: s, .. }, PageToken::Start) => size(&mut query, s),
            (PagingScheme::Cursor { param, size: s, .. }, token) => {
                match token {
                    PageToken::Start => {}
                    PageToken::Cursor(cursor) => query.push(((*param).to_owned(), cursor.clone())),
                    _ => return Err(unexpected()),
                }
                size(&mut query, s);
            }
            _ => return Err(unexpected()),
        }
        Ok(query)
    }

    async fn fetch(&self, token: PageToken) -> Result<Page<T>> {
        let (request, url) = self.request(&token)?;
        let response = self.transport.send(request).await?;
        let index = self.index.fetch_add(1, Ordering::Relaxed) + 1;
        let body = response.body();
        // A cursor scheme names where its cursor is; the walk reads it as the next.
        let envelope = match self.spec.paging {
            PagingScheme::Cursor { at, .. } => self.spec.envelope.with_next(at),
            _ => self.spec.envelope,
        };
        let capacity = self.page_size.map_or(0, |size| size as usize);
        let decoded = self
            .decode(body, &envelope, capacity)
            .map_err(|e| mask_known_secrets(e, &response))?;
        let items = decoded.items;
        let received = items.len() as u64;
        let keys = match &self.record_key {
            RecordKey::With(id) => items.iter().map(|item| id(item)).collect(),
            _ => decoded.keys,
        };
        let mut fingerprint = Fingerprinter::default();
        for key in &keys {
            fingerprint.write(&key.to_le_bytes());
        }
        let fingerprint = fingerprint.finish();
        let consumed = self.consumed.fetch_add(received, Ordering::Relaxed) + received;
        let next = self.next_token(
            &token,
            &url,
            decoded.next.as_deref(),
            &response,
            items.is_empty(),
            consumed,
        )?;
        let bare = starts_with_array(body);
        let verdict = match &self.hook {
            Some(hook) => hook.after_page(&PageSeen {
                index,
                in_stream: self.in_stream,
                token: &token,
                items: items.len(),
                page_size: self.page_size,
                bare,
                total: decoded.total,
                next: next.as_ref(),
                fingerprint,
                headers: response.headers(),
                body,
            })?,
            None => PageVerdict::Continue,
        };
        let total = decoded.total;
        let page = match verdict {
            PageVerdict::EndBefore => return Ok(Page::new(Vec::new(), None)),
            PageVerdict::EndAfter => Page::new(items, None),
            _ => Page::new(items, next),
        };
        Ok(page
            .with_total(total)
            .with_fingerprint(fingerprint)
            .with_record_keys(keys))
    }

    /// Decodes one page in one pass. An envelope with a first-array fallback
    /// (a key that may be missing or spelled in another case) is tried under
    /// its own key first, the common case; only an object reply with no
    /// records there is walked field by field to find them.
    fn decode(&self, body: &[u8], envelope: &Envelope, capacity: usize) -> Result<DecodedPage<T>> {
        let keys = self.keys();
        let Some(not_records) = envelope
            .first_array_fallback()
            .filter(|_| !starts_with_array(body))
        else {
            return decode_page(body, envelope, keys, capacity, &self.two_pass);
        };
        let exact = envelope.without_first_array();
        if let Ok(page) = decode_page(body, &exact, keys, capacity, &self.two_pass)
            && !page.items.is_empty()
        {
            return Ok(page);
        }
        decode_raw_page(walk_top_level(body, envelope, not_records)?, envelope, keys)
    }

    fn keys(&self) -> Keys {
        match &self.record_key {
            RecordKey::IdField => Keys::IdField,
            RecordKey::Bytes => Keys::Bytes,
            RecordKey::With(_) => Keys::Caller,
        }
    }

    /// The next page's token as the scheme reads it; a link is checked here, so
    /// a link off the API fails before anything is sent to it.
    fn next_token(
        &self,
        token: &PageToken,
        url: &Url,
        body_next: Option<&str>,
        response: &crate::transport::ApiResponse,
        empty: bool,
        consumed: u64,
    ) -> Result<Option<PageToken>> {
        let checked = |link: Url| -> Result<PageToken> {
            check_next_link(self.transport.base_url(), &link)?;
            Ok(PageToken::Link(link))
        };
        let body_link = |next: &str| resolve(url, next).and_then(checked);
        let next = match (&self.spec.paging, body_next) {
            (PagingScheme::None, _) => None,
            (PagingScheme::Cursor { .. }, Some(cursor)) => {
                Some(PageToken::Cursor(cursor.to_owned()))
            }
            (PagingScheme::Cursor { .. }, None) => None,
            (_, Some(link)) => Some(body_link(link)?),
            (PagingScheme::LinkHeader { .. }, None) => next_link(response.headers(), url)?
                .map(checked)
                .transpose()?,
            (PagingScheme::Numbered { .. }, None) => match token {
                PageToken::Number(n) if !empty => Some(PageToken::Number(n.saturating_add(1))),
                _ => None,
            },
            (PagingScheme::Offset { .. }, None) => (!empty).then_some(PageToken::Offset(consumed)),
        };
        Ok(next)
    }
}

/// A decode error's snippet with the exact secrets the credential holds masked
/// (the patterns are masked already): a page that echoes the client secret or
/// the token bare never shows it.
fn mask_known_secrets(error: Error, response: &ApiResponse) -> Error {
    match error {
        Error::Decode {
            path,
            snippet,
            source,
        } => Error::Decode {
            path,
            snippet: response.known_secrets().mask(&snippet),
            source,
        },
        other => other,
    }
}
