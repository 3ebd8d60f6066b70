//! Lookup values: Halo's configurable lists (`/Lookup?lookupid=…`, schema `Lookup`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One value of a lookup list (`/Lookup`, spec schema `Lookup`; list key `lookups`, unverified).
///
/// `lookupid` names the list (Halo numbers its lists: impact, urgency, expense types, …),
/// `id` the value within it; `name` is the text shown, `value2`…`value4` extra columns.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lookup {
    /// The value's id within its list.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the list it belongs to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lookupid: Option<i64>,
    /// The text shown.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Second column.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub value2: Option<String>,
    /// Third column.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub value3: Option<String>,
    /// Fourth column.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub value4: Option<String>,
    /// Second column as a flag.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub value2_bool: Option<bool>,
    /// Integer column.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub valueint1: Option<i64>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether it is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Custom column.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub custom1: Option<String>,
    /// Child values (for tree lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_lookup: Option<Vec<Lookup>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
