//! Redirects: reads follow them within the same origin only; writes never do.

use http::{HeaderMap, Method};
use url::Url;

use crate::transport::url_policy::same_origin;

/// Follows redirects only within the same origin (so credentials never travel to
/// another host), at most 5.
pub(super) fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let allowed = attempt
            .previous()
            .last()
            .is_some_and(|prev| same_origin(prev, attempt.url()));
        if attempt.previous().len() > 5 {
            attempt.error("too many redirects")
        } else if allowed {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Why a 3xx reached the caller, for the error message: a write is never
/// redirected (whatever the target), a read only within its origin.
pub(super) fn unfollowed_redirect_message(
    method: &Method,
    request_url: &Url,
    headers: &HeaderMap,
) -> String {
    let target = headers
        .get(http::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| request_url.join(location).ok());
    let elsewhere = target
        .as_ref()
        .is_some_and(|target| !same_origin(request_url, target));
    let writes = !super::is_safe_method(method);
    match (writes, elsewhere, target.is_some()) {
        (true, true, _) => format!(
            "a redirect of a {method} to another origin was not followed (writes are never redirected, and credentials are never sent to another host)"
        ),
        (true, false, _) => format!(
            "a redirect of a {method} was not followed (writes are never redirected: the target would get a GET or a replayed body)"
        ),
        (false, true, _) => {
            "a redirect to another origin was not followed (credentials are never sent to another host)"
                .to_owned()
        }
        (false, false, false) => {
            "a redirect without a usable Location was not followed".to_owned()
        }
        (false, false, true) => "the redirect was not followed".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(method: Method, location: Option<&str>) -> String {
        let url = Url::parse("https://acme.example/api/tickets").unwrap();
        let mut headers = HeaderMap::new();
        if let Some(location) = location {
            headers.insert(http::header::LOCATION, location.parse().unwrap());
        }
        unfollowed_redirect_message(&method, &url, &headers)
    }

    #[test]
    fn the_message_depends_on_method_and_origin() {
        let same = message(Method::POST, Some("/api/tickets/"));
        assert!(
            same.contains("redirect of a POST was not followed"),
            "{same}"
        );
        assert!(!same.contains("another origin"), "{same}");
        let other = message(Method::PATCH, Some("https://evil.example/x"));
        assert!(other.contains("PATCH to another origin"), "{other}");
        let read = message(Method::GET, Some("https://evil.example/x"));
        assert!(read.starts_with("a redirect to another origin"), "{read}");
        assert!(message(Method::GET, None).contains("without a usable Location"));
    }
}
