//! Outcomes: the kinds of action an agent can add to a ticket (`/Outcome`, schema
//! `TOutcome`), and what they tell about a new action.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An outcome (`/Outcome`, spec schema `TOutcome`; list key `outcomes`): a kind of action,
/// such as "Private Note", "Email User" or a time-logging outcome, with the defaults Halo
/// applies to actions of that kind.
///
/// Ids are per tenant: look outcomes up rather than guessing ids (the private-note one
/// by [`is_private_note`](Self::is_private_note)), and build actions from them with
/// [`Action::time_entry`](super::Action::time_entry) and
/// [`Action::with_outcome`](super::Action::with_outcome).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outcome {
    /// The outcome id (an action's `outcome_id`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name (an action's `outcome`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Label of the button that adds it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub buttonname: Option<String>,
    /// Long label.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub labellong: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether the outcome is hidden from the agent's buttons.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// System outcome code (0 for outcomes the tenant created).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub systemid: Option<i64>,
    /// Whether actions of this kind are hidden from the end user: a private note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hidefromuser: Option<bool>,
    /// Hours pre-filled on actions of this kind.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub defaultmanhrs: Option<f64>,
    /// Non-billable hours pre-filled on actions of this kind.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub defaultnonbill: Option<f64>,
    /// Whether actions of this kind start a timer.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub usetimer: Option<bool>,
    /// Unit code in which time is logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub logtimeunits: Option<i64>,
    /// Default charge rate id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate: Option<i64>,
    /// Whether it is a billing action.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isbillingaction: Option<bool>,
    /// Whether (and how) actions of this kind send an e-mail (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sendemail: Option<i64>,
    /// Whether the e-mail fields are shown.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub show_email_fields: Option<bool>,
    /// Id of the status a ticket moves to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub newstatus: Option<i64>,
    /// Note pre-filled on actions of this kind.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_note: Option<String>,
    /// Private note pre-filled on actions of this kind.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_private_note: Option<String>,
    /// Whether a note is required.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mustaddnote: Option<bool>,
    /// Id of the workflow it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Outcome {
    /// Whether actions of this kind are private notes: the outcome hides them from the
    /// end user (`hidefromuser`). Not set means not private.
    pub fn is_private_note(&self) -> bool {
        self.hidefromuser == Some(true)
    }

    /// Whether the outcome is meant for logging time: it starts a timer (`usetimer`) or
    /// pre-fills hours (`defaultmanhrs` or `defaultnonbill` above zero).
    ///
    /// Halo has no single "time entry" flag; any outcome can carry time, so this tells
    /// which outcomes a tenant set up for it.
    pub fn is_time_entry(&self) -> bool {
        let positive = |hours: Option<f64>| hours.is_some_and(|h| h > 0.0);
        self.usetimer == Some(true) || positive(self.defaultmanhrs) || positive(self.defaultnonbill)
    }

    /// Whether agents can pick it: not `hidden`.
    pub fn is_selectable(&self) -> bool {
        self.hidden != Some(true)
    }
}
