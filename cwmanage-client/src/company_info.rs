//! Codebase discovery: `GET {site}/login/companyinfo/{companyId}` says which
//! release path (`v2025_1/`) the company's API lives under.

use neo_auth_core::{Error, Result, lenient};
use serde::{Deserialize, Serialize};

/// The path of the discovery endpoint, relative to the site (not under the API
/// base, so it is not in the API's path list).
pub const COMPANY_INFO_PATH: &str = "login/companyinfo";

/// The codebase that works on every server (cloud routes it to the current release).
pub const DEFAULT_CODEBASE: &str = "v4_6_release/";

/// What `/login/companyinfo/{companyId}` answers (PascalCase, `IsCloud` a string).
///
/// ```
/// use cwmanage_client::models::CompanyInfo;
/// let info: CompanyInfo = serde_json::from_str(
///     r#"{"CompanyName":"Acme","Codebase":"v2017_3/","VersionCode":"v2017.3",
///         "VersionNumber":"v4.6.38842","CompanyID":"acme","IsCloud":"True"}"#,
/// ).unwrap();
/// assert_eq!(info.is_cloud, Some(true));
/// assert_eq!(info.codebase.as_deref(), Some("v2017_3/"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyInfo {
    /// The company's display name.
    #[serde(rename = "CompanyName")]
    pub company_name: Option<String>,
    /// The release path, ending with `/` (`v2017_3/`).
    #[serde(rename = "Codebase")]
    pub codebase: Option<String>,
    /// The release (`v2017.3`).
    #[serde(rename = "VersionCode")]
    pub version_code: Option<String>,
    /// The build (`v4.6.38842`).
    #[serde(rename = "VersionNumber")]
    pub version_number: Option<String>,
    /// The company ID as the server spells it.
    #[serde(rename = "CompanyID")]
    pub company_id: Option<String>,
    /// Whether the server is ConnectWise cloud (sent as the string `"True"`).
    #[serde(rename = "IsCloud", deserialize_with = "lenient::opt_bool")]
    pub is_cloud: Option<bool>,
    /// The site URL some servers add.
    #[serde(rename = "SiteUrl")]
    pub site_url: Option<String>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Reads a companyinfo reply: `null` (an unknown company) is a configuration
/// error naming the company ID; a reply without a codebase is one too.
pub fn company_info_from_reply(company_id: &str, body: &[u8]) -> Result<CompanyInfo> {
    let info: Option<CompanyInfo> = neo_auth_core::decode_json(body)?;
    let info = info.ok_or_else(|| {
        Error::config(format!(
            "ConnectWise Manage does not know the company ID `{company_id}` (companyinfo answered null): check CWM_COMPANY_ID (the company name typed at the ConnectWise login) and the site"
        ))
    })?;
    match info.codebase.as_deref() {
        Some(codebase) if !codebase.trim().is_empty() => {
            normalize_codebase(codebase)?;
            Ok(info)
        }
        _ => Err(Error::config(format!(
            "companyinfo for `{company_id}` carries no Codebase; set the codebase explicitly (CWM_CODEBASE, e.g. {DEFAULT_CODEBASE})"
        ))),
    }
}

/// A codebase as a single path segment ending with `/`: `v2025_1` → `v2025_1/`,
/// `/v4_6_release/` → `v4_6_release/`. Anything but letters, digits, `_`, `-`
/// and `.` is refused.
///
/// ```
/// use cwmanage_client::normalize_codebase;
/// assert_eq!(normalize_codebase("v2025_1").unwrap(), "v2025_1/");
/// assert_eq!(normalize_codebase("/v4_6_release/").unwrap(), "v4_6_release/");
/// assert!(normalize_codebase("../x").is_err());
/// ```
pub fn normalize_codebase(raw: &str) -> Result<String> {
    let inner = raw.trim().trim_matches('/');
    let valid = !inner.is_empty()
        && inner != "."
        && inner != ".."
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !valid {
        return Err(Error::config(format!(
            "`{raw}` is not a ConnectWise Manage codebase (expected one path segment such as v2025_1/ or {DEFAULT_CODEBASE})"
        )));
    }
    Ok(format!("{inner}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_names_the_company() {
        let err = company_info_from_reply("acme-typo", b"null").unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
        assert!(err.to_string().contains("`acme-typo`"), "{err}");
    }

    #[test]
    fn is_cloud_is_read_from_a_string_or_a_bool() {
        let a =
            company_info_from_reply("a", br#"{"Codebase":"v2025_1/","IsCloud":"False"}"#).unwrap();
        assert_eq!(a.is_cloud, Some(false));
        let b = company_info_from_reply("a", br#"{"Codebase":"v2025_1/","IsCloud":true,"New":1}"#)
            .unwrap();
        assert_eq!(b.is_cloud, Some(true));
        assert_eq!(b.extra.get("New"), Some(&serde_json::json!(1)));
    }

    #[test]
    fn a_reply_without_codebase_or_with_a_bad_one_is_refused() {
        assert!(company_info_from_reply("a", br#"{"CompanyName":"A"}"#).is_err());
        assert!(company_info_from_reply("a", br#"{"Codebase":"../../evil/"}"#).is_err());
        assert!(company_info_from_reply("a", b"<html>").is_err());
    }
}
