//! Redaction of response bodies before they go into errors or logs.
//!
//! Two layers: patterns (secret-looking keys, `Bearer …`, `client_secret=…`)
//! catch what any server may echo, and [`KnownSecrets`] masks the exact values
//! the SDK holds (a client secret, a Basic password, a secret header value, the
//! current and previous access token) wherever they appear, even bare.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// Exact secret values the SDK holds, masked wherever text from a server or a
/// request is rendered (error messages and snippets, decode errors, the token
/// endpoint's `error_description`, opt-in body logging), in addition to the
/// pattern-based redaction.
///
/// Values shorter than [`KnownSecrets::MIN_LEN`] characters are ignored, so
/// that a short secret never masks common words. A credential reports its
/// values through [`Credential::known_secrets`](crate::Credential::known_secrets).
///
/// ```
/// use neo_auth_core::KnownSecrets;
/// use neo_auth_core::secrecy::SecretString;
/// let secrets = KnownSecrets::new().with(&SecretString::from("cs-S3CR3T"));
/// assert_eq!(
///     secrets.mask("invalid secret cs-S3CR3T for client"),
///     "invalid secret ** redacted ** for client"
/// );
/// assert!(!format!("{secrets:?}").contains("S3CR3T"));
/// ```
#[derive(Clone, Default)]
pub struct KnownSecrets {
    values: Vec<SecretString>,
}

impl KnownSecrets {
    /// Values shorter than this (in characters) are not masked.
    pub const MIN_LEN: usize = 6;

    /// No secrets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a secret (ignored when shorter than [`KnownSecrets::MIN_LEN`]).
    pub fn push(&mut self, secret: &SecretString) {
        let value = secret.expose_secret();
        if value.chars().count() >= Self::MIN_LEN
            && !self.values.iter().any(|v| v.expose_secret() == value)
        {
            self.values.push(secret.clone());
        }
    }

    /// Adds a secret, builder style.
    pub fn with(mut self, secret: &SecretString) -> Self {
        self.push(secret);
        self
    }

    /// Adds every secret of `other`.
    pub fn extend(&mut self, other: &KnownSecrets) {
        for secret in &other.values {
            self.push(secret);
        }
    }

    /// How many secrets are masked.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there is nothing to mask.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every occurrence of a known secret (as is, or
    /// percent-encoded as in an echoed form body) replaced by the mask.
    pub fn mask(&self, text: &str) -> String {
        let mut out = text.to_owned();
        // Longest first: a secret containing another is masked whole.
        let mut values: Vec<&str> = self.values.iter().map(|v| v.expose_secret()).collect();
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        for value in values {
            if out.contains(value) {
                out = out.replace(value, MASK);
            }
            let encoded = form_encoded(value);
            if encoded != value && out.contains(&encoded) {
                out = out.replace(&encoded, MASK);
            }
        }
        out
    }

    /// [`KnownSecrets::mask`] over an optional text.
    pub(crate) fn mask_opt(&self, text: Option<String>) -> Option<String> {
        match text {
            Some(text) if !self.is_empty() => Some(self.mask(&text)),
            other => other,
        }
    }

    /// [`redact_snippet`] with the known secrets masked first (before the cut,
    /// so no part of a secret survives at the end of the snippet).
    pub(crate) fn snippet(&self, body: &[u8], max_chars: usize) -> String {
        if self.is_empty() {
            return redact_snippet(body, max_chars);
        }
        let masked = self.mask(&String::from_utf8_lossy(body));
        redact_snippet(masked.as_bytes(), max_chars)
    }
}

impl fmt::Debug for KnownSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KnownSecrets")
            .field("count", &self.values.len())
            .finish()
    }
}

/// `value` percent-encoded as a form field (`application/x-www-form-urlencoded`).
fn form_encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Key endings whose values are never shown, normalized: lower case, without
/// `_` or `-` (so `access_token`, `accessToken` and `Access-Token` all match
/// `accesstoken`, and `x_api_key` matches `apikey`).
const SENSITIVE_KEY_ENDINGS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "privatekey",
    "apikey",
    "authorization",
    "jwt",
    "assertion",
];

fn normalized(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a JSON key or form field name looks like it holds a secret.
pub(crate) fn is_sensitive(key: &str) -> bool {
    let key = normalized(key);
    SENSITIVE_KEY_ENDINGS.iter().any(|k| key.ends_with(k))
}

fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_sensitive(key) {
                    *v = serde_json::Value::String(MASK.into());
                } else {
                    redact_value(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::String(text) => {
            let masked = redact_text(text);
            if masked != *text {
                *text = masked;
            }
        }
        _ => {}
    }
}

/// Vendor text (an error message, an OAuth `error_description`) with credentials
/// masked: whatever follows `Bearer ` / `Basic `, and the value of every
/// `key=value` / `key: value` pair whose key looks sensitive (`client_secret=…`).
pub(crate) fn redact_text(text: &str) -> String {
    mask_pairs(&mask_credentials(text))
}

/// A short, printable snippet of a body: JSON values under secret-looking keys
/// (`access_token`, `client_secret`, `password`, ...) replaced, bearer and basic
/// credentials and secret-looking `key=value` pairs masked in text and in every
/// JSON string value, and the result cut to `max_chars` characters.
pub fn redact_snippet(body: &[u8], max_chars: usize) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            redact_value(&mut value);
            value.to_string()
        }
        Err(_) => mask_pairs(&mask_credentials(&String::from_utf8_lossy(
            &body[..body.len().min(max_chars.saturating_mul(4))],
        ))),
    };
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

