//! The tenant hierarchy: Organization → Site → Group (→ Device).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An organization (`/organizations`; integer id).
///
/// ```
/// use vsax_client::models::Organization;
/// let o: Organization = serde_json::from_str(r#"{"Id":4821,"Name":"Acme","IsMultiSite":true}"#).unwrap();
/// assert_eq!((o.id, o.is_multi_site), (4821, Some(true)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Organization {
    /// The organization id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Whether it has more than one site.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_multi_site: Option<bool>,
    /// Whether custom fields are set on it.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub has_custom_fields: Option<bool>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A site of an organization (`/sites`; integer id). Fields beyond `Id` and
/// `Name` are unverified.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Site {
    /// The site id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The organization, as `ParentId` (the create body's name for it).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub parent_id: Option<i64>,
    /// The organization, as `OrganizationId`.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// The organization's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub organization_name: Option<String>,
    /// Contact details.
    #[serde(default)]
    pub contact_information: Option<ContactInformation>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Site {
    /// The site's organization, from `OrganizationId` or `ParentId`.
    pub fn organization(&self) -> Option<i64> {
        self.organization_id.or(self.parent_id)
    }
}

/// A group of a site (`/groups`; integer id). Fields beyond `Id`, `Name` and
/// `Notes` are unverified.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Group {
    /// The group id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Notes.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub notes: Option<String>,
    /// The site, as `ParentId` (the create body's name for it).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub parent_id: Option<i64>,
    /// The site, as `SiteId`.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub site_id: Option<i64>,
    /// The site's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub site_name: Option<String>,
    /// The organization.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// The organization's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub organization_name: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Group {
    /// The group's site, from `SiteId` or `ParentId`.
    pub fn site(&self) -> Option<i64> {
        self.site_id.or(self.parent_id)
    }
}

/// A site's contact details (`ContactInformation`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ContactInformation {
    /// Phone.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    /// Fax.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub fax: Option<String>,
    /// E-mail.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    /// Contact person.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_name: Option<String>,
    /// Country code.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_code: Option<String>,
    /// City.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<String>,
    /// Address, first line.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub address1: Option<String>,
    /// Address, second line.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub address2: Option<String>,
    /// Postal code.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub zip: Option<String>,
}
