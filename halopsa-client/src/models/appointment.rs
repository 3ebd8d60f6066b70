//! Calendar appointments and tasks (`/Appointment`, schema `Appointment`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An appointment or task in the calendar (`/Appointment`, spec schema `Appointment`; list key `appointments`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appointment {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Subject.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Start. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// All-day appointment.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub allday: Option<bool>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// Id of the ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Name of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Id of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Name of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Body text.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Body as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note_html: Option<String>,
    /// Id of the appointment type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub appointment_type_id: Option<i64>,
    /// Name of the appointment type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub appointment_type_name: Option<String>,
    /// Private appointment.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_private: Option<bool>,
    /// A task rather than an appointment.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_task: Option<bool>,
    /// Status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Completion status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub complete_status: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
