//! Notification webhooks (`/notifications/webhooks`) and their deliveries.

use std::collections::BTreeMap;
use std::fmt;

use neo_auth_core::lenient;
use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::de::{id_list, null_as_empty};
use super::priority::Priority;
use super::timestamp::Timestamp;

/// A webhook's signing secret (`SecretKey`): never printed.
#[derive(Clone)]
pub struct SecretKey(SecretString);

impl SecretKey {
    /// The secret, for a [`WebhookVerifier`](crate::WebhookVerifier).
    pub fn secret(&self) -> &SecretString {
        &self.0
    }

    /// Wraps a secret.
    pub fn new(secret: SecretString) -> Self {
        SecretKey(secret)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(** redacted **)")
    }
}

fn opt_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SecretKey>, D::Error> {
    Ok(lenient::opt_string(d)?
        .filter(|s| !s.is_empty())
        .map(|s| SecretKey(SecretString::from(s))))
}

/// A notification webhook.
///
/// ```
/// use vsax_client::models::{Priority, Webhook};
/// let w: Webhook = serde_json::from_str(
///     r#"{"Id":"wh-1","Name":"PSA bridge","Url":"https://example.com/h","Priorities":["critical"],"SecretKey":"k3y"}"#,
/// ).unwrap();
/// assert_eq!(w.priorities, [Priority::Critical]);
/// assert!(!format!("{w:?}").contains("k3y"));
/// ```
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Webhook {
    /// The webhook id, as text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Where deliveries go.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    /// Which priorities are delivered.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub priorities: Vec<Priority>,
    /// Which organizations are delivered (empty: all).
    #[serde(default, deserialize_with = "id_list")]
    pub organization_ids: Vec<i64>,
    /// Header names sent with deliveries (values are not kept: they often carry
    /// the receiver's credentials).
    #[serde(default, deserialize_with = "header_names")]
    pub headers: Vec<String>,
    /// The language of titles (`en`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub language: Option<String>,
    /// The signing secret, sent when the webhook is created or its secret regenerated.
    #[serde(default, deserialize_with = "opt_secret")]
    pub secret_key: Option<SecretKey>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn header_names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|h| {
                h.get("Name")
                    .or_else(|| h.get("Key"))
                    .and_then(Value::as_str)
            })
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    })
}

/// The body of `POST /notifications/webhooks` and of its update.
///
/// ```
/// use vsax_client::models::{Priority, WebhookSettings};
/// let body = WebhookSettings::new("PSA bridge", "https://example.com/hooks/vsax")
///     .priorities([Priority::Critical, Priority::Elevated]);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"Name":"PSA bridge","Url":"https://example.com/hooks/vsax","Priorities":["Critical","Elevated"],"OrganizationIds":[],"Headers":{},"Language":"en"}"#
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebhookSettings {
    /// The name.
    pub name: String,
    /// The description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where deliveries go (https).
    pub url: String,
    /// Which priorities are delivered.
    pub priorities: Vec<Priority>,
    /// Which organizations are delivered (empty: all).
    pub organization_ids: Vec<i64>,
    /// Headers sent with deliveries (values are never printed).
    pub headers: BTreeMap<String, String>,
    /// The language of titles.
    pub language: String,
}

impl WebhookSettings {
    /// A webhook for every priority and organization, in English.
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        WebhookSettings {
            name: name.into(),
            description: None,
            url: url.into(),
            priorities: Priority::KNOWN.to_vec(),
            organization_ids: Vec::new(),
            headers: BTreeMap::new(),
            language: "en".to_owned(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Delivers only these priorities.
    pub fn priorities(mut self, priorities: impl IntoIterator<Item = Priority>) -> Self {
        self.priorities = priorities.into_iter().collect();
        self
    }

    /// Delivers only these organizations.
    pub fn organizations(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.organization_ids = ids.into_iter().collect();
        self
    }

    /// Adds a header sent with every delivery.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }

    /// Sets the language of titles.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = language.into();
        self
    }
}

impl fmt::Debug for WebhookSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookSettings")
            .field("name", &self.name)
            .field("description", &self.description)
            .field("url", &self.url)
            .field("priorities", &self.priorities)
            .field("organization_ids", &self.organization_ids)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("language", &self.language)
            .finish()
    }
}

/// One delivery VSA X POSTs to a webhook (no "resolved" events are ever sent).
///
/// ```
/// use vsax_client::models::{Priority, WebhookDelivery};
/// let d: WebhookDelivery = serde_json::from_str(r#"{"Id":912,"Title":"Disk full","Message":"C: 2% free",
///   "DateTime":"2026-09-24T16:15:02Z","Priority":"Critical","DeviceIdentifier":"8f3c","OrganizationId":4821}"#).unwrap();
/// assert_eq!((d.id, d.priority), (Some(912), Some(Priority::Critical)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The notification id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub id: Option<i64>,
    /// The title (worded in the webhook's language).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
    /// The text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// When it was raised (ISO-8601 UTC).
    #[serde(default)]
    pub date_time: Option<Timestamp>,
    /// The priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// The device it is about.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_identifier: Option<String>,
    /// The device's organization.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
