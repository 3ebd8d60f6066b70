//! Asset types (`/AssetType`, schema `Xtype`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An asset type (`/AssetType`, spec schema `Xtype`; bare array, unverified): what an
/// [`Asset`](super::Asset)'s `assettype_id` names, within an [`AssetGroup`](super::AssetGroup).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetType {
    /// The asset type id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the asset group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assetgroup_id: Option<i64>,
    /// Name of the asset group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assetgroup_name: Option<String>,
    /// Id of the field that names assets of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub keyfield_id: Option<i64>,
    /// Name of the key field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub keyfield_name: Option<String>,
    /// Notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    /// Icon.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Whether end users see assets of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub show_to_users: Option<bool>,
    /// Cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// Monthly cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub monthlycost: Option<f64>,
    /// Yearly cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub yearlycost: Option<f64>,
    /// Item code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_code: Option<String>,
    /// Prefix of asset tags.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tagprefix: Option<String>,
    /// Whether assets of this type can be booked.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub enableresourcebooking: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
