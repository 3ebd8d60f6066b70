//! Assets (`/Asset`, schema `Device`) and their fields.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{CustomField, User};

/// An asset (configuration item) (`/Asset`, spec schema `Device`; list key `assets`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Asset {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Asset tag / inventory number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inventory_number: Option<String>,
    /// Value of the asset type's first key field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub key_field: Option<String>,
    /// Second key field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub key_field2: Option<String>,
    /// Third key field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub key_field3: Option<String>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Name of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Id of the asset type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assettype_id: Option<i64>,
    /// Name of the asset type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assettype_name: Option<String>,
    /// Id of the asset status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_id: Option<i64>,
    /// Name of the asset status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_name: Option<String>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// User name recorded on the asset.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Id of the parent asset.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Id of the item (product).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Name of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    /// Warranty end date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub warranty_end: Option<String>,
    /// Asset-type fields with their values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<AssetField>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Users linked to the asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<User>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Asset {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}

/// A field of an asset (spec schema `FieldHelper`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetField {
    /// Field id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Field name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value, as Halo sends it (any JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The value as displayed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
