//! Clients: customer companies (`/Client`, schema `Area`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A client: a customer company (`/Client`, spec schema `Area`; list key `clients`).
///
/// Also available as [`Company`](super::Company), to avoid a clash with [`crate::Client`].
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Client {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the top level (customer group).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i64>,
    /// Name of the top level (customer group).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub toplevel_name: Option<String>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Website address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Id of the main site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub main_site_id: Option<i64>,
    /// Name of the main site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub main_site_name: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Marked as VIP.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_vip: Option<bool>,
    /// Reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// Accounts-package id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub accountsid: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Id of the client invoiced instead.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_to_invoice: Option<i64>,
    /// Id of the primary technician.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub pritech: Option<i64>,
    /// Id of the secondary technician.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sectech: Option<i64>,
    /// Id of the account manager.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub accountmanagertech: Option<i64>,
    /// Number of open tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub open_ticket_count: Option<i64>,
    /// When the record was created. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datecreated: Option<String>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Client {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