/// What replaces a secret.
const MASK: &str = "** redacted **";

/// Authorization schemes whose credential follows them in plain text.
const SCHEMES: &[&str] = &["bearer ", "basic "];

/// Masks the credential after every `Bearer ` / `Basic ` (any case) in `text`.
fn mask_credentials(text: &str) -> String {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `text`.
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some((pos, scheme)) = SCHEMES
        .iter()
        .filter_map(|s| lower[at..].find(s).map(|p| (at + p, s.len())))
        .min()
    {
        let start = pos + scheme;
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        if text[start..].starts_with(MASK) {
            // Masked already (vendor text passes through more than one layer).
            at = start + MASK.len();
            continue;
        }
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .map_or(text.len(), |e| start + e);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Masks the value of every `key=value` / `key: value` pair in text whose key
/// looks sensitive (`client_secret=…` in an echoed form body, `apiKey: …`,
/// `"access_token":"…"` in JSON that was cut off or embedded in a message).
fn mask_pairs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(sep) = rest.find(['=', ':']) {
        let (before, after) = rest.split_at(sep);
        out.push_str(before);
        out.push_str(&after[..1]);
        let value = &after[1..];
        let key = key_before(before);
        rest = if !key.is_empty() && is_sensitive(key) {
            mask_value(value, &mut out)
        } else {
            value
        };
    }
    out.push_str(rest);
    out
}

/// Quotes a value may open with: JSON's, single quotes, and both as they look
/// inside an escaped JSON string (`{\"client_secret\": \"…\"}`).
const QUOTES: &[&str] = &["\\\"", "\\'", "\"", "'"];

/// The key that ends `before` (the text up to a `:` or `=`), once the quotes
/// and spaces that close it are trimmed: `{"client_secret"` → `client_secret`.
fn key_before(before: &str) -> &str {
    let trimmed = before.trim_end_matches(['"', '\'', '\\', ' ', '\t']);
    let start = trimmed
        .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        .len();
    &trimmed[start..]
}

/// Writes `value` (the text after a sensitive key's separator) to `out` with
/// the value itself masked, and returns what follows the value. A quoted value
/// is masked up to its closing quote, spaces included, or to the end of the
/// text when the quote is never closed (a body cut off); an unquoted one up to
/// the next space or delimiter.
fn mask_value<'a>(value: &'a str, out: &mut String) -> &'a str {
    let body = value.trim_start_matches([' ', '\t']);
    out.push_str(&value[..value.len() - body.len()]);
    let quote = QUOTES.iter().copied().find(|q| body.starts_with(q));
    let body = match quote {
        Some(q) => {
            out.push_str(q);
            &body[q.len()..]
        }
        None => body,
    };
    out.push_str(MASK);
    if let Some(after) = body.strip_prefix(MASK) {
        // Masked already (vendor text passes through more than one layer).
        return after;
    }
    let end = match quote {
        Some(q) => closing_quote(body, q).unwrap_or(body.len()),
        None => body
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '&' | '"' | '\'' | ',' | ';' | '}' | ']')
            })
            .unwrap_or(body.len()),
    };
    &body[end..]
}

