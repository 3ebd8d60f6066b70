//! Invoices (`/Invoice`, schema `InvoiceHeader`) and their lines.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// An invoice (`/Invoice`, spec schema `InvoiceHeader`; list key `invoices`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Invoice {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Name of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Invoice number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoicenumber: Option<String>,
    /// Invoice number in the accounts package.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub thirdpartyinvoicenumber: Option<String>,
    /// Invoice date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_date: Option<String>,
    /// Due date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub duedate: Option<String>,
    /// When it was paid. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datepaid: Option<String>,
    /// Total, tax included.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Total before tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_total: Option<f64>,
    /// Amount paid.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub amountpaid: Option<f64>,
    /// Amount due.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub amountdue: Option<f64>,
    /// Whether the invoice is posted.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub posted: Option<bool>,
    /// Payment status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub paymentstatus: Option<i64>,
    /// Currency.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Contract reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_ref: Option<String>,
    /// Id of the ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes_1: Option<String>,
    /// Invoice lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<InvoiceLine>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Invoice {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}

/// A line of an invoice (spec schema `InvoiceDetail`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceLine {
    /// Line id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the invoice.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ihid: Option<i64>,
    /// Id of the item (`_itemid`).
    #[serde(
        rename = "_itemid",
        deserialize_with = "opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub itemid: Option<i64>,
    /// Item code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_code: Option<String>,
    /// Short description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_shortdescription: Option<String>,
    /// Long description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_longdescription: Option<String>,
    /// Quantity.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub qty_order: Option<f64>,
    /// Unit price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<f64>,
    /// Unit cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<f64>,
    /// Net amount.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub net_amount: Option<f64>,
    /// Tax amount.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_amount: Option<f64>,
    /// Tax rate.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_rate: Option<f64>,
    /// Tax code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// Nominal (ledger) code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nominal_code: Option<String>,
    /// Id of the asset.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub asset_id: Option<i64>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Id of the ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
