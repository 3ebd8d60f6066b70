//! Opportunities (`/Opportunities`, stored by Halo as tickets: schema `Faults`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// An opportunity (`/Opportunities`). Halo stores opportunities as tickets: the spec has no `Opps` schema and `POST /Opportunities` takes `Faults`; the list key is `tickets`.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opportunity {
    /// The opportunity number (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// One-line summary.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Details (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// Id of the (opportunity) ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Id of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Name of the user (contact).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Id of the owning agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the owning agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// The team **name**.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Id of the status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_id: Option<i64>,
    /// Name of the status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub status_name: Option<String>,
    /// When it was logged. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateoccurred: Option<String>,
    /// Target (expected close) date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub targetdate: Option<String>,
    /// When it was closed. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub dateclosed: Option<String>,
    /// Prospect contact name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppcontactname: Option<String>,
    /// Prospect company name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppcompanyname: Option<String>,
    /// Prospect e-mail.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppemailaddress: Option<String>,
    /// Prospect phone.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub opptel: Option<String>,
    /// Opportunity type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub opptype: Option<String>,
    /// Value.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppvalue: Option<f64>,
    /// Conversion probability, percent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppconversionprobability: Option<f64>,
    /// Value weighted by probability.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppvalueadjusted: Option<f64>,
    /// Profit.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppprofit: Option<f64>,
    /// When it was won. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppconverteddate: Option<String>,
    /// Won/lost reason.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppreason: Option<String>,
    /// Closure category code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub oppclosurecategory: Option<i64>,
    /// Id of the pipeline stage.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub pipeline_stage_id: Option<i64>,
    /// Name of the pipeline stage.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub pipeline_stage_name: Option<String>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Opportunity {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
