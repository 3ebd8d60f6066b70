//! A team (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::TeamMembership;

/// A team (`/Team`, spec schema `SectionDetail`; bare array, or `teams` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Team {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Id of the department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Name of the department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub department_name: Option<String>,
    /// Used for tickets.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub forrequests: Option<bool>,
    /// Used for opportunities.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub foropps: Option<bool>,
    /// Used for projects.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub forprojects: Option<bool>,
    /// E-mail address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailaddress: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Agents in the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents: Option<Vec<TeamMembership>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
