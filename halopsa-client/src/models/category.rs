//! A ticket category value (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A ticket category value (`/Category`, spec schema `CategoryDetail`; bare array, or `categories` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Category {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Which category (1–4) this value is for.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub type_id: Option<i64>,
    /// The category value (what tickets store).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Display name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_name: Option<String>,
    /// Default SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Default priority.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub priority_id: Option<i64>,
    /// Id of the category group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub category_group_id: Option<i64>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
