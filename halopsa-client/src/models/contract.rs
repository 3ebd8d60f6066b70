//! Client contracts (`/ClientContract`, schema `ContractHeader`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ContractRule, ContractSchedule, CustomField};

/// A client contract (`/ClientContract`, spec schema `ContractHeader`; list key `contracts`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contract {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
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
    /// Contract reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// Extra reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub refextra: Option<String>,
    /// Start date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Status code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Status text.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_status: Option<String>,
    /// Whether the contract has started.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    /// Whether the contract has expired.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub expired: Option<bool>,
    /// Charge per billing period.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub periodchargeamount: Option<f64>,
    /// Billing period code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub billingperiod: Option<i64>,
    /// Hours included per period.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargehoursperperiod: Option<f64>,
    /// Next invoice date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub next_invoice_date: Option<String>,
    /// Id of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Name of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_name: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The contract's rules: which work it covers and at which rate (on single reads with `includedetails`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billingplans: Option<Vec<ContractRule>>,
    /// The scheduled charges (on single reads with `includedetails`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<ContractSchedule>>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contract {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
