//! How Asio's error bodies become the core's API errors.
//!
//! Asio's services answer errors in many shapes: `{code, message}` (device
//! APIs, automation), an array `[{code, message}]` (ticketing),
//! `{error, description}` (custom fields), `{error: {code, description}}`
//! (device mapping), `{error: {message}}` (patching), `{id, message, error,
//! type}` (device groups), `{message, payload, type}` (policy), plain text on
//! some 401/403/429, and a 409 array of `{referencing_object_id, service}`
//! when a definition is still in use. [`AsioErrors`] reads every one; a 403
//! means the credential lacks the operation's scope.

use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrorDetails, VendorErrors, parse_common_error_body};
use serde_json::Value;

/// Asio's error conventions (plugged into the client's transport).
///
/// ```
/// use asio_client::errors::AsioErrors;
/// use neo_auth_core::VendorErrors;
/// let body = br#"[{"code":"bad_request","message":"invalid pageNum"}]"#;
/// let d = AsioErrors.parse(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body);
/// assert_eq!(d.message.as_deref(), Some("invalid pageNum"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct AsioErrors;

impl VendorErrors for AsioErrors {
    fn vendor(&self) -> &str {
        "ConnectWise Asio"
    }

    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> VendorErrorDetails {
        let _ = headers;
        if status == StatusCode::CONFLICT
            && let Some(details) = references(body)
        {
            return details;
        }
        parse_common_error_body(body)
    }

    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }

    fn permission_location(&self) -> &str {
        "on the API access in Asio (Integrations → API Access), then let the client fetch a new token"
    }

    fn forbidden_hint(&self) -> &str {
        "the partner account or the record's company/site is not visible to this API access"
    }
}

/// A 409 naming what still references a definition.
fn references(body: &[u8]) -> Option<VendorErrorDetails> {
    let items: Vec<Value> = serde_json::from_slice(body).ok()?;
    let services: Vec<&str> = items
        .iter()
        .filter(|i| i.get("referencing_object_id").is_some())
        .filter_map(|i| i.get("service").and_then(Value::as_str))
        .collect();
    if services.is_empty() {
        return None;
    }
    Some(VendorErrorDetails::new(
        Some("conflict".to_owned()),
        Some(format!(
            "still referenced by {} object(s) (services: {})",
            services.len(),
            services.join(", ")
        )),
    ))
}

/// The explanation given when `/v1/token` answers 423 Locked.
pub const TOKEN_LOCKED: &str = "ConnectWise Asio locked this API key (423 Locked) because it asked \
for too many tokens: the key stays locked for a while, so wait before retrying, and reuse one \
cached token per process instead of signing in per request (one Client does that for you; do not \
build a Client per call)";

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> (Option<String>, Option<String>) {
        let d = AsioErrors.parse(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        );
        (d.code, d.message)
    }

    #[test]
    fn every_shape_of_the_notes() {
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            parse(
                400,
                r#"{"code":"bad_request","message":"ErrClientIDNotAllowed"}"#
            ),
            (s("bad_request"), s("ErrClientIDNotAllowed"))
        );
        assert_eq!(
            parse(400, r#"[{"code":"400","message":"bad"}]"#),
            (s("400"), s("bad"))
        );
        assert_eq!(
            parse(
                400,
                r#"{"error":"invalid_attribute","description":"unknown id"}"#
            ),
            (s("invalid_attribute"), s("unknown id"))
        );
        assert_eq!(
            parse(
                404,
                r#"{"error":{"code":"not_found","description":"no mapping"}}"#
            ),
            (s("not_found"), s("no mapping"))
        );
        assert_eq!(
            parse(500, r#"{"error":{"message":"patching down"}}"#),
            (None, s("patching down"))
        );
        assert_eq!(
            parse(
                404,
                r#"{"id":"x","message":"group not found","error":{"message":"nf"},"type":"e"}"#
            )
            .1,
            s("group not found")
        );
        assert_eq!(
            parse(
                400,
                r#"{"message":"bad policy","payload":null,"type":"error"}"#
            )
            .1,
            s("bad policy")
        );
        assert_eq!(parse(401, "access_denied"), (None, s("access_denied")));
        assert_eq!(
            parse(429, "Too Many Requests"),
            (None, s("Too Many Requests"))
        );
        assert_eq!(
            parse(
                409,
                r#"[{"referencing_object_id":"a","service":"policy"},{"referencing_object_id":"b","service":"alerts"}]"#
            ),
            (
                s("conflict"),
                s("still referenced by 2 object(s) (services: policy, alerts)")
            )
        );
    }

    #[test]
    fn a_403_means_a_missing_scope() {
        assert!(AsioErrors.forbidden_means_missing_scope());
    }
}
