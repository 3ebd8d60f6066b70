//! Redaction of response bodies before they go into errors or logs.

/// JSON keys whose values are never shown.
const SENSITIVE_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "client_secret",
    "secret",
    "password",
    "privatekey",
    "private_key",
    "apikey",
    "api_key",
    "authorization",
    "jwt",
];

fn is_sensitive(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    SENSITIVE_KEYS
        .iter()
        .any(|k| lower == *k || lower.ends_with(&format!("_{k}")))
}

fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_sensitive(key) {
                    *v = serde_json::Value::String("** redacted **".into());
                } else {
                    redact_value(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        _ => {}
    }
}

/// A short, printable snippet of a body: JSON values under secret-looking keys
/// (`access_token`, `client_secret`, `password`, ...) replaced, bearer and basic
/// credentials in text masked, and the result cut to `max_chars` characters.
pub fn redact_snippet(body: &[u8], max_chars: usize) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            redact_value(&mut value);
            value.to_string()
        }
        Err(_) => mask_credentials(&String::from_utf8_lossy(
            &body[..body.len().min(max_chars * 4)],
        )),
    };
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}

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
        out.push_str("** redacted **");
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .map_or(text.len(), |e| start + e);
        at = end;
    }
    out.push_str(&text[at..]);
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
    fn text_bearer_is_masked_and_cut() {
        let out = redact_snippet(b"denied for Bearer abc.def.ghi please", 500);
        assert_eq!(out, "denied for Bearer ** redacted ** please");
        let out = redact_snippet(b"Authorization: basic dXNlcjpwdw==, BEARER x", 500);
        assert_eq!(
            out,
            "Authorization: basic ** redacted **, BEARER ** redacted **"
        );
        let long = "é".repeat(50);
        let out = redact_snippet(long.as_bytes(), 10);
        assert_eq!(out.chars().count(), 11);
    }
}
