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
        Error::config_with(format!("`{}` is not a valid URL", redact_userinfo(raw)), e)
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
///
/// ```
/// use neo_auth_core::redact_userinfo;
/// assert_eq!(redact_userinfo("https://user:pw@host/auth?key=k"), "https://***@host/auth?…");
/// assert_eq!(redact_userinfo("https://host/a@b"), "https://host/a@b");
/// ```
pub fn redact_userinfo(raw: &str) -> String {
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
///
/// The joined URL never leaves the base path: a path that is absolute (`https://…`,
/// `//host`), has a `.` or `..` segment (plain or percent-encoded, `%2e`/`%2E`),
/// a backslash (which URL parsing reads as `/` for http and https) or an ASCII
/// control character (tabs and line breaks are dropped by URL parsing, so `.\t.`
/// would become `..`) is refused with [`Error::Config`], and so is any result
/// whose path does not start with the base path.
///
/// Encoded separators and dots are refused too, because a proxy or server
/// that decodes the path once (nginx does) would read them as real ones:
/// `%2F` and `%5C` anywhere (any case), and the encoded dot sequences `%2E%2E`,
/// `.%2E` and `%2E.` (`/Tickets/%2E%2E%2Fadmin` would climb to `/admin`).
///
/// ```
/// use neo_auth_core::{Error, join_path};
/// let base = url::Url::parse("https://h/api/").unwrap();
/// assert!(matches!(join_path(&base, "/Tickets/%2E%2E%2Fadmin"), Err(Error::Config { .. })));
/// assert!(join_path(&base, "/Tickets/12").is_ok());
/// ```
pub fn join_path(base: &Url, path: &str) -> Result<Url> {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    let suffix = path.trim_start_matches('/');
    if suffix.contains("://") || suffix.starts_with("//") {
        return Err(Error::config(format!(
            "`{path}` is not a relative API path"
        )));
    }
    if suffix.contains('\\') {
        return Err(Error::config(format!(
            "`{path}` contains a backslash, which URLs read as `/`; percent-encode it (`%5C`)"
        )));
    }
    if suffix.chars().any(|c| c.is_ascii_control()) {
        return Err(Error::config(format!(
            "`{}` contains a control character; percent-encode it",
            path.escape_debug()
        )));
    }
    if let Some(found) = encoded_separator(suffix) {
        return Err(Error::config(format!(
            "`{path}` contains `{found}`, an encoded separator or dot sequence that a server decoding the path once would read as one; ids with `/`, `\\` or dots of their own cannot be sent in a path"
        )));
    }
    if suffix.split('/').any(is_dot_segment) {
        return Err(Error::config(format!(
            "`{path}` contains a `.` or `..` segment, which would leave the API path"
        )));
    }
    let joined = format!("{prefix}/{suffix}");
    url.set_path(&joined);
    // Defence in depth: whatever the checks above missed, the URL parser's
    // reading of the path must stay under the base path.
    let stays_under = url
        .path()
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with('/'));
    if !stays_under || url.host_str() != base.host_str() {
        return Err(Error::config(format!(
            "`{path}` would leave the API path `{}/`",
            prefix
        )));
    }
    Ok(url)
}

/// Encoded sequences refused in a raw path (compared in lower case).
const ENCODED_SEPARATORS: &[&str] = &["%2f", "%5c", "%2e%2e", ".%2e", "%2e."];

/// The first encoded separator or dot sequence in `path`, as written there.
fn encoded_separator(path: &str) -> Option<&str> {
    // ASCII lower-casing keeps byte offsets, so a match in `lower` indexes `path`.
    let lower = path.to_ascii_lowercase();
    ENCODED_SEPARATORS
        .iter()
        .filter_map(|needle| lower.find(needle).map(|at| (at, needle.len())))
        .min()
        .and_then(|(at, len)| path.get(at..at + len))
}

