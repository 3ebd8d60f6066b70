//! Purchase orders to suppliers (`/PurchaseOrder`, schema `SupplierOrderHeader`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A purchase order (`/PurchaseOrder`, spec schema `SupplierOrderHeader`; list key `purchaseorders`).
///
/// Part of the invoices policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PurchaseOrder {
    /// The purchase order id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Purchase order reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub po_ref: Option<String>,
    /// Title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Id of the supplier ordered from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Name of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    /// Id of the client (company) it is for.
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
    /// Id of the sales order it fulfils.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub salesorder_id: Option<i64>,
    /// Status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Approval status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub approval_status: Option<i64>,
    /// Whether it needs approval.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub requires_approval: Option<bool>,
    /// Goods-in status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub goodsin_status: Option<i64>,
    /// Order date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When it was sent. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datesent: Option<String>,
    /// Estimated delivery. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub est_delivery_date: Option<String>,
    /// Due date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub duedate: Option<String>,
    /// Total excluding tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// Tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tax_total: Option<f64>,
    /// Total including tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Currency.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether goods are delivered to the MSP rather than the client.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub deliver_to_us: Option<bool>,
    /// Id of the agent responsible.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assigned_agent: Option<i64>,
    /// When it was last updated. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub last_update_time: Option<String>,
    /// The lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<PurchaseOrderLine>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A purchase order line (spec schema `SupplierOrderDetail`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PurchaseOrderLine {
    /// The line id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the purchase order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub purchaseorder_id: Option<i64>,
    /// Position on the order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sort_seq: Option<i64>,
    /// Id of the item (product).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    /// Item code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub item_code: Option<String>,
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
    /// Quantity received so far.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub quantity_received: Option<f64>,
    /// Line total.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_price: Option<f64>,
    /// Line tax.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<f64>,
    /// Id of the sales order it fulfils.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub salesorder_id: Option<i64>,
    /// Id of the sales order line it fulfils.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub salesorder_line_id: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
