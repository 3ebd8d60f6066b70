//! Contract rules: which work a client contract covers and how it is charged (schema
//! `ContractDetail`, on the contract as [`Contract::billingplans`](super::Contract::billingplans)).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A contract rule (spec schema `ContractDetail`): a match on ticket type, priority and
/// categories, and the charge rate and cover that apply to matching work.
///
/// The spec has no endpoint of its own for them: read them with the contract
/// (`GET /ClientContract/{id}?includedetails=true`, field `billingplans`). Part of the
/// contracts policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractRule {
    /// Position (rules are matched in order).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Rule type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Id of the ticket type matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub requesttype: Option<i64>,
    /// Name of the ticket type matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub requesttype_name: Option<String>,
    /// ITIL request type code matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub itil_requesttype: Option<i64>,
    /// Priority matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    /// Category 1 matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_1: Option<String>,
    /// Category 2 matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_2: Option<String>,
    /// Category 3 matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_3: Option<String>,
    /// Category 4 matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_4: Option<String>,
    /// Whether category 1 matches by prefix.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub partialmatchcategory: Option<bool>,
    /// Id of the charge rate applied.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate_id: Option<i64>,
    /// Name of the charge rate applied.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate_name: Option<String>,
    /// Rate multiplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// Id of the billing plan.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<i64>,
    /// Name of the billing plan.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub plan_name: Option<String>,
    /// Id of the site matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site: Option<i64>,
    /// Name of the site matched.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Working-hours cover code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub work_hours_covered: Option<i64>,
    /// Whether the asset must be covered by the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub asset_covered_by_contract: Option<bool>,
    /// Whether the user must be covered by the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_covered_by_contract: Option<bool>,
    /// Whether matching work is excluded from the contract.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub not_included_in_contract: Option<bool>,
    /// Description of the billing plan.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub billing_plan_desc: Option<String>,
    /// Contract type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
