//! Ticket actions: notes, e-mails, time entries (`/Actions`, schema `Actions`).

use std::fmt;

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{CustomField, Outcome};

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
    /// Travel time, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub traveltime: Option<f64>,
    /// Mileage.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mileage: Option<f64>,
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
    /// E-mail "bcc".
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailbcc: Option<String>,
    /// E-mail subject.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailsubject: Option<String>,
    /// E-mail body (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailbody: Option<String>,
    /// E-mail body as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailbody_html: Option<String>,
    /// Number of attachments.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub attachment_count: Option<i64>,
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
    /// A private note on a ticket: `note` set and `hiddenfromuser` true, so the end user
    /// does not see it.
    ///
    /// No outcome is set; add the tenant's private-note outcome with
    /// [`with_outcome`](Self::with_outcome) (find it among the [`Outcome`]s with
    /// [`Outcome::is_private_note`]).
    ///
    /// ```
    /// use halopsa_client::models::Action;
    ///
    /// let note = Action::private_note(1042, "Restarted the spooler")?;
    /// assert_eq!(
    ///     serde_json::to_value(&note).unwrap(),
    ///     serde_json::json!({"ticket_id": 1042, "note": "Restarted the spooler", "hiddenfromuser": true})
    /// );
    /// # Ok::<(), halopsa_client::models::ActionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ActionError::EmptyNote`] when `text` is empty or blank.
    pub fn private_note(ticket_id: i64, text: impl Into<String>) -> Result<Action, ActionError> {
        Ok(Action {
            ticket_id: Some(ticket_id),
            note: Some(non_blank(text.into())?),
            hiddenfromuser: Some(true),
            ..Action::default()
        })
    }

    /// A note the end user sees: `note` set and `hiddenfromuser` false.
    ///
    /// It is not e-mailed unless you set `sendemail` (and the `emailto` address);
    /// add the tenant's outcome with [`with_outcome`](Self::with_outcome).
    ///
    /// # Errors
    ///
    /// [`ActionError::EmptyNote`] when `text` is empty or blank.
    pub fn public_note(ticket_id: i64, text: impl Into<String>) -> Result<Action, ActionError> {
        Ok(Action {
            ticket_id: Some(ticket_id),
            note: Some(non_blank(text.into())?),
            hiddenfromuser: Some(false),
            ..Action::default()
        })
    }

    /// Time logged on a ticket under `outcome`: `timetaken` (hours), the outcome's id and
    /// name, and `hiddenfromuser` as the outcome has it ([`Outcome::is_private_note`]).
    ///
    /// Any outcome can carry time; [`Outcome::is_time_entry`] tells which ones a tenant
    /// set up for it. Add a note with [`with_note`](Self::with_note), and `traveltime`
    /// or `mileage` as fields.
    ///
    /// ```
    /// use halopsa_client::models::{Action, Outcome};
    ///
    /// let remote = Outcome {
    ///     id: Some(7),
    ///     outcome: Some("Remote Support".into()),
    ///     defaultmanhrs: Some(0.25),
    ///     ..Default::default()
    /// };
    /// assert!(remote.is_time_entry());
    /// let entry = Action::time_entry(1042, &remote, 1.5)?.with_note("Replaced the fuser")?;
    /// assert_eq!((entry.outcome_id, entry.timetaken), (Some(7), Some(1.5)));
    /// assert_eq!(entry.hiddenfromuser, Some(false));
    /// # Ok::<(), halopsa_client::models::ActionError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ActionError::InvalidHours`] unless `hours` is a finite number above zero;
    /// [`ActionError::OutcomeWithoutId`] when the outcome has no `id` (it was not read
    /// from Halo).
    pub fn time_entry(
        ticket_id: i64,
        outcome: &Outcome,
        hours: f64,
    ) -> Result<Action, ActionError> {
        if !hours.is_finite() || hours <= 0.0 {
            return Err(ActionError::InvalidHours { hours });
        }
        Action {
            ticket_id: Some(ticket_id),
            timetaken: Some(hours),
            hiddenfromuser: Some(outcome.is_private_note()),
            ..Action::default()
        }
        .with_outcome(outcome)
    }

    /// Sets the action's outcome: `outcome_id` and the `outcome` name from a
    /// [`Outcome`] read from Halo.
    ///
    /// # Errors
    ///
    /// [`ActionError::OutcomeWithoutId`] when the outcome has no `id`.
    pub fn with_outcome(mut self, outcome: &Outcome) -> Result<Action, ActionError> {
        let id = outcome.id.ok_or_else(|| ActionError::OutcomeWithoutId {
            name: outcome.outcome.clone(),
        })?;
        self.outcome_id = Some(id);
        self.outcome = outcome.outcome.clone();
        Ok(self)
    }

    /// Sets the note text.
    ///
    /// # Errors
    ///
    /// [`ActionError::EmptyNote`] when `text` is empty or blank.
    pub fn with_note(mut self, text: impl Into<String>) -> Result<Action, ActionError> {
        self.note = Some(non_blank(text.into())?);
        Ok(self)
    }

    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}

fn non_blank(text: String) -> Result<String, ActionError> {
    if text.trim().is_empty() {
        Err(ActionError::EmptyNote)
    } else {
        Ok(text)
    }
}

/// Why a typed action constructor refused its input.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ActionError {
    /// The note text is empty or blank.
    EmptyNote,
    /// The hours of a time entry are not a finite number above zero.
    InvalidHours {
        /// The hours given.
        hours: f64,
    },
    /// The outcome has no `id`, so it cannot be referenced (read outcomes from `/Outcome`).
    OutcomeWithoutId {
        /// The outcome's name, if it has one.
        name: Option<String>,
    },
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::EmptyNote => f.write_str("the note is empty"),
            ActionError::InvalidHours { hours } => write!(
                f,
                "a time entry needs a finite number of hours above zero, not {hours}"
            ),
            ActionError::OutcomeWithoutId { name: Some(name) } => write!(
                f,
                "the outcome `{name}` has no id (read outcomes from /Outcome)"
            ),
            ActionError::OutcomeWithoutId { name: None } => {
                f.write_str("the outcome has no id (read outcomes from /Outcome)")
            }
        }
    }
}

impl std::error::Error for ActionError {}
