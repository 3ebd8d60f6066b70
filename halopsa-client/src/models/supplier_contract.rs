//! Supplier contracts: what the MSP has agreed with its suppliers
//! (`/SupplierContract`, schema `Contract`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A supplier contract (`/SupplierContract`, spec schema `Contract`; list key `contracts`, unverified).
///
/// Part of the suppliers policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupplierContract {
    /// The contract id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_description: Option<String>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Name of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    /// Start. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Whether it has started.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    /// Whether it has expired.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expired: Option<bool>,
    /// Whether it is active.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Whether it is the supplier's default contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Id of the SLA the supplier owes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Name of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_name: Option<String>,
    /// First contact.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contact_1: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Costing information.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub costing_information: Option<String>,
    /// Id of the contract it renews.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub renewedfrom_id: Option<i64>,
    /// Id of the contract that renews it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub renewedby_id: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
