//! Top levels: the tiers above clients (`/TopLevel`, schema `Tree`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A top level (`/TopLevel`, spec schema `Tree`; list key `tree`, unverified): the tier that
/// groups clients (a client's `toplevel_id`), e.g. one per reseller or region.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopLevel {
    /// The top level id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Long name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub long_name: Option<String>,
    /// Id of the parent top level.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parentid: Option<i64>,
    /// Notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Id of the organisation.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub organisation_id: Option<i64>,
    /// Name of the organisation.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub organisation_name: Option<String>,
    /// Whether it is an agent department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_department: Option<bool>,
    /// Number of users (contacts).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_count: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
