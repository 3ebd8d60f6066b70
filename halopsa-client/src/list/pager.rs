//! Fetching pages and deciding where a Halo list ends.
//!
//! A wrapped page (`{"record_count": n, "<key>": [...]}`) goes on to the next
//! page number until it is empty or `record_count` is reached (the core pager).
//!
//! A **bare array** from a paginated endpoint means the endpoint ignored
//! `pageinate`: Halo then serves the login agent's default page (50 rows for an
//! API agent), so a full bare page is not the whole list. When a bare page holds
//! at least the requested page size or [`AGENT_DEFAULT_PAGE`] items, the next page
//! is requested too; the list ends on an empty or short page, or when the same
//! page comes back (the endpoint also ignores `page_no`), and a warning says the
//! list ended that way.

use std::sync::Mutex;

use neo_auth_core::{
    Access, ApiRequest, Error, Page, PageToken, RequestOptions, Result, fingerprint,
};
use serde::de::DeserializeOwned;

use crate::client::{Client, api_path};
use crate::endpoints::ResourceDef;
use crate::models::ListResponse;

/// The page Halo serves an API agent when it ignores `pageinate` (api notes §2.5).
pub(crate) const AGENT_DEFAULT_PAGE: usize = 50;

/// One fetched page, and whether Halo answered it as a bare array.
pub(crate) struct Fetched<T> {
    /// The page, with the token of the next one when there may be more.
    pub(crate) page: Page<T>,
    /// Whether the reply was a bare JSON array.
    pub(crate) bare: bool,
    /// Whether the page was full (at least the page size, or the agent's default
    /// page): if the endpoint ignores paging, records may lie beyond it.
    pub(crate) full: bool,
}

/// Whether a page of `items` records, asked for with `page_size`, may be a
/// truncated first part of the list (so the next page must be asked for): it
/// holds exactly the page size, or at least the agent's default page. A page
/// larger than asked for but short of 50 shows Halo ignored `page_size` and
/// served the whole list.
pub(crate) fn bare_page_may_continue(items: usize, page_size: u32) -> bool {
    items > 0 && (items == page_size as usize || items >= AGENT_DEFAULT_PAGE)
}

/// One page. A paginated resource gets `pageinate=true`, `page_size` and
/// `page_no`; an unpaginated one none of them, and its reply is the whole list.
pub(crate) async fn fetch_page<T: DeserializeOwned>(
    client: Client,
    def: &'static ResourceDef,
    params: Vec<(String, String)>,
    page_size: u32,
    page_no: u64,
    options: RequestOptions,
) -> Result<Fetched<T>> {
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
    let full = bare_page_may_continue(list.items.len(), page_size);
    let more = def.paginated && !list.items.is_empty() && (!bare || full);
    let next = more.then_some(PageToken::Number(page_no + 1));
    Ok(Fetched {
        page: Page::new(list.items, next)
            .with_total(list.record_count)
            .with_fingerprint(fingerprint(body)),
        bare,
        full,
    })
}

/// What a stream remembers between pages to end a list Halo does not page.
#[derive(Debug, Default)]
pub(crate) struct PagerMemory {
    /// End the list quietly (with a warning) when the endpoint ignores `page_no`,
    /// instead of failing.
    allow_ignored_paging: bool,
    /// Pages observed so far.
    pages: u64,
    /// The fingerprint of the previous page when it carried no `record_count`.
    previous: Option<u64>,
    /// Whether a full bare page made the stream ask for another page.
    read_past_bare: bool,
    /// Items yielded so far (for the warning).
    items: u64,
}

impl PagerMemory {
    /// A memory for one stream; `allow_ignored_paging` as in
    /// [`ListRequest::allow_ignored_paging`](crate::ListRequest::allow_ignored_paging).
    pub(crate) fn new(allow_ignored_paging: bool) -> Self {
        PagerMemory {
            allow_ignored_paging,
            ..PagerMemory::default()
        }
    }

