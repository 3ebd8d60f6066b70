//! Ticket actions: notes, e-mails, time entries (`/Actions`, schema `Actions`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// An action on a ticket: note, e-mail, time entry or status change (`/Actions`, spec schema `Actions`; list key `actions`).
///
/// Action ids are numbered **per ticket** (every ticket has action 1): the key is (`ticket_id`, `id`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// The action number within its ticket (not unique across tickets).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the ticket the action belongs to (required on create).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Outcome name (e.g. "Private Note").
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Outcome id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub outcome_id: Option<i64>,
    /// The note (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The note as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note_html: Option<String>,
    /// Id of the agent who did it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub who_agentid: Option<i64>,
    /// Who-type code (agent, user, system).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub who_type: Option<i64>,
    /// Id of the agent the action is attributed to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actionby_agent_id: Option<i64>,
    /// When the action happened. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// When the action was created. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actiondatecreated: Option<String>,
    /// Arrival time (for site visits). Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actionarrivaldate: Option<String>,
    /// Completion time. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actioncompletiondate: Option<String>,
    /// Time taken, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timetaken: Option<f64>,
    /// Chargeable hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actionchargehours: Option<f64>,
    /// Non-chargeable hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actionnonchargehours: Option<f64>,
    /// Whether the time is billable.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actisbillable: Option<bool>,
    /// Charge rate id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate: Option<i64>,
    /// Hidden from the end user (a private note).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hiddenfromuser: Option<bool>,
    /// Private note text.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub private_note: Option<String>,
    /// Marked important.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub important: Option<bool>,
    /// On save: send the e-mail.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sendemail: Option<bool>,
    /// E-mail "to".
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailto: Option<String>,
    /// E-mail "cc".
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailcc: Option<String>,
    /// E-mail "from".
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailfrom: Option<String>,
    /// On save: the status id to move the ticket to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub new_status: Option<i64>,
    /// Name of the new status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub new_status_name: Option<String>,
    /// The status id before the action.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub old_status: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Action {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
