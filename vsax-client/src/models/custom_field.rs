//! Custom field values of a device, organization, site or group.

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One custom field's value (`/devices/{id}/customfields` and the same under
/// organizations, sites and groups). The value is kept as JSON: its type
/// depends on the field.
///
/// ```
/// use vsax_client::models::CustomFieldValue;
/// let f: CustomFieldValue =
///     serde_json::from_str(r#"{"Id":7,"Name":"Contract","Value":"Gold","Type":"Text"}"#).unwrap();
/// assert_eq!(f.value, "Gold");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CustomFieldValue {
    /// The custom field's id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub id: Option<i64>,
    /// The field's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// The value, as sent.
    #[serde(default)]
    pub value: Value,
    /// The field's type, as sent.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub r#type: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
