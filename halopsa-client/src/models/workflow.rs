//! A workflow and its steps (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A workflow (`/Workflow`, spec schema `FlowHeader`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workflow {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the workflow is active.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Marked not in use.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notinuse: Option<bool>,
    /// Whether tickets use it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub in_use: Option<bool>,
    /// Access-control level.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub access_control_level: Option<i64>,
    /// The steps (with `includedetails=true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<WorkflowStep>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A step of a workflow (spec schema `FlowDetail`; it has no `id`, `step_id` numbers it within the flow).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkflowStep {
    /// Row id of the step.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fdid: Option<i64>,
    /// Step number within the workflow.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub step_id: Option<i64>,
    /// Id of the workflow.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub flow_id: Option<i64>,
    /// Step name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The starting step.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isstart: Option<bool>,
    /// An end step.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isend: Option<bool>,
    /// Stage number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub stage_number: Option<i64>,
    /// Step type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub steptype: Option<i64>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