/// Whether a path segment means "this" or "parent" as URL parsing reads it:
/// `.`, `..`, or either with any dot written `%2e` or `%2E` (`.%2E`, `%2e.`).
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    matches!(decoded.as_str(), "." | "..")
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
            "/..\\..\\x",
            "/Tickets/%2e%2e\\x",
            "/Tickets\\..",
            "/Tickets/.\t./x",
            "/Tickets/%2e\n%2e/x",
        ] {
            let error = join_path(&base, path).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{path}: {error}");
        }
        let id = encode_path_segment("..");
        assert!(join_path(&base, &format!("/Tickets/{id}")).is_err());
        assert_eq!(
            join_path(&base, "/Users/a.b%40c.com").unwrap().as_str(),
            "https://h/api/Users/a.b%40c.com"
        );
    }

    /// Every joined URL stays under the base path; anything that would leave
    /// it (or that the URL parser would rewrite into leaving it) is refused.
    #[test]
    fn joined_paths_stay_under_the_base_path() {
        let base = Url::parse("https://h/api/").unwrap();
        let table: &[(&str, Option<&str>)] = &[
            ("/Tickets", Some("https://h/api/Tickets")),
            ("Tickets/12", Some("https://h/api/Tickets/12")),
            ("/Tickets/a%5Cb", None),
            ("/Tickets/..x", Some("https://h/api/Tickets/..x")),
            ("/Tickets/%2e%2ex", None),
            ("/Tickets/...", Some("https://h/api/Tickets/...")),
            ("/Tickets/..", None),
            ("/Tickets/%2E.", None),
            ("/Tickets/.%2E", None),
            ("/Tickets/%2e", None),
            ("/..\\..\\x", None),
            ("/Tickets/%2e%2e\\x", None),
            ("\\\\evil.example\\x", None),
            ("/Tickets/\\", None),
            ("/Tickets/.\r./x", None),
            ("/Tickets/%2\te/x", None),
            ("/Tickets/\0", None),
        ];
        for (path, expected) in table {
            match (join_path(&base, path), expected) {
                (Ok(url), Some(expected)) => assert_eq!(url.as_str(), *expected, "{path}"),
                (Err(Error::Config { .. }), None) => {}
                (outcome, _) => panic!("{path:?}: {outcome:?}, expected {expected:?}"),
            }
        }
    }

    /// A server that decodes the path once must not read a separator or a
    /// dot segment the SDK did not see (issue 8, item 5).
    #[test]
    fn encoded_separators_and_dot_sequences_are_refused() {
        let base = Url::parse("https://h/api/").unwrap();
        for path in [
            "/Tickets/%2E%2E%2Fadmin",
            "/Tickets/%2e%2e%2fadmin",
            "/Tickets/..%2Fadmin",
            "/Tickets/..%2f..%2fadmin",
            "/Tickets/a%2Fb",
            "/Tickets/a%5cb",
            "/Tickets/..%5C..%5Cadmin",
            "/Tickets/%2E%2E",
            "/Tickets/.%2E",
            "/Tickets/%2e.",
            "/Tickets/x%2E%2Ey",
        ] {
            let error = join_path(&base, path).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{path}: {error}");
            assert!(error.to_string().contains("encoded"), "{path}: {error}");
        }
        let id = encode_path_segment("../../admin");
        assert_eq!(id, "..%2F..%2Fadmin");
        assert!(join_path(&base, &format!("/Tickets/{id}")).is_err());
        for ok in [
            "/Tickets/a.b",
            "/Tickets/a%20b",
            "/Users/a.b%40c.com",
            "/Tickets/%2E",
        ] {
            let outcome = join_path(&base, ok);
            assert_eq!(outcome.is_ok(), ok != "/Tickets/%2E", "{ok}: {outcome:?}");
        }
    }

    #[test]
    fn an_invalid_url_keeps_the_parse_error_as_its_source() {
        let error = validate_base_url("https://exa mple.com").unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error}");
        let source = std::error::Error::source(&error).expect("the parse error is the source");
        assert!(
            source.downcast_ref::<url::ParseError>().is_some(),
            "{source:?}"
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
