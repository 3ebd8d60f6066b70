//! HaloPSA's error conventions, plugged into the core transport.

use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrorDetails, VendorErrors, parse_common_error_body};

/// Reads every HaloPSA error body shape (in HaloAPI's order): `{resultCode,
/// errorMessage}`, `{ClassName, Message}`, `{Message}`, OAuth `{error,
/// error_description}`, then plain text. A 403 on an operation with a known scope is
/// reported as that scope missing.
#[derive(Clone, Copy, Debug, Default)]
pub struct HaloErrors;

impl VendorErrors for HaloErrors {
    fn vendor(&self) -> &str {
        "HaloPSA"
    }

    fn parse(&self, _status: StatusCode, _headers: &HeaderMap, body: &[u8]) -> VendorErrorDetails {
        parse_common_error_body(body)
    }

    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }

    fn permission_location(&self) -> &str {
        crate::scopes::PERMISSION_LOCATION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> VendorErrorDetails {
        HaloErrors.parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn every_halo_shape() {
        let d = parse(r#"{"resultCode":1,"errorMessage":"ticket_id is required"}"#);
        assert_eq!(
            (d.code.as_deref(), d.message.as_deref()),
            (Some("1"), Some("ticket_id is required"))
        );
        let d = parse(r#"{"ClassName":"System.ArgumentException","Message":"Expected an array"}"#);
        assert_eq!(d.code.as_deref(), Some("System.ArgumentException"));
        assert_eq!(d.message.as_deref(), Some("Expected an array"));
        let d = parse(r#"{"Message":"Authorization has been denied for this request."}"#);
        assert_eq!(
            d.message.as_deref(),
            Some("Authorization has been denied for this request.")
        );
        let d = parse(
            r#"{"error":"invalid_scope","error_description":"The scope 'read:actions' is not valid"}"#,
        );
        assert_eq!(d.code.as_deref(), Some("invalid_scope"));
        assert!(d.message.unwrap().contains("read:actions"));
        let d = parse("Rate Limit Reached - 300 Requests per rolling 5 minute window");
        assert!(d.message.unwrap().starts_with("Rate Limit Reached"));
    }
}
