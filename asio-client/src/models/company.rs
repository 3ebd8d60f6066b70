use serde::{Deserialize, Serialize};

use super::common::{Extra, Ref};

/// A company (client) of the partner: `GET /api/platform/v1/company/companies`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Company {
    /// The company id (GUID-like string).
    pub id: String,
    /// The company's name.
    pub name: String,
    /// A friendlier name.
    pub friendly_name: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// The partner's id.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub partner_id: Option<String>,
    /// Whether and how the company is active (`{id, name, activeFlag, …}`).
    pub activity_status: Option<Ref>,
    /// The primary contact (the one documented way to read a contact).
    pub primary_contact: Option<serde_json::Value>,
    /// The primary site (`{id, name, timeZone, …}`).
    pub primary_site: Option<Ref>,
    /// Ids of the company in other products.
    pub external_ids: Vec<serde_json::Value>,
    /// When the record was created.
    pub created_date: Option<String>,
    /// When the record was last updated.
    pub updated_date: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