    /// Passes a fetched page on, or replaces it with an empty final page:
    ///
    /// - the one reply of an unpaginated endpoint whose `record_count` exceeds
    ///   its items is [`Error::PaginationStalled`] (records out of reach), unless
    ///   `allow_ignored_paging`;
    /// - a page with `record_count` goes on unchanged (a repeat of it is still a
    ///   stall for the core pager, since records remain);
    /// - a page without `record_count` that repeats the previous one (also without
    ///   it) means the endpoint ignored `page_no`: what was already yielded is all
    ///   it serves. After a short page that is the whole list; after a full one
    ///   there may be more records that cannot be read, which is
    ///   [`Error::PaginationStalled`], or with `allow_ignored_paging` the end of
    ///   the list (with a warning);
    /// - a bare page that ends the list after a full bare page (short or empty)
    ///   ends it with a warning.
    pub(crate) fn observe<T>(&mut self, def: &ResourceDef, fetched: Fetched<T>) -> Result<Page<T>> {
        let Fetched {
            mut page,
            bare,
            full,
        } = fetched;
        self.pages += 1;
        if !def.paginated
            && let Some(total) = page.total
            && total > page.items.len() as u64
        {
            // An unpaginated endpoint is read in one request: a `record_count`
            // above what came back means records that no page can reach.
            if self.allow_ignored_paging {
                tracing::warn!(
                    path = def.path,
                    items = page.items.len(),
                    record_count = total,
                    "an unpaginated Halo list answered fewer records than its record_count; accepted as the whole list, as allowed"
                );
                // The reply is all there is: no total left for the pager to chase.
                page.total = None;
                self.items += page.items.len() as u64;
                return Ok(page);
            }
            return Err(Error::PaginationStalled {
                pages: self.pages,
                reason: format!(
                    "/{} answered {} of {total} record(s) (record_count) in its one unpaginated reply, so the rest are out of reach (narrow the filters, or set `allow_ignored_paging(true)` on the list to accept the partial list)",
                    def.path,
                    page.items.len()
                ),
            });
        }
        if page.total.is_some() {
            self.previous = None;
            self.items += page.items.len() as u64;
            return Ok(page);
        }
        if page.fingerprint.is_some() && page.fingerprint == self.previous {
            if full && !self.allow_ignored_paging {
                return Err(Error::PaginationStalled {
                    pages: self.pages,
                    reason: format!(
                        "/{} ignores paging: page {} repeated the previous page without record_count, so only the first {} record(s) can be read and any others are out of reach (set `allow_ignored_paging(true)` on the list to accept them as the whole list)",
                        def.path, self.pages, self.items
                    ),
                });
            }
            tracing::warn!(
                path = def.path,
                items = self.items,
                "Halo served the same page again without record_count (it ignores page_no); the list ends here, as allowed"
            );
            return Ok(Page::new(Vec::new(), None));
        }
        self.previous = page.fingerprint;
        self.items += page.items.len() as u64;
        if bare {
            if page.next.is_some() && !self.read_past_bare {
                tracing::warn!(
                    path = def.path,
                    items = page.items.len(),
                    "Halo answered a paginated list with a full bare array (it may ignore pageinate and serve the agent's default page); reading on until an empty, short or repeated page"
                );
            } else if page.next.is_none() && self.read_past_bare {
                tracing::warn!(
                    path = def.path,
                    items = self.items,
                    "a paginated list answered with bare arrays ended on a short or empty page; check the count if the endpoint ignores page_no"
                );
            }
            self.read_past_bare |= page.next.is_some();
        }
        Ok(page)
    }
}

/// A `Mutex<PagerMemory>` shared by the page closure; a poisoned lock is recovered
/// (the memory is plain data).
pub(crate) fn observe<T>(
    memory: &Mutex<PagerMemory>,
    def: &ResourceDef,
    fetched: Fetched<T>,
) -> Result<Page<T>> {
    memory
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .observe(def, fetched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_bare_page_may_continue_a_short_one_does_not() {
        assert!(bare_page_may_continue(50, 100));
        assert!(bare_page_may_continue(100, 100));
        assert!(bare_page_may_continue(10, 10));
        assert!(
            bare_page_may_continue(60, 20),
            "the agent's default page or more"
        );
        assert!(
            !bare_page_may_continue(35, 20),
            "page_size ignored: the whole list"
        );
        assert!(!bare_page_may_continue(49, 100));
        assert!(!bare_page_may_continue(9, 10));
        assert!(!bare_page_may_continue(0, 100));
    }
}
