//! Streaming pagination with loop guards.
//!
//! A vendor crate describes how to fetch one page (by number or by cursor); the
//! pager turns that into a `Stream` holding one page in memory at a time. It stops
//! on a missing next token, once `seen >= total` (checked first, so a last page
//! that repeats a cursor still ends cleanly), and on an empty page when the total
//! is unknown; it fails with [`Error::PaginationStalled`] on an empty page while
//! fewer items than the reported total arrived (instead of silently truncating),
//! on a repeated cursor, on the same page served twice (a server that ignores the
//! page parameter), and at a hard page cap — never an endless loop.
//!
//! A page that carries the keys of its records ([`Page::with_record_keys`]) is
//! also checked record by record: a record key already yielded in this stream is
//! dropped from the page, and a non-empty page that brings no new record ends the
//! stream with [`Error::PaginationStalled`] — so a server that serves the same
//! records again, with a changing timestamp or a growing total, is caught on its
//! first repeat. The keys are remembered in memory that does not grow with the
//! stream: those of the first 1 024 records and of the latest 32 768 at least
//! (see `RecentKeys` in `paging/hash.rs` for why that window is enough).

use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};
use url::Url;

use crate::error::{Error, Result};
use crate::paging::hash::{Fingerprinter, KeySet, RecentKeys, hash_bytes};

/// Where the next page starts.
///
/// New schemes may add variants, so a `match` needs a `_` arm.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageToken {
    /// The first page, as the call's own parameters describe it (Link header and
    /// cursor lists, whose first request carries no page token).
    Start,
    /// A page number (1-based or 0-based as the vendor wants).
    Number(u64),
    /// The number of records to skip (`$skip`).
    Offset(u64),
    /// An opaque cursor.
    Cursor(String),
    /// The absolute URL of the next page (an RFC 8288 `Link: <…>; rel="next"`, or
    /// a link in the body such as VSA X's `Meta.NextQueryLink`), already checked
    /// to be same-origin and under the transport's base path.
    Link(Url),
}

/// One fetched page.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The token of the next page, if the vendor says there is one.
    pub next: Option<PageToken>,
    /// The total number of items, when the vendor reports it.
    pub total: Option<u64>,
    /// A fingerprint of the raw page (see [`fingerprint`]), to detect a server that
    /// serves the same page again.
    pub fingerprint: Option<u64>,
    /// One key per item (a hash of its id, or of its bytes), aligned with
    /// [`items`](Self::items): the pager never yields a key twice in one stream.
    pub record_keys: Option<Vec<u64>>,
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    /// The page's items.
    ///
    /// ```
    /// let page = neo_auth_core::Page::new(vec![1, 2], None);
    /// assert_eq!(page.into_iter().sum::<i32>(), 3);
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T> Page<T> {
    /// A page of items with the token of the next page.
    pub fn new(items: Vec<T>, next: Option<PageToken>) -> Self {
        Page {
            items,
            next,
            total: None,
            fingerprint: None,
            record_keys: None,
        }
    }

    /// Sets one key per item (same length and order as the items; a page whose
    /// keys do not line up with its items is checked by its fingerprint only).
    /// The pager drops an item whose key it already yielded, and fails with
    /// [`Error::PaginationStalled`] on a non-empty page that brings no new key.
    pub fn with_record_keys(mut self, keys: Vec<u64>) -> Self {
        self.record_keys = Some(keys);
        self
    }

    /// Sets the total reported by the vendor.
    pub fn with_total(mut self, total: Option<u64>) -> Self {
        self.total = total;
        self
    }

    /// Sets the page fingerprint.
    pub fn with_fingerprint(mut self, fingerprint: u64) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }
}

