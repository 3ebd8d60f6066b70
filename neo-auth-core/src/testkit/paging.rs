//! Paging helpers, so every vendor fake cuts pages and builds `Link` headers
//! through the same tested code.

use url::Url;

/// One page cut from a list: its items and whether more follow.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageSlice<'a, T> {
    /// The page's items (empty past the end).
    pub items: &'a [T],
    /// Whether records follow this page.
    pub has_more: bool,
}

/// Page `page` of `items` in pages of `size`, pages numbered from `first_page`
/// (1 for most vendors, 0 for a few). A page before the first, past the end or
/// of size 0 is empty. Vendor quirks (a page number below 1 read as 1, a size
/// silently capped) are the fake's to apply before calling.
///
/// ```
/// use neo_auth_core::testkit::numbered_page;
/// let items: Vec<u32> = (1..=5).collect();
/// let page = numbered_page(&items, 2, 2, 1);
/// assert_eq!(page.items, &[3, 4]);
/// assert!(page.has_more);
/// assert!(!numbered_page(&items, 3, 2, 1).has_more);
/// assert!(numbered_page(&items, 4, 2, 1).items.is_empty());
/// ```
pub fn numbered_page<T>(items: &[T], page: i64, size: usize, first_page: i64) -> PageSlice<'_, T> {
    let index = page
        .checked_sub(first_page)
        .and_then(|n| usize::try_from(n).ok());
    match index {
        Some(index) if size > 0 => offset_page(items, index.saturating_mul(size), size),
        _ => PageSlice {
            items: &[],
            has_more: false,
        },
    }
}

/// The `top` items after skipping `skip` (OData's `$skip` / `$top`, VSA X).
///
/// ```
/// use neo_auth_core::testkit::offset_page;
/// let items: Vec<u32> = (1..=5).collect();
/// assert_eq!(offset_page(&items, 3, 10).items, &[4, 5]);
/// assert!(offset_page(&items, 0, 2).has_more);
/// assert!(offset_page(&items, 9, 2).items.is_empty());
/// ```
pub fn offset_page<T>(items: &[T], skip: usize, top: usize) -> PageSlice<'_, T> {
    let start = skip.min(items.len());
    let end = start.saturating_add(top).min(items.len());
    PageSlice {
        items: items.get(start..end).unwrap_or(&[]),
        has_more: end < items.len(),
    }
}

/// How many pages of `size` hold `total` records (0 for size 0).
pub fn page_count(total: usize, size: usize) -> usize {
    if size == 0 { 0 } else { total.div_ceil(size) }
}

/// `url` with each of `params` set: a parameter already there (name compared
/// case-insensitively) has its first occurrence replaced in place and any
/// repeats dropped; a new one is appended. Other parameters keep their order.
///
/// ```
/// use neo_auth_core::testkit::url_with_params;
/// let url = url::Url::parse("http://127.0.0.1:1/v4_6_release/apis/3.0/company/companies?PageSize=2&page=1&conditions=a%3D1").unwrap();
/// let next = url_with_params(&url, &[("page", "2")]);
/// assert_eq!(next.query(), Some("PageSize=2&page=2&conditions=a%3D1"));
/// ```
pub fn url_with_params(url: &Url, params: &[(&str, &str)]) -> Url {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut set = vec![false; params.len()];
    for (name, value) in url.query_pairs() {
        match params
            .iter()
            .position(|(p, _)| p.eq_ignore_ascii_case(&name))
        {
            Some(i) => {
                if !set[i] {
                    set[i] = true;
                    pairs.push((name.into_owned(), params[i].1.to_owned()));
                }
            }
            None => pairs.push((name.into_owned(), value.into_owned())),
        }
    }
    for (i, (name, value)) in params.iter().enumerate() {
        if !set[i] {
            pairs.push(((*name).to_owned(), (*value).to_owned()));
        }
    }
    let mut next = url.clone();
    next.set_query(None);
    if !pairs.is_empty() {
        next.query_pairs_mut().extend_pairs(pairs);
    }
    next
}

/// An RFC 8288 `Link` header value: `<url>; rel="name"` entries joined by `, `.
///
/// ```
/// use neo_auth_core::testkit::link_header;
/// let next = url::Url::parse("http://127.0.0.1:1/a?page=2").unwrap();
/// let last = url::Url::parse("http://127.0.0.1:1/a?page=9").unwrap();
/// assert_eq!(
///     link_header(&[("next", &next), ("last", &last)]),
///     r#"<http://127.0.0.1:1/a?page=2>; rel="next", <http://127.0.0.1:1/a?page=9>; rel="last""#
/// );
/// ```
pub fn link_header(links: &[(&str, &Url)]) -> String {
    links
        .iter()
        .map(|(rel, url)| format!("<{url}>; rel=\"{rel}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `Link` header pointing at the next page: the request's own URL with
/// `params` set ([`url_with_params`]), as `rel="next"` (ConnectWise Manage's
/// `page`, Asio's `cursor`).
///
/// ```
/// use neo_auth_core::testkit::link_next;
/// let url = url::Url::parse("http://127.0.0.1:1/api/platform/v2/device/endpoints?limit=2").unwrap();
/// assert_eq!(
///     link_next(&url, &[("cursor", "2")]),
///     r#"<http://127.0.0.1:1/api/platform/v2/device/endpoints?limit=2&cursor=2>; rel="next""#
/// );
/// ```
pub fn link_next(url: &Url, params: &[(&str, &str)]) -> String {
    link_header(&[("next", &url_with_params(url, params))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_pages_cover_every_item_once() {
        let items: Vec<usize> = (0..23).collect();
        for first in [0, 1] {
            let mut seen = Vec::new();
            let mut page = first;
            loop {
                let slice = numbered_page(&items, page, 5, first);
                seen.extend_from_slice(slice.items);
                if !slice.has_more {
                    break;
                }
                page += 1;
            }
            assert_eq!(seen, items);
            assert_eq!(page - first + 1, page_count(items.len(), 5) as i64);
        }
        assert!(numbered_page(&items, 0, 5, 1).items.is_empty());
        assert!(numbered_page(&items, 1, 0, 1).items.is_empty());
        assert!(
            numbered_page(&items, i64::MAX, 5, i64::MIN)
                .items
                .is_empty()
        );
        assert_eq!(page_count(0, 5), 0);
        assert_eq!(page_count(3, 0), 0);
    }

    #[test]
    fn offset_pages_saturate() {
        let items = [1, 2, 3];
        assert_eq!(
            offset_page(&items, usize::MAX, usize::MAX).items,
            &[] as &[i32]
        );
        assert_eq!(offset_page(&items, 1, usize::MAX).items, &[2, 3]);
        let exact = offset_page(&items, 0, 3);
        assert!(!exact.has_more);
    }

    #[test]
    fn params_replace_case_insensitively_drop_repeats_and_append() {
        let url = Url::parse("http://h/x?Page=1&a=b&page=7&c=d%20e").expect("url");
        let next = url_with_params(&url, &[("page", "2"), ("pageSize", "5")]);
        assert_eq!(next.query(), Some("Page=2&a=b&c=d+e&pageSize=5"));
        let bare = Url::parse("http://h/x").expect("url");
        assert_eq!(url_with_params(&bare, &[]).as_str(), "http://h/x");
        assert_eq!(link_header(&[]), "");
    }
}
