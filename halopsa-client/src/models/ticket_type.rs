//! A ticket type (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A ticket type (`/TicketType`, spec schema `RequestType`; list envelope unverified, both shapes accepted).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketType {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which module the record belongs to (e.g. `opps`, `reqs`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Id of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// Name of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the login agent can create tickets of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub cancreate: Option<bool>,
    /// Agents can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agentscanselect: Option<bool>,
    /// End users can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub enduserscanselect: Option<bool>,
    /// Anonymous users can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub anonymouscanselect: Option<bool>,
    /// Visible.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// Id of the default workflow.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<i64>,
    /// Id of the initial status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub initial_status: Option<i64>,
    /// Id of the default SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_sla: Option<i64>,
    /// Default category 1.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_category_1: Option<String>,
    /// ITIL request type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub itilrequesttype: Option<i64>,
    /// Whether time is billable by default.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isbillable: Option<bool>,
    /// Charge rate id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate: Option<i64>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
