//! Recurring invoices: the templates Halo raises invoices from on a schedule
//! (`/RecurringInvoice`, schema `InvoiceHeader`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{CustomField, InvoiceLine};

/// A recurring invoice (`/RecurringInvoice`, spec schema `InvoiceHeader`, the schema of
/// [`Invoice`](super::Invoice); list key `invoices`).
///
/// A template rather than a bill: Halo creates an [`Invoice`](super::Invoice) from it every
/// period. Part of the invoices policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecurringInvoice {
    /// The recurring invoice id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the client (company) invoiced.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the client billed instead, when another company pays.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_to_invoice_to_id: Option<i64>,
    /// Id of the contract it bills.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Reference of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_ref: Option<String>,
    /// Id of the ticket it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Whether the record is a recurring invoice (always `true` here).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_recurring_invoice: Option<bool>,
    /// Whether the schedule is disabled (no more invoices are raised).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Billing period code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    /// Period type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub period_type: Option<i64>,
    /// Name of the billing period (e.g. "Monthly").
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub periodname: Option<String>,
    /// When the schedule starts. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub startdate: Option<String>,
    /// When the schedule ends. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub enddate: Option<String>,
    /// When an invoice was last raised from it. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lastcreated: Option<String>,
    /// When the next invoice will be raised. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nextcreationdate: Option<String>,
    /// The period the next invoice covers.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nextcreationperiod: Option<String>,
    /// Start of the current period. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub period_start_date: Option<String>,
    /// End of the current period. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub period_end_date: Option<String>,
    /// Invoice date of the template. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_date: Option<String>,
    /// Due date of the template. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub duedate: Option<String>,
    /// Payment terms code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub paymentterms: Option<i64>,
    /// Total including tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Total excluding tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_total: Option<f64>,
    /// Currency.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The lines each raised invoice gets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<InvoiceLine>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
