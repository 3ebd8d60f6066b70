//! A ticket status (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A ticket status (`/Status`, spec schema `TStatus`; bare array, or `statuses` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Short name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub shortname: Option<String>,
    /// Status type code (e.g. open, closed).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// What the SLA clock does in this status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slaaction: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
