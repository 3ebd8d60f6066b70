use serde::{Deserialize, Serialize};

use super::common::Extra;

/// A custom-field value of a company, site or endpoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomField {
    /// The field definition's id (some answers carry `attributeID` too, kept in `extra`).
    pub attribute_id: String,
    /// The field's name.
    pub name: Option<String>,
    /// The value as JSON (the API sends strings; kept as sent).
    pub value: serde_json::Value,
    /// `boolean`, `string`, `enum`, `datetime` or `integer`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// When it was last updated.
    pub updated_at: Option<String>,
    /// Who last updated it.
    pub updated_by: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
