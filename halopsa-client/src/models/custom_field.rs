//! Custom fields (schema `CustomField`), carried by most records.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A custom field on a record (spec schema `CustomField`): its definition and, on records, its `value`.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomField {
    /// Field id (send it, with `value`, to set a field).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Internal name (e.g. `CFContractNumber`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Label shown to agents.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Field type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// The value: any JSON (text, number, list of selected options, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The value as displayed.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Input type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inputtype: Option<i64>,
    /// Which entity the field is used on.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub usage: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
