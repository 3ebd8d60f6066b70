//! Service level agreements (`/SLA`, schema `SlaHead`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Priority;

/// A service level agreement (`/SLA`, spec schema `SlaHead`; list envelope unverified, both shapes accepted).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sla {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the working-hours calendar.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workday_id: Option<i64>,
    /// Name of the working-hours calendar.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workday_name: Option<String>,
    /// Hours follow the technician's local time.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hoursaretechslocaltime: Option<bool>,
    /// Response timer resets.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub responsereset: Option<bool>,
    /// Response time is tracked.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub trackslaresponsetime: Option<bool>,
    /// Fix-by time is tracked.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub trackslafixbytime: Option<bool>,
    /// The priorities (targets) of the SLA (with `showpriorities=true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priorities: Option<Vec<Priority>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
