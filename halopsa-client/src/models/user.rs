//! Users: contacts at clients (`/Users`, schema `Users`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A user: a contact at a client (`/Users`, spec schema `Users`; list key `users`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Full name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Surname.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Initials.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// Job title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// E-mail address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub emailaddress: Option<String>,
    /// Phone number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub phonenumber: Option<String>,
    /// Preferred phone number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub phonenumber_preferred: Option<String>,
    /// Mobile number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub mobilenumber: Option<String>,
    /// Id of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i64>,
    /// Name of the client (company).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// Id of the site (typed `double` in the spec; decoded as an integer).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i64>,
    /// Id of the site, as an integer field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_id_int: Option<i64>,
    /// Name of the site.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Marked as an important contact.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isimportantcontact: Option<bool>,
    /// Portal login name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Id of the agent linked to this user.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub linked_agent_id: Option<i64>,
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

impl User {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
