//! Field definitions of tickets, including custom fields (`/FieldInfo`, schema `FieldInfo`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Lookup;

/// A field definition (`/FieldInfo`, spec schema `FieldInfo`; bare array, unverified): a ticket
/// field or a custom field, with its type and its values.
///
/// Which fields a ticket type shows and requires is in
/// [`TicketType::fields`](super::TicketType::fields).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldInfo {
    /// The field id (a custom field's `id`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Internal name (e.g. `CFContractNumber`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Label shown to agents.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Long label.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub labellong: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Hint shown with the field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Field type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Input type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inputtype: Option<i64>,
    /// Whether it is a custom field (a code: 0 for built-in fields).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub custom: Option<i64>,
    /// Which records it is used on (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub usage: Option<i64>,
    /// Id of the lookup list its values come from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lookup: Option<i64>,
    /// The values to choose from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Lookup>>,
    /// Whether a value is required.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<bool>,
    /// Whether it is read-only.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// Default value.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub defaultvalue: Option<String>,
    /// Maximum length.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub characterlimit: Option<i64>,
    /// Pattern a value must match.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    /// Whether it is searchable.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub searchable: Option<bool>,
    /// Whether child tickets copy it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub copytochild: Option<bool>,
    /// The ticket field it maps to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub faults_field_name: Option<String>,
    /// The action field it maps to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub actions_field_name: Option<String>,
    /// Id of the tab it is shown on.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tab_id: Option<i64>,
    /// Name of the tab.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tab_name: Option<String>,
    /// Group name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub groupname: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
