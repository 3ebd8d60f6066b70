//! Base-URL validation: https always; plain http only for loopback hosts.

use std::net::IpAddr;

use url::Url;

use crate::error::{Error, Result};

/// Validates a base URL for an API or token endpoint.
///
/// `https://` is always accepted. `http://` is accepted only for `localhost` or a
/// loopback IP literal (`127.0.0.0/8`, `::1`) — the fakes and tests — and refused
/// for every other host, so a typo cannot send credentials in clear text. URLs with
/// embedded user info, a query or a fragment are refused too.
///
/// ```
/// use neo_auth_core::validate_base_url;
/// assert!(validate_base_url("https://acme.halopsa.com").is_ok());
/// assert!(validate_base_url("http://127.0.0.1:8080").is_ok());
/// assert!(validate_base_url("http://example.com").is_err());
/// ```
pub fn validate_base_url(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|e| {
        Error::config(format!(
            "`{}` is not a valid URL: {e}",
            redact_userinfo(raw)
        ))
    })?;
    let host = url
        .host_str()
        .ok_or_else(|| Error::config(format!("`{}` has no host", redact_userinfo(raw))))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback_host(host) => {}
        "http" => {
            return Err(Error::config(format!(
                "`{}` uses plain http to a non-loopback host; use https (http is allowed only for localhost and loopback addresses)",
                redact_userinfo(raw)
            )));
        }
        other => {
            return Err(Error::config(format!(
                "`{}`: unsupported scheme `{other}` (use https)",
                redact_userinfo(raw)
            )));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::config(
            "a base URL must not carry a user name or password; pass credentials separately",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::config(format!(
            "`{}`: a base URL must not have a query or fragment",
            redact_userinfo(raw)
        )));
    }
    Ok(url)
}

/// Whether `host` is `localhost` or a loopback IP literal (brackets allowed for IPv6).
pub fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether two URLs share scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

/// A URL as shown in messages: user info and query (which may carry a password
/// or an API key) replaced, whether or not the text parses as a URL.
pub(crate) fn redact_userinfo(raw: &str) -> String {
    let raw = raw.trim();
    let (before_query, had_query) = match raw.find(['?', '#']) {
        Some(cut) => (&raw[..cut], true),
        None => (raw, false),
    };
    let mut out = match before_query.find("://") {
        Some(scheme_end) => {
            let rest = &before_query[scheme_end + 3..];
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{}://***@{}", &before_query[..scheme_end], &rest[at + 1..]),
                None => before_query.to_owned(),
            }
        }
        None => before_query.to_owned(),
    };
    if had_query {
        out.push_str("?…");
    }
    out
}

/// Joins a base URL and an API path, keeping the base's own path prefix
/// (`https://h/api` + `/Tickets` → `https://h/api/Tickets`).
pub fn join_path(base: &Url, path: &str) -> Result<Url> {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    let suffix = path.trim_start_matches('/');
    if suffix.contains("://") || suffix.starts_with("//") {
        return Err(Error::config(format!(
            "`{path}` is not a relative API path"
        )));
    }
    if suffix.split('/').any(is_dot_segment) {
        return Err(Error::config(format!(
            "`{path}` contains a `.` or `..` segment, which would leave the API path"
        )));
    }
    url.set_path(&format!("{prefix}/{suffix}"));
    Ok(url)
}

/// Whether a path segment means "this" or "parent" once percent-decoded.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Percent-encodes one path segment (an id or name put into a URL path).
/// `.` and `..` stay as they are and are refused by [`join_path`], so an id can
/// never climb out of the resource's path.
///
/// ```
/// assert_eq!(neo_auth_core::encode_path_segment("a/b c"), "a%2Fb%20c");
/// ```
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_and_hosts() {
        for ok in [
            "https://acme.halopsa.com",
            "https://acme.halopsa.com/api/",
            "http://localhost:1234",
            "http://127.0.0.1:9",
            "http://127.8.9.10",
            "http://[::1]:8080/x",
        ] {
            assert!(validate_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://10.0.0.1",
            "http://localhost.example.com",
            "ftp://127.0.0.1",
            "https://user:pw@acme.example",
            "https://acme.example/?a=b",
            "not a url",
            "",
        ] {
            let err = validate_base_url(bad).unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{bad}: {err}");
            assert!(!err.to_string().contains("pw@"), "{err}");
        }
    }

    #[test]
    fn dot_segments_never_leave_the_api_path() {
        let base = Url::parse("https://h/api/").unwrap();
        for path in [
            "/Tickets/..",
            "/Tickets/.",
            "/Tickets/%2e%2e/admin",
            "/Tickets/%2E%2E/%2E%2E/admin",
            "/Tickets/.%2e/x",
            "../x",
        ] {
            assert!(join_path(&base, path).is_err(), "{path}");
        }
        let id = encode_path_segment("..");
        assert!(join_path(&base, &format!("/Tickets/{id}")).is_err());
        assert_eq!(
            join_path(&base, "/Users/a.b%40c.com").unwrap().as_str(),
            "https://h/api/Users/a.b%40c.com"
        );
    }

    #[test]
    fn messages_never_show_passwords_or_queries() {
        for raw in [
            "http://user:p@ss@example.com/api",
            "http://example.com/api?api_key=SECRETKEY",
            "ftp://user:p@ss@127.0.0.1?x=SECRETKEY",
            "https://user:p@ss@/nohost?api_key=SECRETKEY",
        ] {
            let error = validate_base_url(raw).unwrap_err().to_string();
            assert!(!error.contains("ss@"), "{error}");
            assert!(!error.contains("SECRETKEY"), "{error}");
        }
    }

    #[test]
    fn join_keeps_prefix() {
        let base = Url::parse("https://h/api/").unwrap();
        assert_eq!(
            join_path(&base, "/Tickets").unwrap().as_str(),
            "https://h/api/Tickets"
        );
        let base = Url::parse("https://h").unwrap();
        assert_eq!(join_path(&base, "x/y").unwrap().as_str(), "https://h/x/y");
        // A path can never change the host.
        let joined = join_path(&base, "//evil.example/x").unwrap();
        assert_eq!(joined.host_str(), Some("h"));
        assert!(join_path(&base, "https://evil.example/x").is_err());
    }

    #[test]
    fn origins() {
        let a = Url::parse("https://h:443/a").unwrap();
        let b = Url::parse("https://H/b").unwrap();
        let c = Url::parse("https://h:8443/a").unwrap();
        assert!(same_origin(&a, &b));
        assert!(!same_origin(&a, &c));
    }
}
