//! An SLA priority (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A priority of an SLA (`/Priority`, spec schema `Policy`). Its `id` is a UUID **string**; `priorityid` is the number tickets use.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Priority {
    /// The priority row id — a UUID string, not a number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The priority number (what `Ticket::priority_id` holds).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub priorityid: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the SLA the priority belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slaid: Option<i64>,
    /// Response target.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub responsetime: Option<f64>,
    /// Unit of the response target.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub responseunits: Option<String>,
    /// Fix target.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fixtime: Option<f64>,
    /// Unit of the fix target.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fixunits: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Hidden from selection.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ishidden: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
