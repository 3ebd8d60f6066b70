//! Expenses logged against tickets (schema `Expense`; they travel on the ticket as
//! [`Ticket::expenses`](super::Ticket::expenses): the spec has no `/Expense` path).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An expense on a ticket (spec schema `Expense`, the items of the ticket field `expenses`).
///
/// Part of the invoices policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Expense {
    /// The expense id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the ticket (Halo calls tickets "faults").
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fault_id: Option<i64>,
    /// Number of the action it was logged with.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actionnumber: Option<i64>,
    /// Id of the agent who incurred it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Amount.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Id of a lookup value (the expense's type).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lookup_id: Option<i64>,
    /// Whether it is billed to the client.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoiceable: Option<bool>,
    /// Id of the invoice it was billed on.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ihid: Option<i64>,
    /// When it was logged. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    /// When it was reimbursed. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date_reimbursed: Option<String>,
    /// When it was invoiced. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date_invoiced: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
