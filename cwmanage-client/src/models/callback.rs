//! Callbacks (webhooks): registrations (`/system/callbacks`) and what ConnectWise
//! posts to them.

use neo_auth_core::lenient;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

neo_auth_core::open_enum! {
    /// What a callback fires on changes of.
    pub enum CallbackType {
        /// Activities.
        Activity = "activity",
        /// Agreements.
        Agreement = "agreement",
        /// Companies.
        Company = "company",
        /// Contacts.
        Contact = "contact",
        /// Configurations.
        Configuration = "configuration",
        /// Invoices.
        Invoice = "invoice",
        /// Expenses.
        Expense = "expense",
        /// Members.
        Member = "member",
        /// Opportunities.
        Opportunity = "opportunity",
        /// Product catalog items.
        ProductCatalog = "productcatalog",
        /// Projects.
        Project = "project",
        /// Purchase orders.
        PurchaseOrder = "purchaseorder",
        /// Schedule entries.
        Schedule = "schedule",
        /// Sites.
        Site = "site",
        /// Tickets.
        Ticket = "ticket",
        /// Time entries.
        Time = "time",
    }
}

neo_auth_core::open_enum! {
    /// How fine-grained a callback is; with `owner`, `objectId` is 1.
    pub enum CallbackLevel {
        /// Every record of the type.
        Owner = "owner",
        /// Records of one board.
        Board = "board",
        /// Records in one status.
        Status = "status",
        /// Records of one type.
        Type = "type",
    }
}

/// A callback registration.
///
/// ```
/// use cwmanage_client::models::CallbackEntry;
/// let entry = CallbackEntry::all_tickets("https://hooks.example/cw?recordId=", "security product");
/// let json = serde_json::to_value(&entry).unwrap();
/// assert_eq!(json["type"], "ticket");
/// assert_eq!(json["level"], "owner");
/// assert_eq!(json["objectId"], 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "webhook")]
pub struct CallbackEntry {
    /// The registration's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// A description (at most 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where ConnectWise posts; it appends the record id, so end it with `recordId=`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The board, status or type id the level names (1 with level `owner`).
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub object_id: Option<i64>,
    /// What the callback fires on.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub callback_type: Option<CallbackType>,
    /// How fine-grained it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<CallbackLevel>,
    /// The member that registered it (read-only).
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub member_id: Option<i64>,
    /// Whether it is disabled (ConnectWise disables it after three days of failures).
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub inactive_flag: Option<bool>,
    /// Whether it is a SOAP callback.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_soap_callback_flag: Option<bool>,
    /// Whether the member's own changes are suppressed.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_self_suppressed_flag: Option<bool>,
    /// The payload version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_version: Option<String>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CallbackEntry {
    /// A callback on every ticket (level `owner`, object 1).
    pub fn all_tickets(url: impl Into<String>, description: impl Into<String>) -> Self {
        CallbackEntry {
            url: Some(url.into()),
            description: Some(description.into()),
            callback_type: Some(CallbackType::Ticket),
            level: Some(CallbackLevel::Owner),
            object_id: Some(1),
            ..Default::default()
        }
    }
}

neo_auth_core::open_enum! {
    /// What happened to the record a callback reports.
    pub enum CallbackAction {
        /// Created.
        Added = "added",
        /// Changed.
        Updated = "updated",
        /// Deleted.
        Deleted = "deleted",
    }
}

/// The metadata of a callback payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallbackMetadata {
    /// Where the signing key can be fetched: **untrusted** (the payload is not
    /// authenticated); the verifier only uses it when it is on the configured site.
    pub key_url: Option<String>,
    /// Other metadata, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What ConnectWise posts to a callback URL. `Entity` arrives as a JSON-encoded
/// string; it is decoded here into JSON.
///
/// ```
/// use cwmanage_client::models::{CallbackAction, CallbackPayload};
/// let p: CallbackPayload = serde_json::from_str(
///     r#"{"ID": 5000, "Action": "updated", "Type": "ticket",
///         "Entity": "{\"id\":5000,\"summary\":\"Printer\"}",
///         "Metadata": {"key_url": "https://api-na.myconnectwise.net/callback/key/1"}}"#,
/// ).unwrap();
/// assert_eq!(p.action, Some(CallbackAction::Updated));
/// assert_eq!(p.entity.unwrap()["summary"], "Printer");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallbackPayload {
    /// The record's id.
    #[serde(rename = "ID", deserialize_with = "lenient::opt_i64")]
    pub id: Option<i64>,
    /// What happened.
    #[serde(rename = "Action")]
    pub action: Option<CallbackAction>,
    /// The record type (lowercase, `ticket`).
    #[serde(rename = "Type")]
    pub record_type: Option<CallbackType>,
    /// The record, decoded from the JSON string ConnectWise sends.
    #[serde(rename = "Entity", deserialize_with = "entity")]
    pub entity: Option<Value>,
    /// Metadata (the signing key's URL).
    #[serde(rename = "Metadata")]
    pub metadata: Option<CallbackMetadata>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CallbackPayload {
    /// The entity decoded into a model (`Ticket`, `Company`, …).
    pub fn entity_as<T: serde::de::DeserializeOwned>(&self) -> neo_auth_core::Result<Option<T>> {
        match &self.entity {
            None => Ok(None),
            Some(value) => {
                let bytes = serde_json::to_vec(value).map_err(|e| {
                    neo_auth_core::Error::config_with(
                        "the callback entity could not be re-encoded",
                        e,
                    )
                })?;
                neo_auth_core::decode_json(&bytes).map(Some)
            }
        }
    }
}

/// `Entity`: a JSON-encoded string (decoded), an object (kept), `null` or `""` (none).
fn entity<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => serde_json::from_str(&s)
            .map(Some)
            .map_err(|e| serde::de::Error::custom(format!("Entity is not JSON: {e}"))),
        Some(other) => Ok(Some(other)),
    }
}
