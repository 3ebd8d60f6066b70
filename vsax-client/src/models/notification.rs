//! Notifications (`/notifications`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::priority::Priority;
use super::timestamp::Timestamp;

/// A notification. The sources disagree on names (`Identifier`/`Id`,
/// `Severity`/`Priority`, `Description`/`Message`, `CreatedOn`/`DateTime`):
/// both spellings are read.
///
/// ```
/// use vsax_client::models::{Notification, Priority};
/// let n: Notification = serde_json::from_str(
///     r#"{"Id":77,"Priority":"critical","Message":"Disk full","DateTime":"2026-09-24T16:15:02Z"}"#,
/// ).unwrap();
/// assert_eq!(n.identifier.as_deref(), Some("77"));
/// assert_eq!(n.severity, Some(Priority::Critical));
/// assert_eq!(n.description.as_deref(), Some("Disk full"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Notification {
    /// The notification id, as text (`Identifier` or `Id`).
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "Id")]
    pub identifier: Option<String>,
    /// The device it is about.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_identifier: Option<String>,
    /// The device's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_name: Option<String>,
    /// The severity (`Severity` or `Priority`).
    #[serde(default, alias = "Priority")]
    pub severity: Option<Priority>,
    /// The title.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
    /// The text (`Description` or `Message`).
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "Message")]
    pub description: Option<String>,
    /// When it was raised (`CreatedOn` or `DateTime`).
    #[serde(default, alias = "DateTime")]
    pub created_on: Option<Timestamp>,
    /// Whether it was read.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_read: Option<bool>,
    /// The organization.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub organization_id: Option<i64>,
    /// The organization's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub organization_name: Option<String>,
    /// The site.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub site_id: Option<i64>,
    /// The site's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub site_name: Option<String>,
    /// The group.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub group_id: Option<i64>,
    /// The group's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub group_name: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST /notifications`.
///
/// ```
/// use vsax_client::models::{CreateNotification, Priority};
/// let body = CreateNotification::new("api-device-1", "Backup failed", Priority::Critical)
///     .message("Job 'Nightly' failed twice");
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"InstanceId":"api-device-1","Title":"Backup failed","Message":"Job 'Nightly' failed twice","Priority":"Critical"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateNotification {
    /// The instance (API-published device) the notification is raised on.
    pub instance_id: String,
    /// The title.
    pub title: String,
    /// The text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The priority.
    pub priority: Priority,
}

impl CreateNotification {
    /// A notification with a title and a priority.
    pub fn new(
        instance_id: impl Into<String>,
        title: impl Into<String>,
        priority: Priority,
    ) -> Self {
        CreateNotification {
            instance_id: instance_id.into(),
            title: title.into(),
            message: None,
            priority,
        }
    }

    /// Adds the text.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }
}
