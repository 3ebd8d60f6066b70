//! ConnectWise Manage's error bodies and its misleading answers, read into the
//! core's [`ApiError`](neo_auth_core::ApiError).
//!
//! Two body shapes (api notes §1.7): the standard `{code, message, errors[]}`
//! (`errors` may be `null`), and the 429 `{error, message}`. The messages of
//! `errors[]` (with their `field`) are appended, so `ObjectExists on objectId`
//! is not lost behind `callbackEntry object is invalid`.
//!
//! Some answers mislead, and the message says what they really mean:
//! - `Security` / "SSL is required" — the request went to a UI host, not the
//!   `api-` host: use a cloud region (`na`, `eu`, …) or the `api-` URL.
//! - a 404 from ConnectWise cloud may be bad credentials (company ID, keys), not
//!   a missing record: the message says both.
//! - `UserNotAuthenticated` — wrong company ID, keys, or role.

use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrorDetails, VendorErrors, parse_common_error_body, redact_snippet};
use serde_json::Value;

use crate::scopes::PERMISSION_LOCATION;

/// The hint appended to "SSL is required".
pub const SSL_REQUIRED_HINT: &str = "ConnectWise answers \"SSL is required\" when the request did not go to the API host: use the `api-` host (a cloud site such as `na` or `eu`, or https://api-na.myconnectwise.net), not the UI host";

/// The hint appended to a 404 from ConnectWise cloud.
pub const CLOUD_NOT_FOUND_HINT: &str = "on ConnectWise cloud a 404 means either that the record does not exist or that the credentials are wrong (company ID, public or private key): check both";

/// The hint appended to `UserNotAuthenticated`.
pub const NOT_AUTHENTICATED_HINT: &str = "ConnectWise did not accept the credentials: check the company ID, the public and private key of the API member, and that the member is active with a security role";

/// What to check when ConnectWise answers 403 although the role holds the level.
pub const FORBIDDEN_HINT: &str = "the security role holds the level this SDK checks, so ConnectWise refused this record for another reason: check the role's level scope (Mine / My restrict records to the member's own or team's), Table Setup's Customize list, and the member's territory";

/// ConnectWise Manage's error conventions.
///
/// ```
/// use cwmanage_client::CwErrors;
/// use http::{HeaderMap, StatusCode};
/// use neo_auth_core::VendorErrors;
/// let errors = CwErrors::cloud();
/// let d = errors.parse(
///     StatusCode::BAD_REQUEST,
///     &HeaderMap::new(),
///     br#"{"code":"InvalidObject","message":"callbackEntry object is invalid",
///          "errors":[{"code":"ObjectExists","message":"A matching callback entry already exists",
///                     "resource":"callbackEntry","field":"objectId"}]}"#,
/// );
/// assert_eq!(d.code.as_deref(), Some("InvalidObject"));
/// assert_eq!(
///     d.message.as_deref(),
///     Some("callbackEntry object is invalid: ObjectExists: A matching callback entry already exists (field objectId)")
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CwErrors {
    cloud: bool,
}

impl CwErrors {
    /// The conventions of a ConnectWise cloud server (404 may mean bad credentials).
    pub fn cloud() -> Self {
        CwErrors { cloud: true }
    }

    /// The conventions of an on-premise server.
    pub fn on_premise() -> Self {
        CwErrors { cloud: false }
    }

    /// Whether the server is ConnectWise cloud.
    pub fn is_cloud(&self) -> bool {
        self.cloud
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// The `errors[]` entries as `code: message (field f)`.
fn details(errors: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(items)) = errors else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|e| {
            let code = text(e.get("code"));
            let message = text(e.get("message"));
            let field = text(e.get("field"));
            let mut line = match (code, message) {
                (Some(c), Some(m)) => format!("{c}: {m}"),
                (Some(c), None) => c,
                (None, Some(m)) => m,
                (None, None) => return None,
            };
            if let Some(f) = field {
                line.push_str(&format!(" (field {f})"));
            }
            Some(line)
        })
        .collect()
}

/// Masks secrets in text taken from a body, the same way the core masks its
/// own parses (through its snippet redaction).
fn masked(text: &str) -> String {
    redact_snippet(text.as_bytes(), 2000)
}

impl VendorErrors for CwErrors {
    fn vendor(&self) -> &str {
        "ConnectWise Manage"
    }

