//! Suppliers (`/Supplier`, schema `Company`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A supplier (`/Supplier`, spec schema `Company`; list key `suppliers`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Supplier {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Id of the top level (customer group).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i64>,
    /// Name of the top level (customer group).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub toplevel_name: Option<String>,
    /// Contact name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// E-mail address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// Support e-mail address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub support_email_address: Option<String>,
    /// Phone number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Website address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Accounts-package id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub accounts_id: Option<String>,
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

impl Supplier {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
