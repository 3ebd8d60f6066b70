use serde::{Deserialize, Serialize};

use super::common::{Extra, Ref};

/// A contact: a company's `primaryContact`, or a record of the contacts list
/// where the tenant offers one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// The contact id.
    pub id: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Primary e-mail (a string or `{emailAddress}`).
    pub primary_email: Option<serde_json::Value>,
    /// Primary phone number (a string or `{countryCode, nationalNumber, …}`).
    pub primary_phone_number: Option<serde_json::Value>,
    /// The company (and site) of the contact.
    pub company: Option<Ref>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
