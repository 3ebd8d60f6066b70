//! CRM notes on clients and suppliers (`/CRMNote`, schema `AreaNote`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A CRM note (`/CRMNote`, spec schema `AreaNote`; list key `actions` per HaloAPI, unverified):
/// a note on a client, supplier or their orders and quotes, outside any ticket.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrmNote {
    /// The note id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Id of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Id of a related ticket.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticketid: Option<i64>,
    /// Id of a related quotation.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub quote_id: Option<i64>,
    /// Id of a related sales order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sales_order_id: Option<i64>,
    /// Id of a related purchase order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub purchase_order_id: Option<i64>,
    /// Id of a related invoice.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<i64>,
    /// When it was written. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// Id of the agent who wrote it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub who_agentid: Option<i64>,
    /// The note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Details.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Time taken, in hours.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timetaken: Option<f64>,
    /// When to call next. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nextcalldate: Option<String>,
    /// Satisfaction.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<String>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