/// A fingerprint of a raw response body: a fast, non-cryptographic 64-bit hash
/// read eight bytes at a time (not SipHash: a loop guard needs no protection
/// against chosen collisions, and a page can be megabytes).
///
/// ```
/// use neo_auth_core::fingerprint;
/// assert_eq!(fingerprint(b"[1,2]"), fingerprint(b"[1,2]"));
/// assert_ne!(fingerprint(b"[1,2]"), fingerprint(b"[1,3]"));
/// ```
pub fn fingerprint(body: &[u8]) -> u64 {
    hash_bytes(body)
}

/// Limits of a pager.
///
/// The page cap stops a server that never ends a list. A list that reports its
/// total may fetch as many pages as that total needs at the page size seen
/// (with an eighth more for overlapping pages), even past the default cap, so a
/// tenant with more than a million records is never cut off (the first total
/// reported counts, so a total that grows page by page does not lift the cap
/// further). The record-level
/// guards (a record yielded once is never yielded again, a page without a new
/// record is a stall) keep that safe. A cap set with
/// [`with_max_pages`](PagerLimits::with_max_pages) is a hard cap.
///
/// ```
/// use neo_auth_core::PagerLimits;
/// let default = PagerLimits::default();
/// assert!(default.cap_from_total);
/// assert_eq!(default.effective_cap(Some(2_000_000), 100), 22_502);
/// assert_eq!(default.effective_cap(None, 100), 10_000);
/// let hard = PagerLimits::default().with_max_pages(50);
/// assert_eq!(hard.effective_cap(Some(2_000_000), 100), 50);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagerLimits {
    /// The most pages one stream fetches before failing as stalled
    /// (default [`PagerLimits::DEFAULT_MAX_PAGES`]).
    pub max_pages: u64,
    /// Whether a reported total may lift [`max_pages`](Self::max_pages) to the
    /// pages that total needs (default `true`; `false` once a cap is set with
    /// [`with_max_pages`](PagerLimits::with_max_pages)).
    pub cap_from_total: bool,
}

impl PagerLimits {
    /// The default page cap: 10 000 pages (a million records at 100 a page),
    /// lifted by a reported total (see [`PagerLimits`]).
    pub const DEFAULT_MAX_PAGES: u64 = 10_000;
}

impl Default for PagerLimits {
    fn default() -> Self {
        PagerLimits {
            max_pages: Self::DEFAULT_MAX_PAGES,
            cap_from_total: true,
        }
    }
}

impl PagerLimits {
    /// Sets a hard page cap (at least 1), which a reported total does not lift.
    pub fn with_max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = max_pages.max(1);
        self.cap_from_total = false;
        self
    }

    /// Sets whether a reported total may lift the page cap (see [`PagerLimits`]).
    pub fn with_cap_from_total(mut self, lift: bool) -> Self {
        self.cap_from_total = lift;
        self
    }

    /// The cap for a list that reported `total` records (if it did) in pages
    /// of up to `page_len` records: [`max_pages`](Self::max_pages), or the pages
    /// the total needs plus an eighth and two, whichever is more.
    pub fn effective_cap(&self, total: Option<u64>, page_len: u64) -> u64 {
        match total {
            Some(total) if self.cap_from_total && page_len > 0 => {
                let needed = total.div_ceil(page_len);
                self.max_pages
                    .max(needed.saturating_add(needed / 8).saturating_add(2))
            }
            _ => self.max_pages,
        }
    }
}

struct PagerState<F> {
    fetch: F,
    next: Option<PageToken>,
    limits: PagerLimits,
    pages: u64,
    seen: u64,
    last_fingerprint: Option<u64>,
    /// The keys of the records yielded so far: the first page's and the latest
    /// ones, in memory that does not grow with the stream ([`RecentKeys`]).
    yielded_keys: RecentKeys,
    /// Hashes of every token fetched so far: a cycle (A → B → A) is caught on its
    /// first repeat, not at the page cap. Eight bytes per page.
    fetched_tokens: KeySet,
    /// The first total the server reported.
    total: Option<u64>,
    /// The most records one page brought.
    largest_page: u64,
}

