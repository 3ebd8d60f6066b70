//! Knowledge-base articles (`/KBArticle`, schema `KBEntry`) and FAQ lists.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// A knowledge-base article (`/KBArticle`, spec schema `KBEntry`; list key `articles`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KbArticle {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Body (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Body as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// Resolution (plain text).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Resolution as HTML.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub resolution_html: Option<String>,
    /// Article type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Tags, comma-separated.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub tag_string: Option<String>,
    /// FAQ lists the article belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faqlists: Option<Vec<FaqList>>,
    /// Number of views.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub view_count: Option<i64>,
    /// When the article was created. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// When the article was last edited. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub date_edited: Option<String>,
    /// Next review date. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub next_review_date: Option<String>,
    /// Id of the agent who wrote it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<i64>,
    /// Name of the agent who wrote it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub creator_name: Option<String>,
    /// Id of the ticket it was created from.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl KbArticle {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}

/// An FAQ list a knowledge-base article belongs to (spec schema `FAQListHead`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaqList {
    /// FAQ list id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// FAQ list name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// Name of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Full path name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
