//! Vendor error bodies: how a vendor's error responses are read into an [`ApiError`](crate::ApiError).

use std::fmt::Debug;

use http::{HeaderMap, StatusCode};
use serde_json::Value;

use crate::error::redact::redact_text;

/// What a vendor said in an error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VendorErrorDetails {
    /// The vendor's error code.
    pub code: Option<String>,
    /// The vendor's message.
    pub message: Option<String>,
}

impl VendorErrorDetails {
    /// Details from a code and a message.
    pub fn new(code: Option<String>, message: Option<String>) -> Self {
        VendorErrorDetails { code, message }
    }
}

/// A vendor's error conventions, plugged into the transport.
pub trait VendorErrors: Send + Sync + Debug {
    /// The vendor's name, for messages (`HaloPSA`).
    fn vendor(&self) -> &str;

    /// Reads code and message from an error response.
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> VendorErrorDetails {
        let _ = (status, headers);
        parse_common_error_body(body)
    }

    /// Whether a 403 means "the credential lacks the scope of this operation", so the
    /// transport reports the operation's scope as missing instead of a bare 403.
    fn forbidden_means_missing_scope(&self) -> bool {
        false
    }

    /// Where an admin ticks a missing permission, completing "tick `label` …"
    /// in missing-scope errors, e.g. `on the Permissions tab of the API
    /// application (Configuration → Integrations → HaloPSA API)`.
    fn permission_location(&self) -> &str {
        "for this credential in the vendor portal"
    }

    /// What to check when the server answers 403 although the credential holds
    /// the operation's scope ([`Error::Forbidden`](crate::Error::Forbidden)): a
    /// phrase completing "answered 403 although the credential holds `scope`: …".
    fn forbidden_hint(&self) -> &str {
        "the vendor account behind the credential lacks permission for this record or area"
    }
}

/// The default conventions: common JSON shapes, then plain text.
#[derive(Clone, Debug, Default)]
pub struct GenericErrors;

impl VendorErrors for GenericErrors {
    fn vendor(&self) -> &str {
        "vendor"
    }
}

/// A code or message from a JSON body, trimmed, with credentials masked
/// (vendors echo tokens and form fields in their messages).
fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(redact_text(s.trim())),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn first_string(map: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| map.get(*k).and_then(string_of))
}

const CODE_KEYS: &[&str] = &[
    "code",
    "Code",
    "errorCode",
    "error_code",
    "resultCode",
    "ClassName",
    "error",
];
const MESSAGE_KEYS: &[&str] = &[
    "errorMessage",
    "error_description",
    "message",
    "Message",
    "description",
    "detail",
    "title",
    "Details",
];

/// Parses the common JSON error shapes:
/// `{code, message}`, `{resultCode, errorMessage}`, `{ClassName, Message}`,
/// `{Message}`, OAuth `{error, error_description}`, `{error: {code, message}}`,
/// `{Error: {Message, Details}}`, `[{code, message}]`; anything else becomes the
/// message as plain text (cut to 300 characters). Credentials in codes and
/// messages (`Bearer …`, `client_secret=…`) are masked in every shape.
pub fn parse_common_error_body(body: &[u8]) -> VendorErrorDetails {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => from_object(&map),
        Ok(Value::Array(items)) => items
            .iter()
            .find_map(|v| v.as_object().map(from_object))
            .unwrap_or_default(),
        Ok(other) => VendorErrorDetails::new(None, string_of(&other)),
        Err(_) => {
            let text = crate::error::redact::redact_snippet(body, 300);
            VendorErrorDetails::new(
                None,
                (!text.trim().is_empty()).then(|| text.trim().to_owned()),
            )
        }
    }
}

fn from_object(map: &serde_json::Map<String, Value>) -> VendorErrorDetails {
    let nested = ["error", "Error"]
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_object));
    let mut code = first_string(map, CODE_KEYS);
    let mut message = first_string(map, MESSAGE_KEYS);
    if let Some(inner) = nested {
        code = code.or_else(|| first_string(inner, CODE_KEYS));
        message = message.or_else(|| first_string(inner, MESSAGE_KEYS));
    }
    if message.is_none()
        && let Some(errors) = map.get("errors").and_then(Value::as_array)
    {
        message = errors
            .iter()
            .filter_map(|e| e.as_object().and_then(|o| first_string(o, MESSAGE_KEYS)))
            .next();
    }
    VendorErrorDetails::new(code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> (Option<String>, Option<String>) {
        let d = parse_common_error_body(body.as_bytes());
        (d.code, d.message)
    }

    #[test]
    fn shapes() {
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            parse(r#"{"resultCode":3,"errorMessage":"Ticket not found"}"#),
            (s("3"), s("Ticket not found"))
        );
        assert_eq!(
            parse(r#"{"ClassName":"System.Exception","Message":"boom"}"#),
            (s("System.Exception"), s("boom"))
        );
        assert_eq!(
            parse(r#"{"Message":"An error has occurred."}"#),
            (None, s("An error has occurred."))
        );
        assert_eq!(
            parse(r#"{"error":"invalid_scope","error_description":"bad: read:actions"}"#),
            (s("invalid_scope"), s("bad: read:actions"))
        );
        assert_eq!(
            parse(r#"{"error":{"code":"X","description":"Y"}}"#),
            (s("X"), s("Y"))
        );
        assert_eq!(
            parse(r#"{"Meta":{"ResponseCode":403},"Error":{"Message":"Forbidden","Details":"d"}}"#),
            (None, s("Forbidden"))
        );
        assert_eq!(parse(r#"[{"code":"c","message":"m"}]"#), (s("c"), s("m")));
        assert_eq!(
            parse(r#"{"code":"InvalidObject","message":"x","errors":[{"message":"y"}]}"#),
            (s("InvalidObject"), s("x"))
        );
        assert_eq!(
            parse("Rate Limit Reached - 300 Requests per rolling 5 minute window"),
            (
                None,
                s("Rate Limit Reached - 300 Requests per rolling 5 minute window")
            )
        );
        assert_eq!(
            parse(r#"{"message":"invalid token Bearer eyJ.secret.sig"}"#),
            (None, s("invalid token Bearer ** redacted **"))
        );
        assert_eq!(
            parse(r#"{"Error":{"Message":"client_secret=hunter2 rejected"}}"#),
            (None, s("client_secret=** redacted ** rejected"))
        );
        assert_eq!(
            parse(r#"invalid request body: {"client_secret":"SECRET7"}"#),
            (
                None,
                s(r#"invalid request body: {"client_secret":"** redacted **"}"#)
            )
        );
        assert_eq!(
            parse(r#"{"message":"rejected {\"client_secret\": \"SECRET8\"}"}"#),
            (None, s(r#"rejected {"client_secret": "** redacted **"}"#))
        );
        assert_eq!(parse(""), (None, None));
        assert_eq!(parse("null"), (None, None));
    }
}
