//! Tickets (`/Tickets`, schema `Faults`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Asset, CustomField, Expense};

/// A ticket (`/Tickets`, spec schema `Faults`; list key `tickets`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ticket {
    /// The ticket number (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// One-line summary.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Details (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// Details as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub details_html: Option<String>,
    /// Id of the ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i64>,
    /// Name of the ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tickettype_name: Option<String>,
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
    /// E-mail of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// Id of the agent the ticket is assigned to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the assigned agent (often empty on lists).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// The team **name** the ticket is assigned to (Halo uses the name, not an id).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Id of the status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_id: Option<i64>,
    /// Name of the status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_name: Option<String>,
    /// Priority number (the `priorityid` of a [`Priority`](super::Priority)).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub priority_id: Option<i64>,
    /// Id of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Name of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_name: Option<String>,
    /// Category 1 (text value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_1: Option<String>,
    /// Category 2 (text value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_2: Option<String>,
    /// Category 3 (text value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_3: Option<String>,
    /// Category 4 (text value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_4: Option<String>,
    /// Category 1 (id of the [`Category`](super::Category) value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub categoryid_1: Option<i64>,
    /// Category 2 (id of the [`Category`](super::Category) value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub categoryid_2: Option<i64>,
    /// Category 3 (id of the [`Category`](super::Category) value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub categoryid_3: Option<i64>,
    /// Category 4 (id of the [`Category`](super::Category) value).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub categoryid_4: Option<i64>,
    /// Impact code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub impact: Option<i64>,
    /// Urgency code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub urgency: Option<i64>,
    /// When the issue occurred (the creation date lists carry). Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateoccurred: Option<String>,
    /// When the ticket was created (often empty on lists). Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datecreated: Option<String>,
    /// When the ticket was closed. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateclosed: Option<String>,
    /// When the last action was added. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lastactiondate: Option<String>,
    /// When the ticket was last updated. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub last_update: Option<String>,
    /// Deadline. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub deadlinedate: Option<String>,
    /// SLA response target. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub respondbydate: Option<String>,
    /// SLA fix target. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fixbydate: Option<String>,
    /// Start date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub startdate: Option<String>,
    /// Target date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub targetdate: Option<String>,
    /// SLA state code as Halo sends it (e.g. `I`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slastate: Option<String>,
    /// SLA response state code as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slaresponsestate: Option<String>,
    /// When the SLA next needs action. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slaactiondate: Option<String>,
    /// SLA time left, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slatimeleft: Option<f64>,
    /// Share of the SLA time used, in percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slapercused: Option<f64>,
    /// Time the SLA clock has been on hold, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub slaholdtime: Option<f64>,
    /// Whether the SLA clock is on hold.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub onhold: Option<bool>,
    /// Whether the ticket is excluded from SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub excludefromsla: Option<bool>,
    /// Estimated time, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// Time taken, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timetaken: Option<f64>,
    /// Chargeable hours logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargehours: Option<f64>,
    /// Non-chargeable hours logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nonchargehours: Option<f64>,
    /// Travel hours logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub travelhours: Option<f64>,
    /// Mileage logged.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mileage: Option<f64>,
    /// Number of attachments.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub attachment_count: Option<i64>,
    /// Whether the ticket is deleted.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Id of the parent ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// Id of the workflow.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<i64>,
    /// Current workflow step.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workflow_step: Option<i64>,
    /// Source code (how the ticket was logged).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub source: Option<i64>,
    /// Who reported the issue (free text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub reportedby: Option<String>,
    /// E-mail "to" list.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailtolist: Option<String>,
    /// E-mail "cc" list.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailcclist: Option<String>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Expenses logged on the ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expenses: Option<Vec<Expense>>,
    /// Linked assets (Halo wants `[{"id": 3945}]` when linking).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<Asset>>,
    /// On save: skip the ticket rules.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dont_do_rules: Option<bool>,
    /// On save: skip validation (`_novalidate`).
    #[serde(
        rename = "_novalidate",
        deserialize_with = "opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub novalidate: Option<bool>,
    /// On save: return the saved ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub return_this: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Ticket {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
