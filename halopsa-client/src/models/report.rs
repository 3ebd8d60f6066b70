//! Reports (`/Report`, schema `AnalyzerProfile`) and their output.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A report (`/Report`, spec schema `AnalyzerProfile`; list key `reports`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The report SQL.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sql: Option<String>,
    /// Id of the data source.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datasource_id: Option<i64>,
    /// Report type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Id of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// Name of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the report is published.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_published: Option<bool>,
    /// Published id (for `/ReportData/{publishedid}`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub published_id: Option<String>,
    /// Chart title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub charttitle: Option<String>,
    /// Chart type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub charttype: Option<i64>,
    /// Reporting period code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub reportingperiod: Option<i64>,
    /// Client the report is run for.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// The report output (rows), when loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportContent>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The output of a report run (spec schema `ReportContent`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportContent {
    /// Whether the report loaded.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub loaded: Option<bool>,
    /// Why it did not load.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub load_error: Option<String>,
    /// Result rows, one JSON object per row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Map<String, Value>>>,
    /// The result as an HTML table.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub table_html: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
