//! Client prepay records: hours or money paid in advance (`/ClientPrepay`, schema
//! `PrepayHistory`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A prepay record of a client (`/ClientPrepay`, spec schema `PrepayHistory`; list key
/// `prepays`, unverified).
///
/// Part of the contracts policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientPrepay {
    /// The record id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the client billed instead.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_to_invoice_to_id: Option<i64>,
    /// When it was bought or used. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Hours added (negative when used).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Amount.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of the invoice, as Halo types it (text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<String>,
    /// Number of the invoice.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    /// Invoice date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub invoicedate: Option<String>,
    /// When unused hours expire. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expirydate: Option<String>,
    /// Whether the expiry has been processed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expirychecked: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
