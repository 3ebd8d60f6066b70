//! Companies (`/company/companies`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::reference::{CustomField, Reference};

/// A company: one of the MSP's customers (or the MSP itself).
///
/// ```
/// use cwmanage_client::models::Company;
/// let c: Company = serde_json::from_str(
///     r#"{"id": 250, "identifier": "ACME", "name": "Acme Inc", "status": {"id": 1, "name": "Active"},
///         "deletedFlag": false, "someNewField": 7}"#,
/// ).unwrap();
/// assert_eq!(c.identifier.as_deref(), Some("ACME"));
/// assert_eq!(c.extra["someNewField"], 7);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Company {
    /// The company's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The short identifier (required on create, at most 30 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The name (required on create, at most 50 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The company status (`Active`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// The company types (sent on create only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<Reference>>,
    /// The main site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<Reference>,
    /// Address line 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Address line 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// Country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Reference>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Web site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Territory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<Reference>,
    /// The default contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_contact: Option<Reference>,
    /// Whether the company is deleted.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub deleted_flag: Option<bool>,
    /// Custom field values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomField>>,
    /// Read-only metadata (`lastUpdated`, `updatedBy`, …).
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