fn token_hash(token: &PageToken) -> u64 {
    let mut hasher = Fingerprinter::default();
    match token {
        PageToken::Start => hasher.write(b"s"),
        PageToken::Number(n) => {
            hasher.write(b"n");
            hasher.write(&n.to_le_bytes());
        }
        PageToken::Offset(n) => {
            hasher.write(b"o");
            hasher.write(&n.to_le_bytes());
        }
        PageToken::Cursor(c) => {
            hasher.write(b"c");
            hasher.write(c.as_bytes());
        }
        PageToken::Link(url) => {
            hasher.write(b"l");
            hasher.write(url.as_str().as_bytes());
        }
    }
    hasher.finish()
}

/// Drops the items whose key was already yielded; a non-empty page left with
/// nothing new is a stall.
fn drop_repeated_records<T>(
    page: &mut Page<T>,
    yielded: &mut RecentKeys,
    pages: u64,
) -> Result<()> {
    let Some(keys) = page.record_keys.take() else {
        return Ok(());
    };
    if keys.len() != page.items.len() {
        return Ok(());
    }
    let before = page.items.len();
    if keys.iter().all(|key| !yielded.contains(key)) && {
        // Keys repeated within the page itself also count as repeats.
        let mut distinct = KeySet::with_capacity_and_hasher(keys.len(), Default::default());
        keys.iter().all(|key| distinct.insert(*key))
    } {
        yielded.extend(keys.iter().copied());
        page.record_keys = Some(keys);
        return Ok(());
    }
    let mut kept_keys = Vec::with_capacity(keys.len());
    let items = std::mem::take(&mut page.items);
    page.items = items
        .into_iter()
        .zip(keys)
        .filter(|(_, key)| {
            let new = yielded.insert(*key);
            if new {
                kept_keys.push(*key);
            }
            new
        })
        .map(|(item, _)| item)
        .collect();
    if page.items.is_empty() {
        return Err(Error::PaginationStalled {
            pages,
            reason: format!(
                "page {pages} brought no new records: all {before} were already yielded in this stream (the server repeats records; it may ignore the page parameter)"
            ),
        });
    }
    page.record_keys = Some(kept_keys);
    Ok(())
}

/// A stream of pages starting at `first`.
///
/// ```
/// use futures_util::TryStreamExt;
/// use neo_auth_core::{pages, Page, PageToken, PagerLimits};
/// # tokio_test_block_on(async {
/// let stream = pages(PageToken::Number(1), PagerLimits::default(), |token| async move {
///     let PageToken::Number(n) = token else { unreachable!() };
///     let items: Vec<u64> = if n <= 3 { vec![n * 10, n * 10 + 1] } else { vec![] };
///     Ok(Page::new(items, Some(PageToken::Number(n + 1))).with_total(Some(6)))
/// });
/// let all: Vec<Page<u64>> = stream.try_collect().await.unwrap();
/// assert_eq!(all.len(), 3);
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
pub fn pages<T, F, Fut>(
    first: PageToken,
    limits: PagerLimits,
    fetch: F,
) -> impl Stream<Item = Result<Page<T>>>
where
    F: FnMut(PageToken) -> Fut,
    Fut: Future<Output = Result<Page<T>>>,
{
    let state = PagerState {
        fetch,
        next: Some(first),
        limits,
        pages: 0,
        seen: 0,
        last_fingerprint: None,
        yielded_keys: RecentKeys::default(),
        fetched_tokens: KeySet::default(),
        total: None,
        largest_page: 0,
    };
    stream::try_unfold(state, |mut state| async move {
        let Some(token) = state.next.take() else {
            return Ok(None);
        };
        let cap = state.limits.effective_cap(state.total, state.largest_page);
        if state.pages >= cap {
            return Err(Error::PaginationStalled {
                pages: state.pages,
                reason: format!("reached the cap of {cap} pages"),
            });
        }
        state.fetched_tokens.insert(token_hash(&token));
        let page = (state.fetch)(token.clone()).await?;
        state.pages += 1;
        if state.total.is_none() {
            // The first total bounds the cap: one that grows page by page does not lift it.
            state.total = page.total;
        }
        state.largest_page = state.largest_page.max(page.items.len() as u64);
        if page.items.is_empty() {
            return match page.total {
                Some(total) if state.seen < total => Err(Error::PaginationStalled {
                    pages: state.pages,
                    reason: format!(
                        "an empty page after {} of the {total} items the server reported",
                        state.seen
                    ),
                }),
                _ => Ok(None),
            };
        }
        if let (Some(current), Some(last)) = (page.fingerprint, state.last_fingerprint)
            && current == last
        {
            return Err(Error::PaginationStalled {
                pages: state.pages,
                reason: "the server returned the same page twice; it may ignore the page parameter"
                    .to_owned(),
            });
        }
        state.last_fingerprint = page.fingerprint;
        let mut page = page;
        drop_repeated_records(&mut page, &mut state.yielded_keys, state.pages)?;
        state.seen += page.items.len() as u64;
        if page.total.is_some_and(|total| state.seen >= total) {
            // Done, whatever the page says comes next.
            state.next = None;
            return Ok(Some((page, state)));
        }
        if let Some(next) = &page.next
            && state.fetched_tokens.contains(&token_hash(next))
        {
            return Err(Error::PaginationStalled {
                pages: state.pages,
                reason: format!(
                    "the server pointed back to the page token {next:?}, which was already fetched"
                ),
            });
        }
        state.next = page.next.clone();
        Ok(Some((page, state)))
    })
}

