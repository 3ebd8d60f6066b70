//! Sites of clients (`/Site`, schema `Site`) and their addresses.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A site of a client (`/Site`, spec schema `Site`; list key `sites`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Site {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the client (typed `double` in the spec; decoded as an integer).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// "Client / Site" display name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub clientsite_name: Option<String>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Id of the SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Phone number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub phonenumber: Option<String>,
    /// Time zone name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Whether this is the invoice site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isinvoicesite: Option<bool>,
    /// Whether the site is a stock location.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isstocklocation: Option<bool>,
    /// Name of the main contact.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub maincontact_name: Option<String>,
    /// Delivery address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_address: Option<Address>,
    /// Invoice address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_address: Option<Address>,
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

impl Site {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}

/// An address of a site (spec schema `AddressStore`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// Address id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Address type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Line 1.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// Line 2.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// Line 3.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub line3: Option<String>,
    /// Line 4.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub line4: Option<String>,
    /// Postcode.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Whether it is the primary address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
