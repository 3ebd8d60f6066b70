//! [`HaloPages`]: where a Halo list ends, as a core [`PageHook`] with one
//! memory per stream.
//!
//! A wrapped page (`{"record_count": n, "<key>": [...]}`) goes on to the next
//! page number until it is empty or `record_count` is reached (the core pager,
//! which also never yields a record twice and fails a page that brings nothing
//! new).
//!
//! A **bare array** from a paged endpoint means the endpoint ignored
//! `pageinate`: Halo then serves the login agent's default page (50 rows for an
//! API agent), so a full bare page is not the whole list. When a bare page holds
//! at least the requested page size or [`AGENT_DEFAULT_PAGE`] records, the next
//! page is requested too; the list ends on an empty or short page, or when the
//! same records come back (the endpoint also ignores `page_no`), and a warning
//! says the list ended that way.

use std::sync::Mutex;

use neo_auth_core::{EndpointSpec, Error, PageHook, PageSeen, PageVerdict, Result};

use crate::endpoints::{MAX_PAGE_SIZE, is_paged};

/// The page Halo serves an API agent when it ignores `pageinate` (api notes §2.5).
pub(crate) const AGENT_DEFAULT_PAGE: usize = 50;

/// Whether a page of `items` records, asked for with `page_size`, may be a
/// truncated first part of the list (so the next page must be asked for): it
/// holds exactly the page size, or at least the agent's default page. A page
/// larger than asked for but short of 50 shows Halo ignored `page_size` and
/// served the whole list.
pub(crate) fn bare_page_may_continue(items: usize, page_size: u32) -> bool {
    items > 0 && (items == page_size as usize || items >= AGENT_DEFAULT_PAGE)
}

/// What a stream remembers between pages to end a list Halo does not page.
#[derive(Debug, Default)]
struct Memory {
    /// Pages observed so far.
    pages: u64,
    /// The fingerprint (of the record ids) of the previous page when it carried
    /// no `record_count`.
    previous: Option<u64>,
    /// Whether a full bare page made the stream ask for another page.
    read_past_bare: bool,
    /// Records yielded so far (for the warning).
    items: u64,
}

/// Halo's stop rules for one list; a fresh one for every stream.
#[derive(Debug)]
pub(crate) struct HaloPages {
    spec: &'static EndpointSpec,
    /// End the list quietly (with a warning) when the endpoint ignores paging,
    /// instead of failing.
    allow_ignored_paging: bool,
    memory: Mutex<Memory>,
}

impl HaloPages {
    /// The rules for a list of `spec`; `allow_ignored_paging` as in the lists'
    /// `allow_ignored_paging`.
    pub(crate) fn new(spec: &'static EndpointSpec, allow_ignored_paging: bool) -> Self {
        HaloPages {
            spec,
            allow_ignored_paging,
            memory: Mutex::new(Memory::default()),
        }
    }
}

impl PageHook for HaloPages {
    /// - a short bare page (not [full](bare_page_may_continue)) is the whole
    ///   rest of the list;
    /// - in a stream, the one reply of an unpaged endpoint whose `record_count`
    ///   exceeds its records is [`Error::PaginationStalled`] (records out of
    ///   reach), unless `allow_ignored_paging`;
    /// - a page with `record_count` goes on (a repeat of it is still a stall for
    ///   the core pager, since records remain);
    /// - a page without `record_count` that repeats the previous one's records
    ///   means the endpoint ignored `page_no`: what was already yielded is all it
    ///   serves. After a short page that is the whole list; after a full one
    ///   there may be more records that cannot be read, which is
    ///   [`Error::PaginationStalled`], or with `allow_ignored_paging` the end of
    ///   the list (with a warning).
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
        let path = self.spec.path;
        let full = bare_page_may_continue(page.items, page.page_size.unwrap_or(MAX_PAGE_SIZE));
        let verdict = if page.bare && page.items > 0 && !full {
            PageVerdict::EndAfter
        } else {
            PageVerdict::Continue
        };
        if !page.in_stream {
            return Ok(verdict);
        }
        let mut memory = self
            .memory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        memory.pages += 1;
        if !is_paged(self.spec)
            && let Some(total) = page.total
            && total > page.items as u64
        {
            // An unpaged endpoint is read in one request: a `record_count`
            // above what came back means records that no page can reach.
            if !self.allow_ignored_paging {
                return Err(Error::PaginationStalled {
                    pages: memory.pages,
                    reason: format!(
                        "{path} answered {} of {total} record(s) (record_count) in its one unpaginated reply, so the rest are out of reach (narrow the filters, or set `allow_ignored_paging(true)` on the list to accept the partial list)",
                        page.items
                    ),
                });
            }
            tracing::warn!(
                path,
                items = page.items,
                record_count = total,
                "an unpaginated Halo list answered fewer records than its record_count; accepted as the whole list, as allowed"
            );
            memory.items += page.items as u64;
            // The reply is all there is (an empty one ends the list here).
            return Ok(if page.items == 0 {
                PageVerdict::EndBefore
            } else {
                PageVerdict::EndAfter
            });
        }
        if page.total.is_some() {
            memory.previous = None;
            memory.items += page.items as u64;
            return Ok(verdict);
        }
        if page.items > 0 && memory.previous == Some(page.fingerprint) {
            if full && !self.allow_ignored_paging {
                return Err(Error::PaginationStalled {
                    pages: memory.pages,
                    reason: format!(
                        "{path} ignores paging: page {} repeated the previous page without record_count, so only the first {} record(s) can be read and any others are out of reach (set `allow_ignored_paging(true)` on the list to accept them as the whole list)",
                        memory.pages, memory.items
                    ),
                });
            }
            tracing::warn!(
                path,
                items = memory.items,
                "Halo served the same page again without record_count (it ignores page_no); the list ends here, as allowed"
            );
            return Ok(PageVerdict::EndBefore);
        }
        memory.previous = Some(page.fingerprint);
        memory.items += page.items as u64;
        if page.bare {
            let more = verdict == PageVerdict::Continue && page.items > 0 && is_paged(self.spec);
            if more && !memory.read_past_bare {
                tracing::warn!(
                    path,
                    items = page.items,
                    "Halo answered a paginated list with a full bare array (it may ignore pageinate and serve the agent's default page); reading on until an empty, short or repeated page"
                );
            } else if !more && memory.read_past_bare {
                tracing::warn!(
                    path,
                    items = memory.items,
                    "a paginated list answered with bare arrays ended on a short or empty page; check the count if the endpoint ignores page_no"
                );
            }
            memory.read_past_bare |= more;
        }
        Ok(verdict)
    }
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
