//! Field definitions of assets and other records (`/Field`, schema `Field`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Lookup;

/// A field definition (`/Field?kind=…`, spec schema `Field`; list key `fields`, unverified), such
/// as the fields of an asset type.
///
/// Ticket and custom field definitions are [`FieldInfo`](super::FieldInfo).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Field {
    /// The field id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Which kind of record it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the type definition.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub typeinfo_id: Option<i64>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether a value is required.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<bool>,
    /// Id of the lookup list its values come from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lookup: Option<i64>,
    /// The values to choose from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Lookup>>,
    /// Id of the parent type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parenttype_id: Option<i64>,
    /// Name of the parent type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parenttype_name: Option<String>,
    /// Id of the tab it is shown on.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tab_id: Option<i64>,
    /// Name of the tab.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tab_name: Option<String>,
    /// Group name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub groupname: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
