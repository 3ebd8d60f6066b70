//! Contract schedules: the dated charges of a client contract
//! (`/ContractSchedule`, schema `ContractSchedule`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One scheduled charge of a contract (`/ContractSchedule`, spec schema `ContractSchedule`;
/// also [`Contract::schedule`](super::Contract::schedule)).
///
/// Its `id` is a **UUID string**; `chid` is the id of the contract. The spec types the
/// path id of `/ContractSchedule/{id}` as an integer, so which id that path takes (the
/// contract's, presumably) is unverified. Part of the contracts policy area.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractSchedule {
    /// The schedule entry id (a UUID).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Id of the contract (contract header).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chid: Option<i64>,
    /// Position in the schedule.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// When the charge falls due. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Amount.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Id of the agent who entered it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
