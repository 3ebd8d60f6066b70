use serde::{Deserialize, Serialize};

use super::common::{Extra, Ref};

/// A site of a company: `GET /api/platform/v1/company/sites`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Site {
    /// The site id.
    pub id: String,
    /// The site's name.
    pub name: String,
    /// A friendlier name.
    pub friendly_name: Option<String>,
    /// The IANA time zone (`Australia/Sydney`).
    pub time_zone: Option<String>,
    /// Whether the site is active.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_bool")]
    pub active_flag: Option<bool>,
    /// Whether it is the company's primary site.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_bool")]
    pub primary_flag: Option<bool>,
    /// The owning company (`{id, name, …}`).
    pub company: Option<Ref>,
    /// The primary address.
    pub primary_address: Option<serde_json::Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Site {
    /// The owning company's id: `company.id`, else a top-level `companyID` or
    /// `clientID` (seen in some answers).
    pub fn company_id(&self) -> Option<&str> {
        self.company
            .as_ref()
            .and_then(|c| c.id.as_deref())
            .or_else(|| {
                ["companyID", "companyId", "clientID"]
                    .iter()
                    .find_map(|k| self.extra.get(*k).and_then(|v| v.as_str()))
            })
    }
}
