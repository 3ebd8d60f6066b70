//! Service tickets (`/service/tickets`) and their notes.

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::reference::{CustomField, Reference};

neo_auth_core::open_enum! {
    /// What kind of ticket a record is.
    pub enum RecordType {
        /// A service ticket.
        ServiceTicket = "ServiceTicket",
        /// A project ticket.
        ProjectTicket = "ProjectTicket",
        /// A project issue.
        ProjectIssue = "ProjectIssue",
    }
}

neo_auth_core::open_enum! {
    /// A ticket's severity or impact.
    pub enum Level {
        /// Low.
        Low = "Low",
        /// Medium.
        Medium = "Medium",
        /// High.
        High = "High",
    }
}

/// A service ticket.
///
/// `initial_description`, `initial_internal_analysis` and `initial_resolution`
/// are sent on create only: ConnectWise never returns them (read notes instead).
///
/// ```
/// use cwmanage_client::models::{Reference, Ticket};
/// let ticket = Ticket {
///     summary: Some("Printer offline".into()),
///     company: Some(Reference::identifier("ACME")),
///     initial_description: Some("User reports…".into()),
///     ..Default::default()
/// };
/// let json = serde_json::to_value(&ticket).unwrap();
/// assert_eq!(json["company"]["identifier"], "ACME");
/// assert!(json.get("board").is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "ServiceTicket")]
pub struct Ticket {
    /// The ticket number.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The summary (required, at most 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Service ticket, project ticket or project issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_type: Option<RecordType>,
    /// The service board.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<Reference>,
    /// The board status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Reference>,
    /// The company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<Reference>,
    /// The company site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<Reference>,
    /// The contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Reference>,
    /// The contact's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// The contact's e-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email_address: Option<String>,
    /// The ticket type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ticket_type: Option<Reference>,
    /// The subtype.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<Reference>,
    /// The item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Reference>,
    /// The team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Reference>,
    /// The owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Reference>,
    /// The priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Reference>,
    /// The service location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_location: Option<Reference>,
    /// The source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Reference>,
    /// The severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Level>,
    /// The impact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<Level>,
    /// Whether the ticket is closed.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_flag: Option<bool>,
    /// When it was closed (`yyyy-MM-ddTHH:mm:ssZ`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_date: Option<String>,
    /// Who closed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    /// The first description (create only; never returned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_description: Option<String>,
    /// The first internal analysis (create only; never returned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_internal_analysis: Option<String>,
    /// The first resolution (create only; never returned).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_resolution: Option<String>,
    /// The assigned resources, as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// The due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_date: Option<String>,
    /// Budgeted hours.
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub budget_hours: Option<f64>,
    /// Hours worked.
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub actual_hours: Option<f64>,
    /// The agreement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Reference>,
    /// The SLA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<Reference>,
    /// The SLA status, as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_status: Option<String>,
    /// Whether the ticket is within its SLA.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_in_sla: Option<bool>,
    /// The parent ticket's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent_ticket_id: Option<i64>,
    /// Whether the ticket has children.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub has_child_ticket: Option<bool>,
    /// Custom field values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomField>>,
    /// Tags of integrations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrator_tags: Option<Vec<String>>,
    /// `false` skips ConnectWise's notifications for this write (default true).
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub process_notifications: Option<bool>,
    /// `true` keeps this write from triggering callbacks.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub skip_callback: Option<bool>,
    /// Read-only metadata (`lastUpdated`, `updatedBy`, …).
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A note of a service ticket (`/service/tickets/{id}/notes`, model `ServiceNote`).
///
/// ```
/// use cwmanage_client::models::TicketNote;
/// let note = TicketNote::discussion("Called user, rebooting spooler.");
/// let json = serde_json::to_value(&note).unwrap();
/// assert_eq!(json["detailDescriptionFlag"], true);
/// assert_eq!(json["internalAnalysisFlag"], false);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "ServiceNote")]
pub struct TicketNote {
    /// The note's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The ticket's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub ticket_id: Option<i64>,
    /// The text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A discussion note (visible to the customer).
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub detail_description_flag: Option<bool>,
    /// An internal note.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub internal_analysis_flag: Option<bool>,
    /// A resolution note.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolution_flag: Option<bool>,
    /// An issue note.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_flag: Option<bool>,
    /// Internal.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub internal_flag: Option<bool>,
    /// External.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub external_flag: Option<bool>,
    /// Whether the customer updated it.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_updated_flag: Option<bool>,
    /// `false` skips notifications.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub process_notifications: Option<bool>,
    /// The member who wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Reference>,
    /// The contact who wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Reference>,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Who created it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TicketNote {
    fn flagged(text: &str, detail: bool, internal: bool, resolution: bool) -> Self {
        TicketNote {
            text: Some(text.to_owned()),
            detail_description_flag: Some(detail),
            internal_analysis_flag: Some(internal),
            resolution_flag: Some(resolution),
            ..Default::default()
        }
    }

    /// A discussion note (the customer sees it).
    pub fn discussion(text: impl AsRef<str>) -> Self {
        Self::flagged(text.as_ref(), true, false, false)
    }

    /// An internal note (technicians only).
    pub fn internal(text: impl AsRef<str>) -> Self {
        Self::flagged(text.as_ref(), false, true, false)
    }

    /// A resolution note.
    pub fn resolution(text: impl AsRef<str>) -> Self {
        Self::flagged(text.as_ref(), false, false, true)
    }
}
