//! HaloPSA's error conventions, plugged into the core transport.

use http::{HeaderMap, StatusCode};
use neo_auth_core::{VendorErrorDetails, VendorErrors, parse_common_error_body};

/// What a Halo 403 means when the application holds the operation's scope,
/// completing "answered 403 although the credential holds `scope`: …". Effective
/// access is the application's scopes ∩ the login agent's own permissions and
/// team visibility (api notes §2.1, §2.9), so the agent is what to fix.
pub(crate) const FORBIDDEN_HINT: &str = "the scope is granted, so the login agent of the Halo API application (its \"Agent to log in as\") lacks the permission or team visibility for this: set the agent's permissions under Configuration → Teams & Agents → Agents → (the agent) → Permissions, or through its role (Configuration → Teams & Agents → Roles), and add it to the teams/departments that see these records";

/// Where a login agent's permissions and teams are set in Halo (the tail of
/// [`FORBIDDEN_HINT`]'s advice, for messages that name both causes of a 403).
pub(crate) const AGENT_PERMISSIONS_LOCATION: &str =
    "Configuration → Teams & Agents → Agents → (the agent) → Permissions, and its teams";

/// Reads every HaloPSA error body shape (in HaloAPI's order): `{resultCode,
/// errorMessage}`, `{ClassName, Message}`, `{Message}`, OAuth `{error,
/// error_description}`, then plain text.
///
/// A 403 on an operation with a known scope is mapped by the core: when the
/// credential's known grant lacks the scope it is [`Error::MissingScope`]
/// (naming the scope and where to tick it, [`PERMISSION_LOCATION`]); when the
/// grant covers it — typically `all` — it is [`Error::Forbidden`] with
/// [`HaloErrors::forbidden_hint`]: the login agent's role or teams refuse it.
/// Either way the server's answer is kept as the error's source.
///
/// [`Error::MissingScope`]: neo_auth_core::Error::MissingScope
/// [`Error::Forbidden`]: neo_auth_core::Error::Forbidden
/// [`PERMISSION_LOCATION`]: crate::scopes::PERMISSION_LOCATION
/// [`HaloErrors::forbidden_hint`]: VendorErrors::forbidden_hint
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

    /// The scope is granted, so the login agent lacks the permission or team
    /// visibility; says where agents' permissions are set in Halo.
    fn forbidden_hint(&self) -> &str {
        FORBIDDEN_HINT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> VendorErrorDetails {
        HaloErrors.parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn a_403_on_a_granted_scope_points_at_the_login_agent() {
        let hint = HaloErrors.forbidden_hint();
        assert!(hint.starts_with("the scope is granted"), "{hint}");
        assert!(hint.contains("login agent"), "{hint}");
        assert!(
            hint.contains("Configuration → Teams & Agents → Agents → (the agent) → Permissions"),
            "{hint}"
        );
        assert!(hint.contains("teams"), "{hint}");
        assert!(!hint.contains("tick"), "{hint}");
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
