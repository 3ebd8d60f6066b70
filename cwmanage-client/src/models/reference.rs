//! Reference objects (`{id, identifier?, name?, _info?}`) and custom field values.

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A reference to another record: `CompanyReference`, `MemberReference`,
/// `BoardReference`, `ServiceStatusReference`, … share this shape.
///
/// When sent, give one of `id`, `identifier` or `name`; ConnectWise looks the
/// record up by it.
///
/// ```
/// use cwmanage_client::models::Reference;
/// let json = serde_json::to_value(Reference::identifier("ACME")).unwrap();
/// assert_eq!(json, serde_json::json!({"identifier": "ACME"}));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "CompanyReference")]
#[doc(alias = "MemberReference")]
#[doc(alias = "BoardReference")]
#[doc(alias = "ServiceStatusReference")]
pub struct Reference {
    /// The record's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The record's identifier (companies, members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The record's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Read-only metadata ConnectWise adds (`{"company_href": …}`).
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Reference {
    /// A reference by id.
    pub fn id(id: i64) -> Self {
        Reference {
            id: Some(id),
            ..Default::default()
        }
    }

    /// A reference by identifier (companies, members).
    pub fn identifier(identifier: impl Into<String>) -> Self {
        Reference {
            identifier: Some(identifier.into()),
            ..Default::default()
        }
    }

    /// A reference by name (statuses, boards, priorities).
    pub fn name(name: impl Into<String>) -> Self {
        Reference {
            name: Some(name.into()),
            ..Default::default()
        }
    }
}

neo_auth_core::open_enum! {
    /// The type of a custom field.
    pub enum CustomFieldType {
        /// Multi-line text.
        TextArea = "TextArea",
        /// A button.
        Button = "Button",
        /// A currency amount.
        Currency = "Currency",
        /// A date.
        Date = "Date",
        /// A link.
        Hyperlink = "Hyperlink",
        /// An IP address.
        IpAddress = "IPAddress",
        /// A checkbox.
        Checkbox = "Checkbox",
        /// A number.
        Number = "Number",
        /// A percentage.
        Percent = "Percent",
        /// Text.
        Text = "Text",
        /// A password.
        Password = "Password",
    }
}

neo_auth_core::open_enum! {
    /// How a custom field's value is entered.
    pub enum EntryMethod {
        /// A date picker.
        Date = "Date",
        /// A free entry field.
        EntryField = "EntryField",
        /// A list.
        List = "List",
        /// An option.
        Option = "Option",
    }
}

/// One custom field value of a record. On updates ConnectWise takes the whole
/// `customFields` array: see [`PatchOp::custom_fields`](crate::PatchOp::custom_fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CustomField {
    /// The field definition's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The caption shown in the UI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The field type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<CustomFieldType>,
    /// How the value is entered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_method: Option<EntryMethod>,
    /// Decimals of a number field.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub number_of_decimals: Option<i64>,
    /// The value, as JSON (string, number, boolean or null).
    pub value: Value,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CustomField {
    /// A value for the custom field `id`.
    pub fn new(id: i64, value: impl Into<Value>) -> Self {
        CustomField {
            id: Some(id),
            value: value.into(),
            ..Default::default()
        }
    }
}

/// The answer of a `…/count` endpoint: `{"count": 123}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Count {
    /// The number of records matching the conditions.
    #[serde(deserialize_with = "lenient::u64")]
    pub count: u64,
}