/// A stream of items, one page in memory at a time (see [`pages`]).
pub fn items<T, F, Fut>(
    first: PageToken,
    limits: PagerLimits,
    fetch: F,
) -> impl Stream<Item = Result<T>>
where
    F: FnMut(PageToken) -> Fut,
    Fut: Future<Output = Result<Page<T>>>,
{
    pages(first, limits, fetch)
        .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    fn numbered(token: &PageToken) -> u64 {
        match token {
            PageToken::Number(n) => *n,
            _ => panic!("expected a number"),
        }
    }

    #[test]
    fn stops_at_total_without_an_extra_request() {
        let mut calls = 0;
        let all: Vec<u64> = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                calls += 1;
                let n = numbered(&t);
                async move {
                    Ok(Page::new(vec![n; 10], Some(PageToken::Number(n + 1))).with_total(Some(25)))
                }
            })
            .try_collect(),
        )
        .unwrap();
        // 3 pages of 10 reach 30 ≥ 25 (the vendor's total is authoritative for stopping).
        assert_eq!(all.len(), 30);
        assert_eq!(calls, 3);
    }

    #[test]
    fn a_cursor_cycle_is_caught_on_its_first_repeat() {
        let mut calls = 0;
        let error = block_on(
            items(PageToken::Cursor("A".into()), PagerLimits::default(), |t| {
                calls += 1;
                let next = match t {
                    PageToken::Cursor(c) if c == "A" => "B",
                    _ => "A",
                };
                async move { Ok(Page::new(vec![1u8], Some(PageToken::Cursor(next.into())))) }
            })
            .try_collect::<Vec<u8>>(),
        )
        .unwrap_err();
        assert!(
            matches!(error, Error::PaginationStalled { pages: 2, .. }),
            "{error:?}"
        );
        assert_eq!(calls, 2);
    }

    #[test]
    fn stops_on_empty_page() {
        let all: Vec<u64> = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                let n = numbered(&t);
                async move {
                    let items = if n < 4 { vec![n] } else { vec![] };
                    Ok(Page::new(items, Some(PageToken::Number(n + 1))))
                }
            })
            .try_collect(),
        )
        .unwrap();
        assert_eq!(all, vec![1, 2, 3]);
    }

    #[test]
    fn a_last_page_repeating_its_cursor_ends_cleanly_once_the_total_is_reached() {
        let mut calls = 0;
        let all: Vec<u64> = block_on(
            items(PageToken::Cursor("a".into()), PagerLimits::default(), |t| {
                calls += 1;
                let last = t == PageToken::Cursor("b".into());
                async move {
                    // The last page points back at itself, as some vendors do.
                    let next = PageToken::Cursor("b".into());
                    let items = if last { vec![3] } else { vec![1, 2] };
                    Ok(Page::new(items, Some(next)).with_total(Some(3)))
                }
            })
            .try_collect(),
        )
        .unwrap();
        assert_eq!(all, vec![1, 2, 3]);
        assert_eq!(calls, 2);
    }

    #[test]
    fn an_empty_page_short_of_the_total_is_a_stall() {
        let error = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                let n = numbered(&t);
                async move {
                    let items = if n < 3 { vec![n; 10] } else { vec![] };
                    Ok(Page::new(items, Some(PageToken::Number(n + 1))).with_total(Some(50)))
                }
            })
            .try_collect::<Vec<u64>>(),
        )
        .unwrap_err();
        let Error::PaginationStalled { pages, reason } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*pages, 3);
        assert!(reason.contains("20 of the 50"), "{reason}");
    }

    #[test]
    fn an_empty_first_page_with_a_zero_total_ends_cleanly() {
        let all: Vec<u64> = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |_| async {
                Ok(Page::new(Vec::<u64>::new(), Some(PageToken::Number(2))).with_total(Some(0)))
            })
            .try_collect(),
        )
        .unwrap();
        assert!(all.is_empty());
    }

    #[test]
    fn the_default_page_cap_is_ten_thousand_and_configurable() {
        assert_eq!(PagerLimits::default().max_pages, 10_000);
        assert_eq!(PagerLimits::default().with_max_pages(7).max_pages, 7);
        assert_eq!(PagerLimits::default().with_max_pages(0).max_pages, 1);
        assert!(!PagerLimits::default().with_max_pages(7).cap_from_total);
    }

    fn one_per_page(total: u64, limits: PagerLimits) -> Result<Vec<u64>> {
        block_on(
            items(PageToken::Number(1), limits, move |t| {
                let n = numbered(&t);
                async move {
                    Ok(Page::new(vec![n], Some(PageToken::Number(n + 1)))
                        .with_total(Some(total))
                        .with_record_keys(vec![n]))
                }
            })
            .try_collect(),
        )
    }

    #[test]
    fn a_reported_total_lifts_the_default_cap_but_not_a_hard_one() {
        // Past the default cap of 10 000 pages: a tenant this large is read whole.
        let all = one_per_page(10_005, PagerLimits::default()).unwrap();
        assert_eq!(all.len(), 10_005);
        let error =
            one_per_page(10_005, PagerLimits::default().with_max_pages(10_000)).unwrap_err();
        assert!(
            matches!(error, Error::PaginationStalled { pages: 10_000, .. }),
            "{error:?}"
        );
        let lifted = PagerLimits::default()
            .with_max_pages(3)
            .with_cap_from_total(true);
        assert_eq!(one_per_page(8, lifted).unwrap().len(), 8);
        // A total that keeps growing is capped by what the pages need.
        let growing: Result<Vec<u64>> = block_on(
            items(PageToken::Number(1), lifted, |t| {
                let n = numbered(&t);
                async move {
                    Ok(Page::new(vec![n], Some(PageToken::Number(n + 1)))
                        .with_total(Some(2 * n + 4)))
                }
            })
            .try_collect(),
        );
        assert!(
            matches!(growing, Err(Error::PaginationStalled { pages: 8, .. })),
            "{growing:?}"
        );
    }

    #[test]
    fn repeated_cursor_is_an_error() {
        let result: Result<Vec<u64>> = block_on(
            items(
                PageToken::Cursor("a".into()),
                PagerLimits::default(),
                |_| async { Ok(Page::new(vec![1], Some(PageToken::Cursor("a".into())))) },
            )
            .try_collect(),
        );
        assert!(matches!(result, Err(Error::PaginationStalled { .. })));
    }

    #[test]
    fn same_page_twice_is_an_error() {
        let result: Result<Vec<u64>> = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                let n = numbered(&t);
                async move {
                    Ok(Page::new(vec![7], Some(PageToken::Number(n + 1))).with_fingerprint(42))
                }
            })
            .try_collect(),
        );
        let err = result.unwrap_err();
        assert!(err.to_string().contains("same page twice"), "{err}");
    }

    #[test]
    fn page_cap_is_an_error() {
        let result: Result<Vec<u64>> = block_on(
            items(
                PageToken::Number(1),
                PagerLimits::default().with_max_pages(5),
                |t| {
                    let n = numbered(&t);
                    async move { Ok(Page::new(vec![n], Some(PageToken::Number(n + 1)))) }
                },
            )
            .try_collect(),
        );
        assert!(matches!(
            result,
            Err(Error::PaginationStalled { pages: 5, .. })
        ));
    }

    #[test]
    fn a_record_key_is_yielded_once_and_a_page_of_repeats_is_a_stall() {
        // Pages 1 and 2 overlap by one record; page 3 repeats page 2 exactly
        // (with a different fingerprint, as a changing timestamp would give).
        let all: Result<Vec<u64>> = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                let n = numbered(&t);
                async move {
                    let ids = match n {
                        1 => vec![1, 2, 3],
                        2 => vec![3, 4, 5],
                        _ => vec![3, 4, 5],
                    };
                    Ok(Page::new(ids.clone(), Some(PageToken::Number(n + 1)))
                        .with_fingerprint(n)
                        .with_record_keys(ids))
                }
            })
            .try_collect(),
        );
        let error = all.unwrap_err();
        let Error::PaginationStalled { pages, reason } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*pages, 3);
        assert!(reason.contains("no new records"), "{reason}");
        let yielded: Vec<u64> =
            block_on(
                items(PageToken::Number(1), PagerLimits::default(), |t| {
                    let n = numbered(&t);
                    async move {
                        let ids = match n {
                            1 => vec![1, 2, 3],
                            2 => vec![3, 4, 4],
                            _ => vec![],
                        };
                        Ok(Page::new(ids.clone(), Some(PageToken::Number(n + 1)))
                            .with_record_keys(ids))
                    }
                })
                .try_collect(),
            )
            .unwrap();
        assert_eq!(yielded, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_growing_total_over_repeated_records_stalls_on_the_second_page() {
        let mut calls = 0;
        let error = block_on(
            items(PageToken::Number(1), PagerLimits::default(), |t| {
                calls += 1;
                let n = numbered(&t);
                async move {
                    Ok(Page::new(vec![1u64, 2], Some(PageToken::Number(n + 1)))
                        .with_total(Some(n * 2 + 10))
                        .with_fingerprint(n)
                        .with_record_keys(vec![1, 2]))
                }
            })
            .try_collect::<Vec<u64>>(),
        )
        .unwrap_err();
        assert!(
            matches!(error, Error::PaginationStalled { pages: 2, .. }),
            "{error:?}"
        );
        assert_eq!(calls, 2);
    }

    #[test]
    fn tokens_of_every_kind_hash_apart() {
        let tokens = [
            PageToken::Start,
            PageToken::Number(1),
            PageToken::Offset(1),
            PageToken::Cursor("1".into()),
            PageToken::Link(Url::parse("https://h/api?x=1").unwrap()),
        ];
        let hashes: std::collections::HashSet<u64> = tokens.iter().map(token_hash).collect();
        assert_eq!(hashes.len(), tokens.len());
    }
}
