//! Asset groups (`/AssetGroup`, schema `Generic`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::AssetType;

/// An asset group (`/AssetGroup`, spec schema `Generic`; bare array, unverified): a family of
/// [`AssetType`]s.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssetGroup {
    /// The asset group id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether assets in it are fixed assets.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isfixedasset: Option<bool>,
    /// Nominal (sales) code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nominalcode: Option<String>,
    /// Nominal purchase code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nominalcodepurchase: Option<String>,
    /// Id of the default site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub defaultsite: Option<i64>,
    /// Its asset types (on single reads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assettypes: Option<Vec<AssetType>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
