//! Redaction of response bodies before they go into errors or logs.

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
/// looks sensitive (`client_secret=…` in an echoed form body, `apiKey: …`).
fn mask_pairs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(sep) = rest.find(['=', ':']) {
        let (before, after) = rest.split_at(sep);
        let key_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |p| p + 1);
        let key = before[key_start..].trim_matches('"');
        out.push_str(before);
        out.push_str(&after[..1]);
        let value = &after[1..];
        if !key.is_empty() && is_sensitive(key) {
            let skipped = value.len() - value.trim_start_matches([' ', '"']).len();
            out.push_str(&value[..skipped]);
            out.push_str(MASK);
            let value = &value[skipped..];
            if let Some(after) = value.strip_prefix(MASK) {
                rest = after;
                continue;
            }
            let end = value
                .find(|c: char| c.is_whitespace() || matches!(c, '&' | '"' | '\'' | ',' | ';'))
                .unwrap_or(value.len());
            rest = &value[end..];
        } else {
            rest = value;
        }
    }
    out.push_str(rest);
    out
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
