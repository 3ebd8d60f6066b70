//! RFC 8288 `Link` headers: finding `rel="next"`, and checking that a next-page
//! URL stays on the API (same origin, under the base path) before any credential
//! is sent to it.

use http::HeaderMap;
use url::Url;

use crate::error::{Error, Result};
use crate::transport::url_policy::{redact_userinfo, same_origin};

/// One link of a `Link` header: its target (as written, unresolved) and its
/// `rel` relation types (lower case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LinkValue {
    pub(crate) target: String,
    pub(crate) rels: Vec<String>,
}

/// Parses one `Link` header value: `<uri>; rel="next"; title="a, b", <uri2>; rel=last`.
/// Parameters may be tokens or quoted strings (with `\` escapes, commas and
/// semicolons inside); `rel` may list several types (`rel="next last"`).
/// A malformed link is skipped; the links around it are still read.
pub(crate) fn parse_link_header(value: &str) -> Vec<LinkValue> {
    let mut links = Vec::new();
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Find the next `<`.
        while i < bytes.len() && bytes[i] != b'<' {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i + 1;
        let Some(end) = value[start..].find('>').map(|e| start + e) else {
            break;
        };
        let target = value[start..end].trim().to_owned();
        i = end + 1;
        let mut rels = Vec::new();
        // Parameters up to a top-level comma.
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b',' {
                i += 1;
                break;
            }
            if bytes[i] != b';' {
                // Not a parameter: skip to the next link.
                while i < bytes.len() && bytes[i] != b',' && bytes[i] != b'<' {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b',' {
                    i += 1;
                }
                break;
            }
            i += 1;
            let name_start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b';' | b',') {
                i += 1;
            }
            let name = value[name_start..i].trim().to_ascii_lowercase();
            let mut param = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b'"' {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        if bytes[i] == b'\\' && i + 1 < bytes.len() {
                            i += 1;
                        }
                        let ch_len = utf8_len(bytes[i]);
                        param.push_str(value.get(i..i + ch_len).unwrap_or(""));
                        i += ch_len;
                    }
                    i += 1;
                } else {
                    let token_start = i;
                    while i < bytes.len() && !matches!(bytes[i], b';' | b',') {
                        i += 1;
                    }
                    param = value[token_start..i].trim().to_owned();
                }
            }
            if name == "rel" && rels.is_empty() {
                rels = param
                    .split_ascii_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect();
            }
        }
        links.push(LinkValue { target, rels });
    }
    links
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The `rel="next"` link of the response's `Link` headers (all of them read),
/// resolved against the URL the page was requested from.
pub(crate) fn next_link(headers: &HeaderMap, request_url: &Url) -> Result<Option<Url>> {
    for header in headers.get_all(http::header::LINK) {
        let Ok(value) = header.to_str() else {
            continue;
        };
        if let Some(link) = parse_link_header(value)
            .into_iter()
            .find(|link| link.rels.iter().any(|rel| rel == "next"))
        {
            return resolve(request_url, &link.target).map(Some);
        }
    }
    Ok(None)
}

/// `target` (absolute or relative) resolved against `request_url`.
pub(crate) fn resolve(request_url: &Url, target: &str) -> Result<Url> {
    request_url.join(target).map_err(|e| {
        Error::config_with(
            format!(
                "the server's next-page link `{}` is not a URL",
                redact_userinfo(target)
            ),
            e,
        )
    })
}

/// Checks a next-page URL: same origin as `base` and under its path (on a
/// segment boundary), else a configuration error naming the rejected link —
/// the credential is never sent anywhere else. Returns the path relative to the
/// base path and the link's query pairs.
pub(crate) fn check_next_link(base: &Url, link: &Url) -> Result<(String, Vec<(String, String)>)> {
    let shown = || redact_userinfo(link.as_str());
    if !same_origin(base, link) || link.username() != "" || link.password().is_some() {
        return Err(Error::config(format!(
            "the server's next-page link `{}` points to another origin than the API `{}`; it was not followed (the credential is only sent to the API's own origin)",
            shown(),
            base.origin().ascii_serialization()
        )));
    }
    let prefix = base.path().trim_end_matches('/');
    let rest = link
        .path()
        .strip_prefix(prefix)
        .filter(|rest| rest.starts_with('/') || (rest.is_empty() && !prefix.is_empty()));
    let Some(rest) = rest else {
        return Err(Error::config(format!(
            "the server's next-page link `{}` is outside the API path `{prefix}/`; it was not followed",
            shown()
        )));
    };
    let query = link
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    Ok((rest.to_owned(), query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_links_quoted_params_and_rel_lists() {
        let links = parse_link_header(
            r#"<https://h/a?page=1>; rel="first", <https://h/a?page=3>; title="x, y; z"; rel="next last", </a?page=1>;rel=prev"#,
        );
        assert_eq!(links.len(), 3);
        assert_eq!(links[1].target, "https://h/a?page=3");
        assert_eq!(links[1].rels, vec!["next", "last"]);
        assert_eq!(links[2].rels, vec!["prev"]);
    }

    #[test]
    fn escapes_and_malformed_entries() {
        let links =
            parse_link_header(r#"garbage, <https://h/n>; title="a \"quoted\" >"; REL="Next""#);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].rels, vec!["next"]);
        assert!(parse_link_header("<unterminated").is_empty());
    }

    #[test]
    fn relative_links_resolve_against_the_request() {
        let mut headers = HeaderMap::new();
        headers.append(
            http::header::LINK,
            r#"<https://h/x>; rel="prev""#.parse().unwrap(),
        );
        headers.append(
            http::header::LINK,
            r#"<?page=2>; rel="next""#.parse().unwrap(),
        );
        let request = Url::parse("https://h/api/items?page=1").unwrap();
        let next = next_link(&headers, &request).unwrap().unwrap();
        assert_eq!(next.as_str(), "https://h/api/items?page=2");
    }

    #[test]
    fn links_must_stay_on_the_api() {
        let base = Url::parse("https://h/api").unwrap();
        let ok = Url::parse("https://h/api/items?page=2&pageSize=5").unwrap();
        let (path, query) = check_next_link(&base, &ok).unwrap();
        assert_eq!(path, "/items");
        assert_eq!(query.len(), 2);
        for bad in [
            "https://evil/api/items",
            "http://h/api/items",
            "https://h:444/api/items",
            "https://h/apix/items",
            "https://h/other",
            "https://user:pw@h/api/items",
        ] {
            let error = check_next_link(&base, &Url::parse(bad).unwrap()).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{bad}: {error}");
            assert!(!error.to_string().contains("pw"), "{error}");
        }
    }
}
