//! [`PageHook`]: a vendor's extra stop rules, run on every page a
//! [`ListCall`](crate::ListCall) fetches, before the pager's loop guards.

use http::HeaderMap;

use crate::error::Result;
use crate::paging::pager::PageToken;

/// What a [`PageHook`] sees of one fetched page.
#[derive(Debug)]
#[non_exhaustive]
pub struct PageSeen<'a> {
    /// The 1-based number of this page in the stream.
    pub index: u64,
    /// Whether the page belongs to a stream ([`ListCall::pages`](crate::ListCall::pages)
    /// and the endings built on it), not a single
    /// [`send`](crate::ListCall::send) or [`page`](crate::ListCall::page): a
    /// rule about what a whole list holds applies to streams only.
    pub in_stream: bool,
    /// The token this page was fetched with.
    pub token: &'a PageToken,
    /// How many records the page holds.
    pub items: usize,
    /// The page size the call asked for, when it set one.
    pub page_size: Option<u32>,
    /// Whether the reply was a bare JSON array.
    pub bare: bool,
    /// The total the reply reported, if any.
    pub total: Option<u64>,
    /// The next page's token as the scheme reads it (`None`: the list ends).
    pub next: Option<&'a PageToken>,
    /// A fingerprint of the page's records (their keys, in order).
    pub fingerprint: u64,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// The raw body.
    pub body: &'a [u8],
}

/// What a [`PageHook`] decides about a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageVerdict {
    /// Go on as the paging scheme says.
    Continue,
    /// Yield this page, then end the list.
    EndAfter,
    /// End the list without yielding this page (a repeat of what was yielded).
    EndBefore,
}

/// A vendor's extra stop rules. Return an error (usually
/// [`Error::PaginationStalled`](crate::Error::PaginationStalled)) to fail the
/// stream. A hook that needs memory between pages keeps it behind a `Mutex`;
/// a call gets a fresh hook from its vendor builder, so one stream's memory is
/// not another's.
///
/// HaloPSA's bare pages as a hook: a bare page shorter than the page size, or
/// larger than it but short of the agent's default 50, is the whole list.
///
/// ```
/// use neo_auth_core::{PageHook, PageSeen, PageVerdict, Result};
///
/// struct HaloBarePages;
///
/// impl PageHook for HaloBarePages {
///     fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
///         let size = page.page_size.unwrap_or(50) as usize;
///         let full = page.items == size || page.items >= 50;
///         Ok(if page.bare && !full { PageVerdict::EndAfter } else { PageVerdict::Continue })
///     }
/// }
/// ```
pub trait PageHook: Send + Sync {
    /// Decides about one page (called once per fetched page, in order).
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict>;
}

impl<F> PageHook for F
where
    F: Fn(&PageSeen<'_>) -> Result<PageVerdict> + Send + Sync,
{
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
        self(page)
    }
}