    fn parse(&self, status: StatusCode, _headers: &HeaderMap, body: &[u8]) -> VendorErrorDetails {
        let mut d = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) if map.contains_key("code") || map.contains_key("error") => {
                let code = text(map.get("code")).or_else(|| text(map.get("error")));
                let mut message = text(map.get("message"));
                let extra = details(map.get("errors"));
                if !extra.is_empty() {
                    let joined = extra.join("; ");
                    message = Some(match message {
                        Some(m) => format!("{m}: {joined}"),
                        None => joined,
                    });
                }
                VendorErrorDetails::new(code.map(|c| masked(&c)), message.map(|m| masked(&m)))
            }
            _ => parse_common_error_body(body),
        };
        let is = |needle: &str| {
            d.message
                .as_deref()
                .is_some_and(|m| m.to_ascii_lowercase().contains(needle))
        };
        let hint = if is("ssl is required") {
            Some(SSL_REQUIRED_HINT)
        } else if is("usernotauthenticated") || d.code.as_deref() == Some("UserNotAuthenticated") {
            Some(NOT_AUTHENTICATED_HINT)
        } else if status == StatusCode::NOT_FOUND && self.cloud {
            Some(CLOUD_NOT_FOUND_HINT)
        } else {
            None
        };
        if let Some(hint) = hint {
            d.message = Some(match d.message.take() {
                Some(m) => format!("{m} — {hint}"),
                None => hint.to_owned(),
            });
        }
        d
    }

    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }

    fn permission_location(&self) -> &str {
        PERMISSION_LOCATION
    }

    fn forbidden_hint(&self) -> &str {
        FORBIDDEN_HINT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(errors: CwErrors, status: u16, body: &str) -> (Option<String>, Option<String>) {
        let d = errors.parse(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        );
        (d.code, d.message)
    }

    #[test]
    fn ssl_required_says_to_use_the_api_host() {
        let (code, message) = parse(
            CwErrors::cloud(),
            400,
            r#"{"code":"Security","message":"SSL is required.","errors":null}"#,
        );
        assert_eq!(code.as_deref(), Some("Security"));
        let message = message.unwrap();
        assert!(message.starts_with("SSL is required."), "{message}");
        assert!(message.contains("`api-` host"), "{message}");
    }

    #[test]
    fn the_429_shape_is_read() {
        let (code, message) = parse(
            CwErrors::cloud(),
            429,
            r#"{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}"#,
        );
        assert_eq!(code.as_deref(), Some("ConnectWiseAPI"));
        assert_eq!(
            message.as_deref(),
            Some("Too many requests. Please try again in 30 seconds.")
        );
    }

    #[test]
    fn a_cloud_404_names_both_causes_and_an_on_premise_one_does_not() {
        let (_, cloud) = parse(CwErrors::cloud(), 404, "");
        assert_eq!(cloud.as_deref(), Some(CLOUD_NOT_FOUND_HINT));
        let (_, cloud) = parse(
            CwErrors::cloud(),
            404,
            r#"{"code":"NotFound","message":"Ticket 5 not found"}"#,
        );
        let cloud = cloud.unwrap();
        assert!(
            cloud.contains("Ticket 5 not found") && cloud.contains("credentials"),
            "{cloud}"
        );
        let (_, premise) = parse(
            CwErrors::on_premise(),
            404,
            r#"{"code":"NotFound","message":"Ticket 5 not found"}"#,
        );
        assert_eq!(premise.as_deref(), Some("Ticket 5 not found"));
    }

    #[test]
    fn user_not_authenticated_points_at_the_credentials() {
        let (_, m) = parse(
            CwErrors::on_premise(),
            401,
            r#"{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}"#,
        );
        assert!(
            m.unwrap()
                .contains("company ID, the public and private key")
        );
    }

    #[test]
    fn non_json_bodies_and_secrets() {
        let (code, m) = parse(CwErrors::on_premise(), 502, "<html>Bad gateway</html>");
        assert_eq!(code, None);
        assert!(m.unwrap().contains("Bad gateway"));
        let (_, m) = parse(
            CwErrors::on_premise(),
            400,
            r#"{"code":"X","message":"bad header Authorization: Basic YWNtZStQVUI6UFJJVg=="}"#,
        );
        assert!(!m.unwrap().contains("YWNtZStQVUI6UFJJVg=="));
    }
}
