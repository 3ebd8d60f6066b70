//! Timesheets: an agent's day (`/Timesheet`, schema `Timesheet`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::TimesheetEvent;

/// An agent's timesheet for one day (`/Timesheet`, spec schema `Timesheet`; list key
/// `timesheets`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Timesheet {
    /// The timesheet id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// The day. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When the day started. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// When the day ended. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// Hours the agent should work.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub target_hours: Option<f64>,
    /// Hours logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actual_hours: Option<f64>,
    /// Chargeable hours logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargeable_hours: Option<f64>,
    /// Hours of breaks.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub break_hours: Option<f64>,
    /// Hours not accounted for.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub unlogged_hours: Option<f64>,
    /// Working hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub work_hours: Option<f64>,
    /// Share of the target logged, in percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub percentage: Option<f64>,
    /// Id of the workday.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workdayid: Option<i64>,
    /// Id of the agent who approves it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timesheet_manager: Option<i64>,
    /// The events of the day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<TimesheetEvent>>,
    /// The approval state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<TimesheetApproval>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The approval of a timesheet (spec schema `TimesheetApproval`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimesheetApproval {
    /// The approval id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the timesheet.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tsid: Option<i64>,
    /// Approval status code (the spec declares the values 0, 1 and 2 without naming them).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub approvalstatus: Option<i64>,
    /// Id of the agent who approved it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub approvedby: Option<i64>,
    /// Id of the agent who is to approve it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub approver: Option<i64>,
    /// When it was submitted. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub submissiondate: Option<String>,
    /// Message.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
