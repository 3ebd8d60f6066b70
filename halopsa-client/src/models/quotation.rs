//! Quotations (`/Quotation`, schema `QuotationHeader`) and their lines.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A quotation (`/Quotation`, spec schema `QuotationHeader`; list key `quotes`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Quotation {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Quote date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Expiry date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
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
    /// Id of the ticket or opportunity it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Id of the agent who created it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Approval state code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub approvalstate: Option<i64>,
    /// Total, tax included.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Total before tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_total: Option<f64>,
    /// Purchase-order reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub po_ref: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Id of the sales order made from it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub salesorder_id: Option<i64>,
    /// Quotation lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<QuotationLine>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A line of a quotation (spec schema `QuotationDetail`; the spec has no plain quantity field).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotationLine {
    /// Line id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the quotation.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub qhid: Option<i64>,
    /// Id of the item (product).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    /// Product code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub productcode: Option<String>,
    /// Line name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Quantity.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub current_quantity: Option<f64>,
    /// Unit price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub baseprice: Option<f64>,
    /// Unit cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub costprice: Option<f64>,
    /// Net total.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub net_total: Option<f64>,
    /// Total price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_price: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<f64>,
    /// Discount, percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub discount_perc: Option<f64>,
    /// An optional line.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Name of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