/// The byte offset of the quote closing a value that opened with `quote`; a
/// backslash escapes the next character inside `"…"` and `'…'`.
fn closing_quote(body: &str, quote: &str) -> Option<usize> {
    if quote.len() > 1 {
        return body.find(quote);
    }
    let quote = quote.as_bytes()[0];
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_secrets_are_replaced() {
        let body = br#"{"access_token":"s3cr3t","nested":{"client_secret":"x"},"msg":"ok"}"#;
        let out = redact_snippet(body, 500);
        assert!(!out.contains("s3cr3t") && !out.contains("\"x\""), "{out}");
        assert!(out.contains("\"msg\":\"ok\""));
    }

    #[test]
    fn any_spelling_of_a_secret_key_is_redacted() {
        let body = br#"{"accessToken":"A1","clientSecret":"S1","Refresh-Token":"R1","x_api_key":"K1","page":2}"#;
        let out = redact_snippet(body, 500);
        for secret in ["A1", "S1", "R1", "K1"] {
            assert!(!out.contains(secret), "{out}");
        }
        assert!(out.contains("\"page\":2"), "{out}");
    }

    #[test]
    fn text_pairs_are_masked() {
        let out = redact_snippet(
            b"bad request: grant_type=client_credentials&client_secret=S3CR3T&scope=all; apiKey: K3Y x",
            500,
        );
        assert!(!out.contains("S3CR3T") && !out.contains("K3Y"), "{out}");
        assert!(out.contains("grant_type=client_credentials"), "{out}");
        assert!(out.contains("scope=all"), "{out}");
    }

    #[test]
    fn secrets_inside_json_string_values_are_masked() {
        let body = br#"{"message":"invalid token Bearer eyJhbGciOi.x.y","detail":"client_secret=S3CR3T rejected","list":["apiKey: K3Y"]}"#;
        let out = redact_snippet(body, 500);
        for secret in ["eyJhbGciOi", "S3CR3T", "K3Y"] {
            assert!(!out.contains(secret), "{out}");
        }
        assert!(out.contains("invalid token Bearer ** redacted **"), "{out}");
        assert!(out.contains("rejected"), "{out}");
    }

    #[test]
    fn vendor_text_is_masked() {
        assert_eq!(
            redact_text("client_secret=abc rejected"),
            "client_secret=** redacted ** rejected"
        );
        assert_eq!(redact_text("ticket not found"), "ticket not found");
        for text in [
            "invalid token Bearer abc.def",
            "client_secret=abc rejected; apiKey: \"k\"",
        ] {
            let once = redact_text(text);
            assert_eq!(redact_text(&once), once, "masking twice changes `{once}`");
        }
    }

    #[test]
    fn quoted_keys_in_text_are_masked() {
        // Truncated JSON is not JSON: it goes through the text path.
        let out = redact_snippet(br#"{"id":1,"access_token":"SECRET5","#, 500);
        assert!(!out.contains("SECRET5"), "{out}");
        assert!(out.contains(r#""id":1"#), "{out}");
        for text in [
            r#"invalid request body: {"client_secret":"SECRET7"}"#,
            r#"rejected {"client_secret": "SECRET8"}"#,
            r#"rejected {\"client_secret\": \"SECRET8\"}"#,
            "python said {'client_secret': 'SECRET9'}",
            "client_secret='SECRET9 with spaces' rejected",
            r#"password = "SECRET6 with spaces" rejected"#,
            r#"{"refresh_token":"SECRET4 cut off"#,
            r#"{"api_key" : 'SECRET3'"#,
        ] {
            let out = redact_text(text);
            assert!(!out.contains("SECRET"), "`{text}` gives `{out}`");
            assert!(out.contains(MASK), "`{text}` gives `{out}`");
            assert_eq!(redact_text(&out), out, "masking twice changes `{out}`");
        }
        assert_eq!(
            redact_text(r#"bad: {"client_secret":"S", "scope":"all"}"#),
            r#"bad: {"client_secret":"** redacted **", "scope":"all"}"#
        );
        assert_eq!(
            redact_text("client_secret='a b' rejected"),
            "client_secret='** redacted **' rejected"
        );
    }

    #[test]
    fn non_ascii_text_before_a_separator_does_not_panic() {
        for text in [
            "é=1",
            "clé: valeur",
            "日本語:x",
            "ß\"password\":\"p\"",
            "é\u{301}=x",
        ] {
            let _ = redact_text(text);
        }
        assert_eq!(
            redact_text("mot de passe é password=p"),
            "mot de passe é password=** redacted **"
        );
    }

    #[test]
    fn known_secrets_are_masked_bare_and_form_encoded() {
        let secrets = KnownSecrets::new()
            .with(&SecretString::from("cs-S3CR3T"))
            .with(&SecretString::from("a+b/c=d-long"))
            .with(&SecretString::from("short"));
        assert_eq!(secrets.len(), 2, "a value under MIN_LEN is ignored");
        assert_eq!(
            secrets.mask("bad secret cs-S3CR3T; short stays"),
            "bad secret ** redacted **; short stays"
        );
        assert_eq!(
            secrets.mask("client_id=x&k=a%2Bb%2Fc%3Dd-long"),
            "client_id=x&k=** redacted **"
        );
        let body = br#"{"message":"secret cs-S3CR3T is wrong"}"#;
        let snippet = secrets.snippet(body, 500);
        assert!(!snippet.contains("S3CR3T"), "{snippet}");
        assert!(snippet.contains("is wrong"), "{snippet}");
        // Cut in the middle of the secret: nothing of it remains.
        let cut = secrets.snippet(b"xx cs-S3CR3T", 8);
        assert!(!cut.contains("cs-S"), "{cut}");
    }

    #[test]
    fn huge_limits_do_not_overflow() {
        assert_eq!(redact_snippet(b"plain", usize::MAX), "plain");
    }

    #[test]
    fn text_bearer_is_masked_and_cut() {
        let out = redact_snippet(b"denied for Bearer abc.def.ghi please", 500);
        assert_eq!(out, "denied for Bearer ** redacted ** please");
        let out = redact_snippet(b"Authorization: basic dXNlcjpwdw==, BEARER x", 500);
        assert_eq!(
            out,
            "Authorization: ** redacted ** ** redacted **, BEARER ** redacted **"
        );
        let long = "é".repeat(50);
        let out = redact_snippet(long.as_bytes(), 10);
        assert_eq!(out.chars().count(), 11);
    }
}
