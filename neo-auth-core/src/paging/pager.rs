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

use std::collections::HashSet;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::error::{Error, Result};

/// Where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PageToken {
    /// A page number (1-based or 0-based as the vendor wants).
    Number(u64),
    /// An opaque cursor or offset.
    Cursor(String),
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
}

impl<T> Page<T> {
    /// A page of items with the token of the next page.
    pub fn new(items: Vec<T>, next: Option<PageToken>) -> Self {
        Page {
            items,
            next,
            total: None,
            fingerprint: None,
        }
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

/// A fingerprint of a raw response body.
pub fn fingerprint(body: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

/// Limits of a pager.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PagerLimits {
    /// The most pages one stream fetches before failing as stalled
    /// (default [`PagerLimits::DEFAULT_MAX_PAGES`]).
    pub max_pages: u64,
}

impl PagerLimits {
    /// The default page cap: 10 000 pages (a million records at 100 a page).
    pub const DEFAULT_MAX_PAGES: u64 = 10_000;
}

impl Default for PagerLimits {
    fn default() -> Self {
        PagerLimits {
            max_pages: Self::DEFAULT_MAX_PAGES,
        }
    }
}

impl PagerLimits {
    /// Sets the page cap (at least 1).
    pub fn with_max_pages(mut self, max_pages: u64) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }
}

struct PagerState<F> {
    fetch: F,
    next: Option<PageToken>,
    limits: PagerLimits,
    pages: u64,
    seen: u64,
    last_fingerprint: Option<u64>,
    /// Hashes of every token fetched so far: a cycle (A → B → A) is caught on its
    /// first repeat, not at the page cap. Eight bytes per page.
    fetched_tokens: HashSet<u64>,
}

fn token_hash(token: &PageToken) -> u64 {
    let mut hasher = DefaultHasher::new();
    token.hash(&mut hasher);
    hasher.finish()
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
        fetched_tokens: HashSet::new(),
    };
    stream::try_unfold(state, |mut state| async move {
        let Some(token) = state.next.take() else {
            return Ok(None);
        };
        if state.pages >= state.limits.max_pages {
            return Err(Error::PaginationStalled {
                pages: state.pages,
                reason: format!("reached the cap of {} pages", state.limits.max_pages),
            });
        }
        state.fetched_tokens.insert(token_hash(&token));
        let page = (state.fetch)(token.clone()).await?;
        state.pages += 1;
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
            PageToken::Cursor(_) => panic!("expected a number"),
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
}
