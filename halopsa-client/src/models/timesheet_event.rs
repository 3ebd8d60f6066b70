//! Timesheet events: the entries of an agent's day (`/TimesheetEvent`, schema
//! `TimesheetEvent`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A timesheet event (`/TimesheetEvent`, spec schema `TimesheetEvent`; bare array, unverified):
/// time an agent logged, on a ticket or not.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimesheetEvent {
    /// The event id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Event type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<i64>,
    /// Subject.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Start. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Time taken, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timetaken: Option<f64>,
    /// Travel time, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub traveltime: Option<f64>,
    /// Mileage.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mileage: Option<i64>,
    /// Break type code (for breaks).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub break_type: Option<i64>,
    /// Id of the ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Number of the action it logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub action_number: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Name of the customer.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Name of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Charge rate id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub charge_rate: Option<i64>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Id of the ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i64>,
    /// Id of the holiday (for holidays).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub holiday_id: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
