//! Service boards and their statuses (`/service/boards`, `/service/boards/{id}/statuses`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::reference::Reference;

/// A service board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Board {
    /// The board's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Reference>,
    /// The department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<Reference>,
    /// Whether the board is inactive.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub inactive_flag: Option<bool>,
    /// Whether it is a project board.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub project_flag: Option<bool>,
    /// The status tickets get when closed automatically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_close_status: Option<Reference>,
    /// The dispatch member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispatch_member: Option<Reference>,
    /// The service manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_manager_member: Option<Reference>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

neo_auth_core::open_enum! {
    /// The escalation step a status stands for.
    pub enum EscalationStatus {
        /// Not responded.
        NotResponded = "NotResponded",
        /// Responded.
        Responded = "Responded",
        /// Resolution plan.
        ResolutionPlan = "ResolutionPlan",
        /// Resolved.
        Resolved = "Resolved",
        /// No escalation.
        NoEscalation = "NoEscalation",
    }
}

/// A status of a service board.
///
/// ```
/// use cwmanage_client::models::{BoardStatus, EscalationStatus};
/// let s: BoardStatus = serde_json::from_str(
///     r#"{"id": 17, "name": "New", "escalationStatus": "Responded", "closedStatus": "false"}"#,
/// ).unwrap();
/// assert_eq!(s.escalation_status, Some(EscalationStatus::Responded));
/// assert_eq!(s.closed_status, Some(false));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BoardStatus {
    /// The status's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The board.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<Reference>,
    /// Position in lists.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub sort_order: Option<i64>,
    /// Whether tickets in it show on the board.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub display_on_board: Option<bool>,
    /// Whether the status is inactive.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub inactive: Option<bool>,
    /// Whether it closes tickets.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_status: Option<bool>,
    /// Whether it is the board's default status.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_flag: Option<bool>,
    /// Whether time entries are refused in it.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_entry_not_allowed: Option<bool>,
    /// The escalation step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_status: Option<EscalationStatus>,
    /// Whether the customer portal shows it.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_portal_flag: Option<bool>,
    /// The status indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_indicator: Option<Reference>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
