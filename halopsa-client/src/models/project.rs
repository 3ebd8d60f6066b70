//! Projects (`/Projects`, schema `Faults`: projects are tickets).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A project (`/Projects`, spec schema `Faults` — Halo keeps projects as tickets; list key
/// `tickets`, as HaloAPI reads it).
///
/// The ticket fields are the same as [`Ticket`](super::Ticket)'s; this model adds the
/// project ones (budgets, progress, milestones) and keeps the rest in `extra`.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// The project (ticket) number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// One-line summary.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Details (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// Id of the ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Id of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Id of the project manager (assigned agent).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// The team **name**.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Id of the status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_id: Option<i64>,
    /// Id of the parent project.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Whether the ticket is a project.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_project: Option<bool>,
    /// When it was logged. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateoccurred: Option<String>,
    /// Start date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub startdate: Option<String>,
    /// Target date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub targetdate: Option<String>,
    /// Deadline. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub deadlinedate: Option<String>,
    /// When it was closed. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateclosed: Option<String>,
    /// Estimated time, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// Time taken, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timetaken: Option<f64>,
    /// Time budget, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub projecttimebudget: Option<f64>,
    /// Time spent, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub projecttimeactual: Option<f64>,
    /// Share of the time budget spent, in percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub projecttimepercentage: Option<f64>,
    /// Money budget.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub projectmoneybudget: Option<f64>,
    /// Money spent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub projectmoneyactual: Option<f64>,
    /// Budget type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub budgettype: Option<String>,
    /// Id of the current milestone.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub milestone_id: Option<i64>,
    /// Name of the current milestone.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub milestone_name: Option<String>,
    /// Number of child tickets (tasks).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub child_count: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
