//! VSA X error bodies and what its 401 and 403 mean.
//!
//! The error body shape is not documented. Seen or suggested: `{"Error":
//! {"Message", "Details"}}`, `{"Meta": {"ResponseCode", "ErrorMessage"}}`,
//! `{"Message"}`, and plain text. All are read; `Message` and `Details` are
//! joined so nothing the server said is lost.

use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrorDetails, VendorErrors, parse_common_error_body, redact_snippet};
use serde_json::{Map, Value};

/// What a 401 reminds the caller of.
pub const UNAUTHORIZED_HINT: &str = "check the Token ID and Token Secret; a revoked token has a 30-day grace period in which its secret can be regenerated (Configuration → API Access → Third-Party Tokens) before it is deleted";

/// VSA X's error conventions, plugged into the core transport.
///
/// ```
/// use http::{HeaderMap, StatusCode};
/// use neo_auth_core::VendorErrors;
/// use vsax_client::VsaxErrors;
/// let body = br#"{"Meta":{"ResponseCode":404},"Error":{"Message":"Not found","Details":"No device 8f3c"}}"#;
/// let details = VsaxErrors.parse(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
/// assert_eq!(details.message.as_deref(), Some("Not found: No device 8f3c"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct VsaxErrors;

fn text(value: Option<&Value>) -> Option<String> {
    let raw = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!raw.is_empty()).then(|| redact_snippet(raw.as_bytes(), 500))
}

fn join(message: Option<String>, details: Option<String>) -> Option<String> {
    match (message, details) {
        (Some(m), Some(d)) if m != d => Some(format!("{m}: {d}")),
        (Some(m), _) => Some(m),
        (None, d) => d,
    }
}

/// Code and message from VSA X's shapes, `None` when the body is none of them.
fn vsax_shapes(body: &[u8]) -> Option<VendorErrorDetails> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    let get = |m: &Map<String, Value>, keys: &[&str]| keys.iter().find_map(|k| text(m.get(*k)));
    let error = map.get("Error").and_then(Value::as_object);
    let meta = map.get("Meta").and_then(Value::as_object);
    let message = join(
        error.and_then(|e| get(e, &["Message", "message"])),
        error.and_then(|e| get(e, &["Details", "details"])),
    )
    .or_else(|| meta.and_then(|m| get(m, &["ErrorMessage", "Message"])))
    .or_else(|| join(get(&map, &["Message", "message"]), get(&map, &["Details"])));
    let code = error
        .and_then(|e| get(e, &["Code", "ErrorCode"]))
        .or_else(|| meta.and_then(|m| get(m, &["ErrorCode"])));
    (message.is_some() || code.is_some()).then(|| VendorErrorDetails::new(code, message))
}

impl VendorErrors for VsaxErrors {
    fn vendor(&self) -> &str {
        "VSA X"
    }

    fn parse(&self, status: StatusCode, _headers: &HeaderMap, body: &[u8]) -> VendorErrorDetails {
        let mut details = vsax_shapes(body).unwrap_or_else(|| parse_common_error_body(body));
        if status == StatusCode::UNAUTHORIZED {
            details.message = Some(match details.message.take() {
                Some(said) => format!("{said} ({UNAUTHORIZED_HINT})"),
                None => UNAUTHORIZED_HINT.to_owned(),
            });
        }
        details
    }

    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }

    fn permission_location(&self) -> &str {
        FORBIDDEN_LOCATION
    }

    fn forbidden_hint(&self) -> &str {
        FORBIDDEN_HINT
    }
}

const FORBIDDEN_LOCATION: &str = concat!(
    "on the token's Authorization tab (",
    "Configuration → API Access → Third-Party Tokens → Authorization",
    "); a 403 can also mean that the record's organization is outside the organizations the token may see (same tab)"
);

const FORBIDDEN_HINT: &str = concat!(
    "the record's organization may be outside the organizations the token may see, or the declared areas are wrong (",
    "Configuration → API Access → Third-Party Tokens → Authorization",
    ")"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::{ORGANIZATION_SCOPE_CAVEAT, PORTAL_PATH};

    fn parse(status: u16, body: &str) -> (Option<String>, Option<String>) {
        let d = VsaxErrors.parse(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        );
        (d.code, d.message)
    }

    #[test]
    fn shapes() {
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            parse(
                403,
                r#"{"Meta":{"ResponseCode":403},"Error":{"Message":"Forbidden","Details":"Devices"}}"#
            ),
            (None, s("Forbidden: Devices"))
        );
        assert_eq!(
            parse(400, r#"{"Error":{"Message":"Bad filter"}}"#),
            (None, s("Bad filter"))
        );
        assert_eq!(
            parse(
                400,
                r#"{"Meta":{"ResponseCode":400,"ErrorMessage":"Invalid $top"}}"#
            ),
            (None, s("Invalid $top"))
        );
        assert_eq!(
            parse(500, r#"{"Message":"An error has occurred."}"#),
            (None, s("An error has occurred."))
        );
        assert_eq!(parse(502, "Bad Gateway"), (None, s("Bad Gateway")));
        assert_eq!(parse(404, ""), (None, None));
        assert_eq!(
            parse(400, r#"{"Error":{"Code":"E12","Message":"x"}}"#),
            (s("E12"), s("x"))
        );
    }

    #[test]
    fn a_401_reminds_of_the_grace_period() {
        let (_, message) = parse(401, r#"{"Error":{"Message":"Unauthorized"}}"#);
        let message = message.unwrap();
        assert!(message.starts_with("Unauthorized ("), "{message}");
        assert!(message.contains("30-day grace period"));
        assert!(parse(401, "").1.unwrap().contains("30-day grace period"));
    }

    #[test]
    fn the_location_names_the_portal_path_and_the_organization_caveat() {
        assert!(FORBIDDEN_LOCATION.contains(PORTAL_PATH));
        assert!(FORBIDDEN_LOCATION.contains(ORGANIZATION_SCOPE_CAVEAT));
        assert!(FORBIDDEN_HINT.contains(PORTAL_PATH));
    }
}
