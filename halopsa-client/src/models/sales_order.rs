//! Sales orders (`/SalesOrder`, schema `OrderHead`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A sales order (`/SalesOrder`, spec schema `OrderHead`; list key `salesorders`).
///
/// Part of the invoices policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalesOrder {
    /// The sales order id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Summary.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client.
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
    /// Name of the user.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Id of the ticket it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Id of the quotation it came from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub quotation_id: Option<i64>,
    /// The client's purchase order number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub po_number: Option<String>,
    /// Status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Open/closed status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub open_status: Option<i64>,
    /// Order date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Shipping date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ship_date: Option<String>,
    /// Invoice date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_date: Option<String>,
    /// Number of the invoice raised from it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoicenumber: Option<String>,
    /// Total excluding tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_total: Option<f64>,
    /// Total including tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    /// Profit.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub profit: Option<f64>,
    /// Amount not yet invoiced.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub outstanding_total: Option<f64>,
    /// Share invoiced, in percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub percentage_invoiced: Option<f64>,
    /// Currency.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Id of the agent responsible.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assigned_agent: Option<i64>,
    /// Whether it is excluded from invoicing.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub do_not_invoice: Option<bool>,
    /// When it was last updated. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub last_update_time: Option<String>,
    /// The lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<SalesOrderLine>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A sales order line (spec schema `OrderLine`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalesOrderLine {
    /// The line id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the sales order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub salesorder_id: Option<i64>,
    /// Position on the order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sort_seq: Option<i64>,
    /// Id of the item (product).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    /// Product code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub productcode: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Unit price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub baseprice: Option<f64>,
    /// Unit cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub costprice: Option<f64>,
    /// Quantity shipped.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub quantity_shipped: Option<f64>,
    /// Quantity invoiced.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoiced_quantity: Option<f64>,
    /// Line total.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_price: Option<f64>,
    /// Line tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<f64>,
    /// Whether the line is taxed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub taxable: Option<bool>,
    /// Whether the line recurs.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub line_recurring: Option<bool>,
    /// Id of the recurring invoice the line bills through.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub recurringinvoice_id: Option<i64>,
    /// Id of the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i64>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
