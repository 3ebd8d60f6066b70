//! API model versions, pinned through the `Accept` header.

use neo_auth_core::{Error, Result};

/// The API version this SDK's models follow, sent unless another is configured.
pub const DEFAULT_API_VERSION: &str = "2025.1";

/// The media type of ConnectWise Manage's versioned JSON.
pub const MEDIA_TYPE: &str = "application/vnd.connectwise.com+json";

/// Checks a version: `major.minor` digits (`2025.1`, `2019.16`).
pub(crate) fn validate_api_version(version: &str) -> Result<()> {
    let mut parts = version.trim().split('.');
    let ok = matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(major), Some(minor), None)
            if !major.is_empty() && !minor.is_empty()
                && major.chars().all(|c| c.is_ascii_digit())
                && minor.chars().all(|c| c.is_ascii_digit())
    );
    if ok {
        Ok(())
    } else {
        Err(Error::config(format!(
            "`{version}` is not a ConnectWise Manage API version (expected major.minor, e.g. {DEFAULT_API_VERSION})"
        )))
    }
}

/// The `Accept` header value pinning `version`.
///
/// ```
/// use cwmanage_client::accept_header;
/// assert_eq!(
///     accept_header("2025.1"),
///     "application/vnd.connectwise.com+json; version=2025.1, application/json"
/// );
/// ```
pub fn accept_header(version: &str) -> String {
    format!("{MEDIA_TYPE}; version={}, application/json", version.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_major_dot_minor() {
        assert!(validate_api_version("2025.1").is_ok());
        assert!(validate_api_version("2019.16").is_ok());
        for bad in ["2025", "2025.1.2", "v2025.1", "", "2025.x", "2025,1"] {
            assert!(validate_api_version(bad).is_err(), "{bad}");
        }
    }
}
